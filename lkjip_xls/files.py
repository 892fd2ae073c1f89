"""Writing files safely: nothing staff typed is overwritten, a month's results change together.

Every command that writes goes through here:

* ``place_files`` puts new workbooks into a folder (``templat``, ``contoh``, ``siapkan``): an
  existing file is skipped unless the user asks to replace it, and then it is first copied to
  ``cadangan/<nama>_<YYYYMMDD-HHMMSS>.xlsx``; a workbook open in Excel (its ``~$`` lock file exists)
  is never touched.
* ``OutputLock`` lets one run at a time write into an output folder; a lock left by a killed run is
  taken over, and the temporaries that run left are removed.
* ``commit`` moves a set of finished temporaries into place (the month's workbook and draft email)
  and appends the log row, through a journal: if the process dies between the moves, the next run
  (``recover``) completes them, so the set on disk is the old one or the new one, never a mix.
* ``os_problem`` turns an ``OSError`` into a message a user can act on (disk full, no permission,
  a path that is a file, a name too long, a file open in Excel).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .issues import EXIT_WRITE, FileInUse, UserError

BACKUP_DIR = "cadangan"
TMP_PREFIX = ".~"
TMP_MARK = ".tmp"
LOCK_NAME = ".lkjip-proses.lock"
JOURNAL_NAME = ".lkjip-commit.json"
REPLACE_TRIES = 6
REPLACE_WAIT = 0.5
STALE_FOREIGN_LOCK = 30 * 60  # seconds: a lock from another computer older than this is taken over


# Messages ---------------------------------------------------------------------------------------

def os_problem(exc: OSError, path: Path | str | None, what: str = "file") -> str:
    """An Indonesian sentence for an OSError met while writing ``path``, with what to do. Without a
    known path the sentence names what was being written only."""
    path = str(path or "")
    at = f" {path}" if path else ""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return (f"Disk penuh saat menulis {what}{at}. Kosongkan ruang disk (hapus file yang tidak perlu) lalu "
                "jalankan lagi.")
    if code == errno.EROFS:
        return f"Lokasi{at or ' tujuan'} hanya dapat dibaca (read-only). Pilih folder lain dengan --output."
    if code == errno.ENAMETOOLONG:
        return (f"Nama atau jalur {what} terlalu panjang:{at or ' (tidak diketahui)'}. Pindahkan folder ke jalur yang "
                "lebih pendek (mis. C:\\lkjip) atau perpendek nama OPD di PK › Identitas.")
    if isinstance(exc, (NotADirectoryError, FileExistsError)) or code in (errno.ENOTDIR, errno.EEXIST):
        return (f"Bagian dari jalur{at} adalah sebuah file, bukan folder. Pindahkan/ganti nama file itu atau "
                "pilih folder lain dengan --output.")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return (f"Tidak ada izin menulis {what}{at}, atau file itu sedang dibuka (mungkin di Excel) atau folder "
                "itu dikunci. Tutup file itu; bila masih gagal, pilih folder lain dengan --output atau minta izin "
                "tulis.")
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return (f"Di tempat {what}{at} ada sebuah folder dengan nama yang sama. Pindahkan atau ganti nama "
                "folder itu lalu jalankan lagi.")
    if code == errno.ENOENT:
        return f"Folder untuk {what}{at} tidak ada atau terhapus saat proses berjalan. Jalankan lagi."
    reason = errno.errorcode.get(code, type(exc).__name__) if code else type(exc).__name__
    return (f"{what[:1].upper()}{what[1:]}{at} tidak dapat ditulis (galat sistem {reason}). Periksa disk dan "
            "folder itu lalu jalankan lagi.")


def os_error_in(exc: BaseException) -> OSError | None:
    """The OSError behind an exception (XlsxWriter's FileCreateError wraps one), if any."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError):
            return exc
        inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, OSError)), None)
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None


