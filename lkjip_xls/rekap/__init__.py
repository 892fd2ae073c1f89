"""``lkjip rekap``: Bappeda's view of every office, from the results workbooks they email.

``collect`` finds every Excel file under a folder (a folder of saved attachments: several months per
office, duplicates, other files), reads them in parallel worker processes (``read.read_one``: the
hidden ``_data`` sheet and the checksum of the visible figures), and decides, per office, which file
stands for it: the latest month up to the rekap's month, the newest run where the same month came
twice. Everything else becomes a line of Masalah (not a results workbook, damaged, duplicate, other
year, edited by hand) or of Belum Lapor (in the ``--daftar`` list but no file, or an older month).
``book.rekap_bytes`` writes the workbook.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..inputs import matching as M
from ..issues import EXIT_INPUT, UserError
from .read import DAMAGED, INPUTS, NOT_RESULT, OLD, REKAP, RESULT, Found, read_one

EXCEL = (".xlsx", ".xlsm", ".xls")
ZIPS = (".zip",)  # the input workbooks 'lkjip proses' attaches (LKjIP_<OPD>_<tahun>_<MM>_isian.zip)
PARALLEL_FROM = 16  # fewer files are read in this process (starting workers costs more than it saves)
CHUNK = 8


@dataclass
class Problem:
    file: str
    masalah: str
    tindakan: str


@dataclass
class Missing:
    opd: str
    keterangan: str
    file: str = ""


# the three states of an office's figures (spec section 10), as the Rekap says them
VERIFIED = "diverifikasi dari isian"  # recomputed from its isian: every cell of every sheet the same
SEALED = "tidak dapat diverifikasi"  # no isian here: the seal shows only that nobody edited it by hand
DIFFERS = "berbeda"  # named differences (Masalah), a forged seal, or an isian that does not match
CHECK = DIFFERS
STATE_ORDER = {VERIFIED: 0, SEALED: 1, DIFFERS: 2}


@dataclass
class Office:
    found: Found
    file: str  # relative to the folder
    late: bool = False  # latest month older than the rekap's month
    verified: str = SEALED  # how far its figures are verified: VERIFIED, SEALED or DIFFERS
    rivals: list = field(default_factory=list)  # other copies of the same office and month (Found)
    why: str = ""  # for SEALED: why it could not be verified


@dataclass
class Rekap:
    folder: Path
    tahun: int
    bulan: int
    kabupaten: str
    provinsi: str
    offices: list[Office] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    files: int = 0  # Excel files read
    ignored: int = 0  # other files under the folder (PDF, email, Word ...)
    daftar: bool = False  # a list of the offices that should report was given

    @property
    def place(self) -> str:
        """The kabupaten the rekap is for (the province when the files span several)."""
        return self.kabupaten or self.provinsi or "Gabungan"


def discover(folder: Path, skip: Path | None = None,
             refused: list | None = None) -> tuple[list[Path], int]:
    """Excel files (and zips of input workbooks) under ``folder`` (recursively, in a stable order) and how
    many other files there are. Lock files of an open workbook (``~$...``) and our own temporaries
    (``.~...``) are not files to read; nor is anything under ``skip`` (the output folder, when it lies
    inside the folder read; a folder read that lies inside the output folder is read whole). Only regular files are read: a link leading out of the folder, a device or a
    FIFO named .xlsx goes to ``refused`` as (path, reason), never opened."""
    import stat as st

    excel, other = [], 0
    root_real = Path(folder).resolve()
    skip = skip.resolve() if skip is not None and skip.exists() else None
    if skip is not None and root_real not in skip.parents:
        skip = None  # the folder read lies in the output folder (output/contoh): read it all
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        if skip is not None and (here.resolve() == skip or skip in here.resolve().parents):
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(names):
            if name.startswith(("~$", ".~")):
                continue
            if not name.lower().endswith(EXCEL + ZIPS):
                other += 1
                continue
            path = here / name
            reason = ""
            try:
                if path.is_symlink():
                    target = path.resolve()
                    if root_real != target and root_real not in target.parents:
                        reason = "tautan (link) ke luar folder rekap; tidak dibuka"
                mode = os.stat(path).st_mode
                if not reason and not st.S_ISREG(mode):
                    reason = "bukan file biasa (perangkat, FIFO atau folder bernama .xlsx); tidak dibuka"
            except OSError as exc:
                reason = "tidak dapat dibuka (hak akses atau file terkunci)"
            if reason:
                if refused is not None:
                    refused.append((path, reason))
                continue
            excel.append(path)
    return excel, other


def read_all(paths: list[Path], status: Callable[[str], None] | None = None,
             workers: int | None = None) -> Iterable[Found]:
    """``read_one`` over ``paths`` in worker processes (one per core), results in order; with few files,
    or where worker processes cannot start, in this process. A worker that dies (a file that crashes the
    reader natively) takes only that file with it: the files the broken pool had not finished are read
    again in a fresh pool, and when a pool breaks without finishing any, each alone in its own process;
    the one that still kills its process is a Masalah line."""
    say = status or (lambda text: None)
    n = len(paths)
    names = [str(p) for p in paths]
    workers = workers or _cores()
    if n >= PARALLEL_FROM and workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            done: dict[int, Found] = {}
            pending = list(range(n))
            alone = False
            while pending:
                before = len(done)
                if alone:
                    for i in pending:
                        with ProcessPoolExecutor(max_workers=1) as pool:
                            try:
                                done[i] = pool.submit(read_one, names[i]).result()
                            except BrokenProcessPool:
                                done[i] = Found(names[i], DAMAGED, problem=CRASHED)
                        _progress(say, len(done), n)
                    break
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    futures = [(i, pool.submit(read_one, names[i])) for i in pending]
                    for i, future in futures:
                        try:
                            done[i] = future.result()
                        except BrokenProcessPool:
                            continue
                        _progress(say, len(done), n)
                pending = [i for i in pending if i not in done]
                alone = len(done) == before  # no progress: find the file that kills its process
            yield from (done[i] for i in range(n))
            return
        except (OSError, RuntimeError):
            pass  # workers could not run here: read in this process
    for k, name in enumerate(names, start=1):
        found = read_one(name)
        say(f"Membaca file {k}/{n}")
        yield found


CRASHED = ("file ini membuat pembaca workbook berhenti mendadak (rusak atau sengaja dibuat merusak); "
           "dilewati, file lain tetap dibaca")


def _progress(say, done: int, n: int):
    if done % 10 == 0 or done == n:
        say(f"Membaca file {done}/{n}")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


NAME_HEADERS = {"opd", "nama opd", "perangkat daerah", "nama perangkat daerah", "nama", "nama skpd", "skpd",
                "unit kerja", "instansi"}


def _name_column(rows: list[list]) -> tuple[int, int]:
    """(column, first data row) of a list: the column headed like a name, else the first column holding
    text; a heading row is skipped."""
    for r, row in enumerate(rows[:5]):
        for c, value in enumerate(row):
            if M.office_key(value) in NAME_HEADERS:
                return c, r + 1
    width = max((len(r) for r in rows), default=0)
    for c in range(width):
        if any(isinstance(r[c] if c < len(r) else None, str) and str(r[c]).strip() for r in rows):
            return c, 0
    return 0, 0


def read_daftar(path: Path) -> list[str]:
    """OPD names from a list Bappeda keeps: an Excel sheet, a CSV or TSV with a heading (the column headed
    'Nama OPD', 'Perangkat Daerah' ..., else the first column of text), or a plain text list of one name
    per line, in which a comma belongs to the name ('Dinas Kependudukan, Pencatatan Sipil')."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"File daftar OPD '{path}' tidak ditemukan.", EXIT_INPUT)
    try:
        if path.suffix.lower() in EXCEL:
            from python_calamine import CalamineWorkbook

            from ..inputs.inspect import EXPORT_BOUNDS, Refused, guard, native_stderr_quiet

            try:
                guard(path, EXPORT_BOUNDS)
            except Refused as exc:
                raise UserError(f"File daftar OPD '{path}' ditolak: {exc.reason}.", EXIT_INPUT) from None
            with native_stderr_quiet():
                rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        else:
            from ..files import read_capped

            rows = _text_rows(read_capped(path, 20 * 2**20, "File daftar OPD").decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(f"File daftar OPD '{path}' bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8 atau .xlsx.",
                        EXIT_INPUT) from None
    except UserError as exc:  # refused (too large, no plain file, a bomb): said as it is
        raise UserError(exc.message, EXIT_INPUT) from None
    except BaseException as exc:  # noqa: BLE001 - any unreadable list is the user's to fix
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise UserError(f"File daftar OPD '{path}' tidak dapat dibaca. Pakai .xlsx, .csv, "
                        "atau teks dengan satu nama OPD per baris.", EXIT_INPUT) from None
    col, start = _name_column(rows)
    names = [" ".join(str(r[col]).split()) for r in rows[start:]
             if col < len(r) and r[col] is not None and str(r[col]).strip()]
    if not names:
        raise UserError(f"File daftar OPD '{path}' tidak berisi nama OPD.", EXIT_INPUT)
    return names


def _text_rows(text: str) -> list[list[str]]:
    """Rows of a text list: TSV when a line has a tab; CSV when its first line is a heading with ';' or ','
    separating a name column; otherwise one name per line, commas kept."""
    import csv

    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    if any("\t" in line for line in lines[:50]):
        return [line.split("\t") for line in lines]
    for delimiter in (";", ","):
        if delimiter in lines[0]:
            header = next(csv.reader([lines[0]], delimiter=delimiter))
            if any(M.office_key(h) in NAME_HEADERS for h in header):
                return list(csv.reader(lines, delimiter=delimiter))
    return [[line.strip()] for line in lines]


def collect(folder: Path, month: int | None = None, daftar: list[str] | None = None,
            status: Callable[[str], None] | None = None, skip: Path | None = None,
            workers: int | None = None) -> Rekap:
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"Folder '{folder}' tidak ditemukan. Berikan folder berisi workbook hasil dari OPD.", 2)
    refused: list = []
    paths, other = discover(folder, skip, refused)

    def rel(p: str) -> str:
        try:
            return str(Path(p).relative_to(folder))
        except ValueError:
            return p

    founds = list(read_all(paths, status, workers))
    problems: list[Problem] = [Problem(rel(str(p)), why, "Simpan lampiran sebagai file biasa di folder ini.")
                               for p, why in refused]
    results: list[Found] = []
    sealed_inputs = {sha for f in founds if f.kind == RESULT for sha in f.inputs.values()}
    for f in founds:
        if f.kind in (REKAP, INPUTS):
            continue
        if f.kind == NOT_RESULT and f.digest in sealed_inputs:
            continue  # an office's input workbook, for recomputation
        if f.kind in (NOT_RESULT, DAMAGED):
            action = ("Minta OPD mengirim ulang workbook hasil 'lkjip proses' (file LKjIP_..._<bulan>.xlsx)."
                      if f.kind == DAMAGED else "Bukan laporan OPD; pindahkan dari folder ini bila tidak diperlukan.")
            problems.append(Problem(rel(f.path), f.problem, action))
            continue
        results.append(f)
    if not results:
        raise UserError(f"Tidak ada workbook hasil lkjip-xls di folder '{folder}' ({len(paths)} file Excel dibaca). "
                        "Simpan lampiran email OPD (LKjIP_<OPD>_<tahun>_<bulan>.xlsx) ke folder itu.", EXIT_INPUT)
    tahun = Counter(f.get("tahun") for f in results).most_common(1)[0][0]
    for f in [f for f in results if f.get("tahun") != tahun]:
        problems.append(Problem(rel(f.path), f"tahun {f.get('tahun')} ({f.get('opd')}), bukan tahun rekap {tahun}",
                                "Rekap tahun itu di folder terpisah."))
    results = [f for f in results if f.get("tahun") == tahun]
    for f in results:  # every file, a month superseded by a later one too
        if f.edited:
            problems.append(Problem(rel(f.path), f"angka diubah setelah workbook dibuat ({f.get('opd')}, bulan "
                                    f"{f.get('bulan')}): segel di sheet _data tidak cocok dengan isi workbook; "
                                    "sheet, sel dan kedua angkanya disebut di baris lain bila angka itu angka "
                                    "kunci atau bila isian OPD (..._isian.zip) ada di folder rekap",
                                    "Minta OPD menjalankan ulang 'lkjip proses' dan mengirim file aslinya; jangan "
                                    "mengubah angka di workbook hasil."))
        for line in f.differs:
            problems.append(Problem(rel(f.path), f"{f.get('opd')}, bulan {f.get('bulan')}: {line}; Rekap memakai "
                                    "angka yang tampil, baris OPD ini ditandai perlu diperiksa",
                                    "Minta OPD mengirim ulang workbook hasil yang asli."))
    bulan = month or max(f.get("bulan") for f in results)
    chosen: dict[str, list[Found]] = {}
    later: dict[str, Found] = {}  # offices whose every file is of a month after the rekap's
    for f in results:
        if f.get("bulan") <= bulan:
            chosen.setdefault(M.office_key(f.get("opd")), []).append(f)
        else:
            later.setdefault(M.office_key(f.get("opd")), f)
    offices: list[Office] = []
    for key, files in chosen.items():
        latest = max(f.get("bulan") for f in files)
        same = sorted((f for f in files if f.get("bulan") == latest), key=lambda f: f.path)
        distinct = list({f.digest: f for f in reversed(same)}.values())  # identical copies: the first path
        distinct.sort(key=lambda f: (f.get("tanggal_proses") or "", f.mtime), reverse=True)  # newest run
        keep = distinct[0]
        # copies that differ compete: the verified one wins in _verify (a later date proves nothing)
        offices.append(Office(keep, rel(keep.path), late=latest < bulan, rivals=distinct[1:]))
        for dup in same:
            if dup is not keep and dup.digest == keep.digest:
                problems.append(Problem(rel(dup.path), f"duplikat {keep.get('opd')} bulan {latest}: salinan yang "
                                        f"sama persis; dipakai {rel(keep.path)}", "Hapus salinan yang tidak dipakai."))
    offices.sort(key=lambda o: M.office_key(o.found.get("opd")))
    for o in offices:
        f = o.found
        if f.edited or f.differs:
            o.verified = CHECK
        if f.kind == OLD:
            o.verified = "versi lama: tanpa segel"
            problems.append(Problem(o.file, f"dibuat lkjip-xls versi lama (tanpa sheet _data): angka dibaca dari "
                                    "Ringkasan, perubahan manual tidak dapat diperiksa",
                                    "Minta OPD memperbarui lkjip-xls lalu memproses ulang."))
    _verify(offices, founds, problems, rel, status, workers)
    # verified offices first (the Rekap's totals count only them), then unverifiable, then differing
    offices.sort(key=lambda o: STATE_ORDER.get(o.verified, len(STATE_ORDER)))
    kabupaten = Counter(o.found.get("kabupaten") for o in offices).most_common()
    provinsi = Counter(o.found.get("provinsi") for o in offices if o.found.get("provinsi")).most_common(1)
    rekap = Rekap(folder, tahun, bulan, kabupaten[0][0] if len(kabupaten) == 1 else "",
                  provinsi[0][0] if provinsi else "", offices, problems, [], len(paths), other, daftar is not None)
    only_later = {k: f for k, f in later.items() if k not in chosen}
    rekap.missing = _missing(rekap, daftar, only_later, rel)
    return rekap


