"""Speed work (issue 15) changes nothing a user sees, and keeps its promises that can be checked
without a stopwatch: commands that do not compute never load pandas, every step is linear in rows,
and the one private XlsxWriter method we shortcut still behaves as the pinned version does.
The timings themselves are in scripts/bench.py (ratios against baselines of the same run)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from lkjip_xls.api import analyse
from lkjip_xls.kinerja.period import compute
from lkjip_xls.inputs.example import packaged_workbooks
from lkjip_xls.kinerja.tabel import compute_tables
from lkjip_xls.writer import fastsheet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def test_results_workbook_parts_are_unchanged():
    """Every part (sheet XML, styles, strings, charts) of the example's results, months 3 and 12, as
    committed in tests/golden/results_parts.json: regenerate it only for an intended change of output."""
    from regenerate import SNAPSHOT, results_parts

    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = results_parts()
    for month in expected:
        changed = sorted(n for n in set(expected[month]) | set(got[month])
                         if expected[month].get(n) != got[month].get(n))
        assert changed == [], f"month {month}: parts changed {changed} (python scripts/regenerate.py if intended)"


def test_xlsxwriter_is_the_pinned_version():
    assert xlsxwriter.__version__ == fastsheet.PINNED, "fastsheet overrides a private method: re-check it"


def test_formula_shortcut_gives_xlsxwriters_own_result(tmp_path):
    """Every formula of the example's results workbook (all sheets), plus some the shortcut must hand
    back to XlsxWriter, prepared exactly as XlsxWriter itself prepares them."""
    import openpyxl

    from lkjip_xls.writer import write_results

    path = write_results(analyse(packaged_workbooks(), 12), tmp_path / "hasil.xlsx")
    formulas = [c.value for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    formulas += ["=FILTER(A1:A9,B1:B9>0)", "=XLOOKUP(1,A:A,B:B)", "=_xlfn.STDEV.S(A1:A3)", "{=SUM(A1:A3*B1:B3)}",
                 "=STDEV.S(A1:A3)", "=SINGLE(A1)", "=round(a1,2)", "=SORT(A1:A3)"]
    assert len(formulas) > 500
    fast, plain = fastsheet.Sheet(), Worksheet()
    for f in formulas:
        assert fast._prepare_formula(f) == plain._prepare_formula(f), f
    assert sum(fastsheet.plain(f) for f in formulas) >= len(formulas) - 8  # the shortcut is taken


def test_cell_shortcut_writes_xlsxwriters_own_bytes(tmp_path, monkeypatch):
    """The results workbooks of three offices (the example, a dinas of our own, a generated one with
    notes and history) and a rekap of them, written with Sheet._write_cell and without it: byte for byte
    the same; and the shortcut is taken for most cells."""
    import datetime as dt

    from offices import kominfo, write_office

    import large_office
    from lkjip_xls.writer import workbook_bytes

    folders = [packaged_workbooks(), write_office(tmp_path / "kominfo", kominfo()),
               large_office.write(tmp_path / "dinas", programs=2, kegiatan=2, sub=3, behind=0.5, catatan=True,
                                  riwayat=1)]
    results = [analyse(f, 12) for f in folders]
    taken = []
    short = fastsheet.Sheet._write_cell

    def counting(self, row, col, cell):
        taken.append(type(cell).__name__ in fastsheet._SHORT and cell.format is not None)
        return short(self, row, col, cell)

    monkeypatch.setattr(fastsheet.Sheet, "_write_cell", counting)
    fast = [workbook_bytes(r, dt.date(2026, 1, 5)) for r in results]
    assert sum(taken) > 0.9 * len(taken)
    monkeypatch.setattr(fastsheet.Sheet, "_write_cell", Worksheet._write_cell)
    plain = [workbook_bytes(r, dt.date(2026, 1, 5)) for r in results]
    for folder, a, b in zip(folders, fast, plain):
        assert a == b, folder


@pytest.mark.parametrize("args", [["--help"], ["templat", "{tmp}/t"], ["contoh", "{tmp}/c"], ["proses", "--help"]])
def test_commands_that_do_not_compute_never_load_pandas(args, tmp_path):
    code = ("import sys; from lkjip_xls.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('pandas' in sys.modules and 'PANDAS' or 'ok')")
    out = subprocess.run([sys.executable, "-c", code, *[a.format(tmp=tmp_path) for a in args]],
                         capture_output=True, text=True)
    assert out.stderr.endswith("ok"), out.stderr[-500:]


def test_the_rekaps_reader_stays_light():
    """The rekap's worker processes import rekap.read and the seal's module: neither loads pandas or
    XlsxWriter (the seal's XlsxWriter classes are looked up when a workbook is written)."""
    code = ("import sys, lkjip_xls.rekap.read, lkjip_xls.writer.fingerprint\n"
            "print(sorted(m for m in ('pandas', 'xlsxwriter') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr[-500:]


def _compute_seconds(folder: Path) -> float:
    r = analyse(folder, 12)
    assert r.ok, [i.render() for i in r.issues][:3]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        p, _ = compute(r.data, 12)
        compute_tables(r.data, p)
        best = min(best, time.perf_counter() - start)
    return best


def test_computing_grows_linearly_with_the_office(tmp_path):
    """Four times the programs (and rows) takes about four times as long, not sixteen (no scan of all
    sub kegiatan per program or kegiatan)."""
    import large_office

    small = _compute_seconds(large_office.write(tmp_path / "kecil", programs=4, kegiatan=5, sub=5))
    big = _compute_seconds(large_office.write(tmp_path / "besar", programs=16, kegiatan=5, sub=5))
    assert big / small < 8, (small, big)
