"""``lkjip impor``: budget realisation from SIPD exports into Realisasi › Anggaran (spec section 9).

An export is read as a table whatever its layout: the header row is found by the names of its columns
(``KNOWN``, or ``impor_sipd.toml`` in the data folder), the sub kegiatan code is taken from its own
column or from the start of a "kode nama" cell, rekening rows of one sub kegiatan are added up, title,
subtotal and total rows are skipped (and subtotals checked against the rows they sum). SIPD realisasi
is cumulative: the month's amount is cumulative(M) - cumulative(M-1), the latter from the previous
export given together or from the months already in the workbook.

Only blank month cells are filled; a different value already typed is a conflict left as it is (unless
``timpa``, after the backup); a falling cumulative is a warning and writes nothing; a pagu differing
from the workbook's is a warning; an export code not in the Renja is named with the closest Renja
codes, and every Renja sub kegiatan the export lacks is listed. The workbook is written by changing
only those cells in the sheet's XML (everything else, formatting included, stays byte for byte), after
a backup, atomically, and never while it is open in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..issues import ERROR, EXIT_INPUT, EXIT_USAGE, WARNING, Issue, UserError
from . import matching as M
from . import schema as S

MAPPING_FILE = "impor_sipd.toml"
ROLES = ("kode", "sub_kegiatan", "rekening", "pagu", "realisasi")
# header names seen in SIPD exports (normalised: lower case, single spaces, no punctuation)
KNOWN = {
    "kode": ("kode sub kegiatan", "kd sub kegiatan", "kode subkegiatan", "kd subkeg", "kode sub", "kode"),
    "sub_kegiatan": ("sub kegiatan", "nama sub kegiatan", "subkegiatan", "uraian sub kegiatan",
                     "program kegiatan sub kegiatan", "uraian"),
    "rekening": ("rekening", "kode rekening", "nama rekening", "akun", "kode akun", "kode rekening belanja"),
    "pagu": ("pagu", "anggaran", "pagu anggaran", "nilai anggaran", "total anggaran", "anggaran setelah perubahan",
             "pagu perubahan", "anggaran perubahan", "pagu dpa", "nilai pagu"),
    "realisasi": ("realisasi", "total realisasi", "realisasi kumulatif", "realisasi sd bulan ini",
                  "realisasi s d bulan ini", "realisasi sampai dengan", "realisasi sd", "nilai realisasi",
                  "realisasi anggaran", "jumlah realisasi"),
}
TOTAL_WORDS = ("jumlah", "total", "sub total", "subtotal", "grand total", "jumlah total")
_CODE = re.compile(r"^\s*(\d+(?:[.\-/ ]\d+)+)(?=\s|$)")
SUB_GROUPS = 6  # a sub kegiatan code: X.XX.XX.X.XX.XXXX
HEADER_SEARCH = 40  # rows looked at for the header


@dataclass
class SubTotal:
    pagu: Decimal = Decimal(0)
    realisasi: Decimal = Decimal(0)
    rows: list[int] = field(default_factory=list)
    name: str = ""


@dataclass
class Export:
    path: Path
    month: int
    subs: dict[str, SubTotal]  # export code (as written, normalised groups) -> sums
    header_row: int
    columns: dict[str, str]  # role -> header as found
    checks: list[tuple[str, int, Decimal]] = field(default_factory=list)  # program/kegiatan rows: code, row, sum
    totals: list[tuple[int, Decimal, Decimal, Decimal]] = field(default_factory=list)  # total rows: row, value,
    #                                                  sum since the previous total row, sum since the start


@dataclass
class Filled:
    month: int
    count: int = 0  # month cells filled
    amount: int = 0  # rupiah written into them
    export_total: int = 0  # the export's cumulative realisasi of the Renja's sub kegiatan
    workbook_total: int = 0  # the workbook's realisasi of months 1..M of those sub kegiatan, after the import


@dataclass
class ImportReport:
    workbook: Path | None
    backup: Path | None
    filled: dict[int, Filled]
    issues: list[Issue]
    exports: list[Export]
    written: bool
    pagu_filled: int = 0  # blank Pagu Murni cells filled from the exports


def _norm(text: object) -> str:
    s = "" if text is None else str(text)
    s = re.sub(r"[^\w%]+", " ", s.replace("s.d.", "sd").replace("s/d", "sd")).strip().casefold()
    return re.sub(r"\s+", " ", s)


def groups(code: object) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", str(code or "")))


def code_of(text: object) -> str | None:
    """The code at the start of a "kode nama" cell (or a code alone)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return None
    m = _CODE.match(str(text or ""))
    return m.group(1) if m else None


def money(raw: object) -> Decimal | None:
    """A rupiah amount as an export holds it: a number, or text such as 1.234.567 / 1.234.567,89 / Rp 12.500."""
    from .numbers import to_decimal

    parsed = to_decimal(raw)
    if parsed.value is not None:
        return parsed.value
    if parsed.error and "bisa berarti" in parsed.error:  # "1.234": in rupiah the dot groups thousands
        return Decimal(re.sub(r"[^\d-]", "", str(raw)))
    return None


