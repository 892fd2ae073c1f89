"""What a newcomer reads (issue 23): each message says what happened in Indonesian and what to do next,
with the folder the user gave."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import beyond_example
from fixtures import set_cells

from lkjip_xls import cli
from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import packaged_workbooks
from lkjip_xls.inputs.prepare import prepare


def run(*args, cwd: Path | None = None):
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return CliRunner().invoke(cli.main, [str(a) for a in args], prog_name="lkjip")
    finally:
        os.chdir(old)


def test_text_number_is_echoed_the_indonesian_way(example_copy):
    set_cells(example_copy / "PK.xlsx", "Sasaran Strategis", {"D4": "74,30"})
    [issue] = [i for i in analyse(example_copy, 12).issues if i.code == "angka-teks"]
    assert "dibaca sebagai 74,30" in issue.message and "74.30" not in issue.message


def test_results_folder_given_as_data_folder(example_dir, tmp_path):
    out = tmp_path / "output"
    assert run("proses", example_dir, "--output", out).exit_code == 0
    r = run("proses", out)
    assert r.exit_code == 1
    assert "berisi workbook hasil lkjip-xls" in r.output and "bukan folder data" in r.output
    assert "bukan templat" not in r.output and "tidak ditemukan" not in r.output  # one message, not six


def test_results_workbook_among_the_inputs_is_named_and_ignored(example_copy, tmp_path):
    assert run("proses", example_copy, "--output", tmp_path / "o").exit_code == 0
    shutil.copy(next((tmp_path / "o").glob("*.xlsx")), example_copy)
    r = analyse(example_copy, 12)
    assert r.ok and [i.code for i in beyond_example(r.issues)] == ["workbook-hasil"]


def test_right_after_siapkan_the_blank_pagu_is_what_is_said(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("Renja.xlsx", "PK.xlsx"):
        shutil.copy(packaged_workbooks() / name, folder / name)
    prepare(folder)
    renja = analyse(packaged_workbooks(), 12).data.renja.frame
    subs = len(set(renja.loc[renja["level"] == "Sub Kegiatan", "kode"]))  # one Anggaran row each
    empty = [i for i in analyse(folder).issues if i.code == "sheet-kosong" and i.sheet == "Anggaran"]
    [issue] = empty
    assert f"{subs} baris yang disiapkan 'lkjip siapkan'" in issue.message and "'Pagu Murni'" in issue.message
    assert "belum berisi data" not in issue.message and "sel kuning" in issue.action


def test_closing_hints_name_the_folder_given(example_copy):
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"E4": "dua juta"})
    r = run("periksa", example_copy)
    assert r.exit_code == 1 and f"jalankan 'lkjip periksa {example_copy}' lagi" in r.output
    spaced = example_copy.parent / "Data Kantor"
    shutil.copytree(example_copy, spaced)
    r = run("periksa", spaced)
    assert f"'lkjip periksa \"{spaced}\"'" in r.output


def test_siapkan_hint_names_the_folder(tmp_path):
    folder = tmp_path / "Data 2025"
    folder.mkdir()
    for name in ("Renja.xlsx", "PK.xlsx"):
        shutil.copy(packaged_workbooks() / name, folder / name)
    r = run("siapkan", folder)
    assert r.exit_code == 0 and f"lalu jalankan 'lkjip proses \"{folder}\"'" in r.output


def test_output_read_by_head_does_not_stop_the_run(tmp_path, example_dir):
    """'lkjip proses | head -1': the reader leaves early, the run still commits its results."""
    out = tmp_path / "out"
    code = "import sys; from lkjip_xls.cli import main; sys.argv = ['lkjip'] + sys.argv[1:]; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "proses", str(example_dir), "--output", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # like head: the pipe is closed after the first line
    assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").exists()
    assert b"EPIPE" not in proc.stderr.read()
