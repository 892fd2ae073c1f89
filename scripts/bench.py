"""Speed of lkjip-xls as ratios against baselines measured in the same run (these machines are noisy).

Every figure is the median of runs that alternate with their baseline (A, B, B, A, ...), each in a
fresh process:

* proses(large) / proses(example): the whole ``lkjip proses`` command on a generated large office
  (scripts/large_office.py: 2.220 indicator rows, 2.000 budget rows, 300 jabatan, 1.000 sarpras
  items) against the bundled example. Goal: at most 5. Peak memory of the large run (VmHWM).
* --help / proses(example): starting the command line without computing. Goal: well under 0,3 s.
* read / pandas-calamine: ``read_folder`` of the large office against plain
  ``pandas.read_excel(engine="calamine", sheet_name=None)`` of the same five files.
* write / plain XlsxWriter: writing the large office's results workbook against plain XlsxWriter
  writing the same cells (values, formulas with their cached values, one format per number format).
* rekap(N files): ``lkjip rekap`` on N results workbooks, for N = 100, 200, 400 (and 1.000 with
  --rekap-1000): seconds per file should stay flat (time linear in files). Goal: 1.000 in 60 s.

With ``--compare PATH`` (another checkout of the project, e.g. a git worktree of an older commit) each
measure is also run with that tree's code, interleaved, and the ratio new/old is printed.

Usage: python scripts/bench.py [--runs 5] [--compare PATH] [--skip-rekap] [--rekap-1000] [--only-rekap]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "lkjip_xls" / "inputs" / "contoh" / "workbooks"

READ = """
import sys, time
from pathlib import Path
folder = Path(sys.argv[1])
import pandas as pd
from lkjip_xls.inputs.reader import read_folder
files = sorted(folder.glob("*.xlsx"))
read_folder(folder)
t = time.perf_counter(); read_folder(folder); ours = time.perf_counter() - t
t = time.perf_counter()
for f in files:
    pd.read_excel(f, engine="calamine", sheet_name=None, header=None)
plain = time.perf_counter() - t
print(ours, plain)
"""

WRITE = """
import sys, time, io, datetime as dt
from pathlib import Path
import xlsxwriter
from python_calamine import CalamineWorkbook
from lkjip_xls.api import analyse
from lkjip_xls.writer import workbook_bytes
result = analyse(Path(sys.argv[1]))
t = time.perf_counter(); book = workbook_bytes(result, dt.date(2026, 1, 1)); ours = time.perf_counter() - t
# the same cells, written with plain XlsxWriter: values, formulas (with cached values), number formats
import openpyxl
wb_in = openpyxl.load_workbook(io.BytesIO(book))
cached = CalamineWorkbook.from_filelike(io.BytesIO(book))
cells = []
for ws in wb_in:
    values = cached.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)
    rows = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            v = values[c.row - 1][c.column - 1] if c.row - 1 < len(values) and c.column - 1 < len(values[c.row - 1]) else 0
            rows.append((c.row - 1, c.column - 1, c.value, v, c.number_format))
    cells.append((ws.title, rows))
t = time.perf_counter()
out = io.BytesIO()
wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
formats = {}
for title, rows in cells:
    ws = wb.add_worksheet(title)
    for r, c, value, cache, nf in rows:
        fmt = formats.get(nf) or formats.setdefault(nf, wb.add_format({"num_format": nf, "border": 1}))
        if isinstance(value, str) and value.startswith("="):
            ws.write_formula(r, c, value, fmt, cache)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        else:
            ws.write_string(r, c, str(value), fmt)
wb.close()
plain = time.perf_counter() - t
print(ours, plain)
"""


def run(tree: Path, args: list[str], cwd: Path, code: str | None = None) -> tuple[float, str, int]:
    """(seconds, stdout, peak KiB) of one fresh process running the package of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "lkjip_xls", *args]
    wrapper = [sys.executable, "-c",
               "import resource, subprocess, sys, time; t = time.perf_counter();"
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
               "w = time.perf_counter() - t;"
               "kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
               "print(repr((w, p.returncode, p.stdout[-2000:], p.stderr[-2000:], kib)))", *cmd]
    out = subprocess.run(wrapper, capture_output=True, text=True, cwd=cwd, env=env, check=True).stdout
    wall, code_, stdout, stderr, kib = eval(out)  # noqa: S307 - our own repr
    if code_ not in (0,):
        raise SystemExit(f"failed ({code_}): {' '.join(map(str, args))}\n{stderr}")
    return wall, stdout, kib


def paired(trees: list[Path], measure, runs: int) -> list[list]:
    """Run ``measure(tree)`` for each tree, interleaved and alternating order, ``runs`` times."""
    results = [[] for _ in trees]
    order = list(range(len(trees)))
    for i in range(runs):
        for k in (order if i % 2 == 0 else order[::-1]):
            results[k].append(measure(trees[k]))
    return results


