"""Speed of lkjip-xls as ratios against baselines measured in the same run (these machines are noisy).

Every figure is the median of runs that alternate with their baseline (A, B, B, A, ...), each in a
fresh process:

* proses(shape) / proses(example): the whole ``lkjip proses`` command on a generated large office
  (scripts/large_office.py: 2.220 indicator rows, 2.000 budget rows, 300 jabatan, 1.000 sarpras
  items) in each of its SHAPES (every month on plan; most indicators behind, four IKU per sasaran, a
  Catatan per program and kegiatan each month, two years of Riwayat; half a year filled), each
  interleaved with the bundled example. Goal: at most 5 for every shape; the worst is reported.
  Peak memory of the large run (ru_maxrss), goal 300 MiB. The seal's share of the large run
  (``written_checksum``), goal 3 %.
* --help / proses(example): starting the command line without computing. Goal: well under 0,3 s.
* read / pandas-calamine: ``read_folder`` of each shape against plain
  ``pandas.read_excel(engine="calamine", sheet_name=None)`` of the same five files. Goal: 2,5.
* write / plain XlsxWriter: writing the large office's results workbook against plain XlsxWriter
  writing the same cells (values, formulas with their cached values, one format per number format).
* rekap(N files): ``lkjip rekap`` on N results workbooks, for N = 100, 200, 400 (and 1.000 with
  --rekap-1000): seconds per file should stay flat (time linear in files). Goal: 1.000 in 60 s.
* rekap verified(N offices), with --rekap-verify N: ``lkjip rekap`` on N offices' December workbooks,
  each with its ``_isian.zip`` beside it, so every office is recomputed from its isian and compared
  cell by cell (scripts/rekap_data.py --isian). Goal: 1.000 offices in 600 s on 2 cores, every one
  "diverifikasi dari isian".

With ``--compare PATH`` (another checkout of the project, e.g. a git worktree of an older commit) each
measure is also run with that tree's code, interleaved, and the ratio new/old is printed.

The exit status is 1 when any figure is above its goal (each is named), so a regression shows the day
it happens.

Usage: python scripts/bench.py [--runs 5] [--shapes dasar,lain] [--compare PATH] [--skip-rekap]
                               [--rekap-1000] [--only-rekap] [--rekap-sizes 1000,4000]
                               [--rekap-verify 1000]
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


SEAL = """
import sys, time, datetime as dt
from pathlib import Path
from lkjip_xls.api import analyse
from lkjip_xls.writer import fingerprint as F, workbook as W
spent = []
real = F.written_checksum
def timed(sheets):
    t = time.perf_counter(); out = real(sheets); spent.append(time.perf_counter() - t); return out
