"""Figures for a period (month M): indicators, IKU, budget, staff; and the checks that need them.

Pure functions of ``model.Data``; the tables in ``kinerja/tabel/`` are built on
``Period``.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from decimal import Decimal

import pandas as pd

from . import rules, sakip
from ..inputs import schema as S
from .frames import tuples
from ..issues import ERROR, WARNING, Issue
from .model import MONTHS, Data, _issue, _key
from ..inputs.numbers import Range, fmt_id, is_na


@dataclass
class Period:
    month: int
    indicators: pd.DataFrame  # one row per Renja indicator that has a target
    budget: pd.DataFrame  # one row per code (program, kegiatan, sub kegiatan)
    iku: pd.DataFrame  # one row per IKU
    programs: pd.DataFrame  # one row per PK program indicator
    places: "Places | None" = None  # R1a: decimals of each indicator (the frames carry theirs as ``places``)
    # R21: sub kegiatan whose indicators have no target: kode, level, uraian, sasaran, row (first Renja row)
    untargeted: pd.DataFrame = dataclass_field(default_factory=lambda: pd.DataFrame(
        columns=["kode", "level", "uraian", "sasaran", "row"], dtype=object))

    @property
    def label(self) -> str:
        return f"s.d. {S.BULAN[self.month - 1]}"

    @cached_property
    def budget_of(self) -> dict:
        """{kode: budget row (namedtuple)}: a dict lookup per row instead of ``DataFrame.loc``."""
        return {r.kode: r for r in tuples(self.budget)}


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
        if not r.kode:
            continue  # an IKU's share (R17): see _iku
        key = (r.kode, _key(r.indikator))
        months = out.setdefault(key, {i: None for i in range(1, 13)})
        if r.bulan and months.get(r.bulan) is None and r.penyebut:
            months[r.bulan] = rules.percent(r.pembilang, r.penyebut)
    return out


@dataclass
class Places:
    """R1a: the decimals of each indicator, from every value typed for it anywhere (targets, months,
    Rencana Aksi, Riwayat, Pembanding): Renja/program indicators by (kode, name key), IKU by name key."""
    renja: dict
    iku: dict
    history: dict  # Riwayat indicators by (jenis is IKU, name key): for rows of earlier years only

    def of_renja(self, kode, indikator) -> int:
        return self.renja.get((kode or "", _key(indikator)), 0)

    def of_iku(self, indikator) -> int:
        return self.iku.get(_key(indikator), 0)


def indicator_places(d: Data) -> Places:
    typed: dict[tuple, list] = {}

    def add(key, *values):
        typed.setdefault(key, []).extend(values)

    for r in tuples(d.renja.frame):
        add(("r", r.kode, _key(r.indikator)), r.target_renja, r.target_perubahan)
    for r in tuples(d.kinerja.frame):
        add(("r", r.kode, _key(r.indikator)), *(getattr(r, m) for m in MONTHS))
    for r in tuples(d.pk_program.frame):
        add(("r", r.kode, _key(r.indikator)), r.target, r.target_akhir)
    for r in tuples(d.iku.frame):
        add(("i", "", _key(r.indikator)), r.target, r.target_akhir)
    for r in tuples(d.iku_real.frame):
        add(("i", "", _key(r.indikator)), r.realisasi)
    for r in tuples(d.rencana_aksi.frame):
        add(("r", r.kode, _key(r.indikator)) if r.kode else ("i", "", _key(r.indikator)), r.tw1, r.tw2, r.tw3, r.tw4)
    for r in tuples(d.pembanding.frame):
        add(("r", r.kode, _key(r.indikator)) if r.kode else ("i", "", _key(r.indikator)),
            r.kabupaten, r.provinsi, r.nasional)
    renja_names: dict[str, list] = {}
    for (kind, kode, name) in list(typed):
        if kind == "r":
            renja_names.setdefault(name, []).append((kind, kode, name))
    history: dict[tuple, list] = {}
    for r in tuples(d.riwayat.frame):
        iku = r.jenis == "IKU"
        history.setdefault((iku, _key(r.indikator)), []).append(r.realisasi)
        # an earlier year's value of a current indicator counts for it (Riwayat is matched by name)
        for key in ([("i", "", _key(r.indikator))] if iku else renja_names.get(_key(r.indikator), [])):
            add(key, r.realisasi)
    renja = {(kode, name): rules.indicator_places(v) for (kind, kode, name), v in typed.items() if kind == "r"}
    iku = {name: rules.indicator_places(v) for (kind, _, name), v in typed.items() if kind == "i"}
    return Places(renja, iku, {k: rules.indicator_places(v) for k, v in history.items()})


def compute(d: Data, month: int) -> tuple[Period, list[Issue]]:
    issues: list[Issue] = []
    monthly = _monthly(d)
    s = d.settings

    pl = indicator_places(d)
    rows = []
    first_of = set()
    for r in tuples(d.renja.frame):
        if r.target is None:
            continue
        months = monthly.get((r.kode, _key(r.indikator)), {})
        if not r.sifat and (blank := _blank_sifat(d, r, months, month)) is not None:
            issues.append(blank)
        real = rules.accumulate(months, r.sifat or rules.TERAKHIR, month)
        cap = rules.capaian(r.target, real, r.polaritas or "Positif", s.neg_method)
        first = r.kode not in first_of
        first_of.add(r.kode)
        rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, sasaran=r.sasaran, indikator=r.indikator,
                         satuan=r.satuan, target=r.target, realisasi=real, capaian=cap,
                         polaritas=r.polaritas or "Positif", sifat=r.sifat, program=r.program, parent=r.parent,
                         row=r.row, first=first, months=months, places=pl.of_renja(r.kode, r.indikator)))
    indicators = pd.DataFrame(rows, dtype=object)
    budget = _budget(d, month)
    # R21: a sub kegiatan with money but no indicator target keeps its budget rows (a sub kegiatan with
    # neither has nothing to show)
    targeted = {r["kode"] for r in rows}
    funded = {r.kode for r in tuples(budget) if r.pagu is not None or r.realisasi}
    untargeted, seen = [], set()
    for r in tuples(d.renja.frame):
        if r.level == "Sub Kegiatan" and r.kode in funded and r.kode not in targeted and r.kode not in seen:
            seen.add(r.kode)
            untargeted.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, sasaran=r.sasaran, row=r.row))

    iku = _iku(d, month, pl)
    programs = _programs(d, indicators, budget, pl)
    period = Period(month, indicators, budget, iku, programs, pl,
                    pd.DataFrame(untargeted, columns=["kode", "level", "uraian", "sasaran", "row"], dtype=object))
    issues += period_checks(d, period, monthly)
    return period, issues


def _blank_sifat(d: Data, r, months: dict, month: int) -> Issue | None:
    """R19: a blank Sifat Realisasi is Terakhir only where that cannot change the figure: one reported
    month, or months whose Jumlah, Rata-rata and Terakhir agree. Otherwise the run stops and shows the
    three results, so staff choose (a monthly count summed is not its last month)."""
    results = {sifat: rules.accumulate(months, sifat, month) for sifat in (rules.JUMLAH, rules.RATA_RATA, rules.TERAKHIR)}
    if len(set(results.values())) <= 1:
        return None
    shown = ", ".join(f"{sifat} {fmt_id(v)}" for sifat, v in results.items())
    return _issue(d.renja, ERROR, "sifat-kosong", d.renja.cell("sifat", r.row),
                  f"Sifat Realisasi indikator {r.kode} \"{r.indikator}\" kosong, padahal realisasinya terisi di "
                  f"beberapa bulan dan hasilnya berbeda menurut sifat: {shown}.",
                  "Isi Sifat Realisasi: Jumlah bila angka tiap bulan dijumlah (mis. jumlah kegiatan), Rata-rata "
                  "bila dirata-rata, Terakhir bila yang berlaku nilai bulan terakhir (indeks, persentase).")


def _budget(d: Data, month: int) -> pd.DataFrame:
    """R3/R4 per code: a sub kegiatan's own pagu and realisasi; a kegiatan or program the sums of its sub
    kegiatan (grouped in one pass over them: linear in the number of rows)."""
    subs = {}
    for r in tuples(d.anggaran.frame):
        real = rules.budget_to_month({i: getattr(r, f"m{i}") for i in range(1, 13)}, month)
        subs[r.kode] = (r.pagu, real, r.row)
    kas = {}
    for r in tuples(d.anggaran_kas.frame):
        kas[r.kode] = rules.budget_to_month({i: getattr(r, f"m{i}") for i in range(1, 13)}, month)
    members: dict[str, list[str]] = {}
    for code in subs:
        parts = code.split(".")
        for depth in (3, 5):  # its program and its kegiatan
            if len(parts) > depth:
                members.setdefault(".".join(parts[:depth]), []).append(code)
    rows = []
    for r in tuples(d.renja.frame.drop_duplicates("kode")):
        if r.level == "Sub Kegiatan":
            own = [r.kode] if r.kode in subs else []
        else:
            own = members.get(r.kode, [])
        if not own:
            rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, pagu=None, realisasi=None,
                             penyerapan=None, kas=None, subs=[]))
            continue
        pg = sum(subs[k][0] or 0 for k in own)
        real = sum(subs[k][1] for k in own)
        k_sum = sum(kas[k] for k in own if k in kas) if any(k in kas for k in own) else None
        rows.append(dict(kode=r.kode, level=r.level, uraian=r.uraian, pagu=pg, realisasi=real,
                         penyerapan=rules.percent(real, pg), kas=k_sum, subs=own))
    return pd.DataFrame(rows, dtype=object).set_index("kode", drop=False)


def _iku(d: Data, month: int, pl: Places) -> pd.DataFrame:
    s = d.settings
    reported: dict[str, tuple[int, Decimal, str]] = {}
    # R17: an IKU that is a share of a count: pembilang / penyebut x 100 of its latest month up to the
    # period, shown (R1); a realisasi typed in the IKU sheet for the same or a later month comes first
    for r in tuples(d.pembilang.frame.sort_values("row")):
        if not r.kode and r.bulan and r.bulan <= month and r.penyebut:
            k = _key(r.indikator)
            if k not in reported or r.bulan >= reported[k][0]:
                reported[k] = (r.bulan, rules.percent(r.pembilang, r.penyebut),
                               f"{fmt_id(r.pembilang)} dari {fmt_id(r.penyebut)}")
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
                         target_akhir=r.target_akhir, row=r.row, places=pl.of_iku(r.indikator)))
    return pd.DataFrame(rows, dtype=object)


def _programs(d: Data, indicators: pd.DataFrame, budget: pd.DataFrame, pl: Places) -> pd.DataFrame:
    s = d.settings
    by_key = {}
    if not indicators.empty:
        by_key = {(k, _key(i)): r for k, i, r in zip(indicators["kode"], indicators["indikator"],
                                                    tuples(indicators))}
    names = dict(zip(d.renja.frame["kode"], d.renja.frame["uraian"]))
    rows = []
    budget_of = {r.kode: r for r in tuples(budget)}
    for r in tuples(d.pk_program.frame):
        # R6b: the Renja target after Perubahan, with its realisasi and polarity; never the PK's target
        ind = by_key.get((r.kode, _key(r.indikator)))
        target = ind.target if ind is not None else None
        real = ind.realisasi if ind is not None else None
        polaritas = ind.polaritas if ind is not None else "Positif"
        b = budget_of.get(r.kode)
        rows.append(dict(kode=r.kode, program=names.get(r.kode) or r.kode, sasaran_program=r.sasaran_program,
                         indikator=r.indikator, satuan=r.satuan, target=target, realisasi=real,
                         capaian=rules.capaian(target, real, polaritas, s.neg_method), polaritas=polaritas,
                         anggaran_pk=r.anggaran, pagu=None if b is None else b.pagu,
                         realisasi_anggaran=None if b is None else b.realisasi,
                         sasaran_strategis=r.sasaran_strategis, target_akhir=r.target_akhir, row=r.row,
                         places=pl.of_renja(r.kode, r.indikator)))
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


# Month-by-month plausibility (Anggaran rows, and Kinerja rows of Jumlah/Rata-rata indicators) ---------

ANGGARAN = "Anggaran"
GAP_ACTION = {
    ANGGARAN: "Isi 0 bila memang tidak ada belanja pada bulan itu; isi belanja bulan itu bila ada.",
    rules.JUMLAH: "Isi 0 bila memang tidak ada realisasi pada bulan itu.",
    rules.RATA_RATA: ("Isi nilai bulan itu bila ada. Jangan isi 0: rata-rata dihitung dari bulan yang terisi, dan 0 "
                      "akan menurunkannya. Bila bulan itu memang tidak dilaporkan, peringatan ini boleh diabaikan."),
}


def _month_rows(d: Data, p: Period):
    """(sheet, Excel row, {month: value}, kind) of the rows expected to have a value every month."""
    for r in tuples(d.anggaran.frame):
        yield d.anggaran, r.row, {i: getattr(r, f"m{i}") for i in range(1, 13)}, ANGGARAN
    kin_rows = {(r.kode, _key(r.indikator)): r.row for r in tuples(d.kinerja.frame)}
    for r in tuples(p.indicators):
        krow = kin_rows.get((r.kode, _key(r.indikator)))
        if krow and r.sifat in (rules.JUMLAH, rules.RATA_RATA):
            yield d.kinerja, krow, r.months, r.sifat


def looks_cumulative(values: list) -> bool:
    """True when monthly values look typed as a running total (Feb = Jan + Feb, ...): at least three
    months, never falling, rising in most months, and the last at least 2,5 times the first non-zero
    value. Steady monthly amounts (salaries) do not rise; a one-off spike rises once."""
    vals = [Decimal(v) for v in values if rules.number(v) is not None]
    if len(vals) < 3 or any(b < a for a, b in zip(vals, vals[1:])):
        return False
    first = next((v for v in vals if v > 0), None)
    rises = sum(1 for a, b in zip(vals, vals[1:]) if b > a)
    return first is not None and rises >= max(2, 2 * (len(vals) - 1) / 3) and vals[-1] >= first * Decimal("2.5")


def month_checks(d: Data, p: Period) -> list[Issue]:
    """Gaps between filled months (per row), rows without the period's month (one warning per sheet),
    and running totals typed where monthly amounts belong (per row)."""
    out: list[Issue] = []
    m = p.month
    missing: dict[str, list[tuple[int, list[int]]]] = {}
    sheets = {}
    for sd, row, months, kind in _month_rows(d, p):
        sheets[sd.sheet] = sd
        filled = [i for i in range(1, m + 1) if months.get(i) is not None]
        gaps = [i for i in range(1, max(filled, default=0)) if months.get(i) is None]
        if gaps:
            names = ", ".join(S.BULAN[i - 1] for i in gaps)
            out.append(_issue(sd, WARNING, "bulan-kosong", sd.cell(f"m{gaps[0]}", row),
                              f"Realisasi bulan {names} kosong di antara bulan yang terisi"
                              + (" (sifat Rata-rata: bulan kosong tidak ikut dirata-rata)." if kind == rules.RATA_RATA
                                 else "."), GAP_ACTION[kind]))
        after = [i for i in range(max(filled, default=0) + 1, m + 1)]
        if after and (filled or kind == ANGGARAN):
            missing.setdefault(sd.sheet, []).append((row, after))
        if kind != rules.RATA_RATA and looks_cumulative([months.get(i) for i in filled]):
            out.append(_issue(sd, WARNING, "seperti-kumulatif", sd.cell(f"m{filled[0]}", row),
                              "Nilai per bulan baris ini terus naik seperti jumlah berjalan (kumulatif), sehingga "
                              "bila dijumlah terhitung berulang.",
                              "Isi setiap bulan dengan nilai bulan itu saja (selisih dengan bulan sebelumnya), "
                              "bukan jumlah sejak Januari. Abaikan bila nilainya memang naik setiap bulan."))
    for sheet, rows in missing.items():
        sd = sheets[sheet]
        months = sorted({i for _, after in rows for i in after})
        row, after = min(rows)
        names = ", ".join(S.BULAN[i - 1] for i in months)
        earlier = (f", mis. 'lkjip proses --bulan {months[0] - 1}'" if months[0] > 1 else "")
        what = "realisasi belanja" if sheet == ANGGARAN else "realisasi"
        out.append(_issue(sd, WARNING, "bulan-periode-kosong", sd.cell(f"m{after[0]}", row),
                          f"{len(rows)} baris belum berisi {what} bulan {names}, padahal periode laporan s.d. "
                          f"{S.BULAN[m - 1]}; angka s.d. {S.BULAN[m - 1]} baris itu belum lengkap.",
                          f"Isi bulan yang kosong di semua baris (0 bila memang tidak ada), atau proses bulan "
                          f"terakhir yang sudah lengkap{earlier}."))
    return out


def _target_key(target):
    """A target as compared between PK and Renja: a number by value (80 = 80,00), a range by bounds."""
    if isinstance(target, Range):
        return ("rentang", target.lo, target.hi)
    return Decimal(target) if rules.number(target) is not None else str(target)


def _na_checks(d: Data, p: Period) -> list[Issue]:
    """R15: each realisasi marked not available is said at its cell, with where the reason comes from."""
    out = []
    why_kode = {r.kode for r in tuples(d.catatan.frame) if r.kode and r.penghambat}
    why_iku = {_key(r.indikator) for r in tuples(d.catatan.frame) if not r.kode and r.indikator and r.penghambat}

    def said(sd, cell, what, has_reason):
        action = ("Alasannya diambil dari Catatan (Faktor Penghambat) indikator ini." if has_reason else
                  "Tulis alasannya di Realisasi > Catatan (Faktor Penghambat) untuk indikator ini; laporan "
                  "mengutipnya. Bila realisasinya hanya belum dilaporkan, kosongkan sel ini.")
        out.append(_issue(sd, WARNING, "tidak-tersedia", cell, f"{what} ditulis tidak tersedia (n/a): capaiannya "
                          "tidak dihitung dan tabel menampilkan 'n/a'.", action))

    for r in tuples(d.kinerja.frame):
        marked = [i for i in range(1, p.month + 1) if is_na(getattr(r, f"m{i}"))]
        if marked:
            names = ", ".join(S.BULAN[i - 1] for i in marked)
            said(d.kinerja, d.kinerja.cell(f"m{marked[0]}", r.row),
                 f"Realisasi '{r.indikator}' ({r.kode}) bulan {names}", r.kode in why_kode)
    for r in tuples(d.iku_real.frame):
        if is_na(r.realisasi) and r.bulan and r.bulan <= p.month:
            said(d.iku_real, d.iku_real.cell("realisasi", r.row), f"Realisasi IKU '{r.indikator}'",
                 _key(r.indikator) in why_iku)
    return out


TARGET_NOL = ("Periksa targetnya. Untuk indikator yang makin rendah makin baik (mis. jumlah kasus) pilih Polaritas "
              "Negatif: target 0 lalu tercapai bila realisasinya 0.")


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
    out += month_checks(d, p)
    out += sakip.checks(d, p.month)
    kin_rows = {(r.kode, _key(r.indikator)): r.row for r in tuples(d.kinerja.frame)}
    for r in tuples(p.indicators):
        krow = kin_rows.get((r.kode, _key(r.indikator)))
        if r.realisasi is None:
            cell = d.kinerja.cell("m1", krow) if krow else d.renja.cell("indikator", r.row)
            sd = d.kinerja if krow else d.renja
            out.append(_issue(sd, WARNING, "belum-ada-realisasi", cell,
                              f"Indikator '{r.indikator}' ({r.kode}) bertarget tetapi belum ada realisasi s.d. {bulan}.",
                              "Isi realisasi bulanannya di sheet Kinerja bila sudah ada."))
        elif rules.number(r.target) == 0 and r.polaritas != "Negatif":
            out.append(_issue(d.renja, WARNING, "target-nol", d.renja.cell("target_renja", r.row),
                              f"Target indikator '{r.indikator}' 0; capaian tidak dapat dihitung.", TARGET_NOL))
    for r in tuples(d.renja.frame):
        months = monthly.get((r.kode, _key(r.indikator)), {})
        if r.target is None and any(v is not None for v in months.values()):
            out.append(_issue(d.renja, WARNING, "realisasi-tanpa-target", d.renja.cell("target_renja", r.row),
                              f"Indikator '{r.indikator}' ({r.kode}) punya realisasi tetapi tidak bertarget.",
                              "Isi target di Renja, atau kosongkan realisasinya."))
    for r in tuples(p.iku):
        if rules.number(r.target) == 0 and r.polaritas != "Negatif":  # R16: an IKU exactly as a Renja indicator
            out.append(_issue(d.iku, WARNING, "target-nol", d.iku.cell("target", r.row),
                              f"Target IKU '{r.indikator}' 0; capaian tidak dapat dihitung (IKU ini masuk "
                              "'belum dapat diklasifikasi' di Tabel 3.2).", TARGET_NOL))
        if r.realisasi is None:
            out.append(_issue(d.iku, WARNING, "iku-belum-ada", d.iku.cell("indikator", r.row),
                              f"IKU '{r.indikator}' belum ada realisasi s.d. {bulan} (ditampilkan 'belum ada data').",
                              "Isi sheet IKU di workbook Realisasi saat hasilnya terbit."))
    out += _na_checks(d, p)
    if not p.untargeted.empty:  # R21: their budget counts; say once that their indicators do not
        codes = list(p.untargeted["kode"])
        first = p.untargeted.iloc[0]
        shown = ", ".join(codes[:5]) + (f", dan {len(codes) - 5} lainnya" if len(codes) > 5 else "")
        out.append(_issue(d.renja, WARNING, "sub-kegiatan-tanpa-target", d.renja.cell("target_renja", first["row"]),
                          f"{len(codes)} sub kegiatan tanpa target indikator ({shown}): anggarannya tetap dihitung "
                          "(Tabel 3.10-3.14, E.81), tetapi kinerjanya tidak dapat diukur.",
                          "Isi Target Renja indikator sub kegiatan itu bila ada."))
    # PK against Renja: targets and budget
    renja_rows = {}
    if not p.indicators.empty:
        renja_rows = {(k, _key(i)): (t, row) for k, i, t, row in zip(p.indicators["kode"], p.indicators["indikator"],
                                                                     p.indicators["target"], p.indicators["row"])}
    seen = set()
    for r in tuples(d.pk_program.frame):
        t, renja_row = renja_rows.get((r.kode, _key(r.indikator)), (None, None))
        if t is not None and r.target is not None and _target_key(t) != _target_key(r.target):
            column = "target_perubahan" if d.renja.frame.loc[d.renja.frame["row"] == renja_row,
                                                              "target_perubahan"].notna().any() else "target_renja"
            where = f"{d.renja.workbook} / {d.renja.sheet} / {d.renja.cell(column, renja_row)}"
            out.append(_issue(d.pk_program, WARNING, "target-pk-beda", d.pk_program.cell("target", r.row),
                              f"Target '{r.indikator}' di PK ({fmt_id(r.target)}) berbeda dengan target Renja "
                              f"setelah Perubahan ({fmt_id(t)}, {where}). Semua tabel memakai target Renja.",
                              "Samakan target PK dengan Renja Perubahan, atau sebaliknya."))
        if r.kode in seen or r.anggaran is None:
            continue
        seen.add(r.kode)
        if r.kode in p.budget_of:
            pg = p.budget_of[r.kode].pagu
            if pg is not None and pg != r.anggaran:
                out.append(_issue(d.pk_program, WARNING, "anggaran-pk-beda", d.pk_program.cell("anggaran", r.row),
                                  f"Anggaran program {r.kode} di PK ({fmt_id(r.anggaran)}) berbeda dengan jumlah "
                                  f"pagu sub kegiatannya ({fmt_id(pg)}).",
                                  "Periksa pagu sub kegiatan di sheet Anggaran atau anggaran di PK."))
    return out
