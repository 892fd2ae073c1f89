"""The monthly routine: year-to-date figures (R3) at months 3, 6 and 12, and changes since last month."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from conftest import find, total
from fixtures import find_cell
from python_calamine import CalamineWorkbook

from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import load_example
from lkjip_xls.run import process

EXAMPLE = load_example()


def _kinerja(indikator_prefix):
    return next(r for r in EXAMPLE["realisasi"]["Kinerja"] if r["indikator"].startswith(indikator_prefix))


def _budget_to(month, kode=None):
    rows = EXAMPLE["realisasi"]["Anggaran"]
    return sum(r[f"m{i}"] or 0 for r in rows if kode is None or r["kode"].startswith(kode) for i in range(1, month + 1))


@pytest.mark.parametrize("month", [3, 6, 12])
def test_year_to_date_follows_r3(example_dir, month):
    r = analyse(example_dir, month)
    assert r.period.month == month
    t = r.tables["3.3"]
    jumlah = _kinerja("Jumlah Paket Peralatan dan Perlengkapan")  # Jumlah, filled every other month
    assert find(t, indikator="Jumlah Paket Peralatan dan Perlengkapan")["realisasi"] == sum(
        jumlah[f"m{i}"] for i in range(1, month + 1))
    assert find(t, indikator="Jumlah Orang yang Menerima Gaji")["realisasi"] == D("15.00")  # Rata-rata
    assert find(t, indikator="Jumlah Desa yang melaporkan")["realisasi"] == 13  # Terakhir
    t313 = r.tables["3.13"]
    assert total(t313)["realisasi_anggaran"] == _budget_to(month)
    assert find(r.tables["3.10"], uraian="Program: Koordinasi")["realisasi_anggaran"] == _budget_to(month, "7.01.04")


def test_month_6_specifics(example_dir):
    r = analyse(example_dir, 6)
    t = r.tables["3.3"]
    assert find(t, indikator="Jumlah Paket Peralatan dan Perlengkapan")["realisasi"] == 15  # 5 + 5 + 5 in Feb/Apr/Jun
    assert find(t, indikator="Jumlah Unit Sarana dan Prasarana Gedung")["realisasi"] == 7
    assert find(t, indikator="Jumlah Unit Sarana dan Prasarana Gedung")["capaian"] == D("12.07")
    assert total(r.tables["3.12"])["realisasi_anggaran"] == _budget_to(6)
    t31 = r.tables["3.1"]
    for ind in ("Nilai Evaluasi AKIP", "Indeks Kualitas"):
        row = find(t31, indikator=ind)
        assert row["realisasi"] == "belum ada data" and row["capaian"] == "-"  # never 0
    assert total(t31)["capaian"] == "-"
    assert r.period.label == "s.d. Juni" and r.e81.title.endswith("Triwulan II")
    assert "s.d. Juni" in r.monitoring["Pemantauan Anggaran"].title


def test_month_9_akip_published_ikpp_not_yet(example_dir):
    r = analyse(example_dir, 9)
    t31 = r.tables["3.1"]
    assert find(t31, indikator="Nilai Evaluasi AKIP")["capaian"] == D("99.04")
    assert find(t31, indikator="Indeks Kualitas")["realisasi"] == "belum ada data"
    assert total(t31)["capaian"] == D("99.04")


def test_latest_month_by_default(example_dir):
    assert analyse(example_dir).period.month == 12


def test_sheet_titles_say_the_period(example_dir, tmp_path):
    out = process(example_dir, 6, tmp_path).path
    wb = CalamineWorkbook.from_path(str(out))
    for name in wb.sheet_names:
        if name.startswith("Tabel"):
            assert "s.d. Juni 2024" in wb.get_sheet_by_name(name).to_python()[2][0], name


def test_changes_since_last_month(example_dir, tmp_path):
    process(example_dir, 10, tmp_path)
    outcome = process(example_dir, 11, tmp_path)
    ch = outcome.result.changes
    assert ch is not None and ch.previous_month == 10
    assert ch.budget_this_month == _budget_to(11) - _budget_to(10)
    moved = {ind for _, ind, _, _ in ch.moved}
    assert "Nilai Paten Kecamatan" in moved  # published in November
    paten = find_cell(example_dir / "Realisasi.xlsx", "Kinerja", "m1", indikator="Nilai Paten Kecamatan")
    fixed = dict(ch.fixed)
    assert "belum ada realisasi" in fixed[f"Realisasi.xlsx / Kinerja / {paten}"]  # the message, not its code
    assert "November" in fixed["Realisasi.xlsx / Anggaran / O4"]  # November was "after" in October
    assert "Desember" in dict(ch.new)["Realisasi.xlsx / Anggaran / P4"]
    assert "PK.xlsx / Sasaran Strategis / B5" not in dict(ch.new) | fixed  # IKPP: still pending
    rows = CalamineWorkbook.from_path(str(outcome.path)).get_sheet_by_name("Ringkasan").to_python()
    assert any("Perubahan sejak Bulan Lalu (Oktober" in str(r[0]) for r in rows)


def test_no_changes_section_without_last_month(example_dir, tmp_path):
    outcome = process(example_dir, 11, tmp_path)
    assert outcome.result.changes is None