# Reading an export -----------------------------------------------------------------------------------

CSV_DELIMITERS = (";", "\t", ",")  # Indonesian Excel writes ';' (the comma is the decimal sign)
MAX_CSV_BYTES = 64 * 2**20  # a year's export of a large dinas is a few MB


def csv_text(raw: bytes) -> str:
    """The text of a CSV as Excel and SIPD save it: UTF-16 ("Unicode Text", with its byte-order mark),
    UTF-8 with or without a BOM, else Windows-1252 (an older Excel)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


NOT_EXPORTS = {".docx": "dokumen Word", ".doc": "dokumen Word", ".odt": "dokumen teks", ".pdf": "file PDF",
               ".rtf": "dokumen teks", ".zip": "arsip zip", ".eml": "draf email", ".toml": "file pengaturan"}


def _refuse_other(path: Path):
    """A file that is no SIPD export is refused in one sentence saying what it is."""
    what = NOT_EXPORTS.get(path.suffix.lower())
    if what is None and path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "word/document.xml" in names:
                    what = "dokumen Word (berakhiran .xlsx)"
                elif "xl/workbook.xml" in names:
                    book = zf.read("xl/workbook.xml")[:200_000]
                    if f'name="{S.RESULTS_SHEET}"'.encode() in book:
                        what = "workbook hasil lkjip (dari 'lkjip proses')"
                    elif f'name="{S.MARKER_SHEET}"'.encode() in book:
                        what = "workbook isian lkjip"
        except (zipfile.BadZipFile, OSError, KeyError):
            return  # said where the file is read
    if what:
        raise UserError(f"File {path.name} adalah {what}, bukan ekspor SIPD. Unduh laporan realisasi belanja per sub "
                        "kegiatan dari SIPD (Excel atau CSV), lalu impor file itu.", EXIT_INPUT)


def _tables(path: Path) -> list[list[list]]:
    """The candidate tables of an export: a CSV read with each usual delimiter, or the sheets of a workbook
    (largest first); the first in which a header is found is the export."""
    _refuse_other(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        from ..files import read_capped

        try:
            raw = read_capped(path, MAX_CSV_BYTES, f"Ekspor {path.name}")
        except UserError as exc:
            raise UserError(exc.message, EXIT_INPUT) from None
        text = csv_text(raw)
        return [[list(r) for r in csv.reader(io.StringIO(text), delimiter=d)] for d in CSV_DELIMITERS]
    return sorted(_sheets(path), key=len, reverse=True)


def _sheets(path: Path) -> list[list[list]]:
    suffix = path.suffix.lower()
    from python_calamine import CalamineWorkbook

    from .inspect import EXPORT_BOUNDS, Refused, check_sizes, guard, is_reader_failure, native_stderr_quiet

    if suffix in (".xlsx", ".xlsm"):
        from .inspect import _ole_reason

        with open(path, "rb") as fh:
            if fh.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE container: encrypted, or an .xls renamed
                raise UserError(f"Ekspor {path.name} tidak dapat dibaca: {_ole_reason(path)}.", EXIT_INPUT)
        try:
            with zipfile.ZipFile(path) as zf:
                check_sizes(zf)
            guard(path, EXPORT_BOUNDS)
        except zipfile.BadZipFile:
            raise UserError(f"Ekspor {path.name} bukan file Excel yang utuh (rusak atau terpotong saat diunduh). "
                            "Unduh ulang dari SIPD.", EXIT_INPUT) from None
        except Refused as exc:
            raise UserError(f"Ekspor {path.name} ditolak: {exc.reason}.", EXIT_INPUT) from None
    try:
        with native_stderr_quiet():
            book = CalamineWorkbook.from_path(str(path))
            sheets = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names]
    except BaseException as exc:
        if not isinstance(exc, Exception) and not is_reader_failure(exc):
            raise
        raise UserError(f"Ekspor {path.name} tidak dapat dibaca sebagai workbook Excel (mungkin rusak, terkunci "
                        "kata sandi, atau bukan file Excel). Buka di Excel, simpan ulang sebagai .xlsx tanpa kata "
                        "sandi, lalu coba lagi.", EXIT_INPUT) from None
    return sheets


def _mapping(folder: Path | None) -> dict[str, tuple[str, ...]]:
    names = {role: tuple(_norm(n) for n in names) for role, names in KNOWN.items()}
    path = folder / MAPPING_FILE if folder else None
    if path is None or not path.is_file():
        return names
    from ..files import read_capped

    try:
        data = tomllib.loads(read_capped(path, 2**20, f"File {MAPPING_FILE}").decode("utf-8"))
    except UserError as exc:
        raise UserError(exc.message, EXIT_INPUT) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{MAPPING_FILE} tidak dapat dibaca ({exc}). Tulis seperti: [kolom] lalu "
                        "realisasi = \"Nama Kolom di Ekspor\".", EXIT_INPUT) from None
    extra = data.get("kolom", {})
    unknown = set(extra) - set(ROLES)
    if unknown:
        raise UserError(f"{MAPPING_FILE}: kolom {', '.join(sorted(unknown))} tidak dikenal; yang dapat dipetakan: "
                        f"{', '.join(ROLES)}.", EXIT_INPUT)
    for role, header in extra.items():
        given = (header,) if isinstance(header, str) else tuple(header)
        names[role] = tuple(_norm(h) for h in given) + names[role]
    return names


def _find_header(rows: list[list], names: dict) -> tuple[int, dict[str, int]] | None:
    """(row index, role -> column) of the first row naming a realisasi column and a code source."""
    for r, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [_norm(v) for v in row]
        found: dict[str, int] = {}
        for role in ROLES:
            for wanted in names[role]:  # the most specific name first
                hit = next((c for c, h in enumerate(cells) if h == wanted and c not in found.values()), None)
                if hit is None and role == "realisasi":
                    hit = next((c for c, h in enumerate(cells) if h.startswith("realisasi") and
                                "%" not in h and "persen" not in h and c not in found.values()), None)
                if hit is not None:
                    found[role] = hit
                    break
        if "realisasi" in found and ("kode" in found or "sub_kegiatan" in found):
            return r, found
    return None


# title cells that carry a date which is not the period's (when the file was printed or downloaded)
NOT_PERIOD = ("cetak", "unduh", "download", "print", "dibuat")


def _month_in(rows: list[list], header: int, path: Path) -> int | None:
    """The month of the export: the END of the period its title rows state ("Periode: 1 Januari 2024 s.d.
    31 Maret 2024" is March; a date cell), else its file name (2024-03-31.xlsx, realisasi_maret.xlsx).
    Where the title and the name (or two title lines) disagree, the run stops and asks for --bulan:
    a month guessed wrong would put a running total into the wrong column."""
    said: dict[int, str] = {}
    for row in rows[:header]:
        for value in row:
            if isinstance(value, (dt.date, dt.datetime)):
                said.setdefault(value.month, f"tanggal {value.day}/{value.month}/{value.year}")
                continue
            text = str(value or "")
            if not text.strip() or any(w in text.casefold() for w in NOT_PERIOD):
                continue
            months = _months_text(text)
            if months:
                said.setdefault(months[-1], f"judul '{' '.join(text.split())[:80]}'")
    named = _month_text(path.stem, name=True)
    if named is not None:
        said.setdefault(named, f"nama file '{path.name}'")
    if len(said) > 1:
        shown = "; ".join(f"{where} menunjukkan {S.BULAN[m - 1]}" for m, where in said.items())
        raise UserError(f"Bulan ekspor {path.name} tidak pasti: {shown}. Tidak ada yang diubah. Sebutkan bulannya "
                        f"dengan --bulan untuk file ini saja, mis. 'lkjip impor {path.name} --bulan "
                        f"{S.BULAN[max(said) - 1]}'.", EXIT_USAGE)
    return next(iter(said), None)


def _months_text(text: str) -> list[int]:
    """Every month a title names, in the order written: numeric dates and full month names."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(r"(20\d\d)[-_./](\d{1,2})[-_./](\d{1,2})", text):
        if 1 <= int(m.group(2)) <= 12:
            found.append((m.start(), int(m.group(2))))
    for m in re.finditer(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d)\b", text):
        if 1 <= int(m.group(2)) <= 12:
            found.append((m.start(), int(m.group(2))))
    for m in re.finditer(r"[A-Za-z]+", text):
        month = FULL_MONTHS.get(m.group(0).casefold())
        if month:
            found.append((m.start(), month))
    return [month for _, month in sorted(found)]


FULL_MONTHS = {b.casefold(): i for i, b in enumerate(S.BULAN, start=1)} | {"nopember": 11, "pebruari": 2}


def _month_text(text: str, name: bool = False) -> int | None:
    """A month in a title ('s.d. 31 Maret 2024', '31/03/2024', 'Bulan : Mei') or, with ``name``, in a file
    name ('2024-03-31', 'realisasi_mar_2024'): numeric dates, full month names, and in names also the
    usual abbreviations."""
    m = re.search(r"(20\d\d)[-_./](\d{1,2})[-_./](\d{1,2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(2))
    m = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d)\b", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(2))
    for word in re.findall(r"[A-Za-z]+", text):
        month = FULL_MONTHS.get(word.casefold()) or (S.month_number(word) if name and len(word) >= 3 else None)
        if month:
            return month
    return None


def read_export(path: Path, month: int | None, folder: Path | None) -> Export:
    names = _mapping(folder)
    tables = _tables(path)
    rows, found = tables[0] if tables else [], None
    for candidate in tables:
        found = _find_header(candidate, names)
        if found is not None:
            rows = candidate
            break
    if found is None:
        shown, guess = _suggest(tables)
        lines = "".join(f"\n{role} = \"{header}\"" for role, header in guess.items())
        example = (f" Tambahkan pemetaannya di {MAPPING_FILE} di folder data, mis.:\n[kolom]{lines}" if guess else
                   f" Tambahkan pemetaannya di {MAPPING_FILE} di folder data: [kolom] lalu kode = \"judul kolom "
                   "kode\" dan realisasi = \"judul kolom realisasi\".")
        raise UserError(
            f"Kolom ekspor {path.name} tidak dikenali: perlu kolom realisasi dan kolom kode atau sub kegiatan. "
            f"Judul kolom yang ditemukan: {', '.join(shown[:20]) or '(tidak ada)'}.{example}", EXIT_INPUT)
    header, cols = found
    the_month = month or _month_in(rows, header, path)
    if the_month is None:
        raise UserError(f"Bulan ekspor {path.name} tidak ditemukan (di judul maupun nama file). Sebutkan dengan "
                        "--bulan, mis. --bulan Maret.", EXIT_USAGE)
    subs: dict[str, SubTotal] = {}
    export = Export(path, the_month, subs, header + 1, {role: str(rows[header][c]) for role, c in cols.items()})
    running, overall = Decimal(0), Decimal(0)
    for r in range(header + 1, len(rows)):
        row = rows[r]

        def at(role):
            c = cols.get(role)
            return row[c] if c is not None and c < len(row) else None

        code = None
        if "kode" in cols:
            raw = at("kode")
            code = code_of(raw) or (str(raw).strip() if isinstance(raw, str) and groups(raw) else None)
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                code = None
        if code is None and "sub_kegiatan" in cols:
            code = code_of(at("sub_kegiatan"))
        real = money(at("realisasi"))
        label = " ".join(_norm(v) for v in row if isinstance(v, str))
        if code is None:
            if real is not None and any(label.startswith(w) or f" {w} " in f" {label} " for w in TOTAL_WORDS):
                export.totals.append((r + 1, real, running, overall))
                running = Decimal(0)
            continue
        g = groups(code)
        pagu = money(at("pagu"))
        if not is_sub_code(g):
            # a program/kegiatan subtotal row (or an SKPD heading): checked against its sub kegiatan later
            if real is not None:
                export.checks.append((".".join(g), r + 1, real))
            continue
        key = ".".join(g)
        entry = subs.setdefault(key, SubTotal(name=str(at("sub_kegiatan") or "")))
        entry.realisasi += real or 0
        entry.pagu += pagu or 0
        entry.rows.append(r + 1)
        running += real or 0
        overall += real or 0
    return export


ROW_NUMBER_HEADERS = {"no", "nomor", "no urut", "#", "id", "urut"}


def _suggest(tables: list[list[list]]) -> tuple[list[str], dict[str, str]]:
    """The headers of the likeliest header row, and a mapping guessed from the values under them: a code
    column holds codes, a realisasi or pagu column amounts; a row-number, percent or text column is never
    proposed, and only headers present in the file are named."""
    best: tuple[int, list[str], dict[str, str]] = (-1, [], {})
    for rows in tables:
        for r, row in enumerate(rows[:HEADER_SEARCH]):
            texts = [str(v).strip() for v in row if isinstance(v, str) and v.strip()]
            if len(texts) < 3:
                continue
            below = rows[r + 1:r + 41]
            guess: dict[str, str] = {}
            amounts: list[tuple[int, str]] = []
            for c, h in enumerate(row):
                if not isinstance(h, str) or not h.strip():
                    continue
                name = _norm(h)
                if name in ROW_NUMBER_HEADERS or "%" in h or "persen" in name:
                    continue
                values = [x[c] for x in below if c < len(x) and x[c] not in (None, "")]
                if not values:
                    continue
                codes = sum(1 for v in values if code_of(v) and len(groups(code_of(v))) >= 3)
                money_ = [money(v) for v in values if not (isinstance(v, str) and code_of(v))]
                big = sum(1 for v in money_ if v is not None and abs(v) >= 1000)
                if "kode" not in guess and codes >= max(1, len(values) // 2):
                    guess["kode"] = h.strip()
                elif big >= max(1, len(values) // 2):
                    amounts.append((c, h.strip()))
            for c, h in amounts:
                name = _norm(h)
                if "pagu" not in guess and any(w in name for w in ("pagu", "anggaran", "dpa")):
                    guess["pagu"] = h
                elif "realisasi" not in guess and "realisasi" in name:
                    guess["realisasi"] = h
            rest = [h for _, h in amounts if h not in guess.values()]
            if "realisasi" not in guess and rest:
                guess["realisasi"] = rest[-1]  # the rightmost amount not taken as the pagu
            score = len(guess) * 10 + len(texts)
            if score > best[0]:
                best = (score, texts, guess)
            break  # the first row with three headers in each table is its header
    return best[1], best[2]


SUB_SHAPE = (1, 2, 2, 1, 2, 4)  # digits of each group of a sub kegiatan code: 7.01.01.2.01.0001


def is_sub_code(g: tuple[str, ...]) -> bool:
    """A sub kegiatan code, possibly behind an SKPD prefix: its last six groups have the nomenclature's
    shape. Program (X.XX.XX) and kegiatan (X.XX.XX.X.XX) codes and SKPD headings are not."""
    return len(g) >= SUB_GROUPS and tuple(len(x) for x in g[-SUB_GROUPS:]) == SUB_SHAPE


# Matching export codes to the Renja ------------------------------------------------------------------

def _match(export_codes: list[str], renja_codes: list[str]) -> tuple[dict[str, str], list[str]]:
    """{export code: Renja sub kegiatan code} and the export codes that match none. A code matches when
    its last six number groups are the Renja code's (an SKPD prefix, another separator), else when its
    digits end with the Renja code's digits and only one Renja code does."""
    by_groups = {groups(c): c for c in renja_codes}
    by_digits = {"".join(groups(c)): c for c in renja_codes}
    out, unknown = {}, []
    for code in export_codes:
        g = groups(code)
        hit = by_groups.get(tuple(g[-SUB_GROUPS:])) if len(g) >= SUB_GROUPS else None
        if hit is None:
            digits = "".join(g)
            ends = [c for d, c in by_digits.items() if digits.endswith(d)]
            hit = ends[0] if len(ends) == 1 else None
        if hit is None:
            unknown.append(code)
        else:
            out[code] = hit
    return out, unknown


# The workbook ------------------------------------------------------------------------------------------

@dataclass
class AnggaranRow:
    kode: str
    row: int  # Excel row
    pagu: int | None
    months: dict[int, int | None]


@dataclass
class Workbooks:
    """What the import needs of the data folder, read once by the reader ``proses`` uses (one reading,
    one set of cell and row rules): the Anggaran rows by code, the column letters, the Renja's sub
    kegiatan, and the reader's problems in the cells the import reads or writes."""
    rows: dict[str, AnggaranRow]
    letters: dict[str, str]
    renja_subs: list[str]
    problems: list[Issue]


MONTH_KEYS = tuple(f"m{m}" for m in range(1, 13))


def _workbooks(folder: Path, realisasi: Path) -> Workbooks:
    from .reader import Book, _header_map, read_folder

    sheet = next(s for s in S.REALISASI.sheets if s.name == "Anggaran")
    raw, issues = read_folder(folder)
    sd = raw.tables.get(("realisasi", "Anggaran"))
    if sd is None or not sd.letters:
        stop = [i.render() for i in issues if i.is_error and i.workbook == realisasi.name
                and i.sheet in ("Anggaran", "")]
        raise UserError(" ".join(stop) or f"{realisasi.name} tidak punya sheet Anggaran yang dapat dibaca. Jalankan "
                        "'lkjip siapkan' dulu.", EXIT_INPUT)
    letters = dict(sd.letters)
    if "kode" not in letters or any(k not in letters for k in MONTH_KEYS):
        raise UserError(f"Judul kolom sheet Anggaran di {realisasi.name} tidak dikenali (baris {S.HEADER_ROW}). "
                        "Kembalikan judul seperti pada templat, lalu coba lagi.", EXIT_INPUT)
    typed = {r["row"]: r for r in sd.frame.to_dict("records")}
    # the rows 'siapkan' made that staff have not filled yet (no pagu, no month): the reader leaves them
    # out of its frame; their code still says where a month or a pagu goes
    with Book(realisasi) as book:
        cells = book.rows(sheet.name)
    positions, _, _ = _header_map(cells[S.HEADER_ROW - 1] if len(cells) >= S.HEADER_ROW else [], sheet)
    out: dict[str, AnggaranRow] = {}
    for i in range(S.FIRST_DATA_ROW - 1, len(cells)):
        c = positions.get("kode")
        kode = cells[i][c] if c is not None and c < len(cells[i]) else None
        if kode in (None, ""):
            continue
        kode, r = str(kode).strip(), i + 1
        record = typed.get(r, {})
        pagu = record.get("pagu_perubahan") if record.get("pagu_perubahan") is not None else record.get("pagu_murni")
        out[M.code_key(kode)] = AnggaranRow(kode, r, pagu, {m: record.get(f"m{m}") for m in range(1, 13)})
    month_columns = {letters[k] for k in MONTH_KEYS}
    # a month cell the import adds to or computes from must be readable; every other problem of the
    # workbook is for 'proses' and 'periksa' to say (an empty sheet is what the import is about to fill)
    problems = [i for i in issues if i.is_error and i.workbook == realisasi.name and i.sheet == "Anggaran"
                and (m := re.fullmatch(r"([A-Z]+)\d+", i.cell or "")) and m.group(1) in month_columns]
    renja = raw.tables.get(("renja", "Renja"))
    subs: list[str] = []
    if renja is not None:
        for kode, level in zip(renja.frame["kode"], renja.frame["level"]):
            if level == "Sub Kegiatan" and kode and kode not in subs:
                subs.append(kode)
    return Workbooks(out, letters, subs, problems)


def _set_cells(xlsx: bytes, sheet_name: str, values: dict[str, int]) -> bytes:
    """``xlsx`` with the cells ``values`` (A1 reference -> number) of one sheet set, every other part and
    cell untouched; Excel recalculates formulas on opening."""
    from lxml import etree

    from .inspect import sheet_parts

    src = zipfile.ZipFile(io.BytesIO(xlsx))
    part = sheet_parts(src)[sheet_name]
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    q = f"{{{ns}}}"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(src.read(part), parser)
    data = root.find(f"{q}sheetData")

    def col_number(ref: str) -> int:
        letters = re.match(r"[A-Z]+", ref).group(0)
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        return n

    _number_positions(data, q, col_number)
    rows = {int(r.get("r")): r for r in data.findall(f"{q}row")}
    for ref, value in values.items():
        r = int(re.search(r"\d+", ref).group(0))
        row = rows.get(r)
        if row is None:
            row = etree.SubElement(data, f"{q}row", r=str(r))
            rows[r] = row
            ordered = sorted(data.findall(f"{q}row"), key=lambda e: int(e.get("r")))
            for e in ordered:
                data.remove(e)
                data.append(e)
        cell = next((c for c in row.findall(f"{q}c") if c.get("r") == ref), None)
        if cell is None:
            cell = etree.Element(f"{q}c", r=ref)
            after = [c for c in row.findall(f"{q}c") if col_number(c.get("r")) < col_number(ref)]
            left = after[-1] if after else None
            if left is not None and left.get("s"):
                cell.set("s", left.get("s"))
            if left is None:
                row.insert(0, cell)
            else:
                left.addnext(cell)
        for child in list(cell):
            cell.remove(child)
        for attr in ("t", "cm", "vm"):
            cell.attrib.pop(attr, None)
        etree.SubElement(cell, f"{q}v").text = str(value)
        if row.get("spans"):
            row.attrib.pop("spans")
    sheet_xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == part:
                content = sheet_xml
            elif item.filename == "xl/workbook.xml":
                content = _full_calc(content)
            dest.writestr(item, content)
    return out.getvalue()


def _number_positions(data, q: str, col_number):
    """Write out the position of every row and cell that leaves it implicit (a row or cell without ``r``
    follows the previous one, as Excel reads it; some generators write them so): the same sheet, with
    every position explicit, so that cells can be found and placed."""
    from xlsxwriter.utility import xl_col_to_name

    row_no = 0
    for row in data.findall(f"{q}row"):
        row_no = int(row.get("r")) if (row.get("r") or "").isdigit() else row_no + 1
        row.set("r", str(row_no))
        col = 0
        for cell in row.findall(f"{q}c"):
            ref = cell.get("r") or ""
            col = col_number(ref) if re.fullmatch(r"[A-Z]{1,3}\d+", ref) else col + 1
            cell.set("r", f"{xl_col_to_name(col - 1)}{row_no}")


def _full_calc(workbook_xml: bytes) -> bytes:
    """Ask Excel to recalculate on opening (a formula elsewhere may use the cells just filled)."""
    if b"<calcPr" in workbook_xml:
        if b"fullCalcOnLoad" in workbook_xml:
            return workbook_xml
        return workbook_xml.replace(b"<calcPr", b'<calcPr fullCalcOnLoad="1"', 1)
    return workbook_xml.replace(b"</workbook>", b'<calcPr fullCalcOnLoad="1"/></workbook>', 1)


# The import --------------------------------------------------------------------------------------------

def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def import_exports(exports: list[Path], folder: Path, month: int | None = None, replace: bool = False,
                   now: dt.datetime | None = None) -> ImportReport:
    """Fill Realisasi › Anggaran in ``folder`` from the SIPD ``exports`` (never modified)."""
    from ..files import backup, locked, write_bytes_atomically
    from .reader import discover

    folder = Path(folder)
    if month is not None and len(exports) > 1:
        raise UserError("--bulan hanya dapat dipakai untuk satu file ekspor; untuk beberapa file bulan diambil dari "
                        "isi atau nama setiap file.", EXIT_USAGE)
    read = sorted((read_export(Path(p), month, folder) for p in exports), key=lambda e: e.month)
    months = [e.month for e in read]
    if len(set(months)) != len(months):
        twice = sorted({m for m in months if months.count(m) > 1})
        raise UserError(f"Ada beberapa ekspor untuk bulan {', '.join(S.BULAN[m - 1] for m in twice)}; berikan satu "
                        "ekspor per bulan.", EXIT_USAGE)
    chosen, found_issues = discover(folder)
    for entry in chosen.values():
        entry.book.close()
        entry.zip.close()
    if "realisasi" not in chosen or "renja" not in chosen:
        missing = [S.BY_KIND[k].filename for k in ("renja", "realisasi") if k not in chosen]
        damaged = [i.render() for i in found_issues if i.is_error and i.workbook in missing]
        if damaged:
            raise UserError(" ".join(damaged), EXIT_INPUT)
        raise UserError(f"{' dan '.join(missing)} tidak ditemukan di folder {folder}. Jalankan 'lkjip siapkan' "
                        "dulu.", EXIT_INPUT)
    path = chosen["realisasi"].path
    issues: list[Issue] = []
    books = _workbooks(folder, path)
    rows, letters, renja_subs = books.rows, books.letters, books.renja_subs
    issues += books.problems
    updates: dict[str, int] = {}
    pagu_filled: list[tuple[str, str]] = []  # (cell, sub kegiatan) of the blank Pagu Murni filled from an export
    filled = {e.month: Filled(e.month) for e in read}
    previous: dict[str, Decimal] | None = None  # cumulative of the export before, when given
    previous_month = None
    for export in read:
        mapping, unknown = _match(list(export.subs), renja_subs)
        for code in unknown:
            hint = M.hint(M.Names(renja_subs).suggest(code))
            issues.append(Issue(WARNING, "impor-kode-tidak-ada", export.path.name, "",
                                f"baris {export.subs[code].rows[0]}",
                                f"Kode {code} ({export.subs[code].name or 'tanpa nama'}) tidak ada di Renja; "
                                f"realisasinya tidak diimpor.{hint}",
                                "Periksa kode sub kegiatan di Renja, atau tambahkan sub kegiatan itu di Renja lalu "
                                "jalankan 'lkjip siapkan'."))
        _check_subtotals(export, issues)
        sums: dict[str, SubTotal] = {}
        for code, renja in mapping.items():
            s = sums.setdefault(renja, SubTotal(name=export.subs[code].name))
            s.realisasi += export.subs[code].realisasi
            s.pagu += export.subs[code].pagu
            s.rows += export.subs[code].rows
        for renja in renja_subs:
            if renja not in sums:
                issues.append(Issue(WARNING, "impor-sub-tidak-ada", export.path.name, "", "",
                                    f"Sub kegiatan {renja} dari Renja tidak ada di ekspor bulan "
                                    f"{S.BULAN[export.month - 1]}; bulan itu tidak diisi untuknya.",
                                    "Periksa apakah ekspor SIPD sudah mencakup semua sub kegiatan."))
        for renja, s in sums.items():
            row = rows.get(M.code_key(renja))
            if row is None:
                issues.append(Issue(WARNING, "impor-baris-tidak-ada", path.name, "Anggaran", "",
                                    f"Sub kegiatan {renja} belum punya baris di sheet Anggaran; tidak diisi.",
                                    "Jalankan 'lkjip siapkan' agar barisnya dibuat, lalu impor lagi."))
                continue
            cumulative = _whole(s.realisasi)
            pagu = _whole(s.pagu) if s.pagu else None
            pagu_ref = f"{letters['pagu_murni']}{row.row}" if "pagu_murni" in letters else None
            if pagu is not None and row.pagu is None and pagu_ref and pagu_ref not in updates:
                updates[pagu_ref] = pagu  # a new office: the budget the export already has, not typed again
                pagu_filled.append((pagu_ref, renja))
            if pagu is not None and row.pagu is not None and pagu != row.pagu:
                issues.append(Issue(WARNING, "impor-pagu-beda", path.name, "Anggaran",
                                    f"{letters.get('pagu_perubahan') or letters['pagu_murni']}{row.row}",
                                    f"Pagu {renja} di workbook Rp{_rp(row.pagu)}, di ekspor SIPD "
                                    f"{export.path.name} Rp{_rp(pagu)}.",
                                    "Periksa pagu murni/perubahan di sheet Anggaran."))
            before = (previous.get(renja) if previous is not None and previous_month == export.month - 1 else None)
            if before is None:
                earlier = [row.months[m] for m in range(1, export.month)]
                typed_before = [updates.get(f"{letters[f'm{m}']}{row.row}") for m in range(1, export.month)]
                known = [t if t is not None else e for e, t in zip(earlier, typed_before)]
                if any(v is None for v in known):
                    gap = next(m for m, v in enumerate(known, start=1) if v is None)
                    issues.append(Issue(WARNING, "impor-bulan-sebelumnya", path.name, "Anggaran",
                                        f"{letters[f'm{gap}']}{row.row}",
                                        f"Realisasi {renja} bulan {S.BULAN[gap - 1]} belum diisi, sehingga belanja "
                                        f"bulan {S.BULAN[export.month - 1]} tidak dapat dihitung dari angka kumulatif "
                                        "SIPD; tidak diisi.",
                                        "Impor juga ekspor bulan sebelumnya (bersama-sama), atau isi bulan itu."))
                    continue
                before = sum(int(v) for v in known)
            amount = cumulative - int(before)
            ref = f"{letters[f'm{export.month}']}{row.row}"
            if amount < 0:
                issues.append(Issue(WARNING, "impor-kumulatif-turun", path.name, "Anggaran", ref,
                                    f"Realisasi kumulatif {renja} turun dari Rp{_rp(before)} menjadi Rp{_rp(cumulative)} "
                                    f"di {export.path.name} (koreksi di SIPD?); bulan {S.BULAN[export.month - 1]} "
                                    "tidak diisi.",
                                    "Periksa koreksi itu di SIPD dan perbaiki bulan yang salah di sheet Anggaran."))
                continue
            typed = row.months[export.month]
            if typed is not None and int(typed) != amount:
                if not replace:
                    issues.append(Issue(WARNING, "impor-konflik", path.name, "Anggaran", ref,
                                        f"Sel sudah berisi Rp{_rp(typed)}, menurut SIPD Rp{_rp(amount)}; dibiarkan.",
                                        "Periksa mana yang benar; pakai --timpa untuk mengganti dengan angka SIPD "
                                        "(workbook lama disimpan di cadangan)."))
                    continue
            elif typed is not None:
                continue  # the same amount is already there
            updates[ref] = amount
            filled[export.month].count += 1
            filled[export.month].amount += amount
        previous = {renja: Decimal(_whole(s.realisasi)) for renja, s in sums.items()}
        previous_month = export.month
        done = filled[export.month]
        done.export_total = sum(_whole(s.realisasi) for s in sums.values())
        for renja in sums:
            row = rows.get(M.code_key(renja))
            if row is not None:
                done.workbook_total += sum(int(updates.get(f"{letters[f'm{m}']}{row.row}", row.months[m] or 0))
                                           for m in range(1, export.month + 1))
    if pagu_filled:
        cells = ", ".join(ref for ref, _ in pagu_filled[:5]) + (f" dan {len(pagu_filled) - 5} lainnya"
                                                               if len(pagu_filled) > 5 else "")
        issues.append(Issue(WARNING, "impor-pagu-diisi", path.name, "Anggaran", pagu_filled[0][0],
                            f"Pagu Murni {len(pagu_filled)} sub kegiatan masih kosong dan diisi dari ekspor SIPD "
                            f"({cells}).",
                            "Periksa pagu itu dengan DPA; bila pagu di SIPD sudah pagu perubahan, pindahkan ke kolom "
                            "Pagu Perubahan dan isi Pagu Murni dari DPA murni."))
    issues = collapse(issues)
    if any(i.is_error for i in issues):
        return ImportReport(path, None, filled, issues, read, False)
    if not updates:
        return ImportReport(path, None, filled, issues, read, False)
    if locked(path):
        raise UserError(f"{path.name} sedang dibuka (mungkin di Excel). Tutup dulu lalu jalankan lagi; tidak ada yang "
                        "diubah.", 3)
    original = path.read_bytes()
    saved = backup(path, now or dt.datetime.now())
    write_bytes_atomically(path, _set_cells(original, "Anggaran", updates), "workbook Realisasi")
    return ImportReport(path, saved, filled, issues, read, True, len(pagu_filled))


SAME_KIND_SHOWN = 3  # more warnings of one kind than this are said once, with a count and the first few


def collapse(issues: list[Issue]) -> list[Issue]:
    """Each kind of warning once when it recurs: the first in full, then how many more and which (the
    sub kegiatan code or cell of the next few), instead of 25 near-identical lines."""
    by_code: dict[str, list[Issue]] = {}
    for i in issues:
        by_code.setdefault(i.code, []).append(i)
    out: list[Issue] = []
    for i in issues:
        group = by_code[i.code]
        if i.is_error or len(group) <= SAME_KIND_SHOWN:
            out.append(i)
            continue
        if i is not group[0]:
            continue
        others = [_subject(x) for x in group[1:]]
        shown = ", ".join(others[:5]) + (f" dan {len(others) - 5} lainnya" if len(others) > 5 else "")
        out.append(Issue(i.severity, i.code, i.workbook, i.sheet, i.cell,
                         f"{i.message} Hal yang sama untuk {len(others)} lainnya: {shown}.", i.action))
    return out


def _subject(issue: Issue) -> str:
    m = re.search(r"\d+(?:\.\d+){5}", issue.message)
    return m.group(0) if m else (issue.cell or issue.workbook)


def _check_subtotals(export: Export, issues: list[Issue]):
    """A program/kegiatan row of the export against the sum of its sub kegiatan; a total row against the
    rows since the previous total row (a group total) or all rows so far (a grand total)."""
    for code, row, real in export.checks:
        g = groups(code)
        if len(g) >= 5 and tuple(len(x) for x in g[-5:]) == SUB_SHAPE[:5]:
            head = g[-5:]
        elif len(g) >= 3 and tuple(len(x) for x in g[-3:]) == SUB_SHAPE[:3]:
            head = g[-3:]
        else:
            continue  # an SKPD heading or another level: nothing to check it against
        members = [s for k, s in export.subs.items() if groups(k)[-SUB_GROUPS:][:len(head)] == head]
        if members:
            total = sum((s.realisasi for s in members), Decimal(0))
            if _whole(total) != _whole(real):
                issues.append(Issue(WARNING, "impor-subtotal-beda", export.path.name, "", f"baris {row}",
                                    f"Baris {code} berisi realisasi Rp{_rp(real)}, sedangkan jumlah sub kegiatannya "
                                    f"Rp{_rp(total)}.", "Periksa ekspor SIPD; yang diimpor adalah baris sub kegiatan."))
    for row, value, group, overall in export.totals:
        if _whole(value) not in (_whole(group), _whole(overall)):
            issues.append(Issue(WARNING, "impor-total-beda", export.path.name, "", f"baris {row}",
                                f"Baris jumlah berisi Rp{_rp(value)}, sedangkan jumlah baris sub kegiatan di atasnya "
                                f"Rp{_rp(group)} (seluruhnya Rp{_rp(overall)}).",
                                "Periksa ekspor SIPD; yang diimpor adalah baris sub kegiatan."))


def _rp(value) -> str:
    from .numbers import fmt_id

    return fmt_id(_whole(Decimal(value)))
