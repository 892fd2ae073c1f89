"""Reading the five workbooks: round trip, templates, the example's figures, and broken inputs."""

from __future__ import annotations

import filecmp
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from conftest import beyond_example, make_folder, row_of
from fixtures import delete_sheet, find_cell, set_cells

from lkjip_xls.inputs import schema as S
from lkjip_xls.api import analyse, validate
from lkjip_xls.inputs.example import load_example
from lkjip_xls.inputs.reader import read_folder
from lkjip_xls.inputs.templates import write_templates

ROOT = Path(__file__).resolve().parents[1]


def test_committed_templates_are_what_the_command_writes(tmp_path):
    written = write_templates(tmp_path).written
    assert len(written) == 5
    for path in written:
        committed = ROOT / "input_templates" / path.name
        assert committed.exists(), f"{committed} missing: run python scripts/regenerate.py"
        assert filecmp.cmp(path, committed, shallow=False), f"{path.name} differs: run python scripts/regenerate.py"


def test_template_has_marker_petunjuk_and_input_features(tmp_path):
    write_templates(tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "Renja.xlsx")
    assert wb.sheetnames[0] == "Petunjuk"
    marker = wb[S.MARKER_SHEET]
    assert marker.sheet_state == "hidden" and marker["A1"].value == "lkjip-xls" and marker["A2"].value == "renja"
    ws = wb["Renja"]
    assert ws.protection.sheet and ws.freeze_panes == "A4"
    # input columns are unlocked through their column format; the header cells stay locked
    assert wb._protections[ws.column_dimensions["A"]._style.protectionId].locked is False
    assert ws["A3"].protection.locked is True
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    assert lists["B4"] == '"Program,Kegiatan,Sub Kegiatan"'
    assert lists["I4"] == '"Positif,Negatif"' and lists["J4"] == '"Jumlah,Rata-rata,Terakhir"'
    prompts = [dv for dv in ws.data_validations.dataValidation if dv.prompt]
    assert len({str(dv.sqref) for dv in prompts}) >= len(S.RENJA.sheets[0].fields)
    pk = openpyxl.load_workbook(tmp_path / "PK.xlsx")["Sasaran Program"]
    prog = {dv.formula1: dv.errorStyle for dv in pk.data_validations.dataValidation if dv.type == "list"}
    assert prog["'Daftar Program'!$A$4:$A$5000"] == "warning"  # empty until siapkan: warns, never refuses
    assert prog["'Sasaran Strategis'!$A$4:$A$5000"] == "warning"
    daftar = openpyxl.load_workbook(tmp_path / "PK.xlsx")["Daftar Program"]
    assert daftar["A4"].value is None  # no office's codes assumed
    rb = openpyxl.load_workbook(tmp_path / "Realisasi.xlsx")
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    money = rb["Anggaran"].column_dimensions["C"]._style.numFmtId  # pagu murni
    assert BUILTIN_FORMATS[money] == "#,##0"


def test_round_trip_example_reads_back_equal(example_dir):
    """Every value typed in the example's CSV source reads back from its workbooks. Sheets whose rows
    siapkan makes from Renja/PK are compared by their key (their order and extra empty rows come from
    Renja/PK); every other sheet row by row."""
    raw, issues = read_folder(example_dir)
    assert issues == []
    data = load_example()
    keyed = {"Kinerja": ("kode", "indikator"), "Anggaran": ("kode",), "Anggaran Kas": ("kode",),
             "IKU": ("indikator", "bulan"), "Pembanding": ("kode", "indikator")}
    for spec in S.WORKBOOKS:
        for sheet in spec.sheets:
            expected = data[spec.kind].get(sheet.name)
            if sheet.form:
                got = raw.form(spec.kind, sheet.name).values
                for k, v in (expected or {}).items():
                    assert got[k] == (v if v is not None else sheet.fields[[f.key for f in sheet.fields].index(k)].default)
                continue
            frame = raw.table(spec.kind, sheet.name).frame
            if expected is None or sheet.generated:
                continue
            typed = [f for f in sheet.fields if not f.derived]

            def norm(f, v):
                v = f.default if v is None else v
                return S.BULAN.index(v) + 1 if f.type == "month" and isinstance(v, str) else v
            got_rows = frame.to_dict("records")
            if sheet.name in keyed:
                index = {tuple(r[k] for k in keyed[sheet.name]): r for r in got_rows}
                for exp in expected:
                    key = tuple(norm(next(f for f in sheet.fields if f.key == k), exp.get(k)) for k in keyed[sheet.name])
                    assert key in index, (sheet.name, key)
                    for f in typed:
                        assert index[key][f.key] == norm(f, exp.get(f.key)), (sheet.name, key, f.key)
                continue
            assert len(got_rows) == len(expected), sheet.name
            for got, exp in zip(got_rows, expected):
                for f in typed:
                    assert got[f.key] == norm(f, exp.get(f.key)), (sheet.name, got["row"], f.key)


def test_example_reads_back_to_the_report(example_dir):
    data, issues = validate(example_dir)
    assert issues == []
    ang = data.anggaran.frame
    assert sum(ang["pagu"]) == 2_876_885_603
    real = {r.kode: sum(getattr(r, f"m{i}") or 0 for i in range(1, 13)) for r in ang.itertuples()}
    assert sum(real.values()) == 2_584_035_835
    assert real["7.01.01.2.02.0001"] == 1_974_870_391 and real["7.01.04.2.01.0002"] == 28_302_800
    assert (sum(data.jabatan.frame["kebutuhan"]), sum(data.jabatan.frame["tersedia"])) == (40, 14)
    sp = data.sarpras.frame
    assert len(sp) == 74 and sum(min(a, b) for a, b in zip(sp["hasil_rekon"], sp["standar"])) == 253
    assert sum(sp["standar"]) == 287


def test_renamed_files_are_still_recognised(example_copy):
    (example_copy / "Renja.xlsx").rename(example_copy / "rencana kerja FINAL (2).xlsx")
    (example_copy / "PK.xlsx").rename(example_copy / "perjanjian.xlsx")
    r = analyse(example_copy, 12)
    assert r.ok and r.data.files["renja"].name == "rencana kerja FINAL (2).xlsx"


# One broken fixture per kind of problem: the exact (workbook, sheet, cell, code) list found.

def _found(folder, month=12, errors_only=False):
    r = analyse(folder, month)
    return [(i.workbook, i.sheet, i.cell, i.code) for i in beyond_example(r.issues) if i.is_error or not errors_only], r


def test_missing_workbook(example_copy):
    (example_copy / "ABK.xlsx").unlink()
    found, _ = _found(example_copy)
    assert found == [("", "", "", "workbook-tidak-ada")]


def test_two_workbooks_of_one_kind(example_copy):
    shutil.copy(example_copy / "Renja.xlsx", example_copy / "Renja lama.xlsx")
    found, _ = _found(example_copy)
    assert found == [("Renja.xlsx", "", "", "workbook-ganda")]


def test_missing_sheet(example_copy):
    delete_sheet(example_copy / "Realisasi.xlsx", "IKU")
    found, _ = _found(example_copy)
    assert found == [("Realisasi.xlsx", "IKU", "", "sheet-tidak-ada")]


def test_renamed_required_column(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "IKU", {"A3": "Nama IKU"})
    found, _ = _found(example_copy)
    assert found == [("Realisasi.xlsx", "IKU", "baris 3", "kolom-tidak-ada")]


def test_text_in_numeric_cell(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"E4": "dua juta"})
    found, r = _found(example_copy)
    assert found == [("Realisasi.xlsx", "Anggaran", "E4", "isian-tidak-valid")]
    assert "dua juta" in r.issues[0].message and "Ketik rupiah" in r.issues[0].action


def test_indonesian_number_text_is_accepted_with_a_warning(example_copy):
    set_cells(example_copy / "PK.xlsx", "Sasaran Strategis", {"D4": "74,30"})
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"C4": "3.006.500"})
    found, r = _found(example_copy)
    assert found == [("PK.xlsx", "Sasaran Strategis", "D4", "angka-teks"),
                     ("Realisasi.xlsx", "Anggaran", "C4", "angka-teks")]
    assert r.ok and r.tables["3.1"].frame.iloc[0]["capaian"] == D("99.04")


def test_ambiguous_number_text_is_an_error(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Riwayat", {"F6": "6.719"})
    found, r = _found(example_copy)
    assert found == [("Realisasi.xlsx", "Riwayat", "F6", "isian-tidak-valid")]
    assert "6719 atau 6,719" in r.issues[0].message


def test_negative_amount(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"F5": -1000})
    assert _found(example_copy)[0] == [("Realisasi.xlsx", "Anggaran", "F5", "isian-tidak-valid")]


def test_fraction_of_rupiah(example_copy):
    set_cells(example_copy / "PK.xlsx", "Sasaran Program", {"F4": 2717989953.5})
    assert _found(example_copy)[0] == [("PK.xlsx", "Sasaran Program", "F4", "isian-tidak-valid")]


def test_value_not_in_choices(example_copy):
    set_cells(example_copy / "Renja.xlsx", "Renja", {"I5": "Tinggi"})
    assert _found(example_copy)[0] == [("Renja.xlsx", "Renja", "I5", "isian-tidak-valid")]


def test_required_cell_blank(example_copy):
    set_cells(example_copy / "Renja.xlsx", "Renja", {"E6": None})
    assert _found(example_copy)[0] == [("Renja.xlsx", "Renja", "E6", "wajib-diisi")]


def test_blank_rows_in_the_middle_are_accepted(tmp_path):
    def edit(data):
        rows = data["sarpras"]["Sarpras"]
        data["sarpras"]["Sarpras"] = rows[:10] + [{}, {}] + rows[10:]
    r = analyse(make_folder(tmp_path, edit), 12)
    assert r.ok and beyond_example(r.issues) == []
    assert r.tables["3.17"].frame.iloc[-1]["persen"] == D("88.15")


def test_duplicate_kode_in_anggaran(tmp_path):
    def edit(data):
        data["realisasi"]["Anggaran"].append(dict(data["realisasi"]["Anggaran"][0]))
    found, _ = _found(make_folder(tmp_path, edit))
    assert found == [("Realisasi.xlsx", "Anggaran", "A29", "kode-ganda")]


def test_kode_that_does_not_fit_the_hierarchy(tmp_path):
    def edit(data):
        for sheet in (data["renja"]["Renja"], data["realisasi"]["Kinerja"], data["realisasi"]["Anggaran"]):
            for r in sheet:
                if r["kode"] == "7.01.01.2.05.0002":
                    r["kode"] = "7.01.01.2.55.0002"
    found, _ = _found(make_folder(tmp_path, edit))
    assert found == [("Renja.xlsx", "Renja", "A14", "hierarki-tidak-cocok")]


def test_kode_malformed_and_level_mismatch(tmp_path):
    def edit(data):
        row_of(data["renja"]["Renja"], kode="7.01.01.2.01.0001")["level"] = "Kegiatan"
        data["renja"]["Renja"].append(dict(kode="7.01.x", level="Program", uraian="X", indikator="Y"))
    found, _ = _found(make_folder(tmp_path, edit))
    assert found == [("Renja.xlsx", "Renja", "B6", "level-tidak-cocok"), ("Renja.xlsx", "Renja", "A52", "kode-tidak-valid")]


def test_repeated_kode(tmp_path):
    def edit(data):
        rows = data["renja"]["Renja"]
        rows.append(dict(rows[2]))
    found, _ = _found(make_folder(tmp_path, edit))
    assert found == [("Renja.xlsx", "Renja", "A52", "kode-berulang"), ("Renja.xlsx", "Renja", "E52", "indikator-ganda")]


def test_program_in_abk_not_in_renja_and_jabatan_without_program(tmp_path):
    def edit(data):
        data["abk"]["Jabatan"][0]["program_1"] = "7.01.09"
        data["abk"]["Jabatan"][1]["program_1"] = None
    found, _ = _found(make_folder(tmp_path, edit))
    assert found == [("ABK.xlsx", "Jabatan", "E4", "program-tidak-di-renja"),
                     ("ABK.xlsx", "Jabatan", "E5", "jabatan-tanpa-program")]


def test_realisasi_above_pagu(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"P4": 9_000_000})
    found, r = _found(example_copy, 12)
    assert found == [("Realisasi.xlsx", "Anggaran", "A4", "realisasi-melebihi-pagu")]
    assert "bukan kumulatif" in r.issues[0].action


def test_month_filled_after_the_period(example_dir):
    found, r = _found(example_dir, 6)
    late = [f for f in found if f[3] == "bulan-setelah-periode"]
    assert late[0] == ("Realisasi.xlsx", "Anggaran", "K4", "bulan-setelah-periode")
    assert r.ok  # warnings only


def test_gap_in_monthly_data(example_copy):
    path = example_copy / "Realisasi.xlsx"
    feb = find_cell(path, "Kinerja", "m2", indikator="Jumlah Laporan Penyediaan Jasa Komunikasi")  # Jumlah
    set_cells(path, "Kinerja", {feb: None})
    found, r = _found(example_copy, 12)
    assert found == [("Realisasi.xlsx", "Kinerja", feb, "bulan-kosong")]


def test_target_without_realisasi(example_copy):
    path = example_copy / "Realisasi.xlsx"
    months = [find_cell(path, "Kinerja", f"m{i}", indikator="Persentase rata-rata capaian") for i in range(1, 13)]
    set_cells(path, "Kinerja", {ref: None for ref in months})
    found, r = _found(example_copy, 12)
    assert found == [("Realisasi.xlsx", "Kinerja", months[0], "belum-ada-realisasi")]
    assert r.tables["3.3"].frame.iloc[0]["realisasi"] == "belum ada data"


