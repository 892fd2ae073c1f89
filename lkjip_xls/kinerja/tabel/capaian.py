"""BAB III, capaian kinerja: 3.1-3.10 (IKU and program indicators against target, earlier years,
Renstra and other levels; 3.10 joined with the budget)."""

from __future__ import annotations

from typing import Callable

from .. import rules
from ...inputs.levels import is_level, steps
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import BELUM, DASH, INT, MONEY, NA, NUM, PCT, TEXT, Builder, Column, Table, refs
from .common import (KIND, _cap_formula, _label, _or, _program_rows, _src, iku_in_blocks, with_untargeted, zero_target_notes)


# 3.1 / 3.2 -----------------------------------------------------------------

def table_3_1(d: Data, p: Period) -> Table:
    cols = [
        Column("sasaran", "Sasaran Strategis", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("target", "Target", NUM, 10),
        Column("realisasi", "Realisasi", NUM, 12),
        Column("capaian", "Persentase Capaian (%)", PCT, 13),
        Column("predikat", "Predikat", TEXT, 22),
    ]
    b = Builder(cols)
    rows = []
    for r, first, _ in iku_in_blocks(p):
        rows.append(b.add("iku", {"capaian": _cap_formula(r.polaritas, d)}, places=r.places,
                          sasaran=r.sasaran if first else None,
                          indikator=r.indikator, target=r.target, realisasi=_or(r.realisasi, BELUM),
                          capaian=_or(r.capaian), predikat=_or(rules.predikat(r.capaian, d.settings.scale))))
    avg, avg_f = b.mean("capaian", rows)
    b.add("total", {"capaian": avg_f}, sasaran="Rata-rata Capaian IKU",
          capaian=_or(avg), predikat=_or(rules.predikat(avg, d.settings.scale)))
    return b.build("3.1", "Pencapaian Kinerja", _src(d), notes=zero_target_notes(tuples(p.iku)))


def table_3_2(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Sasaran Strategis (Kategori / Indikator)", TEXT, 52),
        Column("jumlah", "Jumlah IKU", INT, 10),
        Column("capaian", "Capaian (%)", PCT, 12),
    ]
    b = Builder(cols)
    members = []
    groups = []
    for no, cat in enumerate((rules.MELAMPAUI, rules.SESUAI, rules.TIDAK_MENCAPAI), start=1):
        sel = [r for r in tuples(p.iku) if rules.klasifikasi(r.capaian) == cat]
        g = b.add("group", no=no, uraian=cat, jumlah=len(sel), capaian=_or(rules.mean_shown(r.capaian for r in sel)))
        kids = [b.add("iku", uraian=f"{r.indikator} ({r.sasaran})", capaian=r.capaian) for r in sel]
        if kids:
            b.formulas[(g, "capaian")] = rules.mean_formula(refs("capaian", kids))
            b.formulas[(g, "jumlah")] = f"COUNT({refs('capaian', kids)})"
        members += kids
        groups.append(g)
    unclassified = [r for r in tuples(p.iku) if r.capaian is None]
    if unclassified:  # R16: each with its reason, never "belum ada data" for a realisasi that was typed
        b.add("group", uraian=rules.BELUM_KLASIFIKASI, jumlah=len(unclassified), capaian=DASH)
        for r in unclassified:
            why = rules.no_capaian_reason(r.target, r.realisasi, r.polaritas) or "capaian tidak dapat dihitung"
            b.add("iku", uraian=f"{r.indikator} ({r.sasaran}): {why}", capaian=DASH)
    avg, avg_f = b.mean("capaian", members)
    b.add("total", {"jumlah": f"SUM({refs('jumlah', groups)})", "capaian": avg_f},
          uraian="Jumlah / Rata-rata Capaian IKU", jumlah=len(members), capaian=_or(avg))
    return b.build("3.2", f"Pencapaian Kinerja Sasaran {d.opd} Tahun {d.tahun}", _src(d))


# 3.3 -----------------------------------------------------------------------

def _indicator_rows(d: Data, p: Period, b: Builder, extra: Callable | None = None) -> list[int]:
    rows, no = [], 0
    for r in tuples(p.indicators):
        if r.first:
            no += 1
        values = dict(no=no if r.first else None, uraian=_label(r.level, r.uraian) if r.first else None,
                      sasaran=r.sasaran if r.first else None, indikator=r.indikator, target=r.target,
                      satuan=r.satuan, realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian))
        if extra:
            values.update(extra(r))
        rows.append(b.add(KIND[r.level], {"capaian": _cap_formula(r.polaritas, d)}, places=r.places, **values))
    return rows


