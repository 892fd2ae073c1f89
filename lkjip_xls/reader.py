"""Find the five workbooks in a folder and read them into typed frames.

Every problem becomes an :class:`Issue`; nothing here raises for bad content.
Workbooks are recognised by the hidden marker sheet written with the template,
never by file name. Reading uses pandas with the calamine engine, one open per
workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from . import schema as S
from .issues import ERROR, WARNING, Issue
from .inspect import Refused, SheetFacts, check_package, scan_sheets
from .numbers import to_decimal

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


def _open(path: Path):
    """(ExcelFile, ZipFile, None) for a usable workbook, or (None, None, reason)."""
    try:
        zf = check_package(path)
    except Refused as exc:
        return None, None, exc.reason
    except OSError as exc:
        return None, None, f"file tidak bisa dibuka ({exc.strerror or exc})"
    try:
        return pd.ExcelFile(path, engine="calamine"), zf, None
    except Exception as exc:  # noqa: BLE001 - any parser failure is reported, not raised
        zf.close()
        return None, None, f"file tidak bisa dibaca sebagai workbook Excel ({type(exc).__name__})"


def _marker(xl: pd.ExcelFile) -> tuple[str, int] | None:
    if S.MARKER_SHEET not in xl.sheet_names:
        return None
    raw = xl.parse(S.MARKER_SHEET, header=None, dtype=object).reindex(index=range(3), columns=[0])
    if _norm(raw.iat[0, 0]) != S.MARKER_TEXT:
        return None
    kind = _norm(raw.iat[1, 0])
    try:
        version = int(float(raw.iat[2, 0]))
    except (TypeError, ValueError):
        version = 0
    return kind, version


def discover(folder: Path) -> tuple[dict[str, tuple[Path, pd.ExcelFile, object]], list[Issue]]:
    """Find one workbook of each kind in ``folder`` (not its subfolders).

    Returns {kind: (path, ExcelFile, ZipFile)}; the caller closes both files."""
    issues: list[Issue] = []
    found: dict[str, list[tuple[Path, pd.ExcelFile, object]]] = {}
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
        marker = _marker(xl)
        if marker is None or marker[0] not in S.BY_KIND or marker[1] != S.TEMPLATE_VERSION:
            xl.close()
            zf.close()
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
        if version != S.TEMPLATE_VERSION:
            issues.append(Issue(ERROR, "versi-templat", path.name, S.MARKER_SHEET, "A3",
                                f"Templat versi {version}, sedangkan program memakai versi {S.TEMPLATE_VERSION}.",
                                "Salin isian ke templat terbaru (perintah 'lkjip templat'), lalu jalankan lagi."))
            continue
        found.setdefault(kind, []).append((path, xl, zf))
    chosen: dict[str, tuple[Path, pd.ExcelFile, object]] = {}
    for spec in S.WORKBOOKS:
        entries = found.get(spec.kind, [])
        if not entries:
            issues.append(Issue(ERROR, "workbook-tidak-ada", "", "", "",
                                f"Workbook {spec.title} tidak ditemukan di folder {folder}.",
                                f"Salin templat {spec.filename} dari folder input_templates ke folder data dan isi."))
        elif len(entries) > 1:
            names = ", ".join(p.name for p, _, _ in entries)
            issues.append(Issue(ERROR, "workbook-ganda", entries[1][0].name, "", "",
                                f"Ada {len(entries)} workbook {spec.title}: {names}.",
                                "Sisakan satu saja di folder data (pindahkan yang lama ke folder lain)."))
        else:
            chosen[spec.kind] = entries[0]
        for _, xl, zf in entries[1:] if len(entries) > 1 else []:
            xl.close()
            zf.close()
        if len(entries) > 1:
            entries[0][1].close()
            entries[0][2].close()
    return chosen, issues


_MONTHS = {_norm(b): i + 1 for i, b in enumerate(S.BULAN)} | {_norm(b): i + 1 for i, b in enumerate(S.BULAN_SINGKAT)}


def convert(field: S.Field, raw: object) -> tuple[object, str | None, str | None]:
    """(value, error, warning) for one cell."""
    if _is_blank(raw):
        return field.default, None, None
    t = field.type
    if t in ("text", "code"):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw).strip()
        return re.sub(r"[ \t]+", " ", text), None, None
    if t == "choice":
        for choice in field.choices:
            if _norm(choice) == _norm(raw):
                return choice, None, None
        return None, f"Isian '{raw}' tidak ada dalam pilihan ({', '.join(field.choices)}).", None
    if t == "month":
        if isinstance(raw, (int, float)) and float(raw).is_integer() and 1 <= int(raw) <= 12:
            return int(raw), None, None
        month = _MONTHS.get(_norm(raw))
        if month:
            return month, None, None
        return None, f"Bulan '{raw}' tidak dikenali; pilih Januari sampai Desember.", None
    parsed = to_decimal(raw)
    if parsed.error:
        return None, f"Sel {parsed.error}.", None
    value = parsed.value
    warning = (f"Angka diketik sebagai teks ('{raw}'), dibaca sebagai {value}."
               if parsed.from_text else None)
    if t in ("int", "money", "year"):
        if value != value.to_integral_value():
            what = "rupiah bulat" if t == "money" else "bilangan bulat"
            return None, f"Nilai {value} harus {what}.", None
        value = int(value)
        if t == "year" and not 2000 <= value <= 2100:
            return None, f"Tahun {value} tidak wajar.", None
        if value < 0:
            return None, f"Nilai {value} tidak boleh negatif.", None
    return value, None, warning


def _header_map(header_row: list, sheet: S.Sheet) -> tuple[dict[str, int], list[S.Field]]:
    positions = {}
    normalized = [_norm(h) for h in header_row]
    for f in sheet.fields:
        target = _norm(f.header)
        if target in normalized:
            positions[f.key] = normalized.index(target)
    missing = [f for f in sheet.fields if f.key not in positions]
    return positions, missing


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
    for ref in facts.no_cached_value:
        issues.append(Issue(ERROR, "rumus-tanpa-nilai", fname, sheet, ref,
                            f"Sel {ref} berisi rumus yang belum pernah dihitung Excel (tidak ada nilai tersimpan).",
                            "Buka workbook di Excel, tekan Ctrl+Alt+F9, simpan, lalu jalankan lagi."))


def read_table(xl: pd.ExcelFile, fname: str, sheet: S.Sheet, issues: list[Issue],
               facts: SheetFacts | None = None) -> SheetData:
    keys = [f.key for f in sheet.fields]
    empty = SheetData(fname, sheet.name, pd.DataFrame(columns=keys + ["row"]), {})
    if sheet.name not in xl.sheet_names:
        if not sheet.optional:
            issues.append(Issue(ERROR, "sheet-tidak-ada", fname, sheet.name, "",
                                f"Sheet '{sheet.name}' tidak ada.",
                                "Jangan menghapus atau mengganti nama sheet; salin isian ke templat baru."))
        return empty
    facts = facts or SheetFacts()
    _structure_issues(fname, sheet.name, facts, issues)
    raw = xl.parse(sheet.name, header=None, dtype=object)
    hr = S.HEADER_ROW - 1
    header = list(raw.iloc[hr]) if len(raw) > hr else []
    positions, missing = _header_map(header, sheet)
    for f in missing:
        if f.required or not sheet.list_sheet:
            issues.append(Issue(ERROR if f.required else WARNING, "kolom-tidak-ada", fname, sheet.name,
                                f"baris {S.HEADER_ROW}",
                                f"Kolom '{f.header}' tidak ditemukan di baris judul kolom.",
                                "Kembalikan judul kolom seperti pada templat (jangan diganti atau dihapus)."))
    if any(f.required for f in missing):
        return empty  # rows cannot be read without their key columns; the header issue says what to fix
    letters = {k: xl_col_to_name(c) for k, c in positions.items()}
    records = []
    for i in range(S.FIRST_DATA_ROW - 1, len(raw)):
        values = raw.iloc[i]
        cells = {k: values.iat[c] if c < len(values) else None for k, c in positions.items()}
        if all(_is_blank(v) for v in cells.values()):
            continue
        excel_row = i + 1
        record = {"row": excel_row}
        for f in sheet.fields:
            if f.key not in positions:
                record[f.key] = f.default
                continue
            ref = f"{letters[f.key]}{excel_row}"
            value, error, warning = convert(f, cells[f.key])
            if ref in facts.percent_cells and f.type == "decimal" and value is not None and not error:
                shown = value * 100
                warning = (f"Sel berformat persen: tampil {shown.normalize():f}% (tersimpan {value}), "
                           f"dibaca sebagai {shown.normalize():f}.")
                value = shown
            if error:
                issues.append(Issue(ERROR, "isian-tidak-valid", fname, sheet.name, ref,
                                    f"Kolom '{f.header}': {error}", _fix_hint(f)))
            elif warning:
                if ref in facts.percent_cells:
                    code, action = "persen-dibaca", ("Periksa nilainya; sebaiknya hapus format persen dan ketik "
                                                     "angkanya saja (100, bukan 100%).")
                else:
                    code, action = "angka-teks", "Periksa nilainya; sebaiknya ketik ulang sebagai angka."
                issues.append(Issue(WARNING, code, fname, sheet.name, ref, f"Kolom '{f.header}': {warning}", action))
            if value is None and f.required and not error and ref not in facts.no_cached_value:
                issues.append(Issue(ERROR, "wajib-diisi", fname, sheet.name, ref,
                                    f"Kolom '{f.header}' wajib diisi.", "Isi sel ini atau hapus seluruh barisnya."))
            record[f.key] = value
        records.append(record)
    frame = pd.DataFrame(records, columns=keys + ["row"], dtype=object) if records else empty.frame
    return SheetData(fname, sheet.name, frame, letters)


def _fix_hint(f: S.Field) -> str:
    if f.type in ("choice", "month"):
        return "Pilih isian dari daftar (drop-down) pada sel itu."
    if f.type == "money":
        return "Ketik rupiah sebagai angka bulat tanpa 'Rp', titik atau desimal, mis. 2717989953."
    if f.type in ("int", "year"):
        return "Ketik bilangan bulat, mis. 18."
    return "Ketik angka; desimal memakai koma, mis. 74,30."


def read_form(xl: pd.ExcelFile, fname: str, sheet: S.Sheet, issues: list[Issue]) -> FormData:
    values: dict = {f.key: f.default for f in sheet.fields}
    cells: dict[str, str] = {}
    if sheet.name not in xl.sheet_names:
        issues.append(Issue(ERROR, "sheet-tidak-ada", fname, sheet.name, "", f"Sheet '{sheet.name}' tidak ada.",
                            "Jangan menghapus atau mengganti nama sheet; salin isian ke templat baru."))
        return FormData(fname, sheet.name, values, cells)
    raw = xl.parse(sheet.name, header=None, dtype=object)
    labels = {_norm(raw.iat[i, 0]): i for i in range(S.FIRST_DATA_ROW - 1, len(raw)) if raw.shape[1] > 0}
    for f in sheet.fields:
        i = labels.get(_norm(f.header))
        if i is None:
            issues.append(Issue(ERROR, "isian-tidak-ada", fname, sheet.name, "kolom A",
                                f"Baris isian '{f.header}' tidak ditemukan.",
                                "Kembalikan baris isian seperti pada templat."))
            continue
        ref = f"B{i + 1}"
        cells[f.key] = ref
        cell = raw.iat[i, 1] if raw.shape[1] > 1 else None
        value, error, warning = convert(f, cell)
        if error:
            issues.append(Issue(ERROR, "isian-tidak-valid", fname, sheet.name, ref, f"'{f.header}': {error}",
                                _fix_hint(f)))
        elif warning:
            issues.append(Issue(WARNING, "angka-teks", fname, sheet.name, ref, f"'{f.header}': {warning}",
                                "Periksa nilainya; sebaiknya ketik ulang sebagai angka."))
        if value is None and f.required and not error:
            issues.append(Issue(ERROR, "wajib-diisi", fname, sheet.name, ref, f"'{f.header}' wajib diisi.",
                                "Isi sel ini."))
        values[f.key] = value
    return FormData(fname, sheet.name, values, cells)


def read_folder(folder: Path, progress=None) -> tuple[RawInputs, list[Issue]]:
    folder = Path(folder)
    raw = RawInputs(folder)
    chosen, issues = discover(folder)
    for kind, (path, xl, zf) in chosen.items():
        raw.files[kind] = path
        spec = S.BY_KIND[kind]
        if progress:
            progress(f"{spec.title}: {path.name}")
        with xl, zf:
            facts = scan_sheets(zf, [s.name for s in spec.sheets if not s.form], S.FIRST_DATA_ROW)
            if facts.has_macros:
                issues.append(Issue(WARNING, "makro-diabaikan", path.name, "", "",
                                    "Workbook ini berisi makro (VBA). Makro tidak dijalankan; hanya nilai sel yang dibaca.",
                                    "Tidak perlu tindakan; simpan sebagai .xlsx bila makro tidak diperlukan."))
            for sheet in spec.sheets:
                if sheet.form:
                    raw.forms[(kind, sheet.name)] = read_form(xl, path.name, sheet, issues)
                else:
                    raw.tables[(kind, sheet.name)] = read_table(xl, path.name, sheet, issues,
                                                                facts.sheets.get(sheet.name))
    return raw, issues
