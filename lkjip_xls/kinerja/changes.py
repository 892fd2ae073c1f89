"""What changed since last month: budget spent this month, indicators whose realisasi moved,
problems fixed and new (compared with last month's Pemeriksaan sheet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .period import Period, compute
from .frames import tuples
from ..issues import Issue
from .model import Data

PEMERIKSAAN_FIRST_ROW = 4  # 0-based row of the first issue on the Pemeriksaan sheet


@dataclass
class Changes:
    previous_file: str
    previous_month: int
    budget_this_month: int
    moved: list[tuple[str, str, object, object]] = field(default_factory=list)  # kode, indikator, before, now
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (where: workbook / sheet / cell, message)
    new: list[tuple[str, str]] = field(default_factory=list)


def previous_issues(path: Path) -> dict[tuple[str, str, str, str], str]:
    """{(workbook, sheet, cell, code): message} of each issue on a results workbook's Pemeriksaan sheet."""
    from python_calamine import CalamineWorkbook

    from ..inputs.inspect import RESULT_BOUNDS, guard

    guard(path, RESULT_BOUNDS)  # a file put in its place is refused (Refused), never inflated whole
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pemeriksaan").to_python()
    found = {}
    for row in rows[PEMERIKSAAN_FIRST_ROW:]:
        if len(row) >= 7 and row[1] and row[5]:
            found[(str(row[2]), str(row[3]), str(row[4]), str(row[5]))] = str(row[6])
    return found


def _where(key: tuple[str, str, str, str]) -> str:
    return " / ".join(part for part in key[:3] if part)


def since_last_month(data: Data, period: Period, issues: list[Issue], previous: Path) -> Changes:
    before, _ = compute(data, period.month - 1)
    programs = period.budget[period.budget["level"] == "Program"]
    spent_now = sum(v for v in programs["realisasi"] if v is not None)
    prev_programs = before.budget[before.budget["level"] == "Program"]
    spent_before = sum(v for v in prev_programs["realisasi"] if v is not None)
    moved = []
    for now, old in zip(tuples(period.indicators), tuples(before.indicators)):
        if now.realisasi != old.realisasi:
            moved.append((now.kode, now.indikator, old.realisasi, now.realisasi))
    for now, old in zip(tuples(period.iku), tuples(before.iku)):
        if now.realisasi != old.realisasi:
            moved.append(("IKU", now.indikator, old.realisasi, now.realisasi))
    old_issues = previous_issues(previous)
    current = {(i.workbook, i.sheet, i.cell, i.code): i.message for i in issues}
    return Changes(previous.name, period.month - 1, spent_now - spent_before, moved,
                   fixed=[(_where(k), m) for k, m in sorted(old_issues.items()) if k not in current],
                   new=[(_where(k), m) for k, m in current.items() if k not in old_issues])
