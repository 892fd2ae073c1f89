from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import write_example


@pytest.fixture(scope="session")
def example_dir(tmp_path_factory) -> Path:
    """The bundled example written once as five workbooks (read-only for tests)."""
    folder = tmp_path_factory.mktemp("contoh")
    write_example(folder)
    return folder


@pytest.fixture
def example_copy(example_dir, tmp_path) -> Path:
    """A private copy of the example that a test may edit."""
    dest = tmp_path / "data"
    shutil.copytree(example_dir, dest)
    return dest


@pytest.fixture(scope="session")
def result12(example_dir):
    r = analyse(example_dir, 12)
    assert r.ok, [i.render() for i in r.issues]
    return r


def D(x) -> Decimal:
    return Decimal(str(x))


def find(table, **match):
    """The single frame row whose columns equal ``match`` (text compared case-insensitively, prefix)."""
    f = table.frame
    rows = []
    for i, row in f.iterrows():
        ok = True
        for k, v in match.items():
            cell = row[k]
            if isinstance(v, str):
                ok &= isinstance(cell, str) and cell.casefold().startswith(v.casefold())
            else:
                ok &= cell == v
        if ok:
            rows.append(row)
    assert len(rows) == 1, f"{len(rows)} rows match {match} in table {table.key}"
    return rows[0]


def total(table):
    rows = table.frame[table.frame["kind"] == "total"]
    assert len(rows) == 1
    return rows.iloc[0]


def make_folder(tmp_path: Path, edit=None, name: str = "data") -> Path:
    """The example's data, changed by ``edit(data)`` (a dict kind -> sheet -> rows/form), as workbooks."""
    import copy

    from lkjip_xls.inputs import schema as S
    from lkjip_xls.inputs.example import load_example
    from lkjip_xls.inputs.templates import write_workbook

    data = copy.deepcopy(load_example())
    if edit:
        edit(data)
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    for spec in S.WORKBOOKS:
        write_workbook(spec, folder / spec.filename, data[spec.kind])
    return folder


def row_of(rows: list[dict], **match) -> dict:
    found = [r for r in rows if all(str(r.get(k) or "").startswith(v) if isinstance(v, str) else r.get(k) == v
                                    for k, v in match.items())]
    assert len(found) == 1, (match, len(found))
    return found[0]