def table_3_3(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Program/Kegiatan/Sub Kegiatan", TEXT, 36),
        Column("sasaran", "Sasaran", TEXT, 30),
        Column("indikator", "Indikator", TEXT, 40),
        Column("target", "Target", NUM, 10),
        Column("satuan", "Satuan", TEXT, 11),
        Column("realisasi", "Realisasi", NUM, 11),
        Column("capaian", "% Capaian", PCT, 11),
    ]
    b = Builder(cols)
    _indicator_rows(d, p, b)
    return b.build("3.3", f"Capaian Pengukuran Kinerja Tahun {d.tahun}", _src(d),
                   notes=zero_target_notes(tuples(p.indicators)))


# 3.4 / 3.5 -----------------------------------------------------------------

def _history(d: Data, jenis: str | None = None):
    f = d.riwayat.frame
    if jenis == "IKU":
        return f[f["jenis"] == "IKU"]
    return f[f["jenis"] != "IKU"]


def table_3_4(d: Data, p: Period) -> Table:
    """R18: each IKU's target, realisasi and capaian in n-2, n-1 and n side by side, and how its capaian
    moved since last year (in poin: a difference of two percentages)."""
    n = d.tahun
    cols = [
        Column("sasaran", "Sasaran Strategis", TEXT, 30),
        Column("indikator", "Indikator Kinerja", TEXT, 34),
    ]
    for tag, year in (("2", n - 2), ("1", n - 1), ("0", n)):
        cols += [Column(f"t{tag}", "Target", NUM, 9, str(year)), Column(f"r{tag}", "Realisasi", NUM, 9, str(year)),
                 Column(f"c{tag}", "Capaian (%)", PCT, 9, str(year))]
    cols.append(Column("perubahan", f"Perubahan Capaian {n - 1}-{n} (poin)", PCT, 11))
    hist = {(_key(r.indikator), r.tahun): r for r in tuples(_history(d, "IKU"))}
    method = d.settings.neg_method
    b = Builder(cols)
    for r, first, _ in iku_in_blocks(p):
        k = _key(r.indikator)
        values = dict(sasaran=r.sasaran if first else None, indikator=r.indikator, t0=r.target,
                      r0=_or(r.realisasi, BELUM), c0=_or(r.capaian))
        caps = {"0": r.capaian}
        for tag, year in (("2", n - 2), ("1", n - 1)):
            h = hist.get((k, year))
            target, real = (h.target, h.realisasi) if h is not None else (None, None)
            caps[tag] = rules.capaian(target, real, r.polaritas, method)
            values.update({f"t{tag}": _or(target, NA), f"r{tag}": _or(real, NA), f"c{tag}": _or(caps[tag], NA)})
        change = rules.difference(caps["0"], caps["1"])
        values["perubahan"] = _or(change)
        formulas = {f"c{tag}": _cap_formula(r.polaritas, d, f"{{t{tag}}}", f"{{r{tag}}}") for tag in "210"}
        formulas["perubahan"] = "{c0}-{c1}"
        b.add("iku", formulas, places=r.places, **values)
    return b.build("3.4", "Perbandingan Target, Realisasi dan Capaian Kinerja Antartahun", _src(d))


def _item_key(level, uraian, indikator) -> tuple:
    """An indicator as recognised across years (R18): its level, the item's name and its own text,
    ignoring case and spacing ("Kabupaten/ kota" = "Kabupaten/Kota")."""
    def fold(text):
        return "".join(_key(text).split())
    return (level, fold(_label(level, uraian)), fold(indikator))


