"""What Bappeda can trust (spec section 10, issue 20): the rekap never takes a forged figure as genuine,
survives any file, and matches office lists as Bappeda writes them."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from fixtures import set_cells
from python_calamine import CalamineWorkbook
from test_rekap import edit_number, rekap_rows, sheet

from lkjip_xls.rekap import collect, read_daftar
from lkjip_xls.rekap.read import read_one
from lkjip_xls.run import process, write_rekap
from lkjip_xls.writer import fingerprint as F

REALISASI = "2584035835"  # the example's realisasi anggaran s.d. Desember (golden 3.12)


def office(example_dir: Path, work: Path, name: str, month: int = 12) -> tuple[Path, Path]:
    """An office's results workbook and the zip of its inputs, as 'lkjip proses' writes them."""
    data = work / f"data-{name}"
    shutil.copytree(example_dir, data)
    set_cells(data / "PK.xlsx", "Identitas", {"B4": name})
    outcome = process(data, month, work / f"out-{name}")
    assert outcome.path is not None
    return outcome.path, outcome.path.with_name(outcome.path.stem + "_isian.zip")


def sent(made: dict, name: str, box: Path) -> Path:
    """The office's results workbook as it arrives in Bappeda's inbox ``box`` (made here)."""
    box.mkdir(exist_ok=True)
    return Path(shutil.copy(made[name][0], box / made[name][0].name))


def reseal(path: Path):
    """What a forger who has this program does: recompute the seal over the edited workbook."""
    checksum = F.sealed_checksum(CalamineWorkbook.from_path(str(path)))
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == F.SHARED_STRINGS:
                data = re.sub(rb"sha256:[0-9a-f]{64}", checksum.encode(), data)
            dest.writestr(item, data)
    path.write_bytes(out.getvalue())


def row_of(path: Path, opd: str) -> dict:
    header, body = rekap_rows(path)
    return next(dict(zip(header, r)) for r in body if r[header.index("Perangkat Daerah")] == opd)


def masalah(path: Path) -> list[str]:
    return [f"{r[1]} | {r[2]}" for r in sheet(path, "Masalah")[3:] if r and r[1]]


@pytest.fixture(scope="module")
def offices(example_dir, tmp_path_factory):
    work = tmp_path_factory.mktemp("trust")
    return work, {name: office(example_dir, work, name) for name in
                  ("Kecamatan Bareng", "Kecamatan Diwek", "Kecamatan Gudo", "Kecamatan Perak")}


