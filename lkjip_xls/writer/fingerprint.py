"""The hidden ``_data`` sheet of a results workbook, and its seal, for ``lkjip rekap``.

The sheet holds the office's identity, its key figures, for each figure the visible cell that shows
it (column C, e.g. ``'Tabel 3.12'!$H$14``), and the sha256 of the five input workbooks processed.

``proses`` computes the checksum from the cells it has written, just before the workbook is closed
(``written_checksum``: the tests prove it equals what calamine, the reader ``rekap`` uses, computes from
the finished file); where a cell's read-back value cannot be told from what was written, it writes a
placeholder, reads the finished workbook back and puts the real checksum in its place (``seal``). The checksum (format 2, ``sealed_checksum``) covers every number on the visible sheets
and every row of ``_data`` except the checksum itself, so a figure changed after the run on either
side breaks it. ``rekap`` recomputes it, and also reads each key figure from the visible cell named
for it and compares it with ``_data``.

What the seal proves, and what it does not: a checksum stored in the file it covers shows that the
file was not edited by hand (Excel, LibreOffice, a zip tool) after the run; it cannot stop someone
who recomputes it with this code. Only recomputing the results from the input workbooks (sealed
here by their sha256, and attached to the draft email) proves the figures follow from the inputs;
``rekap`` does that wherever the inputs are in its folder.

What is hashed: the sheet name and, for every cell holding a number (a typed value or a formula's
saved result), its position and its value to six decimals. Six decimals absorb the last-bit
differences of Excel or LibreOffice recalculating a formula when the file is opened and saved
unchanged; every figure the program shows has at most four. Text of the visible sheets is not hashed
(a retyped heading changes no figure); the text of ``_data`` is.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from decimal import Decimal

from ..inputs.schema import RESULTS_SHEET

DATA_SHEET = RESULTS_SHEET
FORMAT = "lkjip-xls/_data"
FORMAT_VERSION = 2  # 1: the checksum covered the visible sheets only, no figure cells, no input hashes
INPUT_PREFIX = "isian_"  # _data rows isian_<kind>: sha256 of the input workbook of that kind
PLACEHOLDER = "sha256:" + "0" * 64
SHARED_STRINGS = "xl/sharedStrings.xml"


def sheet_rows(book, name: str, cache: dict | None = None) -> list[list]:
    """A sheet's cells (calamine), parsed once per workbook when ``cache`` is given."""
    if cache is not None and name in cache:
        return cache[name]
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False) if name in book.sheet_names else []
    if cache is not None:
        cache[name] = rows
    return rows


def visible_checksum(book, cache: dict | None = None) -> str:
    """sha256 over the numbers of the visible sheets of a python-calamine workbook."""
    from python_calamine import SheetVisibleEnum

    digest = hashlib.sha256()
    for meta in book.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible or meta.name == DATA_SHEET:
            continue
        digest.update(f"\x00{meta.name}\x00".encode())
        rows = sheet_rows(book, meta.name, cache)
        parts = []
        add = parts.append
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                kind = type(value)  # calamine gives float or int for numbers (never a bool subclass here)
                if kind is float or kind is int:
                    add("%d,%d,%.6f;" % (r, c, value))  # the same text as f"{r},{c},{value:.6f};", faster
        digest.update("".join(parts).encode())
    return "sha256:" + digest.hexdigest()


def data_rows(book, cache: dict | None = None) -> list[tuple[str, object, str]]:
    """The rows of the ``_data`` sheet as (key, value, visible cell or '')."""
    if DATA_SHEET not in book.sheet_names:
        return []
    out = []
    for row in sheet_rows(book, DATA_SHEET, cache):
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            out.append((row[0], row[1], row[2] if len(row) > 2 and isinstance(row[2], str) else ""))
    return out


def sealed_checksum(book, cache: dict | None = None) -> str:
    """Format 2: sha256 over the numbers of the visible sheets and every ``_data`` row but the checksum."""
    return seal_of(visible_checksum(book, cache), data_rows(book, cache))


def seal_of(visible: str, rows: list[tuple[str, object, str]]) -> str:
    """The format 2 checksum from the visible sheets' checksum and the ``_data`` rows."""
    digest = hashlib.sha256(visible.encode())
    for key, value, ref in rows:
        if key == "checksum":
            continue
        shown = f"{value:.6f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        digest.update(f"\x00{key}\x01{shown}\x01{ref}".encode())
    return "sha256:" + digest.hexdigest()


