"""Write input workbooks (blank templates, the filled example, and what `siapkan` makes) from the schema.

Cells staff type are pale yellow and unlocked; cells `lkjip siapkan` fills from Renja and PK (a derived
column, a generated row's key, a generated list) are grey and locked, so that nobody retypes them.
Drop-downs drawn from generated lists warn rather than refuse, because the lists are empty until
`siapkan` has run and a value outside them is reported by `lkjip periksa` anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from . import schema as S
from .levels import DEFAULT_SCALES
from .numbers import fmt_id
from ..writer.textfit import row_height

FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
UNUSED_SHEET = "Baris Tidak Terpakai"
LIST_LAST_ROW = 5000  # drop-downs drawn from a list sheet reach this row

_HELP_WRAP = 250  # Excel input messages hold at most 255 characters
PETUNJUK_WIDTHS = (28, 8, 14, 62, 34)


@dataclass(frozen=True)
class Formula:
    """A formula staff typed, with the value Excel last calculated for it (kept when `siapkan` rewrites)."""

    text: str  # "=..."
    value: object = None


@dataclass
class Carried:
    """What a rewritten workbook keeps beyond the schema: columns and sheets staff added, and rows whose
    indicator left the Renja (to the sheet 'Baris Tidak Terpakai')."""

    # sheet -> [(header, values by row, 0-based column where staff had it)]
    columns: dict[str, list[tuple[str, list, int]]] = field(default_factory=dict)
    sheets: list[tuple[str, list[list]]] = field(default_factory=list)  # (name, rows of cells)
    unused: list[tuple[str, int | None, list[str], list]] = field(default_factory=list)  # (sheet, row, headers, values)
    # sheet -> {(row, column): value}: what staff typed around the tables, written back where it was
    cells: dict[str, dict[tuple[int, int], object]] = field(default_factory=dict)


def _formats(wb):
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    f = {
        "title": wb.add_format({**base, "bold": True, "font_size": 14}),
        "help": wb.add_format({**base, "italic": True, "text_wrap": True, "font_color": "#404040"}),
        "header": wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#D9E1F2",
                                 "border": 1, "align": "center", "valign": "vcenter"}),
        "label": wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True, "bg_color": "#F2F2F2"}),
        "note": wb.add_format({**base, "text_wrap": True, "font_color": "#404040", "border": 1}),
        "h2": wb.add_format({**base, "bold": True, "font_size": 12}),
        "text": wb.add_format({**base, "text_wrap": True, "border": 1}),
        "date": wb.add_format({**base, "locked": False, "border": 1, "num_format": "dd/mm/yyyy"}),
    }
    unlocked = {**base, "locked": False, "border": 1, "border_color": "#BFBFBF", "bg_color": "#FFFFF0"}
    locked = {**base, "locked": True, "border": 1, "border_color": "#BFBFBF", "bg_color": "#E7E6E6",
              "font_color": "#262626"}
    for name, props in (("in", unlocked), ("fixed", locked)):
        f[f"{name}_text"] = wb.add_format({**props, "text_wrap": True, "num_format": "@"})
        f[f"{name}_code"] = wb.add_format({**props, "num_format": "@"})
        f[f"{name}_money"] = wb.add_format({**props, "num_format": "#,##0"})
        f[f"{name}_int"] = wb.add_format({**props, "num_format": "#,##0"})
        f[f"{name}_decimal"] = wb.add_format({**props, "num_format": "General"})
        f[f"{name}_year"] = wb.add_format({**props, "num_format": "0"})
        f[f"{name}_choice"] = wb.add_format(props)
    return f


_KIND = {"text": "text", "email": "text", "code": "code", "money": "money", "int": "int", "decimal": "decimal",
         "year": "year", "choice": "choice", "month": "choice"}


def _input_format(f, fl: S.Field, fixed: bool = False):
    """The format of a cell of ``fl``: typed (yellow, unlocked) or filled by siapkan (grey, locked)."""
    return f[f"{'fixed' if fixed or fl.derived else 'in'}_{_KIND[fl.type]}"]


def _message(fl: S.Field) -> str:
    text = fl.help or fl.header
    if fl.choices and len(fl.choices) <= 4:
        text += " Pilihan: " + ", ".join(fl.choices) + "."
    return text[:_HELP_WRAP]


def _validation(fl: S.Field) -> dict:
    common = {"input_title": fl.header[:32], "input_message": _message(fl), "show_error": True,
              "error_title": "Isian tidak sesuai"}
    if fl.derived:
        return {**common, "validate": "any"}
    if fl.type in ("choice", "month"):
        return {**common, "validate": "list", "source": list(fl.choices),
                "error_message": "Pilih salah satu isian dari daftar."}
    if fl.list_source:
        sheet, col = fl.list_source
        return {**common, "validate": "list", "error_type": "warning",
                "source": f"='{sheet}'!${col}${S.FIRST_DATA_ROW}:${col}${LIST_LAST_ROW}",
                "error_message": f"Isian ini tidak ada di daftar (sheet {sheet}). Pilih dari daftar; klik Yes "
                                 "hanya bila Anda yakin, lalu periksa dengan 'lkjip periksa'."}
    if fl.type in ("money", "int"):
        return {**common, "validate": "decimal", "criteria": ">=", "value": 0,
                "error_message": "Isi angka 0 atau lebih, tanpa titik pemisah ribuan yang diketik sebagai teks."}
    if fl.type == "year":
        return {**common, "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "error_message": "Isi tahun empat angka, mis. 2024."}
    if fl.type == "decimal" and (fl.ranges or fl.na or fl.levels):
        return {**common, "validate": "any"}  # a level (R13), range (R14) or n/a (R15) is text
    if fl.type == "decimal":
        return {**common, "validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12,
                "error_message": "Isi angka. Desimal memakai koma (74,30)."}
    if fl.max_length:
        return {**common, "validate": "length", "criteria": "<=", "value": fl.max_length,
                "error_message": f"Paling banyak {fl.max_length} karakter, dalam satu baris."}
    return {**common, "validate": "any"}


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_value(ws, row, col, fl: S.Field | None, value, fmt, f=None):
    """Write what staff typed as its own type: number, text, formula (with its cached value), true/false
    or date; a number typed into a text column stays a number, text in a number column stays text."""
    value = _cell_value(value)
    if isinstance(value, Formula):
        cached = _cell_value(value.value)
        ws.write_formula(row, col, value.text, fmt, "" if cached is None else cached)
    elif value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        ws.write_datetime(row, col, value, f["date"] if f else fmt)
    elif isinstance(value, (int, float)) and (fl is None or fl.type not in ("text", "code", "email")):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _marker(wb, kind: str):
    ws = wb.add_worksheet(S.MARKER_SHEET)
    ws.write_string(0, 0, S.MARKER_TEXT)
    ws.write_string(1, 0, kind)
    ws.write_number(2, 0, S.TEMPLATE_VERSION)
    ws.write_string(3, 0, "Sheet penanda lkjip-xls: jangan dihapus atau diubah.")
    ws.hide()
    ws.protect()


def example_text(fl: S.Field, value) -> str:
    """A Petunjuk example as staff would type it in an Indonesian Excel: 74,30, not 74.3."""
    value = _cell_value(value)
    if value is None or isinstance(value, Formula):
        return ""
    if fl.type == "decimal" and isinstance(value, (int, float)):
        return fmt_id(Decimal(repr(value)), 2) if isinstance(value, float) else str(value)
    if fl.type == "month" and isinstance(value, int):
        return S.BULAN[value - 1]
    return str(value)


def _petunjuk(wb, f, spec: S.Workbook, examples: dict):
    ws = wb.add_worksheet("Petunjuk")
    for c, width in enumerate(PETUNJUK_WIDTHS):
        ws.set_column(c, c, width)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, f"Petunjuk Pengisian: {spec.title}", f["title"])
    ws.merge_range(1, 0, 1, 4, spec.purpose, f["help"])
    lines = [
        "1. Isi hanya sel berwarna kuning muda. Sel abu-abu diisi otomatis oleh 'lkjip siapkan' dari Renja dan PK.",
        f"2. Data dimulai pada baris {S.FIRST_DATA_ROW} setiap sheet. Baris kosong di tengah boleh.",
        "3. Angka diketik sebagai angka (74,30 atau 2717989953), bukan teks. Rupiah tanpa 'Rp' dan tanpa desimal.",
        "4. Nama file boleh diganti; jenis workbook dikenali dari sheet penanda tersembunyi.",
        "5. Setelah Renja dan PK terisi, jalankan 'lkjip siapkan' agar baris Realisasi, daftar pilihan dan "
        "tahun dibuat otomatis; isian yang sudah ada tetap.",
        "6. Simpan file di folder data, lalu jalankan 'lkjip periksa' untuk memeriksa isian.",
    ]
    row = 3
    for line in lines:
        ws.merge_range(row, 0, row, 4, line, f["help"])
        ws.set_row(row, row_height([(line, sum(PETUNJUK_WIDTHS), False)]))
        row += 1
    row += 1
    kinds = {
        "text": "Teks", "email": "Alamat email", "code": "Kode (teks)", "choice": "Pilihan", "month": "Pilihan bulan",
        "year": "Tahun", "int": "Bilangan bulat", "decimal": "Angka", "money": "Rupiah bulat",
    }
    for sheet in spec.sheets:
        ws.write_string(row, 0, f"Sheet '{sheet.name}'" + (" (opsional)" if sheet.optional else ""), f["h2"])
        row += 1
        ws.merge_range(row, 0, row, 4, sheet.help, f["help"])
        ws.set_row(row, row_height([(sheet.help, sum(PETUNJUK_WIDTHS), False)]))
        row += 1
        for c, h in enumerate(("Kolom", "Wajib", "Jenis isian", "Keterangan", "Contoh")):
            ws.write_string(row, c, h, f["header"])
        row += 1
        example = examples.get(sheet.name)
        first = example if isinstance(example, dict) else (example[0] if example else {})
        for fl in sheet.fields:
            note = fl.help
            if fl.choices:
                note = (note + " Pilihan: " + ", ".join(fl.choices) + ".").strip()
            if fl.derived:
                note += " (Diisi otomatis oleh 'lkjip siapkan'.)"
            ws.write_string(row, 0, fl.header, f["label"])
            ws.write_string(row, 1, "Ya" if fl.required else "Tidak", f["note"])
            ws.write_string(row, 2, kinds[fl.type], f["note"])
            ws.write_string(row, 3, note, f["note"])
            ex = example_text(fl, first.get(fl.key)) if first else ""
            ws.write_string(row, 4, ex, f["note"])
            ws.set_row(row, row_height([(fl.header, PETUNJUK_WIDTHS[0], True), (note, PETUNJUK_WIDTHS[3], False),
                                        (ex, PETUNJUK_WIDTHS[4], False)]))
            row += 1
        row += 1
    ws.protect()
    ws.activate()


def _header_width(fl: S.Field) -> int:
    """A column is at least as wide as the longest word of its header, so no title breaks mid-word."""
    longest = max((len(w) for w in (fl.header + " *").split()), default=0)
    return max(fl.width, longest + 2)


def _extra_places(ncol: int, extra_columns: list[tuple[str, list, int]]) -> list[int]:
    """Where each carried column goes: where staff had it, unless the template now uses that column."""
    places, taken = [], set(range(ncol))
    for _, _, col in extra_columns:
        place = col if col not in taken else max(taken | set(places)) + 1
        places.append(place)
        taken.add(place)
    return places


def _table_sheet(wb, f, sheet: S.Sheet, rows: list[dict] | None, fixed: set | None = None,
                 extra_columns: list[tuple[str, list, int]] | None = None):
    ws = wb.add_worksheet(sheet.name)
    fixed = fixed or set()
    extra_columns = extra_columns or []
    ncol = len(sheet.fields)
    places = _extra_places(ncol, extra_columns)
    widths = [_header_width(fl) for fl in sheet.fields]
    for c, fl in enumerate(sheet.fields):
        ws.set_column(c, c, widths[c], _input_format(f, fl, fixed=sheet.generated))
    for place, (header, _, _) in zip(places, extra_columns):
        ws.set_column(place, place, max(12, min(30, len(header) + 2)), f["in_text"])
    last_col = max([ncol - 1, 1] + places)
    ws.merge_range(0, 0, 0, last_col, sheet.title, f["title"])
    ws.merge_range(1, 0, 1, last_col, sheet.help, f["help"])
    ws.set_row(1, row_height([(sheet.help, sum(widths), False)]) or 15)
    hr = S.HEADER_ROW - 1
    ws.set_row(hr, row_height([(fl.header + " *", widths[c], True) for c, fl in enumerate(sheet.fields)]) or 15)
    for c, fl in enumerate(sheet.fields):
        ws.write_string(hr, c, fl.header + (" *" if fl.required else ""), f["header"])
    for place, (header, _, _) in zip(places, extra_columns):
        ws.write_string(hr, place, header, f["header"])
    first, last = S.FIRST_DATA_ROW - 1, S.FIRST_DATA_ROW - 1 + S.INPUT_ROWS - 1
    rows = list(rows or [])
    last = max(last, first + len(rows) - 1)
    for c, fl in enumerate(sheet.fields):
        ws.data_validation(first, c, last, c, _validation(fl))
        ws.data_validation(hr, c, hr, c, {"validate": "any", "input_title": fl.header[:32],
                                          "input_message": _message(fl)})
    for r, data in enumerate(rows):
        for c, fl in enumerate(sheet.fields):
            locked = sheet.generated or fl.derived or (r, fl.key) in fixed
            _write_value(ws, first + r, c, fl, data.get(fl.key), _input_format(f, fl, fixed=locked), f)
        for place, (_, values, _) in zip(places, extra_columns):
            if r < len(values):
                _write_value(ws, first + r, place, None, values[r], f["in_text"], f)
        height = row_height([(str(data[fl.key]), widths[c], False) for c, fl in enumerate(sheet.fields)
                             if fl.type == "text" and isinstance(data.get(fl.key), str) and data.get(fl.key)])
        if height:
            ws.set_row(first + r, height)
    ws.freeze_panes(S.HEADER_ROW, 0)
    ws.protect("", {"insert_rows": not sheet.generated, "delete_rows": not sheet.generated,
                    "format_columns": True, "format_rows": True, "sort": True, "autofilter": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(hr)


def _form_sheet(wb, f, sheet: S.Sheet, values: dict | None, fixed: set | None = None):
    ws = wb.add_worksheet(sheet.name)
    values = values or {}
    fixed = fixed or set()
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 36)
    ws.set_column(2, 2, 60)
    ws.merge_range(0, 0, 0, 2, sheet.title, f["title"])
    ws.merge_range(1, 0, 1, 2, sheet.help, f["help"])
    hr = S.HEADER_ROW - 1
    for c, h in enumerate(("Isian", "Nilai", "Keterangan")):
        ws.write_string(hr, c, h, f["header"])
    for i, fl in enumerate(sheet.fields):
        r = S.FIRST_DATA_ROW - 1 + i
        ws.write_string(r, 0, fl.header + (" *" if fl.required else ""), f["label"])
        value = values.get(fl.key, fl.default)
        _write_value(ws, r, 1, fl, value, _input_format(f, fl, fixed=fl.key in fixed), f)
        note = fl.help + (" Pilihan: " + ", ".join(fl.choices) + "." if fl.choices else "")
        ws.write_string(r, 2, note, f["note"])
        ws.set_row(r, row_height([(fl.header + " *", 36, True), (note, 60, False),
                                  (example_text(fl, value), 36, False)]))
        ws.data_validation(r, 1, r, 1, _validation(fl))
    ws.freeze_panes(S.HEADER_ROW, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect()


def _plain_sheet(wb, f, name: str, rows: list[list]):
    """A sheet staff added to a workbook, carried over cell by cell."""
    ws = wb.add_worksheet(name)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is not None and value != "":
                _write_value(ws, r, c, None, value, f["in_text"], f)


def _unused_sheet(wb, f, earlier: list[list], unused: list[tuple[str, int | None, list[str], list]]):
    """Rows whose indicator or code left the Renja/PK, with everything typed in them (never deleted)."""
    ws = wb.add_worksheet(UNUSED_SHEET)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 40, 16)
    row = 0
    if not earlier:
        ws.write_string(0, 0, "Baris yang tidak lagi dipakai", f["title"])
        ws.write_string(1, 0, "Indikator atau kode baris ini tidak ada lagi di Renja/PK, atau barisnya ganda. "
                              "Isiannya disimpan di sini oleh 'lkjip siapkan' dan tidak dihitung. Salin kembali "
                              "ke sheet asalnya bila masih diperlukan.", f["help"])
        row = 3
    for r, cells in enumerate(earlier):
        for c, value in enumerate(cells):
            if value is not None and value != "":
                _write_value(ws, r, c, None, value, f["text"], f)
        row = r + 1
    last_headers = None
    for sheet, old_row, headers, values in unused:
        if headers != last_headers:
            row += 1
            for c, h in enumerate(["Sheet asal", "Baris lama"] + headers):
                ws.write_string(row, c, h, f["header"])
            row += 1
            last_headers = headers
        ws.write_string(row, 0, sheet, f["text"])
        _write_value(ws, row, 1, None, old_row, f["text"], f)
        for c, value in enumerate(values, start=2):
            _write_value(ws, row, c, None, value, f["text"], f)
        row += 1


def write_workbook(spec: S.Workbook, path, data: dict | None = None, examples: dict | None = None,
                   fixed: dict | None = None, carried: Carried | None = None):
    """Write one input workbook to ``path`` (a path or a file-like object).

    ``data`` maps sheet name to rows (list of dicts keyed by field key) or, for a form sheet, a dict;
    None writes a blank template. ``fixed`` maps sheet name to the cells `siapkan` filled: (row index,
    field key) for a table sheet, field keys for a form; they are written grey and locked. ``carried``
    holds what staff added beyond the schema (kept as it was)."""
    data = data or {}
    fixed = fixed or {}
    carried = carried or Carried()
    wb = xlsxwriter.Workbook(str(path) if isinstance(path, Path) else path, WORKBOOK_OPTIONS)
    wb.set_properties({"title": spec.title, "subject": f"Templat lkjip-xls: {spec.kind}",
                       "author": "lkjip-xls", "company": "", "created": FIXED_DATE,
                       "comments": f"lkjip-xls {spec.kind} v{S.TEMPLATE_VERSION}"})
    wb.set_custom_property("lkjip_jenis", spec.kind)
    wb.set_custom_property("lkjip_versi", S.TEMPLATE_VERSION)
    f = _formats(wb)
    _petunjuk(wb, f, spec, examples if examples is not None else data)
    for sheet in spec.sheets:
        if sheet.form:
            _form_sheet(wb, f, sheet, data.get(sheet.name), fixed.get(sheet.name))
        else:
            rows = data.get(sheet.name)
            if rows is None and sheet.list_sheet:
                rows = default_list_rows(sheet)
            _table_sheet(wb, f, sheet, rows, fixed.get(sheet.name), carried.columns.get(sheet.name))
    earlier = next((rows for name, rows in carried.sheets if name == UNUSED_SHEET), [])
    for name, rows in carried.sheets:
        if name != UNUSED_SHEET:
            _plain_sheet(wb, f, name, rows)
    if earlier or carried.unused:
        _unused_sheet(wb, f, earlier, carried.unused)
    for name, cells in carried.cells.items():
        ws = wb.get_worksheet_by_name(name)
        if ws is None:
            continue
        for (r, c), value in sorted(cells.items()):
            _write_value(ws, r, c, None, value, f["in_text"], f)
    _marker(wb, spec.kind)
    wb.close()
    return path


def default_list_rows(sheet: S.Sheet) -> list[dict]:
    """A list sheet of a blank template: the default predikat scale; generated lists stay empty until
    `lkjip siapkan` fills them from Renja and PK (no office's codes are assumed)."""
    if sheet.name == "Skala Predikat":
        return [{"batas": b, "predikat": p} for b, p in S.DEFAULT_SKALA]
    if sheet.name == "Skala Kualitatif":
        return [{"skala": name, "tingkat": level} for name, levels in DEFAULT_SCALES for level in levels]
    return []


def write_templates(folder: Path, replace: bool = False):
    """The five blank templates into ``folder``, with the bundled example's first rows as examples in
    Petunjuk. Existing files are kept unless ``replace`` (then backed up first): see
    ``files.place_files``, whose ``Placement`` is returned."""
    from .example import load_example
    from ..files import place_files

    example = load_example()
    return place_files(Path(folder), {
        spec.filename: (lambda spec=spec: workbook_bytes(spec, None, example[spec.kind]))
        for spec in S.WORKBOOKS}, replace)


def workbook_bytes(spec: S.Workbook, *args) -> bytes:
    """``write_workbook`` into memory: the file reaches the disk only through ``files`` (whole or not at all)."""
    import io

    buffer = io.BytesIO()
    write_workbook(spec, buffer, *args)
    return buffer.getvalue()