def test_realisasi_without_target(tmp_path):
    def edit(data):
        data["realisasi"]["Kinerja"].append(dict(kode="7.01.01.2.07.0009", indikator="Jumlah Unit Gedung Kantor atau "
                                                 "Bangunan Lainnya yang Disediakan", m1=1))
    found, _ = _found(make_folder(tmp_path, edit), 12)
    assert found == [("Renja.xlsx", "Renja", "G23", "realisasi-tanpa-target")]


def test_old_template_version(example_copy):
    set_cells(example_copy / "Sarpras.xlsx", S.MARKER_SHEET, {"A3": 0})
    found, _ = _found(example_copy)
    assert found == [("Sarpras.xlsx", S.MARKER_SHEET, "A3", "versi-templat"), ("", "", "", "workbook-tidak-ada")]


def test_workbook_of_unknown_kind_and_plain_xlsx_are_ignored(example_copy):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "catatan pribadi"
    wb.save(example_copy / "catatan.xlsx")
    found, r = _found(example_copy)
    assert found == [("catatan.xlsx", "", "", "bukan-templat")] and r.ok


@pytest.mark.parametrize("name, content, words", [
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "berformat Excel lama (.xls)"),
    ("rahasia.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
     "dilindungi kata sandi"),
    ("acak.xlsx", bytes(range(256)) * 4, "bukan workbook Excel"),
    ("kosong.xlsx", b"", "file kosong"),
])
def test_foreign_files_get_their_own_message(example_copy, name, content, words):
    (example_copy / name).write_bytes(content)
    r = analyse(example_copy, 12)
    issue = [i for i in r.issues if i.workbook == name][0]
    assert issue.code == "file-tidak-terbaca" and words in issue.message


def test_packaged_example_workbooks_are_what_siapkan_makes():
    """One source of truth: the shipped example is the CSV source put through siapkan's derivation."""
    from lkjip_xls.inputs.example import packaged_workbooks
    from lkjip_xls.inputs.prepare import example_workbooks

    for name, data in example_workbooks(load_example()).items():
        assert (packaged_workbooks() / name).read_bytes() == data, \
            f"{name} is stale: run python scripts/regenerate.py"


# --- the short way for plain numbers (issue 24) must give what the long way gives ------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lkjip_xls.inputs.reader import read_cell  # noqa: E402
from lkjip_xls.inputs.reader import SheetFacts as _Facts  # noqa: E402

_FIELDS = [S.Field("x", "X", t, required=r) for t in ("decimal", "int", "money", "year") for r in (False, True)]


@settings(max_examples=400, deadline=None)
@given(raw=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10).map(float),
                     st.sampled_from([0.0, -0.0, 1e-6, 9.999999999999999e-07, 1e15, 1e15 + 2, 2024.0, 0.5,
                                      73.59, -3.0, 2717989953.0]),
                     st.decimals(min_value=-10**16, max_value=10**16, places=3).map(float)),
       field=st.sampled_from(_FIELDS))
@example(raw=-0.0, field=_FIELDS[0])
def test_plain_number_short_way_equals_the_long_way(raw, field):
    """read_cell without facts takes a short way for stored floats; with (empty) facts it takes the full
    way. Value, its exact Decimal form (exponent, sign) and any problem must be the same."""
    short, full = read_cell(field, raw, "C6"), read_cell(field, raw, "C6", _Facts())
    assert (short.severity, short.code, short.message) == (full.severity, full.code, full.message)
    assert type(short.value) is type(full.value)
    if isinstance(full.value, D):
        assert short.value.as_tuple() == full.value.as_tuple()
    else:
        assert short.value == full.value


_TEXT_FIELDS = [S.Field("x", "X", t, required=r, max_length=m, default=d) for t in ("text", "code")
                for r in (False, True) for m in (None, 8) for d in (None, "Positif")]


@settings(max_examples=500, deadline=None)
@given(raw=st.one_of(st.text(max_size=14), st.sampled_from([None, "", "Positif", " Positif", "a  b", "#N/A", "#n/a", "-", "na",
                                                            "NULL", "1.02.01", "1.02. 01", "x\ty", "Alt\nEnter",
                                                            "panjang sekali", "\u00a0x", "x\u200b"])),
       field=st.sampled_from(_TEXT_FIELDS))
def test_plain_text_short_way_equals_the_long_way(raw, field):
    """The short way for plain text and empty cells (read_cell without facts) gives what the full way gives."""
    short, full = read_cell(field, raw, "C6"), read_cell(field, raw, "C6", _Facts())
    assert (short.value, short.severity, short.code, short.message) == \
        (full.value, full.severity, full.code, full.message)
