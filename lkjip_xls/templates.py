"""Write input workbooks (blank templates or filled example) from the schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from . import schema as S
from .textfit import row_height

FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}

_HELP_WRAP = 250
PETUNJUK_WIDTHS = (28, 8, 14, 62, 34)  # Excel input messages hold at most 255 characters


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
    }
    unlocked = {**base, "locked": False, "border": 1, "border_color": "#BFBFBF", "bg_color": "#FFFFF0"}
    f["in_text"] = wb.add_format({**unlocked, "text_wrap": True, "num_format": "@"})
    f["in_code"] = wb.add_format({**unlocked, "num_format": "@"})
    f["in_money"] = wb.add_format({**unlocked, "num_format": "#,##0"})
    f["in_int"] = wb.add_format({**unlocked, "num_format": "#,##0"})
    f["in_decimal"] = wb.add_format({**unlocked, "num_format": "General"})
    f["in_year"] = wb.add_format({**unlocked, "num_format": "0"})
    f["in_choice"] = wb.add_format(unlocked)
    return f


def _input_format(f, field: S.Field):
    return {
        "text": f["in_text"], "email": f["in_text"], "code": f["in_code"], "money": f["in_money"], "int": f["in_int"],
        "decimal": f["in_decimal"], "year": f["in_year"], "choice": f["in_choice"], "month": f["in_choice"],
    }[field.type]


def _validation(field: S.Field) -> dict:
    msg = (field.help or field.header)[:_HELP_WRAP]
    common = {"input_title": field.header[:32], "input_message": msg, "show_error": True,
              "error_title": "Isian tidak sesuai"}
    if field.type in ("choice", "month"):
        return {**common, "validate": "list", "source": list(field.choices),
                "error_message": "Pilih salah satu isian dari daftar."}
    if field.program_list:
        return {**common, "validate": "list", "source": f"='Daftar Program'!$A${S.FIRST_DATA_ROW}:$A$200",
                "error_message": "Pilih kode program dari daftar (sheet Daftar Program)."}
    if field.type in ("money", "int"):
        return {**common, "validate": "decimal", "criteria": ">=", "value": 0,
                "error_message": "Isi angka 0 atau lebih, tanpa titik pemisah ribuan yang diketik sebagai teks."}
    if field.type == "year":
        return {**common, "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "error_message": "Isi tahun empat angka, mis. 2024."}
    if field.type == "decimal":
        return {**common, "validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12,
                "error_message": "Isi angka. Desimal memakai koma (74,30)."}
    if field.max_length:
        return {**common, "validate": "length", "criteria": "<=", "value": field.max_length,
                "error_message": f"Paling banyak {field.max_length} karakter, dalam satu baris."}
    return {**common, "validate": "any"}


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_value(ws, row, col, field: S.Field, value, fmt):
    value = _cell_value(value)
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, (int, float)) and field.type not in ("text", "code"):
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
        "1. Isi hanya sel berwarna kuning muda. Judul dan kepala kolom terkunci agar tidak bergeser.",
        f"2. Data dimulai pada baris {S.FIRST_DATA_ROW} setiap sheet. Baris kosong di tengah boleh.",
        "3. Angka diketik sebagai angka (74,30 atau 2717989953), bukan teks. Rupiah tanpa 'Rp' dan tanpa desimal.",
        "4. Nama file boleh diganti; jenis workbook dikenali dari sheet penanda tersembunyi.",
        "5. Simpan file di folder data, lalu jalankan 'lkjip periksa' untuk memeriksa isian.",
    ]
    row = 3
    for line in lines:
        ws.merge_range(row, 0, row, 4, line, f["help"])
        row += 1
    row += 1
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
        for field in sheet.fields:
            kind = {
                "text": "Teks", "email": "Alamat email", "code": "Kode (teks)", "choice": "Pilihan", "month": "Pilihan bulan",
                "year": "Tahun", "int": "Bilangan bulat", "decimal": "Angka", "money": "Rupiah bulat",
            }[field.type]
            note = field.help
            if field.choices:
                note = (note + " Pilihan: " + ", ".join(field.choices) + ".").strip()
            ws.write_string(row, 0, field.header, f["label"])
            ws.write_string(row, 1, "Ya" if field.required else "Tidak", f["note"])
            ws.write_string(row, 2, kind, f["note"])
            ws.write_string(row, 3, note, f["note"])
            ex = _cell_value(first.get(field.key)) if first else None
            ex = "" if ex is None else str(ex)
            ws.write_string(row, 4, ex, f["note"])
            ws.set_row(row, row_height([(field.header, PETUNJUK_WIDTHS[0], True), (note, PETUNJUK_WIDTHS[3], False),
                                        (ex, PETUNJUK_WIDTHS[4], False)]))
            row += 1
        row += 1
    ws.protect()
    ws.activate()


def _table_sheet(wb, f, sheet: S.Sheet, rows: list[dict] | None):
    ws = wb.add_worksheet(sheet.name)
    ncol = len(sheet.fields)
    for c, field in enumerate(sheet.fields):
        ws.set_column(c, c, field.width, _input_format(f, field))
    ws.merge_range(0, 0, 0, max(ncol - 1, 1), sheet.title, f["title"])
    ws.merge_range(1, 0, 1, max(ncol - 1, 1), sheet.help, f["help"])
    ws.set_row(1, row_height([(sheet.help, sum(fl.width for fl in sheet.fields), False)]) or 15)
    hr = S.HEADER_ROW - 1
    ws.set_row(hr, row_height([(fl.header + " *", fl.width, True) for fl in sheet.fields]) or 15)
    for c, field in enumerate(sheet.fields):
        ws.write_string(hr, c, field.header + (" *" if field.required else ""), f["header"])
    first, last = S.FIRST_DATA_ROW - 1, S.FIRST_DATA_ROW - 1 + S.INPUT_ROWS - 1
    rows = list(rows or [])
    last = max(last, first + len(rows) - 1)
    for c, field in enumerate(sheet.fields):
        ws.data_validation(first, c, last, c, _validation(field))
        ws.data_validation(hr, c, hr, c, {"validate": "any", "input_title": field.header[:32],
                                          "input_message": (field.help or field.header)[:_HELP_WRAP]})
    for r, data in enumerate(rows):
        for c, field in enumerate(sheet.fields):
            _write_value(ws, first + r, c, field, data.get(field.key), _input_format(f, field))
        height = row_height([(str(data[fl.key]), fl.width, False) for fl in sheet.fields
                             if fl.type == "text" and data.get(fl.key)])
        if height:
            ws.set_row(first + r, height)
    ws.freeze_panes(S.HEADER_ROW, 0)
    ws.protect("", {"insert_rows": True, "delete_rows": True, "format_columns": True,
                    "format_rows": True, "sort": True, "autofilter": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(hr)


def _form_sheet(wb, f, sheet: S.Sheet, values: dict | None):
    ws = wb.add_worksheet(sheet.name)
    values = values or {}
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 36)
    ws.set_column(2, 2, 60)
    ws.merge_range(0, 0, 0, 2, sheet.title, f["title"])
    ws.merge_range(1, 0, 1, 2, sheet.help, f["help"])
    hr = S.HEADER_ROW - 1
    for c, h in enumerate(("Isian", "Nilai", "Keterangan")):
        ws.write_string(hr, c, h, f["header"])
    for i, field in enumerate(sheet.fields):
        r = S.FIRST_DATA_ROW - 1 + i
        ws.write_string(r, 0, field.header + (" *" if field.required else ""), f["label"])
        value = values.get(field.key, field.default)
        _write_value(ws, r, 1, field, value, _input_format(f, field))
        note = field.help + (" Pilihan: " + ", ".join(field.choices) + "." if field.choices else "")
        ws.write_string(r, 2, note, f["note"])
        ws.set_row(r, row_height([(field.header + " *", 36, True), (note, 60, False),
                                  (str(value) if value is not None else "", 36, False)]))
        ws.data_validation(r, 1, r, 1, _validation(field))
    ws.freeze_panes(S.HEADER_ROW, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect()


def write_workbook(spec: S.Workbook, path: Path, data: dict | None = None, examples: dict | None = None) -> Path:
    """Write one input workbook. ``data`` maps sheet name to rows (list of dicts
    keyed by field key) or, for a form sheet, a dict; None writes a blank template."""
    data = data or {}
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    wb.set_properties({"title": spec.title, "subject": f"Templat lkjip-xls: {spec.kind}",
                       "author": "lkjip-xls", "company": "", "created": FIXED_DATE,
                       "comments": f"lkjip-xls {spec.kind} v{S.TEMPLATE_VERSION}"})
    wb.set_custom_property("lkjip_jenis", spec.kind)
    wb.set_custom_property("lkjip_versi", S.TEMPLATE_VERSION)
    f = _formats(wb)
    _petunjuk(wb, f, spec, examples if examples is not None else data)
    for sheet in spec.sheets:
        if sheet.form:
            _form_sheet(wb, f, sheet, data.get(sheet.name))
        else:
            rows = data.get(sheet.name)
            if rows is None and sheet.list_sheet:
                rows = default_list_rows(sheet)
            _table_sheet(wb, f, sheet, rows)
    _marker(wb, spec.kind)
    wb.close()
    return path


def default_list_rows(sheet: S.Sheet) -> list[dict]:
    if sheet.name == "Daftar Program":
        return [{"kode": k, "nama": n} for k, n in S.PROGRAM_KECAMATAN]
    if sheet.name == "Skala Predikat":
        return [{"batas": b, "predikat": p} for b, p in S.DEFAULT_SKALA]
    return []


def write_templates(folder: Path, replace: bool = False):
    """The five blank templates into ``folder``, with the bundled example's first rows as examples in
    Petunjuk. Existing files are kept unless ``replace`` (then backed up first): see
    ``files.place_files``, whose ``Placement`` is returned."""
    from .example import load_example
    from .files import place_files

    example = load_example()
    return place_files(Path(folder), {
        spec.filename: (lambda tmp, spec=spec: write_workbook(spec, tmp, None, example[spec.kind]))
        for spec in S.WORKBOOKS}, replace)
