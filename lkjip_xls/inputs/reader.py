"""Find the five workbooks in a folder and read them into typed frames.

Every problem becomes an :class:`Issue`; nothing here raises for bad content.
Workbooks are recognised by the hidden marker sheet written with the template,
never by file name. Reading uses pandas with the calamine engine, one open per
workbook.
"""

from __future__ import annotations

import functools
import math
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, XmlError, ZipError
from xlsxwriter.utility import xl_col_to_name

from . import schema as S
from ..issues import ERROR, WARNING, Issue
from .inspect import Refused, SheetFacts, check_package, is_reader_failure, native_stderr_quiet, scan_sheets
from .numbers import NA, NA_WORDS, fmt_id, parse_range, to_decimal

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


@dataclass
class SheetData:
    """A table sheet read into a frame of typed values (Decimal, int, str or None).

    ``frame`` has one column per schema field plus ``row`` (the Excel row number);
    ``letters`` gives the Excel column letter of each field, for messages.
    """

    workbook: str
    sheet: str
    frame: pd.DataFrame
    letters: dict[str, str]

    def cell(self, key: str, row: int) -> str:
        letter = self.letters.get(key)
        return f"{letter}{row}" if letter else f"baris {row}"


@dataclass
class FormData:
    workbook: str
    sheet: str
    values: dict
    cells: dict[str, str]


@dataclass
class RawInputs:
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    tables: dict[tuple[str, str], SheetData] = field(default_factory=dict)
    forms: dict[tuple[str, str], FormData] = field(default_factory=dict)

    def table(self, kind: str, sheet: str) -> SheetData:
        return self.tables[(kind, sheet)]

    def form(self, kind: str, sheet: str) -> FormData:
        return self.forms[(kind, sheet)]


def _norm(text: object) -> str:
    s = "" if text is None else str(text)
    s = s.replace("*", " ")
    return re.sub(r"\s+", " ", s).strip().casefold()


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip() == ""


class Book:
    """One workbook read with calamine: its sheet names and each sheet's rows of cell values, as
    Excel stored them (float, int, str, bool, datetime; '' for an empty cell).

    python-calamine is called directly rather than through ``pandas.read_excel(engine="calamine")``:
    pandas turns every whole float into an int and stops with OverflowError on an extreme value
    (1,8e308), losing which cell it was; here each cell reaches ``read_cell``, which names it."""

    def __init__(self, path: Path):
        with native_stderr_quiet():
            self._wb = CalamineWorkbook.from_path(str(path))
        self.sheet_names = list(self._wb.sheet_names)

    def rows(self, name: str) -> list[list]:
        try:
            with native_stderr_quiet():
                return self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except BaseException as exc:
            if is_reader_failure(exc):  # a Rust panic: the sheet is damaged
                raise Damaged(f"sheet '{name}' rusak (isinya tidak sesuai daftar teks workbook)") from None
            raise

    def close(self):
        self._wb.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _open(path: Path):
    """(Book, ZipFile, None) for a usable workbook, or (None, None, reason)."""
    try:
        zf = check_package(path)
    except Refused as exc:
        return None, None, exc.reason
    except OSError as exc:
        return None, None, f"file tidak bisa dibuka ({exc.strerror or exc})"
    try:
        return Book(path), zf, None
    except BaseException as exc:  # noqa: BLE001 - any parser failure is reported, not raised
        if not isinstance(exc, Exception) and not is_reader_failure(exc):
            raise
        zf.close()
        return None, None, "file tidak bisa dibaca sebagai workbook Excel (rusak, terkunci kata sandi, atau format lain)"


def _marker(xl: Book) -> tuple[str, int] | None:
    if S.MARKER_SHEET not in xl.sheet_names:
        return None
    rows = xl.rows(S.MARKER_SHEET)
    first = [row[0] if row else None for row in rows[:3]] + [None] * (3 - min(len(rows), 3))
    if _norm(first[0]) != S.MARKER_TEXT:
        return None
    kind = _norm(first[1])
    try:
        version = int(float(first[2]))
    except (TypeError, ValueError):
        version = 0
    return kind, version


class Found(NamedTuple):
    """A workbook ``discover`` recognised: its path, the open workbook and zip, its template version."""

    path: Path
    book: "Book"
    zip: object
    version: int


