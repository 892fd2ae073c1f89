"""``lkjip impor`` (spec section 9, issue 22): SIPD exports in three layouts, imported month by month into a
Realisasi whose Anggaran months are blank, give exactly the office's monthly amounts and the same
results; every conflict, warning and refusal is said; exports are never modified."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import openpyxl
import pytest
import sipd_exports as X
from click.testing import CliRunner
from fixtures import snapshot

from lkjip_xls import cli
from lkjip_xls.api import analyse
from lkjip_xls.inputs import schema as S
from lkjip_xls.inputs.example import load_example
from lkjip_xls.inputs.sipd import import_exports
from lkjip_xls.inputs.templates import write_workbook


@pytest.fixture(scope="module")
def example():
    return load_example()


def blank_months(example: dict, folder: Path) -> Path:
    """The example with Realisasi › Anggaran's months blank (pagu typed): what staff have before importing."""
    data = copy.deepcopy(example)
    for row in data["realisasi"]["Anggaran"]:
        for m in range(1, 13):
            row[f"m{m}"] = None
    folder.mkdir(parents=True)
    for spec in S.WORKBOOKS:
        write_workbook(spec, folder / spec.filename, data.get(spec.kind, {}))
    return folder


def months_in(path: Path) -> dict[str, list]:
    ws = openpyxl.load_workbook(path, data_only=True)["Anggaran"]
    header = [str(c.value or "").removesuffix(" *") for c in ws[S.HEADER_ROW]]
    kode, first = header.index("Kode Sub Kegiatan"), header.index("Jan")
    return {r[kode]: [r[first + m] for m in range(12)] for r in ws.iter_rows(min_row=S.HEADER_ROW + 1, values_only=True)
            if r[kode]}


