"""The package reads as the pipeline (docs/susunan.md): few top-level modules, and the outputs only lay
out figures computed in the analysis step."""

from __future__ import annotations

import ast
from pathlib import Path

import lkjip_xls

PACKAGE = Path(lkjip_xls.__file__).parent


def _imports(path: Path, source: str | None = None) -> set[str]:
    """Absolute names of the package modules a file imports (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_at_most_eight_modules_at_the_top():
    top = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(top) <= 8, sorted(top)


def test_outputs_never_compute_tables():
    offenders = []
    for folder in ("writer", "report", "rekap"):
        for path in (PACKAGE / folder).rglob("*.py"):
            if any(name == "lkjip_xls.kinerja.tabel" or name.startswith("lkjip_xls.kinerja.tabel.")
                   for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_import_check_sees_a_table_import():
    """The check above is not blind: a writer module importing the tables, in any spelling, is found."""
    for source in ("from ..kinerja.tabel import table_3_1\n", "from ..kinerja import tabel\n",
                   "import lkjip_xls.kinerja.tabel.capaian\n"):
        names = _imports(PACKAGE / "writer" / "ringkasan.py", source)
        assert any(n.startswith("lkjip_xls.kinerja.tabel") for n in names), source


def test_front_door(example_dir):
    from lkjip_xls import analyse, consolidate, report_bytes, siapkan, validate, write_results

    result = analyse(example_dir, 12)
    assert result.ok and set(result.monitoring) == {"Pemantauan Anggaran", "Pemantauan Kinerja"}
    assert result.ikpp is not None and result.scale is not None
    assert result.key_figures["pagu"] == 2876885603 and result.year_share == 100
    assert all(callable(f) for f in (consolidate, report_bytes, siapkan, validate, write_results))
