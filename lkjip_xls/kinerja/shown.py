"""How a table figure is shown, in one place: the results workbook's number formats and the Word
report's text both come from here, so "99,04" in a paragraph is exactly what the cell shows.

A column shows one number of decimals (``column_places``), except that a NUM cell of an indicator's
row shows that indicator's decimals (R1a, ``Table.places``); a calculation list (``Column.per_value``)
shows each value with its own. Difference columns show 0 as "-". Text markers ("-", "n/a",
"belum ada data") are shown as they are.
"""

from __future__ import annotations

from decimal import Decimal

from . import rules
from ..inputs.numbers import fmt_id
from .table import INT, MONEY, NUM, PCT, TEXT, Column, Table

MAX_PLACES = 4
DASH_ZERO_KEYS = ("selisih",)
DASH_ZERO_PREFIX = "d_"  # difference columns show 0 as "-", as the report does


def is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def places(value) -> int:
    """Decimals a typed value carries (73,59 -> 2; 6,719 -> 3; 80 -> 0)."""
    if value is None:
        return 0
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return max(0, -d.as_tuple().exponent)


def column_places(fmt: str, values) -> int:
    """Decimals a column shows: NUM columns as many as their most precise value (typed 6,719 -> 3;
    computed 15,00 -> 2; all whole -> 0; at most 4); percentages 2; money and counts none."""
    if fmt == NUM:
        return min(MAX_PLACES, max((places(v) for v in values if is_number(v)), default=0))
    return 2 if fmt == PCT else 0


def value_places(value) -> int:
    """Decimals of one value of a calculation list: its own, at least two when it has any."""
    shown = places(value) if isinstance(value, Decimal) else 0
    return min(MAX_PLACES, max(2, shown)) if shown else 0


def dash_zero(col: Column) -> bool:
    return col.key.startswith(DASH_ZERO_PREFIX) or col.key in DASH_ZERO_KEYS


def number_text(value, decimals: int, dash: bool = False) -> str:
    """``value`` in Indonesian style with ``decimals`` places (what Excel shows for '#,##0.00')."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    d = d.quantize(Decimal(1).scaleb(-decimals)) if decimals else d.quantize(Decimal(1))
    if dash and d == 0:
        return "-"
    if d == 0:
        d = abs(d)  # never "-0,00"
    return fmt_id(d)


class Shown:
    """The text of every cell of one table, as the results workbook shows it."""

    def __init__(self, table: Table):
        self.table = table
        self.places = {c.key: column_places(c.fmt, table.frame[c.key]) for c in table.columns
                       if c.fmt in (NUM, PCT, MONEY, INT)}
        self.columns = {c.key: c for c in table.columns}
        self.values = {c.key: table.frame[c.key].tolist() for c in table.columns}

    def text(self, row: int, key: str) -> str:
        return cell_text(self.columns[key], self.values[key][row], self.places.get(key, 0),
                         self.table.places.get(row))


def cell_places(col: Column, value, column_decimals: int, indicator: int | None = None) -> int:
    """Decimals one number cell shows: a calculation list's value its own; a NUM cell of an indicator's
    row that indicator's (R1a); otherwise its column's."""
    if col.per_value and indicator is None:
        return value_places(value)
    if col.fmt == NUM and indicator is not None:
        return rules.shown_places(value, indicator)
    return column_decimals


def cell_text(col: Column, value, column_decimals: int, indicator: int | None = None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if col.fmt == TEXT or not is_number(value):
        return str(value)
    decimals = cell_places(col, value, column_decimals, indicator)
    return number_text(value, decimals, dash_zero(col) and col.fmt in (NUM, PCT))