def write_error(exc: OSError, path: Path | str, what: str = "file") -> UserError:
    return UserError(os_problem(exc, path, what), EXIT_WRITE)


# Folders and single files ---------------------------------------------------------------------------

MAX_LOG_BYTES = 64 * 2**20  # the run log (one short row per run: decades of monthly runs are a few MB)
MAX_SMALL_BYTES = 2**20  # lock and journal


def refuse_special(path: Path, what: str = "file"):
    """A name in a folder the program reads or writes that is not a plain file (a FIFO or device would
    block or never end; a link out of the folder writes elsewhere) stops the run before it is opened."""
    import stat

    path = Path(path)
    try:
        st = os.lstat(path)
    except OSError:
        return  # absent (or unreadable: the open that follows says so)
    plain = stat.S_ISREG(st.st_mode)
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
            plain = target.is_file() and stat.S_ISREG(os.stat(target).st_mode) and \
                target.parent == path.parent.resolve()
        except (OSError, RuntimeError):
            plain = False
    if not plain:
        raise UserError(f"{what} {path} bukan file biasa (folder, tautan ke luar folder, FIFO atau perangkat), sehingga "
                        "tidak dibuka. Hapus atau pindahkan file itu dari folder, lalu jalankan lagi.", EXIT_WRITE)


