"""No silent wrong figure: each cell is read as Excel shows it, or named with what to do (issue 9).

Every case starts from the bundled example and breaks one thing the way staff, Excel, LibreOffice or
another program really do. Each asserts the (workbook, sheet, cell, code) found and, where results are
still written, the figure that depends on the cell.
"""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest
from conftest import beyond_example, find, total
from fixtures import find_cell, libreoffice_resave, set_cells
from hostile import empty_text_cell, error_cell, set_cell_xml, with_prefix

from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import load_example

EXAMPLE = load_example()


def found(r, code=None):
    return [(i.workbook, i.sheet, i.cell, i.code) for i in beyond_example(r.issues) if code is None or i.code == code]


def issue(r, code):
    hits = [i for i in r.issues if i.code == code]
    assert len(hits) == 1, [i.render() for i in r.issues]
    return hits[0]


# Error values ---------------------------------------------------------------------------

@pytest.mark.parametrize("sheet, ref", [("Anggaran", "F4"), ("Kinerja", "C4")])
@pytest.mark.parametrize("value, formula", [("#DIV/0!", "1/0"), ("#N/A", "NA()"), ("#N/A", None)])
def test_excel_error_value_is_an_error_at_its_cell(example_copy, sheet, ref, value, formula):
    set_cell_xml(example_copy / "Realisasi.xlsx", sheet, ref, error_cell(ref, value, formula))
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", sheet, ref, "nilai-galat")]
    assert value in r.issues[0].message and not r.ok and not r.tables


def test_error_value_typed_as_text(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"F4": "#N/A"})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", "F4", "nilai-galat")]


@pytest.mark.libreoffice
def test_formulas_saved_by_libreoffice(example_copy, tmp_path):
    """=1/0 and ="" saved by a real spreadsheet program: the error is named, the empty text is empty."""
    path = example_copy / "Realisasi.xlsx"
    set_cells(path, "Anggaran", {"F4": "=1/0", "D4": '=IF(1,"","x")', "G4": "=239584+0"})
    libreoffice_resave(path, tmp_path).replace(path)
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", "F4", "nilai-galat")]


# Formulas -------------------------------------------------------------------------------

@pytest.mark.parametrize("workbook, sheet, ref", [("PK.xlsx", "Pengaturan", "B6"),
                                                   ("Realisasi.xlsx", "Identitas", "B5"),
                                                   ("PK.xlsx", "Identitas", "B4")])
def test_formula_never_calculated_in_a_form_sheet(example_copy, workbook, sheet, ref):
    set_cells(example_copy / workbook, sheet, {ref: "=80+10"})
    r = analyse(example_copy, 12)
    assert found(r) == [(workbook, sheet, ref, "rumus-tanpa-nilai")]


def test_empty_text_result_in_optional_cell_is_empty(example_copy):
    set_cell_xml(example_copy / "Realisasi.xlsx", "Anggaran", "D4", empty_text_cell("D4"))  # pagu perubahan
    r = analyse(example_copy, 12)
    assert beyond_example(r.issues) == [] and total(r.tables["3.12"])["alokasi"] == 2_876_885_603


def test_empty_text_result_in_required_cell(example_copy):
    set_cell_xml(example_copy / "Realisasi.xlsx", "Anggaran", "C4", empty_text_cell("C4"))  # pagu murni
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", "C4", "wajib-diisi")]
    assert "teks kosong" in r.issues[0].message and "Ctrl+Alt+F9" not in r.issues[0].action


# Number formats -------------------------------------------------------------------------

def test_percent_formatted_setting_is_read_as_shown(example_copy):
    wb = openpyxl.load_workbook(example_copy / "PK.xlsx")
    cell = wb["Pengaturan"]["B6"]  # Batas Sangat Menunjang: staff type 95%, Excel stores 0.95
    cell.value, cell.number_format = 0.95, "0%"
    wb.save(example_copy / "PK.xlsx")
    r = analyse(example_copy, 12)
    assert found(r) == [("PK.xlsx", "Pengaturan", "B6", "persen-dibaca")]
    assert r.data.settings.sangat_menunjang == 95
    assert find(r.tables["3.10"], indikator="Nilai Paten")["menunjang"] == "Menunjang"  # 92,49 < 95


