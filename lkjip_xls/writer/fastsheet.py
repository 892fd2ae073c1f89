"""XlsxWriter workbook and worksheet classes for the results workbook, one shortcut inside.

XlsxWriter rewrites every formula through about thirty regular expressions, looking for Excel's
dynamic-array and newer functions (``FILTER(`` becomes ``_xlfn._xlws.FILTER(``). The results workbook's
formulas use only the functions in ``PLAIN``, which need no rewriting, and there are tens of thousands
of them in a large office. ``Sheet._prepare_formula`` returns such a formula as XlsxWriter would
(without its leading '='), and hands any other formula to XlsxWriter unchanged.

Writing the sheet XML, ``Sheet._write_cell`` writes the four kinds of cell the results workbook is made of
(a number, a shared string, a blank, a formula with a numeric saved result, each with its own format) in
one string each, as XlsxWriter's own ``_write_cell`` would byte for byte; every other cell goes to
XlsxWriter's.

``_prepare_formula`` and ``_write_cell`` are XlsxWriter's private methods. XlsxWriter is pinned in pyproject.toml, and
tests/test_speed.py fails when the installed version differs from the pin or when a shortcut
gives anything other than XlsxWriter's own result for the results workbooks of several offices.
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.workbook import Workbook as _Workbook
from xlsxwriter.worksheet import Worksheet as _Worksheet

PINNED = "3.2.9"
PLAIN = frozenset({"ROUND", "SUM", "AVERAGE", "COUNTIF", "COUNT", "MIN", "MAX"})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


def plain(formula: str) -> bool:
    """True when XlsxWriter's rewriting cannot change ``formula``."""
    return (not formula.startswith("{") and not formula.endswith("}") and "_xlfn." not in formula
            and set(_FUNCTION.findall(formula)) <= PLAIN)


class Sheet(_Worksheet):
    def _prepare_formula(self, formula, expand_future_functions=False):
        if plain(formula):
            return formula[1:] if formula.startswith("=") else formula
        return super()._prepare_formula(formula, expand_future_functions)

    def _write_cell(self, row, col, cell):
        kind, fmt = type(cell).__name__, cell.format
        if fmt is None or self.constant_memory or kind not in _SHORT:
            return super()._write_cell(row, col, cell)
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{fmt._get_xf_index()}"'
        if kind == "Number":
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind == "String":
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        elif kind == "Blank":
            self.fh.write(f"{head}/>")
        elif type(cell.value) in (int, float):  # a formula with a numeric saved result
            self.fh.write(f"{head}><f>{self._escape_data(cell.formula)}</f><v>{cell.value}</v></c>")
        else:
            return super()._write_cell(row, col, cell)
        return None


_SHORT = frozenset({"Number", "String", "Blank", "Formula"})


class Book(_Workbook):
    worksheet_class = Sheet
