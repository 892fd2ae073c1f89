"""What a computed table is: a frame plus what the writer needs to present it.

A table function returns a :class:`Table`: its columns (header, number format,
header group), a frame with one row per table row (``kind`` says what the row
is: program, kegiatan, sub, iku, item, section, group, total), and the formulas
that derive some cells from others, written as templates:

``{col}``          the cell of column ``col`` in the same row
``{col@3}``        the cell of column ``col`` in row 3 (0-based row of the frame)
``{col@3:7}``      the range of rows 3..7 of that column
``{col@3,5,9}``    a list of cells of that column

The writer turns templates into A1 references; the frame holds the value the
program computed, which the writer stores as the formula's cached value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

# column formats
TEXT, INT, MONEY, NUM, PCT = "text", "int", "money", "num", "pct"
DASH = "-"
_PLACEHOLDER = re.compile(r"\{(\w+)(?:@[\d,:]+)?\}")
NA = "n/a"
BELUM = "belum ada data"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    fmt: str = TEXT
    width: int = 14
    group: str | None = None
    per_value: bool = False  # NUM column of a calculation list: each value keeps its own decimals


@dataclass
class Table:
    key: str  # "3.1"
    title: str
    columns: list[Column]
    frame: pd.DataFrame
    formulas: dict[tuple[int, str], str] = field(default_factory=dict)
    source: str = ""
    numbered: bool = False  # a row of column numbers under the headers, as in the report
    notes: list[str] = field(default_factory=list)
    places: dict[int, int] = field(default_factory=dict)  # R1a: row -> decimals of its indicator (NUM cells)
    # a row still to be filled -> what staff do about it: beside a printed form, off its printed area (E.81)
    instructions: dict[int, str] = field(default_factory=dict)
    key_columns: int = 1  # columns printed again on each part when the table is split into stacked parts

    @property
    def sheet_name(self) -> str:
        return f"Tabel {self.key}"

    def rows(self, kind: str) -> pd.DataFrame:
        return self.frame[self.frame["kind"] == kind]

    def value(self, row: int, col: str):
        """One cell's value, from plain column lists built once (no pandas access per cell)."""
        columns = self.__dict__.get("_columns")
        if columns is None:
            columns = self.__dict__["_columns"] = {k: self.frame[k].tolist() for k in self.frame.columns}
        return columns[col][row]


class Builder:
    """Collects rows and formulas in order, then makes the Table."""

    def __init__(self, columns: list[Column]):
        self.columns = columns
        self.rows: list[dict] = []
        self.formulas: dict[tuple[int, str], str] = {}
        self.places: dict[int, int] = {}
        self.instructions: dict[int, str] = {}
        self._known = {c.key for c in columns}
        self._checked: set[tuple[str, str]] = set()  # (column, template) found to name known columns only

    def add(self, kind: str, formulas: dict[str, str] | None = None, *, places: int | None = None,
            instruction: str | None = None, **values) -> int:
        """A row; ``places`` (R1a) the decimals of the indicator it shows, for its NUM cells;
        ``instruction`` what staff do to fill it (``Table.instructions``)."""
        i = len(self.rows)
        if places is not None:
            self.places[i] = places
        if instruction:
            self.instructions[i] = instruction
        row = {c.key: values.get(c.key) for c in self.columns}
        row["kind"] = kind
        self.rows.append(row)
        for key, template in (formulas or {}).items():
            if _is_number(row.get(key)) and not _over_text(row, template):
                self._formula(i, key, template)
        return i

    def set(self, i: int, key: str, value, formula: str | None = None):
        self.rows[i][key] = value
        if formula and _is_number(value) and not _over_text(self.rows[i], formula):
            self._formula(i, key, formula)

    def _formula(self, i: int, key: str, template: str):
        """Keep a formula; one naming a column the table does not have is a programming error."""
        if (key, template) not in self._checked:
            known = self._known
            unknown = {m.group(1) for m in _PLACEHOLDER.finditer(template)} - known
            if unknown or key not in known:
                raise ValueError(f"formula for {key!r} refers to missing column(s) {sorted(unknown) or key}: "
                                 f"{template}")
            self._checked.add((key, template))
        self.formulas[(i, key)] = template

    def mean(self, col: str, rows: list[int]):
        """R6 over the ``rows`` whose ``col`` shows a number: (the shown mean or None, its AVERAGE formula)."""
        from . import rules

        shown = [i for i in rows if _is_number(self.rows[i][col])]
        return rules.mean_shown(self.rows[i][col] for i in shown), rules.mean_formula(refs(col, shown))

    def build(self, key: str, title: str, source: str, numbered: bool = False, notes=None,
              key_columns: int = 1) -> Table:
        frame = pd.DataFrame(self.rows, columns=[c.key for c in self.columns] + ["kind"], dtype=object)
        return Table(key, title, self.columns, frame, self.formulas, source, numbered, list(notes or []),
                     dict(self.places), dict(self.instructions), key_columns)


def _over_text(row: dict, template: str) -> bool:
    """True when the formula reads a cell of its row that shows text (a level "BB", a range, "n/a"):
    Excel would show #VALUE!, so the cell keeps the program's figure instead."""
    return any(isinstance(row.get(m.group(1)), str) and row.get(m.group(1)) for m in _PLACEHOLDER.finditer(template))


def _is_number(value) -> bool:
    from decimal import Decimal

    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def refs(col: str, rows: list[int]) -> str:
    """A placeholder for several rows of one column: a range when contiguous."""
    if not rows:
        return ""
    if rows == list(range(rows[0], rows[-1] + 1)) and len(rows) > 1:
        return f"{{{col}@{rows[0]}:{rows[-1]}}}"
    return f"{{{col}@{','.join(str(r) for r in rows)}}}"