def discover(folder: Path) -> tuple[dict[str, Found], list[Issue]]:
    """Find one workbook of each kind in ``folder`` (not its subfolders).

    Returns {kind: Found}; the caller closes the book and the zip."""
    issues: list[Issue] = []
    found: dict[str, list[Found]] = {}
    results: list[str] = []  # results workbooks of 'lkjip proses' (a sealed hidden sheet), not inputs
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith(("~$", ".")):
            continue
        if path.suffix.lower() not in EXCEL_SUFFIXES:
            continue
        xl, zf, reason = _open(path)
        if xl is None:
            issues.append(Issue(ERROR, "file-tidak-terbaca", path.name, "", "", f"File tidak dapat dipakai: {reason}.",
                                "Perbaiki atau pindahkan file ini dari folder data, lalu jalankan lagi."))
            continue
        try:
            marker = _marker(xl)
        except DAMAGED as exc:
            xl.close()
            zf.close()
            issues.append(Issue(ERROR, "file-rusak", path.name, "", "",
                                f"Workbook ini rusak dan tidak dapat dibaca ({exc}).",
                                "Buka di Excel (terima tawaran perbaikan/Repair bila muncul) lalu simpan ulang, atau "
                                "pakai salinan cadangan workbook ini."))
            continue
        if marker is None or marker[0] not in S.BY_KIND or marker[1] not in S.READABLE_VERSIONS:
            xl.close()
            zf.close()
        if marker is None and S.RESULTS_SHEET in xl.sheet_names:
            results.append(path.name)
            continue
        if marker is None:
            issues.append(Issue(WARNING, "bukan-templat", path.name, "", "",
                                "File ini bukan templat lkjip-xls (tidak ada sheet penanda) dan diabaikan.",
                                "Salin isinya ke templat dari folder input_templates bila file ini diperlukan."))
            continue
        kind, version = marker
        if kind not in S.BY_KIND:
            issues.append(Issue(WARNING, "jenis-tidak-dikenal", path.name, S.MARKER_SHEET, "A2",
                                f"Jenis workbook '{kind}' tidak dikenal; file diabaikan.",
                                "Pakai templat terbaru dari folder input_templates."))
            continue
        if version not in S.READABLE_VERSIONS:
            issues.append(Issue(ERROR, "versi-templat", path.name, S.MARKER_SHEET, "A3",
                                f"Templat versi {version}, sedangkan program ini membaca versi "
                                f"{', '.join(map(str, S.READABLE_VERSIONS))}.",
                                "Pakai program lkjip-xls versi terbaru, atau salin isian ke templat dari "
                                "'lkjip templat'."))
            continue
        if version < S.TEMPLATE_VERSION:
            issues.append(Issue(WARNING, "versi-templat-lama", path.name, "", "",
                                f"Workbook ini dibuat dengan templat versi {version} (sekarang versi "
                                f"{S.TEMPLATE_VERSION}); isinya tetap dibaca.",
                                "Jalankan 'lkjip siapkan' untuk memperbaruinya ke templat terbaru; isian tetap "
                                "(file lama disimpan di subfolder cadangan)."))
        found.setdefault(kind, []).append(Found(path, xl, zf, version))
    if results and not found:
        shown = ", ".join(results[:3]) + (f" dan {len(results) - 3} lainnya" if len(results) > 3 else "")
        issues.append(Issue(ERROR, "folder-hasil", "", "", "",
                            f"Folder {folder} berisi workbook hasil lkjip-xls ({shown}), bukan workbook isian: "
                            "ini folder hasil 'lkjip proses', bukan folder data.",
                            "Jalankan perintah pada folder data yang berisi lima workbook isian (Renja, PK, "
                            "Realisasi, ABK, Sarpras), mis. 'lkjip proses data'."))
        return {}, issues
    for name in results:
        issues.append(Issue(WARNING, "workbook-hasil", name, "", "",
                            "File ini workbook hasil lkjip-xls, bukan isian; diabaikan.",
                            "Simpan workbook hasil di folder output, terpisah dari folder data."))
    chosen: dict[str, Found] = {}
    for spec in S.WORKBOOKS:
        entries = found.get(spec.kind, [])
        if not entries:
            issues.append(Issue(ERROR, "workbook-tidak-ada", "", "", "",
                                f"Workbook {spec.title} tidak ditemukan di folder {folder}.",
                                f"Salin templat {spec.filename} dari folder input_templates ke folder data dan isi."))
        elif len(entries) > 1:
            names = ", ".join(e.path.name for e in entries)
            issues.append(Issue(ERROR, "workbook-ganda", entries[1].path.name, "", "",
                                f"Ada {len(entries)} workbook {spec.title}: {names}.",
                                "Sisakan satu saja di folder data (pindahkan yang lama ke folder lain)."))
        else:
            chosen[spec.kind] = entries[0]
        if len(entries) > 1:
            for e in entries:
                e.book.close()
                e.zip.close()
    return chosen, issues


_MONTHS = {_norm(b): i + 1 for i, b in enumerate(S.BULAN)} | {_norm(b): i + 1 for i, b in enumerate(S.BULAN_SINGKAT)}

