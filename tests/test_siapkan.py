"""`lkjip siapkan` (issue 12): the other workbooks derived from Renja and PK, nothing typed ever lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import beyond_example
from fixtures import snapshot, type_into
from offices import kominfo, write_office

from lkjip_xls import cli
from lkjip_xls.inputs import schema as S
from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import load_example, packaged_workbooks
from lkjip_xls.inputs.prepare import prepare

DATA = Path(__file__).parent / "data"
KEYS = {"Kinerja": ("kode", "indikator"), "Anggaran": ("kode",), "Anggaran Kas": ("kode",), "IKU": ("indikator",),
        "Pembanding": ("kode", "indikator")}


def only_renja_and_pk(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("Renja.xlsx", "PK.xlsx"):
        shutil.copy(src / name, dest / name)
    return dest


def type_office(folder: Path, data: dict):
    """Staff type the office's realisasi, ABK and sarpras into what siapkan made."""
    realisasi = {k: v for k, v in data["realisasi"].items()}
    type_into(folder / "Realisasi.xlsx", realisasi, KEYS)
    type_into(folder / "ABK.xlsx", data["abk"])
    type_into(folder / "Sarpras.xlsx", data["sarpras"])


def same_tables(a, b):
    assert a.ok and b.ok, ([i.render() for i in a.issues][:3], [i.render() for i in b.issues][:3])
    for key in a.tables:
        fa, fb = a.tables[key].frame, b.tables[key].frame
        assert fa.equals(fb), key


def test_from_renja_and_pk_alone_every_derived_row_is_made(tmp_path):
    folder = only_renja_and_pk(packaged_workbooks(), tmp_path / "data")
    reports, issues = prepare(folder)
    assert {r.workbook: r.action for r in reports} == {"Renja.xlsx": "tidak berubah", "PK.xlsx": "tidak berubah",
                                                       "Realisasi.xlsx": "dibuat", "ABK.xlsx": "dibuat",
                                                       "Sarpras.xlsx": "dibuat"}
    assert issues == []
    wb = openpyxl.load_workbook(folder / "Realisasi.xlsx")
    renja = analyse(packaged_workbooks(), 12).data.renja.frame
    kinerja = [(r[0].value, r[2].value, r[4].value) for r in wb["Kinerja"].iter_rows(min_row=4) if r[0].value]
    assert kinerja == [(k, i, s) for k, i, s in zip(renja["kode"], renja["indikator"], renja["sifat"])]
    assert wb["Kinerja"]["A4"].protection.locked and not wb["Kinerja"]["F4"].protection.locked  # kode grey, Jan typed
    subs = [k for k, lvl in zip(renja["kode"], renja["level"]) if lvl == "Sub Kegiatan"]
    assert [r[0].value for r in wb["Anggaran"].iter_rows(min_row=4) if r[0].value] == list(dict.fromkeys(subs))
    assert [r[0].value for r in wb["IKU"].iter_rows(min_row=4) if r[0].value] == [
        "Nilai Evaluasi AKIP Kecamatan Bareng", "Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Bareng"]
    assert wb["Identitas"]["B4"].value == 2024  # one Tahun: from the PK
    programs = [r[0].value for r in openpyxl.load_workbook(folder / "ABK.xlsx")["Daftar Program"].iter_rows(min_row=4)
                if r[0].value]
    assert programs == list(dict.fromkeys(k for k, lvl in zip(renja["kode"], renja["level"]) if lvl == "Program"))


@pytest.mark.parametrize("office", ["contoh", "kominfo"])
def test_typing_into_what_siapkan_made_gives_the_tables_of_the_office_typed_by_hand(tmp_path, office):
    if office == "contoh":
        data, by_hand = load_example(), packaged_workbooks()
    else:
        data = kominfo()
        by_hand = write_office(tmp_path / "tangan", data)
    folder = only_renja_and_pk(by_hand, tmp_path / "data")
    prepare(folder)
    type_office(folder, data)
    same_tables(analyse(folder, 12), analyse(by_hand, 12))


