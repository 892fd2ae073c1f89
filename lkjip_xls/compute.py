"""Figures for a period (month M): indicators, IKU, budget, staff; and the checks that need them.

Pure functions of ``model.Data``; the tables in ``tables.py`` are built on
``Period``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from . import rules
from . import schema as S
from .frames import tuples
from .issues import ERROR, WARNING, Issue
from .model import MONTHS, Data, _issue, _key
from .numbers import fmt_id


@dataclass
class Period:
    month: int
    indicators: pd.DataFrame  # one row per Renja indicator that has a target
    budget: pd.DataFrame  # one row per code (program, kegiatan, sub kegiatan)
    iku: pd.DataFrame  # one row per IKU
    programs: pd.DataFrame  # one row per PK program indicator

    @property
    def label(self) -> str:
        return f"s.d. {S.BULAN[self.month - 1]}"


def latest_month(d: Data) -> int:
    """The latest month with any data (kinerja, anggaran or IKU); 1 when there is none."""
    latest = 0
    for frame in (d.kinerja.frame, d.anggaran.frame):
        for i, m in enumerate(MONTHS, start=1):
            if m in frame and frame[m].notna().any() and any(v is not None for v in frame[m]):
                latest = max(latest, i)
    for b in d.iku_real.frame["bulan"]:
        if b:
            latest = max(latest, int(b))
    return latest or 1


def _monthly(d: Data) -> dict[tuple[str, str], dict[int, Decimal | None]]:
    """Realisasi per indicator and month, filling a blank month from pembilang/penyebut."""
    out: dict[tuple[str, str], dict[int, Decimal | None]] = {}
    for r in tuples(d.kinerja.frame):
        out[(r.kode, _key(r.indikator))] = {i: getattr(r, f"m{i}") for i in range(1, 13)}
    for r in tuples(d.pembilang.frame):
        key = (r.kode, _key(r.indikator))
        months = out.setdefault(key, {i: None for i in range(1, 13)})
        if r.bulan and months.get(r.bulan) is None and r.penyebut:
            months[r.bulan] = rules.percent(r.pembilang, r.penyebut)
    return out


def compute(d: Data, month: int) -> tuple[Period, list[Issue]]:
    issues: list[Issue] = []
    monthly = _monthly(d)
    s = d.settings

    rows = []
    first_of = set()
    for r in tuples(d.renja.frame):
        if r.target is None:
            continue
        months = monthly.get((r.kode, _key(r.indikator)), {})
        real = rules.accumulate(months, r.sifat or rules.TERAKHIR, month)
        cap = rules.capaian(r.target, real, r.polaritas or "Positif", s.neg_method)
        first = r.kode not in first_of
        first_of.add(r.kode)
        rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, sasaran=r.sasaran, indikator=r.indikator,
                         satuan=r.satuan, target=r.target, realisasi=real, capaian=cap,
                         polaritas=r.polaritas or "Positif", sifat=r.sifat, program=r.program, parent=r.parent,
                         row=r.row, first=first, months=months))
    indicators = pd.DataFrame(rows, dtype=object)

    budget = _budget(d, month)
    iku = _iku(d, month)
    programs = _programs(d, indicators, budget)
    period = Period(month, indicators, budget, iku, programs)
    issues += period_checks(d, period, monthly)
    return period, issues


def _budget(d: Data, month: int) -> pd.DataFrame:
    subs = {}
    for r in tuples(d.anggaran.frame):
        real = rules.budget_to_month({i: getattr(r, f"m{i}") for i in range(1, 13)}, month)
        subs[r.kode] = (r.pagu, real, r.row)
    kas = {}
    for r in tuples(d.anggaran_kas.frame):
        kas[r.kode] = rules.budget_to_month({i: getattr(r, f"m{i}") for i in range(1, 13)}, month)
    rows = []
    items = d.renja.frame.drop_duplicates("kode")
    for r in tuples(items):
        if r.level == "Sub Kegiatan":
            members = [r.kode] if r.kode in subs else []
        else:
            members = [k for k in subs if k.startswith(r.kode + ".")]
        if not members:
            rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, pagu=None, realisasi=None,
                             penyerapan=None, kas=None, subs=[]))
            continue
        pg = sum(subs[k][0] or 0 for k in members)
        real = sum(subs[k][1] for k in members)
        k_sum = sum(kas[k] for k in members if k in kas) if any(k in kas for k in members) else None
        rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, pagu=pg, realisasi=real,
                         penyerapan=rules.percent(real, pg), kas=k_sum, subs=members))
    return pd.DataFrame(rows, dtype=object).set_index("kode", drop=False)


def _iku(d: Data, month: int) -> pd.DataFrame:
    s = d.settings
    reported: dict[str, tuple[int, Decimal, str]] = {}
    for r in tuples(d.iku_real.frame.sort_values("row")):
        if r.bulan and r.bulan <= month and r.realisasi is not None:
            k = _key(r.indikator)
            if k not in reported or r.bulan >= reported[k][0]:
                reported[k] = (r.bulan, r.realisasi, r.dokumen)
    rows = []
    for r in tuples(d.iku.frame):
        bulan, real, dok = reported.get(_key(r.indikator), (None, None, None))
        rows.append(dict(sasaran=r.sasaran, indikator=r.indikator, satuan=r.satuan, target=r.target,
                         polaritas=r.polaritas or "Positif", realisasi=real, bulan=bulan, dokumen=dok,
                         capaian=rules.capaian(r.target, real, r.polaritas or "Positif", s.neg_method),
                         target_akhir=r.target_akhir, row=r.row))
    return pd.DataFrame(rows, dtype=object)


def _programs(d: Data, indicators: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    s = d.settings
    by_key = {}
    if not indicators.empty:
        by_key = {(k, _key(i)): r for k, i, r in zip(indicators["kode"], indicators["indikator"],
                                                    tuples(indicators))}
    names = dict(zip(d.renja.frame["kode"], d.renja.frame["uraian"]))
    rows = []
    for r in tuples(d.pk_program.frame):
        ind = by_key.get((r.kode, _key(r.indikator)))
        real = ind.realisasi if ind is not None else None
        polaritas = ind.polaritas if ind is not None else "Positif"
        b = budget.loc[r.kode] if r.kode in budget.index else None
        rows.append(dict(kode=r.kode, program=names.get(r.kode) or r.kode, sasaran_program=r.sasaran_program,
                         indikator=r.indikator, satuan=r.satuan, target=r.target, realisasi=real,
                         capaian=rules.capaian(r.target, real, polaritas, s.neg_method), polaritas=polaritas,
                         anggaran_pk=r.anggaran, pagu=None if b is None else b["pagu"],
                         realisasi_anggaran=None if b is None else b["realisasi"],
                         sasaran_strategis=r.sasaran_strategis, target_akhir=r.target_akhir, row=r.row))
    return pd.DataFrame(rows, dtype=object)


def _late_months(sd, month: int) -> Issue | None:
    """One warning per sheet for values filled after the period (not counted): how many rows, first cell."""
    late = [(r.row, i) for r in tuples(sd.frame) for i in range(month + 1, 13) if getattr(r, f"m{i}") is not None]
    if not late:
        return None
    row, m = min(late, key=lambda x: (x[1], x[0]))
    n_rows = len({r for r, _ in late})
    return _issue(sd, WARNING, "bulan-setelah-periode", sd.cell(f"m{m}", row),
                  f"{n_rows} baris sudah berisi realisasi bulan {S.BULAN[m - 1]} atau sesudahnya, padahal periode "
                  f"laporan s.d. {S.BULAN[month - 1]}; nilai itu tidak dihitung.",
                  "Abaikan bila memang memproses bulan sebelumnya; bila tidak, periksa pilihan --bulan.")


def period_checks(d: Data, p: Period, monthly: dict) -> list[Issue]:
    out: list[Issue] = []
    bulan = S.BULAN[p.month - 1]
    # realisasi anggaran above pagu; months filled after the period
    for r in tuples(d.anggaran.frame):
        real = rules.budget_to_month({i: getattr(r, f"m{i}") for i in range(1, 13)}, p.month)
        if r.pagu is not None and real > r.pagu:
            out.append(_issue(d.anggaran, ERROR, "realisasi-melebihi-pagu", d.anggaran.cell("kode", r.row),
                              f"Realisasi anggaran {r.kode} s.d. {bulan} ({fmt_id(real)}) melebihi pagu "
                              f"({fmt_id(r.pagu)}).",
                              "Periksa angka realisasi per bulan (isi belanja bulan itu saja, bukan kumulatif) "
                              "atau pagu perubahan."))
    out += [i for sd in (d.anggaran, d.kinerja) if (i := _late_months(sd, p.month)) is not None]
    kin_rows = {(r.kode, _key(r.indikator)): r.row for r in tuples(d.kinerja.frame)}
    for r in tuples(p.indicators):
        krow = kin_rows.get((r.kode, _key(r.indikator)))
        if r.sifat in (rules.JUMLAH, rules.RATA_RATA) and krow:
            filled = [i for i in range(1, p.month + 1) if r.months.get(i) is not None]
            gaps = [i for i in range(1, max(filled, default=0)) if r.months.get(i) is None]
            if gaps:
                out.append(_issue(d.kinerja, WARNING, "bulan-kosong", d.kinerja.cell(f"m{gaps[0]}", krow),
                                  f"Realisasi bulan {S.BULAN[gaps[0] - 1]} kosong di antara bulan yang terisi.",
                                  "Isi 0 bila memang tidak ada realisasi pada bulan itu."))
        if r.realisasi is None:
            cell = d.kinerja.cell("m1", krow) if krow else d.renja.cell("indikator", r.row)
            sd = d.kinerja if krow else d.renja
            out.append(_issue(sd, WARNING, "belum-ada-realisasi", cell,
                              f"Indikator '{r.indikator}' ({r.kode}) bertarget tetapi belum ada realisasi s.d. {bulan}.",
                              "Isi realisasi bulanannya di sheet Kinerja bila sudah ada."))
        elif r.target is not None and r.target == 0:
            out.append(_issue(d.renja, WARNING, "target-nol", d.renja.cell("target_renja", r.row),
                              f"Target indikator '{r.indikator}' 0; capaian tidak dapat dihitung.",
                              "Periksa target di Renja."))
    for r in tuples(d.renja.frame):
        months = monthly.get((r.kode, _key(r.indikator)), {})
        if r.target is None and any(v is not None for v in months.values()):
            out.append(_issue(d.renja, WARNING, "realisasi-tanpa-target", d.renja.cell("target_renja", r.row),
                              f"Indikator '{r.indikator}' ({r.kode}) punya realisasi tetapi tidak bertarget.",
                              "Isi target di Renja, atau kosongkan realisasinya."))
    for r in tuples(p.iku):
        if r.realisasi is None:
            out.append(_issue(d.iku, WARNING, "iku-belum-ada", d.iku.cell("indikator", r.row),
                              f"IKU '{r.indikator}' belum ada realisasi s.d. {bulan} (ditampilkan 'belum ada data').",
                              "Isi sheet IKU di workbook Realisasi saat hasilnya terbit."))
    # PK against Renja: targets and budget
    ind_target = {}
    if not p.indicators.empty:
        ind_target = {(k, _key(i)): t for k, i, t in zip(p.indicators["kode"], p.indicators["indikator"],
                                                         p.indicators["target"])}
    seen = set()
    for r in tuples(d.pk_program.frame):
        t = ind_target.get((r.kode, _key(r.indikator)))
        if t is not None and r.target is not None and Decimal(t) != Decimal(r.target):
            out.append(_issue(d.pk_program, WARNING, "target-pk-beda", d.pk_program.cell("target", r.row),
                              f"Target '{r.indikator}' di PK ({r.target}) berbeda dengan Renja Perubahan ({t}).",
                              "Samakan target PK dengan Renja Perubahan, atau sebaliknya."))
        if r.kode in seen or r.anggaran is None:
            continue
        seen.add(r.kode)
        if r.kode in p.budget.index:
            pg = p.budget.loc[r.kode, "pagu"]
            if pg is not None and pg != r.anggaran:
                out.append(_issue(d.pk_program, WARNING, "anggaran-pk-beda", d.pk_program.cell("anggaran", r.row),
                                  f"Anggaran program {r.kode} di PK ({fmt_id(r.anggaran)}) berbeda dengan jumlah "
                                  f"pagu sub kegiatannya ({fmt_id(pg)}).",
                                  "Periksa pagu sub kegiatan di sheet Anggaran atau anggaran di PK."))
    return out