# Text staff (or other programs) put in a number cell to mean "no data": pandas would silently read
# these as missing; here each is said at its cell.
MISSING_WORDS = {"na", "n/a", "n.a", "n.a.", "nan", "null", "none", "nil", "-", "--", "–", "—", "tidak ada"}
# Excel's error values, when they arrive as typed text ('#N/A) rather than as an error cell
ERROR_LITERALS = {"#null!", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#n/a", "#getting_data",
                  "#spill!", "#calc!", "#field!", "#blocked!", "#unknown!", "#connect!", "#busy!"}
# Characters Excel shows as nothing: zero-width spaces and joiners, direction marks, BOM, soft hyphen
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NO_FACTS = SheetFacts()
SMALLEST, LARGEST = Decimal("0.000001"), Decimal(10) ** 15  # any figure of a report lies between
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # shown as a space


def visible(text: object) -> str:
    """Text for a message, with invisible characters shown: '7.01.01⟨U+200B⟩'."""
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", str(text))


@dataclass
class Cell:
    """What one cell shows: its value (or None), and at most one problem with it."""

    value: object
    severity: str | None = None
    code: str = ""
    message: str = ""
    action: str = ""


def _number_words(raw: str) -> bool:
    return raw.strip().casefold() in MISSING_WORDS


def read_cell(field: S.Field, raw: object, ref: str = "", facts: SheetFacts | None = None) -> Cell:
    """The value Excel shows in a cell of ``field``, or the problem that stops it being read.

    The one place where a cell becomes a value: table sheets and form sheets both come here.
    ``facts`` (from the structural scan) tells what calamine cannot: error values, formulas
    never calculated or with an empty-text result, percent and rounding number formats."""
    if facts is None:  # a row the scan found nothing in: a plain cell takes the short way
        value = _plain(field, raw)
        if value is not _LONG:
            return Cell(value)
        facts = _NO_FACTS
    if ref in facts.errors:
        shown = facts.errors[ref]
        return Cell(None, ERROR, "nilai-galat", f"Sel berisi galat Excel {shown} (hasil rumus yang gagal), bukan nilai.",
                    "Perbaiki rumus atau data yang dirujuknya, atau ketik nilainya langsung; kosongkan sel bila "
                    "memang tidak ada data.")
    if ref in facts.no_cached_value:
        return Cell(None, ERROR, "rumus-tanpa-nilai",
                    f"Sel {ref} berisi rumus yang belum pernah dihitung Excel (tidak ada nilai tersimpan).",
                    "Buka workbook di Excel, tekan Ctrl+Alt+F9, simpan, lalu jalankan lagi.")
    if ref in facts.empty_text or _is_blank(raw):
        if field.required:
            why = " (rumusnya menghasilkan teks kosong)" if ref in facts.empty_text else ""
            return Cell(None, ERROR, "wajib-diisi", f"wajib diisi{why}.", "Isi sel ini atau hapus seluruh barisnya.")
        return Cell(field.default)
    if isinstance(raw, str) and not (raw.isascii() and raw.isprintable()):  # may hide invisible characters
        hidden = _INVISIBLE.findall(raw)
        cleaned = _SPACES.sub(" ", _INVISIBLE.sub("", raw))
        if hidden:
            value = read_cell(field, cleaned, ref, facts)
            if value.severity == ERROR:
                value.message = f"{value.message} (sel berisi karakter tak terlihat: '{visible(raw.strip())}')"
                return value
            if value.severity:  # its own warning comes first; the invisible characters are gone anyway
                return value
            shown = "kosong" if value.value is None else f"'{value.value}'"
            return Cell(value.value, WARNING, "karakter-tak-terlihat",
                        f"Sel berisi karakter tak terlihat: '{visible(raw.strip())}'; dibaca tanpa karakter itu "
                        f"sebagai {shown}.",
                        "Ketik ulang isi sel ini (jangan salin dari web/PDF) agar karakter itu hilang.")
        raw = cleaned
    if isinstance(raw, str):
        if raw.strip().casefold() in ERROR_LITERALS:
            return Cell(None, ERROR, "nilai-galat", f"Sel berisi teks '{raw.strip()}' (tanda galat Excel), bukan nilai.",
                        "Ketik nilainya, atau kosongkan sel bila memang tidak ada data.")
    cell = _convert(field, raw)
    if cell.severity == ERROR or cell.value is None:
        return cell
    if field.type == "decimal" and ref in facts.percent_cells:
        shown = cell.value * 100
        return Cell(shown, WARNING, "persen-dibaca",
                    f"Sel berformat persen: tampil {fmt_id(shown.normalize())}% (tersimpan {fmt_id(cell.value)}), "
                    f"dibaca sebagai {fmt_id(shown.normalize())}.",
                    "Periksa nilainya; sebaiknya hapus format persen dan ketik angkanya saja (100, bukan 100%).")
    if ref in facts.rounded and field.type in ("decimal", "int", "money", "year"):
        places = facts.rounded[ref]
        shown = Decimal(cell.value).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
        return Cell(cell.value, WARNING, "tampilan-dibulatkan",
                    f"Sel tampil {fmt_id(shown)} karena formatnya {places} desimal, padahal nilainya "
                    f"{fmt_id(Decimal(cell.value))}; program memakai nilai sebenarnya {fmt_id(Decimal(cell.value))}.",
                    "Ubah format sel ke General (Format Cells > Number > General) dan pastikan nilainya benar.")
    return cell