def test_the_bundled_example_is_what_siapkan_makes(example_copy):
    before = snapshot(example_copy)
    reports, issues = prepare(example_copy)
    assert issues == [] and {r.action for r in reports} == {"tidak berubah"}
    assert snapshot(example_copy) == before


def _renja_changed(folder: Path):
    """Staff edit the Renja: one sub kegiatan indicator is dropped, a new sub kegiatan is added."""
    wb = openpyxl.load_workbook(folder / "Renja.xlsx")
    ws = wb["Renja"]
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 5).value == "Jumlah Paket Bahan Logistik Kantor yang "
            "Disediakan"]
    ws.delete_rows(rows[0])
    last = max(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value) + 1
    for c, v in enumerate(["7.01.03.2.01.0009", "Sub Kegiatan", "Pelatihan Kader Desa", "Meningkatnya kapasitas kader",
                           "Jumlah kader yang dilatih", "orang", 40, None, "Positif", "Jumlah"], start=1):
        ws.cell(last, c).value = v
    wb.save(folder / "Renja.xlsx")


def typed_cells(path: Path) -> dict:
    """Every cell staff type in Realisasi, by sheet and row key: what must survive siapkan."""
    from lkjip_xls.inputs import matching as M
    from lkjip_xls.inputs.prepare import read_raw

    raw = read_raw(path, S.REALISASI)
    out = {}
    for sheet in S.REALISASI.sheets:
        if sheet.form or sheet.generated:
            continue
        for i, row in enumerate(raw.tables.get(sheet.name).rows if sheet.name in raw.tables else []):
            key = tuple(M.key(row.get(k)) for k in KEYS.get(sheet.name, ())) or (i,)
            for f in sheet.fields:
                if not (f.derived or f.prefill) and row.get(f.key) is not None:
                    out[(sheet.name, key, f.key)] = row[f.key]
    return out


def test_rerun_after_the_renja_changed_keeps_every_typed_value(example_copy):
    path = example_copy / "Realisasi.xlsx"
    before_bytes = path.read_bytes()
    before = typed_cells(path)
    _renja_changed(example_copy)
    reports, issues = prepare(example_copy)
    realisasi = next(r for r in reports if r.workbook == "Realisasi.xlsx")
    # the new sub kegiatan gets a Kinerja, an Anggaran and an Anggaran Kas row; the dropped one's move
    assert realisasi.action == "diperbarui" and realisasi.added == 3 and realisasi.moved == 3
    assert realisasi.backup.read_bytes() == before_bytes and realisasi.backup.parent.name == "cadangan"
    after = typed_cells(path)
    gone = {k: v for k, v in before.items() if k not in after}
    assert {k[0] for k in gone} == {"Kinerja", "Anggaran", "Anggaran Kas"}  # the dropped sub kegiatan's rows
    assert all(after[k] == v for k, v in before.items() if k in after)
    # every value of the dropped rows is in 'Baris Tidak Terpakai'
    parked = [c.value for row in openpyxl.load_workbook(path)["Baris Tidak Terpakai"].iter_rows() for c in row]
    assert all(v in parked for v in gone.values())
    assert [i.code for i in issues] == ["baris-dipindah"] * 3
    kinerja = [r[2].value for r in openpyxl.load_workbook(path)["Kinerja"].iter_rows(min_row=4)]
    assert kinerja.count("Jumlah kader yang dilatih") == 1
    r = analyse(example_copy, 12)
    assert not [i for i in r.issues if i.is_error], [i.render() for i in r.issues if i.is_error]


def test_rerun_refuses_a_workbook_open_in_excel(example_copy):
    _renja_changed(example_copy)
    (example_copy / "~$Realisasi.xlsx").write_bytes(b"lock")
    before = (example_copy / "Realisasi.xlsx").read_bytes()
    reports, issues = prepare(example_copy)
    assert next(r for r in reports if r.workbook == "Realisasi.xlsx").action == "dilewati"
    assert (example_copy / "Realisasi.xlsx").read_bytes() == before
    assert any(i.code == "workbook-terbuka" and i.workbook == "Realisasi.xlsx" for i in issues)


