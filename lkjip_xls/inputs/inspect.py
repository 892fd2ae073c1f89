"""Look inside an .xlsx package before (and beside) parsing it.

Two jobs, both bounded in time and memory:

* ``check_package`` refuses files that are not safe or not workbooks at all:
  zip bombs (limits on total uncompressed size and on compression ratio),
  XML with a DOCTYPE/ENTITY declaration (no real workbook has one; entity
  expansion attacks need one), a zip that is not a workbook (a renamed .docx),
  encrypted or legacy .xls files, and sheets far larger than any input
  (a million rows, a value at XFD1048576) — judged by ``guard``, which inflates
  every part itself through a streaming limit that ignores the sizes the zip
  declares and measures each sheet's extent from its XML as it streams by,
  before calamine (which would allocate the whole range) sees the file.
* ``scan_sheets`` reports what pandas cannot see in the cells: merged cells,
  hidden rows and sheets, formulas that Excel never calculated (no cached
  value), formulas whose result is empty text, Excel error values (#DIV/0!,
  #N/A: calamine returns them as empty text), cells formatted as a percentage
  (so 100% typed by staff, stored as 1, is read as the 100 they see) and
  number formats that show fewer decimals than the cell holds.

The XML is matched with patterns that accept a namespace prefix (``<x:c>``, as
some generators write) and cells or rows without an ``r`` attribute (their
position follows the previous one, as Excel reads them).

Macros in an .xlsm are never run: values are read, the VBA part is ignored
(and said so).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .numbers import fmt_id

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # 200 MB: the example's five workbooks hold under 2 MB
MAX_MEMBER_RATIO = 200  # a sheet compresses about 5-15 times; a bomb, thousands
RATIO_CHECK_FROM = 5 * 1024 * 1024  # ratios of small parts are not meaningful
MAX_SHEET_ROWS = 20_000  # rows in one input sheet (the example's largest has about 110)
MAX_SHEET_BYTES = 40 * 1024 * 1024  # uncompressed XML of one sheet
HEAD_BYTES = 2048

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix: <x:c> is <c>
_DIMENSION = re.compile(rb"<" + _P + rb'dimension\b[^>]*\bref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_ROW = re.compile(rb"<" + _P + rb"row\b([^>]*?)(?:/>|>(.*?)</" + _P + rb"row>)", re.S)
_CELL = re.compile(rb"<" + _P + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _P + rb"c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_FORMULA = re.compile(rb"<" + _P + rb"f\b")
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)</" + _P + rb"v>")
_DECIMAL_VALUE = re.compile(rb"<" + _P + rb"v>[^<]*[.Ee]")  # a stored value with decimals or an exponent
_MERGE = re.compile(rb"<" + _P + rb'mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SHEET = re.compile(rb"<" + _P + rb"sheet\b([^>]*?)/?>")
_RELATIONSHIP = re.compile(rb"<" + _P + rb"Relationship\b([^>]*?)/?>")
_NUMFMT = re.compile(rb"<" + _P + rb"numFmt\b([^>]*?)/?>")
_CELLXFS = re.compile(rb"<" + _P + rb"cellXfs\b[^>]*>(.*?)</" + _P + rb"cellXfs>", re.S)
_XF = re.compile(rb"<" + _P + rb"xf\b([^>]*)")
PERCENT_BUILTIN = {9, 10}
# built-in number formats that show a fixed number of decimals (ECMA-376 18.8.30)
PLACES_BUILTIN = {1: 0, 2: 2, 3: 0, 4: 2, 37: 0, 38: 0, 39: 2, 40: 2, 41: 0, 42: 0, 43: 2, 44: 2}


class native_stderr_quiet:
    """While a native reader (calamine, in Rust) works, what it writes to the process's stderr (a panic's
    message and backtrace) goes to nothing: the panic itself reaches Python as ``PanicException`` and is
    reported as a damaged file, with the user's own message. Cheap: two ``dup2`` per use."""

    def __enter__(self):
        import os
        import sys

        try:
            sys.stderr.flush()
            self.saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            self.saved = None
        return self

    def __exit__(self, *exc):
        import os

        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)
        return False


