"""`lkjip siapkan`: type everything once. Renja and PK are the sources; the rest is derived from them.

* Realisasi › Kinerja: one row per Renja indicator (Kode, Uraian, Indikator, Satuan, Sifat filled and
  locked); Anggaran and Anggaran Kas: one row per sub kegiatan; IKU: one row per IKU of the PK;
  Pembanding: a row for each IKU and each program indicator; Tahun from the PK.
* The lists other sheets pick from (programs, IKU, indicators) are written into each workbook that uses
  them, from their one source.
* Nothing typed is lost. Existing workbooks are read as staff left them (values, formulas with their
  last values, text in number cells, extra columns and sheets); rows are matched to the new ones by Kode
  and Indikator with the one name rule (``matching``); a row whose indicator left the Renja moves, with
  everything in it, to the sheet 'Baris Tidak Terpakai'. A workbook whose content would not change is
  left alone; one that changes is first copied to ``cadangan/``; one open in Excel is not touched.
* Workbooks made from an older template version are upgraded (their columns found by their headers).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import matching as M
from . import schema as S
from ..files import place_files
from ..issues import ERROR, EXIT_INPUT, WARNING, FileInUse, Issue, UserError
from .templates import UNUSED_SHEET, Carried, Formula, workbook_bytes, write_workbook

GENERATED = "siapkan"


@dataclass
class RawTable:
    """A table sheet as staff left it: each data row's cells by field key, plus extra columns."""

    rows: list[dict] = field(default_factory=list)  # {field key: value, "_row": Excel row, "_extra": [values]}
    extra_headers: list[str] = field(default_factory=list)
    extra_columns: list[int] = field(default_factory=list)  # 0-based column of each extra header


@dataclass
class RawBook:
    version: int = S.TEMPLATE_VERSION
    tables: dict[str, RawTable] = field(default_factory=dict)
    forms: dict[str, dict] = field(default_factory=dict)
    others: list[tuple[str, list[list]]] = field(default_factory=list)  # sheets outside the schema
    problems: list[str] = field(default_factory=list)  # sheets that could not be mapped (never rewritten)
    grids: dict[str, list[list]] = field(default_factory=dict)  # every cell of the schema's sheets and Petunjuk


@dataclass
class Report:
    workbook: str
    action: str  # "dibuat", "diperbarui", "tidak berubah", "dilewati"
    added: int = 0
    kept: int = 0
    moved: int = 0
    backup: Path | None = None
    note: str = ""


# Reading a workbook as staff left it ---------------------------------------------------------------