def _verify(offices: list[Office], founds: list[Found], problems: list[Problem], rel=str,
            status: Callable[[str], None] | None = None, workers: int | None = None):
    """Recompute each office from its isian where the inbox holds it (``verify``), for the copy its row
    shows and any copy of the same month that competes with it; a verified copy wins. The
    recomputations run in worker processes (``check_all``)."""
    from . import verify

    where = verify.locate(founds)
    results = {Path(f.path).name: f.path for f in founds if f.kind == RESULT}
    zips = {Path(f.path).name: f for f in founds if f.kind == INPUTS}
    tasks = [f for o in offices for f in [o.found] + o.rivals]
    checked = iter(check_all(tasks, (where, results, zips), status, workers))
    for o in offices:
        outcomes = [(f, next(checked)) for f in [o.found] + o.rivals]
        chosen = next(((f, r) for f, r in outcomes if r[0] == VERIFIED), outcomes[0])
        if chosen[0] is not o.found:
            o.found, o.file = chosen[0], rel(chosen[0].path)
        state, lines = chosen[1]
        o.verified = state if not (o.found.edited or o.found.differs) or state == DIFFERS else DIFFERS
        if state == SEALED:
            o.why = lines[0] if lines else ""
            if o.why and o.found.kind == RESULT and o.found.inputs and o.why != NO_ISIAN:  # plain absence: the column says it
                problems.append(Problem(o.file, f"{o.found.get('opd')}: tidak dapat diverifikasi: {o.why}",
                                        "Simpan isian OPD (..._isian.zip) dan file yang disebut di folder rekap."))
        elif state == DIFFERS:
            for line in verify.summary(lines):
                problems.append(Problem(o.file, f"{o.found.get('opd')}, bulan {o.found.get('bulan')}: {line}",
                                        "Workbook hasil tidak sesuai isian yang dilampirkan: minta OPD memproses "
                                        "ulang dan mengirim workbook hasil beserta isiannya."))
        for f, (state_f, lines_f) in outcomes:
            if f is o.found:
                continue
            how = ("berbeda dari isiannya" if state_f == DIFFERS else
                   "tidak dapat diverifikasi" if state_f == SEALED else "juga diverifikasi")
            problems.append(Problem(rel(f.path), f"duplikat {f.get('opd')} bulan {f.get('bulan')}, isinya berbeda "
                                    f"dari {o.file}: {how}; dipakai {o.file} ({o.verified})"
                                    + (f"; {lines_f[0]}" if lines_f and state_f == DIFFERS else ""),
                                    "Hapus salinan yang tidak dipakai; tanyakan ke OPD mengapa isinya berbeda."))


