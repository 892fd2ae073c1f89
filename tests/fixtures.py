"""Helpers that break a copy of the example the way staff and files really do."""

from __future__ import annotations

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


def to_pdf(path: Path, workdir: Path) -> Path:
    """``path`` (a workbook or a document) converted to PDF by LibreOffice."""
    out = workdir / "pdf"
    out.mkdir(exist_ok=True)
    profile = workdir / "lo-profile-pdf"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=240)
    return out / (path.stem + ".pdf")
