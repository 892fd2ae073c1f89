"""Nothing lost (issue 10): staff's workbooks are never overwritten, and a month's workbook, draft
email and log row change together or not at all, whatever fails or kills the run."""

from __future__ import annotations

import csv
import email
import email.policy
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import set_cells, snapshot
from hostile import rewrite_zip, sheet_part

from lkjip_xls import cli, files
from lkjip_xls.files import JOURNAL_NAME, LOCK_NAME

NAME = "LKjIP_Kecamatan_Bareng_2024_12"


def run_cli(*args, cwd: Path | None = None):
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        return CliRunner().invoke(cli.main, [str(a) for a in args])
    finally:
        os.chdir(old)


def read_log(out: Path) -> list[dict]:
    with open(out / "riwayat_proses.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert all(None not in r and len(r) == 11 for r in rows), rows  # every row has exactly the columns
    return rows


def pair_is_consistent(out: Path, name: str = NAME) -> bool:
    """The draft email carries exactly the workbook beside it (or neither exists)."""
    book, eml = out / f"{name}.xlsx", out / f"{name}.eml"
    if not book.exists() and not eml.exists():
        return True
    if not (book.exists() and eml.exists()):
        return False
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    return next(msg.iter_attachments()).get_content() == book.read_bytes()


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith((".~", LOCK_NAME, JOURNAL_NAME)))


# templat / contoh never replace a file ------------------------------------------------------------

def test_templat_and_contoh_leave_a_filled_folder_byte_identical(tmp_path):
    data = tmp_path / "data"
    assert run_cli("contoh", data).exit_code == 0
    set_cells(data / "Realisasi.xlsx", "Anggaran", {"P4": 1})  # a year of typing, in short
    before = snapshot(data)
    for command in ("templat", "contoh"):
        r = run_cli(command, data)
        assert r.exit_code == 0, r.output
        assert "Dilewati karena sudah ada" in r.output and "--timpa" in r.output
        assert snapshot(data) == before


def test_timpa_keeps_the_old_file_in_cadangan(tmp_path):
    data = tmp_path / "data"
    run_cli("contoh", data)
    before = snapshot(data)
    r = run_cli("templat", data, "--timpa")
    assert r.exit_code == 0, r.output
    backups = sorted((data / "cadangan").iterdir())
    assert len(backups) == 5
    for b in backups:
        assert re.fullmatch(r"(ABK|PK|Realisasi|Renja|Sarpras)_\d{8}-\d{6}\.xlsx", b.name), b.name
        assert b.read_bytes() == before[b.name.split("_")[0] + ".xlsx"]
    assert snapshot(data)["Renja.xlsx"] == (Path(__file__).parents[1] / "input_templates" / "Renja.xlsx").read_bytes()
    assert "file lama disimpan di" in r.output


def test_timpa_refuses_when_a_workbook_is_open_in_excel(tmp_path):
    data = tmp_path / "data"
    run_cli("contoh", data)
    (data / "~$Renja.xlsx").write_bytes(b"lock")
    before = snapshot(data)
    r = run_cli("templat", data, "--timpa")
    assert r.exit_code == 3 and "Renja.xlsx sedang dibuka" in r.output and "tidak ada file yang diubah" in r.output
    assert snapshot(data) == before and not (data / "cadangan").exists()


# A month's results change together --------------------------------------------------------------

