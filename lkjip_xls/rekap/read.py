"""Reading one received file for ``lkjip rekap``: run in worker processes, so it imports only calamine
and returns a small picklable record (never the workbook).

A results workbook is read from its hidden ``_data`` sheet; the checksum over its visible figures is
recomputed to tell whether a figure was changed by hand after the run. A results workbook of an
earlier version (0.2, without ``_data``) is read from its Ringkasan where the labels are found. Any
other file is classified (not a results workbook, an earlier rekap, damaged, password-protected)
and never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..writer import fingerprint as F

# kinds of file
RESULT, OLD, NOT_RESULT, DAMAGED, REKAP = "hasil", "hasil versi lama", "bukan hasil", "rusak", "rekap"
INPUTS = "isian"  # a zip of the five input workbooks that 'lkjip proses' attaches for recomputation
LABELS = {"pagu": "Pagu", "realisasi": "Realisasi anggaran", "penyerapan": "Penyerapan", "kas": "Anggaran kas",
          "capaian_iku": "Rata-rata capaian IKU", "iku_di_bawah_target": "IKU di bawah target",
          "capaian_program": "Rata-rata capaian program", "efisiensi_anggaran": "Efisiensi anggaran",
          "kebutuhan_pegawai": "Kebutuhan pegawai", "pegawai_tersedia": "Pegawai tersedia",
          "persen_sdm": "Ketersediaan SDM", "sarpras_dihitung": "Sarpras tersedia", "sarpras_standar": "Sarpras standar",
          "persen_sarpras": "Ketersediaan sarpras", "e81_capaian_kinerja": "Capaian kinerja E.81",
          "e81_capaian_anggaran": "Capaian anggaran E.81", "e81_predikat_kinerja": "Predikat kinerja E.81",
          "e81_predikat_anggaran": "Predikat anggaran E.81", "evaluasi_terpenuhi": "Kriteria evaluasi mandiri terpenuhi",
          "evaluasi_dinilai": "Kriteria evaluasi mandiri dinilai"}


def _text(value) -> str:
    from ..inputs.numbers import fmt_id

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_id(F.as_decimal(value))
    return f"'{value}'" if value not in (None, "") else "kosong"

IDENTITY = ("opd", "kabupaten", "provinsi", "periode", "tanggal_proses", "versi_program")
INTEGERS = ("tahun", "bulan", "kesalahan", "peringatan", "jumlah_iku", "iku_di_bawah_target", "pagu", "realisasi",
            "kas", "kebutuhan_pegawai", "pegawai_tersedia", "sarpras_dihitung", "sarpras_standar")
FIGURES = ("pagu", "realisasi", "penyerapan", "kas", "capaian_iku", "jumlah_iku", "iku_di_bawah_target",
           "capaian_program", "efisiensi_anggaran", "kebutuhan_pegawai", "pegawai_tersedia", "persen_sdm",
           "sarpras_dihitung", "sarpras_standar", "persen_sarpras")
E81 = ("e81_triwulan", "e81_capaian_kinerja", "e81_capaian_anggaran")  # numbers; the predikat are text
E81_TEXT = ("e81_predikat_kinerja", "e81_predikat_anggaran")
EVALUASI = ("evaluasi_terpenuhi", "evaluasi_dinilai")  # criteria of the Evaluasi Mandiri; absent before it
REKAP_SHEETS = {"Rekap", "Belum Lapor", "Masalah"}
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


MAX_FILE = 50 * 2**20  # bytes: no results workbook comes near it (the largest office's is a few MB)
TIME_LIMIT = 60  # seconds to read one file in a worker (where the system can bound it)


@dataclass
class Found:
    path: str
    kind: str
    size: int = 0
    mtime: float = 0.0
    digest: str = ""  # sha256 of the file's bytes (identical copies)
    values: dict = field(default_factory=dict)  # identity and key figures (Decimal / int / str)
    edited: bool = False  # the seal does not match what the workbook holds (changed after the run)
    problem: str = ""  # why the file is not usable (Indonesian)
    differs: list[str] = field(default_factory=list)  # key figures whose visible cell and _data disagree
    inputs: dict = field(default_factory=dict)  # kind -> sha256 of the input workbook processed
    members: dict = field(default_factory=dict)  # a zip of input workbooks: member name -> sha256

    @property
    def usable(self) -> bool:
        return self.kind in (RESULT, OLD)

    def get(self, key: str):
        return self.values.get(key)


def read_one(path: str) -> Found:
    """Never raises: whatever goes wrong becomes a ``Found`` of kind DAMAGED with its reason, a Rust panic
    inside calamine (``PanicException``, a BaseException) included; a read that takes longer than
    ``TIME_LIMIT`` is stopped where the system allows it."""
    from ..inputs.inspect import native_stderr_quiet

    with _time_limit(TIME_LIMIT), native_stderr_quiet():
        try:
            return _read(path)
        except (KeyboardInterrupt, SystemExit):
            raise
        except _TimeUp:
            return Found(path, DAMAGED, problem=f"file tidak selesai dibaca dalam {TIME_LIMIT} detik")
        except BaseException as exc:  # noqa: BLE001 - one broken file must never stop the others
            return Found(path, DAMAGED, problem=f"file tidak dapat dibaca ({_reason(exc)})")


class _TimeUp(Exception):
    pass


class _time_limit:
    """SIGALRM where there is one (Linux, macOS) and this is the main thread of its process."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        import signal
        import threading

        if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
            def ring(signum, frame):
                raise _TimeUp()
            self.old = signal.signal(signal.SIGALRM, ring)
            signal.alarm(self.seconds)
            self.armed = True
        return self

    def __exit__(self, *exc):
        if self.armed:
            import signal

            signal.alarm(0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "PasswordError":
        return "dilindungi kata sandi"
    if name in ("ZipError", "BadZipFile"):
        return "bukan file Excel .xlsx yang utuh; mungkin rusak atau terpotong saat diunduh"
    if name == "XmlError":
        return "isi file rusak"
    if name == "PanicException":
        return "isi file rusak (pembaca Excel gagal)"
    return f"{name}: {exc}"[:200]


def _read(path: str) -> Found:
    import stat as st

    from python_calamine import CalamineWorkbook

    info = os.stat(path)  # after discover: a regular file inside the folder (links were resolved there)
    if not st.S_ISREG(info.st_mode):
        return Found(path, DAMAGED, problem="bukan file biasa (perangkat, FIFO atau sejenisnya); dilewati")
    if info.st_size > MAX_FILE:
        return Found(path, DAMAGED, info.st_size, info.st_mtime,
                     problem=f"file terlalu besar ({info.st_size // 2**20} MB; batas {MAX_FILE // 2**20} MB) "
                             "untuk sebuah workbook hasil; dilewati")
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE + 1)
    found = Found(path, DAMAGED, info.st_size, info.st_mtime, hashlib.sha256(data).hexdigest())
    if path.lower().endswith(".zip"):
        return _inputs_zip(found, data)
    refusal = _refused(path, data)
    del data
    if refusal:
        found.problem = refusal
        return found
    book = CalamineWorkbook.from_path(path)
    try:
        names = set(book.sheet_names)
        if REKAP_SHEETS <= names:
            found.kind = REKAP
            return found
        cache: dict = {}  # every sheet parsed once: for the checksum and for the figures
        raw = F.read_data(book, cache)
        if raw is not None:
            return _from_data(found, raw, book, cache)
        if {"Ringkasan", "Pemeriksaan"} <= names:
            return _from_ringkasan(found, book)
        found.kind = NOT_RESULT
        found.problem = "bukan workbook hasil lkjip-xls (tidak ada sheet Ringkasan atau _data)"
        return found
    finally:
        book.close()