def test_twelve_months_in_three_layouts_give_the_typed_workbook(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    makers = (X.detail, X.columns, X.summary)
    for month in range(1, 13):
        path = makers[month % 3](exports, anggaran, renja, month)
        before = path.read_bytes()
        report = import_exports([path], data)
        assert path.read_bytes() == before  # the export is never modified
        assert report.written and report.backup.exists()
        assert [i.code for i in report.issues if i.is_error] == []
        f = report.filled[month]
        assert f.workbook_total == f.export_total == sum(X.cumulative(anggaran, month).values())
    shown = months_in(data / "Realisasi.xlsx")
    for row in anggaran:
        assert shown[row["kode"]] == [row.get(f"m{m}") or 0 for m in range(1, 13)], row["kode"]
    typed = analyse(X_folder(example, tmp_path / "typed"), 12)
    imported = analyse(data, 12)
    assert imported.ok
    for key, table in typed.tables.items():
        assert table.frame.equals(imported.tables[key].frame), key


def X_folder(example: dict, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for spec in S.WORKBOOKS:
        write_workbook(spec, folder / spec.filename, example.get(spec.kind, {}))
    return folder


def test_several_exports_at_once_use_each_other_as_the_month_before(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    paths = [X.summary(exports, anggaran, renja, m) for m in (3, 1, 2)]  # any order
    report = import_exports(paths, data)
    assert sorted(report.filled) == [1, 2, 3] and report.written
    shown = months_in(data / "Realisasi.xlsx")
    for row in anggaran:
        assert shown[row["kode"]][:3] == [row.get(f"m{m}") or 0 for m in (1, 2, 3)]


def test_a_falling_cumulative_is_a_warning_and_writes_nothing_for_it(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    import_exports([X.detail(exports, anggaran, renja, m) for m in (1, 2)], data)
    kode = anggaran[0]["kode"]
    lower = X.cumulative(anggaran, 2)[kode] - 1000
    report = import_exports([X.detail(exports, anggaran, renja, 3, override={kode: lower})], data)
    [falling] = [i for i in report.issues if i.code == "impor-kumulatif-turun"]
    assert kode in falling.message and "koreksi" in falling.message
    assert months_in(data / "Realisasi.xlsx")[kode][2] is None  # never a negative month
    assert report.written  # the other sub kegiatan were filled


def test_a_typed_value_that_differs_is_a_conflict_unless_timpa(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    wb = openpyxl.load_workbook(data / "Realisasi.xlsx")
    ws = wb["Anggaran"]
    header = [str(c.value or "").removesuffix(" *") for c in ws[S.HEADER_ROW]]
    ws.cell(S.FIRST_DATA_ROW, header.index("Jan") + 1, 123)
    wb.save(data / "Realisasi.xlsx")
    kode = ws.cell(S.FIRST_DATA_ROW, header.index("Kode Sub Kegiatan") + 1).value
    path = X.columns(exports, anggaran, renja, 1)
    report = import_exports([path], data)
    [conflict] = [i for i in report.issues if i.code == "impor-konflik"]
    assert "Rp123" in conflict.message and "--timpa" in conflict.action
    assert months_in(data / "Realisasi.xlsx")[kode][0] == 123  # left as typed
    report = import_exports([path], data, replace=True)
    assert months_in(data / "Realisasi.xlsx")[kode][0] == next(r.get("m1") for r in anggaran if r["kode"] == kode)
    assert report.backup.exists()


def test_pagu_that_differs_codes_not_in_renja_and_missing_sub_kegiatan_are_said(example, tmp_path):
    anggaran, renja = copy.deepcopy(example["realisasi"]["Anggaran"]), example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    anggaran[0]["pagu_murni"] = int(anggaran[0]["pagu_murni"]) + 5000
    anggaran[0]["pagu_perubahan"] = None
    missing = anggaran.pop(1)
    stray = dict(anggaran[2], kode="7.01.01.2.01.9999", uraian="Sub kegiatan yang tidak ada")
    anggaran.append(stray)
    report = import_exports([X.summary(exports, anggaran, renja, 1)], data)
    codes = {i.code for i in report.issues}
    assert {"impor-pagu-beda", "impor-kode-tidak-ada", "impor-sub-tidak-ada"} <= codes
    stray_issue = next(i for i in report.issues if i.code == "impor-kode-tidak-ada")
    assert "7.01.01.2.01.9999" in stray_issue.message and "Maksud Anda" in stray_issue.message
    assert any(missing["kode"] in i.message for i in report.issues if i.code == "impor-sub-tidak-ada")


def test_a_subtotal_that_does_not_add_up_is_said(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    path = X.summary(exports, anggaran, renja, 1)
    text = path.read_text(encoding="utf-8").splitlines()
    total = next(k for k, line in enumerate(text) if line.startswith(";TOTAL"))
    text[total] = ";TOTAL;;1.000;"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    report = import_exports([path], data)
    assert any(i.code == "impor-total-beda" for i in report.issues)


def test_unrecognised_columns_list_the_headers_and_the_mapping_and_change_nothing(example, tmp_path):
    data = blank_months(example, tmp_path / "data")
    path = tmp_path / "aneh.csv"
    path.write_text("Nomor;Kd Keg Sub;Nama;Belanja s.d. Bulan Ini\n1;7.01.01.2.01.0001;X;100\n", encoding="utf-8")
    before = snapshot(data)
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "1"])
    assert r.exit_code == 1, r.output
    assert "Kd Keg Sub" in r.output and "impor_sipd.toml" in r.output and "[kolom]" in r.output
    assert snapshot(data) == before
    (data / "impor_sipd.toml").write_text('[kolom]\nkode = "Kd Keg Sub"\nrealisasi = "Belanja s.d. Bulan Ini"\n',
                                          encoding="utf-8")
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "1"])
    assert r.exit_code == 0, r.output
    assert months_in(data / "Realisasi.xlsx")["7.01.01.2.01.0001"][0] == 100


def test_month_must_be_known(example, tmp_path):
    data = blank_months(example, tmp_path / "data")
    path = tmp_path / "ekspor.csv"
    path.write_text("Kode;Realisasi\n7.01.01.2.01.0001;100\n", encoding="utf-8")
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data)])
    assert r.exit_code == 2 and "--bulan" in r.output


