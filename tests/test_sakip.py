"""Tables 3.19 (evaluasi SAKIP per komponen) and 3.20 (matriks tindak lanjut) from the optional sheets
of Realisasi, and the check of the LHE's own total against its components."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl

from conftest import find, make_folder, total
from fixtures import set_cells

from lkjip_xls.api import analyse


def test_3_19_sums_its_components_and_names_the_predikat(result12):
    t = result12.tables["3.19"]
    assert list(t.frame.loc[t.frame["kind"] == "item", "komponen"]) == [
        "Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja", "Evaluasi Kinerja"]
    tot = total(t)
    assert (tot["bobot"], tot["nilai_akhir"], tot["predikat"]) == (100, D("73.55"), "BB (Sangat Baik)")  # 24,25+22,02+8,53+18,75
    i = int(t.frame.index[t.frame["kind"] == "total"][0])
    assert t.formulas[(i, "nilai_akhir")].startswith("SUM(")  # a formula in the workbook, auditable in Excel
    assert find(t, komponen="Evaluasi Kinerja")["evaluasi_lapangan"] == "-"  # blank shown as a dash, not 0


def test_3_20_groups_rekomendasi_under_komponen(result12):
    t = result12.tables["3.20"]
    groups = list(t.frame.loc[t.frame["kind"] == "group", "rekomendasi"])
    assert groups[0] == "PERENCANAAN KINERJA"
    first_items = t.frame[t.frame["kind"] == "item"].head(2)
    assert first_items.iloc[0]["rekomendasi"].startswith("1. Membuat dokumen Berita Acara")
    assert first_items.iloc[1]["rekomendasi"] is None  # same rekomendasi, second rencana aksi
    assert first_items.iloc[1]["rencana_aksi"].startswith("2. Menyusun berita acara")


def test_optional_tables_absent_when_their_sheets_are_empty(tmp_path):
    def edit(data):
        data["realisasi"]["Evaluasi SAKIP"] = []
        data["realisasi"]["Tindak Lanjut"] = []
    r = analyse(make_folder(tmp_path, edit), 12)
    assert r.ok and "3.19" not in r.tables and "3.20" not in r.tables
    assert "3.18" in r.tables


def _value_cell(path, sheet: str, label: str) -> str:
    """The cell right of the form label ``label`` (found by text, not by a hard-coded address)."""
    ws = openpyxl.load_workbook(path)[sheet]
    [ref] = [c.offset(column=1).coordinate for row in ws.iter_rows() for c in row if c.value == label]
    return ref


def test_lhe_total_that_differs_from_its_components_is_a_warning(example_copy):
    path = example_copy / "Realisasi.xlsx"
    cell = _value_cell(path, "Identitas", "Nilai SAKIP menurut LHE")
    set_cells(path, "Identitas", {cell: 73.59})  # what the report's LHE says; its components sum to 73,55
    r = analyse(example_copy, 12)
    assert r.ok
    [w] = [i for i in r.issues if i.code == "nilai-sakip-beda"]
    assert (w.workbook, w.sheet, w.cell) == ("Realisasi.xlsx", "Identitas", cell)
    assert "73,55" in w.message and "73,59" in w.message
    set_cells(path, "Identitas", {cell: 73.55})
    assert not [i for i in analyse(example_copy, 12).issues if i.code == "nilai-sakip-beda"]