NO_ISIAN = "isian (..._isian.zip) tidak ada di folder rekap"
_CONTEXT: tuple = ()  # (where, results, zips) in a worker process


def _start_worker(context: tuple):
    global _CONTEXT
    _CONTEXT = context


def _check_in_worker(found: Found) -> tuple[str, list[str]]:
    return _check(found, *_CONTEXT)


def check_all(tasks: list[Found], context: tuple, status: Callable[[str], None] | None = None,
              workers: int | None = None) -> list[tuple[str, list[str]]]:
    """``_check`` of every task, in order: in worker processes (one per core) when several offices have
    their isian here, else (or where workers cannot start) in this process."""
    say = status or (lambda text: None)
    where = context[0]
    heavy = sum(1 for f in tasks if f.kind == RESULT and f.inputs and all(s in where for s in f.inputs.values()))
    workers = workers or _cores()
    n, out = len(tasks), []
    if heavy >= 2 and workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(max_workers=min(workers, heavy), initializer=_start_worker,
                                     initargs=(context,)) as pool:
                for outcome in pool.map(_check_in_worker, tasks, chunksize=2):
                    out.append(outcome)
                    if len(out) % 10 == 0 or len(out) == n:
                        say(f"Menghitung ulang dari isian {len(out)}/{n}")
            return out
        except (BrokenProcessPool, OSError, RuntimeError):
            out = []  # workers could not run here: recompute in this process
    for found in tasks:
        out.append(_check(found, *context))
        if heavy and (len(out) % 10 == 0 or len(out) == n):
            say(f"Menghitung ulang dari isian {len(out)}/{n}")
    return out


