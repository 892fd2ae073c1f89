"""BAB III, sumber daya: 3.15-3.16 staff (R8) and 3.17-3.18 sarpras (R9)."""

from __future__ import annotations


from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import BELUM, DASH, INT, NUM, PCT, TEXT, Builder, Column, Table, refs
from .common import _cap_formula, _multi_note, _or, _program_rows, _sasaran_rows, _src, program_sasaran, shared_note


# 3.15 / 3.16: staff (R8) ----------------------------------------------------

def _jabatan_programs(d: Data) -> list[tuple[str, int, int, set[str]]]:
    out = []
    for r in tuples(d.jabatan.frame):
        progs = {x for x in (r.program_1, r.program_2, r.program_3) if x}
        out.append((f"{r.row}", r.kebutuhan or 0, r.tersedia or 0, progs))
    return out


def staff_for(jabatan: list, programs: set[str]) -> tuple[int, int]:
    """R8: jabatan (from ``_jabatan_programs``) supporting any of ``programs``, each counted once."""
    return rules.staff_totals([(i, n, h) for i, n, h, progs in jabatan if progs & programs])


def staff_total(jabatan: list) -> tuple[int, int]:
    """R8: the organisation, over jabatan that support at least one program, each once."""
    return rules.staff_totals([(i, n, h) for i, n, h, progs in jabatan if progs])


def _sdm_columns(first: list[Column], year: int) -> list[Column]:
    g1, g2 = f"Kinerja Tahun {year}", f"Sumber Daya Manusia Tahun {year}"
    return first + [
        Column("target", "Target", NUM, 9, g1),
        Column("realisasi", "Realisasi", NUM, 10, g1),
        Column("capaian", "Persentase Capaian", PCT, 11, g1),
        Column("kebutuhan", "Kebutuhan SDM (ABK)", INT, 11, g2),
        Column("tersedia", "Ketersediaan SDM", INT, 11, g2),
        Column("persen_sdm", "% Ketersediaan SDM", PCT, 11, g2),
        Column("efisiensi", "Efisiensi SDM", PCT, 11),
    ]


def table_3_15(d: Data, p: Period) -> Table:
    cols = _sdm_columns([Column("no", "No", INT, 5), Column("sasaran", "Sasaran Strategis", TEXT, 30),
                         Column("indikator", "Indikator Kinerja", TEXT, 34)], d.tahun)
    by_sasaran: dict[str, set[str]] = {}
    for kode, keys in program_sasaran(p).items():
        for key in keys:
            by_sasaran.setdefault(key, set()).add(kode)
    pct_f, eff_f = rules.percent_formula("{tersedia}", "{kebutuhan}"), "ROUND({capaian}-{persen_sdm},2)"
    jabatan = _jabatan_programs(d)

    def own(sasaran, cap):
        need, have = staff_for(jabatan, by_sasaran.get(_key(sasaran), set()))
        pct = rules.percent(have, need)
        return (dict(kebutuhan=need, tersedia=have, persen_sdm=_or(pct), efisiensi=_or(rules.difference(cap, pct))),
                dict(persen_sdm=pct_f, efisiensi=eff_f))

    b = Builder(cols)
    rows, _ = _sasaran_rows(d, p, b, own)
    avg, avg_f = b.mean("capaian", rows)
    need, have = staff_total(jabatan)
    pct = rules.percent(have, need)
    b.add("total", {"capaian": avg_f, "persen_sdm": pct_f, "efisiensi": eff_f},
          sasaran="Rata-rata Capaian IKU dan Ketersediaan SDM", capaian=_or(avg), kebutuhan=need, tersedia=have,
          persen_sdm=_or(pct), efisiensi=_or(rules.difference(avg, pct)))
    return b.build("3.15", "Efisiensi Penggunaan Sumber Daya Manusia terhadap Sasaran",
                   f"Sumber: Analisis Beban Kerja {d.opd} dan " + _src(d)[8:],
                   notes=["Jabatan yang mendukung beberapa program dihitung sekali per sasaran dan sekali di total."]
                   + _multi_note(p) + shared_note(p, "pegawainya"))


def table_3_16(d: Data, p: Period) -> Table:
    cols = _sdm_columns([Column("program", "Nama Program", TEXT, 32),
                         Column("indikator", "Indikator Kinerja", TEXT, 34)], d.tahun)
    b = Builder(cols)
    rows = []
    pct_f = rules.percent_formula("{tersedia}", "{kebutuhan}")
    groups: dict[str, list[int]] = {}
    jabatan = _jabatan_programs(d)
    for r, first in _program_rows(p):
        i = b.add("program", {"capaian": _cap_formula(r.polaritas, d)}, places=r.places,
                  program=r.program if first else None,
                  indikator=r.indikator, target=_or(r.target), realisasi=_or(r.realisasi, BELUM),
                  capaian=_or(r.capaian))
        rows.append(i)
        groups.setdefault(r.kode, []).append(i)
    for kode, members in groups.items():
        first = members[0]
        need, have = staff_for(jabatan, {kode})
        pct = rules.percent(have, need)
        shown = [i for i in members if b.rows[i]["capaian"] != DASH]
        cap, cap_f = b.mean("capaian", members)
        b.set(first, "kebutuhan", need)
        b.set(first, "tersedia", have)
        b.set(first, "persen_sdm", _or(pct), pct_f)
        eff_f = (f"ROUND({cap_f}-{{persen_sdm}},2)" if len(shown) > 1
                 else "ROUND({capaian}-{persen_sdm},2)")
        b.set(first, "efisiensi", _or(rules.difference(cap, pct)), eff_f)
    avg, avg_f = b.mean("capaian", rows)
    need, have = staff_total(jabatan)
    pct = rules.percent(have, need)
    b.add("total", {"capaian": avg_f, "persen_sdm": pct_f,
                    "efisiensi": "ROUND({capaian}-{persen_sdm},2)"},
          program="Rata-rata Capaian Indikator Program dan Ketersediaan SDM", capaian=_or(avg), kebutuhan=need,
          tersedia=have, persen_sdm=_or(pct), efisiensi=_or(rules.difference(avg, pct)))
    return b.build("3.16", "Efisiensi Penggunaan Sumber Daya Manusia terhadap Program",
                   f"Sumber: Analisis Beban Kerja {d.opd} dan " + _src(d)[8:],
                   notes=["Efisiensi program dengan dua indikator memakai rata-rata capaiannya.",
                          "Total: jabatan yang mendukung beberapa program dihitung sekali."])


