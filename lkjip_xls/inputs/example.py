"""The bundled example (Kecamatan Bareng 2024), kept as reviewable CSV text.

One CSV per sheet, ``<kind>__<sheet name>.csv``, columns named by schema field
keys; form sheets are two columns (isian, nilai). ``write_example`` turns them
into the five filled workbooks with the same writer as the blank templates.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from importlib import resources
from pathlib import Path

from . import schema as S

EXAMPLE_NAME = "bareng-2024"


def _example_dir():
    return resources.files("lkjip_xls.inputs") / "contoh" / EXAMPLE_NAME


def _typed(field: S.Field, text: str):
    if text == "":
        return None
    if field.type in ("int", "money", "year"):
        return int(text)
    if field.type == "decimal":
        return Decimal(text)
    return text


def load_example() -> dict[str, dict]:
    """{kind: {sheet name: rows (list of dicts) or form values (dict)}}."""
    base = _example_dir()
    out: dict[str, dict] = {}
    for spec in S.WORKBOOKS:
        sheets: dict = {}
        for sheet in spec.sheets:
            entry = base / f"{spec.kind}__{sheet.name}.csv"
            if not entry.is_file():
                continue
            fields = {f.key: f for f in sheet.fields}
            with entry.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            if sheet.form:
                sheets[sheet.name] = {r["isian"]: _typed(fields[r["isian"]], r["nilai"]) for r in rows}
            else:
                sheets[sheet.name] = [{k: _typed(fields[k], v) for k, v in r.items()} for r in rows]
        out[spec.kind] = sheets
    return out


def packaged_workbooks() -> Path:
    """The five example workbooks as shipped (equal to what ``write_example`` writes; a test keeps them so)."""
    return Path(str(resources.files("lkjip_xls.inputs") / "contoh" / "workbooks"))


def write_example(folder: Path, replace: bool = False):
    """The five filled example workbooks into ``folder``; existing files are kept unless ``replace``
    (then backed up first). Returns the ``files.Placement``.

    The packaged workbooks are copied: they are what ``prepare.example_workbooks`` makes from the CSV
    source the way `lkjip siapkan` does (scripts/regenerate.py writes them; a test keeps them equal), and
    copying needs neither pandas nor the reader."""
    from ..files import place_files

    shipped = packaged_workbooks()
    names = [spec.filename for spec in S.WORKBOOKS] + [NASKAH_NAME]
    return place_files(Path(folder), {name: (lambda src=shipped / name: src.read_bytes()) for name in names}, replace)


NASKAH_NAME = "naskah_laporan.docx"  # = report.naskah.NASKAH_NAME (not imported: python-docx is not needed here)


def example_naskah() -> dict[str, list[str]]:
    """The example's naskah prose (``naskah.md``: written for this project from the facts of the source
    report's BAB I, not its sentences), heading key -> paragraphs."""
    from ..report.naskah import read_prose

    return read_prose((_example_dir() / "naskah.md").read_text(encoding="utf-8"))


def example_naskah_bytes() -> bytes:
    """``naskah_laporan.docx`` of the example: every heading of its draft, its prose under six of them
    (scripts/regenerate.py writes it beside the packaged workbooks)."""
    from ..api import analyse
    from ..report import naskah_bytes

    import datetime as dt

    import io
    import zipfile

    # fixed dates (its properties and the zip's entries): the shipped file changes only when its content does
    data = naskah_bytes(analyse(packaged_workbooks(), 12), None, example_naskah(), dt.datetime(2025, 1, 10, 8, 0))
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(2025, 1, 10, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dest.writestr(fixed, src.read(item.filename))
    return out.getvalue()
