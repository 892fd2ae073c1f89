"""Tables 3.19 (evaluasi SAKIP per komponen) and 3.20 (matriks tindak lanjut) from the optional sheets
of Realisasi, and the check of the LHE's own total against its components."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from conftest import find, make_folder, total
from fixtures import set_cells

from lkjip_xls.api import analyse
from lkjip_xls.issues import WARNING


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
    assert not [i for i in r.issues if i.code.startswith("nilai-")]  # no components: nothing to differ


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


# one value per fact: the Nilai AKIP of the LHE (issue 19) ------------------------------------------

def _iku_realisasi_cell(path, indikator: str) -> str:
    """The Realisasi › IKU cell of ``indikator``'s realisasi, found by its header (not a fixed address)."""
    ws = openpyxl.load_workbook(path)["IKU"]
    header = next(r for r in ws.iter_rows() if any(str(c.value).startswith("Realisasi *") for c in r))
    col = next(c.column_letter for c in header if str(c.value).startswith("Realisasi *"))
    name = next(c.column_letter for c in header if str(c.value).startswith("Indikator Kinerja Utama"))
    [row] = [c.row for c in ws[name] if c.value == indikator]
    return f"{col}{row}"


def test_components_against_the_akip_iku_warn_and_3_19_shows_the_lhe_value(result12, example_dir):
    # the example leaves "Nilai SAKIP menurut LHE" blank: the AKIP IKU's realisasi (73,59) is the LHE value
    t = result12.tables["3.19"]
    assert total(t)["nilai_akhir"] == D("73.55")
    lhe = find(t, komponen="Nilai menurut LHE")
    assert (lhe["nilai_akhir"], lhe["predikat"]) == (D("73.59"), "BB (Sangat Baik)")
    assert any("73,55" in n and "73,59" in n and "0,04" in n for n in t.notes)
    [w] = [i for i in result12.issues if i.code == "nilai-sakip-beda"]
    cell = _iku_realisasi_cell(example_dir / "Realisasi.xlsx", "Nilai Evaluasi AKIP Kecamatan Bareng")
    assert (w.workbook, w.sheet, w.cell, w.severity) == ("Realisasi.xlsx", "IKU", cell, WARNING)
    assert "73,55" in w.message and "73,59" in w.message and "Nilai SAKIP menurut LHE" in w.action


def test_the_document_says_the_lhe_value_wherever_it_names_the_nilai_akip(result12):
    from lkjip_xls.report import draft_report
    from lkjip_xls.report.model import Paragraph

    said = [b.text for b in draft_report(result12).blocks if isinstance(b, Paragraph) and "AKIP" in b.text]
    nilai = [t for t in said if "predikat" in t and ("nilai AKIP" in t or "adalah nilai" in t)]
    assert len(nilai) == 2, said  # BAB I and BAB III
    assert all("73,59" in t and "73,55" not in t for t in nilai)


def test_components_equal_to_the_lhe_have_no_second_row(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Identitas",
              {_value_cell(example_copy / "Realisasi.xlsx", "Identitas", "Nilai SAKIP menurut LHE"): 73.55})
    r = analyse(example_copy, 12)
    t = r.tables["3.19"]
    assert "Nilai menurut LHE" not in list(t.frame["komponen"]) and len(t.notes) == 1
    # the IKU still says 73,59 where the LHE (typed) says 73,55: a second value for the fact, named at the IKU
    [w] = [i for i in r.issues if i.code == "nilai-akip-iku-beda"]
    assert (w.sheet, w.cell, w.severity) == ("IKU", _iku_realisasi_cell(example_copy / "Realisasi.xlsx",
                                                                      "Nilai Evaluasi AKIP Kecamatan Bareng"), WARNING)
    assert "73,59" in w.message and "73,55" in w.message and "LHE" in w.action
    assert not [i for i in r.issues if i.code == "nilai-sakip-beda"]


def test_no_akip_iku_and_no_typed_lhe_is_one_value(tmp_path):
    # two IKU naming AKIP: none is taken as the LHE's (a guess would be a silent wrong figure)
    def edit(data):
        for row in data["pk"]["Sasaran Strategis"]:
            if "AKIP" not in row["indikator"]:
                old = row["indikator"]
                row["indikator"] = "Indeks SAKIP Kelurahan"
                for r in data["realisasi"]["IKU"] + data["realisasi"]["Riwayat"] + data["realisasi"]["Pembanding"]:
                    if r.get("indikator") == old:
                        r["indikator"] = row["indikator"]
    r = analyse(make_folder(tmp_path, edit), 12)
    assert r.ok, [i.render() for i in r.issues if i.severity == "error"]
    t = r.tables["3.19"]
    assert "Nilai menurut LHE" not in list(t.frame["komponen"])
    assert not [i for i in r.issues if i.code in ("nilai-sakip-beda", "nilai-akip-iku-beda")]


AKIP = "Nilai Evaluasi AKIP Kecamatan Bareng"


def _akip_rows(rows):
    def edit(data):
        data["realisasi"]["IKU"] = [r for r in data["realisasi"]["IKU"] if r["indikator"] != AKIP] + rows
    return edit


def test_the_iku_is_the_lhe_value_from_the_month_it_was_reported(example_dir):
    # the example's LHE came in August: from then on it is the value; before, there is none to compare
    august, july = analyse(example_dir, 8), analyse(example_dir, 7)
    assert find(august.tables["3.19"], komponen="Nilai menurut LHE")["nilai_akhir"] == D("73.59")
    assert "Nilai menurut LHE" not in list(july.tables["3.19"].frame["komponen"])
    assert not [i for i in july.issues if i.code == "nilai-sakip-beda"]


def test_a_later_lhe_replaces_the_earlier_in_3_1_and_3_19_alike(tmp_path):
    rows = [dict(indikator=AKIP, bulan="Februari", realisasi=D("72.80"), dokumen="LHE semester"),
            dict(indikator=AKIP, bulan="Agustus", realisasi=D("73.61"), dokumen="LHE")]
    r = analyse(make_folder(tmp_path, _akip_rows(rows)), 12)
    assert find(r.tables["3.1"], indikator=AKIP)["realisasi"] == D("73.61")
    assert find(r.tables["3.19"], komponen="Nilai menurut LHE")["nilai_akhir"] == D("73.61")


def test_an_akip_iku_without_realisasi_leaves_the_components_alone(tmp_path):
    r = analyse(make_folder(tmp_path, _akip_rows([])), 12)
    assert "Nilai menurut LHE" not in list(r.tables["3.19"].frame["komponen"])
    assert not [i for i in r.issues if i.code.startswith("nilai-")]


@pytest.mark.parametrize("realisasi, second_row", [("73.555", True), ("73.554", False), ("73.545", True)])
def test_two_values_differ_from_half_a_hundredth(tmp_path, realisasi, second_row):
    rows = [dict(indikator=AKIP, bulan="Agustus", realisasi=D(realisasi), dokumen="LHE")]
    r = analyse(make_folder(tmp_path, _akip_rows(rows)), 12)
    assert ("Nilai menurut LHE" in list(r.tables["3.19"].frame["komponen"])) == second_row
    assert bool([i for i in r.issues if i.code == "nilai-sakip-beda"]) == second_row