_LONG = object()  # _plain: this cell takes the long way (read_cell's checks)


def _plain(field: S.Field, raw: object):
    """What ``read_cell`` gives a cell of a row the scan found nothing in, when that needs no message:
    a plain stored number, plain text, an empty optional cell; else ``_LONG``."""
    kind = type(raw)
    if kind is float:
        return _plain_value(field.type, raw)
    if kind is str and raw:
        return _plain_text(field, raw)
    if (raw is None or raw == "") and not field.required:
        return field.default  # an empty optional cell
    return _LONG


def _plain_value(t: str, raw: float):
    """The value of a stored number that needs no message (what ``_convert`` gives it), else ``_LONG``:
    the short way for the many plain numbers of a large office; anything unusual takes the long way."""
    if t == "decimal":
        if raw.is_integer():
            if raw == 0:
                return _LONG if math.copysign(1, raw) < 0 else Decimal(0)
            if 1 <= abs(raw) <= 1e15:
                return Decimal(int(raw))
            return _LONG
        if raw != raw or not 1e-6 <= abs(raw) <= 1e15:
            return _LONG
        return Decimal(repr(raw))
    if t in ("int", "money") and raw.is_integer() and (raw == 0 or 1 <= raw <= 1e15):
        return _LONG if math.copysign(1, raw) < 0 else int(raw)
    return _LONG


def _plain_text(field: S.Field, raw: str):
    """The value of a text or code cell that needs no message (what ``read_cell`` gives it), else
    ``_LONG``: printable ASCII with nothing to trim, squeeze or question; anything else the long way."""
    t = field.type
    if t != "text" and (t != "code" or " " in raw):
        return _LONG
    if not raw or not raw.isascii() or not raw.isprintable() or raw[0] == " " or raw[-1] == " " or "  " in raw:
        return _LONG
    if field.max_length and len(raw) > field.max_length:
        return _LONG
    folded = raw.casefold()
    if folded in ERROR_LITERALS or (field.required and folded in MISSING_WORDS):
        return _LONG
    return raw


@functools.lru_cache(maxsize=256)
def _choices(choices: tuple[str, ...]) -> dict[str, str]:
    """{normalised choice: choice}; the first of two choices that normalise alike wins."""
    out: dict[str, str] = {}
    for choice in choices:
        out.setdefault(_norm(choice), choice)
    return out