def _refused(path: str, data: bytes) -> str:
    """Why the package must not be parsed, from its first bytes and the sizes its zip directory declares
    (a zip bomb), before calamine inflates anything; '' when it may be read. (The full input check,
    ``inspect.check_package``, also scans every XML part's head for openpyxl's sake; calamine needs only
    the sizes, and the rekap reads thousands of files.)"""
    import io
    import zipfile

    from ..inputs.inspect import RESULT_BOUNDS, Refused, check_sizes, guard

    if data[:4] == b"\xd0\xcf\x11\xe0":
        return "dilindungi kata sandi atau berformat Excel lama (.xls)"
    if data[:4] != b"PK\x03\x04":
        return "bukan file Excel .xlsx yang utuh; mungkin rusak atau terpotong saat diunduh"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_sizes(zf)
        guard(data, RESULT_BOUNDS)
    except Refused as exc:
        return exc.reason
    except (zipfile.BadZipFile, OSError, EOFError):
        return "bukan file Excel .xlsx yang utuh; mungkin rusak atau terpotong saat diunduh"
    return ""


INPUT_NAMES = ("renja", "pk", "realisasi", "abk", "sarpras")
MAX_MEMBER = 50 * 2**20


def _inputs_zip(found: Found, data: bytes) -> Found:
    """A zip of input workbooks (attached by 'lkjip proses' for recomputation): the sha256 of each
    .xlsx member, within bounds (declared sizes checked before inflating)."""
    import io
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        found.problem = "arsip zip rusak"
        return found
    members = {}
    total = 0
    for info in zf.infolist():
        name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        if info.is_dir() or not name.lower().endswith(".xlsx"):
            continue
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > 5 * MAX_MEMBER:
            found.problem = "isi arsip zip terlalu besar setelah diekstrak; dilewati demi keamanan"
            return found
        digest = hashlib.sha256()
        with zf.open(info) as fh:
            for chunk in iter(lambda: fh.read(2**20), b""):
                digest.update(chunk)
        members[name] = digest.hexdigest()
    found.kind = INPUTS
    found.members = members
    return found


