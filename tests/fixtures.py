"""Helpers that break a copy of the example the way staff and files really do."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl


def set_cells(path: Path, sheet: str, values: dict[str, object]):
    """Change cells of one sheet with openpyxl (as a user editing in Excel would)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for ref, value in values.items():
        ws[ref].value = value
    wb.save(path)


def delete_sheet(path: Path, sheet: str):
    wb = openpyxl.load_workbook(path)
    del wb[sheet]
    wb.save(path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def copy_to(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


# LibreOffice ----------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""


def libreoffice_resave(path: Path, workdir: Path) -> Path:
    """``path`` opened by LibreOffice with 'always recalculate' and saved again as .xlsx (in ``workdir``)."""
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_XCU)
    out = workdir / "recalc"
    out.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--calc",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / path.name


# Reading a rendered PDF ----------------------------------------------------------------------

@dataclass
class PdfText:
    top: float
    left: float
    size: int  # points, as rendered (after any fit-to-page scaling)
    text: str


def pdf_pages(pdf: Path) -> list[list[PdfText]]:
    """The text of each page with its rendered font size (poppler's pdftohtml, at zoom 1)."""
    import xml.etree.ElementTree as ET

    out = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    sizes = {f.get("id"): int(f.get("size")) for f in root.iter("fontspec")}
    pages = []
    for page in root.iter("page"):
        texts = [PdfText(float(t.get("top")), float(t.get("left")), sizes[t.get("font")],
                         "".join(t.itertext()).strip()) for t in page.iter("text")]
        pages.append([t for t in texts if t.text])
    return pages


def pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of each page (poppler's pdfinfo)."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)], capture_output=True, check=True,
                         text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def to_pdf(path: Path, workdir: Path) -> Path:
    """``path`` (a workbook or a document) converted to PDF by LibreOffice."""
    out = workdir / "pdf"
    out.mkdir(exist_ok=True)
    profile = workdir / "lo-profile-pdf"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=240)
    return out / (path.stem + ".pdf")


def find_cell(path: Path, sheet: str, field: str, **match) -> str:
    """The Excel reference of ``field``'s cell in the one data row of ``sheet`` whose fields start with the
    ``match`` values (column found by its header, as the reader finds it): tests do not hard-code layouts."""
    from xlsxwriter.utility import xl_col_to_name

    from lkjip_xls.inputs import schema as S
    from lkjip_xls.inputs.reader import _norm

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    spec = next(s for w in S.WORKBOOKS for s in w.sheets if s.name == sheet and not s.form)
    header = [_norm(h) for h in rows[S.HEADER_ROW - 1]]
    col = {f.key: header.index(_norm(f.header)) for f in spec.fields if _norm(f.header) in header}
    hits = [r for r, row in enumerate(rows[S.FIRST_DATA_ROW - 1:], start=S.FIRST_DATA_ROW)
            if all(str(row[col[k]] or "").startswith(str(v)) for k, v in match.items())]
    assert len(hits) == 1, (sheet, match, hits)
    return f"{xl_col_to_name(col[field])}{hits[0]}"


def type_into(path: Path, typed: dict[str, object], keys: dict[str, tuple[str, ...]] | None = None):
    """Type values into the workbook at ``path`` as staff do in Excel: ``typed`` maps a sheet to its rows
    (dicts by field key) or, for a form, to its values. A row whose ``keys`` fields match an existing row
    fills that row; any other row goes to the next empty row. Only the typed (not derived) fields are set."""
    from decimal import Decimal

    from lkjip_xls.inputs import matching as M
    from lkjip_xls.inputs import schema as S
    from lkjip_xls.inputs.reader import _norm

    keys = keys or {}
    wb = openpyxl.load_workbook(path)
    for sheet_name, content in typed.items():
        spec = next(s for w in S.WORKBOOKS for s in w.sheets if s.name == sheet_name and s.name in wb.sheetnames)
        ws = wb[sheet_name]

        def put(cell, value):
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            cell.value = value
        if spec.form:
            labels = {_norm(ws.cell(r, 1).value): r for r in range(S.FIRST_DATA_ROW, ws.max_row + 1)}
            for f in spec.fields:
                if f.key in content and not f.derived:
                    put(ws.cell(labels[_norm(f.header)], 2), content[f.key])
            continue
        header = {_norm(ws.cell(S.HEADER_ROW, c).value): c for c in range(1, ws.max_column + 1)}
        col = {f.key: header[_norm(f.header)] for f in spec.fields if _norm(f.header) in header}
        key_fields = keys.get(sheet_name, ())

        def key_of(values):
            return tuple(M.key(values.get(k)) for k in key_fields)
        existing = {}
        for r in range(S.FIRST_DATA_ROW, ws.max_row + 1):
            values = {k: ws.cell(r, c).value for k, c in col.items()}
            if key_fields and any(v is not None for v in values.values()):
                existing.setdefault(key_of(values), r)
        next_row = max([r for r in range(S.FIRST_DATA_ROW, ws.max_row + 1)
                        if any(ws.cell(r, c).value is not None for c in col.values())], default=S.FIRST_DATA_ROW - 1) + 1
        for row in content:
            target = existing.pop(key_of(row), None) if key_fields else None
            if target is None:
                target, next_row = next_row, next_row + 1
                fields = [f for f in spec.fields if not f.derived]
            else:
                fields = [f for f in spec.fields if not (f.derived or f.prefill)]
            for f in fields:
                if f.key in col and row.get(f.key) is not None:
                    put(ws.cell(target, col[f.key]), row[f.key])
    wb.save(path)
