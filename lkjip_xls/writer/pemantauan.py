"""The two monitoring sheets for Bappeda: budget and indicators up to the month (not report tables)."""

from __future__ import annotations

from ..api import Result
from .formats import Formats
from .results import Context, write_table

SHEETS = ("Pemantauan Anggaran", "Pemantauan Kinerja")


def write_pemantauan(wb, fm: Formats, result: Result, ctx: Context) -> dict:
    """Each on a sheet of its own, so that each prints with its own header repeated on every page.
    Returns the two tables by sheet name (the Ringkasan refers to the budget one)."""
    for table in result.monitoring.values():
        write_table(wb, fm, table, ctx, sheet_name=table.key)
    return result.monitoring