def _convert(field: S.Field, raw: object) -> Cell:
    """A non-blank cell's content as a value of ``field``'s type."""
    t = field.type
    if t in ("text", "code", "email"):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw).strip()
        if t == "code":
            text = "".join(text.split())
        elif "  " in text or "\t" in text:
            text = re.sub(r"[ \t]+", " ", text)
        if t == "email":
            return _email(text)
        if field.max_length and len(text) > field.max_length:
            return Cell(None, ERROR, "terlalu-panjang", f"Isian {len(text)} karakter, lebih dari batas "
                        f"{field.max_length} karakter (dipakai di nama file dan judul email).",
                        "Persingkat isian ini (mis. pakai singkatan yang lazim).")
        if field.single_line and "\n" in text:
            one = re.sub(r"\s*\n\s*", " ", text)
            return Cell(one, WARNING, "baris-baru", f"Isian berisi baris baru (Alt+Enter); dibaca sebagai satu "
                        f"baris: '{one}'.", "Hapus baris baru di sel ini (ketik ulang dalam satu baris).")
        if field.required and _number_words(text):
            return Cell(text, WARNING, "penanda-kosong", f"Sel berisi '{text}', yang biasanya berarti data kosong; "
                        "dibaca sebagai teks apa adanya.", "Isi teks yang sebenarnya.")
        return Cell(text)
    if t == "choice":
        choice = _choices(field.choices).get(_norm(raw))
        if choice is not None:
            return Cell(choice)
        return Cell(None, ERROR, "isian-tidak-valid",
                    f"Isian '{visible(raw)}' tidak ada dalam pilihan ({', '.join(field.choices)}).", _fix_hint(field))
    if t == "month":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer() \
                and 1 <= int(raw) <= 12:
            return Cell(int(raw))
        month = _MONTHS.get(_norm(raw))
        if month:
            return Cell(month)
        return Cell(None, ERROR, "isian-tidak-valid", f"Bulan '{visible(raw)}' tidak dikenali; pilih Januari sampai "
                    "Desember.", _fix_hint(field))
    if field.na and isinstance(raw, str) and " ".join(raw.split()).casefold() in NA_WORDS:
        return Cell(NA)  # R15: said where the period is computed, with the indicator's Catatan
    if isinstance(raw, str) and _number_words(raw):
        if field.required:
            return Cell(None, ERROR, "isian-tidak-valid", f"Sel berisi '{raw.strip()}', bukan angka; kolom ini wajib "
                        "diisi angka.", _fix_hint(field))
        return Cell(None, WARNING, "penanda-kosong",
                    f"Sel berisi '{raw.strip()}', dibaca sebagai kosong (tidak ada data).",
                    "Kosongkan sel bila memang tidak ada data; ketik angkanya bila ada"
                    + (" (0 bila memang nol)." if t == "money" else "."))
    if field.levels and isinstance(raw, str) and raw.strip() and not any(c.isdigit() for c in raw):
        # R13: a level name ("BB"): matched against the indicator's Skala Kualitatif where the model
        # knows the indicator (kinerja.model.resolve_levels), which also refuses it for a numeric one
        return Cell(" ".join(raw.split()))
    parsed = to_decimal(raw)
    if parsed.error and field.ranges and isinstance(raw, str):
        span, why = parse_range(raw)  # R14
        if span is not None:
            return Cell(span)
        if why:
            return Cell(None, ERROR, "isian-tidak-valid", f"Sel berisi {visible(why)}.",
                        "Tulis batas bawah lalu batas atas, mis. 69,1 - 69,5.")
    if parsed.error:
        return Cell(None, ERROR, "isian-tidak-valid", f"Sel {visible(parsed.error)}.", _fix_hint(field))
    value = parsed.value
    if value and not SMALLEST <= abs(value) <= LARGEST:
        return Cell(None, ERROR, "isian-tidak-valid", f"Nilai {fmt_id(value)} di luar batas wajar (0,000001 sampai "
                    "1.000.000.000.000.000).", _fix_hint(field))
    if t in ("int", "money", "year"):
        if value != value.to_integral_value():
            what = "rupiah bulat" if t == "money" else "bilangan bulat"
            return Cell(None, ERROR, "isian-tidak-valid", f"Nilai {fmt_id(value)} harus {what}.", _fix_hint(field))
        value = int(value)
        if t == "year" and not 2000 <= value <= 2100:
            return Cell(None, ERROR, "isian-tidak-valid", f"Tahun {value} tidak wajar.", _fix_hint(field))
        if value < 0:
            return Cell(None, ERROR, "isian-tidak-valid", f"Nilai {value} tidak boleh negatif.", _fix_hint(field))
    if parsed.from_text:
        return Cell(value, WARNING, "angka-teks", f"Angka diketik sebagai teks ('{raw}'), dibaca sebagai "
                    f"{fmt_id(value)}.",
                    "Periksa nilainya; sebaiknya ketik ulang sebagai angka.")
    return Cell(value)


_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")


def _email(text: str) -> Cell:
    """One or more addresses separated by ',' or ';', each checked as an address."""
    addresses = [a.strip() for a in re.split(r"[,;\s]+", text) if a.strip()]
    bad = [a for a in addresses if not _EMAIL.match(a)]
    if bad or not addresses:
        return Cell(None, WARNING, "email-tidak-valid",
                    f"'{visible(text)}' bukan alamat email yang benar ({', '.join(bad) or 'kosong'}); draf email "
                    "dibuat tanpa penerima.", "Ketik alamat lengkap, mis. bappeda@jombangkab.go.id; beberapa alamat "
                    "dipisah koma.")
    return Cell(", ".join(addresses))


def convert(field: S.Field, raw: object) -> tuple[object, str | None, str | None]:
    """(value, error, warning) for one cell's content, without structural facts (kept for callers
    that only need the typed value)."""
    cell = read_cell(field, raw)
    return (cell.value, cell.message if cell.severity == ERROR else None,
            cell.message if cell.severity == WARNING else None)


HEADER_SEARCH_ROWS = 30


def _header_map(header_row: list, sheet: S.Sheet) -> tuple[dict[str, int], list[S.Field], dict[str, list[int]]]:
    """(field -> column index, fields not found, field -> columns where its header repeats)."""
    positions, repeated = {}, {}
    normalized = [_norm(h) for h in header_row]
    for f in sheet.fields:
        target = _norm(f.header)
        found = [c for c, h in enumerate(normalized) if h == target]
        if found:
            positions[f.key] = found[0]
        if len(found) > 1:
            repeated[f.key] = found
    missing = [f for f in sheet.fields if f.key not in positions]
    return positions, missing, repeated


