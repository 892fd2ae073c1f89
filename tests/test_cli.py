"""The lkjip command as a user runs it (click's CliRunner, in-process)."""

from __future__ import annotations

import email
import email.policy
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import set_cells, snapshot

from lkjip_xls import cli


def read_log(out: Path) -> list[dict]:
    import csv

    with open(out / "riwayat_proses.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, cwd: Path | None = None):
    """Run the command in-process and check that no input it could read was modified.

    Input folders are the folder arguments (not the --output folder), ./data under ``cwd``,
    and the bundled example."""
    from lkjip_xls.inputs.example import packaged_workbooks

    args = list(map(str, args))
    inputs = [Path(a) for i, a in enumerate(args)
              if Path(a).is_dir() and (i == 0 or args[i - 1] != "--output")]
    inputs += [packaged_workbooks()] + ([Path(cwd) / "data"] if cwd and (Path(cwd) / "data").is_dir() else [])
    before = {p: snapshot(p) for p in inputs}
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        result = runner.invoke(cli.main, args)
    finally:
        os.chdir(old)
    for p, files in before.items():
        assert snapshot(p) == files, f"input folder {p} was modified"
    return result


def test_help_lists_exit_codes(runner):
    r = invoke(runner, "--help")
    assert r.exit_code == 0 and "Kode keluar: 0 selesai" in r.output and "3 hasil tidak dapat ditulis" in r.output


def test_proses_on_example_writes_workbook_and_leaves_inputs_alone(runner, example_copy, tmp_path):
    before = snapshot(example_copy)
    out = tmp_path / "hasil"
    r = invoke(runner, "proses", example_copy, "--output", out)
    assert r.exit_code == 0, r.output
    assert "[1/4] Membaca" in r.output and "Renja.xlsx" in r.output and "[4/4] Menulis" in r.output
    assert "bulan terakhir yang ada datanya" in r.output and "s.d. Desember 2024" in r.output
    assert (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").exists()
    assert "Kesalahan: 0, peringatan: 1." in r.output and "73,55" in r.output  # the example's AKIP warning
    assert snapshot(example_copy) == before


def test_proses_without_folder_uses_bundled_example_with_notice(runner, tmp_path):
    r = invoke(runner, "proses", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    assert "CONTOH BAWAAN" in r.output and "BUKAN data Anda" in r.output  # at the start
    assert r.output.rstrip().splitlines()[-1].startswith("Ingat: ini hasil CONTOH BAWAAN")  # and at the end
    # never beside a real office's results: the example's go to output/contoh
    assert (tmp_path / "output" / "contoh" / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").exists()
    assert not list((tmp_path / "output").glob("*.xlsx"))


def test_proses_prefers_data_folder(runner, example_dir, tmp_path):
    import shutil

    shutil.copytree(example_dir, tmp_path / "data")
    r = invoke(runner, "proses", "--bulan", "3", cwd=tmp_path)
    assert r.exit_code == 0 and "Memakai folder ./data" in r.output
    assert (tmp_path / "output" / "LKjIP_Kecamatan_Bareng_2024_03.xlsx").exists()


def test_periksa_clean_and_broken(runner, example_copy):
    assert invoke(runner, "periksa", example_copy).exit_code == 0
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"E4": "dua juta"})
    before = snapshot(example_copy)
    r = invoke(runner, "periksa", example_copy)
    assert r.exit_code == 1
    assert "Realisasi.xlsx / Anggaran / E4" in r.output and "Ketik rupiah" in r.output
    assert "Traceback" not in r.output
    assert snapshot(example_copy) == before


def test_input_errors_write_nothing_and_exit_1(runner, example_copy, tmp_path):
    out = tmp_path / "hasil"
    invoke(runner, "proses", example_copy, "--output", out)
    good = (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").read_bytes()
    set_cells(example_copy / "Realisasi.xlsx", "Anggaran", {"E4": "dua juta"})
    r = invoke(runner, "proses", example_copy, "--output", out)
    assert r.exit_code == 1 and "TIDAK ditulis" in r.output
    assert (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").read_bytes() == good
    log = read_log(out)
    assert [(r["hasil"], r["kode_keluar"], r["kesalahan"]) for r in log] == [("berhasil", "0", "0"),
                                                                              ("gagal", "1", "1")]


def test_usage_errors_exit_2(runner, tmp_path):
    assert invoke(runner, "proses", tmp_path, "--bulan", "13").exit_code == 2
    r = invoke(runner, "periksa", tmp_path / "tidak-ada")
    assert r.exit_code == 2 and "tidak ditemukan" in r.output


def test_months_5_and_6_are_both_kept_and_rerun_is_identical(runner, example_dir, tmp_path):
    out = tmp_path / "hasil"
    for m in (5, 6):
        assert invoke(runner, "proses", example_dir, "--bulan", m, "--output", out).exit_code == 0
    f5, f6 = out / "LKjIP_Kecamatan_Bareng_2024_05.xlsx", out / "LKjIP_Kecamatan_Bareng_2024_06.xlsx"
    assert f5.exists() and f6.exists()
    first = f6.read_bytes()
    assert invoke(runner, "proses", example_dir, "--bulan", 6, "--output", out).exit_code == 0
    assert f6.read_bytes() == first
    assert not [p for p in out.iterdir() if p.name.startswith(".~")]


def test_failed_rerun_leaves_the_good_file_untouched(runner, example_dir, tmp_path, monkeypatch):
    out = tmp_path / "hasil"
    assert invoke(runner, "proses", example_dir, "--bulan", 6, "--output", out).exit_code == 0
    f6 = out / "LKjIP_Kecamatan_Bareng_2024_06.xlsx"
    good = f6.read_bytes()

    import lkjip_xls.writer.workbook as writer

    real = writer.write_table if hasattr(writer, "write_table") else None
    calls = {"n": 0}
    original = writer.R.write_table

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:  # midway through the tables
            raise OSError("disk penuh")
        return original(*args, **kwargs)

    monkeypatch.setattr(writer.R, "write_table", failing)
    r = invoke(runner, "proses", example_dir, "--bulan", 6, "--output", out)
    assert r.exit_code == 3 and "Hasil lama tidak diubah" in r.output and "Traceback" not in r.output
    assert f6.read_bytes() == good
    assert not [p for p in out.iterdir() if p.name.startswith(".~")]
    del real


def test_locked_output_is_retried_then_reported(runner, example_dir, tmp_path, monkeypatch):
    """Windows refuses to replace a workbook open in Excel: retried, then reported; nothing changes."""
    from lkjip_xls import files

    out = tmp_path / "hasil"
    assert invoke(runner, "proses", example_dir, "--output", out).exit_code == 0
    target = out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx"
    before = snapshot(out)
    tries = {"n": 0}
    real_replace = files.os.replace

    def locked(src, dst):
        if Path(dst) == target:
            tries["n"] += 1
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", locked)
    monkeypatch.setattr(files, "REPLACE_WAIT", 0.01)
    r = invoke(runner, "proses", example_dir, "--output", out)
    assert r.exit_code == 3
    assert "sedang dibuka" in r.output and "Tutup file itu" in r.output and target.name in r.output
    assert tries["n"] == files.REPLACE_TRIES
    after = snapshot(out)
    log = read_log(out)
    assert {k: v for k, v in after.items() if k != "riwayat_proses.csv"} == \
        {k: v for k, v in before.items() if k != "riwayat_proses.csv"}  # no temporaries, no journal, old pair
    assert (log[-1]["hasil"], log[-1]["kode_keluar"]) == ("gagal", "3") and "sedang dibuka" in log[-1]["keterangan"]


def test_debug_shows_traceback(runner, example_dir, tmp_path, monkeypatch):
    import lkjip_xls.writer.workbook as writer

    monkeypatch.setattr(writer.R, "write_table", lambda *a, **k: 1 / 0)
    r = invoke(runner, "proses", example_dir, "--output", tmp_path, "--debug")
    assert r.exit_code == 3 and "ZeroDivisionError" in r.output


def test_eml_is_an_unsent_draft_carrying_the_workbook(runner, example_dir, tmp_path):
    out = tmp_path / "hasil"
    assert invoke(runner, "proses", example_dir, "--output", out).exit_code == 0
    eml = out / "LKjIP_Kecamatan_Bareng_2024_12.eml"
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "LKjIP Kecamatan Bareng s.d. Desember 2024"
    assert msg["To"] == "bappeda@jombangkab.go.id"
    body = msg.get_body(("plain",)).get_content()
    assert "100,21%" in body and "Rp 2.584.035.835" in body and "89,82%" in body
    att = next(msg.iter_attachments())
    assert att.get_filename() == "LKjIP_Kecamatan_Bareng_2024_12.xlsx"
    assert att.get_content() == (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").read_bytes()


def test_templat_and_contoh_commands(runner, tmp_path):
    assert invoke(runner, "templat", tmp_path / "t").exit_code == 0
    assert invoke(runner, "contoh", tmp_path / "c").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["ABK.xlsx", "PK.xlsx", "Realisasi.xlsx",
                                                                  "Renja.xlsx", "Sarpras.xlsx",
                                                                  "naskah_laporan.docx"]
    assert invoke(runner, "periksa", tmp_path / "c").exit_code == 0
    r = invoke(runner, "periksa", tmp_path / "t")  # blank templates: nothing filled
    assert r.exit_code == 1 and "wajib diisi" in r.output


def test_folder_with_spaces_and_non_ascii(runner, example_dir, tmp_path):
    import shutil

    folder = tmp_path / "Data Kecamatan Bareng — 2024 (ü)"
    shutil.copytree(example_dir, folder)
    out = tmp_path / "hasil akhir ß"
    r = invoke(runner, "proses", folder, "--output", out)
    assert r.exit_code == 0, r.output
    assert (out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx").exists()


def test_interrupted_run_leaves_no_partial_file(runner, example_dir, tmp_path, monkeypatch):
    out = tmp_path / "hasil"
    assert invoke(runner, "proses", example_dir, "--output", out).exit_code == 0
    target = out / "LKjIP_Kecamatan_Bareng_2024_12.xlsx"
    good = target.read_bytes()
    import lkjip_xls.writer.workbook as writer

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.R, "write_pemeriksaan", interrupted)
    r = invoke(runner, "proses", example_dir, "--output", out)
    assert r.exit_code == 3 and "Dibatalkan" in r.output
    assert target.read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == sorted(["LKjIP_Kecamatan_Bareng_2024_12.xlsx",
                                                            "LKjIP_Kecamatan_Bareng_2024_12.eml",
                                                            "LKjIP_Kecamatan_Bareng_2024_12_isian.zip",
                                                            "riwayat_proses.csv"])


def test_windows_launchers_call_commands_and_options_that_exist():
    """Each scripts/*.bat runs `lkjip <command> ... --option`: the command and every option it passes
    exist (a renamed option would fail only on the office's PC)."""
    root = Path(__file__).resolve().parents[1]
    calls = []
    for bat in sorted((root / "scripts").glob("*.bat")):
        text = bat.read_bytes().decode("utf-8")
        assert "\r\n" in text, f"{bat.name}: Windows line endings"
        for line in text.splitlines():
            m = re.match(r'\s*"\.venv\\Scripts\\lkjip\.exe"\s+(\S+)(.*)', line)
            if m:
                calls.append((bat.name, m.group(1), re.findall(r"(--[\w-]+)", m.group(2))))
    assert {c for _, c, _ in calls} >= {"proses", "laporan", "siapkan", "rekap", "impor", "contoh"}
    assert ("naskah.bat", "laporan", ["--naskah"]) in calls
    for name, command, options in calls:
        assert command in cli.main.commands, (name, command)
        known = {o for p in cli.main.commands[command].params for o in getattr(p, "opts", [])}
        assert set(options) <= known, (name, set(options) - known)


def test_rekap_of_a_folder_inside_the_output_folder_reads_it(runner, tmp_path):
    """`lkjip proses` then `lkjip rekap output/contoh` (the README's smoke run): the folder read lies in the
    default output folder, so nothing in it is skipped; an output folder inside the folder read is."""
    assert invoke(runner, "proses", cwd=tmp_path).exit_code == 0
    r = invoke(runner, "rekap", "output/contoh", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    from test_rekap_trust import row_of

    [book] = (tmp_path / "output").glob("Rekap*.xlsx")
    assert "1 OPD, 0 belum lapor, 0 masalah" in r.output
    assert row_of(book, "Kecamatan Bareng")["Verifikasi Angka"] == "diverifikasi dari isian"
    again = invoke(runner, "rekap", "output", cwd=tmp_path)  # the output folder itself: its Rekap is not an office
    assert again.exit_code == 0 and "1 OPD, 0 belum lapor, 0 masalah" in again.output, again.output