def _from_data(found: Found, raw: dict, book, cache: dict) -> Found:
    if raw.get("format") != F.FORMAT:
        found.problem = "sheet _data bukan buatan lkjip-xls"
        return found
    version = raw.get("versi_format")
    if not isinstance(version, (int, float)) or int(version) > F.FORMAT_VERSION:
        found.problem = (f"dibuat oleh lkjip-xls versi lebih baru ({raw.get('versi_program')}); perbarui program "
                         "di komputer Bappeda")
        return found
    values: dict = {}
    for key in IDENTITY:
        v = raw.get(key)
        values[key] = v.strip() if isinstance(v, str) else ""
    for key in ("tahun", "bulan", "kesalahan", "peringatan"):
        v = raw.get(key)
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v != int(v):
            found.problem = f"sheet _data tidak lengkap: '{key}' tidak berisi bilangan"
            return found
        values[key] = int(v)
    for key in FIGURES:
        v = F.as_decimal(raw.get(key))
        values[key] = int(v) if v is not None and key in INTEGERS else v
    for key in E81:  # absent in workbooks made before Form E.81
        v = F.as_decimal(raw.get(key))
        values[key] = int(v) if v is not None and key == "e81_triwulan" else v
    for key in E81_TEXT:
        v = raw.get(key)
        values[key] = v.strip() if isinstance(v, str) and v.strip() else None
    for key in EVALUASI:
        v = F.as_decimal(raw.get(key))
        values[key] = int(v) if v is not None and v == int(v) else None
    if not values["opd"] or not 1 <= values["bulan"] <= 12:
        found.problem = "sheet _data tidak lengkap: nama OPD atau bulan tidak ada"
        return found
    found.values = values
    found.kind = RESULT
    if int(version) >= 2:
        found.edited = F.sealed_checksum(book, cache) != raw.get("checksum")
        _visible_figures(found, book, cache)
        found.inputs = {k[len(F.INPUT_PREFIX):]: v for k, v in raw.items()
                        if k.startswith(F.INPUT_PREFIX) and isinstance(v, str)}
    else:
        found.edited = F.visible_checksum(book) != raw.get("checksum")
    return found