def _moved_header(rows: list[list], sheet: S.Sheet) -> int | None:
    """The 0-based row holding every required header when it is not the template's row 3."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if i == S.HEADER_ROW - 1:
            continue
        _, missing, _ = _header_map(row, sheet)
        if not any(f.required for f in missing) and len(missing) < len(sheet.fields):
            return i
    return None


def _extra_rows(rows: list[list], sheet: S.Sheet, header: int) -> list[int]:
    """Excel rows above the header that are neither the sheet's title nor its help line."""
    known = {_norm(sheet.title), _norm(sheet.help)}
    extra = []
    for i in range(header):
        texts = {_norm(v) for v in rows[i] if not _is_blank(v)}
        if not texts & known:
            extra.append(i + 1)
    return extra


def _structure_issues(fname: str, sheet: str, facts: SheetFacts, issues: list[Issue]):
    if facts.hidden:
        issues.append(Issue(WARNING, "sheet-tersembunyi", fname, sheet, "",
                            "Sheet ini disembunyikan (hidden), tetapi isinya tetap dibaca.",
                            "Tampilkan sheet (klik kanan tab > Unhide) dan periksa isinya."))
    for ref, _, _ in facts.merged:
        issues.append(Issue(ERROR, "sel-digabung", fname, sheet, ref,
                            f"Sel {ref} digabung (merge) di area data; nilainya hanya terbaca di sel pertama.",
                            "Pisahkan sel (Home > Merge & Center > Unmerge Cells) dan isi setiap sel."))
    for row in facts.hidden_rows:
        issues.append(Issue(WARNING, "baris-tersembunyi", fname, sheet, f"baris {row}",
                            f"Baris {row} disembunyikan, tetapi isinya tetap dibaca dan dihitung.",
                            "Tampilkan baris itu (Unhide) dan pastikan isinya memang dipakai; hapus bila tidak."))


def _parse(xl: Book, name: str) -> list[list]:
    """A sheet's cells as rows of Python values; text stays text ('NA' is not made missing)."""
    return xl.rows(name)


def _header_issues(fname: str, sheet: S.Sheet, rows: list[list], missing, repeated, letters_of) -> list[Issue]:
    out: list[Issue] = []
    if any(f.required for f in missing):
        moved = _moved_header(rows, sheet)
        if moved is not None:
            extra = _extra_rows(rows, sheet, moved)
            which = (f"baris {', '.join(map(str, extra))}" if extra
                     else f"{moved + 1 - S.HEADER_ROW} baris di atas judul kolom")
            return [Issue(ERROR, "judul-bergeser", fname, sheet.name, f"baris {moved + 1}",
                          f"Judul kolom ada di baris {moved + 1}, seharusnya di baris {S.HEADER_ROW}: ada baris yang "
                          "disisipkan di atasnya.",
                          f"Hapus {which} (klik kanan nomor baris > Delete) sehingga judul kolom kembali ke baris "
                          f"{S.HEADER_ROW}, simpan, lalu jalankan lagi.")]
    for f in missing:
        if (f.required or not sheet.list_sheet) and not f.derived:
            out.append(Issue(ERROR if f.required else WARNING, "kolom-tidak-ada", fname, sheet.name,
                             f"baris {S.HEADER_ROW}", f"Kolom '{f.header}' tidak ditemukan di baris judul kolom.",
                             "Kembalikan judul kolom seperti pada templat (jangan diganti atau dihapus)."))
    for key, cols in repeated.items():
        f = next(x for x in sheet.fields if x.key == key)
        cells = " dan ".join(f"{letters_of(c)}{S.HEADER_ROW}" for c in cols)
        out.append(Issue(ERROR, "kolom-ganda", fname, sheet.name, f"{letters_of(cols[1])}{S.HEADER_ROW}",
                         f"Kolom '{f.header}' ada lebih dari sekali ({cells}); program tidak tahu mana yang benar.",
                         f"Hapus kolom '{f.header}' yang berlebih sehingga tinggal satu, simpan, lalu jalankan lagi."))
    return out


def _record(fname: str, sheet_name: str, cell: Cell, ref: str, label: str, issues: list[Issue]):
    """Add the cell's problem, if any: "Kolom 'X' wajib diisi." / "Kolom 'X': Sel berisi ..." """
    if cell.severity:
        joined = f"{label} {cell.message}" if cell.message[:1].islower() else f"{label}: {cell.message}"
        issues.append(Issue(cell.severity, cell.code, fname, sheet_name, ref, joined, cell.action))


