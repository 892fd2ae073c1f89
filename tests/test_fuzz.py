"""Arbitrary cell contents in the input areas end in a result or in Issues, never in an exception."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lkjip_xls.inputs import schema as S
from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import packaged_workbooks

cell_values = st.one_of(
    st.none(),
    st.text(max_size=40).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
    st.sampled_from(["74,30", "6.719", "100%", "1.234,5", "=1+1", "-", "n/a", "Rp 1.000", "  ", "Januari", "13",
                     "Positif", "7.01.01", "1e309", "nan", "inf", "TRUE"]),
    st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)

TARGETS = [(spec.filename, sheet.name, len(sheet.fields)) for spec in S.WORKBOOKS for sheet in spec.sheets
           if not sheet.list_sheet]
edits = st.lists(st.tuples(st.sampled_from(TARGETS), st.integers(S.HEADER_ROW, 40), st.integers(0, 16), cell_values),
                 min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_arbitrary_cells_never_crash(changes):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for p in packaged_workbooks().iterdir():
            shutil.copy(p, folder / p.name)
        by_file: dict[str, list] = {}
        for (fname, sheet, ncol), row, col, value in changes:
            by_file.setdefault(fname, []).append((sheet, row, min(col, ncol), value))
        for fname, items in by_file.items():
            wb = openpyxl.load_workbook(folder / fname)
            for sheet, row, col, value in items:
                wb[sheet].cell(row=row, column=col + 1).value = value
            wb.save(folder / fname)
        result = analyse(folder)
        assert result.tables or result.issues
        if result.ok:
            assert {f"3.{i}" for i in range(1, 19)} | {"2.1", "2.2", "2.3", "2.4"} <= set(result.tables)
        for issue in result.issues:
            assert issue.message and issue.action and issue.severity in ("Kesalahan", "Peringatan")