def _two_inputs(example_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two data folders of the same office and month whose results differ (so a mixed pair shows)."""
    a = shutil.copytree(example_dir, tmp_path / "a")
    b = shutil.copytree(example_dir, tmp_path / "b")
    set_cells(b / "Realisasi.xlsx", "Anggaran", {"P4": 329_000})
    return a, b


def _proses(folder: Path, out: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lkjip_xls", "proses", str(folder), "--output", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_killed_at_random_points_the_pair_is_old_or_new(example_dir, tmp_path):
    a, b = _two_inputs(example_dir, tmp_path)
    out = tmp_path / "hasil"
    start = time.perf_counter()
    assert _proses(a, out).wait() == 0
    duration = time.perf_counter() - start
    rng = random.Random(20241231)
    loops = int(os.environ.get("LKJIP_KILL_LOOPS", "24"))
    journals = 0
    for i in range(loops):
        p = _proses(b if i % 2 else a, out)
        time.sleep(rng.uniform(0.1, duration * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        if (out / JOURNAL_NAME).exists():  # killed between the moves: the next run completes them
            journals += 1
            files.recover(out)
        assert pair_is_consistent(out), f"mixed workbook/.eml after kill {i}"
        read_log(out)  # parseable after every kill
    assert _proses(b, out).wait() == 0
    assert pair_is_consistent(out) and leftovers(out) == []
    rows = read_log(out)
    assert rows[-1]["hasil"] == "berhasil" and len({r["id_proses"] for r in rows}) == len(rows)
    print(f"{loops} kills, {journals} completed by recovery")


KILL_BETWEEN_MOVES = """
import os, sys
import lkjip_xls.files as files
real = os.replace
def replace(src, dst):
    real(src, dst)
    if str(dst).endswith(".xlsx") and "LKjIP_" in str(dst):
        os._exit(9)  # the workbook moved, the email not yet: the worst moment to die
files.os.replace = replace
from lkjip_xls.cli import main
main(["proses", sys.argv[1], "--output", sys.argv[2]])
"""


def test_killed_between_the_two_moves_the_next_run_completes_the_set(example_dir, tmp_path):
    a, b = _two_inputs(example_dir, tmp_path)
    out = tmp_path / "hasil"
    assert _proses(a, out).wait() == 0
    old_book = (out / f"{NAME}.xlsx").read_bytes()
    died = subprocess.run([sys.executable, "-c", KILL_BETWEEN_MOVES, str(b), str(out)], capture_output=True)
    assert died.returncode == 9
    assert (out / JOURNAL_NAME).exists() and (out / f"{NAME}.xlsx").read_bytes() != old_book
    ident = __import__("json").loads((out / JOURNAL_NAME).read_text())["log"]["row"]["id_proses"]
    assert ident not in {r["id_proses"] for r in read_log(out)}
    r = run_cli("periksa", a)  # commands that do not write into the output folder leave it alone
    assert r.exit_code == 0 and (out / JOURNAL_NAME).exists()
    nxt = _proses(a, out)
    stdout, _ = nxt.communicate()
    assert nxt.returncode == 0 and "terputus" in stdout.decode()
    assert pair_is_consistent(out) and leftovers(out) == []
    ids = [r["id_proses"] for r in read_log(out)]
    assert ids.count(ident) == 1  # the interrupted run's row, written once, before the next run's


def test_failure_after_the_workbook_is_built_changes_nothing(example_dir, tmp_path):
    """Disk full while writing the draft email: old pair stays, a log row says why, no traceback."""
    out = tmp_path / "hasil"
    assert _proses(example_dir, out).wait() == 0
    before = snapshot(out)
    script = ("import errno, os, sys\n"
              "real = os.fsync\n"
              "calls = []\n"
              "def fsync(fd):\n"
              "    calls.append(fd)\n"
              "    if len(calls) == 2:\n"
              "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
              "    return real(fd)\n"
              "os.fsync = fsync\n"
              "from lkjip_xls.cli import main\n"
              "main(['proses', sys.argv[1], '--output', sys.argv[2]])\n")
    r = subprocess.run([sys.executable, "-c", script, str(example_dir), str(out)], capture_output=True, text=True)
    assert r.returncode == 3 and "Disk penuh" in r.stderr and "Traceback" not in r.stderr + r.stdout
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k != "riwayat_proses.csv"} == \
        {k: v for k, v in before.items() if k != "riwayat_proses.csv"}
    last = read_log(out)[-1]
    assert (last["hasil"], last["kode_keluar"]) == ("gagal", "3") and "Disk penuh" in last["keterangan"]
    assert leftovers(out) == []


def test_stale_temporaries_and_lock_of_a_dead_run_are_cleaned(example_dir, tmp_path):
    out = tmp_path / "hasil"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / LOCK_NAME).write_text(f"{dead.pid} {__import__('socket').gethostname()} {time.time():.0f}")
    (out / f".~{NAME}.{dead.pid}.tmp.xlsx").write_bytes(b"half")
    (out / f".~{NAME}.{dead.pid}.tmp.eml").write_bytes(b"half")
    assert run_cli("proses", example_dir, "--output", out).exit_code == 0
    assert leftovers(out) == [] and pair_is_consistent(out)


def test_a_live_run_holds_the_output_folder(example_dir, tmp_path):
    out = tmp_path / "hasil"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{os.getpid()} {__import__('socket').gethostname()} {time.time():.0f}")
    r = run_cli("proses", example_dir, "--output", out)
    assert r.exit_code == 3 and "Proses lain sedang menulis" in r.output
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]


def test_log_that_cannot_be_written_stops_the_commit_and_is_said(example_dir, tmp_path):
    out = tmp_path / "hasil"
    assert run_cli("proses", example_dir, "--output", out).exit_code == 0
    (out / "riwayat_proses.csv").unlink()
    (out / "riwayat_proses.csv").mkdir()  # cannot be appended to: as a log open in Excel on Windows
    before = snapshot(out)
    r = run_cli("proses", example_dir, "--output", out)
    assert r.exit_code == 3 and "log riwayat proses" in r.output.lower()
    assert "baris riwayat proses tidak dapat ditulis" in r.output
    assert snapshot(out) == before and leftovers(out) == []


# Environmental failures: one message each, exit 3, no traceback ---------------------------------------

def test_output_folder_is_a_file(example_dir, tmp_path):
    (tmp_path / "hasil").write_text("bukan folder")
    r = run_cli("proses", example_dir, "--output", tmp_path / "hasil")
    assert r.exit_code == 3 and "ternyata sebuah file" in r.output and "Traceback" not in r.output


def test_output_parent_is_a_file(example_dir, tmp_path):
    (tmp_path / "berkas").write_text("x")
    r = run_cli("proses", example_dir, "--output", tmp_path / "berkas" / "hasil")
    assert r.exit_code == 3 and "adalah sebuah file" in r.output and "Traceback" not in r.output


def test_output_folder_without_permission(example_dir, tmp_path, monkeypatch):
    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "mkdir", refuse)
    r = run_cli("proses", example_dir, "--output", tmp_path / "hasil")
    assert r.exit_code == 3 and "Tidak ada izin menulis" in r.output and "Traceback" not in r.output


def test_output_name_too_long(example_dir, tmp_path):
    r = run_cli("proses", example_dir, "--output", tmp_path / ("h" * 300))
    assert r.exit_code == 3 and "terlalu panjang" in r.output and "Traceback" not in r.output


def test_damaged_sheet_part_is_exit_1_naming_the_file(example_copy, tmp_path):
    src = example_copy / "Sarpras.xlsx"
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(sheet_part(src, "Sarpras"))
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    raw[start:start + 60] = b"\0" * 60
    src.write_bytes(bytes(raw))
    r = run_cli("proses", example_copy, "--output", tmp_path / "hasil")
    assert r.exit_code == 1 and "Sarpras.xlsx" in r.output and "rusak" in r.output and "Traceback" not in r.output


def test_broken_relationship_is_exit_1_naming_the_file(example_copy, tmp_path):
    src = example_copy / "Sarpras.xlsx"
    part = sheet_part(src, "Sarpras")
    with zipfile.ZipFile(src) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").replace(part.split("/")[-1].encode(), b"sheet99.xml")
    rewrite_zip(src, tmp_path / "x.xlsx", {"xl/_rels/workbook.xml.rels": rels})
    (tmp_path / "x.xlsx").replace(src)
    r = run_cli("proses", example_copy, "--output", tmp_path / "hasil")
    assert r.exit_code == 1 and "Sarpras.xlsx" in r.output and "sheet99.xml" in r.output


# Identity fields, the log and the email header ----------------------------------------------------------

def test_newline_in_the_opd_name_is_normalised_at_its_cell(example_copy, tmp_path):
    set_cells(example_copy / "PK.xlsx", "Identitas", {"B4": "Kecamatan\nBareng"})
    out = tmp_path / "hasil"
    r = run_cli("proses", example_copy, "--output", out)
    assert r.exit_code == 0, r.output
    assert "PK.xlsx / Identitas / B4" in r.output and "baris baru" in r.output
    assert pair_is_consistent(out)


def test_very_long_opd_name_is_an_error_at_its_cell(example_copy, tmp_path):
    set_cells(example_copy / "PK.xlsx", "Identitas", {"B4": "Dinas " + "Sangat Panjang " * 10})
    r = run_cli("proses", example_copy, "--output", tmp_path / "hasil")
    assert r.exit_code == 1 and "PK.xlsx / Identitas / B4" in r.output and "terlalu-panjang" not in r.output
    assert "lebih dari batas 120 karakter" in r.output


def test_long_opd_name_is_shortened_in_the_file_name(example_copy, tmp_path):
    name = "Dinas Pemberdayaan Masyarakat dan Desa, Pengendalian Penduduk dan Keluarga Berencana"
    set_cells(example_copy / "PK.xlsx", "Identitas", {"B4": name})
    out = tmp_path / "hasil"
    assert run_cli("proses", example_copy, "--output", out).exit_code == 0
    book = next(out.glob("LKjIP_*.xlsx"))
    assert len(book.name) <= len("LKjIP__2024_12.xlsx") + 60 and pair_is_consistent(out, book.stem)


def test_csv_safe():
    assert [files.csv_safe(v) for v in ("-2+3", "\t=x", "=1", "a=1", "12", None, "x\ny")] == \
        ["'-2+3", "'\t=x", "'=1", "a=1", "12", "", "x y"]


@pytest.mark.parametrize("folder", ["=1+1", "+cmd", "@SUM(A1)"])
def test_log_fields_are_safe_to_open_in_a_spreadsheet(example_dir, tmp_path, folder):
    shutil.copytree(example_dir, tmp_path / folder)
    out = tmp_path / "hasil"
    assert run_cli("proses", folder, "--output", "hasil", cwd=tmp_path).exit_code == 0  # as staff type it
    raw = (out / "riwayat_proses.csv").read_text(encoding="utf-8-sig")
    assert read_log(out)[-1]["folder_data"] == "'" + folder
    assert not re.search(r'(^|;)"?[=+\-@]', raw, re.M)


def test_invalid_bappeda_address_is_said_and_left_out(example_copy, tmp_path):
    set_cells(example_copy / "PK.xlsx", "Pengaturan", {"B9": "bappeda di jombangkab"})
    out = tmp_path / "hasil"
    r = run_cli("proses", example_copy, "--output", out)
    assert r.exit_code == 0 and "PK.xlsx / Pengaturan / B9" in r.output and "bukan alamat email" in r.output
    msg = email.message_from_bytes((out / f"{NAME}.eml").read_bytes(), policy=email.policy.default)
    assert msg["To"] is None


def test_several_bappeda_addresses(example_copy, tmp_path):
    set_cells(example_copy / "PK.xlsx", "Pengaturan", {"B9": "bappeda@jombangkab.go.id; monev@jombangkab.go.id"})
    out = tmp_path / "hasil"
    assert run_cli("proses", example_copy, "--output", out).exit_code == 0
    msg = email.message_from_bytes((out / f"{NAME}.eml").read_bytes(), policy=email.policy.default)
    assert msg["To"] == "bappeda@jombangkab.go.id, monev@jombangkab.go.id"