def read_table(xl: Book, fname: str, sheet: S.Sheet, issues: list[Issue],
               facts: SheetFacts | None = None, old: bool = False) -> SheetData:
    """A table sheet's rows as typed values. ``old``: the workbook is of an older template version, whose
    missing optional columns are not reported (its version warning says to run 'lkjip siapkan')."""
    keys = [f.key for f in sheet.fields]
    empty = SheetData(fname, sheet.name, pd.DataFrame(columns=keys + ["row"]), {})
    if sheet.name not in xl.sheet_names:
        if not sheet.optional:
            issues.append(Issue(ERROR, "sheet-tidak-ada", fname, sheet.name, "",
                                f"Sheet '{sheet.name}' tidak ada.",
                                "Jangan menghapus atau mengganti nama sheet; salin isian ke templat baru."))
        return empty
    facts = facts or _NO_FACTS
    _structure_issues(fname, sheet.name, facts, issues)
    rows = _parse(xl, sheet.name)
    hr = S.HEADER_ROW - 1
    header = rows[hr] if len(rows) > hr else []
    positions, missing, repeated = _header_map(header, sheet)
    found = _header_issues(fname, sheet, rows, [f for f in missing if f.required or not old], repeated,
                           xl_col_to_name)
    issues += found
    if any(i.is_error for i in found):
        return empty  # rows cannot be read without their columns; the header issue says what to fix
    letters = {k: xl_col_to_name(c) for k, c in positions.items()}
    columns = [(f, positions.get(f.key), letters.get(f.key)) for f in sheet.fields]
    # the columns that make a row: all of them, or in sheets whose rows `siapkan` makes ahead (an IKU
    # not yet published, a sub kegiatan without pagu yet) only those staff type
    typed_columns = [not (sheet.skip_unfilled and (f.prefill or f.derived)) for f in sheet.fields]
    records = []
    prepared = 0  # rows 'siapkan' made whose typed cells are all still blank
    for i in range(S.FIRST_DATA_ROW - 1, len(rows)):
        values = rows[i]
        width = len(values)
        excel_row = i + 1
        raws = [values[c] if c is not None and c < width else None for _, c, _ in columns]
        flagged = excel_row in facts.rows  # the scan found something in this row: look up every cell
        if all(_is_blank(v) for v, typed in zip(raws, typed_columns) if typed) and not (flagged and any(
                f"{letter}{excel_row}" in facts.errors or f"{letter}{excel_row}" in facts.no_cached_value
                for _, _, letter in columns if letter)):
            prepared += not all(_is_blank(v) for v in raws)
            continue  # blank (an empty-text formula result is blank too; see typed_columns)
        record = {"row": excel_row}
        for (f, c, letter), raw in zip(columns, raws):
            if c is None:
                record[f.key] = f.default
                continue
            if not flagged and (value := _plain(f, raw)) is not _LONG:
                record[f.key] = value  # read_cell's short way, without making the cell's name
                continue
            ref = f"{letter}{excel_row}"
            cell = read_cell(f, raw, ref, facts) if flagged else read_cell(f, raw, ref)
            if cell.severity:
                _record(fname, sheet.name, cell, ref, f"Kolom '{f.header}'", issues)
            record[f.key] = cell.value
        records.append(record)
    if not records and sheet.when_empty and not sheet.optional:
        if prepared:
            to_fill = ", ".join(f"'{f.header}'" for f, typed in zip(sheet.fields, typed_columns)
                                if typed and f.required) or "sel kuning"
            message = (f"Sheet '{sheet.name}' berisi {prepared} baris yang disiapkan 'lkjip siapkan', tetapi "
                       f"kolom {to_fill} belum diisi di baris mana pun; {sheet.feeds} akan kosong.")
            action = f"Isi kolom {to_fill} (sel kuning) di sheet '{sheet.name}', simpan, lalu jalankan lagi."
        else:
            message = f"Sheet '{sheet.name}' belum berisi data; {sheet.feeds} akan kosong."
            action = f"Isi sheet '{sheet.name}' mulai baris {S.FIRST_DATA_ROW}, simpan, lalu jalankan lagi."
        issues.append(Issue(ERROR if sheet.when_empty == "error" else WARNING, "sheet-kosong", fname, sheet.name,
                            f"baris {S.FIRST_DATA_ROW}", message, action))
    frame = pd.DataFrame(records, columns=keys + ["row"], dtype=object) if records else empty.frame
    return SheetData(fname, sheet.name, frame, letters)


def _fix_hint(f: S.Field) -> str:
    if f.type in ("choice", "month"):
        return "Pilih isian dari daftar (drop-down) pada sel itu."
    if f.type == "money":
        return "Ketik rupiah sebagai angka bulat tanpa 'Rp', titik atau desimal, mis. 2717989953."
    if f.type in ("int", "year"):
        return "Ketik bilangan bulat, mis. 18."
    if f.na:  # R15
        return ("Ketik angka (desimal memakai koma, mis. 74,30). Bila realisasinya belum ada, kosongkan sel; bila "
                "memang tidak tersedia, ketik n/a dan tulis alasannya di Catatan (Faktor Penghambat).")
    if f.ranges:  # R14
        return "Ketik angka (desimal memakai koma, mis. 74,30) atau rentang, mis. 69,1 - 69,5."
    return "Ketik angka; desimal memakai koma, mis. 74,30."