F.written_checksum = timed
W.workbook_bytes(analyse(Path(sys.argv[1])), dt.date(2026, 1, 1))
print(sum(spent))
"""

GOALS = {"proses": 5.0, "read": 2.5, "seal": 0.03, "peak MiB": 300, "--help s": 0.3}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--compare", type=Path, help="another checkout of lkjip-xls to compare with")
    ap.add_argument("--skip-rekap", action="store_true")
    ap.add_argument("--rekap-1000", action="store_true")
    ap.add_argument("--only-rekap", action="store_true", help="only the rekap curve")
    ap.add_argument("--rekap-sizes", help="the rekap curve's sizes, e.g. 1000,4000,22000 (a province's year)")
    ap.add_argument("--rekap-verify", type=int, metavar="N",
                    help="only the verified rekap: N offices, each with its isian (goal: 1.000 in 600 s)")
    ap.add_argument("--shapes", help="which large-office shapes (scripts/large_office.py SHAPES), e.g. dasar,lain")
    a = ap.parse_args()
    sizes = ([int(s) for s in a.rekap_sizes.split(",")] if a.rekap_sizes else
             [100, 200, 400] + ([1000] if a.rekap_1000 else []))
    if a.rekap_verify:
        sys.exit(1 if rekap_verified(Path(tempfile.mkdtemp(prefix="lkjip-bench-")), a.rekap_verify) else 0)
    if a.only_rekap:
        failed = rekap_curve(Path(tempfile.mkdtemp(prefix="lkjip-bench-")), sizes)
        sys.exit(1 if failed else 0)
    trees = [ROOT] + ([a.compare.resolve()] if a.compare else [])
    work = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    sys.path.insert(0, str(ROOT / "scripts"))
    import large_office

    names = a.shapes.split(",") if a.shapes else list(large_office.SHAPES)
    shapes = {name: large_office.write(work / name, **large_office.SHAPES[name]) for name in names}
    print(f"runs per figure: {a.runs} (median of interleaved runs); trees: {', '.join(map(str, trees))}")
    print("shapes (scripts/large_office.py, 2.220 indicator rows, 2.000 budget rows, 300 jabatan, 1.000 sarpras):")
    for name in names:
        print(f"  {name:9} {large_office.SHAPES[name] or 'every month filled, on plan, 2 IKU per sasaran'}")

    def proses(folder):
        return lambda tree: run(tree, ["proses", str(folder), "--output", str(work / "out")], work)

    def one(folder, code):
        return lambda tree: run(tree, [str(folder)], work, code)

    # each shape interleaved with its own example baseline (A, B, B, A ...): the ratio of the same minutes
    ex, big, reads, seals = {}, {}, {}, {}
    for name, folder in shapes.items():
        ex[name], big[name] = [[] for _ in trees], [[] for _ in trees]
        for i in range(a.runs):
            order = (EXAMPLE, folder) if i % 2 == 0 else (folder, EXAMPLE)
            for f in order:
                target = ex[name] if f == EXAMPLE else big[name]
                for k, r in enumerate(paired(trees, proses(f), 1)):
                    target[k] += r
        reads[name] = paired(trees, one(folder, READ), a.runs)
        seals[name] = paired(trees, one(folder, SEAL), a.runs)
    helps = paired(trees, lambda tree: run(tree, ["--help"], work), a.runs)
    writes = paired(trees, one(shapes[names[0]], WRITE), a.runs)

    failed = []
    for k, tree in enumerate(trees):
        print(f"\n[{tree}]")
        print(f"{'shape':9} {'example':>8} {'large':>8} {'x example':>10} {'peak MiB':>9} {'read x calamine':>16} "
              f"{'seal share':>11}")
        worst = (0.0, "")
        for name in names:
            e, b = med([r[0] for r in ex[name][k]]), med([r[0] for r in big[name][k]])
            peak = max(r[2] for r in big[name][k]) / 1024
            ours, plain = (med([float(r[1].split()[i]) for r in reads[name][k]]) for i in (0, 1))
            seal = med([float(r[1].split()[0]) for r in seals[name][k]]) / b
            ratios = {"proses": b / e, "read": ours / plain, "seal": seal, "peak MiB": peak}
            over = [m for m, v in ratios.items() if v > GOALS[m]]
            if k == 0:
                failed += [f"{name}: {m} {ratios[m]:.2f} > {GOALS[m]}" for m in over]
            worst = max(worst, (b / e, name))
            print(f"{name:9} {e:7.2f}s {b:7.2f}s {'x%.2f' % (b / e):>10} {peak:9.0f} {'x%.2f' % (ours / plain):>16} "
                  f"{seal:10.1%} {'  ABOVE GOAL: ' + ', '.join(over) if over else ''}")
        print(f"worst shape: {worst[1]} x{worst[0]:.2f} of proses(example)   goals: proses <= x5, read <= x2,5, "
              "seal <= 3 % of the run, peak <= 300 MiB")
        h = med([r[0] for r in helps[k]])
        ours_w, plain_w = (med([float(r[1].split()[i]) for r in writes[k]]) for i in (0, 1))
        print(f"--help                   {h:6.2f} s   (goal under 0,3 s)")
        print(f"write({names[0]})            {ours_w:6.2f} s   x{ours_w / plain_w:5.2f} of plain XlsxWriter "
              f"({plain_w:.2f} s)")
        if k == 0 and h > GOALS["--help s"]:
            failed.append(f"--help {h:.2f} s > 0,3 s")
    if a.compare:
        print("\nnew / old (paired):")
        for name in names:
            print(f"  proses({name:8})     x{med([r[0] for r in big[name][0]]) / med([r[0] for r in big[name][1]]):5.2f}")
    if not a.skip_rekap:
        failed += ["rekap"] if rekap_curve(work, sizes) else []
    if failed:
        print("\nABOVE GOAL: " + "; ".join(failed))
        sys.exit(1)


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


def rekap_verified(work: Path, n: int) -> bool:
    """Seconds of ``lkjip rekap`` recomputing N offices from their isian; True when above the goal (600 s
    per 1.000 offices) or when any office is not verified."""
    folder = work / f"isian-{n}"
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from rekap_data import make_verified;"
            "make_verified(__import__('pathlib').Path(sys.argv[1]), int(sys.argv[3]))")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder), str(ROOT / "scripts"), str(n)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    made = time.perf_counter() - t
    cmd = [sys.executable, "-c", TREE_PEAK, sys.executable, "-m", "lkjip_xls", "rekap", str(folder),
           "--output", str(work / "rekap-verified"), "--bulan", "12"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=work, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    wall, kib = eval(out)  # noqa: S307 - our own repr
    import pandas as pd

    book = next((work / "rekap-verified").glob("Rekap_*.xlsx"))
    rows = pd.read_excel(book, sheet_name="Rekap", header=4, engine="calamine")
    verified = int((rows["Verifikasi Angka"] == "diverifikasi dari isian").sum())
    over = wall > 600 * n / 1000 or verified != n
    print(f"\nrekap verified ({os.cpu_count()} cores): {n} offices with their isian (made in {made:.0f} s): "
          f"{wall:.1f} s, {wall / n * 1000:.0f} ms per office, {verified} diverifikasi dari isian, "
          f"peak {kib / 1024:.0f} MiB" + ("   ABOVE GOAL (<= 600 s per 1.000, all verified)" if over else ""))
    return over


if __name__ == "__main__":
    main()