def test_refused_while_the_workbook_is_open_in_excel(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    (data / "~$Realisasi.xlsx").write_bytes(b"lock")
    before = (data / "Realisasi.xlsx").read_bytes()
    exports = tmp_path / "sipd"
    exports.mkdir()
    r = CliRunner().invoke(cli.main, ["impor", str(X.detail(exports, anggaran, renja, 1)), str(data)])
    assert r.exit_code == 3 and "sedang dibuka" in r.output
    assert (data / "Realisasi.xlsx").read_bytes() == before and not (data / "cadangan").exists()


def test_everything_else_in_the_workbook_is_untouched(example, tmp_path):
    """Only the month cells change: every other cell, style and part of the workbook stays as it was."""
    import zipfile

    from lkjip_xls.inputs.inspect import sheet_parts

    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    before = zipfile.ZipFile(data / "Realisasi.xlsx")
    old = {n: before.read(n) for n in before.namelist()}
    part = sheet_parts(before)["Anggaran"]
    import_exports([X.detail(exports, anggaran, renja, 1)], data)
    after = zipfile.ZipFile(data / "Realisasi.xlsx")
    changed = {n for n in after.namelist() if after.read(n) != old.get(n)}
    assert part in changed and changed <= {part, "xl/workbook.xml"}  # (workbook.xml only to ask for recalculation)
    wb_before = openpyxl.load_workbook(data / "cadangan" / os.listdir(data / "cadangan")[0])
    wb_after = openpyxl.load_workbook(data / "Realisasi.xlsx")
    header = [str(c.value or "").removesuffix(" *") for c in wb_before["Anggaran"][S.HEADER_ROW]]
    january = openpyxl.utils.get_column_letter(header.index("Jan") + 1)
    filled = 0
    for ws in wb_before:
        other = wb_after[ws.title]
        for row in ws.iter_rows():
            for c in row:
                d = other[c.coordinate]
                if ws.title == "Anggaran" and c.value is None and d.value is not None:
                    assert c.column_letter == january and c.row >= S.FIRST_DATA_ROW, c.coordinate  # January only
                    assert d.style_id == c.style_id  # the yellow input style kept
                    filled += 1
                    continue
                assert (c.value, c.style_id) == (d.value, d.style_id), (ws.title, c.coordinate)
    assert filled == len(anggaran)


def test_command_line_summary(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    paths = [X.columns(exports, anggaran, renja, m) for m in (1, 2)]
    r = CliRunner().invoke(cli.main, ["impor", *map(str, paths), str(data)])
    assert r.exit_code == 0, r.output
    assert "Januari:" in r.output and "Februari:" in r.output and "BERBEDA" not in r.output
    assert "file lama disimpan di" in r.output


# Issue 31: the import staff can trust ------------------------------------------------------------------

def shipped_blank(folder: Path) -> Path:
    """The bundled example as shipped (its sub kegiatan without pagu or realisasi included), with the
    Anggaran months cleared as staff have them before importing."""
    import shutil

    from lkjip_xls.inputs.example import packaged_workbooks

    shutil.copytree(packaged_workbooks(), folder)
    wb = openpyxl.load_workbook(folder / "Realisasi.xlsx")
    ws = wb["Anggaran"]
    header = [str(c.value or "").removesuffix(" *") for c in ws[S.HEADER_ROW]]
    first = header.index("Jan")
    for row in ws.iter_rows(min_row=S.HEADER_ROW + 1):
        for m in range(12):
            row[first + m].value = None
    wb.save(folder / "Realisasi.xlsx")
    return folder


@pytest.mark.parametrize("maker", [X.detail, X.columns, X.summary])
def test_the_bundled_example_as_shipped_month_by_month_in_each_layout(example, tmp_path, maker):
    from lkjip_xls.inputs.example import packaged_workbooks

    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    for month in range(1, 13):
        report = import_exports([maker(exports, anggaran, renja, month)], data)
        assert [i.render() for i in report.issues if i.is_error] == []
        assert report.written
    assert months_in(data / "Realisasi.xlsx") == months_in(packaged_workbooks() / "Realisasi.xlsx")


def test_the_bundled_example_as_shipped_all_months_at_once(example, tmp_path):
    from lkjip_xls.inputs.example import packaged_workbooks

    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    paths = [X.columns(exports, anggaran, renja, m) for m in range(1, 13)]
    report = import_exports(paths, data)
    assert [i.render() for i in report.issues if i.is_error] == [] and report.written
    assert months_in(data / "Realisasi.xlsx") == months_in(packaged_workbooks() / "Realisasi.xlsx")
    # and again into the shipped workbook itself: every month is already there, nothing changes
    import shutil

    shipped = tmp_path / "shipped"
    shutil.copytree(packaged_workbooks(), shipped)
    before = (shipped / "Realisasi.xlsx").read_bytes()
    again = import_exports(paths, shipped)
    assert not again.written and [i for i in again.issues if i.is_error] == []
    assert (shipped / "Realisasi.xlsx").read_bytes() == before


def _retitle(path: Path, title: str, name: str | None = None) -> Path:
    wb = openpyxl.load_workbook(path)
    wb.active["A2"] = title
    out = path.with_name(name) if name else path
    wb.save(out)
    return out


def test_a_period_title_gives_the_month_it_ends_in(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    for m in (1, 2):
        import_exports([X.columns(exports, anggaran, renja, m)], data)
    march = _retitle(X.detail(exports, anggaran, renja, 3), "Periode: 1 Januari 2024 s.d. 31 Maret 2024",
                     "realisasi_rincian.xlsx")
    report = import_exports([march], data)
    assert [e.month for e in report.exports] == [3] and report.written
    shown = months_in(data / "Realisasi.xlsx")
    for row in anggaran:
        assert shown[row["kode"]][:4] == [row.get(f"m{m}") or 0 for m in (1, 2, 3)] + [None], row["kode"]


def test_a_title_and_a_file_name_that_disagree_stop_and_ask_for_the_month(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    path = _retitle(X.detail(exports, anggaran, renja, 3), "Periode: 1 Januari 2024 s.d. 31 Maret 2024",
                    "realisasi_januari.xlsx")
    before = snapshot(data)
    result = CliRunner().invoke(cli.main, ["impor", str(path), str(data)])
    assert result.exit_code == 2 and "tidak pasti" in result.output
    assert "Maret" in result.output and "Januari" in result.output and "--bulan" in result.output
    assert snapshot(data) == before
    # with the month said, it goes in
    result = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "Maret"])
    assert "bulan Maret" in result.output


def test_a_new_office_right_after_siapkan_gets_its_pagu_from_the_export(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from offices import kominfo, write_office

    from lkjip_xls.inputs.prepare import prepare

    office = kominfo()
    anggaran, renja = office["realisasi"]["Anggaran"], office["renja"]["Renja"]
    murni = {r["kode"]: r["pagu_murni"] for r in anggaran}
    # the export carries the pagu after Perubahan where there is one (SIPD's current pagu)
    expected = {r["kode"]: X.pagu(r) for r in anggaran}

    def fresh(data):
        data["realisasi"]["Anggaran"] = []
        data["realisasi"]["Kinerja"] = []

    data = write_office(tmp_path / "data", office, fresh)
    prepare(data)  # the rows of Anggaran are made, only their codes filled
    exports = tmp_path / "sipd"
    exports.mkdir()
    report = import_exports([X.columns(exports, anggaran, renja, 1, year=2025)], data)
    assert [i.render() for i in report.issues if i.is_error] == [] and report.written
    said = [i for i in report.issues if i.code == "impor-pagu-diisi"]
    assert len(said) == 1 and f"Pagu Murni {len(anggaran)} sub kegiatan" in said[0].message
    wb = openpyxl.load_workbook(data / "Realisasi.xlsx")
    ws = wb["Anggaran"]
    header = [str(c.value or "").removesuffix(" *") for c in ws[S.HEADER_ROW]]
    kode, pagu, jan = header.index("Kode Sub Kegiatan"), header.index("Pagu Murni"), header.index("Jan")
    got = {r[kode]: (r[pagu], r[jan]) for r in ws.iter_rows(min_row=S.HEADER_ROW + 1, values_only=True) if r[kode]}
    for r in anggaran:
        assert got[r["kode"]] == (expected[r["kode"]], r["m1"]), r["kode"]
    assert murni  # (the murni pagu of a sub kegiatan with a Perubahan stays for staff to type: the warning says so)


def test_files_that_are_not_exports_are_refused_saying_what_they_are(tmp_path, example):
    import shutil

    from lkjip_xls.inputs.example import packaged_workbooks

    data = shutil.copytree(packaged_workbooks(), tmp_path / "data")
    out = tmp_path / "hasil"
    assert CliRunner().invoke(cli.main, ["proses", str(data), "--output", str(out)]).exit_code == 0
    results = next(out.glob("LKjIP_*_12.xlsx"))
    assert CliRunner().invoke(cli.main, ["laporan", str(data), "--output", str(out)]).exit_code == 0
    word = next(out.glob("LKjIP_*.docx"))
    disguised = tmp_path / "realisasi_maret.xlsx"
    disguised.write_bytes(word.read_bytes())
    before = snapshot(data)
    for path, what in ((results, "workbook hasil lkjip"), (word, "dokumen Word"), (disguised, "dokumen Word"),
                       (data / "Renja.xlsx", "workbook isian lkjip")):
        result = CliRunner().invoke(cli.main, ["impor", str(path), str(data)])
        assert result.exit_code == 1, (path, result.output)
        assert f"adalah {what}" in result.output and "bukan ekspor SIPD" in result.output
        assert "Buka di Excel" not in result.output and "Error" not in result.output
        assert result.output.count("\n") <= 2  # one sentence, no list of nonsense warnings
    assert snapshot(data) == before


def test_the_summary_agrees_with_what_was_written(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    path = X.columns(exports, anggaran, renja, 1)
    first = CliRunner().invoke(cli.main, ["impor", str(path), str(data)])
    assert first.exit_code == 0
    filled = sum(1 for r in anggaran if r.get("m1") is not None)
    assert f"Januari: {filled} sel diisi" in first.output and "diperbarui" in first.output
    assert "tidak ada sel" not in first.output.lower()
    again = CliRunner().invoke(cli.main, ["impor", str(path), str(data)])
    assert "Januari: tidak ada sel kosong yang perlu diisi" in again.output
    assert "sel diisi" not in again.output and "Workbook tidak diubah" in again.output
    # a month cell that cannot be read: an error, and no line says a cell was filled
    wb = openpyxl.load_workbook(data / "Realisasi.xlsx")
    ws = wb["Anggaran"]
    header = [str(c.value or "").removesuffix(" *") for c in ws[S.HEADER_ROW]]
    ws.cell(S.HEADER_ROW + 1, header.index("Jan") + 1).value = "sekitar 5 juta"
    wb.save(data / "Realisasi.xlsx")
    bad = CliRunner().invoke(cli.main, ["impor", str(X.columns(exports, anggaran, renja, 2)), str(data)])
    assert bad.exit_code == 1 and "sel diisi" not in bad.output and "workbook tidak diubah" in bad.output


def test_a_recurring_warning_is_said_once_with_a_count(example, tmp_path):
    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = shipped_blank(tmp_path / "data")
    exports = tmp_path / "sipd"
    exports.mkdir()
    report = import_exports([X.columns(exports, anggaran, renja, 3)], data)  # March alone: Jan and Feb blank
    gaps = [i for i in report.issues if i.code == "impor-bulan-sebelumnya"]
    assert len(gaps) == 1 and not report.written
    n = len([r for r in anggaran])
    assert f"Hal yang sama untuk {n - 1} lainnya" in gaps[0].message


def test_a_mapping_suggestion_names_only_columns_of_the_file(tmp_path):
    import xlsxwriter

    from lkjip_xls.inputs.sipd import read_export
    from lkjip_xls.issues import UserError

    path = tmp_path / "aneh.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    rows = [["No", "Kd. Sub", "Nama", "Nilai DPA", "Terpakai", "%"],
            [1, "7.01.01.2.01.0001", "Penyusunan", 3006500, 149740, "4,98"],
            [2, "7.01.01.2.01.0002", "Koordinasi", 5000000, 250000, "5,00"]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.close()
    with pytest.raises(UserError) as info:
        read_export(path, 3, None)
    text = info.value.message
    assert 'kode = "Kd. Sub"' in text and 'realisasi = "Terpakai"' in text and 'pagu = "Nilai DPA"' in text
    assert '"No"' not in text and '"%"' not in text and "Anggaran" not in text


def test_a_decimal_rupiah_is_echoed_the_indonesian_way(example, tmp_path):
    from lkjip_xls.inputs.reader import read_cell
    from lkjip_xls.issues import ERROR

    field = next(f for f in S.REALISASI.sheet("Anggaran").fields if f.key == "m1")
    cell = read_cell(field, "6.054,24", "E5")
    assert cell.severity == ERROR
    assert "6.054,24" in cell.message and "6054.24" not in cell.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "cp1252"])
def test_a_csv_export_in_any_encoding_excel_writes(example, tmp_path, encoding):
    """Excel's "Unicode Text" is UTF-16 with a byte-order mark; an older Excel writes Windows-1252."""
    data = blank_months(example, tmp_path / "data")
    path = tmp_path / "ekspor.csv"
    text = "Kode;Nama Sub Kegiatan;Realisasi\n7.01.01.2.01.0001;Penyusunan Dokumen Perencanaan – Renja;100\n"
    raw = text.encode(encoding) if encoding != "utf-16-be" else b"\xfe\xff" + text.encode("utf-16-be")
    path.write_bytes(raw)
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "1"])
    assert r.exit_code == 0, r.output
    assert months_in(data / "Realisasi.xlsx")["7.01.01.2.01.0001"][0] == 100