def written_checksum(worksheets) -> str | None:
    """The format 2 checksum of a workbook still open in XlsxWriter, from the cells written to it: what
    ``sealed_checksum`` computes when the finished file is read back with calamine (proved by the tests on
    every office they build), without writing the file twice. None when a sheet holds a cell whose read-back
    value cannot be told from what was written (a date, an array formula); ``seal`` then does it the long way.

    A number is read back as the text XlsxWriter writes for it (``%.16G``); a formula's saved result as its
    ``str``; text, booleans, blanks and errors are not numbers to calamine."""
    digest = hashlib.sha256()
    data: list[tuple[str, object, str]] | None = None
    number, formula, not_numbers = _cell_types()
    for ws in worksheets:
        if ws.name == DATA_SHEET:
            data = _written_data_rows(ws)
            if data is None:
                return None
            continue
        if ws.hidden:
            continue
        digest.update(f"\x00{ws.name}\x00".encode())
        parts = []
        add = parts.append
        table = ws.table
        for r in sorted(table):
            row = table[r]
            for c in sorted(row):
                cell = row[c]
                kind = type(cell)
                if kind is number:
                    value = cell.number
                    if type(value) is int and -_EXACT < value < _EXACT:  # the same text, without two conversions
                        add("%d,%d,%d.000000;" % (r, c, value))
                    else:
                        add("%d,%d,%.6f;" % (r, c, float("%.16G" % value)))
                elif kind is formula:
                    value = cell.value
                    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                        add("%d,%d,%.6f;" % (r, c, float(str(value))))
                elif kind not in not_numbers:
                    return None
        digest.update("".join(parts).encode())
    return seal_of("sha256:" + digest.hexdigest(), data or [])


@functools.cache
def _cell_types():
    """XlsxWriter's cell classes (imported on first use: the rekap's readers never load XlsxWriter)."""
    from xlsxwriter import worksheet as W

    return (W.CellNumberTuple, W.CellFormulaTuple,
            frozenset({W.CellStringTuple, W.CellRichStringTuple, W.CellBlankTuple, W.CellBooleanTuple,
                       W.CellErrorTuple}))


_EXACT = 10 ** 15  # a whole number below this is written, read back and printed with %.6f exactly


def _written_data_rows(ws) -> list[tuple[str, object, str]] | None:
    """``data_rows`` of the ``_data`` sheet as written (strings and numbers only)."""
    out = []
    table = ws.table
    strings = {index: text for text, index in ws.str_table.string_table.items()}  # a String cell holds its index
    for r in sorted(table):
        row = table[r]
        cells = []
        for c in (0, 1, 2):
            cell = row.get(c)
            kind = type(cell).__name__ if cell is not None else "Blank"
            if kind == "String":
                cells.append(strings[cell.string])
            elif kind == "Number":
                cells.append(float("%.16G" % cell.number))
            elif kind == "Blank":
                cells.append("")
            else:
                return None
        if isinstance(cells[0], str) and cells[0]:
            out.append((cells[0], cells[1], cells[2] if isinstance(cells[2], str) else ""))
    return out


def input_hashes(files: dict) -> dict[str, str]:
    """{kind: sha256 hex} of the input workbooks (``Data.files``: kind -> path)."""
    out = {}
    for kind in sorted(files):
        with open(files[kind], "rb") as fh:
            out[kind] = hashlib.sha256(fh.read()).hexdigest()
    return out


def seal(xlsx: bytes) -> bytes:
    """The workbook with the placeholder checksum of its ``_data`` sheet replaced by the real one."""
    from python_calamine import CalamineWorkbook

    checksum = sealed_checksum(CalamineWorkbook.from_filelike(io.BytesIO(xlsx)))
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


def read_data(book, cache: dict | None = None) -> dict | None:
    """The key/value pairs of the ``_data`` sheet (None when the workbook has none)."""
    if DATA_SHEET not in book.sheet_names:
        return None
    return {key: value for key, value, _ in data_rows(book, cache)}


def as_decimal(value) -> Decimal | None:
    """A number of the ``_data`` sheet as written (shown figures: the float's shortest repr)."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        d = Decimal(repr(float(value)))
        return d.to_integral_value() if d == d.to_integral_value() else d
    return None
