"""Builders of hostile files from a copy of an example workbook (used by tests and scripts/hostile_bench.py)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


def rewrite_zip(src: Path, dest: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
        for name, data in add.items():
            zout.writestr(name, data)


def sheet_part(path: Path, sheet: str) -> str:
    from lkjip_xls.inputs.inspect import sheet_parts

    with zipfile.ZipFile(path) as zf:
        return sheet_parts(zf)[sheet]


def million_rows(src: Path, dest: Path, sheet: str = "Sarpras", rows: int = 1_000_000, dimension: bool = True):
    part = sheet_part(src, sheet)
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c><c r="C%d"><v>1</v></c></row>'
                    % (i, i, i) for i in range(4, rows + 4))
    dim = b'<dimension ref="A1:F%d"/>' % (rows + 3) if dimension else b""
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + dim +
           b"<sheetData>" + body + b"</sheetData></worksheet>")
    rewrite_zip(src, dest, {part: xml})


def zip_bomb(src: Path, dest: Path, size: int = 60 * 1024 * 1024):
    """A sheet part that inflates from a few tens of kilobytes to ``size`` bytes."""
    part = sheet_part(src, "Sarpras")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for item in zin.infolist():
            if item.filename != part:
                zout.writestr(item.filename, zin.read(item.filename))
        with zout.open(part, "w") as fh:
            fh.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def entity_expansion(src: Path, dest: Path):
    rewrite_zip(src, dest, {"xl/sharedStrings.xml": BILLION_LAUGHS})


def renamed_docx(dest: Path):
    with zipfile.ZipFile(dest, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")


def with_macros(src: Path, dest: Path):
    rewrite_zip(src, dest, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake vba"})


def strip(text: bytes) -> bytes:
    return re.sub(rb"\s+", b" ", text)


def set_cell_xml(path: Path, sheet: str, ref: str, cell: bytes):
    """Replace the ``<c>`` element of ``ref`` in ``sheet`` by ``cell`` (a whole ``<c ...>...</c>``), as
    Excel or LibreOffice would have saved it; the cell must exist in the file."""
    part = sheet_part(path, sheet)
    with zipfile.ZipFile(path) as z:
        xml = z.read(part)
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    assert pattern.search(xml), f"cell {ref} not in {sheet}"
    tmp = path.with_name(path.name + ".tmp")
    rewrite_zip(path, tmp, {part: pattern.sub(lambda m: cell, xml, count=1)})
    tmp.replace(path)


def error_cell(ref: str, value: str = "#DIV/0!", formula: str | None = "1/0") -> bytes:
    f = f"<f>{formula}</f>" if formula else ""
    return f'<c r="{ref}" t="e">{f}<v>{value}</v></c>'.encode()


def empty_text_cell(ref: str) -> bytes:
    """A formula whose result is "" as Excel and LibreOffice store it."""
    return f'<c r="{ref}" t="str"><f>IF(1,"","x")</f><v></v></c>'.encode()


def with_prefix(path: Path, sheet: str):
    """Rewrite one sheet's XML with a namespace prefix on every element (<x:c>), as some generators do."""
    part = sheet_part(path, sheet)
    with zipfile.ZipFile(path) as z:
        xml = z.read(part).decode()
    head, body = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    head = head + "?>" if head else ""
    body = re.sub(r"<(/?)([A-Za-z]\w*)([\s>/])", lambda m: f"<{m.group(1)}x:{m.group(2)}{m.group(3)}", body)
    body = body.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    tmp = path.with_name(path.name + ".tmp")
    rewrite_zip(path, tmp, {part: (head + body).encode()})
    tmp.replace(path)


def far_cell(src: Path, dest: Path, ref: str, sheet: str = "Sarpras", dimension: str | None = "keep"):
    """``sheet`` with one more value at ``ref`` (e.g. XFD1048576); its ``<dimension>`` kept as it was
    (stale), replaced by ``dimension``, or removed (None)."""
    part = sheet_part(src, sheet)
    with zipfile.ZipFile(src) as z:
        xml = z.read(part)
    row = re.match(r"[A-Z]+(\d+)", ref).group(1)
    xml = xml.replace(b"</sheetData>", b'<row r="%s"><c r="%s"><v>1</v></c></row></sheetData>'
                      % (row.encode(), ref.encode()))
    if dimension is None:
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
    elif dimension != "keep":
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % dimension.encode(), xml)
    rewrite_zip(src, dest, {part: xml})


def lying_bomb(src: Path, dest: Path, size: int = 3 * 1024**3, declared: int = 4096):
    """A sheet part that inflates to ``size`` bytes while the zip directory (local header and central
    directory) declares ``declared``: a check of declared sizes passes it."""
    import struct

    part = sheet_part(src, "Sarpras")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for item in zin.infolist():
            if item.filename != part:
                zout.writestr(item.filename, zin.read(item.filename))
        with zout.open(part, "w", force_zip64=False) as fh:
            fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                     b'2006/main"><sheetData>')
            chunk = b"<row/>" * (1 << 18)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    data = bytearray(dest.read_bytes())
    name = part.encode()
    local = data.find(b"PK\x03\x04" + bytes(14))  # placeholder, found below by name instead
    for sig, size_at, name_len_at, head in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = 0
        while True:
            at = data.find(sig, at)
            if at < 0:
                break
            n = struct.unpack_from("<H", data, at + name_len_at)[0]
            if bytes(data[at + head:at + head + n]) == name:
                struct.pack_into("<I", data, at + size_at, declared)
            at += 4
    del local
    dest.write_bytes(bytes(data))
