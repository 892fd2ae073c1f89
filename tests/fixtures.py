"""Helpers that break a copy of the example the way staff and files really do."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl


def set_cells(path: Path, sheet: str, values: dict[str, object]):
    """Change cells of one sheet with openpyxl (as a user editing in Excel would)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for ref, value in values.items():
        ws[ref].value = value
    wb.save(path)


def delete_sheet(path: Path, sheet: str):
    wb = openpyxl.load_workbook(path)
    del wb[sheet]
    wb.save(path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def copy_to(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest
