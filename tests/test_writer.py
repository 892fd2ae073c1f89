"""The results workbook: values, formulas, recalculation, determinism, safety of staff text."""

from __future__ import annotations

import dataclasses

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import make_folder
from fixtures import libreoffice_resave
from python_calamine import CalamineWorkbook

from lkjip_xls.api import analyse
from lkjip_xls.kinerja.table import DASH
from lkjip_xls.writer import write_results

RUN_DATE = dt.date(2026, 11, 28)
SHEETS = (["Ringkasan", "Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4"] + [f"Tabel 3.{i}" for i in range(1, 21)]
          + ["Lampiran IKPP", "E.81", "Pemantauan Anggaran", "Pemantauan Kinerja", "Evaluasi Mandiri", "Pemeriksaan",
             "_data"])


@pytest.fixture(scope="module")
def written(result12, tmp_path_factory):
    path = tmp_path_factory.mktemp("hasil") / "hasil.xlsx"
    layout: dict = {}
    write_results(result12, path, RUN_DATE, layout)
    return path, layout


def _values(path: Path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


def _cell(values, row, col):
    try:
        return values[row][col]
    except IndexError:
        return ""


def test_sheet_names_and_order(written):
    path, _ = written
    assert CalamineWorkbook.from_path(str(path)).sheet_names == SHEETS


def test_every_table_value_is_in_its_cell(result12, written):
    path, layout = written
    values = _values(path)
    checked = 0
    for key, table in result12.tables.items():
        placed = layout[key]
        sheet = values[table.sheet_name]
        for i, row in enumerate(table.frame.to_dict("records")):
            if row["kind"] == "section":
                continue
            for col in table.columns:
                v = row[col.key]
                got = _cell(sheet, placed.rows[i], placed.cols[col.key])
                if v is None:
                    assert got in ("", None), (key, i, col.key, got)
                elif isinstance(v, (int, Decimal)):
                    assert Decimal(str(got)) == Decimal(v), (key, i, col.key, got, v)
                    checked += 1
                else:
                    assert got == v, (key, i, col.key)
    assert checked > 1000


GOLDEN_CELLS = [  # (table, row match, column, the golden figure): golden-bareng-2024.md, cell by cell
    ("2.2", {"kind": "total"}, "anggaran", 2876885603),
    ("3.1", {"indikator": "Nilai Evaluasi AKIP"}, "capaian", 99.04),
    ("3.1", {"indikator": "Indeks Kualitas"}, "capaian", 101.37),
    ("3.1", {"kind": "total"}, "capaian", 100.21),
    ("3.6", {"indikator": "Nilai Evaluasi AKIP"}, "kemajuan", 100.12),
    ("3.6", {"indikator": "Indeks Kualitas"}, "kemajuan", 120),
    ("3.6", {"kind": "total"}, "kemajuan", 110.06),
    ("3.7", {"indikator": "Nilai Paten"}, "kemajuan", 102.49),
    ("3.7", {"kind": "total"}, "kemajuan", 100.36),
    ("3.8", {"indikator": "Nilai Evaluasi AKIP"}, "d_kabupaten", 1.26),
    ("3.8", {"indikator": "Nilai Evaluasi AKIP"}, "d_provinsi", -10.6),
    ("3.8", {"indikator": "Nilai Evaluasi AKIP"}, "d_nasional", 9.36),
    ("3.8", {"indikator": "Indeks Kualitas"}, "d_kabupaten", -0.29),
    ("3.8", {"indikator": "Indeks Kualitas"}, "d_provinsi", -0.95),
    ("3.9", {"indikator": "Nilai Paten"}, "d_kabupaten", 1.61),
    ("3.10", {"uraian": "Program: Penunjang"}, "realisasi_anggaran", 2427729885),
    ("3.10", {"uraian": "Program: Penunjang"}, "capaian_anggaran", 89.32),
    ("3.10", {"uraian": "Kegiatan: Administrasi Keuangan"}, "realisasi_anggaran", 2051498991),
    ("3.10", {"uraian": "Kegiatan: Administrasi Keuangan"}, "capaian_anggaran", 88.44),
    ("3.10", {"uraian": "Sub Kegiatan: Penyediaan Gaji"}, "realisasi_anggaran", 1974870391),
    ("3.10", {"uraian": "Sub Kegiatan: Penyediaan Gaji"}, "capaian_anggaran", 88.05),
    ("3.10", {"uraian": "Program: Koordinasi Ketentraman"}, "capaian_anggaran", 99.84),
    ("3.11", {"kind": "total"}, "anggaran", 2876885603),
    ("3.11", {"kind": "total"}, "persen", 89.82),
    ("3.12", {"kind": "total"}, "realisasi_anggaran", 2584035835),
    ("3.12", {"kind": "total"}, "silpa", 292849768),
    ("3.13", {"kind": "total"}, "capaian", 98.93),
    ("3.14", {"kind": "total"}, "efisiensi", 10.39),
    ("3.15", {"kind": "total"}, "persen_sdm", 35.0),
    ("3.15", {"kind": "total"}, "efisiensi", 65.21),
    ("3.16", {"program": "Program Penunjang"}, "efisiensi", 66.67),
    ("3.16", {"kind": "total"}, "efisiensi", 63.93),
    ("3.17", {"kind": "total"}, "persen", 88.15),
    ("3.18", {"kind": "total"}, "efisiensi", 12.06),
]


def _index(table, match: dict) -> int:
    f = table.frame
    hits = [i for i in range(len(f)) if all(
        (isinstance(f.iloc[i][k], str) and f.iloc[i][k].casefold().startswith(v.casefold())) if isinstance(v, str)
        and k != "kind" else f.iloc[i][k] == v for k, v in match.items())]
    assert len(hits) == 1, (table.key, match, hits)
    return hits[0]


def test_golden_figures_are_the_cached_values_of_their_own_cells(written, result12):
    """Each golden figure at the cell of its row and column, as a viewer that does not recalculate shows it."""
    path, layout = written
    values = _values(path)
    for key, match, col, figure in GOLDEN_CELLS:
        placed = layout[key]
        i = _index(result12.tables[key], match)
        cell = values[placed.sheet][placed.rows[i]][placed.cols[col]]
        assert isinstance(cell, (int, float)) and abs(cell - figure) < 1e-9, (key, match, col, cell, figure)


def test_derived_cells_are_formulas_mirroring_the_rules(result12, written):
    path, layout = written
    wb = openpyxl.load_workbook(path)
    t31 = layout["3.1"]
    f = wb["Tabel 3.1"].cell(t31.rows[0] + 1, t31.cols["capaian"] + 1).value
    assert f == "=ROUND(" + t31.local(0, "realisasi") + "/" + t31.local(0, "target") + "*100,2)"
    total = wb["Tabel 3.1"].cell(t31.rows[2] + 1, t31.cols["capaian"] + 1).value
    assert total == f"=ROUND(AVERAGE({t31.local(0, 'capaian')}:{t31.local(1, 'capaian')}),2)"
    t310 = layout["3.10"]
    prog = wb["Tabel 3.10"].cell(t310.rows[0] + 1, t310.cols["realisasi_anggaran"] + 1).value
    assert prog.startswith("=SUM(")
    n_formulas = sum(1 for ws in wb for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith("="))
    assert n_formulas == sum(len(t.formulas) for t in result12.tables.values()) + _extra_formulas(wb)


def _extra_formulas(wb) -> int:
    """Formulas outside the 20 tables: Ringkasan references, Lampiran IKPP, E.81 and the two Pemantauan sheets."""
    return sum(1 for name in ("Ringkasan", "Lampiran IKPP", "E.81", "Pemantauan Anggaran", "Pemantauan Kinerja")
               for row in wb[name].iter_rows()
               for c in row
               if isinstance(c.value, str) and c.value.startswith("="))


def test_same_inputs_give_byte_identical_output(result12, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_results(result12, a, RUN_DATE)
    write_results(result12, b, RUN_DATE)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert f"{RUN_DATE.isoformat()}T00:00:00Z" in z.read("docProps/core.xml").decode()  # the run's day


def test_staff_text_is_never_a_formula_or_link(tmp_path):
    nasty = ["=HYPERLINK(\"http://x\",\"klik\")", "+SUM(1,2)", "-1+2", "@cmd", "http://contoh.go.id",
             "Indikator ğ 中文 " + "panjang " * 60 + "akhir"]

    def edit(data):
        for row, text in zip(data["sarpras"]["Sarpras"], nasty):
            row["uraian"] = text
        data["pk"]["Identitas"]["nama_opd"] = "Kecamatan =Bareng & Co"
    r = analyse(make_folder(tmp_path, edit), 12)
    assert r.ok, [i.render() for i in r.issues]
    path = tmp_path / "hasil.xlsx"
    write_results(r, path, RUN_DATE)
    ws = openpyxl.load_workbook(path)["Tabel 3.17"]
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value in nasty]
    assert len(texts) == len(nasty)
    assert all(c.data_type == "s" and c.hyperlink is None for c in texts)


def test_pemeriksaan_lists_the_warning_and_says_when_there_is_none(written, result12, tmp_path):
    values = _values(written[0])["Pemeriksaan"]
    assert any("73,55" in str(c) for row in values for c in row)  # the example's AKIP warning
    assert not any("Tidak ada masalah" in str(c) for row in values for c in row)
    path = tmp_path / "bersih.xlsx"
    write_results(dataclasses.replace(result12, issues=[]), path, RUN_DATE)
    values = _values(path)["Pemeriksaan"]
    assert any("Tidak ada masalah" in str(c) for row in values for c in row)


def test_pemeriksaan_lists_errors_first(tmp_path, example_dir):
    r = analyse(example_dir, 6)  # months 7-12 filled: warnings
    path = tmp_path / "h.xlsx"
    write_results(r, path, RUN_DATE)
    rows = _values(path)["Pemeriksaan"][4:]
    kinds = [row[1] for row in rows if row and row[1]]
    assert kinds and set(kinds) == {"Peringatan"} and len(kinds) == r.warnings


# LibreOffice recalculation ------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_recalculates_to_the_same_figures(written, tmp_path):
    # control: a formula whose cached value is wrong must come back corrected, or the check below proves nothing
    control = tmp_path / "kontrol.xlsx"
    wb = xlsxwriter.Workbook(str(control))
    wb.add_worksheet().write_formula("A1", "=ROUND(100.205,2)", None, 5)
    wb.close()
    assert _values(libreoffice_resave(control, tmp_path))["Sheet1"][0][0] == pytest.approx(100.21)

    path, _ = written
    original = openpyxl.load_workbook(path)
    cached = _values(path)
    again = _values(libreoffice_resave(path, tmp_path))
    compared = 0
    for ws in original:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    before = _cell(cached[ws.title], c.row - 1, c.column - 1)
                    after = _cell(again[ws.title], c.row - 1, c.column - 1)
                    assert round(float(after), 6) == round(float(before), 6), (ws.title, c.coordinate, c.value)
                    compared += 1
    assert compared > 300


def test_print_setup_charts_and_bands(written):
    path, layout = written
    wb = openpyxl.load_workbook(path)
    for name in [s for s in SHEETS if s.startswith("Tabel")] + ["Pemeriksaan"]:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, name
        setup = ws.page_setup  # fit to one page wide (1 is the OOXML default, left out), any number tall
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1), name
        assert int(setup.fitToHeight) == 0, name
        assert ws.print_title_rows, name
        assert "Halaman &P dari &N" in ws.oddFooter.right.text, name
        assert ws.freeze_panes, name
    t31 = wb["Tabel 3.1"]
    assert t31.print_title_rows == "$5:$5"
    bands = [r for rng in t31.conditional_formatting for r in rng.rules]
    assert len(bands) == 5  # one fill per predikat band
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = b"".join(z.read(n) for n in charts).decode()
    assert "Ringkasan" in xml and "Capaian Indikator Program" in xml and "Penyerapan Anggaran per Program" in xml
    assert "logBase" not in xml  # a linear axis: a bar's length is its value


def test_pemantauan_bulanan(example_dir, tmp_path):
    r = analyse(example_dir, 6)
    from lkjip_xls.kinerja.tabel import pemantauan_anggaran, pemantauan_kinerja

    a = pemantauan_anggaran(r.data, r.period)
    gaji = a.frame[a.frame["kode"] == "7.01.01.2.02.0001"].iloc[0]
    months = [int(x) for x in (r.data.anggaran.frame.iloc[2][f"m{i}"] for i in range(1, 7))]
    kas = [int(x) for x in (r.data.anggaran_kas.frame.iloc[2][f"m{i}"] for i in range(1, 7))]
    assert gaji["realisasi"] == sum(months) and gaji["kas"] == sum(kas)
    assert gaji["deviasi"] == sum(months) - sum(kas) and gaji["silpa"] == gaji["pagu"] - sum(months)
    k = pemantauan_kinerja(r.data, r.period)
    verif = k.frame[k.frame["kode"] == "7.01.01.2.02.0003"].iloc[0]  # rencana aksi TW II target 6
    assert (verif["target_tw"], verif["realisasi"], verif["capaian_tw"], verif["capaian"]) == (6, 6, Decimal("100.00"),
                                                                                              Decimal("50.00"))
    akip = k.frame[k.frame["indikator"].str.startswith("Nilai Evaluasi AKIP")].iloc[0]
    assert akip["realisasi"] == "belum ada data" and akip["target_tw"] == DASH
    r4 = analyse(example_dir, 4)
    note = pemantauan_kinerja(r4.data, r4.period).frame
    assert note[note["kode"] == "7.01.01.2.02.0001"].iloc[0]["penghambat"].startswith("Kasubag Umum")


def test_ringkasan_and_data_sheet_show_the_golden_headline_figures(written):
    """The Ringkasan's Ikhtisar and the hidden _data sheet (what lkjip rekap reads), pinned to
    shared/spec/golden-bareng-2024.md."""
    path, _ = written
    book = CalamineWorkbook.from_path(str(path))
    ringkasan = {r[0]: r[1] for r in book.get_sheet_by_name("Ringkasan").to_python() if r and isinstance(r[0], str)}
    golden = {
        "Pagu anggaran (Rp)": 2876885603, "Realisasi anggaran (Rp)": 2584035835, "Penyerapan anggaran (%)": 89.82,
        "Sisa anggaran / SiLPA (Rp)": 292849768, "Efisiensi penggunaan anggaran (%)": 10.39,
        "Rata-rata capaian indikator program (%)": 98.93, "Kebutuhan pegawai (ABK)": 40, "Pegawai tersedia": 14,
        "Ketersediaan SDM (%)": 35.00, "Ketersediaan sarana dan prasarana (%)": 88.15,
        "IKU di bawah target (dari 2 IKU)": 1,  # AKIP 99,04
    }
    for label, value in golden.items():
        assert ringkasan[label] == value, label
    data = dict(r[:2] for r in book.get_sheet_by_name("_data").to_python())
    assert {k: data[k] for k in ("pagu", "realisasi", "penyerapan", "capaian_iku", "iku_di_bawah_target",
                                 "capaian_program", "efisiensi_anggaran", "persen_sdm", "persen_sarpras")} == {
        "pagu": 2876885603, "realisasi": 2584035835, "penyerapan": 89.82, "capaian_iku": 100.21,
        "iku_di_bawah_target": 1, "capaian_program": 98.93, "efisiensi_anggaran": 10.39, "persen_sdm": 35.00,
        "persen_sarpras": 88.15}
    assert (data["opd"], data["tahun"], data["bulan"]) == ("Kecamatan Bareng", 2024, 12)
    assert [m.visible for m in book.sheets_metadata if m.name == "_data"][0] != [
        m.visible for m in book.sheets_metadata if m.name == "Ringkasan"][0]  # hidden
