"""The results workbook: Ringkasan, Tabel 2.1 ... 3.18, Pemantauan Anggaran and Kinerja, Pemeriksaan.

Everything about Excel lives here: layout, number formats, formulas with
their cached values, conditional formats, charts and print setup. The tables
themselves come computed from ``kinerja/tabel/`` (through ``api.Result``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell, xl_rowcol_to_cell_fast

from ..inputs import schema as S
from ..issues import Issue, sort_issues
from ..kinerja.model import with_region
from ..kinerja.table import INT, MONEY, NUM, PCT, TEXT, Column, Table
from .formats import BAND_FILLS, INDENT, KIND_STYLE, Formats, cell_format, column_format, row_height
from .layout import A4, DEFAULT_ROW, FixedScale, Pager, plan_one_wide

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "in_memory": True}
FIXED_CREATED = dt.datetime(2024, 1, 1)
HEADER_TOP = 4  # 0-based row where column headers start on a table sheet
_PLACEHOLDER = re.compile(r"\{(\w+)(?:@([\d,:]+))?\}")
CAPAIAN_KEYS = ("capaian", "kemajuan")


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
    formats: dict[str, str] = field(default_factory=dict)  # number format of each column
    end: int = 0  # last row used (source line and notes included)
    cell_formats: dict[tuple[int, str], str] = field(default_factory=dict)  # where a cell differs (R1a)

    def format(self, row: int, col: str) -> str:
        return self.cell_formats.get((row, col)) or self.formats[col]

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
    figure_refs: dict[str, str] = field(default_factory=dict)  # key figure -> the visible cell showing it


def resolve(template: str, row: int, placed: Placed) -> str:
    """Turn a formula template into an A1 formula for frame row ``row``."""

    def cell(col: str, r: int) -> str:  # a relative reference, e.g. H14
        return xl_rowcol_to_cell_fast(placed.rows[r], placed.cols[col])

    pieces, tail = _template_parts(template)
    out = ["="]
    for literal, col, spec in pieces:
        out.append(literal)
        if spec is None:
            out.append(cell(col, row))
        elif ":" in spec:
            a, b = (int(x) for x in spec.split(":"))
            out.append(f"{cell(col, a)}:{cell(col, b)}")
        else:
            out.append(",".join(cell(col, int(x)) for x in spec.split(",")))
    out.append(tail)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _template_parts(template: str) -> tuple[tuple[tuple[str, str, str | None], ...], str]:
    """A formula template split once into (text before, column, row spec) placeholders and the text after."""
    pieces, pos = [], 0
    for m in _PLACEHOLDER.finditer(template):
        pieces.append((template[pos:m.start()], m.group(1), m.group(2)))
        pos = m.end()
    return tuple(pieces), template[pos:]


LONGEST_WORD_CAP = 30


def fitted_width(col: Column, values) -> float:
    """A text column is at least as wide as its longest word, so no word breaks mid-word
    ("kemasyarakata/n"); at most 30 characters wider rules are left to wrapping."""
    if col.fmt != TEXT:
        return col.width
    longest = 0
    for v in values:
        if isinstance(v, str) and len(v) > longest:  # no word of a shorter text can be longer
            longest = max(longest, max(map(len, v.split()), default=0))
    return max(col.width, min(LONGEST_WORD_CAP, longest + 2))


FORM_WORD_CAP = 20  # a form's text column grows to hold its longest word up to this; longer words break


def shown_length(value, fmt: str) -> int:
    """Characters a value shows in its column's number format (``formats``: thousands separated, a NUM or
    PCT with two decimals), on the safe side."""
    if value is None:
        return 1
    if isinstance(value, str):
        return max((len(w) for w in value.split()), default=1)
    number = float(value)
    digits = len(str(int(abs(number))))
    decimals = 0 if fmt in (MONEY, INT) else 3
    return digits + (digits - 1) // 3 + decimals + (1 if number < 0 else 0)


def form_widths(cols: list[Column], frame) -> list[float]:
    """Widths of a form printed one page wide: a figure column as wide as its widest figure (a column of
    dashes stays narrow), a text column its declared reading width, widened to hold its longest word."""
    out = []
    for col in cols:
        if col.fmt == TEXT:
            longest = max((shown_length(v, TEXT) for v in frame[col.key] if isinstance(v, str)), default=1)
            out.append(max(col.width, min(FORM_WORD_CAP, longest + 1)))
        else:
            widest = max((shown_length(v, col.fmt) for v in frame[col.key]), default=1)
            out.append(max(col.width, widest + 2))  # whole characters: Excel rounds a width to pixels
    return out


MERGED_KINDS = ("section", "text", "todo")  # rows written as one cell across the table


def write_table(wb, fm: Formats, table: Table, ctx: Context, sheet_name: str | None = None,
                form_paper: int | None = None) -> Placed:
    """Write ``table`` on a sheet of its own, with print setup: one page wide, headers repeated,
    no section heading left alone at the foot of a page. ``form_paper``: a form printed one page wide
    on that paper at a fixed scale, its columns as wide as their figures (``form_widths``,
    ``layout.plan_one_wide``)."""
    ws = wb.add_worksheet(sheet_name or table.sheet_name)
    cols = table.columns
    ncol = len(cols)
    frame = table.frame
    widths = form_widths(cols, frame) if form_paper is not None else [fitted_width(col, frame[col.key])
                                                                       for col in cols]
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, sheet_name or table.sheet_name, fm.table_no)
    ws.write_string(1, 0, table.title, fm.title)
    ws.write_string(2, 0, f"{with_region(ctx.opd, ctx.kabupaten)} — Tahun {ctx.tahun}, {ctx.period_label}", fm.subtitle)
    grouped = any(col.group for col in cols)
    top = HEADER_TOP
    header_h = row_height([(col.header, widths[c], True) for c, col in enumerate(cols)]) or DEFAULT_ROW
    group_h = DEFAULT_ROW
    if grouped:
        c = 0
        while c < ncol:
            g = cols[c].group
            if g:
                end = c
                while end + 1 < ncol and cols[end + 1].group == g:
                    end += 1
                group_h = max(group_h, row_height([(g, sum(widths[c:end + 1]), True)]) or DEFAULT_ROW)
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
        if group_h != DEFAULT_ROW:
            ws.set_row(top, group_h)
    else:
        for c, col in enumerate(cols):
            ws.write_string(top, c, col.header, fm.header)
        last_header = top
    ws.set_row(last_header, header_h)
    repeat = header_h + (group_h if grouped else 0)
    if table.numbered:
        last_header += 1
        repeat += DEFAULT_ROW
        for c in range(ncol):
            ws.write_number(last_header, c, c + 1, fm.number_row)
    first_data = last_header + 1
    placed = Placed(ws.get_name(), [first_data + i for i in range(len(frame))],
                    {col.key: c for c, col in enumerate(cols)}, (top, last_header),
                    formats={col.key: column_format(col.fmt, col.key, frame[col.key]) for col in cols})
    first_text = next((c for c, col in enumerate(cols) if col.fmt == TEXT and col.key != "no"), 0)
    records = list(frame.itertuples(index=False, name=None))
    keys = list(frame.columns)
    kind_at = keys.index("kind")
    fixed = plan_one_wide(widths, form_paper) if form_paper is not None else None
    merge_to = ncol - 1  # a row written across the table spans all of it
    at = [keys.index(col.key) for col in cols]  # the position in a record of each column's value
    heights = []
    for values in records:
        kind = values[kind_at]
        bold = bool(KIND_STYLE.get(kind, {}).get("bold"))
        indent = INDENT.get(kind, 0)
        if kind in MERGED_KINDS:
            text = next((v for k, v in zip(keys, values) if isinstance(v, str) and v != kind), "")
            heights.append(row_height([(text, sum(widths[:merge_to + 1]) - 2, bold)]) or DEFAULT_ROW)
            continue
        heights.append(row_height([(v, widths[c] - 2 * (indent if c == first_text else 0), bold)
                                   for c, k in enumerate(at) if isinstance(v := values[k], str)])
                       or DEFAULT_ROW)
    # per column: what the loop below needs of it, looked up once
    columns = [(c, col, at[c], col.fmt, placed.formats[col.key], col.per_value, c == first_text)
               for c, col in enumerate(cols)]
    formulas = table.formulas
    cell_formats: dict[tuple, object] = {}
    # XlsxWriter's writers without the wrapper that reads 'A1' arguments (ours are always row, column)
    write_string, write_number, write_blank = ws._write_string, ws._write_number, ws._write_blank
    pager = Pager(widths, repeat=repeat, fixed=fixed)
    pager.advance(DEFAULT_ROW * top + repeat)
    for i, values in enumerate(records):
        r = placed.rows[i]
        kind = values[kind_at]
        if kind in ("section", "group"):
            pager.keep(r, heights[i:i + 3])  # a section heading stays with two of its rows
        pager.advance(heights[i], r)
        if kind in MERGED_KINDS:
            label = next((values[k] for k in at if isinstance(values[k], str)), "")
            ws.merge_range(r, 0, r, merge_to, label, fm.cell(TEXT, kind))
            ws.set_row(r, heights[i])
            if i in table.instructions:  # beside the table, where staff read it and the page does not print it
                ws.write_string(r, ncol, table.instructions[i], fm.cell(TEXT, kind))
            continue
        if heights[i] != DEFAULT_ROW:
            ws.set_row(r, heights[i])
        places = table.places.get(i)
        for c, col, k, cfmt, colfmt, varies, indent_here in columns:
            value = values[k]
            if isinstance(value, str) and cfmt != TEXT:
                write_string(r, c, value, fm.cell(cfmt, kind, text_marker=True))
                continue
            # its column's format, unless it varies by value or by indicator (formats.cell_format)
            num_format = cell_format(col, value, colfmt, places) if varies or (places is not None and cfmt == NUM) \
                else colfmt
            if num_format != colfmt:
                placed.cell_formats[(i, col.key)] = num_format
            key = (cfmt, kind, indent_here, num_format)
            fmt = cell_formats.get(key)
            if fmt is None:
                fmt = cell_formats[key] = fm.cell(cfmt, kind, indent=INDENT.get(kind, 0) if indent_here else 0,
                                                  num_format=num_format)
            if value is None:
                write_blank(r, c, None, fmt)
                continue
            kind_of = type(value)
            if kind_of is int or kind_of is float:
                number = value
            elif kind_of is Decimal or _is_number(value):
                number = _num(value)
            else:
                write_string(r, c, str(value), fmt)
                continue
            if formulas and (template := formulas.get((i, col.key))):
                ws.write_formula(r, c, resolve(template, i, placed), fmt, number)
            else:
                write_number(r, c, number, fmt)
    last = placed.rows[-1] if placed.rows else last_header
    _capaian_bands(wb, ws, table, placed, ctx)
    if fixed is not None:  # at a fixed scale long lines wrap inside the form instead of running off it
        lines = [table.source] + [f"Catatan: {note}" for note in table.notes]
        line_heights = [row_height([(line, sum(widths[:merge_to + 1]) - 2, False)]) or DEFAULT_ROW for line in lines]
        pager.advance(DEFAULT_ROW)
        pager.keep(last + 2, line_heights)  # the source and notes stay together
        for k, (line, h) in enumerate(zip(lines, line_heights)):
            pager.advance(h, last + 2 + k)
            ws.merge_range(last + 2 + k, 0, last + 2 + k, merge_to, line, fm.wrapped_source)
            ws.set_row(last + 2 + k, h)
        placed.end = last + 3 + len(table.notes)
        ctx.placed[table.key] = placed
        ws.set_h_pagebreaks(pager.breaks)
        ws.freeze_panes(last_header + 1, 0)
        page_setup(ws, ctx, repeat=(top, last_header), fixed=fixed)
        if table.instructions:
            ws.set_column(ncol, ncol, 60)
            ws.print_area(0, 0, placed.end - 1, ncol - 1)  # the form only: instructions beside it stay off paper
        return placed
    ws.write_string(last + 2, 0, table.source, fm.source)
    for k, note in enumerate(table.notes):
        ws.write_string(last + 3 + k, 0, "Catatan: " + note, fm.source)
    placed.end = last + 3 + len(table.notes)
    ctx.placed[table.key] = placed
    ws.set_h_pagebreaks(pager.breaks)
    ws.freeze_panes(last_header + 1, 0)
    page_setup(ws, ctx, repeat=(top, last_header), fixed=fixed)
    return placed


def page_setup(ws, ctx: Context, repeat: tuple[int, int] | None = None, footer: str | None = None,
               fixed: FixedScale | None = None):
    """A4 landscape, one page wide, margins, page header/footer (the same on every sheet). A form
    (``fixed``) prints on its paper at a fixed scale: the one both Excel and LibreOffice fit."""
    ws.set_landscape()
    if fixed is None:
        ws.set_paper(A4)
        ws.fit_to_pages(1, 0)
    else:
        ws.set_paper(fixed.paper)
        ws.set_print_scale(max(10, int(fixed.scale * 100)))
    if repeat:
        ws.repeat_rows(*repeat)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header(f"&L&10{_escape_hf(ws.get_name())}&R&10{_escape_hf(ctx.period_label)}")
    ws.set_footer(f"&L&10{_escape_hf(footer or ctx.opd + ' — LKjIP ' + str(ctx.tahun))}&R&10Halaman &P dari &N")
    ws.hide_gridlines(2)


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
    widths = (5, 11, 14, 14, 9, 18, 52, 44)  # prints at 8,5 pt on A4 landscape (layout.font_after_fit)
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
    page_setup(ws, ctx, repeat=(3, 3), footer=f"{ctx.opd} — Pemeriksaan")


def fixed_properties(wb, title: str, author: str = "", created: dt.date | None = None):
    """What Excel shows under File › Info: the title, the office (or Bappeda's kabupaten) as author, the
    day of the run as created (a day, not a time: the rekap recomputes the same workbook from the same
    inputs and day); no program name."""
    when = dt.datetime.combine(created, dt.time()) if created else FIXED_CREATED
    wb.set_properties({"title": title, "author": author, "company": "", "created": when, "comments": "",
                       "manager": ""})


def open_workbook(target):
    """An XlsxWriter workbook writing to ``target`` (a path or a BytesIO)."""
    from .fastsheet import Book

    return Book(target if not isinstance(target, Path) else str(target), WORKBOOK_OPTIONS)


def tanggal(d: dt.date) -> str:
    return f"{d.day} {S.BULAN[d.month - 1]} {d.year}"
