"""Every write failure is one Indonesian message naming the file, with exit 3 and no traceback; no
temporary, lock or half backup stays behind (issue 23). Faults are planted where the program writes
(``files``), the way the operating system reports them."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import snapshot

from lkjip_xls import cli, files
from lkjip_xls.files import BACKUP_DIR, LOCK_NAME
from lkjip_xls.inputs.example import packaged_workbooks


def run_cli(*args, cwd: Path | None = None):
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        return CliRunner().invoke(cli.main, [str(a) for a in args])
    finally:
        os.chdir(old)


def renja_and_pk(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("Renja.xlsx", "PK.xlsx"):
        shutil.copy(packaged_workbooks() / name, folder / name)
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith((".~", LOCK_NAME)))


def refusing_open(folder: Path, error: int):
    """``open`` that fails with ``error`` for files written inside ``folder`` (as a full disk or a locked
    folder would), and behaves as usual otherwise."""
    real = open

    def fake(path, mode="r", *args, **kwargs):
        if any(m in mode for m in "wxa") and Path(path).resolve().is_relative_to(folder.resolve()):
            raise OSError(error, os.strerror(error), str(path))
        return real(path, mode, *args, **kwargs)
    return fake


@pytest.mark.parametrize("error, said", [(errno.ENOSPC, "Disk penuh"), (errno.EACCES, "Tidak ada izin menulis"),
                                         (errno.EROFS, "hanya dapat dibaca")])
def test_siapkan_cannot_write_the_data_folder(tmp_path, monkeypatch, error, said):
    folder = renja_and_pk(tmp_path / "data")
    before = snapshot(folder)
    monkeypatch.setattr(files, "open", refusing_open(folder, error), raising=False)
    r = run_cli("siapkan", folder)
    assert r.exit_code == 3, r.output
    assert said in r.output and "Realisasi.xlsx" in r.output and "kesalahan program" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert snapshot(folder) == before and leftovers(folder) == []


@pytest.mark.parametrize("command", ["templat", "contoh"])
def test_templat_and_contoh_on_a_full_disk(tmp_path, monkeypatch, command):
    folder = tmp_path / "t"
    folder.mkdir()
    monkeypatch.setattr(files, "open", refusing_open(folder, errno.ENOSPC), raising=False)
    r = run_cli(command, folder)
    assert r.exit_code == 3 and "Disk penuh saat menulis file" in r.output and "Renja.xlsx" in r.output
    assert list(folder.iterdir()) == []


def test_a_backup_that_cannot_be_completed_leaves_no_half_copy(tmp_path, monkeypatch):
    folder = renja_and_pk(tmp_path / "data")
    assert run_cli("siapkan", folder).exit_code == 0
    # the Renja changes, so the next siapkan must back up Realisasi.xlsx first; the disk fills then
    import openpyxl

    wb = openpyxl.load_workbook(folder / "Renja.xlsx")
    wb["Renja"]["E5"] = "Indikator yang diganti"
    wb.save(folder / "Renja.xlsx")
    before = snapshot(folder)
    real_fsync = os.fsync

    def fsync(fd):
        if "cadangan" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    r = run_cli("siapkan", folder)
    assert r.exit_code == 3 and "Disk penuh saat menulis cadangan" in r.output
    assert snapshot(folder) == before  # the original untouched
    assert list((folder / BACKUP_DIR).iterdir()) == [] and leftovers(folder) == []


def test_a_backup_is_read_back_before_the_original_is_replaced(tmp_path, monkeypatch):
    folder = renja_and_pk(tmp_path / "data")
    assert run_cli("siapkan", folder).exit_code == 0
    before = snapshot(folder)
    real_read = Path.read_bytes

    def read_bytes(self):  # the copy on disk comes back different (a failing disk)
        data = real_read(self)
        return data[:-1] if BACKUP_DIR in self.parts else data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = run_cli("templat", folder, "--timpa")
    assert r.exit_code == 3 and "cadangan" in r.output
    monkeypatch.undo()
    assert snapshot(folder) == before and leftovers(folder) == []


def test_temporaries_of_a_killed_siapkan_are_removed_at_the_next_run(tmp_path):
    folder = renja_and_pk(tmp_path / "data")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = folder / f".~Realisasi.{dead.pid}.tmp.xlsx"
    stale.write_bytes(b"half a workbook")
    alive = folder / f".~ABK.{os.getppid()}.tmp.xlsx"  # a run still going: left alone
    alive.write_bytes(b"in progress")
    assert run_cli("siapkan", folder).exit_code == 0
    assert not stale.exists() and alive.exists()


def test_siapkan_killed_while_writing_leaves_the_folder_usable(tmp_path):
    folder = renja_and_pk(tmp_path / "data")
    code = "import sys; from lkjip_xls.cli import main; main(['siapkan', sys.argv[1]])"
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
    r = run_cli("siapkan", folder)
    assert r.exit_code == 0, r.output
    assert leftovers(folder) == []
    assert all(p.suffix == ".xlsx" for p in folder.iterdir() if p.is_file())


def test_laporan_on_a_full_disk_leaves_no_lock(example_dir, tmp_path, monkeypatch):
    out = tmp_path / "hasil"
    out.mkdir()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode="r": Full(real_fdopen(fd, mode)))
    r = run_cli("laporan", example_dir, "--output", out)
    assert r.exit_code == 3 and "Disk penuh" in r.output
    assert leftovers(out) == []


def test_name_too_long_is_said(tmp_path):
    folder = tmp_path / ("x" * 300)
    r = run_cli("templat", folder)
    assert r.exit_code == 3 and "terlalu panjang" in r.output and "Traceback" not in r.output


def test_a_message_without_a_known_file_names_what_was_written():
    message = files.os_problem(OSError(errno.ENOSPC, "No space left on device"), None, "workbook hasil")
    assert message.startswith("Disk penuh saat menulis workbook hasil.") and "?" not in message


def test_a_wrapped_os_error_is_said_as_itself():
    from xlsxwriter.exceptions import FileCreateError

    inner = OSError(errno.ENOSPC, "No space left on device", "x.xlsx")
    assert files.os_error_in(FileCreateError(inner)) is inner
    assert files.os_error_in(ValueError("x")) is None
