"""Hostile or foreign files, and what staff do to workbooks: each gets its own message, no traceback,
inputs untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import beyond_example
from fixtures import find_cell, snapshot
from hostile import entity_expansion, far_cell, lying_bomb, million_rows, renamed_docx, with_macros, zip_bomb

from lkjip_xls.inputs import inspect as inspect_mod
from lkjip_xls.api import analyse


def _one(folder, name):
    r = analyse(folder, 12)
    found = [i for i in r.issues if i.workbook == name]
    return found, r


def test_renamed_docx(example_copy):
    (example_copy / "Renja.xlsx").unlink()
    renamed_docx(example_copy / "Renja.xlsx")
    found, _ = _one(example_copy, "Renja.xlsx")
    assert [(i.code, "dokumen Word" in i.message) for i in found] == [("file-tidak-terbaca", True)]


def test_ods_gets_its_own_message(example_copy):
    import zipfile

    with zipfile.ZipFile(example_copy / "lama.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    found, _ = _one(example_copy, "lama.ods")
    assert len(found) == 1 and "OpenDocument (.ods)" in found[0].message


def test_xlsm_values_are_read_macros_never_run(example_copy):
    with_macros(example_copy / "Sarpras.xlsx", example_copy / "Sarpras.xlsm")
    (example_copy / "Sarpras.xlsx").unlink()
    found, r = _one(example_copy, "Sarpras.xlsm")
    assert [(i.code, i.severity) for i in found] == [("makro-diabaikan", "Peringatan")]
    assert r.ok and str(r.tables["3.17"].frame.iloc[-1]["persen"]) == "88.15"


def test_entity_expansion_is_refused(example_copy):
    entity_expansion(example_copy / "Renja.xlsx", example_copy / "Renja2.xlsx")
    (example_copy / "Renja.xlsx").unlink()
    found, _ = _one(example_copy, "Renja2.xlsx")
    assert len(found) == 1 and "DOCTYPE/ENTITY" in found[0].message


def test_zip_bomb_is_refused_by_ratio(example_copy):
    zip_bomb(example_copy / "Sarpras.xlsx", example_copy / "bom.xlsx", 20 * 1024 * 1024)
    found, _ = _one(example_copy, "bom.xlsx")
    assert len(found) == 1 and "zip bomb" in found[0].message


def test_total_size_limit(example_copy, monkeypatch):
    monkeypatch.setattr(inspect_mod, "MAX_TOTAL_UNCOMPRESSED", 100_000)
    found, _ = _one(example_copy, "Realisasi.xlsx")
    assert len(found) == 1 and "terlalu besar" in found[0].message


@pytest.mark.parametrize("dimension", [True, False])
def test_million_rows_refused(example_copy, dimension, tmp_path):
    src = example_copy / "Sarpras.xlsx"
    million_rows(src, tmp_path / "besar.xlsx", dimension=dimension)
    (tmp_path / "besar.xlsx").replace(src)
    found, _ = _one(example_copy, "Sarpras.xlsx")
    assert [i.code for i in found] == ["file-tidak-terbaca"] and "baris" in found[0].message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory through /proc (Linux)")
@pytest.mark.parametrize("case", ["bom", "juta"])
def test_hostile_cases_finish_within_10_s_and_1_gib(example_dir, tmp_path, case):
    folder = tmp_path / "data"
    folder.mkdir()
    for p in example_dir.iterdir():
        if p.name != "Sarpras.xlsx":
            (folder / p.name).write_bytes(p.read_bytes())
    if case == "bom":
        zip_bomb(example_dir / "Sarpras.xlsx", folder / "Sarpras.xlsx", 300 * 1024 * 1024)
    else:
        million_rows(example_dir / "Sarpras.xlsx", folder / "Sarpras.xlsx")
    # peak memory of the child itself: VmHWM (ru_maxrss would include the parent's peak, kept across exec)
    code = ("import re, sys, time; t = time.perf_counter();"
            "from lkjip_xls.api import analyse; r = analyse(sys.argv[1], 12);"
            "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1);"
            "print(time.perf_counter() - t, hwm, [i.code for i in r.issues if i.workbook == 'Sarpras.xlsx'])")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=60)
    wall = time.perf_counter() - start
    assert out.returncode == 0, out.stderr
    print(f"{case}: {wall:.2f} s, {out.stdout.split()[1]} KiB")
    seconds, maxrss_kib, codes = out.stdout.split(" ", 2)
    assert "file-tidak-terbaca" in codes
    assert wall < 10 and int(maxrss_kib) < 1024 * 1024, (wall, maxrss_kib)


# What staff do to a workbook -------------------------------------------------------

def _edit(path: Path, sheet: str, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet], wb)
    wb.save(path)


def test_merged_cells_in_data_area(example_copy):
    _edit(example_copy / "Sarpras.xlsx", "Sarpras", lambda ws, wb: ws.merge_cells("A10:B10"))
    r = analyse(example_copy, 12)
    assert [(i.sheet, i.cell, i.code) for i in r.issues if i.is_error] == [("Sarpras", "A10:B10", "sel-digabung")]


def test_hidden_sheet_and_rows_are_read_and_said(example_copy):
    def hide(ws, wb):
        ws.row_dimensions[10].hidden = True
        wb["Riwayat"].sheet_state = "hidden"
    _edit(example_copy / "Realisasi.xlsx", "Anggaran", hide)
    r = analyse(example_copy, 12)
    assert [(i.sheet, i.cell, i.code) for i in beyond_example(r.issues)] == [
        ("Anggaran", "baris 10", "baris-tersembunyi"), ("Riwayat", "", "sheet-tersembunyi")]
    assert r.ok and r.tables["3.12"].frame.iloc[-1]["realisasi_anggaran"] == 2_584_035_835


def test_formula_never_calculated(example_copy):
    _edit(example_copy / "Sarpras.xlsx", "Sarpras", lambda ws, wb: ws.__setitem__("C10", "=1+1"))
    r = analyse(example_copy, 12)
    assert [(i.sheet, i.cell, i.code) for i in r.issues] == [("Sarpras", "C10", "rumus-tanpa-nilai")]
    assert "Ctrl+Alt+F9" in r.issues[0].action


APARATUR = "Persentase rata-rata capaian kinerja aparatur"


def test_percent_typed_in_percent_formatted_cell(example_copy):
    path = example_copy / "Realisasi.xlsx"
    jan, des = (find_cell(path, "Kinerja", m, indikator=APARATUR) for m in ("m1", "m12"))

    def pct(ws, wb):
        for ref in (jan, des):  # staff typed 100% in January and December
            ws[ref].value = 1.0
            ws[ref].number_format = "0%"
    _edit(path, "Kinerja", pct)
    r = analyse(example_copy, 12)
    assert [(i.sheet, i.cell, i.code) for i in beyond_example(r.issues)] == [("Kinerja", jan, "persen-dibaca"),
                                                             ("Kinerja", des, "persen-dibaca")]
    assert r.tables["3.3"].frame.iloc[0]["realisasi"] == 100 and r.tables["3.3"].frame.iloc[0]["capaian"] == 100


def test_inputs_are_never_modified(example_copy):
    before = snapshot(example_copy)
    analyse(example_copy, 6)
    analyse(example_copy, 12)
    assert snapshot(example_copy) == before


def test_each_warning_says_its_own_action(example_copy):
    path = example_copy / "Realisasi.xlsx"
    jan, feb = (find_cell(path, "Kinerja", m, indikator=APARATUR) for m in ("m1", "m2"))

    def edit(ws, wb):
        ws[jan].value = 1.0
        ws[jan].number_format = "0%"
        ws[feb].value = "100"
    _edit(path, "Kinerja", edit)
    r = analyse(example_copy, 12)
    actions = {i.code: i.action for i in r.issues}
    assert "format persen" in actions["persen-dibaca"] and "persen" not in actions["angka-teks"]


# Absurd extents and zip bombs that lie about their sizes (issue 33): refused with a message naming the
# file and sheet, in a subprocess whose address space is bounded (the bound, not the machine's luck).

def _bounded(args: list[str], limit: int = 1536 * 2**20, seconds: int = 120):
    import resource
    import subprocess
    import sys

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-m", "lkjip_xls", *args], capture_output=True, text=True,
                          timeout=seconds, preexec_fn=cap)


FAR = {
    "nilai di XFD1048576": lambda src, dest: far_cell(src, dest, "XFD1048576"),
    "dimensi A1:XFD20000": lambda src, dest: far_cell(src, dest, "F10", dimension="A1:XFD20000"),
    "tanpa dimensi, sel ZZ900": lambda src, dest: far_cell(src, dest, "ZZ900", dimension=None),
    "dimensi basi, sel A900000": lambda src, dest: far_cell(src, dest, "A900000"),
}


@pytest.mark.parametrize("case", list(FAR))
@pytest.mark.parametrize("command", ["periksa", "proses", "siapkan"])
def test_an_absurd_extent_is_refused_naming_file_and_sheet(example_dir, tmp_path, case, command):
    folder = tmp_path / "data"
    shutil.copytree(example_dir, folder)
    FAR[case](example_dir / "Sarpras.xlsx", folder / "Sarpras.xlsx")
    before = (folder / "Sarpras.xlsx").read_bytes()
    args = [command, str(folder)] + (["--output", str(tmp_path / "out")] if command == "proses" else [])
    done = _bounded(args)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "Sarpras.xlsx" in done.stdout and "sheet 'Sarpras' terbentang sampai sel" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert (folder / "Sarpras.xlsx").read_bytes() == before


@pytest.mark.parametrize("command", ["periksa", "siapkan"])
def test_a_zip_bomb_that_lies_about_its_size_is_not_inflated(example_dir, tmp_path, command):
    folder = tmp_path / "data"
    shutil.copytree(example_dir, folder)
    lying_bomb(example_dir / "Sarpras.xlsx", folder / "Sarpras.xlsx", size=2 * 1024**3)
    done = _bounded([command, str(folder)], limit=1024 * 2**20)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "Sarpras.xlsx" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_the_rekap_survives_an_absurd_extent_and_a_lying_bomb(example_dir, tmp_path):
    from lkjip_xls.run import process

    box = tmp_path / "box"
    box.mkdir()
    good = process(example_dir, 12, tmp_path / "out").path
    shutil.copy(good, box)
    far_cell(good, box / "LKjIP_Kecamatan_Lain_2024_12.xlsx", "XFD1048576", sheet="Tabel 3.1")
    done = _bounded(["rekap", str(box), "--output", str(tmp_path / "rekap")])
    assert done.returncode == 0, (done.returncode, done.stdout[-800:], done.stderr[-500:])
    from test_rekap_trust import masalah

    out = next((tmp_path / "rekap").glob("Rekap_*.xlsx"))
    assert any("LKjIP_Kecamatan_Lain_2024_12.xlsx" in line and "terbentang sampai sel XFD1048576" in line
               for line in masalah(out))


# The output folder is read and written too (issue 33): a FIFO or a link to a device under one of the
# names the run opens stops it with a message, never hangs it or fills memory.

OUTPUT_NAMES = {
    "log": "riwayat_proses.csv",
    "kunci": ".lkjip-proses.lock",
    "jurnal": ".lkjip-commit.json",
    "workbook bulan ini": "LKjIP_Kecamatan_Bareng_2024_12.xlsx",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("name", list(OUTPUT_NAMES))
def test_a_special_file_in_the_output_folder_stops_the_run_with_a_message(example_dir, tmp_path, kind, name):
    out = tmp_path / "out"
    out.mkdir()
    target = out / OUTPUT_NAMES[name]
    if kind == "fifo":
        os.mkfifo(target)
    else:
        os.symlink("/dev/zero", target)
    done = _bounded(["proses", str(example_dir), "--output", str(out), "--bulan", "12"], seconds=60)
    assert done.returncode == 3, (done.returncode, done.stdout[-800:], done.stderr[-400:])
    said = done.stdout + done.stderr
    assert "bukan file biasa" in said and str(target) in said.replace("\n", " ")
    assert "Traceback" not in said


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_last_months_workbook_that_is_a_device_only_loses_the_comparison(example_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.symlink("/dev/zero", out / "LKjIP_Kecamatan_Bareng_2024_11.xlsx")
    done = _bounded(["proses", str(example_dir), "--output", str(out), "--bulan", "12"], seconds=60)
    assert done.returncode == 0, (done.stdout[-800:], done.stderr[-400:])
    assert "perbandingan dengan LKjIP_Kecamatan_Bareng_2024_11.xlsx dilewati" in done.stdout
    assert (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").is_file()


def test_an_office_typed_in_nfc_and_in_nfd_is_one_office(example_dir, tmp_path):
    import unicodedata

    from fixtures import set_cells
    from test_rekap import rekap_rows

    from lkjip_xls.run import process, write_rekap

    box = tmp_path / "box"
    box.mkdir()
    for month, form in ((11, "NFC"), (12, "NFD")):
        data = tmp_path / f"data-{form}"
        shutil.copytree(example_dir, data)
        set_cells(data / "PK.xlsx", "Identitas", {"B4": unicodedata.normalize(form, "Kecamatan Pérak")})
        shutil.copy(process(data, month, tmp_path / f"out-{form}").path, box / f"{form}.xlsx")
    _, out = write_rekap(box, None, tmp_path / "rekap")
    header, body = rekap_rows(out)
    assert len(body) == 1 and body[0][header.index("Data s.d. Bulan")] == 12


def test_a_line_separator_in_the_office_name_is_no_program_error(example_dir, tmp_path):
    from fixtures import set_cells

    data = tmp_path / "data"
    shutil.copytree(example_dir, data)
    set_cells(data / "PK.xlsx", "Identitas", {"B4": "Kecamatan\u2028Bareng"})
    done = _bounded(["proses", str(data), "--output", str(tmp_path / "out")])
    assert done.returncode == 0, (done.stdout[-600:], done.stderr[-400:])
    eml = next((tmp_path / "out").glob("*.eml")).read_bytes()
    subject = next(line for line in eml.splitlines() if line.startswith(b"Subject:"))
    assert b"Kecamatan Bareng" in subject or b"=?utf-8?" in subject


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_text_files_are_read_with_a_cap_and_never_from_a_fifo(example_dir, tmp_path):
    """--daftar, kalimat_laporan.toml and impor_sipd.toml: a FIFO is refused, a huge file is refused
    without being read whole."""
    data = tmp_path / "data"
    shutil.copytree(example_dir, data)
    os.mkfifo(data / "kalimat_laporan.toml")
    done = _bounded(["laporan", str(data), "--output", str(tmp_path / "out")], seconds=60)  # never opened
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr, done.stdout[-500:]
    (data / "kalimat_laporan.toml").unlink()
    with open(data / "kalimat_laporan.toml", "wb") as fh:
        fh.truncate(3 * 2**30)  # sparse: 3 GB on paper
    done = _bounded(["laporan", str(data), "--output", str(tmp_path / "out")], limit=1024 * 2**20, seconds=60)
    assert done.returncode == 1 and "terlalu besar" in done.stdout + done.stderr, done.stdout[-500:]
    daftar = tmp_path / "daftar.txt"
    with open(daftar, "wb") as fh:
        fh.truncate(3 * 2**30)
    box = tmp_path / "box"
    box.mkdir()
    done = _bounded(["rekap", str(box), "--daftar", str(daftar), "--output", str(tmp_path / "r")],
                    limit=1024 * 2**20, seconds=60)
    assert done.returncode != 0 and "terlalu besar" in done.stdout + done.stderr, done.stdout[-500:]


@pytest.mark.parametrize("case", ["extent", "bomb"])
def test_impor_and_daftar_refuse_an_absurd_extent_and_a_lying_bomb(example_dir, tmp_path, case):
    """The SIPD export and Bappeda's --daftar are workbooks the program did not write either."""
    src = example_dir / "Sarpras.xlsx"
    bad = tmp_path / "ekspor.xlsx"
    if case == "extent":
        far_cell(src, bad, "XFD1048576")
    else:
        lying_bomb(src, bad, size=2 * 1024**3)
    data = tmp_path / "data"
    shutil.copytree(example_dir, data)
    before = (data / "Realisasi.xlsx").read_bytes()
    done = _bounded(["impor", str(bad), str(data), "--bulan", "1"], limit=1024 * 2**20)
    said = done.stdout + done.stderr
    assert done.returncode == 1 and "ekspor.xlsx" in said and "Traceback" not in said, said[-600:]
    assert (data / "Realisasi.xlsx").read_bytes() == before
    box = tmp_path / "box"
    box.mkdir()
    done = _bounded(["rekap", str(box), "--daftar", str(bad), "--output", str(tmp_path / "r")], limit=1024 * 2**20)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "ditolak" in said and "Traceback" not in said, said[-600:]