# 3.17 / 3.18: sarpras (R9) --------------------------------------------------

def sarpras_totals(d: Data) -> tuple[int, int, int]:
    """(Σ hasil rekon, Σ standar, Σ min(rekon, standar))."""
    f = d.sarpras.frame
    rekon = sum(int(v or 0) for v in f["hasil_rekon"])
    std = sum(int(v or 0) for v in f["standar"])
    counted = sum(rules.sarpras_counted(r or 0, s or 0) for r, s in zip(f["hasil_rekon"], f["standar"]))
    return rekon, std, counted


def table_3_17(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Uraian", TEXT, 40),
        Column("rekon", f"Hasil Rekon {d.tahun}", INT, 11),
        Column("standar", "Standar Kebutuhan", INT, 11),
        Column("dihitung", "Dihitung (maks. standar)", INT, 12),
        Column("persen", "% Ketersediaan Sarana dan Prasarana", PCT, 14),
    ]
    b = Builder(cols)
    rows = []
    for no, r in enumerate(tuples(d.sarpras.frame), start=1):
        rekon, std = int(r.hasil_rekon or 0), int(r.standar or 0)
        rows.append(b.add("item", {"dihitung": "MIN({rekon},{standar})",
                                   "persen": rules.percent_formula("{rekon}", "{standar}")},
                          no=no, uraian=r.uraian, rekon=rekon, standar=std,
                          dihitung=rules.sarpras_counted(rekon, std), persen=_or(rules.percent(rekon, std))))
    rekon, std, counted = sarpras_totals(d)
    b.add("total", {"rekon": f"SUM({refs('rekon', rows)})", "standar": f"SUM({refs('standar', rows)})",
                    "dihitung": f"SUM({refs('dihitung', rows)})",
                    "persen": rules.percent_formula("{dihitung}", "{standar}")},
          uraian="Tingkat Ketersediaan Sarpras", rekon=rekon, standar=std, dihitung=counted,
          persen=_or(rules.percent(counted, std)))
    return b.build("3.17", "Ketersediaan Sarana dan Prasarana", f"Sumber: Hasil Rekon Aset {d.opd} {d.tahun}",
                   numbered=True,
                   notes=["Total % = Σ min(hasil rekon, standar) / Σ standar × 100: kelebihan satu barang "
                          "tidak menutupi kekurangan barang lain. Barang dengan standar 0 ditampilkan '-'."])


def table_3_18(d: Data, p: Period) -> Table:
    g1, g2 = f"Kinerja Tahun {d.tahun}", f"Sarana dan Prasarana Tahun {d.tahun}"
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Sasaran Strategis", TEXT, 30),
        Column("indikator", "Indikator Kinerja", TEXT, 34),
        Column("target", "Target", NUM, 9, g1),
        Column("realisasi", "Realisasi", NUM, 10, g1),
        Column("capaian", "Persentase Capaian", PCT, 11, g1),
        Column("dihitung", f"Hasil Rekon {d.tahun} (dihitung)", INT, 12, g2),
        Column("standar", "Standar Kebutuhan", INT, 11, g2),
        Column("persen", "% Ketersediaan Sarpras", PCT, 11, g2),
        Column("efisiensi", "Efisiensi Sarana Prasarana", PCT, 12),
    ]
    _, std, counted = sarpras_totals(d)
    pct = rules.percent(counted, std)
    pct_f = rules.percent_formula("{dihitung}", "{standar}")
    eff_f = "ROUND({capaian}-{persen},2)"

    def own(sasaran, cap):
        return (dict(dihitung=counted, standar=std, persen=_or(pct), efisiensi=_or(rules.difference(cap, pct))),
                dict(persen=pct_f, efisiensi=eff_f))

    b = Builder(cols)
    rows, _ = _sasaran_rows(d, p, b, own)
    avg, avg_f = b.mean("capaian", rows)
    b.add("total", {"capaian": avg_f, "persen": pct_f, "efisiensi": eff_f},
          sasaran="Rata-rata Capaian IKU dan Ketersediaan Sarpras", capaian=_or(avg), dihitung=counted,
          standar=std, persen=_or(pct), efisiensi=_or(rules.difference(avg, pct)))
    return b.build("3.18", "Efisiensi Penggunaan Sarana dan Prasarana terhadap Sasaran", _src(d),
                   notes=_multi_note(p))
