"""Look inside an .xlsx package before (and beside) parsing it.

Two jobs, both bounded in time and memory:

* ``check_package`` refuses files that are not safe or not workbooks at all:
  zip bombs (limits on total uncompressed size and on compression ratio),
  XML with a DOCTYPE/ENTITY declaration (no real workbook has one; entity
  expansion attacks need one), a zip that is not a workbook (a renamed .docx),
  encrypted or legacy .xls files, and sheets far larger than any input
  (a million rows) — judged from the sheet's declared dimension and size.
* ``scan_sheets`` reports what pandas cannot see in the cells: merged cells,
  hidden rows and sheets, formulas that Excel never calculated (no cached
  value), and cells formatted as a percentage (so 100% typed by staff, stored
  as 1, is read as the 100 they see).

Macros in an .xlsm are never run: values are read, the VBA part is ignored
(and said so).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .numbers import fmt_id

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # 200 MB: the example's five workbooks hold under 2 MB
MAX_MEMBER_RATIO = 200  # a sheet compresses about 5-15 times; a bomb, thousands
RATIO_CHECK_FROM = 5 * 1024 * 1024  # ratios of small parts are not meaningful
MAX_SHEET_ROWS = 20_000  # rows in one input sheet (the example's largest has about 110)
MAX_SHEET_BYTES = 40 * 1024 * 1024  # uncompressed XML of one sheet
HEAD_BYTES = 2048

_DIMENSION = re.compile(rb'<dimension[^>]*\bref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_VALUE = re.compile(rb"<v>[^<]")  # a cached value that is not empty ("<v></v>" is what never-calculated looks like)
_MERGE = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
PERCENT_BUILTIN = {9, 10}


class Refused(Exception):
    """The file must not be parsed; ``reason`` says why, in Indonesian."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class SheetFacts:
    merged: list[tuple[str, int, int]] = field(default_factory=list)  # (range, first row, last row)
    hidden_rows: list[int] = field(default_factory=list)
    no_cached_value: list[str] = field(default_factory=list)  # cell refs of formulas never calculated
    percent_cells: set[str] = field(default_factory=set)  # refs of numeric cells shown as a percentage
    hidden: bool = False


@dataclass
class PackageFacts:
    has_macros: bool = False
    sheets: dict[str, SheetFacts] = field(default_factory=dict)