def test_format_hiding_decimals_is_said(example_copy):
    wb = openpyxl.load_workbook(example_copy / "Realisasi.xlsx")
    wb["Riwayat"]["G6"].number_format = "0.00"  # IKPP 2022: 6,719 shows as 6,72
    wb.save(example_copy / "Realisasi.xlsx")
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Riwayat", "G6", "tampilan-dibulatkan")]
    assert "6,72" in r.issues[0].message and "6,719" in r.issues[0].message
    assert find(r.tables["3.4"], indikator="Indeks Kualitas")["r2"] == D("6.719")


# Missing-value words --------------------------------------------------------------------

@pytest.mark.parametrize("word", ["NA", "n/a", "nan", "NULL", "NaN", "-"])
def test_missing_value_words_in_an_optional_number_cell(example_copy, word):
    set_cells(example_copy / "Realisasi.xlsx", "Pembanding", {"C4": word})  # AKIP kabupaten
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Pembanding", "C4", "penanda-kosong")]
    assert find(r.tables["3.8"], indikator="Nilai Evaluasi AKIP")["kabupaten"] == "-"


@pytest.mark.parametrize("word", ["NA", "nan", "NULL"])
def test_missing_value_words_in_a_required_number_cell(example_copy, word):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"C5": word})  # pagu murni
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", "C5", "isian-tidak-valid")]
    assert word in r.issues[0].message


def test_null_in_a_required_text_cell_is_not_called_empty(example_copy):
    set_cells(example_copy / "Sarpras.xlsx", "Sarpras", {"A5": "NULL"})
    r = analyse(example_copy, 12)
    assert found(r) == [("Sarpras.xlsx", "Sarpras", "A5", "penanda-kosong")]
    assert r.ok and r.tables["3.17"].frame.iloc[1]["uraian"] == "NULL"


# Invisible characters -------------------------------------------------------------------

def test_zero_width_space_in_a_kode_is_shown_and_removed(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Kinerja", {"A4": "7.01\u200b.01"})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Kinerja", "A4", "karakter-tak-terlihat")]
    assert "⟨U+200B⟩" in r.issues[0].message
    assert r.ok and find(r.tables["3.3"], indikator="Persentase rata-rata capaian")["capaian"] == D("100.00")


# Months ---------------------------------------------------------------------------------

def _no_iku_yet(path):
    wb = openpyxl.load_workbook(path)
    wb["IKU"].delete_rows(4, 10)
    wb.save(path)


def _months(path, sheet, fn) -> list[int]:
    """Apply ``fn`` to the twelve month values of every filled row of ``sheet`` (months found by their
    headers); returns the Excel rows changed."""
    from lkjip_xls.inputs.schema import BULAN_SINGKAT

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [str(c.value or "").rstrip(" *") for c in ws[3]]
    cols = [header.index(m) + 1 for m in BULAN_SINGKAT]
    changed = []
    for row in range(4, ws.max_row + 1):
        cells = [ws.cell(row, c) for c in cols]
        if all(c.value is None for c in cells):
            continue
        for cell, value in zip(cells, fn([c.value for c in cells])):
            cell.value = value
        changed.append(row)
    wb.save(path)
    return changed


def test_running_totals_typed_monthly(example_copy):
    """Feb = Jan + Feb ...: the sum double counts, penyerapan about doubles while staying under the pagu."""
    def running(values):
        out, acc = [], 0
        for i, v in enumerate(values):
            acc += v or 0
            out.append(acc if i < 3 else None)
        return out
    path = example_copy / "Realisasi.xlsx"
    _months(path, "Anggaran", running)
    r = analyse(example_copy, 3)
    # a row that spent in one month only reads the same either way; every other row is named
    expected = sorted(find_cell(path, "Anggaran", "m1", kode=row["kode"]) for row in EXAMPLE["realisasi"]["Anggaran"]
                      if sum(1 for m in range(1, 4) if row[f"m{m}"]) >= 2)
    assert sorted(c for _, _, c, _ in found(r, "seperti-kumulatif")) == expected and len(expected) >= 20
    assert r.errors == 0  # still under every pagu: only this warning stands between staff and a wrong report


