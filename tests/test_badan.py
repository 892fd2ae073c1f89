"""A third office of our own (tests/offices.py ``badan``: codes 5.02.xx, 2026), every figure worked out by
hand: a program supporting two sasaran strategis (R5a: its budget and its staff in both sasaran rows,
once in the totals), two IKU in one sasaran, a negative IKU, an IKU note in Pemantauan Kinerja, whole
and one-decimal indicators (R1a)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from conftest import find, total
from fixtures import libreoffice_resave
from offices import ASET_NERACA, B1, B2, IKU_ASET, IKU_KEU, IKU_SENGKETA, LAPORAN, badan, write_office
from python_calamine import CalamineWorkbook

from lkjip_xls.api import analyse
from lkjip_xls.kinerja.shown import Shown
from lkjip_xls.writer import write_results

SHARED = "Program Pengelolaan Keuangan Daerah"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    return write_office(tmp_path_factory.mktemp("badan") / "data", badan())


@pytest.fixture(scope="module")
def r12(office):
    r = analyse(office, 12)
    assert r.ok, r.issues
    return r


def _sasaran_row(t, sasaran_no: int):
    """The row carrying a sasaran's own figures: its single IKU row, or its 'Capaian sasaran' row."""
    frame = t.frame
    starts = [i for i, n in enumerate(frame["no"]) if n == sasaran_no]
    i = starts[0]
    following = [k for k in range(i + 1, len(frame)) if frame.iloc[k]["kind"] == "group"
                 and all(frame.iloc[j]["no"] is None for j in range(i + 1, k + 1))]
    return frame.iloc[following[0]] if following else frame.iloc[i]


def test_no_problem_is_reported(r12):
    assert r12.issues == []


def test_iku_capaian_with_polarity(r12):
    t = r12.tables["3.1"]
    assert find(t, indikator=IKU_KEU)["capaian"] == D("105.00")  # 84 / 80
    assert find(t, indikator=IKU_ASET)["capaian"] == D("95.00")  # 57 / 60
    assert find(t, indikator=IKU_SENGKETA)["capaian"] == D("120.00")  # Negatif: (2 x 10 - 8) / 10
    assert total(t)["capaian"] == D("106.67")  # (105 + 95 + 120) / 3 = 106,666.. half-up


def test_r5a_budget_in_each_sasaran_once_in_total(r12):
    # Penunjang 2.000.000.000 / 1.800.000.000 -> B1; Keuangan 800.000.000 / 700.000.000 -> B1 and B2;
    # Barang Milik Daerah 400.000.000 / 380.000.000 -> B2
    t311 = r12.tables["3.11"]
    rows = t311.frame[t311.frame["kind"] == "iku"]
    assert list(rows["anggaran"]) == [2_800_000_000, 1_200_000_000]
    assert list(rows["realisasi"]) == [2_500_000_000, 1_080_000_000]
    assert list(rows["persen"]) == [D("89.29"), D("90.00")]  # 2,5 / 2,8 = 89,2857..; 1,08 / 1,2
    assert (total(t311)["anggaran"], total(t311)["realisasi"], total(t311)["persen"]) == (
        3_200_000_000, 2_880_000_000, D("90.00"))  # every program once: not 4.000.000.000
    t312 = r12.tables["3.12"]
    b2 = _sasaran_row(t312, 2)
    assert (b2["capaian"], b2["alokasi"], b2["capaian_anggaran"], b2["silpa"]) == (
        D("107.50"), 1_200_000_000, D("90.00"), 120_000_000)
    assert (total(t312)["alokasi"], total(t312)["silpa"]) == (3_200_000_000, 320_000_000)
    t314 = r12.tables["3.14"]
    assert _sasaran_row(t314, 1)["efisiensi"] == D("15.71")  # 105,00 - 89,29
    assert _sasaran_row(t314, 2)["efisiensi"] == D("17.50")  # 107,50 - 90,00
    assert (total(t314)["penyerapan"], total(t314)["efisiensi"]) == (D("90.00"), D("16.67"))  # 106,67 - 90,00


