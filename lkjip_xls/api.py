"""The library's front door: read a folder, compute every table for a month.

``analyse`` is the only thing the CLI and the writer need::

    result = analyse(Path("data"), month=None)
    result.tables["3.1"].frame, result.issues
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .inputs import reader
from .kinerja.period import Period, compute, latest_month
from .issues import Issue, UserError, count, sort_issues
from .kinerja.model import Data, build
from .kinerja.table import Table
from .kinerja.tabel import compute_figures


@dataclass
class Result:
    folder: Path
    data: Data | None
    period: Period | None
    tables: dict[str, Table] = field(default_factory=dict)  # the report's tables 2.1-3.20, in report order
    monitoring: dict[str, Table] = field(default_factory=dict)  # Pemantauan Anggaran / Kinerja, by sheet name
    ikpp: Table | None = None  # Lampiran IKPP (when the IKM sheet is filled)
    e81: Table | None = None  # Form E.81, the quarters up to the month (Permendagri 86/2017)
    rencana_aksi: Table | None = None  # the PK's Rencana Aksi (quarter targets), for the report's annex
    scale: Table | None = None  # the predikat scale in use, band by band (BAB III of the report)
    behind: list[dict] = field(default_factory=list)  # 3.3 rows behind their yardstick for the month (Ringkasan)
    kas_plan: dict[str, Decimal] = field(default_factory=dict)  # anggaran kas as % of pagu, per budget code
    year_share: Decimal | None = None  # share of the year passed at the month, % (the penyerapan yardstick)
    mandiri: list = field(default_factory=list)  # Evaluasi Mandiri: each LKE criterion decided (kinerja/mandiri.py)
    evaluasi_mandiri: Table | None = None  # the Evaluasi Mandiri sheet
    key_figures: dict = field(default_factory=dict)  # the headline figures (Ringkasan, _data, rekap)
    figure_cells: dict = field(default_factory=dict)  # key figure -> (table, row, column) it is read from
    issues: list[Issue] = field(default_factory=list)
    month_given: bool = False
    changes: object | None = None  # changes.Changes since the previous month's results workbook, when it exists

    @property
    def errors(self) -> int:
        return count(self.issues)[0]

    @property
    def warnings(self) -> int:
        return count(self.issues)[1]

    @property
    def ok(self) -> bool:
        return self.data is not None and self.errors == 0


def validate(folder: Path, progress=None, status=None) -> tuple[Data | None, list[Issue]]:
    """Read and check the inputs (no period figures)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"Folder data '{folder}' tidak ditemukan. Periksa nama folder.", 2)
    raw, issues = reader.read_folder(folder, progress, status)
    data, more = build(raw, cross_checks=count(issues)[0] == 0)
    return data, sort_issues(issues + more)


def analyse(folder: Path, month: int | None = None, progress=None, status=None) -> Result:
    """Read, check and compute every table for ``month`` (default: the latest month with data).

    ``progress`` (optional) is called with a line for each workbook read; ``status`` (optional) with
    a short text for each sheet read and table computed (a line that updates in place)."""
    data, issues = validate(folder, progress, status)
    result = Result(Path(folder), data, None, issues=issues, month_given=month is not None)
    if data is None or result.errors:
        return result
    m = month or latest_month(data)
    period, more = compute(data, m)
    result.period = period
    result.issues = sort_issues(issues + more)
    if result.errors == 0:
        for name, value in compute_figures(data, period, status).items():
            setattr(result, name, value)
    return result