def test_steady_monthly_amounts_are_not_taken_for_running_totals(example_dir):
    for month in range(1, 13):
        assert not found(analyse(example_dir, month), "seperti-kumulatif")


def test_period_month_filled_in_one_cell_only(example_copy):
    def until_march(values):
        return [v if i < 3 else None for i, v in enumerate(values)]
    path = example_copy / "Realisasi.xlsx"
    rows = _months(path, "Anggaran", until_march)
    _months(path, "Kinerja", until_march)
    april = find_cell(path, "Anggaran", "m4", kode=EXAMPLE["realisasi"]["Anggaran"][1]["kode"])
    set_cells(path, "Anggaran", {april: 1000})  # April typed in one cell
    _no_iku_yet(path)
    r = analyse(example_copy)  # the latest month with data: April
    assert r.period.month == 4
    w = next(i for i in r.issues if i.code == "bulan-periode-kosong" and i.sheet == "Anggaran")
    assert w.cell == f"{april[0]}{rows[0]}"
    assert w.message.startswith(f"{len(rows) - 1} baris belum berisi realisasi belanja bulan April")
    assert "--bulan 3" in w.action
    kinerja = [i for i in r.issues if i.sheet == "Kinerja" and i.code == "bulan-periode-kosong"]
    assert len(kinerja) == 1 and "bulan April" in kinerja[0].message  # one warning per sheet


def test_period_month_missing_in_kinerja(example_copy):
    path = example_copy / "Realisasi.xlsx"
    _months(path, "Kinerja", lambda v: [x if i < 3 else None for i, x in enumerate(v)])
    _months(path, "Anggaran", lambda v: [x if i < 4 else None for i, x in enumerate(v)])
    _no_iku_yet(path)
    r = analyse(example_copy)
    assert r.period.month == 4
    w = issue(r, "bulan-periode-kosong")
    assert w.sheet == "Kinerja" and " bulan April" in w.message  # Jumlah and Rata-rata rows only


def test_gap_inside_an_anggaran_row(example_copy):
    path = example_copy / "Realisasi.xlsx"
    march = find_cell(path, "Anggaran", "m3", kode=EXAMPLE["realisasi"]["Anggaran"][1]["kode"])
    set_cells(path, "Anggaran", {march: None})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", march, "bulan-kosong")]
    assert "Maret" in r.issues[0].message and "Isi 0" in r.issues[0].action


def test_gap_advice_fits_the_sifat(example_copy):
    path = example_copy / "Realisasi.xlsx"
    gaji = find_cell(path, "Kinerja", "m2", indikator="Jumlah Orang yang Menerima Gaji")  # Rata-rata
    laporan = find_cell(path, "Kinerja", "m2", indikator="Jumlah Laporan Penyediaan Jasa Komunikasi")  # Jumlah
    set_cells(path, "Kinerja", {gaji: None, laporan: None})
    r = analyse(example_copy, 12)
    by_cell = {i.cell: i for i in beyond_example(r.issues)}
    assert set(by_cell) == {gaji, laporan}
    assert "Jangan isi 0" in by_cell[gaji].action and "Isi 0 bila" in by_cell[laporan].action


# Sheets and headers ---------------------------------------------------------------------