def table_3_5(d: Data, p: Period) -> Table:
    """R18: one row per program, kegiatan and sub kegiatan indicator with its realisasi of n-2, n-1 and n
    side by side; an indicator of an earlier year that is not in this year's Renja keeps its own row
    (n/a in the years it does not exist)."""
    n = d.tahun
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Program/Kegiatan/Sub Kegiatan", TEXT, 36),
        Column("sasaran", "Sasaran", TEXT, 30),
        Column("indikator", "Indikator", TEXT, 40),
        Column("target", f"Target {n}", NUM, 10),
        Column("satuan", "Satuan", TEXT, 11),
        Column("r2", str(n - 2), NUM, 10, "Realisasi"),
        Column("r1", str(n - 1), NUM, 10, "Realisasi"),
        Column("r0", str(n), NUM, 10, "Realisasi"),
    ]
    b = Builder(cols)
    earlier: dict[tuple, dict] = {}  # item key -> {"r2"/"r1": value, "row": first Riwayat row}
    for r in tuples(_history(d)):
        if r.tahun not in (n - 2, n - 1):
            continue
        entry = earlier.setdefault(_item_key(r.jenis, r.uraian, r.indikator), {"row": r})
        entry["r2" if r.tahun == n - 2 else "r1"] = r.realisasi
    used = set()

    def past(r):
        k = _item_key(r.level, r.uraian, r.indikator)
        entry = earlier.get(k)
        if entry is None:
            return dict(r2=NA, r1=NA, r0=_or(r.realisasi, BELUM))
        used.add(k)
        return dict(r2=_or(entry.get("r2"), NA), r1=_or(entry.get("r1"), NA), r0=_or(r.realisasi, BELUM))

    _indicator_rows(d, p, b, past)
    rest = [(k, e) for k, e in earlier.items() if k not in used]
    if rest:
        b.add("section", uraian=f"Indikator tahun {n - 2}-{n - 1} yang tidak ada pada Renja {n}")
        no, last = 0, None
        for k, e in rest:
            r = e["row"]
            first = (r.jenis, _key(r.uraian)) != last
            last = (r.jenis, _key(r.uraian))
            no += 1 if first else 0
            b.add(KIND.get(r.jenis, "sub"), places=p.places.history.get((False, _key(r.indikator))),
                  no=no if first else None, uraian=_label(r.jenis, r.uraian) if first else None,
                  sasaran=r.sasaran if first else None, indikator=r.indikator, target=NA, satuan=r.satuan,
                  r2=_or(e.get("r2"), NA), r1=_or(e.get("r1"), NA), r0=NA)
    return b.build("3.5", "Perbandingan Realisasi Program Antartahun", _src(d))


# 3.6 / 3.7 -----------------------------------------------------------------