def read_capped(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a plain file, refused (UserError) when larger than ``limit``."""
    refuse_special(path, what)
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise UserError(f"{what} {path} terlalu besar (lebih dari {limit // 2**20 or 1} MB); file itu bukan buatan "
                        "lkjip-xls. Pindahkan dari folder, lalu jalankan lagi.", EXIT_WRITE)
    return data


def ensure_folder(folder: Path, what: str = "folder hasil") -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{what.capitalize()} {folder} ternyata sebuah file, bukan folder. Pilih folder lain "
                        "atau pindahkan file itu.", EXIT_WRITE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, folder, what) from None
    return folder


def open_in_office(path: Path) -> bool:
    """Excel keeps ``~$<name>`` beside a workbook while it is open; Word keeps ``~$`` over the first one
    or two characters of a long name (``~$jIP_....docx`` for ``LKjIP_....docx``)."""
    names = {f"~${path.name}", f"~${path.name[1:]}", f"~${path.name[2:]}"}
    return any((path.parent / name).exists() for name in names)


def locked(path: Path) -> bool:
    """True when ``path`` exists and cannot be opened for writing (Windows: open in Excel)."""
    if not path.exists():
        return False
    if open_in_office(path):
        return True
    try:
        with open(path, "r+b"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False


def temporary_for(target: Path) -> Path:
    return target.with_name(f"{TMP_PREFIX}{target.stem}.{os.getpid()}{TMP_MARK}{target.suffix}")


def write_temporary(target: Path, data: bytes, what: str = "file") -> Path:
    """``data`` into a temporary beside ``target``, flushed to disk; the caller moves it into place."""
    tmp = temporary_for(target)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(exc, target, what) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_bytes_atomically(target: Path, data: bytes, what: str = "file"):
    """``data`` into a temporary beside ``target``, then moved over it."""
    replace(write_temporary(target, data, what), target, what)


def replace(tmp: Path, target: Path, what: str = "file", keep: bool = False):
    """Move ``tmp`` over ``target``; a target open in Excel is retried, then reported (exit 3).
    On failure ``tmp`` is removed, unless ``keep`` (a commit that will be completed later)."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                if not keep:
                    tmp.unlink(missing_ok=True)
                raise FileInUse(f"File {target} sedang dibuka (mungkin di Excel) sehingga tidak dapat ditimpa. "
                                "Tutup file itu lalu jalankan lagi. Hasil lama tidak diubah.") from None
            time.sleep(REPLACE_WAIT)
        except OSError as exc:
            if not keep:
                tmp.unlink(missing_ok=True)
            raise write_error(exc, target, what) from None


def backup(path: Path, now: dt.datetime) -> Path:
    """Copy ``path`` to ``cadangan/<stem>_<YYYYMMDD-HHMMSS><suffix>`` beside it (never over another backup),
    flushed to disk and read back: the original is replaced only after its copy is known to be whole.
    A failed copy leaves no partial backup behind."""
    import hashlib

    folder = ensure_folder(path.parent / BACKUP_DIR, "folder cadangan")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{path.stem}_{stamp}{path.suffix}"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{path.stem}_{stamp}_{n}{path.suffix}"
    try:
        original = path.read_bytes()
        with open(dest, "xb") as fh:
            fh.write(original)
            fh.flush()
            os.fsync(fh.fileno())
        if hashlib.sha256(dest.read_bytes()).digest() != hashlib.sha256(original).digest():
            raise OSError(errno.EIO, "salinan cadangan tidak sama dengan aslinya", str(dest))
        shutil.copystat(path, dest)
    except OSError as exc:
        dest.unlink(missing_ok=True)
        raise write_error(exc, dest, "cadangan") from None
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return dest


# Placing new workbooks into a folder ---------------------------------------------------------------

@dataclass
class Placement:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # existed, left as they were
    backups: dict[Path, Path] = field(default_factory=dict)  # replaced file -> its backup


def place_files(folder: Path, files: dict[str, Callable[[], bytes]], replace_existing: bool = False,
                now: dt.datetime | None = None) -> Placement:
    """Write each ``files[name]()`` (the file's bytes, built in memory) into ``folder/name``.

    Existing files are skipped unless ``replace_existing``; then every target is first checked (none
    may be open in Excel: if one is, nothing is changed), every new file is written to a temporary,
    and only then is each old file backed up (and the backup read back) and replaced. On any failure
    (disk full, no permission, a kill) no temporary stays behind, and temporaries that an earlier run
    left when it was killed are removed first."""
    folder = ensure_folder(folder, "folder tujuan")
    remove_stale_temporaries(folder)
    now = now or dt.datetime.now()
    out = Placement()
    todo = {}
    for name, make in files.items():
        target = folder / name
        if target.exists() and not replace_existing:
            out.skipped.append(target)
        else:
            todo[target] = make
    busy = [t for t in todo if locked(t)]
    if busy:
        names = ", ".join(t.name for t in busy)
        raise FileInUse(f"{names} sedang dibuka (mungkin di Excel). Tutup dulu lalu jalankan lagi; tidak ada file "
                        "yang diubah.")
    contents = {target: make() for target, make in todo.items()}  # nothing touches the disk before this
    temporaries: dict[Path, Path] = {}
    try:
        for target, data in contents.items():
            temporaries[target] = write_temporary(target, data, "file")
        for target, tmp in temporaries.items():
            if target.exists():
                out.backups[target] = backup(target, now)
            replace(tmp, target)
            out.written.append(target)
    finally:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)  # those not moved into place (after a failure)
    return out


def remove_stale_temporaries(folder: Path):
    """Temporaries (``.~<name>.<pid>.tmp.<ext>``) of runs that no longer exist: a killed ``siapkan`` or
    ``templat`` would otherwise leave them in the data folder for good (Excel shows them as broken)."""
    import re

    pattern = re.compile(rf"^{re.escape(TMP_PREFIX)}.+\.(\d+){re.escape(TMP_MARK)}(\.[^.]+)?$")
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return
    for p in entries:
        m = pattern.match(p.name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))) and p.is_file():
            try:
                p.unlink()
            except OSError:
                pass


# One run at a time per output folder ------------------------------------------------------------------

