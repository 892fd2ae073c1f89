"""Speed of lkjip-xls on the bundled example, as ratios against baselines measured in the same run.

Machines here are noisy, so every figure is also given relative to a baseline taken in the
same run:

* reading: ``read_folder`` (our reader: marker, structure scan, typed conversion) against plain
  ``pandas.read_excel(engine="calamine", sheet_name=None)`` of the same five files;
* computing: every table from already-read inputs, against the reading time;
* the whole run: ``lkjip proses`` as a new process (start to file written), against a process that
  only imports pandas (the floor every run pays).

Usage: python scripts/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from lkjip_xls.compute import compute
from lkjip_xls.example import packaged_workbooks
from lkjip_xls.model import build
from lkjip_xls.reader import read_folder
from lkjip_xls.tables import compute_tables


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    folder = packaged_workbooks()
    files = sorted(folder.glob("*.xlsx"))

    base_read = median_time(lambda: [pd.read_excel(f, engine="calamine", sheet_name=None, header=None) for f in files],
                            runs)
    our_read = median_time(lambda: read_folder(folder), runs)
    raw, _ = read_folder(folder)
    data, _ = build(raw)
    period, _ = compute(data, 12)

    def all_tables():
        p, _ = compute(data, 12)
        compute_tables(data, p)

    tables = median_time(all_tables, runs)

    def run(args):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(args, cwd=tmp, check=True, capture_output=True)

    lkjip = str(Path(sys.executable).with_name("lkjip"))
    floor = median_time(lambda: run([sys.executable, "-c", "import pandas"]), runs)
    whole = median_time(lambda: run([lkjip, "proses"] if Path(lkjip).exists()
                                    else [sys.executable, "-m", "lkjip_xls", "proses"]), runs)

    print(f"runs per figure: {runs} (median)")
    print(f"read five workbooks      {our_read:7.3f} s   x{our_read / base_read:5.2f} of plain pandas/calamine ({base_read:.3f} s)")
    print(f"compute all 20 tables    {tables:7.3f} s   x{tables / our_read:5.2f} of the read time")
    print(f"whole run (lkjip proses) {whole:7.3f} s   x{whole / floor:5.2f} of a process importing pandas ({floor:.3f} s)")


if __name__ == "__main__":
    main()