def med(values) -> float:
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--compare", type=Path, help="another checkout of lkjip-xls to compare with")
    ap.add_argument("--skip-rekap", action="store_true")
    ap.add_argument("--rekap-1000", action="store_true")
    ap.add_argument("--only-rekap", action="store_true", help="only the rekap curve")
    ap.add_argument("--rekap-sizes", help="the rekap curve's sizes, e.g. 1000,4000,22000 (a province's year)")
    a = ap.parse_args()
    sizes = ([int(s) for s in a.rekap_sizes.split(",")] if a.rekap_sizes else
             [100, 200, 400] + ([1000] if a.rekap_1000 else []))
    if a.only_rekap:
        failed = rekap_curve(Path(tempfile.mkdtemp(prefix="lkjip-bench-")), sizes)
        sys.exit(1 if failed else 0)
    trees = [ROOT] + ([a.compare.resolve()] if a.compare else [])
    work = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    sys.path.insert(0, str(ROOT / "scripts"))
    import large_office

    large = large_office.write(work / "besar")
    print(f"runs per figure: {a.runs} (median of interleaved runs); trees: {', '.join(map(str, trees))}")

    def proses(folder):
        return lambda tree: run(tree, ["proses", str(folder), "--output", str(work / "out")], work)

    ex = paired(trees, proses(EXAMPLE), a.runs)
    big = paired(trees, proses(large), a.runs)
    helps = paired(trees, lambda tree: run(tree, ["--help"], work), a.runs)
    reads = paired(trees, lambda tree: run(tree, [str(large)], work, READ), a.runs)
    writes = paired(trees, lambda tree: run(tree, [str(large)], work, WRITE), a.runs)

    for k, tree in enumerate(trees):
        e, b, h = med([r[0] for r in ex[k]]), med([r[0] for r in big[k]]), med([r[0] for r in helps[k]])
        peak = max(r[2] for r in big[k]) / 1024
        ours_r, plain_r = (med([float(r[1].split()[i]) for r in reads[k]]) for i in (0, 1))
        ours_w, plain_w = (med([float(r[1].split()[i]) for r in writes[k]]) for i in (0, 1))
        print(f"\n[{tree}]")
        print(f"proses(example)          {e:6.2f} s")
        print(f"proses(large)            {b:6.2f} s   x{b / e:5.2f} of proses(example)   (goal <= 5)   "
              f"peak {peak:.0f} MiB (goal <= 300)")
        print(f"--help                   {h:6.2f} s   x{h / e:5.2f} of proses(example)   (goal well under 0,3 s)")
        print(f"read(large)              {ours_r:6.2f} s   x{ours_r / plain_r:5.2f} of pandas-calamine ({plain_r:.2f} s)")
        print(f"write(large)             {ours_w:6.2f} s   x{ours_w / plain_w:5.2f} of plain XlsxWriter ({plain_w:.2f} s)")
    if a.compare:
        print("\nnew / old (paired):")
        for name, data in (("proses(example)", ex), ("proses(large)", big), ("--help", helps)):
            print(f"  {name:22} x{med([r[0] for r in data[0]]) / med([r[0] for r in data[1]]):5.2f}")
        for name, data in (("read(large)", reads), ("write(large)", writes)):
            print(f"  {name:22} x{med([float(r[1].split()[0]) for r in data[0]]) / med([float(r[1].split()[0]) for r in data[1]]):5.2f}")
    if not a.skip_rekap:
        rekap_curve(work, sizes)


TREE_PEAK = r"""
import os, subprocess, sys, time
def tree_rss(root):
    # resident memory of a process and all its descendants (Linux /proc), in KiB
    parent = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                parent[int(pid)] = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, pp in parent.items():
            if pp in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0
while p.poll() is None:
    peak = max(peak, tree_rss(p.pid))
    time.sleep(0.05)
wall = time.perf_counter() - t
if p.returncode:
    sys.exit(p.stderr.read().decode()[-2000:])
print(repr((wall, peak)))
"""


def rekap_curve(work: Path, sizes: list[int]):
    """Seconds per file of ``lkjip rekap`` as the number of results workbooks grows, and the peak memory
    of the whole process tree (the command and its reader processes, sampled every 50 ms; Linux)."""
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from rekap_data import make;"
            "make(__import__('pathlib').Path(sys.argv[1]), int(sys.argv[3]))")
    print(f"\nrekap ({os.cpu_count()} cores): files, seconds, ms per file, x per-file time of the first size, "
          "peak MiB of the process tree")
    first, failed = None, False
    for n in sizes:
        folder = work / f"lampiran-{n}"
        if not folder.exists():
            subprocess.run([sys.executable, "-c", code, str(folder), str(ROOT / "scripts"), str(n)], check=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        cmd = [sys.executable, "-c", TREE_PEAK, sys.executable, "-m", "lkjip_xls", "rekap", str(folder),
               "--output", str(work / f"rekap-{n}"), "--bulan", "12"]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=work, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
        wall, kib = eval(out)  # noqa: S307 - our own repr
        per = wall / n
        first = first or per
        # goals: a province's year (22.000 files) in 120 s, i.e. 5,45 ms per file, within 1 GiB
        over = per * 1000 > 120_000 / 22_000 * 1.0 and n >= 1000 or kib > 2**20
        failed = failed or over
        print(f"  {n:5d}  {wall:7.2f}  {per * 1000:6.1f}  x{per / first:4.2f}  {kib / 1024:6.0f}"
              + ("   ABOVE GOAL (<= 5,45 ms per file, <= 1 GiB)" if over else ""))
    return failed


if __name__ == "__main__":
    main()
