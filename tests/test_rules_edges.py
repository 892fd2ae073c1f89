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


# more found by the mutation run -------------------------------------------------------------------------

def test_defaults_are_positive_polarity_and_the_spec_method():
    assert rules.capaian(D(80), D(84)) == D("105.00")  # Positif unless said
    assert rules.capaian(D(10), D(8), "Negatif") == D("120.00")  # (2T - R) / T unless Pengaturan says T/R
    assert rules.capaian_formula("Positif") == "ROUND({realisasi}/{target}*100,2)"
    assert rules.capaian_formula("Negatif") == ("IF({target}=0,IF({realisasi}<=0,100,0),"
                                                "MAX(ROUND((2*{target}-{realisasi})/{target}*100,2),0))")
    assert rules.quarter_months(4) == [10, 11, 12]


@pytest.mark.parametrize("values, places", [([D(80), D("74.30")], 2), ([True, D("1.5")], 1), ([], 0), (["x", None], 0),
                                            ([D(3), 7], 0), ([D("0.12345")], 4)])
def test_indicator_places(values, places):
    assert rules.indicator_places(values) == places
    assert rules.places(D(80)) == 0 and rules.places(None) == 0 and rules.places(D("6.719")) == 3


def test_typed_difference_rounds_half_up():
    assert rules.typed_difference(D("0.12345"), D(0)) == (D("0.1235"), 4)  # half even would give 0,1234


def test_a_scale_without_an_open_last_band_gives_its_last_label():
    scale = rules.Scale("Tanpa sisa", ((D(50), "A"), (D(10), "B")))
    assert (scale.label(D(5)), scale.label(D(60)), scale.label(D(10))) == ("B", "A", "B")


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
PLAN = (D(30), D(60), D(90), D(120))


@pytest.mark.parametrize("target, sifat, month, plan, expected", [
    (D(120), "Jumlah", 3, PLAN, (D("30.00"), "Rencana Aksi TW I")),
    (D(120), "Jumlah", 6, PLAN, (D("60.00"), "Rencana Aksi TW II")),
    (D(120), "Jumlah", 5, PLAN, (D("50.00"), "Rencana Aksi s.d. Mei (antara TW I dan TW II)")),  # 30 + 30 x 2/3
    (D(120), "Jumlah", 1, PLAN, (D("10.00"), "Rencana Aksi s.d. Januari (antara TW 0 dan TW I)")),
    (D(120), "Jumlah", 8, PLAN, (D("80.00"), "Rencana Aksi s.d. Agustus (antara TW II dan TW III)")),
    (D(120), "Jumlah", 11, PLAN, (D("110.00"), "Rencana Aksi s.d. November (antara TW III dan TW IV)")),
    (D(40), "Jumlah", 3, None, (D("10.00"), "3/12 target tahunan")),
    (D(40), "Jumlah", 5, (D(10), None, D(30), D(40)), (D("16.67"), "5/12 target tahunan")),  # a gap in the plan
    (D(40), "Jumlah", 4, (None, D(20), D(30), D(40)), (D("13.33"), "4/12 target tahunan")),
    (D(95), "Terakhir", 3, PLAN, (D(95), "target tahunan")),
    (D(16), "Rata-rata", 6, None, (D(16), "target tahunan")),
    (D(120), "Jumlah", 12, PLAN, (D(120), "target tahunan")),
    (None, "Jumlah", 3, PLAN, (None, "target tahunan")),
])
def test_yardstick(target, sifat, month, plan, expected):
    assert rules.yardstick(target, sifat, month, plan, BULAN) == expected


def test_yardstick_names_the_month_by_number_without_month_names():
    assert rules.yardstick(D(120), "Jumlah", 5, PLAN)[1] == "Rencana Aksi s.d. 5 (antara TW I dan TW II)"


def _documented_visible(sheets: list[tuple[str, list[list]]]) -> str:
    """The checksum as fingerprint.py documents it: per visible sheet but _data, its name between NUL
    characters, then "row,column,value to six decimals;" for every number."""
    import hashlib

    digest = hashlib.sha256()
    for name, rows in sheets:
        digest.update(f"\x00{name}\x00".encode())
        digest.update("".join(f"{r},{c},{v:.6f};" for r, row in enumerate(rows) for c, v in enumerate(row)
                              if isinstance(v, (int, float))).encode())
    return "sha256:" + digest.hexdigest()


def test_the_checksum_is_the_documented_one():
    import hashlib

    sheets = {"Awal": [[9]], "Catatan": [[1]], "Tabel": [[None, 2.5], [3, "x"]], "Lain": [[4]]}
    wb = calamine(book({**sheets, F.DATA_SHEET: [["opd", "A"], ["checksum", F.PLACEHOLDER], ["pagu", 7, "'Tabel'!$B$1"]]},
                       hidden=("Catatan", F.DATA_SHEET)))  # after a hidden sheet the visible ones still count
    visible = F.visible_checksum(wb)
    assert visible == _documented_visible([("Awal", [[9]]), ("Tabel", [[None, 2.5], [3, "x"]]), ("Lain", [[4]])])
    digest = hashlib.sha256(visible.encode())
    for key, value, ref in (("opd", "A", ""), ("pagu", 7.0, "'Tabel'!$B$1")):  # the checksum row is skipped, not
        shown = f"{value:.6f}" if isinstance(value, float) else str(value)       # the rows after it
        digest.update(f"\x00{key}\x01{shown}\x01{ref}".encode())
    assert F.sealed_checksum(wb) == "sha256:" + digest.hexdigest()


def test_sheet_rows_keep_the_position_of_every_cell():
    wb = calamine(book({"Tabel": [[], [None, None, 5]]}))
    assert F.sheet_rows(wb, "Tabel") == [["", "", ""], ["", "", 5.0]]  # leading empty rows and columns kept


def test_data_rows_of_a_two_column_sheet_have_no_visible_cell():
    """A _data sheet without column C (no figure shown anywhere): every row's visible cell is '' (none),
    never a text the rekap would try to read as a cell."""
    wb = calamine(book({"Tabel": [[1]], F.DATA_SHEET: [["opd", "Kecamatan A"], ["pagu", 100]]},
                       hidden=(F.DATA_SHEET,)))
    assert F.data_rows(wb) == [("opd", "Kecamatan A", ""), ("pagu", 100.0, "")]
    wb = calamine(book({"Tabel": [[1]], F.DATA_SHEET: [["pagu", 100, 7]]}, hidden=(F.DATA_SHEET,)))
    assert F.data_rows(wb) == [("pagu", 100.0, "")]  # a number in column C is not a cell name


def test_a_scale_whose_lowest_band_has_a_bound_gives_that_band_below_it():
    """An office's own Skala Predikat may give its lowest band a bound (e.g. above 0): a capaian at or
    under it (a negative-polarity capaian can be below zero) still gets the lowest band, not another."""
    scale = rules.Scale("Skala sendiri", ((D(90), "Tinggi"), (D(60), "Sedang"), (D(0), "Rendah")))
    assert scale.label(D("90.01")) == "Tinggi" and scale.label(D(90)) == "Sedang"
    assert scale.label(D("0.01")) == "Rendah"
    assert scale.label(D(0)) == "Rendah" and scale.label(D("-12.5")) == "Rendah"
    assert scale.label(None) is None
