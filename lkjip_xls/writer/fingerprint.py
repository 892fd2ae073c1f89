"""The hidden ``_data`` sheet of a results workbook: its key figures for ``lkjip rekap``, and a checksum
over every number the visible sheets show, so a figure changed by hand after the run is noticed.

``proses`` writes the sheet with a placeholder checksum, then reads the finished workbook back with
calamine (the reader ``rekap`` uses) and puts the real checksum in place of the placeholder
(``seal``). ``rekap`` reads the same way and compares (``visible_checksum``): one function on both
sides, so an untouched workbook always matches.

What is hashed: the sheet name and, for every cell holding a number (a typed value or a formula's
saved result), its position and its value to six decimals. Six decimals absorb the last-bit
differences of Excel or LibreOffice recalculating a formula when the file is opened and saved
unchanged; every figure the program shows has at most four. Text is not hashed (a retyped heading
changes no figure).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from decimal import Decimal

from ..inputs.schema import RESULTS_SHEET

DATA_SHEET = RESULTS_SHEET
FORMAT = "lkjip-xls/_data"
FORMAT_VERSION = 1
PLACEHOLDER = "sha256:" + "0" * 64
SHARED_STRINGS = "xl/sharedStrings.xml"


def visible_checksum(book) -> str:
    """sha256 over the numbers of the visible sheets of a python-calamine workbook."""
    from python_calamine import SheetVisibleEnum

    digest = hashlib.sha256()
    for meta in book.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible or meta.name == DATA_SHEET:
            continue
        digest.update(f"\x00{meta.name}\x00".encode())
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        parts = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    parts.append(f"{r},{c},{value:.6f};")
        digest.update("".join(parts).encode())
    return "sha256:" + digest.hexdigest()


def seal(xlsx: bytes) -> bytes:
    """The workbook with the placeholder checksum of its ``_data`` sheet replaced by the real one."""
    from python_calamine import CalamineWorkbook

    checksum = visible_checksum(CalamineWorkbook.from_filelike(io.BytesIO(xlsx)))
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == SHARED_STRINGS:
                text = data.decode("utf-8")
                if text.count(PLACEHOLDER) != 1:
                    raise ValueError("the _data placeholder must appear once in the shared strings")
                data = text.replace(PLACEHOLDER, checksum).encode("utf-8")
            dest.writestr(item, data)
    return out.getvalue()


def read_data(book) -> dict | None:
    """The key/value pairs of the ``_data`` sheet (None when the workbook has none)."""
    if DATA_SHEET not in book.sheet_names:
        return None
    out = {}
    for row in book.get_sheet_by_name(DATA_SHEET).to_python():
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            out[row[0]] = row[1]
    return out


def as_decimal(value) -> Decimal | None:
    """A number of the ``_data`` sheet as written (shown figures: the float's shortest repr)."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        d = Decimal(repr(float(value)))
        return d.to_integral_value() if d == d.to_integral_value() else d
    return None