def test_formulas_text_in_number_cells_and_extra_columns_survive(example_copy):
    path = example_copy / "Realisasi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Anggaran"]
    ws["F5"] = "=1000+2000"  # a formula staff typed
    ws["G5"] = "dua juta"  # text in a number cell: an error for proses, but typed, so kept
    ws["R3"] = "Catatan Bendahara"  # a column of their own
    ws["R5"] = "cek SP2D"
    wb.create_sheet("Catatan Saya")["A1"] = "jangan dihapus"
    wb.save(path)
    from lkjip_xls.inputs.prepare import read_raw

    before = read_raw(path, S.REALISASI)
    _renja_changed(example_copy)  # forces a rewrite
    prepare(example_copy)
    after = openpyxl.load_workbook(path)
    row = next(r for r in after["Anggaran"].iter_rows(min_row=4) if r[0].value == before.tables["Anggaran"].rows[1]["kode"])
    assert row[5].value == "=1000+2000" and row[6].value == "dua juta" and row[17].value == "cek SP2D"
    assert after["Anggaran"]["R3"].value == "Catatan Bendahara"
    assert after["Catatan Saya"]["A1"].value == "jangan dihapus"


def test_old_template_version_is_read_and_upgraded(tmp_path):
    folder = shutil.copytree(DATA / "v1", tmp_path / "lama")
    old = analyse(folder, 12)
    assert old.ok and {i.code for i in old.issues} == {"versi-templat-lama"}
    same_tables(old, analyse(packaged_workbooks(), 12))
    reports, issues = prepare(folder)
    assert {r.action for r in reports} == {"diperbarui"} and all(r.backup for r in reports)
    new = analyse(folder, 12)
    assert beyond_example(new.issues) == []
    same_tables(new, analyse(packaged_workbooks(), 12))


def test_siapkan_command(example_copy):
    _renja_changed(example_copy)
    r = CliRunner().invoke(cli.main, ["siapkan", str(example_copy)], prog_name="lkjip")
    assert r.exit_code == 0, r.output
    assert "Realisasi.xlsx: diperbarui: 3 baris baru" in r.output and "file lama disimpan di" in r.output
    assert "dipindah ke sheet 'Baris Tidak Terpakai'" in r.output


def test_siapkan_stops_on_errors_in_renja(example_copy):
    wb = openpyxl.load_workbook(example_copy / "Renja.xlsx")
    wb["Renja"]["A6"] = "7.01.x"
    wb.save(example_copy / "Renja.xlsx")
    before = snapshot(example_copy)
    r = CliRunner().invoke(cli.main, ["siapkan", str(example_copy)], prog_name="lkjip")
    assert r.exit_code == 1 and "belum ada workbook yang diubah" in r.output
    assert snapshot(example_copy) == before


def test_program_lists_that_drifted_from_the_renja_are_said(example_copy):
    wb = openpyxl.load_workbook(example_copy / "ABK.xlsx")
    wb["Daftar Program"]["A4"] = "7.01.09"
    wb.save(example_copy / "ABK.xlsx")
    r = analyse(example_copy, 12)
    [issue] = beyond_example(r.issues)
    assert (issue.workbook, issue.sheet, issue.code) == ("ABK.xlsx", "Daftar Program", "daftar-program-beda")
    assert "7.01.09" in issue.message and "lkjip siapkan" in issue.action
    prepare(example_copy)
    assert beyond_example(analyse(example_copy, 12).issues) == []


