"""The library's front door: read a folder, compute every table for a month.

``analyse`` is the only thing the CLI and the writer need::

    result = analyse(Path("data"), month=None)
    result.tables["3.1"].frame, result.issues
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import reader
from .compute import Period, compute, latest_month
from .issues import Issue, UserError, count, sort_issues
from .model import Data, build
from .table import Table
from .tables import compute_tables


@dataclass
class Result:
    folder: Path
    data: Data | None
    period: Period | None
    tables: dict[str, Table] = field(default_factory=dict)
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
        result.tables = compute_tables(data, period, status)
    return result