def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputLock:
    """``with OutputLock(folder):`` — one run at a time writes into ``folder``.

    A lock left by a run that no longer exists (killed, power cut) is taken over; the temporaries of
    that run are then removed and its unfinished commit completed (``recover``)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.recovered: str | None = None

    def __enter__(self):
        ensure_folder(self.folder)
        refuse_special(self.path, "File kunci")
        refuse_special(self.folder / JOURNAL_NAME, "Jurnal proses")
        me = f"{os.getpid()} {socket.gethostname()} {time.time():.0f}"
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._held_by_live_run():
                    raise UserError("Proses lain sedang menulis ke folder hasil ini (mungkin jendela lkjip lain "
                                    "masih berjalan). Tunggu sampai selesai lalu jalankan lagi. Bila yakin tidak "
                                    f"ada, hapus file {self.path}.", EXIT_WRITE) from None
                self.path.unlink(missing_ok=True)
                continue
            except OSError as exc:
                raise write_error(exc, self.path, "folder hasil") from None
            try:
                with os.fdopen(fd, "w") as fh:
                    fh.write(me)
            except OSError as exc:  # a full disk: no empty lock stays behind
                self.path.unlink(missing_ok=True)
                raise write_error(exc, self.path, "folder hasil") from None
            break
        else:  # pragma: no cover - three races in a row
            raise UserError(f"Folder hasil {self.folder} sedang dipakai. Jalankan lagi.", EXIT_WRITE)
        remove_temporaries(self.folder)
        self.recovered = recover(self.folder)
        return self

    def _held_by_live_run(self) -> bool:
        try:
            pid, host, started = read_capped(self.path, MAX_SMALL_BYTES, "File kunci").decode().split()[:3]
        except (OSError, ValueError):
            return False  # unreadable: left half-written by a killed run
        if host != socket.gethostname():
            return time.time() - float(started) < STALE_FOREIGN_LOCK
        return pid_alive(int(pid))

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)
        return False


def remove_temporaries(folder: Path):
    """Temporaries left by runs that died before committing (call while holding the lock)."""
    journal = _journal_moves(folder)
    for p in Path(folder).glob(f"{TMP_PREFIX}*"):
        if TMP_MARK in p.name and p.name not in journal and p.is_file():
            p.unlink(missing_ok=True)


# The run log (CSV) -------------------------------------------------------------------------------------

def csv_safe(value: object) -> str:
    """A log field that Excel/LibreOffice will not evaluate (OWASP CSV injection: a leading = + - @ tab
    or carriage return gets a leading apostrophe) and that any text editor can read (no lone surrogates)."""
    text = "" if value is None else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\r", " ").replace("\n", " ")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


def _read_log(path: Path) -> tuple[list[str], list[dict]]:
    import csv
    import io

    text = read_capped(path, MAX_LOG_BYTES, "Log riwayat proses").decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    return list(reader.fieldnames or []), list(reader)


def log_has(path: Path, ident: str) -> bool:
    if not ident or not path.exists():
        return False
    try:
        return any(r.get("id_proses") == ident for r in _read_log(path)[1])
    except (OSError, UnicodeDecodeError):
        return False


def append_row(path: Path, fields: list[str], row: dict):
    """Append ``row`` to the CSV log ``path`` (';'-separated, UTF-8 with BOM so Excel reads it). A log
    written with other columns (an older version) is first rewritten with these, keeping its rows."""
    import csv
    import io

    safe = {k: csv_safe(row.get(k)) for k in fields}
    if path.exists():
        try:
            old_fields, old_rows = _read_log(path)
        except UnicodeDecodeError:
            old_fields, old_rows = fields, []
        except OSError as exc:
            raise write_error(exc, path, "log riwayat proses") from None
        if old_fields != fields:
            buf = io.StringIO()
            w = csv.DictWriter(buf, fields, delimiter=";", extrasaction="ignore")
            w.writeheader()
            for r in old_rows:
                w.writerow({k: r.get(k, "") for k in fields})
            write_bytes_atomically(path, buf.getvalue().encode("utf-8-sig"), "log riwayat proses")
    new = not path.exists()
    buf = io.StringIO()
    w = csv.DictWriter(buf, fields, delimiter=";")
    if new:
        w.writeheader()
    w.writerow(safe)
    try:
        with open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
            fh.write(buf.getvalue())
    except OSError as exc:
        raise write_error(exc, path, "log riwayat proses") from None


def check_appendable(path: Path):
    """Raise a UserError now when the log cannot be written (open in Excel, read-only), before anything
    else changes."""
    refuse_special(path, "Log riwayat proses")
    if not path.exists():
        return
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise write_error(exc, path, "log riwayat proses") from None


# Committing a set of files and a log row together ---------------------------------------------------------

def _journal_moves(folder: Path) -> set[str]:
    try:
        data = json.loads(read_capped(Path(folder) / JOURNAL_NAME, MAX_SMALL_BYTES, "Jurnal proses").decode("utf-8"))
        return {tmp for tmp, _ in data["moves"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


@dataclass
class LogRow:
    file: str  # the log's file name, in the same folder
    fields: list[str]
    row: dict  # must hold "id_proses"


def commit(folder: Path, moves: list[tuple[Path, Path]], log: LogRow):
    """Move every finished temporary over its target, then append the log row, as one change.

    The journal is written (atomically) before the first move and removed after the log row; a run
    that dies in between leaves it, and the next ``recover`` completes the moves and the row. Targets
    open in Excel and an unwritable log are found before anything moves."""
    folder = Path(folder)
    try:
        check_appendable(folder / log.file)
        for _, target in moves:
            refuse_special(target, "File hasil")
        busy = [target for _, target in moves if locked(target)]
        if busy:
            raise FileInUse(f"File {busy[0]} sedang dibuka (mungkin di Excel) sehingga tidak dapat ditimpa. "
                            "Tutup file itu lalu jalankan lagi. Hasil lama tidak diubah.")
    except BaseException:
        for tmp, _ in moves:
            tmp.unlink(missing_ok=True)
        raise
    journal = folder / JOURNAL_NAME
    record = {"moves": [[tmp.name, target.name] for tmp, target in moves],
              "log": {"file": log.file, "fields": log.fields, "row": {k: str(v) for k, v in log.row.items()}}}
    write_bytes_atomically(journal, json.dumps(record, ensure_ascii=False).encode("utf-8"), "jurnal proses")
    _complete(folder, record)


def _complete(folder: Path, record: dict):
    """Do the moves and the log row of a journal ``record``, then remove the journal.

    A move that fails before any other has happened undoes the commit (journal and temporaries
    removed: the old set stands). Once one file has moved, the journal stays until every move and the
    log row are done, by this run or by the next one's ``recover``."""
    moved_any = False
    for tmp, target in record["moves"]:
        if not (folder / tmp).exists():
            moved_any = True  # moved by an earlier, interrupted attempt
            continue
        try:
            replace(folder / tmp, folder / target, keep=True)
        except UserError as exc:
            if moved_any:
                raise UserError(f"{exc.message.removesuffix(' Hasil lama tidak diubah.')} Sebagian hasil sudah "
                                "dipindahkan; proses berikutnya akan melengkapinya.", EXIT_WRITE) from None
            for t, _ in record["moves"]:
                (folder / t).unlink(missing_ok=True)
            (folder / JOURNAL_NAME).unlink(missing_ok=True)
            raise
        moved_any = True
    log = record["log"]
    path = folder / log["file"]
    if not log_has(path, log["row"].get("id_proses", "")):
        append_row(path, log["fields"], log["row"])
    (folder / JOURNAL_NAME).unlink(missing_ok=True)


def recover(folder: Path) -> str | None:
    """Complete a commit that a killed run left half done; returns its id_proses, or None."""
    journal = Path(folder) / JOURNAL_NAME
    if not journal.exists():
        return None
    try:
        record = json.loads(read_capped(journal, MAX_SMALL_BYTES, "Jurnal proses").decode("utf-8"))
        ident = record["log"]["row"].get("id_proses", "")
        record["moves"]  # noqa: B018 - must be present
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # written atomically, so an unreadable one was never in force
        return None
    _complete(Path(folder), record)
    return ident
