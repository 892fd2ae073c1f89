"""The Pemantauan Bulanan sheet: budget and indicators up to the month, for Bappeda's monitoring."""

from __future__ import annotations

from ..api import Result
from ..tables import pemantauan_anggaran, pemantauan_kinerja
from .formats import Formats
from .results import Context, write_table

SHEET = "Pemantauan Bulanan"


def write_pemantauan(wb, fm: Formats, result: Result, ctx: Context):
    ws = wb.add_worksheet(SHEET)
    budget = pemantauan_anggaran(result.data, result.period)
    kinerja = pemantauan_kinerja(result.data, result.period)
    for c in range(max(len(budget.columns), len(kinerja.columns))):
        widths = [t.columns[c].width for t in (budget, kinerja) if c < len(t.columns)]
        ws.set_column(c, c, max(widths))
    placed = write_table(wb, fm, budget, ctx, ws, 0)
    write_table(wb, fm, kinerja, ctx, ws, placed.end + 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&8Pemantauan Bulanan&R&8Halaman &P dari &N")
    ws.hide_gridlines(2)