def read_form(xl: Book, fname: str, sheet: S.Sheet, issues: list[Issue],
              facts: SheetFacts | None = None, old: bool = False) -> FormData:
    values: dict = {f.key: f.default for f in sheet.fields}
    cells: dict[str, str] = {}
    if sheet.name not in xl.sheet_names:
        issues.append(Issue(ERROR, "sheet-tidak-ada", fname, sheet.name, "", f"Sheet '{sheet.name}' tidak ada.",
                            "Jangan menghapus atau mengganti nama sheet; salin isian ke templat baru."))
        return FormData(fname, sheet.name, values, cells)
    facts = facts or _NO_FACTS
    rows = _parse(xl, sheet.name)
    labels = {_norm(row[0]): i for i, row in enumerate(rows) if i >= S.FIRST_DATA_ROW - 1 and row}
    for f in sheet.fields:
        i = next((labels[k] for k in map(_norm, (f.header,) + f.aliases) if k in labels), None)
        if i is None:
            if f.required or not old:
                issues.append(Issue(ERROR if f.required else WARNING, "isian-tidak-ada", fname, sheet.name,
                                    "kolom A", f"Baris isian '{f.header}' tidak ditemukan.",
                                    "Kembalikan baris isian seperti pada templat, atau jalankan 'lkjip siapkan'."))
            continue
        ref = f"B{i + 1}"
        cells[f.key] = ref
        raw = rows[i][1] if len(rows[i]) > 1 else None
        cell = read_cell(f, raw, ref, facts)
        if cell.code == "wajib-diisi":
            cell.action = "Isi sel ini."
        _record(fname, sheet.name, cell, ref, f"'{f.header}'", issues)
        values[f.key] = cell.value
    return FormData(fname, sheet.name, values, cells)


class Damaged(Exception):
    """A part of a workbook the reader could not parse (said in Indonesian)."""


DAMAGED = (zlib.error, zipfile.BadZipFile, KeyError, EOFError, UnicodeDecodeError, CalamineError, XmlError, ZipError,
           Damaged)


def read_folder(folder: Path, progress=None, status=None) -> tuple[RawInputs, list[Issue]]:
    """Read the five workbooks. ``progress(line)`` is told each workbook read (with its rows);
    ``status(text)``, when given, each sheet as it is read (for a line that updates in place)."""
    folder = Path(folder)
    raw = RawInputs(folder)
    chosen, issues = discover(folder)
    for kind, (path, xl, zf, version) in chosen.items():
        raw.files[kind] = path
        spec = S.BY_KIND[kind]
        found: list[Issue] = []
        try:
            with xl, zf:
                _read_workbook(spec, path.name, xl, zf, raw, found, status, old=version < S.TEMPLATE_VERSION)
        except DAMAGED as exc:
            detail = (f"bagian {exc.args[0]} tidak ada" if isinstance(exc, KeyError) and exc.args else
                      "isinya terpotong atau tidak utuh")
            found = [Issue(ERROR, "file-rusak", path.name, "", "",
                           f"Workbook ini rusak dan tidak dapat dibaca ({detail}).",
                           "Buka di Excel (terima tawaran perbaikan/Repair bila muncul) lalu simpan ulang, atau "
                           "pakai salinan cadangan workbook ini.")]
            raw.files.pop(kind)  # nothing of a damaged workbook is used
            for sheet in spec.sheets:
                raw.tables.pop((kind, sheet.name), None)
                raw.forms.pop((kind, sheet.name), None)
        issues += found
        if progress:
            rows = sum(len(raw.tables[(kind, sh.name)].frame) for sh in spec.sheets
                       if (kind, sh.name) in raw.tables and not sh.list_sheet)
            progress(f"{spec.title}: {path.name} ({fmt_id(rows)} baris)")
    return raw, issues


def _read_workbook(spec: S.Workbook, fname: str, xl, zf, raw: RawInputs, issues: list[Issue], status=None,
                   old: bool = False):
    facts = scan_sheets(zf, [s.name for s in spec.sheets], S.FIRST_DATA_ROW)
    if facts.has_macros:
        issues.append(Issue(WARNING, "makro-diabaikan", fname, "", "",
                            "Workbook ini berisi makro (VBA). Makro tidak dijalankan; hanya nilai sel yang dibaca.",
                            "Tidak perlu tindakan; simpan sebagai .xlsx bila makro tidak diperlukan."))
    for sheet in spec.sheets:
        if status:
            status(f"Membaca {fname} › {sheet.name}")
        if sheet.form:
            raw.forms[(spec.kind, sheet.name)] = read_form(xl, fname, sheet, issues, facts.sheets.get(sheet.name), old)
        else:
            table = read_table(xl, fname, sheet, issues, facts.sheets.get(sheet.name), old)
            raw.tables[(spec.kind, sheet.name)] = table
            if status and len(table.frame):
                status(f"Membaca {fname} › {sheet.name}: {fmt_id(len(table.frame))} baris")