def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def read_raw(path: Path, spec: S.Workbook) -> RawBook:
    """Everything typed in ``path``: values as their types, formulas with the value Excel last computed."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    from .reader import _header_map, _marker, _norm, Book

    from .inspect import check_package

    check_package(path).close()  # bombs, absurd extents: refused before calamine or openpyxl reads it
    book = RawBook()
    with Book(path) as xl:
        marker = _marker(xl)
        book.version = marker[1] if marker else 0
    cached_wb = CalamineWorkbook.from_path(str(path))
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for ws in wb.worksheets:
            name = ws.title
            if name == S.MARKER_SHEET:
                continue
            if name == "Petunjuk":
                book.grids[name] = [[getattr(c, "value", None) for c in cells] for cells in ws.iter_rows()]
                continue
            cached = None
            rows = []
            for r, cells in enumerate(ws.iter_rows(), start=1):
                values = []
                for c, cell in enumerate(cells):
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
                        if cached is None:
                            cached = cached_wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
                        shown = cached[r - 1][c] if r - 1 < len(cached) and c < len(cached[r - 1]) else None
                        value = Formula(value, None if shown == "" else shown)
                    values.append(value)
                rows.append(values)
            sheet = next((s for s in spec.sheets if s.name == name), None)
            if sheet is not None:
                book.grids[name] = rows
            if sheet is None:
                book.others.append((name, rows))
            elif sheet.form:
                labels = {_norm(row[0]): row for row in rows[S.FIRST_DATA_ROW - 1:] if row}
                book.forms[name] = {}
                for f in sheet.fields:  # under its header, or a header an older template gave it
                    row = next((labels[k] for k in map(_norm, (f.header,) + f.aliases) if k in labels), None)
                    if row is not None:
                        book.forms[name][f.key] = row[1] if len(row) > 1 else None
            else:
                header = rows[S.HEADER_ROW - 1] if len(rows) >= S.HEADER_ROW else []
                positions, missing, repeated = _header_map(header, sheet)
                if any(f.required and not f.derived for f in missing) and any(
                        not _blank(v) for row in rows[S.FIRST_DATA_ROW - 1:] for v in row):
                    book.problems.append(name)
                    continue
                used = set(positions.values())
                extra = [(c, str(h).strip() or f"Kolom {c + 1}") for c, h in enumerate(header)
                         if c not in used and any(c < len(row) and not _blank(row[c])
                                                  for row in rows[S.FIRST_DATA_ROW - 1:])]
                table = RawTable(extra_headers=[h for _, h in extra], extra_columns=[c for c, _ in extra])
                for r, row in enumerate(rows[S.FIRST_DATA_ROW - 1:], start=S.FIRST_DATA_ROW):
                    record = {f.key: row[positions[f.key]] if f.key in positions and positions[f.key] < len(row)
                              else None for f in sheet.fields}
                    record["_extra"] = [row[c] if c < len(row) else None for c, _ in extra]
                    record["_row"] = r
                    if all(_blank(v) for k, v in record.items() if k != "_row" and k != "_extra") and \
                            all(_blank(v) for v in record["_extra"]):
                        continue
                    table.rows.append(record)
                book.tables[name] = table
    finally:
        wb.close()
        cached_wb.close()
    return book


def raw_from_data(spec: S.Workbook, data: dict) -> RawBook:
    """A RawBook from rows typed in code (the bundled example), as if read from a workbook."""
    book = RawBook()
    for sheet in spec.sheets:
        content = data.get(sheet.name)
        if content is None:
            continue
        if sheet.form:
            book.forms[sheet.name] = dict(content)
        else:
            book.tables[sheet.name] = RawTable(rows=[{**{f.key: r.get(f.key) for f in sheet.fields}, "_extra": [],
                                                     "_row": None} for r in content])
    return book


# The sources: Renja and PK, read and checked ---------------------------------------------------------

@dataclass
class Sources:
    tahun: int | None
    indicators: list[dict]  # Renja rows: kode, level, uraian, indikator, satuan, sifat (in Renja order)
    programs: list[tuple[str, str]]  # (kode, nama)
    subs: list[tuple[str, str]]  # (kode, uraian) of sub kegiatan
    iku: list[tuple[str, str]]  # (indikator, sasaran)
    pk_indicators: list[tuple[str, str]]  # (kode program, indikator) of the PK


def sources_from(renja, iku, pk_program, identitas) -> Sources:
    """From the typed frames of the Renja sheet and the PK sheets (``reader`` output)."""
    from ..kinerja.frames import tuples
    from ..kinerja.model import _fill_down

    frame = _fill_down(renja.frame, "kode", ["uraian"])
    indicators, programs, subs, seen = [], [], [], set()
    for r in tuples(frame):
        if not r.kode:
            continue
        indicators.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, indikator=r.indikator, satuan=r.satuan,
                               sifat=r.sifat))
        if r.kode in seen:
            continue
        seen.add(r.kode)
        if r.level == "Program":
            programs.append((r.kode, r.uraian))
        elif r.level == "Sub Kegiatan":
            subs.append((r.kode, r.uraian))
    return Sources(
        tahun=identitas.get("tahun"),
        indicators=indicators, programs=programs, subs=subs,
        iku=[(r.indikator, r.sasaran) for r in tuples(iku.frame) if r.indikator],
        pk_indicators=[(r.kode, r.indikator) for r in tuples(pk_program.frame) if r.kode and r.indikator],
    )


def read_sources(folder: Path) -> tuple[Sources | None, dict, list[Issue]]:
    """Renja and PK of ``folder``, checked; (sources, {kind: path of each workbook found}, issues)."""
    from .reader import DAMAGED, discover, read_form, read_table
    from .inspect import scan_sheets

    chosen, issues = discover(folder)
    issues = [i for i in issues if i.code != "workbook-tidak-ada" and i.code != "versi-templat-lama"]
    paths = {kind: entry.path for kind, entry in chosen.items()}
    missing = [S.BY_KIND[k].filename for k in ("renja", "pk") if k not in chosen]
    if missing:
        for entry in chosen.values():
            entry.book.close()
            entry.zip.close()
        damaged = [i.render() for i in issues if i.is_error and i.workbook in missing]
        if damaged:  # the file is there but cannot be read: say that, not "not found"
            raise UserError(" ".join(damaged), EXIT_INPUT)
        raise UserError(f"Workbook {' dan '.join(missing)} tidak ditemukan di folder {folder}. 'lkjip siapkan' "
                        "membuat workbook lain dari Renja dan PK: salin templatnya ke folder itu, isi, lalu jalankan "
                        "lagi.", EXIT_INPUT)
    read: dict = {}
    for kind in ("renja", "pk"):
        path, xl, zf, _ = chosen[kind]
        spec = S.BY_KIND[kind]
        with xl, zf:
            try:
                facts = scan_sheets(zf, [s.name for s in spec.sheets], S.FIRST_DATA_ROW)
                for sheet in spec.sheets:
                    if sheet.list_sheet:
                        continue
                    if sheet.form:
                        read[sheet.name] = read_form(xl, path.name, sheet, issues, facts.sheets.get(sheet.name))
                    else:
                        read[sheet.name] = read_table(xl, path.name, sheet, issues, facts.sheets.get(sheet.name))
            except DAMAGED as exc:
                issues.append(Issue(ERROR, "file-rusak", path.name, "", "",
                                    f"Workbook ini rusak dan tidak dapat dibaca ({exc}); belum ada workbook yang "
                                    "diubah.", "Buka di Excel (terima tawaran perbaikan/Repair bila muncul) lalu "
                                    "simpan ulang, atau pakai salinan cadangan workbook ini."))
    for kind, entry in chosen.items():
        if kind not in ("renja", "pk"):
            entry.book.close()
            entry.zip.close()
    if not any(i.is_error for i in issues):
        from ..kinerja.model import _check_renja

        issues += _check_renja(read["Renja"])  # codes, levels and hierarchy: every derived row rests on them
    if any(i.is_error for i in issues):
        return None, paths, issues
    return sources_from(read["Renja"], read["Sasaran Strategis"], read["Sasaran Program"],
                        read["Identitas"].values), paths, issues


# Deriving each workbook -----------------------------------------------------------------------------

@dataclass
class Derived:
    data: dict = field(default_factory=dict)  # sheet -> rows | form values
    fixed: dict = field(default_factory=dict)  # sheet -> cells siapkan filled
    carried: Carried = field(default_factory=Carried)
    added: int = 0
    kept: int = 0
    moved: list[tuple[str, str]] = field(default_factory=list)  # (sheet, description)


def _typed(sheet: S.Sheet, row: dict) -> bool:
    """Whether a row holds anything staff typed (not only what siapkan filled)."""
    return any(not _blank(row.get(f.key)) for f in sheet.fields if not (f.derived or f.prefill)) or any(
        not _blank(v) for v in row.get("_extra", []))


def _headers(sheet: S.Sheet, table: RawTable) -> list[str]:
    return [f.header for f in sheet.fields] + table.extra_headers


def _move(out: Derived, sheet: S.Sheet, table: RawTable, row: dict, why: str):
    values = [row.get(f.key) for f in sheet.fields] + row.get("_extra", [])
    out.carried.unused.append((sheet.name, row.get("_row"), _headers(sheet, table), values))
    label = " ".join(str(row.get(k)) for k in ("kode", "indikator") if not _blank(row.get(k))) or \
        f"baris {row.get('_row')}"
    out.moved.append((sheet.name, f"{label} ({why})"))


def _keep_rows(out: Derived, sheet: S.Sheet, table: RawTable | None):
    """A sheet staff type whole: its rows as they are."""
    table = table or RawTable()
    out.data[sheet.name] = [{k: v for k, v in r.items() if k not in ("_row", "_extra")} for r in table.rows]
    if table.extra_headers:
        out.carried.columns[sheet.name] = [(h, [r["_extra"][k] for r in table.rows], table.extra_columns[k])
                                           for k, h in enumerate(table.extra_headers)]
    out.kept += len(table.rows)


def _keyed(out: Derived, sheet: S.Sheet, table: RawTable | None, plan: list[tuple[object, dict]], key_of,
           many: bool = False):
    """Rows of ``sheet`` made from ``plan`` [(key, filled values)], each keeping what staff typed in the
    existing row of the same key; existing rows whose key is not planned move to 'Baris Tidak Terpakai'.
    With ``many``, every existing row of a key is kept (IKU published more than once)."""
    table = table or RawTable()
    existing: dict[object, list[dict]] = {}
    for row in table.rows:
        existing.setdefault(key_of(row), []).append(row)
    rows, extra, fixed = [], [], set()
    planned = set()
    for key, filled in plan:
        planned.add(key)
        found = existing.get(key, [])
        if found and not many:
            for duplicate in found[1:]:
                if _typed(sheet, duplicate):
                    _move(out, sheet, table, duplicate, "baris ganda")
            found = found[:1]
        for row in found or [None]:
            values = {f.key: (row.get(f.key) if row else None) for f in sheet.fields}
            values.update({k: v for k, v in filled.items()})
            i = len(rows)
            fixed |= {(i, k) for k in filled}
            rows.append(values)
            extra.append(row["_extra"] if row else [None] * len(table.extra_headers))
            if row is None:
                out.added += 1
            else:
                out.kept += 1
    for key, found in existing.items():
        if key not in planned:
            for row in found:
                if _typed(sheet, row):
                    _move(out, sheet, table, row, "tidak ada lagi di Renja/PK")
    out.data[sheet.name] = rows
    out.fixed[sheet.name] = fixed
    if table.extra_headers:
        out.carried.columns[sheet.name] = [(h, [e[k] if k < len(e) else None for e in extra], table.extra_columns[k])
                                           for k, h in enumerate(table.extra_headers)]


def _lists(out: Derived, spec: S.Workbook, src: Sources):
    for sheet in spec.sheets:
        if sheet.name == "Daftar Program":
            out.data[sheet.name] = [dict(kode=k, nama=n) for k, n in src.programs]
        elif sheet.name == "Daftar IKU":
            out.data[sheet.name] = [dict(indikator=i, sasaran=s) for i, s in src.iku]
        elif sheet.name == "Daftar Indikator":
            out.data[sheet.name] = [dict(kode=r["kode"], indikator=r["indikator"]) for r in src.indicators]


def _forms(out: Derived, spec: S.Workbook, raw: RawBook, src: Sources):
    for sheet in spec.sheets:
        if not sheet.form:
            continue
        values = dict(raw.forms.get(sheet.name, {}))
        fixed = set()
        for f in sheet.fields:
            if f.derived and f.key == "tahun" and src.tahun is not None:
                values[f.key] = src.tahun
                fixed.add(f.key)
        out.data[sheet.name] = values
        out.fixed[sheet.name] = fixed


def _other_sheets(out: Derived, raw: RawBook):
    out.carried.sheets = list(raw.others)


def derive(spec: S.Workbook, src: Sources, raw: RawBook) -> Derived:
    """The new content of one workbook from the sources and what staff typed in it."""
    out = Derived()
    _forms(out, spec, raw, src)
    _lists(out, spec, src)
    _other_sheets(out, raw)
    t = raw.tables.get
    if spec.kind == "realisasi":
        sheets = {s.name: s for s in spec.sheets}
        plan = [((M.code_key(r["kode"]), M.key(r["indikator"])),
                 dict(kode=r["kode"], uraian=r["uraian"], indikator=r["indikator"], satuan=r["satuan"],
                      sifat=r["sifat"]))
                for r in src.indicators]
        _keyed(out, sheets["Kinerja"], t("Kinerja"), plan, lambda r: (M.code_key(r.get("kode")), M.key(r.get("indikator"))))
        subs = [(M.code_key(k), dict(kode=k, uraian=u)) for k, u in src.subs]
        _keyed(out, sheets["Anggaran"], t("Anggaran"), subs, lambda r: M.code_key(r.get("kode")))
        _keyed(out, sheets["Anggaran Kas"], t("Anggaran Kas"), subs, lambda r: M.code_key(r.get("kode")))
        iku = [(M.key(i), dict(indikator=i)) for i, _ in src.iku]
        _keyed(out, sheets["IKU"], t("IKU"), iku, lambda r: M.key(r.get("indikator")), many=True)
        comparisons = [(("", M.key(i)), dict(kode=None, indikator=i)) for i, _ in src.iku] + [
            ((M.code_key(k), M.key(i)), dict(kode=k, indikator=i)) for k, i in src.pk_indicators]
        _keyed(out, sheets["Pembanding"], t("Pembanding"), comparisons,
               lambda r: (M.code_key(r.get("kode")), M.key(r.get("indikator"))))
    for sheet in spec.sheets:  # every other sheet is typed whole: kept as it is
        if sheet.list_sheet and t(sheet.name) is None:
            continue  # a list an older template did not have (Skala Kualitatif): the template's own rows
        if not sheet.form and not sheet.generated and sheet.name not in out.data:
            _keep_rows(out, sheet, t(sheet.name))
    return out


def current(spec: S.Workbook, raw: RawBook) -> dict:
    """What a workbook holds now, in the shape ``derive`` gives (sheet -> rows or form values)."""
    out = {}
    for sheet in spec.sheets:
        if sheet.form:
            out[sheet.name] = dict(raw.forms.get(sheet.name, {}))
        else:
            out[sheet.name] = [{k: v for k, v in r.items() if k not in ("_row", "_extra")}
                               for r in raw.tables.get(sheet.name, RawTable()).rows]
    return out


def unchanged(spec: S.Workbook, raw: RawBook, derived: Derived) -> bool:
    """True when rewriting would change nothing staff see: same template version, same cells in every
    sheet (lists and derived columns included), no row to move."""
    if raw.version != S.TEMPLATE_VERSION or derived.moved:
        return False
    if any(name == UNUSED_SHEET for name, _ in raw.others) != bool(derived.carried.unused or any(
            name == UNUSED_SHEET for name, _ in derived.carried.sheets)):
        return False
    now = current(spec, raw)
    for sheet in spec.sheets:
        new = derived.data.get(sheet.name, {} if sheet.form else [])
        if sheet.form:
            if any(new.get(k) != now[sheet.name].get(k) for k in set(new) | set(now[sheet.name])):
                return False
        elif new != now[sheet.name]:
            return False
    return True


# The command -----------------------------------------------------------------------------------------

def prepare(folder: Path, now: dt.datetime | None = None, status=None) -> tuple[list[Report], list[Issue]]:
    """Prepare ``folder``: derive Realisasi, ABK, Sarpras and the PK's lists from Renja and PK.

    Returns a report per workbook and the problems found (errors in Renja/PK stop before anything is
    written)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"Folder '{folder}' tidak ditemukan. Periksa nama folder.", 2)
    now = now or dt.datetime.now()
    say = status or (lambda text: None)
    say("Membaca Renja dan PK ...")
    src, paths, issues = read_sources(folder)
    if src is None:
        return [], issues
    reports: list[Report] = []
    for spec in S.WORKBOOKS:
        path = paths.get(spec.kind)
        if spec.kind == "renja" and path is None:
            continue
        say(f"Menyiapkan {path.name if path else spec.filename} ...")
        reports.append(_prepare_one(folder, spec, path, src, now, issues))
    return reports, issues