def _notes_everywhere(folder: Path) -> dict[tuple[str, str, str], str]:
    """Staff's notes in every empty cell around the tables of every sheet of every workbook: the title,
    help and header rows (and two columns beyond the table), Petunjuk, beside each field of a form
    (Keterangan over the hint, and the column after it), and a row typed under each form; then each
    workbook marked as made by the previous template version, so that siapkan rewrites it.
    Returns {(workbook, sheet, where): note}, 'where' a cell, or a form field's label for its notes."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    from lkjip_xls.inputs.reader import _norm

    notes = {}
    for spec in S.WORKBOOKS:
        path = folder / spec.filename
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.title == S.MARKER_SHEET:
                continue
            sheet = next((s for s in spec.sheets if s.name == ws.title), None)
            if sheet is not None and sheet.generated:
                continue
            width = ws.max_column + 2
            top = ws.max_row if ws.title == "Petunjuk" else S.HEADER_ROW
            for r in range(1, top + 1):
                for c in range(1, width + 1):
                    if ws.cell(r, c).value in (None, "") and ws.cell(r, c).coordinate not in ws.merged_cells:
                        note = f"catatan {spec.kind} {ws.title} {xl_rowcol_to_cell(r - 1, c - 1)}"
                        ws.cell(r, c).value = note
                        notes[(spec.filename, ws.title, xl_rowcol_to_cell(r - 1, c - 1))] = note
            if sheet is not None and sheet.form:
                last = S.FIRST_DATA_ROW
                for r in range(S.FIRST_DATA_ROW, ws.max_row + 1):
                    label = ws.cell(r, 1).value
                    if not label:
                        continue
                    last = r
                    for c, what in ((3, "keterangan"), (4, "sesudahnya")):
                        note = f"catatan {what} {_norm(label)}"
                        ws.cell(r, c).value = note
                        notes[(spec.filename, ws.title, f"{_norm(label)}|{c}")] = note
                under = f"baris tambahan di bawah {ws.title}"
                ws.cell(last + 2, 1).value = under
                notes[(spec.filename, ws.title, "under")] = under
        wb.save(path)
    return notes


@pytest.mark.parametrize("older", [False, True], ids=["this-version", "older-version"])
def test_siapkan_keeps_every_note_typed_around_the_tables(example_copy, older):
    from lkjip_xls.inputs.reader import _norm

    notes = _notes_everywhere(example_copy)
    for spec in S.WORKBOOKS:  # a rewrite of every workbook: a derived cell out of date, or an older version
        wb = openpyxl.load_workbook(example_copy / spec.filename)
        if older:
            wb[S.MARKER_SHEET].cell(3, 1).value = S.TEMPLATE_VERSION - 1
        else:
            for ws in wb.worksheets:
                if ws.title.startswith("Daftar") and ws.max_row >= S.FIRST_DATA_ROW:
                    ws.delete_rows(S.FIRST_DATA_ROW)
        wb.save(example_copy / spec.filename)
    reports, issues = prepare(example_copy)
    rewritten = {r.workbook for r in reports if r.action == "diperbarui"}
    assert rewritten >= ({"Renja.xlsx", "PK.xlsx", "Realisasi.xlsx", "ABK.xlsx", "Sarpras.xlsx"} if older else
                         {"PK.xlsx", "Realisasi.xlsx"}), [(r.workbook, r.action) for r in reports]
    said = " ".join(i.message for i in issues if i.code == "teks-templat-dikembalikan")
    assert older or not said
    lost = []
    books = {}
    for (book, sheet, where), note in notes.items():
        if book not in books:
            books[book] = openpyxl.load_workbook(example_copy / book)
        ws = books[book][sheet]
        if where == "under":
            found = any(c.value == note for row in ws.iter_rows() for c in row)
        elif "|" in where:
            label, col = where.split("|")
            row = next((r for r in range(S.FIRST_DATA_ROW, ws.max_row + 1)
                        if _norm(ws.cell(r, 1).value) == label), None)
            found = row is not None and ws.cell(row, int(col)).value == note
        else:
            found = ws[where].value == note
        if not found and not (older and f"{sheet} {where}" in said):  # an upgrade names what it replaced
            lost.append((book, sheet, where))
    assert lost == [], lost[:10]
    assert analyse(example_copy, 12).ok
