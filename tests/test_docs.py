from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_template_docs_are_generated_from_the_schema():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (ROOT / "docs" / "templat.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/templat.md is stale: run python scripts/regenerate.py"


def test_readme_opens_with_the_two_commands_ci_runs():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    fence = lines.index("```")
    commands = lines[fence + 1: lines.index("```", fence + 1)]
    assert len(commands) == 2 and "lkjip proses" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci
