"""Recomputing an office's results from its input workbooks (spec section 10).

The seal of a results workbook shows it was not edited after the run; it cannot show that someone did
not recompute the seal. The five input workbooks can: ``lkjip proses`` seals their sha256 in ``_data``
and attaches them to the draft email (``LKjIP_<OPD>_<tahun>_<MM>_isian.zip``). Wherever the inbox holds
them (that zip, or the five workbooks themselves), the rekap runs the same analysis on them and
compares every number of every sheet but the Ringkasan (whose "changes since last month" depend on the
office's previous file) and Pemeriksaan (row numbers), and every key figure, with the workbook the
office sent.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from .read import FIGURES, Found

MAX_SHOWN = 8  # differences named per file; the rest counted


def locate(founds: list[Found]) -> dict[str, tuple[str, str | None]]:
    """sha256 -> where its bytes are: (file, None) for a loose workbook, (zip, member) inside a zip."""
    out: dict[str, tuple[str, str | None]] = {}
    for f in founds:
        if f.members:
            for name, sha in f.members.items():
                out.setdefault(sha, (f.path, name))
        elif f.digest:
            out.setdefault(f.digest, (f.path, None))
    return out


def _bytes(where: tuple[str, str | None]) -> bytes:
    path, member = where
    if member is None:
        return Path(path).read_bytes()
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.replace("\\", "/").rsplit("/", 1)[-1] == member:
                return zf.read(info)
    raise KeyError(member)


def _numbers(book, skip: set[str]) -> dict[tuple[str, int, int], float]:
    from python_calamine import SheetVisibleEnum

    out = {}
    for meta in book.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible or meta.name in skip:
            continue
        for r, row in enumerate(book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)):
            for c, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    out[(meta.name, r, c)] = float(value)
    return out


def _cell(r: int, c: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(r, c)


def recompute(found: Found, where: dict[str, tuple[str, str | None]]) -> list[str] | None:
    """The figures of ``found`` that differ from a recomputation from its inputs ([] when all agree), or
    None when its inputs are not all in the inbox."""
    from python_calamine import CalamineWorkbook

    from ..api import analyse
    from ..inputs import schema as S
    from ..writer.workbook import workbook_bytes

    if not found.inputs or any(sha not in where for sha in found.inputs.values()):
        return None
    with tempfile.TemporaryDirectory(prefix="lkjip-rekap-") as tmp:
        for kind, sha in found.inputs.items():
            if kind not in S.BY_KIND:
                return [f"isian jenis '{kind}' tidak dikenal"]
            (Path(tmp) / S.BY_KIND[kind].filename).write_bytes(_bytes(where[sha]))
        result = analyse(Path(tmp), found.get("bulan"))
        if not result.ok:
            first = next((i.render() for i in result.issues if i.is_error), "")
            return [f"isian yang dilampirkan tidak dapat dihitung ulang ({first})"]
        try:
            day = dt.date.fromisoformat(found.get("tanggal_proses") or "")
        except ValueError:
            day = None
        again = CalamineWorkbook.from_filelike(io.BytesIO(workbook_bytes(result, day)))
    sent = CalamineWorkbook.from_path(found.path)
    skip = {"Ringkasan", "Pemeriksaan"}  # changes since last month; row numbers of the problems list
    mine, theirs = _numbers(again, skip), _numbers(sent, skip)
    out = []
    for key in sorted(set(mine) | set(theirs)):
        a, b = mine.get(key), theirs.get(key)
        if a is None or b is None or round(a, 6) != round(b, 6):
            sheet, r, c = key
            out.append(f"sheet {sheet} sel {_cell(r, c)}: tampil {_shown(b)}, dihitung ulang dari isian {_shown(a)}")
    for key in FIGURES:
        expected = result.key_figures.get(key)
        shown = found.get(key)
        if (expected is None) != (shown is None) or (expected is not None and float(expected) != float(shown)):
            out.append(f"{key}: tampil {_shown(shown)}, dihitung ulang dari isian {_shown(expected)}")
    return out


def _shown(value) -> str:
    from ..inputs.numbers import fmt_id
    from decimal import Decimal

    if value is None:
        return "kosong"
    d = Decimal(repr(float(value)))
    return fmt_id(d.to_integral_value() if d == d.to_integral_value() else d)


def summary(differences: list[str]) -> list[str]:
    shown = differences[:MAX_SHOWN]
    if len(differences) > MAX_SHOWN:
        shown.append(f"... dan {len(differences) - MAX_SHOWN} angka lain")
    return shown
