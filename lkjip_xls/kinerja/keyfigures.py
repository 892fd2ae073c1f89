"""The headline figures of one office for one month: what the Ringkasan shows and ``lkjip rekap``
gathers from every office (through the hidden ``_data`` sheet). Each is read from the computed table
cell the Ringkasan refers to, so the three can never disagree."""

from __future__ import annotations

from decimal import Decimal

from . import rules
from .period import Period
from .table import DASH, Table
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


# Form E.81 of the month's quarter, for the Rekap's E.81 sheet (written to _data after FIGURES)
E81_FIGURES = (
    ("e81_triwulan", "Triwulan"),
    ("e81_capaian_kinerja", "Rata-rata Capaian Kinerja Renja (%)"),
    ("e81_predikat_kinerja", "Predikat Kinerja"),
    ("e81_capaian_anggaran", "Rata-rata Capaian Anggaran Renja (%)"),
    ("e81_predikat_anggaran", "Predikat Anggaran"),
)


# Evaluasi Mandiri (spec section 12): criteria met and criteria decided, shown on the Ringkasan (written to
# _data after E81_FIGURES; absent in workbooks made before it)
EVALUASI_FIGURES = (
    ("evaluasi_terpenuhi", "Kriteria Evaluasi Mandiri Terpenuhi"),
    ("evaluasi_dinilai", "Kriteria Evaluasi Mandiri Dinilai"),
)


def e81_figures(e81: Table | None, p: Period) -> dict:
    """The E.81 averages and predikat as its own sheet shows them (the first two total rows)."""
    out = {key: None for key, _ in E81_FIGURES}
    if e81 is None:
        return out
    totals = [i for i, k in enumerate(e81.frame["kind"]) if k == "total"]
    mean, predikat = (e81.frame.iloc[i] for i in totals[:2])
    out.update(e81_triwulan=(p.month - 1) // 3 + 1,
               e81_capaian_kinerja=mean["k14"] if is_number(mean["k14"]) else None,
               e81_capaian_anggaran=mean["rp14"] if is_number(mean["rp14"]) else None,
               e81_predikat_kinerja=predikat["k14"] if isinstance(predikat["k14"], str) else None,
               e81_predikat_anggaran=predikat["rp14"] if isinstance(predikat["rp14"], str) else None)
    return out


# where each key figure is shown: (table, column, which total row); kas and iku_di_bawah_target are
# shown on the Ringkasan (writer/ringkasan.py says where)
FIGURE_CELLS = {
    "pagu": ("3.12", "alokasi", -1), "realisasi": ("3.12", "realisasi_anggaran", -1),
    "penyerapan": ("3.12", "capaian_anggaran", -1), "capaian_iku": ("3.1", "capaian", -1),
    "capaian_program": ("3.13", "capaian", -1), "efisiensi_anggaran": ("3.14", "efisiensi", -1),
    "kebutuhan_pegawai": ("3.15", "kebutuhan", -1), "pegawai_tersedia": ("3.15", "tersedia", -1),
    "persen_sdm": ("3.15", "persen_sdm", -1), "sarpras_dihitung": ("3.17", "dihitung", -1),
    "sarpras_standar": ("3.17", "standar", -1), "persen_sarpras": ("3.17", "persen", -1),
    "e81_capaian_kinerja": ("E.81", "k14", 0), "e81_predikat_kinerja": ("E.81", "k14", 1),
    "e81_capaian_anggaran": ("E.81", "rp14", 0), "e81_predikat_anggaran": ("E.81", "rp14", 1),
}


def figure_cells(tables: dict[str, Table], e81: Table | None) -> dict[str, tuple[str, int, str]]:
    """{key figure: (table key, row, column)} of the table cell each figure is read from."""
    out = {}
    for key, (table_key, col, which) in FIGURE_CELLS.items():
        t = e81 if table_key == "E.81" else tables.get(table_key)
        if t is None:
            continue
        rows = list(t.frame.index[t.frame["kind"] == "total"])
        if len(rows) > (which if which >= 0 else -which - 1):
            out[key] = (table_key, int(rows[which]), col)
    return out


def _total(tables: dict[str, Table], key: str, col: str):
    t = tables.get(key)
    if t is None:
        return None
    rows = t.frame.index[t.frame["kind"] == "total"]
    if not len(rows):
        return None
    value = t.frame.at[rows[-1], col]
    return value if is_number(value) else None


def office_kas(p: Period) -> int | None:
    """Anggaran kas up to the month over the whole office: the programs' kas, when every program with a
    pagu has one (a partial plan would make the deviation meaningless)."""
    budget = p.budget
    programs = budget[(budget["level"] == "Program") & budget["pagu"].notna()]
    if programs.empty or programs["kas"].isna().any():
        return None
    return int(sum(programs["kas"]))


def key_figures(tables: dict[str, Table], p: Period) -> dict[str, Decimal | int | None]:
    t31 = tables["3.1"]
    iku = [v for v, k in zip(t31.frame["capaian"], t31.frame["kind"]) if k == "iku"]
    kas, realisasi = office_kas(p), _total(tables, "3.12", "realisasi_anggaran")
    return {
        "pagu": _total(tables, "3.12", "alokasi"),
        "realisasi": realisasi,
        "penyerapan": _total(tables, "3.12", "capaian_anggaran"),
        "kas": kas,
        "capaian_iku": _total(tables, "3.1", "capaian"),
        "jumlah_iku": len(iku),
        "iku_di_bawah_target": sum(1 for v in iku if is_number(v) and rules.klasifikasi_key(v) == "tidak_mencapai"),
        "capaian_program": _total(tables, "3.13", "capaian"),
        "efisiensi_anggaran": _total(tables, "3.14", "efisiensi"),
        "kebutuhan_pegawai": _total(tables, "3.15", "kebutuhan"),
        "pegawai_tersedia": _total(tables, "3.15", "tersedia"),
        "persen_sdm": _total(tables, "3.15", "persen_sdm"),
        "sarpras_dihitung": _total(tables, "3.17", "dihitung"),
        "sarpras_standar": _total(tables, "3.17", "standar"),
        "persen_sarpras": _total(tables, "3.17", "persen"),
        # shown on the Ringkasan only (not in _data: FIGURES lists what the rekap gathers)
        "deviasi_kas": None if kas is None or realisasi is None else int(realisasi) - kas,
        "indikator_tanpa_capaian": sum(1 for v in tables["3.3"].frame["capaian"] if v == DASH),
    }
