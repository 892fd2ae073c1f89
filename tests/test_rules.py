from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_xls.kinerja import rules
from lkjip_xls.kinerja.rules import capaian, r2

D = Decimal


@pytest.mark.parametrize("value, shown", [
    (D("100.205"), D("100.21")), (D("12.055"), D("12.06")), (D("-0.005"), D("-0.01")), (D("99.044"), D("99.04")),
    ((D("99.04") + D("101.37")) / 2, D("100.21")), (100.205, D("100.21")), (12.055, D("12.06")),
])
def test_r1_half_up(value, shown):
    assert r2(value) == shown


def test_r1_float_round_is_what_we_avoid():
    assert round(100.205, 2) == 100.2 and round(12.055, 2) == 12.05  # the spec's warning
    assert r2(D("101.37") - D("88.15")) == D("13.22")


@given(st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False, allow_infinity=False))
def test_r1_property(x):
    y = r2(x)
    assert y.as_tuple().exponent == -2
    assert abs(y - x) <= D("0.005")
    if abs(y - x) == D("0.005"):  # exactly half: away from zero
        assert abs(y) > abs(x)
    assert y == x.quantize(D("0.01"), ROUND_HALF_UP)


def test_r2_positive_and_negative():
    assert capaian(D("74.30"), D("73.59")) == D("99.04")
    # Negatif, (2T - R)/T: realisasi below target is good
    assert capaian(10, 8, "Negatif") == D("120.00")
    assert capaian(10, 25, "Negatif") == D("0.00")  # floored at 0
    # Negatif, T/R alternative
    assert capaian(10, 8, "Negatif", rules.NEG_T_OVER_R) == D("125.00")
    assert capaian(10, 0, "Negatif", rules.NEG_T_OVER_R) is None


@pytest.mark.parametrize("target, real", [(0, 5), (None, 5), (10, None), (D(0), D(0))])
def test_r2_zero_or_missing_gives_no_positif_capaian(target, real):
    assert capaian(target, real) is None


@pytest.mark.parametrize("target, real", [(None, 5), (10, None), (None, None)])
def test_r2_missing_gives_no_negatif_capaian(target, real):
    assert capaian(target, real, "Negatif") is None


@pytest.mark.parametrize("method", [rules.NEG_2T_MINUS_R, rules.NEG_T_OVER_R])
def test_r16_negatif_target_zero_is_met_only_by_zero(method):
    assert capaian(0, 0, "Negatif", method) == D("100.00")
    assert capaian(D("0.00"), D("0"), "Negatif", method) == D("100.00")
    assert capaian(0, 1, "Negatif", method) == D("0.00")
    assert capaian(0, D("0.5"), "Negatif", method) == D("0.00")


@pytest.mark.parametrize("value", ["BB", "n/a", "69,1 - 69,5", True])
def test_text_values_give_no_figure_never_a_crash(value):
    assert capaian(10, value) is None and capaian(value, 10, "Negatif") is None
    assert rules.percent(value, 10) is None and rules.difference(value, 1) is None
    assert rules.klasifikasi(value) is None and rules.menunjang(value) is None
    assert rules.mean_shown([value, D("50.00")]) == D("50.00")


nums = st.decimals(min_value=D("0.01"), max_value=D(10**7), places=3, allow_nan=False, allow_infinity=False)


@given(nums, nums)
def test_r2_properties(t, r):
    pos = capaian(t, r)
    assert pos == r2(r * 100 / t)
    assert (pos >= 100) == (r2(r * 100 / t) >= 100)
    neg = capaian(t, r, "Negatif")
    assert neg >= 0
    if r <= t:
        assert neg >= D("100.00") or r2((2 * t - r) * 100 / t) == neg
    assert capaian(t, t) == D("100.00") == capaian(t, t, "Negatif")


def test_r3_accumulation_at_month_3():
    months = {1: D(2), 2: None, 3: D(4), 4: D(100)}
    assert rules.accumulate(months, "Jumlah", 3) == D(6)
    assert rules.accumulate(months, "Rata-rata", 3) == D("3.00")  # mean of reported months 1 and 3
    assert rules.accumulate(months, "Terakhir", 3) == D(4)
    assert rules.accumulate(months, "Terakhir", 2) == D(2)
    assert rules.accumulate({5: D(1)}, "Jumlah", 3) is None
    assert rules.accumulate({1: D(16), 2: D(15), 3: D(15)}, "Rata-rata", 3) == D("15.33")


