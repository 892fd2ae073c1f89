"""Cell-by-cell comparison of two results workbooks (issue 32): every cell of every sheet, hidden ones
included, as Excel shows it: its value or text, its formula and its number format.

A forger who recomputes the seal can still change a formula under its saved value (Excel recalculates
on opening), replace a number format by a literal ("97,33" shown over 89,82) or edit a text; none of
these changes a number calamine reads. Comparing the sheet XML of the received workbook with the one
recomputed from the isian catches each of them.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "m/d/yyyy",
                   49: "@"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART = 256 << 20  # a sheet part larger than this is not ours


def _text(node) -> str:
    return "".join(t.text or "" for t in node.iter(f"{NS}t"))


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_PART:
        raise ValueError(name)
    with zf.open(info) as fh:
        data = fh.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise ValueError(name)
    return data


def workbook_cells(xlsx: bytes) -> dict[str, dict[str, tuple]]:
    """{sheet name: {A1 reference: (value, formula, number format)}} of a workbook's bytes."""
    from ..inputs.inspect import sheet_parts

    zf = zipfile.ZipFile(io.BytesIO(xlsx))
    names = set(zf.namelist())
    strings: list[str] = []
    if "xl/sharedStrings.xml" in names:
        root = etree.fromstring(_read(zf, "xl/sharedStrings.xml"), PARSER)
        strings = [_text(si) for si in root.iter(f"{NS}si")]
    formats: list[str] = []
    if "xl/styles.xml" in names:
        root = etree.fromstring(_read(zf, "xl/styles.xml"), PARSER)
        codes = dict(BUILTIN_FORMATS)
        for nf in root.iter(f"{NS}numFmt"):
            codes[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
        xfs = root.find(f"{NS}cellXfs")
        if xfs is not None:
            formats = [codes.get(int(xf.get("numFmtId", "0")), f"#{xf.get('numFmtId')}") for xf in xfs]
    out: dict[str, dict[str, tuple]] = {}
    for sheet, part in sheet_parts(zf).items():
        if part not in names:
            continue
        cells: dict[str, tuple] = {}
        root = etree.fromstring(_read(zf, part), PARSER)
        data = root.find(f"{NS}sheetData")
        for c in (data.iter(f"{NS}c") if data is not None else ()):
            kind = c.get("t")
            v = c.find(f"{NS}v")
            f = c.find(f"{NS}f")
            raw = v.text if v is not None else None
            if kind == "s" and raw is not None:
                value = strings[int(raw)] if raw.isdigit() and int(raw) < len(strings) else raw
            elif kind == "inlineStr":
                value = _text(c)
            elif kind in ("str", "e", "b"):
                value = raw
            elif raw is not None:
                try:
                    value = round(float(raw), 9)
                except ValueError:
                    value = raw
            else:
                value = None
            style = int(c.get("s", "0"))
            fmt = formats[style] if style < len(formats) else "General"
            formula = (f.text or "") if f is not None else None
            if value in (None, "") and formula is None:
                if fmt == "General":
                    continue
                value = None
            cells[c.get("r")] = (value, formula, fmt)
        out[sheet] = cells
    return out


def differences(received: dict, recomputed: dict, skip: dict[str, set[str]] | None = None) -> list[str]:
    """Every cell that differs, as "sheet X sel B5: tampil …, dihitung ulang dari isian …"; ``skip``
    names cells not compared (the run's time stamp)."""
    skip = skip or {}
    out: list[str] = []
    for sheet in sorted(set(received) | set(recomputed)):
        if sheet not in received:
            out.append(f"sheet {sheet} tidak ada di workbook, padahal ada pada hasil hitung ulang")
            continue
        if sheet not in recomputed:
            out.append(f"sheet {sheet} ada di workbook, padahal tidak ada pada hasil hitung ulang")
            continue
        a, b = received[sheet], recomputed[sheet]
        for ref in sorted(set(a) | set(b), key=_order):
            if ref in skip.get(sheet, ()):
                continue
            x, y = a.get(ref), b.get(ref)
            if x == y:
                continue
            out.append(f"sheet {sheet} sel {ref}: {_describe(x, y)}")
    return out


def _order(ref: str):
    m = re.match(r"([A-Z]+)(\d+)", ref)
    return (int(m.group(2)), len(m.group(1)), m.group(1)) if m else (0, 0, ref)


def _shown(value) -> str:
    from decimal import Decimal

    from ..inputs.numbers import fmt_id

    if value is None or value == "":
        return "kosong"
    if isinstance(value, float):
        d = Decimal(repr(value))
        return fmt_id(d.to_integral_value() if d == d.to_integral_value() else d.normalize())
    return f"'{value}'"


def _describe(got, expected) -> str:
    got = got or (None, None, "General")
    expected = expected or (None, None, "General")
    parts = []
    if got[0] != expected[0]:
        parts.append(f"tampil {_shown(got[0])}, dihitung ulang dari isian {_shown(expected[0])}")
    if got[1] != expected[1]:
        parts.append(f"rumus {('=' + got[1]) if got[1] is not None else 'tidak ada'}, dari isian "
                     f"{('=' + expected[1]) if expected[1] is not None else 'tanpa rumus'}")
    if got[2] != expected[2]:
        parts.append(f"format angka '{got[2]}', dari isian '{expected[2]}'")
    return "; ".join(parts)
