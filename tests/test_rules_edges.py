"""The small rules the report's words and Form E.81 rest on, and the seal, each pinned by values worked
out from the spec (found by the mutation run, scripts/mutation.py: these had no test of their own)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from lkjip_xls.kinerja import rules
from lkjip_xls.writer import fingerprint as F


@pytest.mark.parametrize("now, before, word", [(D("74.24"), D("72.12"), "naik"), (D("8.02"), D("8.16"), "turun"),
                                               (D("5"), D("5.00"), "tetap"), (None, D(1), None), (D(1), None, None)])
def test_direction(now, before, word):
    assert rules.direction(now, before) == word


@pytest.mark.parametrize("a, b, word", [(D("73.59"), D("72.33"), "lebih_tinggi"), (D("73.59"), D("84.19"), "lebih_rendah"),
                                        (D("8.45"), D("8.450"), "sama"), (None, D(1), None), (D(1), None, None)])
def test_compared(a, b, word):
    assert rules.compared(a, b) == word


@pytest.mark.parametrize("value, key", [(D("100.01"), "melampaui"), (D("100.00"), "sesuai"), (D("99.99"), "tidak_mencapai"),
                                        (D("0"), "tidak_mencapai"), (None, None)])
def test_klasifikasi_key(value, key):
    assert rules.klasifikasi_key(value) == key


@pytest.mark.parametrize("a, b, expected, places", [
    (D("73.59"), D("72.33"), D("1.26"), 2),  # golden 3.8
    (D("73.59"), D("84.19"), D("-10.60"), 2),
    (D("88.4"), D("88.3862"), D("0.0138"), 4),  # an index 0,0138 apart is not 0,01
    (D("6.719"), D("8"), D("-1.281"), 3),
    (D("1.123456"), D("1"), D("0.1235"), 4),  # at most four decimals, half up
    (D("10"), D("9"), D("1.00"), 2),  # at least two
])
def test_typed_difference(a, b, expected, places):
    assert rules.typed_difference(a, b) == (expected, places)


def test_typed_difference_without_a_figure():
    assert rules.typed_difference(None, D("8.45")) == (None, 2)
    assert rules.typed_difference(D("8.456"), None) == (None, 3)


@pytest.mark.parametrize("q, month, months", [(1, 12, [1, 2, 3]), (2, 5, [4, 5]), (3, 5, []), (4, 12, [10, 11, 12]),
                                              (1, 1, [1]), (2, 3, [])])
def test_quarter_months(q, month, months):
    assert rules.quarter_months(q, month) == months


MONTHS = {1: D(2), 2: None, 3: D(5), 4: D(1), 5: D(4), 6: None, 7: None, 8: None, 9: None, 10: D(3), 11: None, 12: D(9)}


@pytest.mark.parametrize("sifat, q, month, expected", [
    ("Jumlah", 1, 12, D(7)), ("Rata-rata", 1, 12, D("3.50")), ("Terakhir", 1, 12, D(5)),
    ("Jumlah", 2, 4, D(1)),  # only the months up to the period
    ("Rata-rata", 2, 12, D("2.50")), ("Terakhir", 3, 12, None),  # nothing carried forward into a quarter
    ("Jumlah", 4, 12, D(12)), ("Terakhir", 4, 11, D(3)), ("Rata-rata", 4, 10, D("3.00")),
])
def test_quarter_realisasi(sifat, q, month, expected):
    assert rules.quarter_realisasi(MONTHS, sifat, q, month) == expected


@pytest.mark.parametrize("before, now, sifat, expected", [
    (D(240), D(120), "Jumlah", D(360)), (None, D(120), "Jumlah", None), (D(240), None, "Jumlah", None),
    (D(11), D(8), "Terakhir", D(8)), (D(11), D("39.33"), "Rata-rata", D("39.33")), (None, D(8), "Terakhir", D(8)),
    (D(5), None, "Terakhir", None),
])
def test_renstra_realisasi(before, now, sifat, expected):
    assert rules.renstra_realisasi(before, now, sifat) == expected


@pytest.mark.parametrize("value, indicator, places", [(D("15.00"), 0, 0), (D("39.33"), 0, 2), (D("8.16"), 3, 3),
                                                      (D("8.1655"), 3, 3), (D("7"), 1, 1), (None, 2, 2), (D("2.5"), 0, 2)])
def test_shown_places(value, indicator, places):
    assert rules.shown_places(value, indicator) == places


def test_a_scale_of_the_office_classifies_at_its_own_edges():
    scale = rules.Scale("Skala OPD", ((D(100), "A"), (D(80), "B"), (None, "C")))
    assert [scale.label(v) for v in (D("100.01"), D("100"), D("80.01"), D("80"), D(0), None)] == \
        ["A", "B", "B", "C", "C", None]


# the seal ------------------------------------------------------------------------------------------------

def book(sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                (ws.write_number if isinstance(v, (int, float)) else ws.write_string)(r, c, v)
        if name in hidden:
            ws.hide()
    wb.close()
    return buffer.getvalue()


def calamine(data: bytes):
    return CalamineWorkbook.from_filelike(io.BytesIO(data))


def test_visible_checksum_sees_six_decimals_and_only_visible_sheets():
    base = {"Tabel": [["x", 1.5, 2], [None, 89.82]], F.DATA_SHEET: [["a", 1]], "Catatan": [[7]]}
    a = F.visible_checksum(calamine(book(base, hidden=("Catatan",))))
    assert a == F.visible_checksum(calamine(book({**base, "Catatan": [[8]]}, hidden=("Catatan",))))  # hidden
    assert a == F.visible_checksum(calamine(book({**base, F.DATA_SHEET: [["a", 2]]}, hidden=("Catatan",))))
    assert a == F.visible_checksum(calamine(book({**base, "Tabel": [["y", 1.5, 2], [None, 89.82]]},
                                                 hidden=("Catatan",))))  # text is not a figure
    assert a == F.visible_checksum(calamine(book({**base, "Tabel": [["x", 1.5, 2], [None, 89.8200001]]},
                                                 hidden=("Catatan",))))  # a recalculation's last bits
    assert a != F.visible_checksum(calamine(book({**base, "Tabel": [["x", 1.5, 2], [None, 89.820001]]},
                                                 hidden=("Catatan",))))
    assert a != F.visible_checksum(calamine(book({**base, "Tabel": [["x", 2, 1.5], [None, 89.82]]},
                                                 hidden=("Catatan",))))  # a figure moved
    assert a.startswith("sha256:") and len(a) == 71


def test_data_rows_and_the_sealed_checksum_cover_the_hidden_sheet():
    rows = [["opd", "Kecamatan A"], ["pagu", 100, "'Tabel'!$B$1"], ["checksum", F.PLACEHOLDER], [5, "x"]]
    wb = calamine(book({"Tabel": [[None, 100]], F.DATA_SHEET: rows}, hidden=(F.DATA_SHEET,)))
    assert F.data_rows(wb) == [("opd", "Kecamatan A", ""), ("pagu", 100.0, "'Tabel'!$B$1"),
                               ("checksum", F.PLACEHOLDER, "")]
    assert F.read_data(wb) == {"opd": "Kecamatan A", "pagu": 100.0, "checksum": F.PLACEHOLDER}
    sealed = F.sealed_checksum(wb)
    for changed in ([["opd", "Kecamatan B"]] + rows[1:], [rows[0], ["pagu", 101, "'Tabel'!$B$1"]] + rows[2:],
                    [rows[0], ["pagu", 100, "'Tabel'!$C$1"]] + rows[2:]):
        other = calamine(book({"Tabel": [[None, 100]], F.DATA_SHEET: changed}, hidden=(F.DATA_SHEET,)))
        assert F.sealed_checksum(other) != sealed, changed
    resealed = calamine(book({"Tabel": [[None, 100]], F.DATA_SHEET: rows[:2] + [["checksum", "sha256:lain"]]},
                             hidden=(F.DATA_SHEET,)))
    assert F.sealed_checksum(resealed) == sealed  # the checksum row itself is not under the seal
    assert F.seal_of(F.visible_checksum(wb), F.data_rows(wb)) == sealed
    assert F.data_rows(calamine(book({"Tabel": [[1]]}))) == [] and F.read_data(calamine(book({"Tabel": [[1]]}))) is None


def test_seal_puts_the_checksum_in_place_of_the_placeholder_once():
    rows = [["opd", "Kecamatan A"], ["checksum", F.PLACEHOLDER]]
    data = book({"Tabel": [[None, 100]], F.DATA_SHEET: rows}, hidden=(F.DATA_SHEET,))
    sealed = calamine(F.seal(data))
    assert F.read_data(sealed)["checksum"] == F.sealed_checksum(calamine(data)) == F.sealed_checksum(sealed)
    with pytest.raises(ValueError):
        F.seal(book({"Tabel": [[1]], F.DATA_SHEET: [["opd", "x"]]}))  # no placeholder: never a silent unsealed file
    other = F.seal(data)
    assert other == F.seal(data)  # deterministic


@pytest.mark.parametrize("value, expected", [(89.82, D("89.82")), (80.0, D(80)), (2876885603.0, D(2876885603)),
                                             (-0.29, D("-0.29")), (True, None), ("", None), (None, None), ("12", None)])
def test_as_decimal(value, expected):
    got = F.as_decimal(value)
    assert got == expected and (expected is None or str(got) == str(expected))


def test_sheet_rows_are_parsed_once():
    wb = calamine(book({"Tabel": [[1, 2]]}))
    cache: dict = {}
    first = F.sheet_rows(wb, "Tabel", cache)
    assert first == [[1.0, 2.0]] and F.sheet_rows(wb, "Tabel", cache) is first and F.sheet_rows(wb, "Tidak", cache) == []