def is_reader_failure(exc: BaseException) -> bool:
    """A Rust panic inside calamine (``pyo3_runtime.PanicException`` derives from BaseException, so
    ``except Exception`` does not catch it): the file is damaged, the program is not."""
    return type(exc).__name__ == "PanicException"


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
    errors: dict[str, str] = field(default_factory=dict)  # ref -> Excel error value shown (#DIV/0!, #N/A)
    empty_text: set[str] = field(default_factory=set)  # refs of formulas whose result is "" (shown empty)
    percent_cells: set[str] = field(default_factory=set)  # refs of numeric cells shown as a percentage
    rounded: dict[str, int] = field(default_factory=dict)  # ref -> decimals shown, where the value has more
    hidden: bool = False
    rows: set[int] = field(default_factory=set)  # rows holding any of the cells above


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


def check_sizes(zf: zipfile.ZipFile):
    """Refuse a zip bomb from the sizes its directory declares, before anything is inflated."""
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


# Inflating and measuring every part ourselves, before calamine sees the file ----------------------------
# calamine (Rust) inflates a member whole, whatever size the zip directory declares, and allocates a
# sheet's dense range from its extent (one value at XFD1048576 is 512 GiB: the process aborts, no
# exception). So every part is inflated here through a streaming limit that ignores the declared sizes,
# and every sheet's extent is measured from its XML as it streams by.

@dataclass(frozen=True)
class Bounds:
    total: int = MAX_TOTAL_UNCOMPRESSED  # bytes inflated over the whole package
    sheet: int = MAX_SHEET_BYTES  # bytes of one sheet's XML
    rows: int = MAX_SHEET_ROWS  # last row of a sheet
    cols: int = 200  # last column of a sheet (GR); the widest sheet the program reads has about 40
    what: str = "isian"  # what the file is, for the message


INPUT_BOUNDS = Bounds()
# a results workbook (rekap, last month's workbook): a dinas with 2.000 indicators has sheets of some
# 10.000 rows; a SIPD export: one row per budget line
RESULT_BOUNDS = Bounds(rows=200_000, sheet=120 * 1024 * 1024, what="workbook hasil")
EXPORT_BOUNDS = Bounds(rows=200_000, sheet=120 * 1024 * 1024, what="ekspor SIPD")
CHUNK = 1 << 20
_FAR = re.compile(rb'\br="([A-Z]{2,3})(\d+)"|\br="([A-Z])(\d{4,})"')  # candidates: column AA on, or row 1000 on
_DIMENSION_REF = re.compile(rb"<" + _P + rb'dimension\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_ROW_TAG = re.compile(rb"<" + _P + rb"row\b")


def _far(col: int, row: int, bounds: Bounds) -> bool:
    return col > bounds.cols or row > bounds.rows


def _extent_refusal(sheet: str, col: int, row: int, bounds: Bounds) -> Refused:
    return Refused(f"sheet '{sheet}' terbentang sampai sel {_col_letters(col)}{row} ({fmt_id(row)} baris, "
                   f"{fmt_id(col)} kolom), jauh di atas batas {bounds.what} ({fmt_id(bounds.rows)} baris, "
                   f"{fmt_id(bounds.cols)} kolom). Di Excel tekan Ctrl+End pada sheet itu untuk melihat sel "
                   "terjauhnya, hapus baris dan kolom kosong sesudah data (pilih, klik kanan › Delete), simpan, "
                   "lalu jalankan lagi")


def _raw_start(fp, info: zipfile.ZipInfo) -> int:
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)
    return info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")