def table_3_6(d: Data, p: Period) -> Table:
    cols = [
        Column("sasaran", "Sasaran Strategis", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("target_akhir", "Target Akhir Renstra", NUM, 12),
        Column("realisasi", "Realisasi", NUM, 12),
        Column("kemajuan", "Tingkat Kemajuan (%)", PCT, 13),
    ]
    b = Builder(cols)
    rows = []
    for r, first, _ in iku_in_blocks(p):
        kem = rules.capaian(r.target_akhir, r.realisasi, r.polaritas, d.settings.neg_method)
        rows.append(b.add("iku", {"kemajuan": _cap_formula(r.polaritas, d, "{target_akhir}")}, places=r.places,
                          sasaran=r.sasaran if first else None, indikator=r.indikator,
                          target_akhir=_or(r.target_akhir), realisasi=_or(r.realisasi, BELUM), kemajuan=_or(kem)))
    avg, avg_f = b.mean("kemajuan", rows)
    b.add("total", {"kemajuan": avg_f}, sasaran="Rata-rata Tingkat Kemajuan",
          kemajuan=_or(avg))
    return b.build("3.6", "Perbandingan Realisasi Kinerja s.d. Akhir Periode Renstra",
                   _src(d, " dan Renstra"))



def table_3_7(d: Data, p: Period) -> Table:
    cols = [
        Column("sasaran_program", "Sasaran Program", TEXT, 32),
        Column("program", "Program", TEXT, 32),
        Column("indikator", "Indikator Program", TEXT, 40),
        Column("target_akhir", "Target Akhir Renstra", NUM, 12),
        Column("realisasi", "Realisasi", NUM, 12),
        Column("kemajuan", "Tingkat Kemajuan (%)", PCT, 13),
    ]
    b = Builder(cols)
    rows = []
    for r, first in _program_rows(p):
        kem = rules.capaian(r.target_akhir, r.realisasi, r.polaritas, d.settings.neg_method)
        rows.append(b.add("program", {"kemajuan": _cap_formula(r.polaritas, d, "{target_akhir}")}, places=r.places,
                          sasaran_program=r.sasaran_program if first else None, program=r.program if first else None,
                          indikator=r.indikator, target_akhir=_or(r.target_akhir), realisasi=_or(r.realisasi, BELUM),
                          kemajuan=_or(kem)))
    avg, avg_f = b.mean("kemajuan", rows)
    b.add("total", {"kemajuan": avg_f}, sasaran_program="Rata-rata Tingkat Kemajuan",
          kemajuan=_or(avg))
    return b.build("3.7", "Perbandingan Realisasi Program s.d. Akhir Periode Renstra", _src(d, " dan Renstra"),
                   numbered=True)


# 3.8 / 3.9 -----------------------------------------------------------------

LEVELS = (("kabupaten", "Kabupaten"), ("provinsi", "Provinsi"), ("nasional", "Nasional"))


def _comparison_columns(first: list[Column]) -> list[Column]:
    return first + [
        Column("realisasi", "Realisasi Tahun Ini", NUM, 11),
        *[Column(k, f"Realisasi {lbl}", NUM, 11) for k, lbl in LEVELS],
        *[Column(f"d_{k}", f"Selisih thd {lbl}", NUM, 11, "Selisih (Realisasi Tahun Ini − Pembanding)")
          for k, lbl in LEVELS],
    ]


def _comparison_values(real, ref: dict) -> tuple[dict, dict]:
    """Pembanding figures and the differences with them; a difference keeps the decimals of the
    figures it subtracts (up to 4: an index 0,0138 apart is not shown as 0,01)."""
    values, formulas = {}, {}
    for k, _ in LEVELS:
        v = ref.get(k)
        values[k] = _or(v)
        if is_level(real) and is_level(v):  # R13: said in levels, never arithmetic on letters
            values[f"d_{k}"] = level_difference(real, v)
            continue
        diff, places = rules.typed_difference(real, v)
        values[f"d_{k}"] = _or(diff)
        formulas[f"d_{k}"] = f"ROUND({{realisasi}}-{{{k}}},{places})"
    return values, formulas


_COUNT_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def level_difference(real, other) -> str:
    """R13: "satu tingkat di atas" / "dua tingkat di bawah" / "setingkat" between two levels of one scale."""
    if real.scale is not other.scale:
        return DASH
    n = steps(real, other)
    if n == 0:
        return "setingkat"
    count = _COUNT_WORDS[abs(n)] if abs(n) < len(_COUNT_WORDS) else str(abs(n))
    return f"{count} tingkat {'di atas' if n > 0 else 'di bawah'}"


def _sources(d: Data, programs: bool) -> str:
    """The Sumber Data of the Pembanding rows of one table (IKU rows, or program rows), each once."""
    f = d.pembanding.frame
    wanted = [s for k, s in zip(f["kode"], f["sumber"]) if s and bool(k) == programs]
    return "; ".join(dict.fromkeys(wanted))


def table_3_8(d: Data, p: Period) -> Table:
    cols = _comparison_columns([Column("sasaran", "Sasaran Strategis", TEXT, 30),
                                Column("indikator", "Indikator Kinerja", TEXT, 36)])
    refs_ = {_key(r.indikator): r._asdict() for r in tuples(d.pembanding.frame) if not r.kode}
    b = Builder(cols)
    for r, first, _ in iku_in_blocks(p):
        values, formulas = _comparison_values(r.realisasi, refs_.get(_key(r.indikator), {}))
        b.add("iku", formulas, places=r.places, sasaran=r.sasaran if first else None, indikator=r.indikator,
              realisasi=_or(r.realisasi, BELUM), **values)
    sources = _sources(d, programs=False)
    return b.build("3.8", "Perbandingan Realisasi Kinerja dengan Realisasi Kabupaten, Provinsi dan Nasional",
                   f"Sumber: {sources}" if sources else _src(d))


def table_3_9(d: Data, p: Period) -> Table:
    cols = _comparison_columns([Column("program", "Program", TEXT, 28), Column("indikator", "Indikator Program", TEXT, 33)])
    cols.append(Column("ket", "Ket", TEXT, 26))
    refs_ = {(r.kode, _key(r.indikator)): r._asdict() for r in tuples(d.pembanding.frame) if r.kode}
    b = Builder(cols)
    for r, first in _program_rows(p):
        ref = refs_.get((r.kode, _key(r.indikator)), {})
        values, formulas = _comparison_values(r.realisasi, ref)
        missing = [lbl for k, lbl in LEVELS if ref.get(k) is None]
        ket = "Tidak ditemukan hasil " + " dan ".join(missing) if missing else None
        if len(missing) == 3:
            ket = "Tidak ditemukan data pembanding"
        b.add("program", formulas, places=r.places, program=r.program if first else None, indikator=r.indikator,
              realisasi=_or(r.realisasi, BELUM), ket=ket, **values)
    sources = _sources(d, programs=True)
    return b.build("3.9", "Perbandingan Realisasi Program dengan Realisasi Kabupaten, Provinsi dan Nasional",
                   f"Sumber: {sources}" if sources else _src(d), numbered=True)


# 3.10 ----------------------------------------------------------------------

def table_3_10(d: Data, p: Period) -> Table:
    s = d.settings
    cols = [
        Column("uraian", "Program/Kegiatan", TEXT, 31),
        Column("indikator", "Indikator Kinerja Program (outcome) dan Kegiatan (output)", TEXT, 33),
        Column("target", "Target", NUM, 9),
        Column("realisasi", "Realisasi Kinerja", NUM, 10),
        Column("satuan", "Satuan", TEXT, 10),
        Column("capaian", "% Capaian Kinerja", PCT, 10),
        Column("pagu", "Pagu Anggaran (Rp)", MONEY, 16),
        Column("realisasi_anggaran", "Realisasi Anggaran (Rp)", MONEY, 16),
        Column("capaian_anggaran", "% Capaian Anggaran", PCT, 10),
        Column("menunjang", "Menunjang/ Kurang", TEXT, 15),
    ]
    b = Builder(cols)
    first_row: dict[str, int] = {}
    for r in with_untargeted(p):
        targeted = getattr(r, "targeted", True)
        values = dict(uraian=_label(r.level, r.uraian) if r.first else None, indikator=r.indikator,
                      target=r.target if targeted else DASH, realisasi=_or(r.realisasi, BELUM if targeted else DASH),
                      satuan=r.satuan, capaian=_or(r.capaian),
                      menunjang=_or(rules.menunjang(r.capaian, s.sangat_menunjang, s.menunjang)))
        formulas = {"capaian": _cap_formula(r.polaritas, d)} if targeted else {}
        bud = p.budget_of.get(r.kode) if r.first else None
        if bud is not None and bud.pagu is not None:
            values.update(pagu=bud.pagu, realisasi_anggaran=bud.realisasi, capaian_anggaran=_or(bud.penyerapan))
            formulas["capaian_anggaran"] = rules.percent_formula("{realisasi_anggaran}", "{pagu}")
        i = b.add(KIND[r.level], formulas, places=r.places, **values)
        if r.first:
            first_row[r.kode] = i
    # roll-up formulas: a kegiatan sums its sub kegiatan rows, a program its sub kegiatan rows (R4)
    for kode, i in first_row.items():
        bud = p.budget_of.get(kode)
        if b.rows[i]["pagu"] is None or bud is None or bud.level == "Sub Kegiatan":
            continue
        kids = [first_row[k] for k in bud.subs if k in first_row and b.rows[first_row[k]]["pagu"] is not None]
        if len(kids) == len(bud.subs) and kids:
            b.formulas[(i, "pagu")] = f"SUM({refs('pagu', kids)})"
            b.formulas[(i, "realisasi_anggaran")] = f"SUM({refs('realisasi_anggaran', kids)})"
    notes = ([f"{len(p.untargeted)} sub kegiatan tanpa target indikator: anggarannya tercantum dan ikut dijumlah, "
              "kolom indikatornya '-'."] if not p.untargeted.empty else [])
    return b.build("3.10", "Program, Kegiatan, Anggaran, Outcome/Output yang Dihasilkan", _src(d), numbered=True,
                   notes=notes)