def test_r5a_staff_follow_the_same_link(r12):
    # B1 programs {01, 02}: Kepala 1/1, Sekretaris 1/1, Analis Keuangan 6/3, Analis Aset (02, 03) 3/1 = 11/6
    # B2 programs {02, 03}: Analis Keuangan 6/3, Pengurus Barang 4/2, Analis Aset 3/1 = 13/6
    t = r12.tables["3.15"]
    b1, b2 = _sasaran_row(t, 1), _sasaran_row(t, 2)
    assert (b1["kebutuhan"], b1["tersedia"], b1["persen_sdm"], b1["efisiensi"]) == (11, 6, D("54.55"), D("50.45"))
    assert (b2["kebutuhan"], b2["tersedia"], b2["persen_sdm"], b2["efisiensi"]) == (13, 6, D("46.15"), D("61.35"))
    tot = total(t)
    assert (tot["kebutuhan"], tot["tersedia"], tot["persen_sdm"], tot["efisiensi"]) == (15, 8, D("53.33"), D("53.34"))


def test_r5a_note_names_the_program_and_both_sasaran(r12):
    for key in ("3.11", "3.12", "3.14", "3.15"):
        notes = " ".join(r12.tables[key].notes)
        assert SHARED in notes and B1 in notes and B2 in notes, key
    assert not any(SHARED in n for n in r12.tables["3.13"].notes)  # per program: nothing is shared


def test_r5a_key_figures_count_each_program_once(r12):
    assert r12.key_figures["pagu"] == 3_200_000_000 and r12.key_figures["realisasi"] == 2_880_000_000
    assert r12.key_figures["kebutuhan_pegawai"] == 15 and r12.key_figures["pegawai_tersedia"] == 8


def test_sarpras_surplus_does_not_hide_a_shortage(r12):
    t = r12.tables["3.17"]
    assert find(t, uraian="Kursi Kerja")["persen"] == D("150.00")
    tot = total(t)
    assert (tot["dihitung"], tot["standar"], tot["persen"]) == (35, 37, D("94.59"))  # 10 + 20 + 5 of 37


def test_iku_note_in_pemantauan_kinerja(r12):
    t = r12.monitoring["Pemantauan Kinerja"]
    row = find(t, indikator=IKU_ASET)
    assert row["pendorong"] == "Kerja sama dengan kantor pertanahan"
    assert row["penghambat"] == "Dokumen perolehan tanah lama tidak lengkap"
    assert row["upaya"] == "Penelusuran arsip desa"
    assert find(t, indikator=IKU_KEU)["pendorong"] is None
    assert find(t, indikator="Jumlah bidang tanah yang disertifikatkan", kind="program")["pendorong"] == \
        "Anggaran sertifikasi cukup"


def test_r1a_whole_and_one_decimal_indicators(r12):
    t = r12.tables["3.3"]
    shown = Shown(t)
    frame = t.frame
    laporan = [i for i in range(len(frame)) if frame.iloc[i]["indikator"] == LAPORAN]
    assert {shown.text(i, "target") for i in laporan} == {"12", "2"}  # never "12,00 laporan"
    neraca = next(i for i in range(len(frame)) if frame.iloc[i]["indikator"] == ASET_NERACA)
    assert (shown.text(neraca, "target"), shown.text(neraca, "realisasi"), shown.text(neraca, "capaian")) == (
        "92,5", "88,8", "96,00")  # 88,8 / 92,5 = 96 %


@pytest.fixture(scope="module")
def workbook(r12, tmp_path_factory):
    path = tmp_path_factory.mktemp("badan-hasil") / "hasil.xlsx"
    layout: dict = {}
    write_results(r12, path, dt.date(2026, 12, 30), layout)
    return path, layout


def test_r5a_total_is_never_the_sum_of_the_sasaran_rows(workbook):
    path, layout = workbook
    ws = openpyxl.load_workbook(path)["Tabel 3.11"]
    placed = layout["3.11"]
    last = len(placed.rows) - 1
    cell = ws.cell(placed.rows[last] + 1, placed.cols["anggaran"] + 1)
    assert cell.value == 3_200_000_000  # a SUM over the two rows would make 4.000.000.000
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Tabel 3.11").to_python()
    assert values[placed.rows[last]][placed.cols["persen"]] == pytest.approx(90.0)


@pytest.mark.libreoffice
def test_recalculated_by_libreoffice_the_figures_stay(workbook, tmp_path):
    path, layout = workbook
    again = CalamineWorkbook.from_path(str(libreoffice_resave(path, tmp_path)))
    cached = CalamineWorkbook.from_path(str(path))
    for key in ("3.11", "3.12", "3.14", "3.15"):
        sheet = f"Tabel {key}"
        before = cached.get_sheet_by_name(sheet).to_python()
        after = again.get_sheet_by_name(sheet).to_python()
        for r in layout[key].rows:
            for c in layout[key].cols.values():
                if isinstance(before[r][c], (int, float)):
                    assert after[r][c] == pytest.approx(before[r][c]), (sheet, r, c)
