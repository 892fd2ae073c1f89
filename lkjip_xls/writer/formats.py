"""Cell formats of the results workbook, in one place.

The palette is chosen so that the predikat bands stay distinguishable when
printed in grey: each band differs in lightness, not only in hue.
"""

from __future__ import annotations

from ..kinerja import shown
from ..kinerja.table import INT, MONEY, NUM, PCT, TEXT, Column
from .textfit import row_height  # noqa: F401 - re-exported for the writer

FONT = {"font_name": "Calibri", "font_size": 10}
NUM_FORMATS = {
    MONEY: "#,##0",
    INT: "#,##0",
    PCT: "#,##0.00",
    NUM: "#,##0.00",
    TEXT: "@",
}


def decimals_format(places: int, dash_zero: bool = False) -> str:
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return f'{fmt};-{fmt};"-"' if dash_zero else fmt


def column_format(fmt: str, key: str, values) -> str:
    """One number style per column (``shown.column_places``); difference columns show 0 as '-'."""
    dash = shown.dash_zero(Column(key, "", fmt))
    if fmt == NUM or (dash and fmt == PCT):
        return decimals_format(shown.column_places(fmt, values), dash)
    return NUM_FORMATS.get(fmt, "General")


def cell_format(col: Column, value, column_format_: str, indicator: int | None) -> str:
    """The number format of one cell: its column's, or its indicator's decimals (R1a, ``shown.cell_places``)."""
    if col.per_value and indicator is None:
        return value_format(value)
    if col.fmt == NUM and indicator is not None:
        return decimals_format(shown.cell_places(col, value, 0, indicator), shown.dash_zero(col))
    return column_format_


def value_format(value) -> str:
    """The format of a single value of a calculation list (``Column.per_value``)."""
    return decimals_format(shown.value_places(value))


KIND_STYLE = {
    "program": {"bold": True, "bg_color": "#DDEBF7"},
    "kegiatan": {"bold": True},
    "sub": {},
    "iku": {},
    "item": {},
    "group": {"bold": True, "bg_color": "#EDEDED"},
    "section": {"bold": True, "bg_color": "#D9D9D9"},
    "total": {"bold": True, "bg_color": "#D9D9D9", "top": 2},
    "text": {},  # a paragraph written across the table (E.81's faktor pendorong ...)
    "todo": {"bg_color": "#FFFF00"},  # the same, still to be written by staff (highlighted)
}
INDENT = {"program": 0, "kegiatan": 1, "sub": 2}

# predikat bands, highest first: fill colours of decreasing lightness
BAND_FILLS = ("#C6EFCE", "#EAF4E4", "#FFF2CC", "#F8CBAD", "#E59A7A")


class Formats:
    """Creates each distinct format once (XlsxWriter formats are workbook objects)."""

    def __init__(self, wb):
        self.wb = wb
        self._cache: dict[tuple, object] = {}
        self._cells: dict[tuple, object] = {}  # cell() by its arguments: one lookup per cell written

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.wb.add_format({**FONT, **props})
        return self._cache[key]

    def cell(self, fmt: str, kind: str, *, text_marker: bool = False, indent: int = 0, num_format: str | None = None):
        key = (fmt, kind, text_marker, indent, num_format)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = self._cell(fmt, kind, text_marker, indent, num_format)
        return found

    def _cell(self, fmt: str, kind: str, text_marker: bool, indent: int, num_format: str | None):
        props = {"border": 1, "valign": "top", **KIND_STYLE.get(kind, {})}
        if fmt == TEXT and not text_marker:
            props.update(text_wrap=True)
            if indent:
                props["indent"] = indent
        elif text_marker:
            props.update(align="center", text_wrap=True)
        else:
            props.update(num_format=num_format or NUM_FORMATS[fmt], align="right")
        return self.get(**props)

    @property
    def header(self):
        return self.get(bold=True, text_wrap=True, align="center", valign="vcenter", border=1, bg_color="#BDD7EE")

    @property
    def number_row(self):
        return self.get(italic=True, align="center", border=1, font_color="#595959", bg_color="#F2F2F2")

    @property
    def table_no(self):
        return self.get(bold=True, font_size=11)

    @property
    def title(self):
        return self.get(bold=True, font_size=13, text_wrap=False)

    @property
    def subtitle(self):
        return self.get(italic=True, font_color="#404040")

    @property
    def source(self):
        return self.get(italic=True, font_color="#404040")

    @property
    def wrapped_source(self):
        return self.get(italic=True, font_color="#404040", text_wrap=True, valign="top")

