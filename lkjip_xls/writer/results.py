"""The results workbook: Ringkasan, Tabel 2.1 ... 3.18, Pemantauan Bulanan, Pemeriksaan.

Everything about Excel lives here: layout, number formats, formulas with
their cached values, conditional formats, charts and print setup. The tables
themselves come computed from ``tables.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from .. import schema as S
from ..issues import Issue, sort_issues
from ..table import NUM, PCT, TEXT, Table
from .formats import BAND_FILLS, DIFF_FORMAT, INDENT, KIND_STYLE, Formats, row_height

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "in_memory": True}
FIXED_CREATED = dt.datetime(2024, 1, 1)
HEADER_TOP = 4  # 0-based row where column headers start on a table sheet
_PLACEHOLDER = re.compile(r"\{(\w+)(?:@([\d,:]+))?\}")
CAPAIAN_KEYS = ("capaian", "kemajuan")


def typed_format(value, dash_zero: bool = False) -> str:
    """Number format of a NUM cell: whole numbers as typed plain (100), others with at least two
    decimals and as many as they carry (74,30; 8,05; 6,719; a computed 100,00), as the report writes them."""
    places = 0
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    if isinstance(value, Decimal) and exponent < 0:  # computed (100.00) or typed with decimals (6.719)
        places = max(2, -exponent)
    elif isinstance(value, float) and not value.is_integer():
        places = max(2, len(repr(value).split(".")[1]))
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return f'{fmt};-{fmt};"-"' if dash_zero else fmt


def _num(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


@dataclass
class Placed:
    """Where a table was written: its sheet and the Excel row of each frame row."""

    sheet: str
    rows: list[int]
    cols: dict[str, int]
    header_rows: tuple[int, int] = (0, 0)
    end: int = 0  # last row used (source line and notes included)

    def ref(self, row: int, col: str, absolute: bool = True) -> str:
        cell = xl_rowcol_to_cell(self.rows[row], self.cols[col], row_abs=absolute, col_abs=absolute)
        return f"'{self.sheet}'!{cell}"

    def local(self, row: int, col: str) -> str:
        return xl_rowcol_to_cell(self.rows[row], self.cols[col])


@dataclass
class Context:
    opd: str
    kabupaten: str
    tahun: int
    period_label: str  # "s.d. Desember 2024"
    run_date: dt.date
    scale: object
    placed: dict[str, Placed] = field(default_factory=dict)


def resolve(template: str, row: int, placed: Placed) -> str:
    """Turn a formula template into an A1 formula for frame row ``row``."""

    def cell(col: str, r: int) -> str:
        return xl_rowcol_to_cell(placed.rows[r], placed.cols[col])

    def sub(m: re.Match) -> str:
        col, spec = m.group(1), m.group(2)
        if spec is None:
            return cell(col, row)
        if ":" in spec:
            a, b = (int(x) for x in spec.split(":"))
            return f"{cell(col, a)}:{cell(col, b)}"
        return ",".join(cell(col, int(x)) for x in spec.split(","))

    return "=" + _PLACEHOLDER.sub(sub, template)


def write_table(wb, fm: Formats, table: Table, ctx: Context, ws=None, start: int = 0,
                sheet_name: str | None = None) -> Placed:
    """Write ``table`` on its own sheet, or on ``ws`` from row ``start`` (then no page setup)."""
    own_sheet = ws is None
    if own_sheet:
        ws = wb.add_worksheet(sheet_name or table.sheet_name)
        for c, col in enumerate(table.columns):
            ws.set_column(c, c, col.width)
    cols = table.columns
    ncol = len(cols)
    ws.write_string(start, 0, table.sheet_name if own_sheet and not sheet_name else (sheet_name or table.key),
                    fm.table_no)
    ws.write_string(start + 1, 0, table.title, fm.title)
    ws.write_string(start + 2, 0, f"{ctx.opd}, {ctx.kabupaten} — Tahun {ctx.tahun}, {ctx.period_label}",
                    fm.subtitle)
    grouped = any(col.group for col in cols)
    top = start + HEADER_TOP
    if grouped:
        c = 0
        while c < ncol:
            g = cols[c].group
            if g:
                end = c
                while end + 1 < ncol and cols[end + 1].group == g:
                    end += 1
                if end > c:
                    ws.merge_range(top, c, top, end, g, fm.header)
                else:
                    ws.write_string(top, c, g, fm.header)
                for k in range(c, end + 1):
                    ws.write_string(top + 1, k, cols[k].header, fm.header)
                c = end + 1
            else:
                ws.merge_range(top, c, top + 1, c, cols[c].header, fm.header)
                c += 1
        last_header = top + 1
    else:
        for c, col in enumerate(cols):
            ws.write_string(top, c, col.header, fm.header)
        last_header = top
    ws.set_row(last_header, row_height([(col.header, col.width, True) for col in cols]) or 15)
    if table.numbered:
        last_header += 1
        for c in range(ncol):
            ws.write_number(last_header, c, c + 1, fm.number_row)
    first_data = last_header + 1
    placed = Placed(ws.get_name(), [first_data + i for i in range(len(table.frame))],
                    {col.key: c for c, col in enumerate(cols)}, (top, last_header))
    first_text = next((c for c, col in enumerate(cols) if col.fmt == TEXT and col.key != "no"), 0)
    keys = list(table.frame.columns)
    for i, values in enumerate(table.frame.itertuples(index=False, name=None)):
        row = dict(zip(keys, values))
        r = placed.rows[i]
        kind = row["kind"]
        if kind == "section":
            label = next((row[c.key] for c in cols if isinstance(row[c.key], str)), "")
            ws.merge_range(r, 0, r, ncol - 1, label, fm.cell(TEXT, "section"))
            continue
        bold = bool(KIND_STYLE.get(kind, {}).get("bold"))
        height = row_height([(v, col.width - 2 * (INDENT.get(kind, 0) if c == first_text else 0), bold)
                             for c, col in enumerate(cols) if isinstance(v := row[col.key], str)])
        if height:
            ws.set_row(r, height)
        for c, col in enumerate(cols):
            value = row[col.key]
            indent = INDENT.get(kind, 0) if c == first_text else 0
            if isinstance(value, str) and col.fmt != TEXT:
                ws.write_string(r, c, value, fm.cell(col.fmt, kind, text_marker=True))
                continue
            num_format = DIFF_FORMAT if col.key.startswith("d_") or col.key in ("selisih", "efisiensi") else None
            if col.fmt == NUM and _is_number(value):
                num_format = typed_format(value, dash_zero=col.key == "selisih")
            fmt = fm.cell(col.fmt, kind, indent=indent, num_format=num_format)
            template = table.formulas.get((i, col.key))
            if value is None:
                ws.write_blank(r, c, None, fmt)
            elif template and _is_number(value):
                ws.write_formula(r, c, resolve(template, i, placed), fmt, _num(value))
            elif _is_number(value):
                ws.write_number(r, c, _num(value), fmt)
            else:
                ws.write_string(r, c, str(value), fmt)
    last = placed.rows[-1] if placed.rows else last_header
    _capaian_bands(wb, ws, table, placed, ctx)
    ws.write_string(last + 2, 0, table.source, fm.source)
    for k, note in enumerate(table.notes):
        ws.write_string(last + 3 + k, 0, "Catatan: " + note, fm.source)
    placed.end = last + 3 + len(table.notes)
    ctx.placed[table.key] = placed
    if not own_sheet:
        return placed
    ws.freeze_panes(last_header + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, last_header)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header(f"&L&8{ws.get_name()}&R&8{ctx.period_label}")
    ws.set_footer(f"&L&8{_escape_hf(ctx.opd)} — LKjIP {ctx.tahun}&R&8Halaman &P dari &N")
    ws.hide_gridlines(2)
    return placed


def _escape_hf(text: str) -> str:
    return text.replace("&", "&&")


def _capaian_bands(wb, ws, table: Table, placed: Placed, ctx: Context):
    """Conditional fill of capaian cells by predikat band (R10)."""
    bands = list(getattr(ctx.scale, "bands", ()))
    if not bands or not placed.rows:
        return
    fills = [wb.add_format({"bg_color": BAND_FILLS[min(i, len(BAND_FILLS) - 1)]}) for i in range(len(bands))]
    for col in table.columns:
        if col.fmt != PCT or col.key not in CAPAIAN_KEYS:
            continue
        c = placed.cols[col.key]
        rng = (placed.rows[0], c, placed.rows[-1], c)
        prev = None  # the bound of the band above: a band is (bound, prev]
        for k, (bound, _label) in enumerate(bands):
            if bound is None:
                crit = {"criteria": "<=", "value": float(prev)} if prev is not None else None
            elif prev is None:
                crit = {"criteria": ">", "value": float(bound)}
            else:
                crit = {"criteria": "between", "minimum": float(bound) + 1e-9, "maximum": float(prev)}
            if crit:
                ws.conditional_format(*rng, {"type": "cell", "format": fills[k], **crit})
            prev = bound


def write_pemeriksaan(wb, fm: Formats, issues: list[Issue], ctx: Context):
    ws = wb.add_worksheet("Pemeriksaan")
    widths = (5, 12, 16, 18, 10, 22, 60, 50)
    heads = ("No", "Jenis", "Workbook", "Sheet", "Sel/Baris", "Kode Masalah", "Masalah", "Yang harus dilakukan")
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, "Pemeriksaan Isian", fm.title)
    ws.write_string(1, 0, f"{ctx.opd} — Tahun {ctx.tahun}, {ctx.period_label}. Kesalahan ditulis lebih dulu.",
                    fm.subtitle)
    for c, h in enumerate(heads):
        ws.write_string(3, c, h, fm.header)
    issues = sort_issues(issues)
    if not issues:
        ws.merge_range(4, 0, 4, len(heads) - 1, "Tidak ada masalah yang ditemukan pada isian.", fm.cell(TEXT, "iku"))
    for i, issue in enumerate(issues, start=1):
        r = 3 + i
        fmt = fm.get(border=1, valign="top", text_wrap=True, **({"font_color": "#9C0006", "bold": True}
                                                              if issue.is_error else {}))
        ws.write_number(r, 0, i, fm.cell("int", "iku"))
        texts = (issue.severity, issue.workbook, issue.sheet, issue.cell, issue.code, issue.message, issue.action)
        for c, text in enumerate(texts, start=1):
            ws.write_string(r, c, text or "", fmt if c == 1 else fm.cell(TEXT, "iku"))
        ws.set_row(r, row_height([(issue.message, widths[6], False), (issue.action, widths[7], False)]))
    if issues:
        ws.autofilter(3, 0, 3 + len(issues), len(heads) - 1)
    ws.freeze_panes(4, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
    ws.set_footer(f"&L&8{_escape_hf(ctx.opd)} — Pemeriksaan&R&8Halaman &P dari &N")


def fixed_properties(wb, title: str):
    wb.set_properties({"title": title, "author": "lkjip-xls", "company": "", "created": FIXED_CREATED,
                       "comments": "Dibuat oleh lkjip-xls dari workbook isian staf."})


def open_workbook(target):
    """An XlsxWriter workbook writing to ``target`` (a path or a BytesIO)."""
    return xlsxwriter.Workbook(target if not isinstance(target, Path) else str(target), WORKBOOK_OPTIONS)


def tanggal(d: dt.date) -> str:
    return f"{d.day} {S.BULAN[d.month - 1]} {d.year}"