def test_a_csv_export_larger_than_any_export_is_refused_unread(example, tmp_path):
    data = blank_months(example, tmp_path / "data")
    path = tmp_path / "ekspor.csv"
    with open(path, "wb") as fh:
        fh.write(b"Kode;Realisasi\n")
        fh.truncate(200 * 2**20)  # sparse: 200 MB on paper
    before = snapshot(data)
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "1"])
    assert r.exit_code == 1 and "terlalu besar" in r.output, r.output
    assert snapshot(data) == before


def test_a_password_protected_export_is_called_so(example, tmp_path):
    """An encrypted .xlsx is an OLE container holding 'EncryptedPackage': not "damaged"."""
    data = blank_months(example, tmp_path / "data")
    path = tmp_path / "ekspor.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
                     + bytes(2048))
    r = CliRunner().invoke(cli.main, ["impor", str(path), str(data), "--bulan", "1"])
    assert r.exit_code == 1 and "kata sandi" in r.output and "rusak" not in r.output, r.output


def test_a_workbook_whose_rows_and_cells_leave_their_position_implicit(example, tmp_path):
    """Some generators write <row> and <c> without r= (each follows the previous one): the import finds
    and fills the same cells as in Excel's own file."""
    import re
    import zipfile

    from hostile import rewrite_zip, sheet_part

    anggaran, renja = example["realisasi"]["Anggaran"], example["renja"]["Renja"]
    data = blank_months(example, tmp_path / "data")
    book = data / "Realisasi.xlsx"
    part = sheet_part(book, "Anggaran")
    with zipfile.ZipFile(book) as z:
        xml = z.read(part)
    stripped = re.sub(rb'(<row\b[^>]*?) r="\d+"', rb"\1", xml)
    stripped = re.sub(rb'(<c\b[^>]*?) r="[A-Z]+\d+"', rb"\1", stripped)
    assert b"<row>" in stripped or b"<row " in stripped and b' r="A' not in stripped
    tmp = book.with_name("x.xlsx")
    rewrite_zip(book, tmp, {part: stripped})
    tmp.replace(book)
    exports = tmp_path / "sipd"
    exports.mkdir()
    r = CliRunner().invoke(cli.main, ["impor", str(X.detail(exports, anggaran, renja, 1)), str(data)])
    assert r.exit_code == 0, r.output
    expected = X.cumulative(anggaran, 1)
    got = months_in(book)
    assert all(got[k][0] == v for k, v in expected.items() if v), (expected, got)
