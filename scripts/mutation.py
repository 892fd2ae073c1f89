"""Mutation testing of the rules (R1-R12 and the comparisons of their checks) and the seal (mutmut).

Small wrong changes are made to those modules one at a time (``>`` for ``>=``, ``+ 1``, a constant
changed, a line dropped ...), and the tests that pin them (``[tool.mutmut]`` in pyproject.toml) are run
against each: a mutant that no test notices "survives". The score is the share of mutants killed.

mutmut needs a newer click than the one lkjip-xls pins, so it runs in a virtual environment of its own,
``.mutation-venv`` (made on first use: the project's dependencies and mutmut, not the project itself,
which the tests import from mutmut's copy in ``mutants/``). Linux or macOS (mutmut forks).

Usage: python scripts/mutation.py [--fresh]   (about 3 minutes on 2 cores, 645 mutants; results stay in mutants/)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".mutation-venv"
MUTMUT = "mutmut==3.8.1"


def venv_python() -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / "python"


def ensure_venv():
    if venv_python().exists():
        return
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = [d for d in project["dependencies"] + project["optional-dependencies"]["test"] if not d.startswith("click")]
    subprocess.run([str(venv_python()), "-m", "pip", "install", "-q", *deps, MUTMUT], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fresh", action="store_true", help="forget earlier results (mutants/)")
    a = ap.parse_args()
    ensure_venv()
    if a.fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    mutmut = venv_python().parent / "mutmut"
    subprocess.run([str(mutmut), "run"], cwd=ROOT)
    out = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True).stdout
    status = [line.rsplit(":", 1)[-1].strip() for line in out.splitlines() if ":" in line]
    killed, survived = status.count("killed"), status.count("survived")
    untested = status.count("no tests")
    timeout = status.count("timeout")
    scored = killed + survived + untested
    print(f"\nmutants: {len(status)}; killed {killed}, survived {survived}, not reached by the tests {untested}, "
          f"timeout {timeout}")
    if scored:
        print(f"score: {100 * (killed + timeout) / (scored + timeout):.1f} % (killed or timed out, of all mutants)")
    for line in out.splitlines():
        if re.search(r": (survived|no tests)$", line):
            print("  " + line.strip())
    print("\nSee a mutant with: .mutation-venv/bin/mutmut show <name>")


if __name__ == "__main__":
    main()
