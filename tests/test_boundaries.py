"""Every rule at its edges, with values worked out here from the spec (issue 25): realisasi exactly at the
pagu and one rupiah over, capaian exactly 100 and 110 and the predikat edges, halves of the second
decimal, a Rata-rata month missing at table level, and properties that hold whatever the numbers."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from conftest import find, make_folder, row_of, total
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_xls.api import analyse
from lkjip_xls.kinerja import rules

AKIP = "Nilai Evaluasi AKIP"
IKPP = "Indeks Kualitas Pelayanan Publik"
SUB = "7.01.01.2.01.0001"  # Penyusunan Dokumen Perencanaan: pagu 3.006.500 in the example


# realisasi against pagu (spec section 6: above pagu is an error) ------------------------------------------

def _spend(total: int):
    def edit(data):
        row = row_of(data["realisasi"]["Anggaran"], kode=SUB)
        pagu = int(row.get("pagu_perubahan") or row["pagu_murni"])
        months = [total // 12] * 12
        months[-1] += total - sum(months)
        for m in range(1, 13):
            row[f"m{m}"] = months[m - 1]
        assert pagu == 3_006_500
    return edit


@pytest.mark.parametrize("spent, error", [(3_006_500, False), (3_006_501, True), (3_006_499, False)])
def test_realisasi_at_pagu_is_fine_one_rupiah_over_is_an_error(tmp_path, spent, error):
    r = analyse(make_folder(tmp_path, _spend(spent)), 12)
    over = [i for i in r.issues if i.code == "realisasi-melebihi-pagu"]
    assert bool(over) == error
    if error:
        assert over[0].is_error and "3.006.501" in over[0].message and "3.006.500" in over[0].message
        assert not r.tables  # it stops the results
    else:
        assert find(r.tables["3.10"], uraian="Sub Kegiatan: Penyusunan Dokumen")["capaian_anggaran"] == D("100.00")


# capaian exactly 100 and 110, and the predikat edges (R2, R10, R12) -----------------------------------------

def _iku(realisasi_akip: str, realisasi_ikpp: str):
    def edit(data):
        for row in data["realisasi"]["IKU"]:
            if row["indikator"].startswith(AKIP):
                row["realisasi"] = D(realisasi_akip)
            if row["indikator"].startswith(IKPP):
                row["realisasi"] = D(realisasi_ikpp)
    return edit


def test_capaian_exactly_100_and_110_and_their_words(tmp_path):
    # AKIP target 74,30: realisasi 74,30 -> 100,00 (sesuai). IKPP target 8,05: 8,855 -> 110,00 (not above 110)
    r = analyse(make_folder(tmp_path, _iku("74.30", "8.855")), 12)
    t31 = r.tables["3.1"]
    akip, ikpp = find(t31, indikator=AKIP), find(t31, indikator=IKPP)
    assert (akip["capaian"], akip["predikat"]) == (D("100.00"), "Baik (Berhasil)")
    assert (ikpp["capaian"], ikpp["predikat"]) == (D("110.00"), "Baik (Berhasil)")  # > 110 is Istimewa
    t32 = r.tables["3.2"]
    counts = {row["uraian"]: row["jumlah"] for _, row in t32.frame.iterrows() if row["kind"] == "group"}
    assert counts["Sesuai target"] == 1 and counts["Melampaui target"] == 1 and counts["Tidak mencapai target"] == 0


def test_just_above_110_is_istimewa(tmp_path):
    # 8,856 / 8,05 = 110,012... -> 110,01
    r = analyse(make_folder(tmp_path, _iku("74.30", "8.856")), 12)
    ikpp = find(r.tables["3.1"], indikator=IKPP)
    assert (ikpp["capaian"], ikpp["predikat"]) == (D("110.01"), "Istimewa (Sangat Berhasil)")


@pytest.mark.parametrize("value, band", [(D("90.00"), "Butuh Perbaikan (Cukup)"), (D("90.01"), "Baik (Berhasil)"),
                                         (D("70.00"), "Kurang"), (D("70.01"), "Butuh Perbaikan (Cukup)"),
                                         (D("50.00"), "Sangat Kurang"), (D("50.01"), "Kurang"),
                                         (D("110.00"), "Baik (Berhasil)"), (D("110.01"), "Istimewa (Sangat Berhasil)")])
def test_predikat_bands_are_closed_at_their_upper_edge(value, band):
    assert rules.predikat(value) == band


@pytest.mark.parametrize("value, band", [(D("90.00"), "Tinggi"), (D("90.01"), "Sangat Tinggi"), (D("75"), "Sedang"),
                                         (D("65.00"), "Rendah"), (D("50"), "Sangat Rendah"), (D("50.01"), "Rendah")])
def test_permendagri_scale_edges(value, band):
    assert rules.predikat(value, rules.PERMENDAGRI_86) == band


# halves of the second decimal (R1): 100,205 -> 100,21, 12,055 -> 12,06 ---------------------------------------

def test_average_of_a_half_rounds_up_at_table_level(tmp_path):
    # AKIP 73,59 / 74,30 = 99,04; IKPP 8,16 / 8,05 = 101,37; (99,04 + 101,37) / 2 = 100,205 -> 100,21
    r = analyse(make_folder(tmp_path), 12)
    assert total(r.tables["3.1"])["capaian"] == D("100.21")
    assert total(r.tables["3.18"])["efisiensi"] == D("12.06")  # (10,89 + 13,22) / 2 = 12,055 -> 12,06


@given(st.integers(min_value=-10**7, max_value=10**7))
def test_half_up_on_generated_halves(n):
    """x.xx5 is rounded away from zero: worked out with integers, not with Decimal's own rounding."""
    value = D(n) / 1000 + D("0.0005") * (1 if n >= 0 else -1)  # three decimals, a five in the fourth place
    thousandths = int(value * 10000)  # exact: value has four decimals
    hundredths = (abs(thousandths) + 50) // 100 * (1 if thousandths >= 0 else -1)
    assert rules.r2(value) == D(hundredths) / 100


