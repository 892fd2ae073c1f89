"""Writing the results workbook (everything that knows about Excel output)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..api import Result
from . import results as R
from .formats import Formats
from .ringkasan import write_ringkasan


def output_name(result: Result) -> str:
    opd = "".join(ch if ch.isalnum() else "_" for ch in result.data.opd).strip("_") or "OPD"
    return f"LKjIP_{opd}_{result.data.tahun}_{result.period.month:02d}.xlsx"


def write_results(result: Result, path: Path, run_date: dt.date | None = None, layout: dict | None = None) -> Path:
    """Write the results workbook for an analysed folder (no errors) to ``path``.

    ``layout``, when given, receives where each table was placed (table key -> ``Placed``)."""
    d, p = result.data, result.period
    ctx = R.Context(opd=d.opd, kabupaten=d.identitas.get("kabupaten") or "", tahun=d.tahun,
                    period_label=f"{p.label} {d.tahun}", run_date=run_date or dt.date.today(),
                    scale=d.settings.scale)
    wb = R.open_workbook(Path(path))
    R.fixed_properties(wb, f"LKjIP {d.opd} {d.tahun} {p.label}")
    fm = Formats(wb)
    ring = wb.add_worksheet("Ringkasan")
    for table in result.tables.values():
        R.write_table(wb, fm, table, ctx)
    from ..tables import lampiran_ikpp
    from .pemantauan import write_pemantauan

    ikpp = lampiran_ikpp(d, p)
    if ikpp is not None:
        R.write_table(wb, fm, ikpp, ctx, sheet_name="Lampiran IKPP")
    write_pemantauan(wb, fm, result, ctx)
    R.write_pemeriksaan(wb, fm, result.issues, ctx)
    write_ringkasan(wb, ring, fm, ctx, result.tables, result.errors, result.warnings, result.changes)
    ring.activate()
    wb.close()
    if layout is not None:
        layout.update(ctx.placed)
    return Path(path)
