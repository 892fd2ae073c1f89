"""XlsxWriter workbook and worksheet classes for the results workbook, one shortcut inside.

XlsxWriter rewrites every formula through about thirty regular expressions, looking for Excel's
dynamic-array and newer functions (``FILTER(`` becomes ``_xlfn._xlws.FILTER(``). The results workbook's
formulas use only the functions in ``PLAIN``, which need no rewriting, and there are tens of thousands
of them in a large office. ``Sheet._prepare_formula`` returns such a formula as XlsxWriter would
(without its leading '='), and hands any other formula to XlsxWriter unchanged.

``_prepare_formula`` is XlsxWriter's private method. XlsxWriter is pinned in pyproject.toml, and
tests/test_speed.py fails when the installed version differs from the pin or when the shortcut
gives anything other than XlsxWriter's own result for every formula of the results workbook.
"""

from __future__ import annotations

import re

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


class Book(_Workbook):
    worksheet_class = Sheet