@pytest.mark.parametrize("workbook, sheet, severity, tables", [
    ("Sarpras.xlsx", "Sarpras", "Peringatan", "tabel 3.17 dan 3.18"),
    ("ABK.xlsx", "Jabatan", "Peringatan", "tabel 3.15 dan 3.16"),
    ("PK.xlsx", "Sasaran Program", "Kesalahan", "3.11–3.16"),
    ("Renja.xlsx", "Renja", "Kesalahan", "semua tabel"),
    ("Realisasi.xlsx", "Anggaran", "Kesalahan", "3.10–3.14"),
])
def test_empty_required_sheet_is_named_with_the_tables_it_empties(example_copy, workbook, sheet, severity, tables):
    wb = openpyxl.load_workbook(example_copy / workbook)
    ws = wb[sheet]
    ws.delete_rows(4, ws.max_row)
    wb.save(example_copy / workbook)
    r = analyse(example_copy, 12)
    w = issue(r, "sheet-kosong")
    assert (w.workbook, w.sheet, w.severity) == (workbook, sheet, severity) and tables in w.message
    if severity == "Peringatan":
        assert r.ok


def test_row_inserted_above_the_header(example_copy):
    wb = openpyxl.load_workbook(example_copy / "Sarpras.xlsx")
    wb["Sarpras"].insert_rows(2)
    wb.save(example_copy / "Sarpras.xlsx")
    r = analyse(example_copy, 12)
    assert found(r) == [("Sarpras.xlsx", "Sarpras", "baris 4", "judul-bergeser")]
    assert "Hapus baris 2 " in r.issues[0].action


def test_duplicated_header(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"Q3": "Des", "Q4": 5})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Anggaran", "Q3", "kolom-ganda")]
    assert "P3 dan Q3" in r.issues[0].message


def test_namespace_prefixed_xml_is_scanned_too(example_copy):
    path = example_copy / "Sarpras.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Sarpras"]
    ws.merge_cells("A10:B10")
    ws["C11"] = "=1+1"
    ws.row_dimensions[12].hidden = True
    wb.save(path)
    with_prefix(path, "Sarpras")
    r = analyse(example_copy, 12)
    assert sorted(found(r)) == [("Sarpras.xlsx", "Sarpras", "A10:B10", "sel-digabung"),
                                ("Sarpras.xlsx", "Sarpras", "C11", "rumus-tanpa-nilai"),
                                ("Sarpras.xlsx", "Sarpras", "baris 12", "baris-tersembunyi")]


# Extreme numbers (found by tests/test_fuzz.py) -------------------------------------------------

@pytest.mark.parametrize("value", [9.547235834374354e-86, 1.7976931348623155e+308, 2e15])
def test_number_outside_any_plausible_figure_is_named(example_copy, value):
    set_cells(example_copy / "Renja.xlsx", "Renja", {"G4": value})  # target renja
    r = analyse(example_copy, 12)
    assert found(r) == [("Renja.xlsx", "Renja", "G4", "isian-tidak-valid")]


# One matching rule (issue 12) -------------------------------------------------------------------

def test_case_only_difference_in_a_sasaran_is_a_warning_naming_both(example_copy):
    set_cells(example_copy / "PK.xlsx", "Sasaran Program", {"G4": "meningkatnya akuntabilitas dan kinerja KECAMATAN"})
    r = analyse(example_copy, 12)
    assert found(r) == [("PK.xlsx", "Sasaran Program", "G4", "tulisan-beda")]
    assert "Meningkatnya Akuntabilitas dan Kinerja Kecamatan" in r.issues[0].message and r.ok


def test_a_name_matching_nothing_gets_the_closest_candidates(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "IKU", {"A4": "Nilai Evaluasi AKP Kecamatan Bareng"})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "IKU", "A4", "iku-tidak-dikenal")]
    assert "Maksud Anda 'Nilai Evaluasi AKIP Kecamatan Bareng'?" in r.issues[0].message


def test_unmatched_pembanding_row_is_said(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Pembanding", {"B4": "Nilai AKIP"})
    r = analyse(example_copy, 12)
    assert found(r) == [("Realisasi.xlsx", "Pembanding", "B4", "pembanding-tidak-dikenal")]
    assert find(r.tables["3.8"], indikator="Nilai Evaluasi AKIP")["kabupaten"] == "-"  # and the table says '-'