_REF = re.compile(r"^'(?P<sheet>(?:[^']|'')+)'!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _visible_figures(found: Found, book, cache: dict):
    """Each key figure as the workbook shows it (the cell its _data row names): the rekap takes that one,
    and says where it differs from _data."""
    for key, hidden, ref in F.data_rows(book, cache):
        if key not in FIGURES + E81 + E81_TEXT + EVALUASI or not ref:
            continue
        m = _REF.match(ref)
        if not m:
            found.differs.append(f"{key}: sel sumber '{ref}' tidak dikenali")
            continue
        sheet, row, col = m.group("sheet").replace("''", "'"), int(m.group("row")) - 1, _col_index(m.group("col"))
        rows = F.sheet_rows(book, sheet, cache)
        shown = rows[row][col] if row < len(rows) and col < len(rows[row]) else None
        if key in E81_TEXT:
            same = (shown or None) == (hidden or None)
            value = shown if isinstance(shown, str) and shown else None
        else:
            value = F.as_decimal(shown) if isinstance(shown, (int, float)) and not isinstance(shown, bool) else None
            same = value == F.as_decimal(hidden)
            value = int(value) if value is not None and key in INTEGERS + EVALUASI + ("e81_triwulan",) else value
        if not same:
            found.differs.append(f"{LABELS.get(key, key)} di sheet {sheet} sel {m.group('col')}{m.group('row')}: "
                                 f"tampil {_text(shown)}, sheet _data {_text(hidden)}")
        found.values[key] = value


# results of version 0.2 (no _data): the Ringkasan by its labels ------------------------------------

_TITLE = re.compile(r"^(?P<opd>.+?), (?P<kab>.*?) — Tahun (?P<tahun>\d{4})$")
_PERIOD = re.compile(r"^Periode: s\.d\. (?P<bulan>\w+) (?P<tahun>\d{4})$")
_LABELS = {
    "Kebutuhan pegawai (ABK)": "kebutuhan_pegawai",
    "Pegawai tersedia": "pegawai_tersedia",
    "Pagu anggaran (Rp)": "pagu",
    "Realisasi anggaran (Rp)": "realisasi",
    "Penyerapan anggaran (%)": "penyerapan",
    "Rata-rata capaian indikator program (%)": "capaian_program",
    "Ketersediaan SDM (%)": "persen_sdm",
    "Ketersediaan sarana dan prasarana (%)": "persen_sarpras",
    "Jumlah kesalahan di sheet Pemeriksaan": "kesalahan",
    "Jumlah peringatan di sheet Pemeriksaan": "peringatan",
}


def _number(v) -> Decimal | None:
    return F.as_decimal(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _from_ringkasan(found: Found, book) -> Found:
    rows = book.get_sheet_by_name("Ringkasan").to_python(skip_empty_area=False)
    cells = [[c for c in row] for row in rows]
    text = [str(r[0]).strip() if r and isinstance(r[0], str) else "" for r in cells]
    title = next((_TITLE.match(t) for t in text[:4] if _TITLE.match(t)), None)
    period = next((_PERIOD.match(t) for t in text[:5] if _PERIOD.match(t)), None)
    if not title or not period or period.group("bulan") not in MONTHS:
        found.kind = NOT_RESULT
        found.problem = "sheet Ringkasan tidak dikenali (judul atau periode tidak ditemukan)"
        return found
    values: dict = {k: None for k in FIGURES}
    values.update(opd=title.group("opd").strip(), kabupaten=title.group("kab").strip(), provinsi="",
                  tahun=int(title.group("tahun")), bulan=MONTHS.index(period.group("bulan")) + 1,
                  periode=text[next(i for i, t in enumerate(text) if _PERIOD.match(t))][len("Periode: "):],
                  versi_program="0.2 atau lebih lama", kesalahan=0, peringatan=0)
    stamp = next((t[len("Tanggal proses: "):] for t in text[:6] if t.startswith("Tanggal proses: ")), "")
    values["tanggal_proses"] = _iso(stamp)
    iku, in_iku = [], False
    for r, label in enumerate(text):
        row = cells[r]
        if label == "Sasaran Strategis":
            in_iku = True
            continue
        if in_iku:
            if label == "Rata-rata capaian IKU":
                values["capaian_iku"] = _number(row[4]) if len(row) > 4 else None
                in_iku = False
            elif len(row) > 4 and (label or (len(row) > 1 and row[1])):
                iku.append(_number(row[4]))
        key = _LABELS.get(label)
        if key and len(row) > 1:
            v = _number(row[1])
            values[key] = int(v) if v is not None and key in INTEGERS else v
    values["jumlah_iku"] = len(iku)
    values["iku_di_bawah_target"] = sum(1 for v in iku if v is not None and v < 100)
    if values["pagu"] is None:
        found.kind = NOT_RESULT
        found.problem = "sheet Ringkasan tidak dikenali (Pagu anggaran tidak ditemukan)"
        return found
    values["kesalahan"] = values["kesalahan"] or 0
    values["peringatan"] = values["peringatan"] or 0
    found.values = values
    found.kind = OLD
    return found


def _iso(stamp: str) -> str:
    """'30 November 2026' -> '2026-11-30' ('' when not a date)."""
    parts = stamp.split()
    if len(parts) == 3 and parts[1] in MONTHS and parts[0].isdigit() and parts[2].isdigit():
        try:
            return dt.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0])).isoformat()
        except ValueError:
            return ""
    return ""
