"""Write N results workbooks as a Bappeda would receive them, for ``lkjip rekap`` (scripts/bench.py).

The example is run for each month 1-12 once (the real pipeline, ``_data`` sealed); office k's workbook
for a month is that month's workbook with the office name "Kecamatan Bareng" replaced by
"Kecamatan Contoh <k>" in its text (names are not part of the figures' checksum, so each copy is a
valid, untouched results workbook). Files go to <folder>/<office>/LKjIP_..._<MM>.xlsx, twelve months
per office, so N = 1.000 is 84 offices.

Usage: python scripts/rekap_data.py FOLDER N
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAME = "Kecamatan Bareng"
RUN_DATE = dt.date(2025, 1, 10)


def base_workbooks() -> dict[int, bytes]:
    """The example's results workbook for each month."""
    from lkjip_xls.api import analyse
    from lkjip_xls.inputs.example import packaged_workbooks
    from lkjip_xls.writer import workbook_bytes

    out = {}
    for month in range(1, 13):
        result = analyse(packaged_workbooks(), month)
        out[month] = workbook_bytes(result, RUN_DATE)
    return out


class Base:
    """One month's workbook and what its seal is made of (the visible figures do not change with the
    name; the name is in _data, so each copy gets its own seal: a valid, untouched workbook)."""

    def __init__(self, book: bytes):
        from python_calamine import CalamineWorkbook

        from lkjip_xls.writer import fingerprint as F

        wb = CalamineWorkbook.from_filelike(io.BytesIO(book))
        self.book = book
        self.visible = F.visible_checksum(wb)
        self.rows = F.data_rows(wb)
        self.checksum = dict((k, v) for k, v, _ in self.rows)["checksum"]


def renamed(base: Base, name: str) -> bytes:
    """``base`` with the office name replaced in its shared strings and the seal made anew."""
    from lkjip_xls.writer import fingerprint as F

    rows = [(k, name if k == "opd" else v, ref) for k, v, ref in base.rows]
    seal = F.seal_of(base.visible, rows)
    src = zipfile.ZipFile(io.BytesIO(base.book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(NAME.encode(), name.encode()).replace(base.checksum.encode(), seal.encode())
            dest.writestr(item, data)
    return out.getvalue()


def make(folder: Path, n: int, bases: dict[int, bytes] | None = None) -> list[Path]:
    bases = {m: Base(b) for m, b in (bases or base_workbooks()).items()}
    folder = Path(folder)
    written = []
    for i in range(n):
        office, month = divmod(i, 12)
        name = f"Kecamatan Contoh {office + 1:04d}"
        target = folder / name.replace(" ", "_") / f"LKjIP_{name.replace(' ', '_')}_2024_{month + 1:02d}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(renamed(bases[month + 1], name))
        written.append(target)
    return written


def _renamed_package(book: bytes, name: str) -> bytes:
    """An input workbook with the office name replaced where it stands alone in a cell (PK › Identitas)."""
    src = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(f">{NAME}<".encode(), f">{name}<".encode())  # the name alone, not IKU texts
            dest.writestr(item, data)
    return out.getvalue()


def _one_verified(args) -> str:
    folder, k = args
    import tempfile

    from lkjip_xls.api import analyse
    from lkjip_xls.inputs.example import packaged_workbooks
    from lkjip_xls.run import INPUTS_SUFFIX, inputs_zip
    from lkjip_xls.writer import output_name, workbook_bytes

    name = f"Kecamatan Contoh {k + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        for f in Path(packaged_workbooks()).glob("*.xlsx"):
            data = f.read_bytes()
            (Path(tmp) / f.name).write_bytes(_renamed_package(data, name) if f.name == "PK.xlsx" else data)
        result = analyse(Path(tmp), 12)
        target = Path(folder) / output_name(result)
        target.write_bytes(workbook_bytes(result, RUN_DATE))
        target.with_name(target.stem + INPUTS_SUFFIX).write_bytes(inputs_zip(result.data.files))
    return str(target)


def make_verified(folder: Path, n: int) -> list[str]:
    """N offices' December results workbooks, each with its own isian zip beside it (a real run on the
    example with the office renamed in PK), for the rekap's recomputation (every office verifiable)."""
    from concurrent.futures import ProcessPoolExecutor

    Path(folder).mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor() as pool:
        return list(pool.map(_one_verified, [(str(folder), k) for k in range(n)], chunksize=4))


if __name__ == "__main__":
    (make_verified if "--isian" in sys.argv else make)(Path(sys.argv[1]), int(sys.argv[2]))