def _check(found: Found, where: dict, results: dict, zips: dict) -> tuple[str, list[str]]:
    """(state, lines) of one results workbook: VERIFIED; DIFFERS with the differences; SEALED with why."""
    from . import verify

    if found.kind != RESULT:
        return SEALED, ["dibuat lkjip-xls versi lama (tanpa segel dan isian)"]
    from ..run import INPUTS_SUFFIX

    sibling = zips.get(Path(found.path).stem + INPUTS_SUFFIX)
    try:
        differences = verify.recompute(found, where, results)
    except Exception:  # noqa: BLE001 - an isian the program cannot recompute: said, the rekap goes on
        return DIFFERS, ["isian yang dilampirkan tidak dapat dihitung ulang"]
    if differences is None:
        if sibling is not None:  # the office's own isian is here but is not what this workbook sealed
            return DIFFERS, [f"isian {Path(sibling.path).name} tidak cocok dengan workbook ini (isinya bukan lima "
                             "workbook yang diproses untuk workbook ini)"]
        if not found.inputs:
            return SEALED, ["workbook tidak mencatat isiannya (format lama)"]
        return SEALED, [NO_ISIAN]
    if isinstance(differences, verify.Unverifiable):
        return SEALED, [str(differences)]
    if differences:
        return DIFFERS, differences
    return VERIFIED, []


