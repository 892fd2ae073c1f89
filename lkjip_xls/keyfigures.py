"""The headline figures of one office for one month: what the Ringkasan shows and ``lkjip rekap``
gathers from every office (through the hidden ``_data`` sheet). Each is read from the computed table
cell the Ringkasan refers to, so the three can never disagree."""

from __future__ import annotations

from decimal import Decimal

from . import rules
from .api import Result
from .shown import is_number

# (key in _data, label in the Rekap), in the order the Rekap shows them
FIGURES = (
    ("pagu", "Pagu (Rp)"),
    ("realisasi", "Realisasi (Rp)"),
    ("penyerapan", "Penyerapan (%)"),
    ("kas", "Anggaran Kas s.d. Bulan (Rp)"),
    ("capaian_iku", "Rata-rata Capaian IKU (%)"),
    ("jumlah_iku", "Jumlah IKU"),
    ("iku_di_bawah_target", "IKU di Bawah Target"),
    ("capaian_program", "Rata-rata Capaian Indikator Program (%)"),
    ("efisiensi_anggaran", "Efisiensi Anggaran (%)"),
    ("kebutuhan_pegawai", "Kebutuhan Pegawai (ABK)"),
    ("pegawai_tersedia", "Pegawai Tersedia"),
    ("persen_sdm", "Ketersediaan SDM (%)"),
    ("sarpras_dihitung", "Sarpras Tersedia (dihitung)"),
    ("sarpras_standar", "Sarpras Standar"),
    ("persen_sarpras", "Ketersediaan Sarpras (%)"),
)


def _total(result: Result, key: str, col: str):
    t = result.tables.get(key)
    if t is None:
        return None
    rows = t.frame.index[t.frame["kind"] == "total"]
    if not len(rows):
        return None
    value = t.frame.at[rows[-1], col]
    return value if is_number(value) else None


def office_kas(result: Result) -> int | None:
    """Anggaran kas up to the month over the whole office: the programs' kas, when every program with a
    pagu has one (a partial plan would make the deviation meaningless)."""
    budget = result.period.budget
    programs = budget[(budget["level"] == "Program") & budget["pagu"].notna()]
    if programs.empty or programs["kas"].isna().any():
        return None
    return int(sum(programs["kas"]))


def key_figures(result: Result) -> dict[str, Decimal | int | None]:
    t31 = result.tables["3.1"]
    iku = [v for v, k in zip(t31.frame["capaian"], t31.frame["kind"]) if k == "iku"]
    return {
        "pagu": _total(result, "3.12", "alokasi"),
        "realisasi": _total(result, "3.12", "realisasi_anggaran"),
        "penyerapan": _total(result, "3.12", "capaian_anggaran"),
        "kas": office_kas(result),
        "capaian_iku": _total(result, "3.1", "capaian"),
        "jumlah_iku": len(iku),
        "iku_di_bawah_target": sum(1 for v in iku if is_number(v) and rules.klasifikasi_key(v) == "tidak_mencapai"),
        "capaian_program": _total(result, "3.13", "capaian"),
        "efisiensi_anggaran": _total(result, "3.14", "efisiensi"),
        "kebutuhan_pegawai": _total(result, "3.15", "kebutuhan"),
        "pegawai_tersedia": _total(result, "3.15", "tersedia"),
        "persen_sdm": _total(result, "3.15", "persen_sdm"),
        "sarpras_dihitung": _total(result, "3.17", "dihitung"),
        "sarpras_standar": _total(result, "3.17", "standar"),
        "persen_sarpras": _total(result, "3.17", "persen"),
    }
