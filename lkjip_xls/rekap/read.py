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

IDENTITY = ("opd", "kabupaten", "provinsi", "periode", "tanggal_proses", "versi_program")
INTEGERS = ("tahun", "bulan", "kesalahan", "peringatan", "jumlah_iku", "iku_di_bawah_target", "pagu", "realisasi",
            "kas", "kebutuhan_pegawai", "pegawai_tersedia", "sarpras_dihitung", "sarpras_standar")
FIGURES = ("pagu", "realisasi", "penyerapan", "kas", "capaian_iku", "jumlah_iku", "iku_di_bawah_target",
           "capaian_program", "efisiensi_anggaran", "kebutuhan_pegawai", "pegawai_tersedia", "persen_sdm",
           "sarpras_dihitung", "sarpras_standar", "persen_sarpras")
E81 = ("e81_triwulan", "e81_capaian_kinerja", "e81_capaian_anggaran")  # numbers; the predikat are text
E81_TEXT = ("e81_predikat_kinerja", "e81_predikat_anggaran")
REKAP_SHEETS = {"Rekap", "Belum Lapor", "Masalah"}
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


@dataclass
class Found:
    path: str
    kind: str
    size: int = 0
    mtime: float = 0.0
    digest: str = ""  # sha256 of the file's bytes (identical copies)
    values: dict = field(default_factory=dict)  # identity and key figures (Decimal / int / str)
    edited: bool = False  # the visible figures differ from those the run wrote
    problem: str = ""  # why the file is not usable (Indonesian)

    @property
    def usable(self) -> bool:
        return self.kind in (RESULT, OLD)

    def get(self, key: str):
        return self.values.get(key)


def read_one(path: str) -> Found:
    """Never raises: whatever goes wrong becomes a ``Found`` of kind DAMAGED with its reason."""
    try:
        return _read(path)
    except Exception as exc:  # noqa: BLE001 - one broken file must never stop the others
        return Found(path, DAMAGED, problem=f"file tidak dapat dibaca ({_reason(exc)})")


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "PasswordError":
        return "dilindungi kata sandi"
    if name in ("ZipError", "BadZipFile"):
        return "bukan file Excel .xlsx yang utuh; mungkin rusak atau terpotong saat diunduh"
    if name == "XmlError":
        return "isi file rusak"
    return f"{name}: {exc}"[:200]


def _read(path: str) -> Found:
    from python_calamine import CalamineWorkbook

    stat = os.stat(path)
    with open(path, "rb") as fh:
        data = fh.read()
    found = Found(path, DAMAGED, stat.st_size, stat.st_mtime, hashlib.sha256(data).hexdigest())
    del data
    book = CalamineWorkbook.from_path(path)
    try:
        names = set(book.sheet_names)
        if REKAP_SHEETS <= names:
            found.kind = REKAP
            return found
        raw = F.read_data(book)
        if raw is not None:
            return _from_data(found, raw, book)
        if {"Ringkasan", "Pemeriksaan"} <= names:
            return _from_ringkasan(found, book)
        found.kind = NOT_RESULT
        found.problem = "bukan workbook hasil lkjip-xls (tidak ada sheet Ringkasan atau _data)"
        return found
    finally:
        book.close()


def _from_data(found: Found, raw: dict, book) -> Found:
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
    if not values["opd"] or not 1 <= values["bulan"] <= 12:
        found.problem = "sheet _data tidak lengkap: nama OPD atau bulan tidak ada"
        return found
    found.values = values
    found.kind = RESULT
    found.edited = F.visible_checksum(book) != raw.get("checksum")
    return found


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