def _missing(rekap: Rekap, daftar: list[str] | None, only_later: dict[str, Found], rel) -> list[Missing]:
    from ..inputs.schema import BULAN

    out = []
    by_key = {M.office_key(o.found.get("opd")): o for o in rekap.offices}
    for key, f in only_later.items():
        out.append(Missing(f.get("opd"), f"hanya ada workbook bulan sesudah {BULAN[rekap.bulan - 1]} (mis. "
                                         f"{BULAN[f.get('bulan') - 1]}); rekap ini s.d. {BULAN[rekap.bulan - 1]}",
                           rel(f.path)))
        by_key.setdefault(key, None)
    if daftar is not None:
        names = M.Names(o.found.get("opd") for o in rekap.offices)
        listed = {M.office_key(n) for n in daftar}
        suggest = M.Names(daftar)
        for name in daftar:
            if M.office_key(name) not in by_key:
                out.append(Missing(name, "tidak ada workbook hasil." + M.hint(names.suggest(name))))
        for o in rekap.offices:
            name = o.found.get("opd")
            if M.office_key(name) not in listed:
                rekap.problems.append(Problem(o.file, f"OPD '{name}' tidak ada di daftar OPD." +
                                              M.hint(suggest.suggest(name)),
                                              "Periksa nama OPD di PK.xlsx › Identitas atau di daftar."))
    for o in rekap.offices:
        if o.late:
            month = o.found.get("bulan")
            out.append(Missing(o.found.get("opd"), f"laporan terakhir s.d. {BULAN[month - 1]} (bulan {month}), "
                               f"belum s.d. {BULAN[rekap.bulan - 1]}", o.file))
    return out
