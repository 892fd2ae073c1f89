"""The results workbook, built in memory from an analysed ``Result`` and sealed (``fingerprint``)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from . import fingerprint as F
from ..api import Result
from .fingerprint import seal
from ..kinerja.mandiri import SHEET as MANDIRI_SHEET
from ..kinerja.keyfigures import E81_FIGURES, EVALUASI_FIGURES, FIGURES
from . import results as R
from .formats import Formats
from .layout import FOLIO
from .ringkasan import write_ringkasan


E81_SHEET = "E.81"
E81_PAPER = FOLIO  # the form prints one page wide on F4 landscape (spec section 7)
OPD_IN_NAME = 60  # characters of the OPD name kept in a file name (Windows paths stay short)


def safe_name(text: str, limit: int = OPD_IN_NAME) -> str:
    """A file-name part: letters and digits kept, everything else '_', at most ``limit`` characters."""
    name = "".join(ch if ch.isalnum() else "_" for ch in text)
    while "__" in name:
        name = name.replace("__", "_")
    return name.strip("_")[:limit].strip("_") or "OPD"


def output_name(result: Result) -> str:
    return f"LKjIP_{safe_name(result.data.opd)}_{result.data.tahun}_{result.period.month:02d}.xlsx"


def write_results(result: Result, path: Path, run_date: dt.date | None = None, layout: dict | None = None) -> Path:
    """Write the results workbook for an analysed folder (no errors) to ``path`` (atomically).

    ``layout``, when given, receives where each table was placed (table key -> ``Placed``)."""
    from ..files import write_bytes_atomically

    write_bytes_atomically(Path(path), workbook_bytes(result, run_date, layout), "workbook hasil")
    return Path(path)


def workbook_bytes(result: Result, run_date: dt.date | None = None, layout: dict | None = None,
                   status=None) -> bytes:
    """The results workbook as bytes, built in memory (nothing half-written ever reaches the disk).

    ``status`` (optional) is told each sheet as it is written."""
    from .pemantauan import write_pemantauan

    d, p = result.data, result.period
    ctx = R.Context(opd=d.opd, kabupaten=d.identitas.get("kabupaten") or "", tahun=d.tahun,
                    period_label=f"{p.label} {d.tahun}", run_date=run_date or dt.date.today(),
                    scale=d.settings.scale)
    say = status or (lambda text: None)
    buffer = io.BytesIO()
    wb = R.open_workbook(buffer)
    R.fixed_properties(wb, f"LKjIP {d.opd} {d.tahun} {p.label}", d.opd, ctx.run_date)
    fm = Formats(wb)
    ring = wb.add_worksheet("Ringkasan")
    ikpp = result.ikpp
    total = len(result.tables) + (ikpp is not None) + 4  # + Pemantauan x2, Pemeriksaan, Ringkasan
    for n, table in enumerate(result.tables.values(), start=1):
        say(f"Menulis sheet {table.sheet_name} ({n}/{total})")
        R.write_table(wb, fm, table, ctx)
    if ikpp is not None:
        R.write_table(wb, fm, ikpp, ctx, sheet_name="Lampiran IKPP")
    if result.e81 is not None:
        say(f"Menulis sheet {E81_SHEET}")
        R.write_table(wb, fm, result.e81, ctx, sheet_name=E81_SHEET, form_paper=E81_PAPER)
    say(f"Menulis sheet Pemantauan ({total - 3}/{total})")
    monitoring = write_pemantauan(wb, fm, result, ctx)
    if result.evaluasi_mandiri is not None:
        R.write_table(wb, fm, result.evaluasi_mandiri, ctx, sheet_name=MANDIRI_SHEET)
    R.write_pemeriksaan(wb, fm, result.issues, ctx)
    say(f"Menulis sheet Ringkasan ({total}/{total})")
    write_ringkasan(wb, ring, fm, ctx, result, monitoring)
    data_sheet, checksum_row = write_data_sheet(wb, result, ctx)
    ring.activate()
    checksum = F.written_checksum(wb.worksheets())  # from the cells written; None: read back after closing
    data_sheet.write_string(checksum_row, 1, checksum or F.PLACEHOLDER)
    say("Menyimpan workbook ...")
    wb.close()
    if layout is not None:
        layout.update(ctx.placed)
    return buffer.getvalue() if checksum is not None else seal(buffer.getvalue())


def write_data_sheet(wb, result: Result, ctx: R.Context):
    """The hidden ``_data`` sheet (``fingerprint``): identity, key figures with the visible cell each is
    shown in, the sha256 of the five input workbooks, and the seal, for ``lkjip rekap``."""
    from .. import __version__

    d, p = result.data, result.period
    ws = wb.add_worksheet(F.DATA_SHEET)
    rows = [("format", F.FORMAT), ("versi_format", F.FORMAT_VERSION), ("versi_program", __version__),
            ("opd", d.opd), ("kabupaten", d.identitas.get("kabupaten") or ""),
            ("provinsi", d.identitas.get("provinsi") or ""), ("tahun", d.tahun), ("bulan", p.month),
            ("periode", f"{p.label} {d.tahun}"), ("tanggal_proses", ctx.run_date.isoformat()),
            ("kesalahan", result.errors), ("peringatan", result.warnings)]
    rows = [(key, value, None) for key, value in rows]
    for key, _ in FIGURES + E81_FIGURES + EVALUASI_FIGURES:
        ref = ctx.figure_refs.get(key)
        if key in result.figure_cells:
            table_key, row, col = result.figure_cells[key]
            placed = ctx.placed.get(table_key)
            ref = placed.ref(row, col) if placed is not None else None
        rows.append((key, result.key_figures.get(key), ref))
    for kind, sha in F.input_hashes(d.files).items():  # the inputs processed, for recomputation
        rows.append((F.INPUT_PREFIX + kind, sha, None))
    rows.append(("checksum", F.PLACEHOLDER, None))  # written by workbook_bytes once every other cell is
    for r, (key, value, ref) in enumerate(rows):
        ws.write_string(r, 0, key)
        if ref:
            ws.write_string(r, 2, ref)
        if value is None or key == "checksum":
            continue  # the checksum is written by workbook_bytes once every other cell is
        if isinstance(value, str):
            ws.write_string(r, 1, value)
        else:
            ws.write_number(r, 1, R._num(value))
    ws.hide()
    return ws, len(rows) - 1