def _prepare_one(folder: Path, spec: S.Workbook, path: Path | None, src: Sources, now: dt.datetime,
                 issues: list[Issue]) -> Report:
    name = path.name if path else spec.filename
    raw = RawBook()
    if path is not None:
        try:
            raw = read_raw(path, spec)
        except BaseException as exc:  # noqa: BLE001 - an unreadable workbook is reported and left alone
            from .inspect import Refused, is_reader_failure

            if not isinstance(exc, Exception) and not is_reader_failure(exc):
                raise
            why = exc.reason if isinstance(exc, Refused) else "rusak atau bukan workbook Excel"
            issues.append(Issue(ERROR, "file-tidak-terbaca", name, "", "", f"Workbook tidak dapat dibaca ({why}); "
                                "tidak diubah.", "Perbaiki atau buka-simpan di Excel, lalu jalankan 'lkjip siapkan' "
                                "lagi."))
            return Report(name, "dilewati", note="tidak dapat dibaca")
        if raw.problems:
            issues.append(Issue(ERROR, "kolom-tidak-dikenali", name, ", ".join(raw.problems), "baris 3",
                                "Judul kolom sheet ini tidak dikenali, sehingga isiannya tidak dapat dipindahkan "
                                "dengan aman; workbook tidak diubah.",
                                "Kembalikan judul kolom seperti pada templat (lihat 'lkjip periksa'), lalu "
                                "jalankan 'lkjip siapkan' lagi."))
            return Report(name, "dilewati", note="judul kolom tidak dikenali")
    if spec.kind in ("renja",) and path is not None and raw.version == S.TEMPLATE_VERSION:
        return Report(name, "tidak berubah")
    derived = derive(spec, src, raw)
    if path is not None and unchanged(spec, raw, derived):
        return Report(name, "tidak berubah", kept=derived.kept)
    for sheet, what in derived.moved:
        issues.append(Issue(WARNING, "baris-dipindah", name, sheet, "", f"Baris {what} dipindah ke sheet "
                            f"'{UNUSED_SHEET}' beserta isiannya.",
                            f"Periksa sheet '{UNUSED_SHEET}'; salin kembali isiannya bila masih diperlukan."))
    book = workbook_bytes(spec, derived.data, None, derived.fixed, derived.carried)
    derived.carried.cells, lost = outside_tables(spec, raw, book) if path is not None else ({}, [])
    if derived.carried.cells:  # staff's notes around the tables, back where they typed them
        book = workbook_bytes(spec, derived.data, None, derived.fixed, derived.carried)
    try:
        placement = place_files(folder, {name: lambda: book}, replace_existing=True, now=now)
    except FileInUse:
        issues.append(Issue(WARNING, "workbook-terbuka", name, "", "", "Workbook ini sedang dibuka di Excel "
                            "sehingga tidak disiapkan.", "Tutup workbook itu lalu jalankan 'lkjip siapkan' lagi."))
        return Report(name, "dilewati", note="sedang dibuka di Excel")
    backup = placement.backups.get(folder / name)
    if lost:
        shown = ", ".join(lost[:8]) + (f" dan {len(lost) - 8} sel lain" if len(lost) > 8 else "")
        issues.append(Issue(WARNING, "teks-templat-dikembalikan", name, "", "", f"Teks di {shown} diganti dengan teks "
                            "templat versi ini (judul, label atau petunjuk yang dibaca program, atau teks templat "
                            "versi lama).", f"Teks lama ada di cadangan {backup}; tulis catatan di "
                            "sel kosong di sebelahnya bila masih diperlukan."))
    return Report(name, "diperbarui" if path else "dibuat", derived.added, derived.kept, len(derived.moved),
                  backup)