def _ole_reason(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(256 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in head or b"EncryptionInfo" in head \
            or "EncryptionInfo".encode("utf-16-le") in head:
        return ("workbook ini dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandinya "
                "(File > Info > Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu jalankan lagi")
    return ("file ini berformat Excel lama (.xls). Buka di Excel lalu simpan ulang sebagai "
            "'Excel Workbook (.xlsx)'")


def check_package(path: Path) -> zipfile.ZipFile:
    """Open the package and run every refusal check; the caller closes the returned ZipFile."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise Refused("file kosong (0 byte)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(_ole_reason(path))
    if not head.startswith(b"PK\x03\x04"):
        raise Refused("file ini bukan workbook Excel (.xlsx)")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Refused("file ini rusak atau bukan workbook Excel (.xlsx)") from None
    try:
        names = set(zf.namelist())
        if "content.xml" in names and "mimetype" in names:
            raise Refused("file ini berformat OpenDocument (.ods); buka lalu simpan sebagai 'Excel Workbook (.xlsx)'")
        if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
            kind = "dokumen Word" if "word/document.xml" in names else (
                "presentasi PowerPoint" if "ppt/presentation.xml" in names else "arsip zip")
            raise Refused(f"file ini {kind}, bukan workbook Excel, meskipun namanya berakhiran .xlsx")
        if "xl/workbook.bin" in names:
            raise Refused("file ini berformat .xlsb; simpan ulang sebagai 'Excel Workbook (.xlsx)'")
        total = 0
        for info in zf.infolist():
            total += info.file_size
            if total > MAX_TOTAL_UNCOMPRESSED:
                raise Refused(f"isi file terlalu besar setelah diekstrak (lebih dari "
                              f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MB); file ditolak demi keamanan (zip bomb)")
            if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
                raise Refused(f"bagian {info.filename} memiliki rasio kompresi tidak wajar "
                              f"({info.file_size // max(info.compress_size, 1)}:1); file ditolak demi keamanan "
                              "(zip bomb)")
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels", ".vml")):
                with zf.open(info) as part:
                    start = part.read(HEAD_BYTES)
                if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                    raise Refused(f"bagian {info.filename} berisi deklarasi DOCTYPE/ENTITY yang tidak pernah "
                                  "ada di workbook Excel asli; file ditolak demi keamanan")
        for target in sheet_parts(zf).values():
            info = zf.getinfo(target)
            with zf.open(info) as part:
                start = part.read(HEAD_BYTES)
            m = _DIMENSION.search(start)
            rows = int(m.group(1)) if m and m.group(1) else None
            if (rows and rows > MAX_SHEET_ROWS) or info.file_size > MAX_SHEET_BYTES:
                shown = fmt_id(rows) if rows else "sangat banyak"
                limit = fmt_id(MAX_SHEET_ROWS)
                raise Refused(f"salah satu sheet berisi {shown} baris, jauh di atas batas {limit} baris untuk "
                              "isian; hapus baris kosong/berlebih (Ctrl+Shift+End menunjukkan akhir data) lalu simpan")
    except Refused:
        zf.close()
        raise
    return zf


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name inside the package, from workbook.xml and its relationships."""
    wb = zf.read("xl/workbook.xml")
    rels = zf.read("xl/_rels/workbook.xml.rels")
    targets = {m.group(1).decode(): m.group(2).decode()
               for m in re.finditer(rb'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"', rels)}
    targets.update({m.group(2).decode(): m.group(1).decode()
                    for m in re.finditer(rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"', rels)})
    out = {}
    for m in re.finditer(rb"<sheet\b([^>]*)/?>", wb):
        attrs = m.group(1)
        name = re.search(rb'\bname="([^"]*)"', attrs)
        rid = re.search(rb'\br:id="([^"]*)"', attrs) or re.search(rb'\b\w+:id="([^"]*)"', attrs)
        if not name or not rid or rid.group(1).decode() not in targets:
            continue
        target = targets[rid.group(1).decode()]
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[_unescape(name.group(1).decode())] = part
    return out


def _unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _hidden_sheets(zf: zipfile.ZipFile) -> set[str]:
    wb = zf.read("xl/workbook.xml")
    hidden = set()
    for m in re.finditer(rb"<sheet\b([^>]*)/?>", wb):
        attrs = m.group(1)
        if re.search(rb'\bstate="(hidden|veryHidden)"', attrs):
            name = re.search(rb'\bname="([^"]*)"', attrs)
            if name:
                hidden.add(_unescape(name.group(1).decode()))
    return hidden


def _percent_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of cellXfs whose number format shows a percentage."""
    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return set()
    custom = {int(m.group(1)) for m in re.finditer(rb'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)
              if b"%" in m.group(2)}
    xfs = re.search(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    if not xfs:
        return set()
    out = set()
    for i, m in enumerate(re.finditer(rb"<xf\b([^>]*)", xfs.group(1))):
        fid = re.search(rb'numFmtId="(\d+)"', m.group(1))
        if fid and (int(fid.group(1)) in PERCENT_BUILTIN or int(fid.group(1)) in custom):
            out.add(i)
    return out


def scan_sheets(zf: zipfile.ZipFile, names: list[str], first_data_row: int) -> PackageFacts:
    """Structural facts of the named sheets (those the schema reads)."""
    facts = PackageFacts(has_macros="xl/vbaProject.bin" in zf.namelist())
    parts = sheet_parts(zf)
    hidden = _hidden_sheets(zf)
    percent = _percent_styles(zf)
    for name in names:
        if name not in parts:
            continue
        xml = zf.read(parts[name])
        sf = SheetFacts(hidden=name in hidden)
        for m in _MERGE.finditer(xml):
            r1 = int(m.group(2))
            r2 = int(m.group(4)) if m.group(4) else r1
            if r2 >= first_data_row:
                ref = m.group(0).split(b'ref="')[1].rstrip(b'"').decode()
                sf.merged.append((ref, r1, r2))
        sf.hidden_rows = [int(r) for r in _ROW_HIDDEN.findall(xml) if int(r) >= first_data_row]
        for m in _CELL.finditer(xml):
            attrs, body = m.group(1), m.group(3) or b""
            ref = _REF.search(attrs)
            if not ref or int(ref.group(2)) < first_data_row:
                continue
            cell = (ref.group(1) + ref.group(2)).decode()
            has_value = _VALUE.search(body) is not None
            if b"<f" in body and not has_value:
                sf.no_cached_value.append(cell)
            style = _STYLE.search(attrs)
            if percent and style and int(style.group(1)) in percent and has_value and b't="s"' not in attrs:
                sf.percent_cells.add(cell)
        facts.sheets[name] = sf
    return facts