@given(st.dictionaries(st.integers(1, 12), st.one_of(st.none(), nums), max_size=12), st.integers(1, 12))
def test_r3_properties(months, m):
    reported = [v for k, v in sorted(months.items()) if k <= m and v is not None]
    total = rules.accumulate(months, "Jumlah", m)
    if not reported:
        assert total is None
        return
    assert total == sum(reported)
    assert min(reported) - D("0.005") <= rules.accumulate(months, "Rata-rata", m) <= max(reported) + D("0.005")
    assert rules.accumulate(months, "Terakhir", m) == reported[-1]


def test_r3_budget():
    assert rules.budget_to_month({1: 10, 2: None, 3: 5, 7: 99}, 6) == 15


def test_r4_pagu():
    assert rules.pagu(100, None) == 100 and rules.pagu(100, 120) == 120


def test_r6_mean_of_shown():
    assert rules.mean_shown([D("99.04"), D("101.37")]) == D("100.21")
    assert rules.mean_shown([D(100)] * 6 + [D("92.49")]) == D("98.93")
    assert rules.mean_shown([None, D(5)]) == D("5.00")
    assert rules.mean_shown([]) is None


def test_r8_jabatan_counted_once():
    assert rules.staff_totals([("a", 7, 4), ("a", 7, 4), ("b", 4, 1)]) == (11, 5)


def test_r9_surplus_does_not_hide_shortage():
    assert rules.sarpras_counted(10, 4) == 4 and rules.sarpras_counted(3, 4) == 3


@pytest.mark.parametrize("value, label", [
    (D("110.01"), "Istimewa (Sangat Berhasil)"), (D("110.00"), "Baik (Berhasil)"), (D("90.01"), "Baik (Berhasil)"),
    (D("85.00"), "Butuh Perbaikan (Cukup)"), (D("70.00"), "Kurang"), (D("50.01"), "Kurang"), (D("50"), "Sangat Kurang"),
])
def test_r10_default_scale_has_no_gap(value, label):
    assert rules.predikat(value) == label


def test_r10_permendagri():
    s = rules.PERMENDAGRI_86
    assert [rules.predikat(D(v), s) for v in (91, 90, 76, 66, 51, 50)] == [
        "Sangat Tinggi", "Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def test_r11_r12():
    assert rules.menunjang(D(90)) == "Sangat Menunjang" and rules.menunjang(D(75)) == "Menunjang"
    assert rules.menunjang(D("74.99")) == "Kurang Menunjang"
    assert rules.klasifikasi(D("100.00")) == rules.SESUAI
    assert rules.klasifikasi(D("100.01")) == rules.MELAMPAUI
    assert rules.klasifikasi(D("99.99")) == rules.TIDAK_MENCAPAI


def test_yardstick_for_the_months_before_december():
    y = rules.yardstick
    assert y(D(120), "Jumlah", 12) == (D(120), "target tahunan")
    assert y(D(100), "Terakhir", 3) == (D(100), "target tahunan")  # a percentage is judged as it stands
    assert y(D(16), "Rata-rata", 3) == (D(16), "target tahunan")
    assert y(D(120), "Jumlah", 3) == (D("30.00"), "3/12 target tahunan")
    plan = (D(30), D(60), D(90), D(120))
    assert y(D(120), "Jumlah", 6, plan) == (D("60.00"), "Rencana Aksi TW II")
    assert y(D(120), "Jumlah", 4, plan, ("Jan", "Feb", "Mar", "April"))[0] == D("40.00")  # a third of TW II's 30
    assert y(D(6), "Jumlah", 2, (D(1), D(3), D(4), D(6)))[0] == D("0.67")
    assert y(D(6), "Jumlah", 5, (None, D(3), None, D(6)))[1] == "5/12 target tahunan"  # TW I missing
    assert y(None, "Jumlah", 5) == (None, "target tahunan")


@given(st.integers(1, 11), nums)
def test_yardstick_share_of_year_grows_to_the_target(month, target):
    value, _ = rules.yardstick(target, "Jumlah", month)
    later, _ = rules.yardstick(target, "Jumlah", month + 1)
    assert value <= later <= r2(target) + D("0.01")