# Rata-rata with a month missing, at table level (R3) ----------------------------------------------------------

def test_rata_rata_with_a_missing_month_is_the_mean_of_the_months_reported(tmp_path):
    def edit(data):
        row = row_of(data["realisasi"]["Kinerja"], kode="7.01.01.2.02.0001")  # 16 orang/bulan, Rata-rata
        values = [16, 16, 15, None, 15, 15, 15, 15, 15, 15, 15, 15]  # April not reported
        for m in range(1, 13):
            row[f"m{m}"] = None if values[m - 1] is None else D(values[m - 1])
    r = analyse(make_folder(tmp_path, edit), 12)
    row = find(r.tables["3.3"], indikator="Jumlah Orang yang Menerima Gaji")
    # (16 + 16 + 15 + 15 x 8) / 11 = 167 / 11 = 15,1818... -> 15,18; capaian 15,18 / 16 = 94,875 -> 94,88
    assert (row["realisasi"], row["capaian"]) == (D("15.18"), D("94.88"))
    assert any(i.code == "bulan-kosong" for i in r.issues)  # and the gap is said


# properties: what must hold whatever the numbers ------------------------------------------------------------

decimals = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200)
@given(decimals, decimals, decimals)
def test_capaian_grows_with_realisasi_for_positive_and_falls_for_negative(target, a, b):
    low, high = sorted((a, b))
    assert rules.capaian(target, low, "Positif") <= rules.capaian(target, high, "Positif")
    assert rules.capaian(target, low, "Negatif") >= rules.capaian(target, high, "Negatif")


@settings(max_examples=200)
@given(decimals, st.decimals(min_value=D("0"), max_value=D("2"), places=4))
def test_the_polarities_mirror_each_other_around_the_target(target, share):
    """(2T - R)/T and R/T add up to 200 % (before rounding), so a realisasi as far below the target as
    another is above scores as much above 100 for a negative indicator (while neither is floored)."""
    realisasi = (target * share).quantize(D("0.01"))
    pos = Fraction(realisasi) / Fraction(target) * 100
    neg = rules.capaian(target, realisasi, "Negatif")
    expected = max(Fraction(200) - pos, Fraction(0))
    assert abs(Fraction(neg) - expected) <= Fraction(1, 200)  # within half a hundredth


@settings(max_examples=100)
@given(st.lists(st.decimals(min_value=D("0"), max_value=D("200"), places=2), min_size=1, max_size=12),
       st.randoms())
def test_a_mean_does_not_depend_on_the_order_of_its_rows(values, rnd):
    shuffled = list(values)
    rnd.shuffle(shuffled)
    assert rules.mean_shown(values) == rules.mean_shown(shuffled)
    exact = Fraction(sum(values)) / len(values)
    assert abs(Fraction(rules.mean_shown(values)) - exact) <= Fraction(1, 200)


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**12))
def test_percent_is_the_half_up_hundredth_of_the_exact_ratio(part, whole):
    exact = Fraction(part * 100, whole)
    hundredths = int(exact * 100 + Fraction(1, 2))  # half up, positive numbers
    assert rules.percent(part, whole) == D(hundredths) / 100