def test_forged_hidden_sheet_only_is_caught_and_the_shown_figure_used(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    path = sent(made, "Kecamatan Diwek", box)
    edit_number(path, "_data", REALISASI, "2500000000")
    edit_number(path, "_data", "89.81999999999999", "86.9")  # as XlsxWriter stores 89,82
    rekap, out = write_rekap(box, None, tmp_path / "hasil")
    row = row_of(out, "Kecamatan Diwek")
    assert row["Realisasi (Rp)"] == int(REALISASI) and row["Verifikasi Angka"] == "berbeda"
    lines = masalah(out)
    assert any("segel di sheet _data tidak cocok" in line for line in lines)
    assert any("Realisasi anggaran di sheet Tabel 3.12 sel H" in line and "tampil 2.584.035.835" in line
               and "sheet _data 2.500.000.000" in line for line in lines)
    assert not any(line.startswith("Tidak ada file") for line in lines)


def test_forged_and_resealed_needs_the_inputs_to_be_caught(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    path = sent(made, "Kecamatan Gudo", box)
    for part in ("Tabel 3.12", "_data"):
        edit_number(path, part, REALISASI, "2500000000")
    reseal(path)
    found = read_one(str(path))
    assert not found.edited and not found.differs  # the seal alone cannot tell: said in the docs
    _, out = write_rekap(box, None, tmp_path / "tanpa")
    assert row_of(out, "Kecamatan Gudo")["Verifikasi Angka"] == "tidak dapat diverifikasi"
    shutil.copy(made["Kecamatan Gudo"][1], box)  # the inputs the office attached
    _, out = write_rekap(box, None, tmp_path / "dengan")
    row = row_of(out, "Kecamatan Gudo")
    assert (row["Verifikasi Angka"], row["Status File"]) == ("berbeda", "Berbeda: perlu diperiksa")
    lines = masalah(out)
    assert any("sheet Tabel 3.12 sel H" in line and "tampil 2.500.000.000" in line
               and "dihitung ulang dari isian 2.584.035.835" in line for line in lines)


def test_an_honest_office_with_its_inputs_is_verified(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    box.mkdir()
    results, inputs = made["Kecamatan Perak"]
    shutil.copy(results, box)
    with zipfile.ZipFile(inputs) as zf:  # the five workbooks saved loose instead of the zip
        zf.extractall(box / "isian-perak")
    _, out = write_rekap(box, None, tmp_path / "hasil")
    assert row_of(out, "Kecamatan Perak")["Verifikasi Angka"] == "diverifikasi dari isian"
    assert masalah(out) == [] or all("Perak" not in line for line in masalah(out))


def test_percentage_edited_by_one_hundredth_is_flagged(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    path = sent(made, "Kecamatan Bareng", box)
    edit_number(path, "Tabel 3.1", "100.21", "100.22")
    found = read_one(str(path))
    assert found.edited and any("Rata-rata capaian IKU" in d for d in found.differs)


def test_a_changed_table_cell_is_named_with_both_values_once_the_isian_is_here(offices, tmp_path):
    """Issue 30: a figure changed in a table (not a key figure, so no _data row names it): without the
    isian the seal says it changed and how to find the cell; with it, the line names sheet, cell and both
    values."""
    work, made = offices
    box = tmp_path / "box"
    path = sent(made, "Kecamatan Bareng", box)
    edit_number(path, "Tabel 3.11", "2717989953", "2717989000")
    _, out = write_rekap(box, None, tmp_path / "tanpa")
    lines = masalah(out)
    assert any("segel di sheet _data tidak cocok" in line and "isian OPD (..._isian.zip)" in line for line in lines)
    shutil.copy(made["Kecamatan Bareng"][1], box)
    _, out = write_rekap(box, None, tmp_path / "dengan")
    lines = masalah(out)
    assert any(re.search(r"sheet Tabel 3\.11 sel [A-Z]+\d+: tampil 2\.717\.989\.000, dihitung ulang dari isian "
                         r"2\.717\.989\.953", line) for line in lines), lines
    assert row_of(out, "Kecamatan Bareng")["Verifikasi Angka"] == "berbeda"


def test_an_edited_month_superseded_by_a_later_one_is_still_named(example_dir, tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    work = tmp_path / "w"
    nov, _ = office(example_dir, work, "Kecamatan Ngoro", 11)
    dec = process(work / "data-Kecamatan Ngoro", 12, work / "out-Kecamatan Ngoro").path
    shutil.copy(nov, box)
    shutil.copy(dec, box)
    edit_number(box / nov.name, "Tabel 3.11", "2717989953", "2717989000")
    rekap = collect(box)
    assert [o.found.get("bulan") for o in rekap.offices] == [12]
    assert any(p.file == nov.name and "diubah setelah workbook dibuat" in p.masalah for p in rekap.problems)


def test_hostile_files_become_masalah_lines_and_the_rekap_finishes(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    box.mkdir()
    shutil.copy(made["Kecamatan Bareng"][0], box)
    # a shared-strings table shorter than its cells use: a Rust panic inside calamine
    src = zipfile.ZipFile(made["Kecamatan Bareng"][0])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == F.SHARED_STRINGS:
                text = data.decode()
                head, rest = text.split("<si>", 1)
                data = (head + "</si>".join(("<si>" + rest).split("</si>")[:3]) + "</si></sst>").encode()
            dest.writestr(item, data)
    (box / "panic.xlsx").write_bytes(out.getvalue())
    os.symlink("/dev/zero", box / "nol.xlsx")
    os.mkfifo(box / "pipa.xlsx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/sharedStrings.xml", "w") as fh:
            chunk = b"A" * 2**20
            for _ in range(300):  # 300 MB of text in a few hundred KB
                fh.write(chunk)
    (box / "bom.xlsx").write_bytes(bomb.getvalue())
    with open(box / "besar.xlsx", "wb") as fh:  # a 51 MB file (sparse)
        fh.truncate(51 * 2**20)
    rekap = collect(box)
    assert [o.found.get("opd") for o in rekap.offices] == ["Kecamatan Bareng"]
    said = {p.file: p.masalah for p in rekap.problems}
    assert "pembaca Excel gagal" in said["panic.xlsx"] or "rusak" in said["panic.xlsx"]
    assert "ke luar folder" in said["nol.xlsx"]
    assert "bukan file biasa" in said["pipa.xlsx"]
    assert "zip bomb" in said["bom.xlsx"] or "terlalu besar" in said["bom.xlsx"]
    assert "terlalu besar" in said["besar.xlsx"]


def test_daftar_as_bappeda_writes_it(tmp_path):
    plain = tmp_path / "daftar.txt"
    plain.write_text("Dinas Kependudukan, Pencatatan Sipil\nKec. Bareng\n\nBadan Keuangan & Aset Daerah\n",
                     encoding="utf-8")
    assert read_daftar(plain) == ["Dinas Kependudukan, Pencatatan Sipil", "Kec. Bareng", "Badan Keuangan & Aset Daerah"]
    csv_file = tmp_path / "daftar.csv"
    csv_file.write_text('No;Nama OPD;Kepala\n1;"Dinas Kependudukan, Pencatatan Sipil";X\n2;Kecamatan Bareng;Y\n',
                        encoding="utf-8")
    assert read_daftar(csv_file) == ["Dinas Kependudukan, Pencatatan Sipil", "Kecamatan Bareng"]
    tsv = tmp_path / "daftar.tsv"
    tsv.write_text("No\tPerangkat Daerah\n1\tKecamatan Bareng\n", encoding="utf-8")
    assert read_daftar(tsv) == ["Kecamatan Bareng"]
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["No", "Nama OPD"])
    wb.active.append([1, "Dinas Kependudukan, Pencatatan Sipil"])
    wb.save(tmp_path / "daftar.xlsx")
    assert read_daftar(tmp_path / "daftar.xlsx") == ["Dinas Kependudukan, Pencatatan Sipil"]


def test_daftar_names_match_as_offices_write_them(offices, tmp_path):
    work, made = offices
    box = tmp_path / "box"
    box.mkdir()
    shutil.copy(made["Kecamatan Bareng"][0], box)
    daftar = tmp_path / "daftar.txt"
    daftar.write_text("KEC.  Bareng\nKecamatan Wonosalam\n", encoding="utf-8")
    rekap = collect(box, daftar=read_daftar(daftar))
    assert [m.opd for m in rekap.missing] == ["Kecamatan Wonosalam"]
    assert not any("tidak ada di daftar" in p.masalah for p in rekap.problems)


# --- the seal computed from the cells written equals what the rekap reads back (issue 24) -----------------

def _read_back_matches(book: bytes):
    wb = CalamineWorkbook.from_filelike(io.BytesIO(book))
    stored = F.read_data(wb)["checksum"]
    assert stored != F.PLACEHOLDER
    assert stored == F.sealed_checksum(wb)  # what 'lkjip rekap' recomputes


def test_written_seal_equals_the_read_back_seal_on_every_office(example_dir, tmp_path, monkeypatch):
    """Every office the tests build, several months: the checksum workbook_bytes computes from the cells it
    wrote (no second pass over the file) is the one calamine computes reading the finished file."""
    import sys
    import datetime as dt

    from offices import badan, kominfo, write_office

    from lkjip_xls.api import analyse
    from lkjip_xls.writer import workbook as W

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import large_office

    taken = []
    real = F.written_checksum
    monkeypatch.setattr(F, "written_checksum", lambda sheets: taken.append(real(sheets)) or taken[-1])
    folders = [(example_dir, (3, 6, 12)), (write_office(tmp_path / "kominfo", kominfo()), (12,)),
               (write_office(tmp_path / "badan", badan()), (12,)),
               (large_office.write(tmp_path / "dinas", programs=3, kegiatan=2, sub=2, behind=0.5,
                                   iku_per_sasaran=3, catatan=True, riwayat=2), (5, 12))]
    for folder, months in folders:
        for month in months:
            _read_back_matches(W.workbook_bytes(analyse(folder, month), dt.date(2026, 1, 5)))
    assert len(taken) == 7 and all(taken), "every workbook was sealed from its written cells"


def test_written_seal_of_awkward_numbers_and_its_long_way():
    """Numbers whose %.16G text is not their repr, a %.6f rounding edge, formulas with numeric, text and
    boolean results, a hidden sheet; and a date cell, which sends the seal the long way (read back)."""
    import datetime as dt

    import xlsxwriter

    def book(with_date: bool):
        out = io.BytesIO()
        wb = xlsxwriter.Workbook(out, {"in_memory": True})
        ws = wb.add_worksheet("Tabel")
        for r, v in enumerate([0.1 + 0.2, 1 / 3, 2.0000005, 1e-7, 123456789012.345678, -0.0, 2717989953, 7, -12, 0,
                               10 ** 15 - 1, 10 ** 15 + 1, 12345678901234567]):
            ws.write_number(r, 0, v)
            ws.write_formula(r, 1, f"=A{r + 1}*1", None, v)
        ws.write_formula(0, 2, '="x"', None, "x")
        ws.write_formula(1, 2, "=TRUE()", None, True)
        ws.write_string(2, 2, "12,5")
        ws.write_boolean(3, 2, False)
        if with_date:
            ws.write_datetime(4, 2, dt.datetime(2024, 12, 31), wb.add_format({"num_format": "dd/mm/yyyy"}))
        hidden = wb.add_worksheet("Catatan")
        hidden.write_number(0, 0, 99)
        hidden.hide()
        data = wb.add_worksheet(F.DATA_SHEET)
        for r, (k, v) in enumerate([("opd", "Dinas X"), ("pagu", 1 / 7), ("kosong", None), ("checksum", None)]):
            data.write_string(r, 0, k)
            if isinstance(v, str):
                data.write_string(r, 1, v)
            elif v is not None:
                data.write_number(r, 1, v)
        data.write_string(1, 2, "'Tabel'!$A$1")
        data.write_number(4, 0, 5)  # a number where a key belongs: not a row of _data
        data.write_string(4, 1, "x")
        data.write_string(5, 0, "angka_di_c")
        data.write_number(5, 1, 3)
        data.write_number(5, 2, 7)  # a number where a cell name belongs: no cell name
        after = wb.add_worksheet("Sesudah")  # a visible sheet after _data still counts
        after.write_number(0, 0, 42.5)
        checksum = F.written_checksum(wb.worksheets())
        data.write_string(3, 1, checksum or F.PLACEHOLDER)
        data.hide()
        wb.close()
        return checksum, out.getvalue()

    checksum, plain = book(False)
    assert checksum is not None
    _read_back_matches(plain)
    checksum, dated = book(True)
    assert checksum is None  # a date reads back as a date: only reading the file tells
    _read_back_matches(F.seal(dated))
