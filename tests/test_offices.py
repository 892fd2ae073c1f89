"""A second office of our own (tests/offices.py: a dinas, codes 2.16.xx, 2025), every figure worked out
by hand from its inputs: two IKU under one sasaran (R6a), a Renja Perubahan target that differs from the
PK (R6b), negative polarity, Rata-rata / Jumlah / Terakhir, a jabatan under two sasaran, a sarpras surplus."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from conftest import find, total
from offices import HOAKS, IKU_ADUAN, IKU_KIP, IKU_SPBE, KEPUASAN, kominfo, write_office

from lkjip_xls.api import analyse


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    return write_office(tmp_path_factory.mktemp("kominfo") / "data", kominfo())


@pytest.fixture(scope="module")
def r12(office):
    r = analyse(office, 12)
    assert r.ok
    return r


def test_only_the_planted_difference_is_reported(r12):
    assert [(i.workbook, i.sheet, i.cell, i.code) for i in r12.issues] == [
        ("PK.xlsx", "Sasaran Program", "E5", "target-pk-beda")]
    # R6b: the warning names both cells
    assert "Renja.xlsx / Renja / H7" in r12.issues[0].message and "(80)" in r12.issues[0].message


def test_3_1_iku_and_their_average(r12):
    t = r12.tables["3.1"]
    assert find(t, indikator=IKU_KIP)["capaian"] == D("104.00")  # 88,4 / 85
    assert find(t, indikator=IKU_ADUAN)["capaian"] == D("120.00")  # Negatif: (2 x 5 - 4) / 5
    assert find(t, indikator=IKU_SPBE)["capaian"] == D("95.00")  # 2,85 / 3,0
    assert total(t)["capaian"] == D("106.33")  # over the three IKU, not the two sasaran
    assert [s for s in t.frame["sasaran"]] == [
        "Meningkatnya kualitas keterbukaan informasi publik", None, "Meningkatnya penerapan SPBE",
        "Rata-rata Capaian IKU"]


def test_r6b_renja_target_after_perubahan_everywhere(r12):
    for key in ("3.3", "3.10", "3.13", "3.16"):
        row = find(r12.tables[key], indikator=KEPUASAN)
        assert (row["target"], row["capaian"]) == (82, D("105.00")), key  # 86,1 / 82; the PK's 80 gives 107,63
    assert total(r12.tables["3.13"])["capaian"] == D("98.75")  # (95 + 105 + 120 + 75) / 4
    assert find(r12.tables["2.2"], indikator=KEPUASAN)["target"] == 80  # 2.2 is the PK itself


def test_r3_rata_rata_and_negative_program_indicator(r12):
    t = r12.tables["3.3"]
    gaji = find(t, indikator="Jumlah pegawai yang menerima gaji")
    assert (gaji["realisasi"], gaji["capaian"]) == (D("39.33"), D("98.33"))  # 472/12 shown 39,33; 39,33/40
    assert find(t, indikator=HOAKS)["capaian"] == D("120.00")
    assert find(t, indikator="Jumlah aplikasi yang dikembangkan", uraian="Kegiatan")["capaian"] == D("83.33")


def test_r6a_sasaran_with_two_iku(r12):
    t312 = r12.tables["3.12"]
    mean = find(t312, indikator="Capaian sasaran (rata-rata 2 IKU)")
    assert (mean["capaian"], mean["alokasi"], mean["realisasi_anggaran"], mean["capaian_anggaran"]) == (
        D("112.00"), 1_450_000_000, 1_320_000_000, D("91.03"))
    assert find(t312, indikator=IKU_KIP)["alokasi"] is None  # the sasaran's budget once, on its mean row
    tot = total(t312)
    assert (tot["capaian"], tot["alokasi"], tot["realisasi_anggaran"], tot["capaian_anggaran"], tot["silpa"]) == (
        D("106.33"), 1_950_000_000, 1_680_000_000, D("86.15"), 270_000_000)
    t314 = r12.tables["3.14"]
    assert find(t314, indikator="Capaian sasaran")["efisiensi"] == D("20.97")  # 112,00 - 91,03
    assert find(t314, indikator=IKU_SPBE)["efisiensi"] == D("23.00")  # 95,00 - 72,00
    assert [e for e in t314.frame["efisiensi"] if e is not None] == [D("20.97"), D("23.00"), D("20.18")]
    t315 = r12.tables["3.15"]
    s1 = find(t315, indikator="Capaian sasaran")
    assert [s1[c] for c in ("kebutuhan", "tersedia", "persen_sdm", "efisiensi")] == [20, 12, D("60.00"), D("52.00")]
    s2 = find(t315, indikator=IKU_SPBE)  # Pranata Komputer counted in both sasaran, once in the total
    assert [s2[c] for c in ("kebutuhan", "tersedia", "persen_sdm", "efisiensi")] == [9, 4, D("44.44"), D("50.56")]
    assert [total(t315)[c] for c in ("kebutuhan", "tersedia", "persen_sdm", "efisiensi")] == [
        21, 12, D("57.14"), D("49.19")]
    t318 = r12.tables["3.18"]
    assert [e for e in t318.frame["efisiensi"] if e is not None] == [D("22.81"), D("5.81"), D("17.14")]
    t311 = r12.tables["3.11"]
    assert find(t311, sasaran="Meningkatnya kualitas")["indikator"] == f"{IKU_KIP}\n{IKU_ADUAN}"


def test_3_16_program_with_two_indicators(r12):
    t = r12.tables["3.16"]
    row = find(t, indikator=KEPUASAN)
    assert [row[c] for c in ("kebutuhan", "tersedia", "persen_sdm", "efisiensi")] == [15, 8, D("53.33"), D("59.17")]
    assert [total(t)[c] for c in ("kebutuhan", "tersedia", "persen_sdm", "efisiensi")] == [
        21, 12, D("57.14"), D("41.61")]  # 98,75 - 57,14


def test_3_17_surplus_and_zero_standard(r12):
    t = r12.tables["3.17"]
    assert (total(t)["dihitung"], total(t)["standar"], total(t)["persen"]) == (33, 37, D("89.19"))
    assert find(t, uraian="Meja Tambahan")["persen"] == "-"


def test_3_8_and_3_9_differences_and_sources(r12):
    t38 = r12.tables["3.8"]
    kip = find(t38, indikator=IKU_KIP)
    assert (kip["d_kabupaten"], kip["d_provinsi"], kip["d_nasional"]) == (D("0.0138"), D("-1.60"), "-")
    assert t38.formulas[(0, "d_kabupaten")] == "ROUND({realisasi}-{kabupaten},4)"
    assert t38.source == "Sumber: Monev KIP Provinsi 2025; Evaluasi SPBE 2025"  # its own sources, once each
    t39 = r12.tables["3.9"]
    assert find(t39, indikator=KEPUASAN)["d_kabupaten"] == D("1.60")
    assert t39.source == "Sumber: Survei kepuasan kabupaten 2025"


def test_mid_year_iku_not_yet_published(office):
    r = analyse(office, 10)  # SPBE published in October, the others not yet
    t = r.tables["3.12"]
    assert find(t, indikator="Capaian sasaran")["capaian"] == "-"  # neither IKU of S1 has data
    assert find(t, indikator=IKU_SPBE)["capaian"] == D("95.00")
    assert total(t)["capaian"] == D("95.00")