def _blank_cell(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a, b) -> bool:
    if isinstance(a, Formula):
        a = a.text
    if isinstance(b, Formula):
        b = b.text
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip() == str(b).strip()
    return a == b


@functools.lru_cache(maxsize=8)
def _blank_template(kind: str) -> dict[str, list[list]]:
    """Every cell of the blank template of this version (titles, help lines, headers, labels, hints)."""
    import openpyxl

    buffer = io.BytesIO()
    write_workbook(S.BY_KIND[kind], buffer)
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    try:
        return {ws.title: [[getattr(c, "value", None) for c in cells] for cells in ws.iter_rows()]
                for ws in wb.worksheets}
    finally:
        wb.close()


def outside_tables(spec: S.Workbook, raw: RawBook, new: bytes) -> tuple[dict, list[str]]:
    """What staff typed around the tables of a workbook ``siapkan`` rewrites, to be written back (the
    rows of the tables are carried by their keys, columns staff added by their headers), and the cells
    that could not be kept. Around the tables means a sheet's title, help and header rows, Petunjuk,
    and a form outside its value column (its notes, and rows typed under it):

    * a cell the new workbook leaves empty keeps what was typed there;
    * a form's notes (Keterangan and the columns after it) stay beside their field wherever the new
      template puts it, over the template's hint; rows typed under a form stay under it;
    * a cell the new template fills keeps the template's text when the old text is the template's own
      (the same template version's text there, or a Petunjuk example that follows the data); other text
      typed there is kept, except in a column header or a field's label, which the reader needs: those
      are returned as not kept (the backup has them).

    A workbook of an older template version cannot say which texts were its template's, so where the
    new template writes its own text different from the old one, the new text stands and the cell is
    returned as not kept (said once, at the upgrade, with the backup); notes in empty cells and beside
    fields are kept as above."""
    import openpyxl
    from xlsxwriter.utility import xl_rowcol_to_cell

    from .reader import _norm

    wb = openpyxl.load_workbook(io.BytesIO(new), read_only=True)
    try:
        fresh = {ws.title: [[getattr(c, "value", None) for c in cells] for cells in ws.iter_rows()]
                 for ws in wb.worksheets if ws.title in raw.grids}
    finally:
        wb.close()
    current = raw.version == S.TEMPLATE_VERSION
    blank = _blank_template(spec.kind) if current else {}

    def at(grid, r, c):
        return grid[r][c] if r < len(grid) and c < len(grid[r]) else None

    out: dict[str, dict[tuple[int, int], object]] = {}
    lost: list[str] = []
    for name, old in raw.grids.items():
        grid = fresh.get(name)
        if grid is None:
            continue
        keep: dict[tuple[int, int], object] = {}
        sheet = next((s for s in spec.sheets if s.name == name), None)
        template = blank.get(name, [])

        def place(r, c, v, structural: bool = False, example: bool = False):
            """Keep ``v`` typed at (r, c) unless the new template's text stands there."""
            if _blank_cell(v):
                return
            shown = at(grid, r, c)
            if _blank_cell(shown):
                keep[(r, c)] = v
            elif _same(v, shown) or (current and _same(v, at(template, r, c))):
                return  # the template's own text
            elif not current:  # an older template's text, or typed over it: the new text stands, said
                lost.append(f"{name} {xl_rowcol_to_cell(r, c)}")
            elif example or not structural:
                keep[(r, c)] = v
            else:
                lost.append(f"{name} {xl_rowcol_to_cell(r, c)}")

        if sheet is None:  # Petunjuk: its column 'Contoh' follows the data
            for r, cells in enumerate(old):
                for c, v in enumerate(cells):
                    place(r, c, v, structural=False, example=c == 4)
            if keep:
                out[name] = keep
            continue
        for r, cells in enumerate(old[:S.HEADER_ROW]):
            for c, v in enumerate(cells):
                place(r, c, v, structural=r == S.HEADER_ROW - 1)
        if sheet.form:
            rows_of = {}
            for i, f in enumerate(sheet.fields):
                for label in (f.header, f.header + " *") + f.aliases:
                    rows_of[_norm(label)] = (S.FIRST_DATA_ROW - 1 + i, f)
            below = S.FIRST_DATA_ROW - 1 + len(sheet.fields) + 1
            stray = []
            for r in range(S.FIRST_DATA_ROW - 1, len(old)):
                cells = old[r]
                found = rows_of.get(_norm(cells[0])) if cells and not _blank_cell(cells[0]) else None
                if found is None:
                    if any(not _blank_cell(v) for v in cells):
                        stray.append((r, cells))
                    continue
                target, f = found
                hint = f.help + (" Pilihan: " + ", ".join(f.choices) + "." if f.choices else "")
                for c, v in enumerate(cells[2:], start=2):
                    if _blank_cell(v) or (c == 2 and _same(v, hint)):
                        continue
                    shown = at(grid, target, c)
                    if _blank_cell(shown) or (c == 2 and not _same(v, shown)):
                        keep[(target, c)] = v
            for k, (r, cells) in enumerate(stray):
                target = max(r, below + k)
                for c, v in enumerate(cells):
                    if not _blank_cell(v):
                        keep[(target, c)] = v
        if keep:
            out[name] = keep
    return out, lost


def example_workbooks(data: dict) -> dict[str, bytes]:
    """The bundled example's five workbooks, made the way `siapkan` makes them: Renja and PK as typed,
    read back by the reader, and every workbook derived from them with the example's typed values
    carried in (one source of truth)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("renja", "pk"):
            spec = S.BY_KIND[kind]
            write_workbook(spec, Path(tmp) / spec.filename, data[kind])
        src, _, issues = read_sources(Path(tmp))
    if src is None:
        raise ValueError(f"the example's Renja/PK do not read: {[i.render() for i in issues]}")
    out = {}
    for spec in S.WORKBOOKS:
        derived = derive(spec, src, raw_from_data(spec, data[spec.kind]))
        buffer = io.BytesIO()
        write_workbook(spec, buffer, derived.data, None, derived.fixed, derived.carried)
        out[spec.filename] = buffer.getvalue()
    return out