def _stream(fp, info: zipfile.ZipInfo, end: int, limit: int):
    """The inflated bytes of one member, chunk by chunk, never more than ``limit`` + one chunk (whatever
    its declared size says); ValueError past the limit."""
    if info.flag_bits & 0x1:
        raise Refused("workbook ini dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandinya, simpan, "
                      "lalu jalankan lagi")
    start = _raw_start(fp, info)
    fp.seek(start)
    left = max(0, end - start)
    if info.compress_type == zipfile.ZIP_STORED:
        left = min(left, info.compress_size)
        done = 0
        while left:
            raw = fp.read(min(CHUNK, left))
            if not raw:
                return
            left -= len(raw)
            done += len(raw)
            if done > limit:
                raise ValueError(info.filename)
            yield raw
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Refused(f"bagian {info.filename} dikompresi dengan cara yang tidak dipakai Excel; file ditolak")
    d = zlib.decompressobj(-15)
    done = 0
    while left and not d.eof:
        raw = fp.read(min(CHUNK // 4, left))
        if not raw:
            break
        left -= len(raw)
        while raw and not d.eof:
            out = d.decompress(raw, CHUNK)
            raw = d.unconsumed_tail
            done += len(out)
            if done > limit:
                raise ValueError(info.filename)
            if out:
                yield out


def guard(source, bounds: Bounds = INPUT_BOUNDS) -> None:
    """Refuse (``Refused``) a package whose parts inflate beyond ``bounds`` or whose sheets reach beyond
    its rows and columns, measured by inflating every part here, in bounded chunks. ``source``: a path or
    the file's bytes."""
    import io
    import os
    import stat

    if isinstance(source, (str, Path)) and not stat.S_ISREG(os.stat(source).st_mode):
        raise Refused("bukan file biasa (perangkat, FIFO atau sejenisnya); tidak dibuka")
    fp = open(source, "rb") if isinstance(source, (str, Path)) else io.BytesIO(source)
    try:
        fp.seek(0, 2)
        size = fp.tell()
        zf = zipfile.ZipFile(fp)
        try:
            sheets = {part: name for name, part in sheet_parts(zf).items()}
        except KeyError:
            sheets = {}
        infos = sorted(zf.infolist(), key=lambda i: i.header_offset)
        ends = [i.header_offset for i in infos[1:]] + [zf.start_dir if hasattr(zf, "start_dir") else size]
        total = 0
        for info, end in zip(infos, ends):
            name = sheets.get(info.filename)
            limit = min(bounds.sheet if name else bounds.total, bounds.total - total)
            tail, max_col, max_row, rows = b"", 0, 0, 0
            try:
                for chunk in _stream(fp, info, end, limit):
                    total += len(chunk)
                    if name is None:
                        continue
                    buf = tail + chunk
                    if not max_row:  # the declared extent, near the top
                        m = _DIMENSION_REF.search(buf)
                        if m:
                            c = _col_number(m.group(3) or m.group(1))
                            r = int(m.group(4) or m.group(2))
                            if _far(c, r, bounds):
                                raise _extent_refusal(name, c, r, bounds)
                            max_row = 1
                    for m in _FAR.finditer(buf):
                        c = _col_number(m.group(1) or m.group(3))
                        r = int(m.group(2) or m.group(4))
                        if _far(c, r, bounds):
                            raise _extent_refusal(name, c, r, bounds)
                    rows += len(_ROW_TAG.findall(chunk))
                    if rows > bounds.rows:  # rows without numbers count one by one
                        raise _extent_refusal(name, 1, rows, bounds)
                    tail = buf[-64:]
            except ValueError:
                what = f"sheet '{name}'" if name else f"bagian {info.filename}"
                raise Refused(f"{what} terlalu besar setelah diekstrak (lebih dari {fmt_id(limit // 2**20 or 1)} MB), "
                              "padahal ukuran yang tercatat di file lebih kecil; file ditolak demi keamanan "
                              "(zip bomb)") from None
            except zlib.error:
                raise Refused("workbook ini rusak (isinya terpotong atau tidak utuh). Buka di Excel (terima tawaran "
                              "perbaikan/Repair bila muncul) lalu simpan ulang, atau pakai salinan cadangan") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise Refused("file ini rusak atau bukan workbook Excel (.xlsx)") from None
    finally:
        fp.close()


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
        check_sizes(zf)
        guard(path)  # what the parts really inflate to, and how far each sheet reaches
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels", ".vml")):
                with zf.open(info) as part:
                    start = part.read(HEAD_BYTES)
                if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                    raise Refused(f"bagian {info.filename} berisi deklarasi DOCTYPE/ENTITY yang tidak pernah "
                                  "ada di workbook Excel asli; file ditolak demi keamanan")
        try:
            parts = sheet_parts(zf)
        except KeyError as exc:
            raise Refused(f"workbook ini rusak: bagian {exc.args[0] if exc.args else ''} tidak ada. Buka di Excel "
                          "(terima tawaran perbaikan/Repair bila muncul), simpan ulang, atau pakai salinan cadangan") \
                from None
        for sheet, target in parts.items():
            if target not in names:
                raise Refused(f"workbook ini rusak: sheet '{sheet}' merujuk bagian {target} yang tidak ada. Buka di "
                              "Excel (terima tawaran perbaikan/Repair bila muncul), simpan ulang, atau pakai salinan "
                              "cadangan")
    except Refused:
        zf.close()
        raise
    except (zlib.error, zipfile.BadZipFile, EOFError, KeyError) as exc:
        zf.close()
        raise Refused("workbook ini rusak (isinya terpotong atau tidak utuh). Buka di Excel (terima tawaran "
                      "perbaikan/Repair bila muncul) lalu simpan ulang, atau pakai salinan cadangan") from None
    return zf


def _attr(attrs: bytes, name: bytes) -> str | None:
    """The value of attribute ``name`` (prefix allowed: r:id) in a tag's attribute text."""
    m = re.search(rb"(?:^|\s)(?:[\w.-]+:)?" + re.escape(name) + rb'="([^"]*)"', attrs)
    return _unescape(m.group(1).decode("utf-8", "replace")) if m else None


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name inside the package, from workbook.xml and its relationships."""
    wb = zf.read("xl/workbook.xml")
    rels = zf.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for m in _RELATIONSHIP.finditer(rels):
        rid, target = _attr(m.group(1), b"Id"), _attr(m.group(1), b"Target")
        if rid and target:
            targets[rid] = target
    out = {}
    for m in _SHEET.finditer(wb):
        name, rid = _attr(m.group(1), b"name"), _attr(m.group(1), b"id")
        if not name or rid not in targets:
            continue
        target = targets[rid]
        out[name] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return out


def _unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _hidden_sheets(zf: zipfile.ZipFile) -> set[str]:
    hidden = set()
    for m in _SHEET.finditer(zf.read("xl/workbook.xml")):
        if _attr(m.group(1), b"state") in ("hidden", "veryHidden"):
            name = _attr(m.group(1), b"name")
            if name:
                hidden.add(name)
    return hidden


def format_places(code: str) -> int | None:
    """Decimals a number format shows for a positive number: 2 for '#,##0.00', None for General,
    text or a date format (nothing is hidden by those)."""
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";")[0])
    if not section or section.lower() == "general" or "@" in section or re.search(r"[dmyhs]", section, re.I):
        return None
    if not re.search(r"[0#?]", section):
        return None
    m = re.search(r"\.([0#?]*)", section)
    return len(m.group(1)) if m else 0


def number_styles(zf: zipfile.ZipFile) -> tuple[set[int], dict[int, int]]:
    """(indexes of cellXfs shown as a percentage, {index: decimals shown} for fixed-decimal formats)."""
    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return set(), {}
    codes: dict[int, str] = {}
    for m in _NUMFMT.finditer(styles):
        fid, code = _attr(m.group(1), b"numFmtId"), _attr(m.group(1), b"formatCode")
        if fid and fid.isdigit() and code is not None:
            codes[int(fid)] = code
    xfs = _CELLXFS.search(styles)
    percent, places = set(), {}
    if not xfs:
        return percent, places
    for i, m in enumerate(_XF.finditer(xfs.group(1))):
        fid = _attr(m.group(1), b"numFmtId")
        if not fid or not fid.isdigit():
            continue
        fid = int(fid)
        code = codes.get(fid)
        if fid in PERCENT_BUILTIN or (code is not None and "%" in code.split(";")[0]):
            percent.add(i)
        elif code is not None:
            shown = format_places(code)
            if shown is not None:
                places[i] = shown
        elif fid in PLACES_BUILTIN:
            places[i] = PLACES_BUILTIN[fid]
    return percent, places


def _more_decimals(text: bytes, shown: int) -> bool:
    """True when the stored number has more decimals than the format shows."""
    if b"." not in text and b"E" not in text and b"e" not in text:
        return False  # a whole number hides nothing
    try:
        value = Decimal(repr(float(text)))  # shortest form: "73.590000000000003" is 73.59
    except (ValueError, ArithmeticError):
        return False
    return value.is_finite() and -value.normalize().as_tuple().exponent > shown


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _style_pattern(indexes: set[int]):
    if not indexes:
        return None
    return re.compile(rb'\bs="(?:' + b"|".join(str(i).encode() for i in sorted(indexes)) + rb')"')


def scan_sheet(xml: bytes, first_data_row: int, percent: set[int], places: dict[int, int]) -> SheetFacts:
    """Structural facts of one sheet's XML, for rows from ``first_data_row`` on."""
    sf = SheetFacts()
    for m in _MERGE.finditer(xml):
        r1 = int(m.group(2))
        r2 = int(m.group(4)) if m.group(4) else r1
        if r2 >= first_data_row:
            ref = m.group(1).decode() + m.group(2).decode()
            if m.group(3):
                ref += ":" + m.group(3).decode() + m.group(4).decode()
            sf.merged.append((ref, r1, r2))
    styled = percent | set(places)
    style_re = re.compile(rb'\bs="(?:' + b"|".join(str(i).encode() for i in sorted(styled)) + rb')"') if styled else None
    percent_re = _style_pattern(percent)
    places_re = _style_pattern(set(places))
    row_no = 0
    for rm in _ROW.finditer(xml):
        attrs, body = rm.group(1), rm.group(2) or b""
        n = _ROW_NUMBER.search(attrs)
        row_no = int(n.group(1)) if n else row_no + 1
        if row_no < first_data_row:
            continue
        if _HIDDEN.search(attrs):
            sf.hidden_rows.append(row_no)
        if not body or not (b'"e"' in body or _FORMULA.search(body)
                            or (percent_re and percent_re.search(body))
                            or (places_re and _DECIMAL_VALUE.search(body) and places_re.search(body))):
            continue  # nothing in this row that calamine cannot show (a whole number hides no decimals)
        col = 0
        for cm in _CELL.finditer(body):
            cattrs, cbody = cm.group(1), cm.group(2) or b""
            ref = _REF.search(cattrs)
            col = _col_number(ref.group(1)) if ref else col + 1
            cell = f"{_col_letters(col)}{row_no}"
            t = _TYPE.search(cattrs)
            ctype = t.group(1) if t else b"n"
            v = _VALUE.search(cbody)
            text = v.group(1) if v else None
            if ctype == b"e":
                sf.errors[cell] = _unescape((text or b"#N/A").decode("utf-8", "replace"))
                sf.rows.add(row_no)
                continue
            if _FORMULA.search(cbody) and not text:
                if ctype == b"str":
                    sf.empty_text.add(cell)  # a formula whose result is "" (Excel and LibreOffice write <v></v>)
                else:
                    sf.no_cached_value.append(cell)
                sf.rows.add(row_no)
                continue
            if ctype != b"n" or not text or not style_re:
                continue
            style = _STYLE.search(cattrs)
            index = int(style.group(1)) if style else 0
            if index in percent:
                sf.percent_cells.add(cell)
                sf.rows.add(row_no)
            elif index in places and _more_decimals(text, places[index]):
                sf.rounded[cell] = places[index]
                sf.rows.add(row_no)
    return sf


def scan_sheets(zf: zipfile.ZipFile, names: list[str], first_data_row: int) -> PackageFacts:
    """Structural facts of the named sheets (those the schema reads)."""
    facts = PackageFacts(has_macros="xl/vbaProject.bin" in zf.namelist())
    parts = sheet_parts(zf)
    hidden = _hidden_sheets(zf)
    percent, places = number_styles(zf)
    for name in names:
        if name not in parts:
            continue
        sf = scan_sheet(zf.read(parts[name]), first_data_row, percent, places)
        sf.hidden = name in hidden
        facts.sheets[name] = sf
    return facts
