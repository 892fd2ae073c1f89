"""The monthly job: analyse a folder, then commit the month's workbook, draft email and log row as one.

Nothing here modifies the input workbooks. The workbook and the email are built in memory, written
to temporaries beside their targets, and moved into place together with the log row through
``files.commit``: after a failure or a kill the set on disk is the previous one or the new one,
never a mix. Every attempt, failed ones included, gets a row in ``riwayat_proses.csv``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .api import Result, analyse
from .files import LogRow, OutputLock, append_row, commit, write_temporary
from .issues import EXIT_INPUT, EXIT_WRITE, UserError

LOG_NAME = "riwayat_proses.csv"
LOG_FIELDS = ["waktu", "id_proses", "hasil", "kode_keluar", "keterangan", "folder_data", "bulan", "file_hasil",
              "kesalahan", "peringatan", "checksum_input"]


@dataclass
class Outcome:
    result: Result
    path: Path | None = None
    email: Path | None = None
    log_problem: str | None = None  # the log row could not be written (said to the user)


def checksums(files: dict[str, Path]) -> str:
    parts = []
    for kind in sorted(files):
        digest = hashlib.sha256(Path(files[kind]).read_bytes()).hexdigest()[:16]
        parts.append(f"{Path(files[kind]).name}:{digest}")
    return "; ".join(parts)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.message
    if isinstance(exc, KeyboardInterrupt):
        return "dibatalkan"
    return f"kesalahan program ({type(exc).__name__})"


def process(folder: Path, month: int | None, out_dir: Path, today: dt.date | None = None,
            progress: Callable[[str], None] = lambda s: None,
            status: Callable[[str], None] | None = None) -> Outcome:
    """``progress(line)`` receives the steps of the run; ``status(text)``, when given, the sheet being
    read, the table being computed and the sheet being written (a line that updates in place)."""
    today = today or dt.date.today()
    out_dir = Path(out_dir)
    with attempt(out_dir, folder, month, progress) as log:
        outcome = _process(folder, month, out_dir, today, progress, log, status)
        if outcome.path is None:
            errors = outcome.result.errors
            outcome.log_problem = _log_failure(
                out_dir, {**log, "hasil": "gagal", "kode_keluar": EXIT_INPUT,
                          "keterangan": f"{errors} kesalahan isian; workbook hasil tidak ditulis"}, progress)
        return outcome


@contextmanager
def attempt(out_dir: Path, folder: Path, month: int | str | None, progress, label: str = ""):
    """One run of a command that writes into ``out_dir``: under the output lock (completing a commit an
    earlier run left half done), with the log row it starts; a failure is logged with its reason
    (prefixed by ``label``) and raised on."""
    with OutputLock(out_dir) as lock:
        if lock.recovered:
            progress("      (proses sebelumnya terputus saat memindahkan hasil; kini diselesaikan)")
        log = dict(waktu=dt.datetime.now().isoformat(timespec="seconds"), id_proses=uuid.uuid4().hex[:12],
                   folder_data=str(folder), bulan=month or "")
        try:
            yield log
        except BaseException as exc:
            code = getattr(exc, "exit_code", EXIT_WRITE)
            _log_failure(out_dir, {**log, "hasil": "gagal", "kode_keluar": code, "keterangan": label + _reason(exc)},
                         progress)
            raise


def _log_failure(out_dir: Path, row: dict, progress) -> str | None:
    """A log row for a failed attempt; if the log cannot be written, say so (and return the reason)."""
    try:
        append_row(out_dir / LOG_NAME, LOG_FIELDS, row)
    except UserError as exc:
        progress(f"Catatan: baris riwayat proses tidak dapat ditulis. {exc.message}")
        return exc.message
    return None


def _process(folder: Path, month: int | None, out_dir: Path, today: dt.date, progress, log: dict,
             status=None) -> Outcome:
    from .writer.email_draft import eml_bytes
    from .writer import output_name, workbook_bytes

    progress(f"[1/4] Membaca workbook di {folder} ...")
    result = analyse(folder, month, progress=lambda name: progress(f"      - {name}"), status=status)
    progress(f"[2/4] Pemeriksaan isian: {result.errors} kesalahan, {result.warnings} peringatan.")
    log.update(bulan=result.period.month if result.period else (month or ""), kesalahan=result.errors,
               peringatan=result.warnings, checksum_input=checksums(result.data.files) if result.data else "")
    if not result.ok or not result.tables:
        return Outcome(result)
    p = result.period
    how = "sesuai --bulan" if result.month_given else "bulan terakhir yang ada datanya"
    progress(f"[3/4] Menghitung {len(result.tables)} tabel untuk periode {p.label} {result.data.tahun} ({how}).")
    target = out_dir / output_name(result)
    previous = out_dir / output_name_for(result, p.month - 1) if p.month > 1 else None
    if previous and previous.exists():
        from .kinerja.changes import since_last_month

        try:
            result.changes = since_last_month(result.data, p, result.issues, previous)
        except Exception:  # noqa: BLE001 - an unreadable old file only loses the comparison
            progress(f"      (perbandingan dengan {previous.name} dilewati: file itu tidak dapat dibaca)")
    progress(f"[4/4] Menulis {target} ...")
    book = workbook_bytes(result, today, status=status)
    eml = target.with_suffix(".eml")
    inputs = target.with_name(f"{target.stem}{INPUTS_SUFFIX}")
    packed = inputs_zip(result.data.files)
    mail = eml_bytes(result, target.name, book, today, (inputs.name, packed))
    moves = []
    try:
        moves.append((write_temporary(target, book, "workbook hasil"), target))
        moves.append((write_temporary(inputs, packed, "arsip isian"), inputs))
        moves.append((write_temporary(eml, mail, "draf email"), eml))
    except BaseException:
        for tmp, _ in moves:
            tmp.unlink(missing_ok=True)
        raise
    log.update(hasil="berhasil", kode_keluar=0, keterangan="", file_hasil=str(target))
    commit(out_dir, moves, LogRow(LOG_NAME, LOG_FIELDS, log))
    return Outcome(result, target, eml)


INPUTS_SUFFIX = "_isian.zip"


def inputs_zip(files: dict[str, Path]) -> bytes:
    """The five input workbooks exactly as processed (their sha256 is sealed in the results' _data), for
    Bappeda to recompute the figures (``rekap/verify.py``). Fixed dates: the same inputs, the same zip."""
    import io
    import zipfile

    from .inputs import schema as S

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for kind in sorted(files):
            info = zipfile.ZipInfo(S.BY_KIND[kind].filename, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, Path(files[kind]).read_bytes())
    return buffer.getvalue()


def output_name_for(result: Result, month: int) -> str:
    from .writer import output_name

    name = output_name(result)
    return name[: -len("00.xlsx")] + f"{month:02d}.xlsx"


# lkjip laporan ---------------------------------------------------------------------------------------



def draft_report(folder: Path, month: int | None, out_dir: Path, progress: Callable[[str], None] = lambda s: None,
                 status: Callable[[str], None] | None = None, source_folder: Path | None = None) -> Outcome:
    """``lkjip laporan``: analyse ``folder`` for ``month`` (default: the latest month with data, December
    for a complete year) and write the Word draft into ``out_dir`` with the same safety as the workbook
    (temporary file, moved in with its log row). A draft up to an earlier month is named and titled so
    ("s.d. Maret") and never replaces the annual one.

    ``source_folder`` is where an office's ``kalimat_laporan.toml`` / ``templat_laporan.docx`` are
    looked for (default: ``folder``)."""
    out_dir = Path(out_dir)
    with attempt(out_dir, folder, month or "", progress, "laporan Word: ") as log:
        outcome = _draft_report(folder, month, out_dir, progress, log, status, source_folder or folder)
        if outcome.path is None:
            outcome.log_problem = _log_failure(
                out_dir, {**log, "hasil": "gagal", "kode_keluar": EXIT_INPUT,
                          "keterangan": f"{outcome.result.errors} kesalahan isian; laporan Word tidak ditulis"},
                progress)
        return outcome


def _draft_report(folder: Path, month: int | None, out_dir: Path, progress, log: dict, status,
                  source_folder: Path) -> Outcome:
    from .report import TEMPLATE_NAME, build_report, naskah, report_name
    from .report.word import clean_template

    if (Path(source_folder) / TEMPLATE_NAME).is_file():  # a bad template or naskah is said before any work
        clean_template(Path(source_folder) / TEMPLATE_NAME)
    naskah.load(source_folder)
    progress(f"[1/4] Membaca workbook di {folder} ...")
    result = analyse(folder, month, progress=lambda name: progress(f"      - {name}"), status=status)
    progress(f"[2/4] Pemeriksaan isian: {result.errors} kesalahan, {result.warnings} peringatan.")
    log.update(kesalahan=result.errors, peringatan=result.warnings,
               bulan=result.period.month if result.period else (month or ""),
               checksum_input=checksums(result.data.files) if result.data else "")
    if not result.ok or not result.tables:
        return Outcome(result)
    p = result.period
    how = "sesuai --bulan" if result.month_given else "bulan terakhir yang ada datanya"
    progress(f"[3/4] Menghitung {len(result.tables)} tabel untuk periode {p.label} {result.data.tahun} ({how}).")
    if p.month < 12:
        progress(f"      Data baru s.d. {p.label[5:]}: draf ini diberi nama dan judul 's.d. {p.label[5:]}' dan tidak "
                 "mengganti laporan tahunan.")
    target = out_dir / report_name(result)
    progress(f"[4/4] Menyusun laporan Word {target} ...")
    report, data = build_report(result, source_folder, status=status)
    _say_naskah(report, Path(source_folder) / naskah.NASKAH_NAME, progress)
    tmp = write_temporary(target, data, "laporan Word")
    log.update(hasil="berhasil", kode_keluar=0, keterangan="laporan Word", file_hasil=str(target))
    commit(out_dir, [(tmp, target)], LogRow(LOG_NAME, LOG_FIELDS, log))
    return Outcome(result, target)


def _say_naskah(report, path: Path, progress):
    """What came from staff's naskah, what did not match, and which sections still wait for prose."""
    from .report.wording import listed

    if report.carried:
        progress(f"      Naskah {path.name}: {len(report.carried)} bagian dibawa ({'; '.join(report.carried)}).")
    if report.unmatched:
        progress(f"      PERHATIAN: judul di {path.name} yang tidak sama dengan judul draf mana pun (isinya tidak "
                 f"dibawa): {listed(report.unmatched)}. Samakan kata-kata judulnya dengan judul "
                 "di draf.")
    if report.left_out:
        progress(f"      PERHATIAN: bagan, grafik atau objek sisipan di {path.name} tidak dapat dibawa dan ditinggalkan, "
                 f"di bagian {listed(report.left_out)}. Tempel objek itu sebagai gambar (Paste Special › Picture).")
    waiting = [t for t in report.slots if t not in report.carried]
    if waiting:
        how = (f"tulis sekali di {path.name}" if path.is_file()
               else f"buat {path.name} dengan 'lkjip laporan --naskah' lalu tulis di sana")
        progress(f"      Masih berupa petunjuk berlatar kuning: {'; '.join(waiting)} ({how}).")


def write_naskah(folder: Path, target_folder: Path, progress: Callable[[str], None] = lambda s: None,
                 status: Callable[[str], None] | None = None, source_folder: Path | None = None) -> Outcome:
    """``lkjip laporan --naskah``: a starting ``naskah_laporan.docx`` in ``target_folder`` with every
    heading of the office's draft; an existing naskah is never replaced."""
    from .files import place_files
    from .report import naskah, naskah_bytes

    progress(f"[1/2] Membaca workbook di {folder} ...")
    result = analyse(folder, progress=lambda name: progress(f"      - {name}"), status=status)
    if not result.ok or not result.tables:
        return Outcome(result)
    target = Path(target_folder) / naskah.NASKAH_NAME
    progress(f"[2/2] Menulis {target} ...")
    placed = place_files(Path(target_folder), {naskah.NASKAH_NAME: lambda: naskah_bytes(result, source_folder or folder)})
    if placed.skipped:
        raise UserError(f"{target} sudah ada dan tidak ditimpa (isinya tulisan staf). Untuk naskah baru, ganti "
                        "dulu nama file lama itu, lalu jalankan lagi.", EXIT_INPUT)
    return Outcome(result, target)


# lkjip rekap -------------------------------------------------------------------------------------------

def rekap_name(rekap) -> str:
    from .writer import safe_name

    return f"Rekap_{safe_name(rekap.place)}_{rekap.tahun}_{rekap.bulan:02d}.xlsx"


def write_rekap(folder: Path, month: int | None, out_dir: Path, daftar: Path | None = None,
                progress: Callable[[str], None] = lambda s: None, status: Callable[[str], None] | None = None,
                today: dt.date | None = None, workers: int | None = None):
    """``lkjip rekap``: every results workbook under ``folder`` into one Rekap workbook in ``out_dir``
    (same lock, temporary file, commit and log row as ``proses``). Returns (rekap, path)."""
    from .rekap import collect, read_daftar
    from .rekap.book import rekap_bytes

    out_dir = Path(out_dir)
    names = read_daftar(daftar) if daftar is not None else None
    with attempt(out_dir, folder, month, progress, "rekap: ") as log:
        progress(f"[1/3] Membaca workbook hasil di {folder} ...")
        rekap = collect(folder, month, names, status=status, skip=out_dir, workers=workers)
        progress(f"[2/3] {rekap.files} file Excel dibaca ({rekap.ignored} file lain diabaikan): "
                 f"{len(rekap.offices)} OPD, {len(rekap.missing)} belum lapor, {len(rekap.problems)} masalah.")
        target = out_dir / rekap_name(rekap)
        progress(f"[3/3] Menulis {target} ...")
        data = rekap_bytes(rekap, today)
        tmp = write_temporary(target, data, "workbook rekap")
        log.update(hasil="berhasil", kode_keluar=0, bulan=rekap.bulan, file_hasil=str(target),
                   keterangan=f"rekap: {len(rekap.offices)} OPD, {len(rekap.missing)} belum lapor, "
                              f"{len(rekap.problems)} masalah", kesalahan=0, peringatan=len(rekap.problems))
        commit(out_dir, [(tmp, target)], LogRow(LOG_NAME, LOG_FIELDS, log))
    return rekap, target
