"""The monthly job: analyse a folder, write the month's workbook safely, draft the email, log the run.

Nothing here modifies the input workbooks. The result is written to a
temporary file beside the target and moved into place only when complete, so
a failed or interrupted run leaves the earlier file of that month untouched.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .api import Result, analyse
from .issues import UserError

LOG_NAME = "riwayat_proses.csv"
LOG_FIELDS = ("waktu", "folder_data", "bulan", "file_hasil", "kesalahan", "peringatan", "checksum_input")
REPLACE_TRIES = 6
REPLACE_WAIT = 0.5


@dataclass
class Outcome:
    result: Result
    path: Path | None = None
    email: Path | None = None


def checksums(files: dict[str, Path]) -> str:
    parts = []
    for kind in sorted(files):
        digest = hashlib.sha256(Path(files[kind]).read_bytes()).hexdigest()[:16]
        parts.append(f"{Path(files[kind]).name}:{digest}")
    return "; ".join(parts)


def replace_atomically(tmp: Path, target: Path, tries: int = REPLACE_TRIES, wait: float = REPLACE_WAIT):
    """Move ``tmp`` over ``target``; on a locked target (open in Excel) retry, then give up cleanly."""
    for attempt in range(tries):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == tries - 1:
                tmp.unlink(missing_ok=True)
                raise UserError(f"File {target} sedang dibuka (mungkin di Excel) sehingga tidak dapat ditimpa. "
                                "Tutup file itu lalu jalankan lagi. Hasil lama tidak diubah.", 3) from None
            time.sleep(wait)


def write_safely(target: Path, write: Callable[[Path], object]):
    """Call ``write(tmp)`` on a temporary file beside ``target``, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".~{target.stem}.{os.getpid()}.tmp{target.suffix}")
    try:
        write(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    replace_atomically(tmp, target)


def _log(out_dir: Path, row: dict):
    path = out_dir / LOG_NAME
    new = not path.exists()
    try:
        with path.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
            w = csv.DictWriter(fh, LOG_FIELDS, delimiter=";")
            if new:
                w.writeheader()
            w.writerow(row)
    except PermissionError:
        pass  # the log is open in Excel; the run itself succeeded or failed on its own terms


def process(folder: Path, month: int | None, out_dir: Path, today: dt.date | None = None,
            progress: Callable[[str], None] = lambda s: None) -> Outcome:
    from .email_draft import write_eml
    from .writer import output_name, write_results

    today = today or dt.date.today()
    out_dir = Path(out_dir)
    progress(f"[1/4] Membaca workbook di {folder} ...")
    result = analyse(folder, month, progress=lambda name: progress(f"      - {name}"))
    progress(f"[2/4] Pemeriksaan isian: {result.errors} kesalahan, {result.warnings} peringatan.")
    log = dict(waktu=dt.datetime.now().isoformat(timespec="seconds"), folder_data=str(folder),
               bulan=result.period.month if result.period else (month or ""), file_hasil="",
               kesalahan=result.errors, peringatan=result.warnings,
               checksum_input=checksums(result.data.files) if result.data else "")
    if not result.ok or not result.tables:
        out_dir.mkdir(parents=True, exist_ok=True)
        _log(out_dir, log)
        return Outcome(result)
    p = result.period
    how = "sesuai --bulan" if result.month_given else "bulan terakhir yang ada datanya"
    progress(f"[3/4] Menghitung {len(result.tables)} tabel untuk periode {p.label} {result.data.tahun} ({how}).")
    target = out_dir / output_name(result)
    previous = out_dir / output_name_for(result, p.month - 1) if p.month > 1 else None
    if previous and previous.exists():
        from .changes import since_last_month

        try:
            result.changes = since_last_month(result.data, p, result.issues, previous)
        except Exception:  # noqa: BLE001 - an unreadable old file only loses the comparison
            progress(f"      (perbandingan dengan {previous.name} dilewati: file itu tidak dapat dibaca)")
    progress(f"[4/4] Menulis {target} ...")
    write_safely(target, lambda tmp: write_results(result, tmp, today))
    eml = target.with_suffix(".eml")
    write_safely(eml, lambda tmp: write_eml(result, target, tmp, today))
    log["file_hasil"] = str(target)
    _log(out_dir, log)
    return Outcome(result, target, eml)


def output_name_for(result: Result, month: int) -> str:
    from .writer import output_name

    name = output_name(result)
    return name[: -len("00.xlsx")] + f"{month:02d}.xlsx"

