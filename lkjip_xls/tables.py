"""One pure function per table of the report (2.1, 2.2, 3.1 ... 3.18).

Each takes the validated ``Data`` and the ``Period`` figures and returns a
``Table``; none reads files or changes its inputs. ``TABLES`` lists them in
report order. Values are the figures shown (R1); formulas say how Excel
derives the same figures from the cells they come from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from . import rules
from .compute import Period
from .frames import tuples
from .model import Data, _key
from .numbers import fmt_id
from .table import BELUM, DASH, INT, MONEY, NA, NUM, PCT, TEXT, Builder, Column, Table, refs

KIND = {"Program": "program", "Kegiatan": "kegiatan", "Sub Kegiatan": "sub"}
SRC_KINERJA = "Sumber: Kertas Kerja Perhitungan Capaian Kinerja {opd} {tahun} (diolah lkjip-xls)"


def _src(d: Data, extra: str = "") -> str:
    return SRC_KINERJA.format(opd=d.opd, tahun=d.tahun) + extra


def _label(level: str, uraian: str | None) -> str:
    """'Program: Penunjang ...' as the report writes it (a leading 'Program ' is not repeated)."""
    name = (uraian or "").strip()
    if level == "Program" and name.lower().startswith("program "):
        name = name[len("program "):]
    return f"{level}: {name}".strip()


def _or(value, marker=DASH):
    return marker if value is None else value


def _cap_formula(polaritas: str, d: Data, target="{target}", realisasi="{realisasi}") -> str:
    return rules.capaian_formula(polaritas, d.settings.neg_method, target, realisasi)


# 2.1 -----------------------------------------------------------------------

def table_2_1(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Urusan/Bidang Urusan dan Program/Kegiatan/Sub Kegiatan", TEXT, 44),
        Column("indikator", "Kinerja Program (outcome) / Kegiatan (output)", TEXT, 44),
        Column("satuan", "Satuan", TEXT, 11),
        Column("target_renja", f"Target Renja {d.tahun}", NUM, 12),
        Column("target_perubahan", f"Target Perubahan Renja {d.tahun}", NUM, 13),
        Column("selisih", "Bertambah/ (Berkurang)", NUM, 12),
    ]
    b = Builder(cols)
    no, last = 0, None
    for r in tuples(d.renja.frame):
        first = r.kode != last
        last = r.kode
        if first:
            no += 1
        has = r.target is not None
        b.add(KIND.get(r.level, "sub"), {"selisih": "{target_perubahan}-{target_renja}"},
              no=no if first else None, uraian=_label(r.level, r.uraian) if first else None,
              indikator=r.indikator, satuan=r.satuan,
              target_renja=_or(r.target_renja), target_perubahan=_or(r.target if has else None),
              selisih=(r.target - r.target_renja) if has and r.target_renja is not None else DASH)
    return b.build("2.1", f"Program, Kegiatan, dan Sub Kegiatan pada Perubahan Renja {d.tahun}",
                   f"Sumber: Renja dan Renja Perubahan {d.opd} {d.tahun}", numbered=False)


# 2.2 -----------------------------------------------------------------------

def table_2_2(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Sasaran Strategis / Sasaran Program", TEXT, 34),
        Column("program", "Program", TEXT, 32),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("target", "Target", NUM, 10),
        Column("satuan", "Satuan", TEXT, 9),
        Column("anggaran", "Anggaran (Rp)", MONEY, 17),
    ]
    b = Builder(cols)
    b.add("section", sasaran="Sasaran Strategis dan Indikator Kinerja Utama")
    last = None
    no = 0
    for r in tuples(d.iku.frame):
        if r.sasaran != last:
            no += 1
        b.add("iku", no=no if r.sasaran != last else None, sasaran=r.sasaran if r.sasaran != last else None,
              indikator=r.indikator, target=r.target, satuan=r.satuan)
        last = r.sasaran
    b.add("section", sasaran="Sasaran Program, Indikator Program dan Anggaran")
    money_rows, last, no = [], None, 0
    names = dict(zip(d.renja.frame["kode"], d.renja.frame["uraian"]))
    for r in tuples(d.pk_program.frame):
        first = r.kode != last
        last = r.kode
        no += 1 if first else 0
        i = b.add("program", no=no if first else None, sasaran=r.sasaran_program if first else None,
                  program=(names.get(r.kode) or r.kode) if first else None, indikator=r.indikator,
                  target=r.target, satuan=r.satuan, anggaran=r.anggaran if first else None)
        if first and r.anggaran is not None:
            money_rows.append(i)
    total = sum(b.rows[i]["anggaran"] for i in money_rows)
    b.add("total", {"anggaran": f"SUM({refs('anggaran', money_rows)})"}, sasaran="Jumlah Anggaran",
          anggaran=total)
    return b.build("2.2", f"Perjanjian Kinerja {d.opd} Tahun {d.tahun}", f"Sumber: Perjanjian Kinerja {d.opd} {d.tahun}")


# 2.3 / 2.4 -----------------------------------------------------------------

def table_2_3(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Kinerja Utama (Sasaran Strategis)", TEXT, 30),
        Column("indikator", "Indikator Kinerja Utama", TEXT, 32),
        Column("formulasi", "Formulasi", TEXT, 32),
        Column("sumber_data", "Sumber Data", TEXT, 24),
        Column("definisi", "Definisi Operasional", TEXT, 36),
    ]
    b = Builder(cols)
    for r, first, no in iku_in_blocks(p):
        src = d.iku.frame.loc[d.iku.frame["row"] == r.row].iloc[0]
        b.add("iku", no=no if first else None, sasaran=r.sasaran if first else None, indikator=r.indikator,
              formulasi=_or(src["formulasi"]), sumber_data=_or(src["sumber_data"]), definisi=_or(src["definisi"]))
    return b.build("2.3", "Indikator Kinerja Utama", f"Sumber: Perjanjian Kinerja dan Renstra {d.opd}")


def table_2_4(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("uraian", "Program/Kegiatan/Sub Kegiatan", TEXT, 32),
        Column("sasaran", "Sasaran", TEXT, 28),
        Column("indikator", "Indikator", TEXT, 32),
        Column("target", "Target", NUM, 9),
        Column("satuan", "Satuan", TEXT, 10),
        Column("formulasi", "Formulasi", TEXT, 32),
    ]
    b = Builder(cols)
    formulasi = {(k, _key(i)): f for k, i, f in zip(d.renja.frame["kode"], d.renja.frame["indikator"],
                                                    d.renja.frame["formulasi"])}
    no = 0
    for r in tuples(p.indicators):
        no += 1 if r.first else 0
        b.add(KIND[r.level], no=no if r.first else None, uraian=_label(r.level, r.uraian) if r.first else None,
              sasaran=r.sasaran if r.first else None, indikator=r.indikator, target=r.target, satuan=r.satuan,
              formulasi=_or(formulasi.get((r.kode, _key(r.indikator)))))
    return b.build("2.4", f"Program, Kegiatan dan Sub Kegiatan dengan Indikator, Target dan Formulasi Tahun {d.tahun}",
                   f"Sumber: Renja Perubahan {d.opd} {d.tahun}")


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
        rows.append(b.add("iku", {"capaian": _cap_formula(r.polaritas, d)}, sasaran=r.sasaran if first else None,
                          indikator=r.indikator, target=r.target, realisasi=_or(r.realisasi, BELUM),
                          capaian=_or(r.capaian), predikat=_or(rules.predikat(r.capaian, d.settings.scale))))
    avg, avg_f = b.mean("capaian", rows)
    b.add("total", {"capaian": avg_f}, sasaran="Rata-rata Capaian IKU",
          capaian=_or(avg), predikat=_or(rules.predikat(avg, d.settings.scale)))
    return b.build("3.1", "Pencapaian Kinerja", _src(d))


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
    if unclassified:
        b.add("group", uraian="Belum dapat diklasifikasi (belum ada data)", jumlah=len(unclassified), capaian=DASH)
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
        rows.append(b.add(KIND[r.level], {"capaian": _cap_formula(r.polaritas, d)}, **values))
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
    return b.build("3.3", f"Capaian Pengukuran Kinerja Tahun {d.tahun}", _src(d))


# 3.4 / 3.5 -----------------------------------------------------------------

def _history(d: Data, jenis: str | None = None):
    f = d.riwayat.frame
    if jenis == "IKU":
        return f[f["jenis"] == "IKU"]
    return f[f["jenis"] != "IKU"]


def table_3_4(d: Data, p: Period) -> Table:
    n = d.tahun
    cols = [
        Column("sasaran", "Sasaran Strategis", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("target", "Target Tahunan", NUM, 11),
        Column("r2", str(n - 2), NUM, 10, "Realisasi"),
        Column("r1", str(n - 1), NUM, 10, "Realisasi"),
        Column("r0", str(n), NUM, 10, "Realisasi"),
    ]
    hist = {(_key(r.indikator), r.tahun): r.realisasi for r in tuples(_history(d, "IKU"))}
    b = Builder(cols)
    for r, first, _ in iku_in_blocks(p):
        k = _key(r.indikator)
        b.add("iku", sasaran=r.sasaran if first else None, indikator=r.indikator, target=r.target,
              r2=_or(hist.get((k, n - 2)), NA), r1=_or(hist.get((k, n - 1)), NA), r0=_or(r.realisasi, BELUM))
    return b.build("3.4", "Perbandingan Realisasi Kinerja", _src(d))


def table_3_5(d: Data, p: Period) -> Table:
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
    hist = _history(d)
    for year in (n - 2, n - 1):
        b.add("section", uraian=f"Sasaran, Program, Kegiatan dan Sub Kegiatan Tahun {year}")
        no, last = 0, None
        for r in tuples(hist[hist["tahun"] == year]):
            first = (r.jenis, r.uraian) != last
            last = (r.jenis, r.uraian)
            no += 1 if first else 0
            col = "r2" if year == n - 2 else "r1"
            values = {"r2": NA, "r1": NA, "r0": NA, col: _or(r.realisasi, NA)}
            b.add(KIND.get(r.jenis, "sub"), no=no if first else None,
                  uraian=_label(r.jenis, r.uraian) if first else None,
                  sasaran=r.sasaran if first else None, indikator=r.indikator, target=NA, satuan=r.satuan, **values)
    b.add("section", uraian=f"Sasaran, Program, Kegiatan dan Sub Kegiatan Tahun {n}")
    _indicator_rows(d, p, b, lambda r: dict(r2=NA, r1=NA, r0=_or(r.realisasi, BELUM)))
    return b.build("3.5", "Perbandingan Realisasi Program", _src(d))


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
        rows.append(b.add("iku", {"kemajuan": _cap_formula(r.polaritas, d, "{target_akhir}")},
                          sasaran=r.sasaran if first else None, indikator=r.indikator,
                          target_akhir=_or(r.target_akhir), realisasi=_or(r.realisasi, BELUM), kemajuan=_or(kem)))
    avg, avg_f = b.mean("kemajuan", rows)
    b.add("total", {"kemajuan": avg_f}, sasaran="Rata-rata Tingkat Kemajuan",
          kemajuan=_or(avg))
    return b.build("3.6", "Perbandingan Realisasi Kinerja s.d. Akhir Periode Renstra",
                   _src(d, " dan Renstra"))


def _program_rows(p: Period):
    last = None
    for r in tuples(p.programs):
        yield r, r.kode != last
        last = r.kode


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
        rows.append(b.add("program", {"kemajuan": _cap_formula(r.polaritas, d, "{target_akhir}")},
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
        diff, places = rules.typed_difference(real, v)
        values[f"d_{k}"] = _or(diff)
        formulas[f"d_{k}"] = f"ROUND({{realisasi}}-{{{k}}},{places})"
    return values, formulas


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
        b.add("iku", formulas, sasaran=r.sasaran if first else None, indikator=r.indikator,
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
        b.add("program", formulas, program=r.program if first else None, indikator=r.indikator,
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
    for r in tuples(p.indicators):
        values = dict(uraian=_label(r.level, r.uraian) if r.first else None, indikator=r.indikator,
                      target=r.target, realisasi=_or(r.realisasi, BELUM), satuan=r.satuan, capaian=_or(r.capaian),
                      menunjang=_or(rules.menunjang(r.capaian, s.sangat_menunjang, s.menunjang)))
        formulas = {"capaian": _cap_formula(r.polaritas, d)}
        bud = p.budget_of.get(r.kode) if r.first else None
        if bud is not None and bud.pagu is not None:
            values.update(pagu=bud.pagu, realisasi_anggaran=bud.realisasi, capaian_anggaran=_or(bud.penyerapan))
            formulas["capaian_anggaran"] = rules.percent_formula("{realisasi_anggaran}", "{pagu}")
        i = b.add(KIND[r.level], formulas, **values)
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
    return b.build("3.10", "Program, Kegiatan, Anggaran, Outcome/Output yang Dihasilkan", _src(d), numbered=True)


# 3.11 – 3.14: per sasaran strategis ------------------------------------------

def iku_in_blocks(p: Period):
    """IKU rows grouped by sasaran strategis (in order of first appearance): (row, first of its
    sasaran, number of the sasaran)."""
    for no, (_, ikus) in enumerate(sasaran_blocks(p), start=1):
        for k, r in enumerate(ikus):
            yield r, k == 0, no


def sasaran_blocks(p: Period) -> list[tuple[str, list]]:
    """(sasaran as first written, its IKU rows), sasaran matched by the one name rule (``_key``)."""
    blocks: dict[str, tuple[str, list]] = {}
    for r in tuples(p.iku):
        blocks.setdefault(_key(r.sasaran), (r.sasaran, []))[1].append(r)
    return list(blocks.values())


def sasaran_budget(d: Data, p: Period) -> dict[str, tuple[int, int]]:
    """R5: (pagu, realisasi) per sasaran strategis (by ``_key``), summed over the programs that support it."""
    out: dict[str, list[int]] = {}
    seen = set()
    for r in tuples(p.programs):
        if r.kode in seen or r.pagu is None:
            continue
        seen.add(r.kode)
        acc = out.setdefault(_key(r.sasaran_strategis), [0, 0])
        acc[0] += r.pagu
        acc[1] += r.realisasi_anggaran or 0
    return {k: (v[0], v[1]) for k, v in out.items()}


def _sasaran_rows(d: Data, p: Period, b: Builder, own: Callable) -> tuple[list[int], list[int]]:
    """R6a: each sasaran strategis as a block: one row per IKU (target, realisasi, capaian); a sasaran
    with several IKU gets a row "Capaian sasaran (rata-rata n IKU)" with the mean of their shown
    capaian. ``own(sasaran, capaian)`` gives the sasaran's own figures (values, formulas), written once
    on its single IKU row or on that mean row. Returns (IKU rows, sasaran rows)."""
    iku_rows, sasaran_rows = [], []
    derived = {"target", "realisasi"} <= {c.key for c in b.columns}  # else capaian is shown as computed
    for no, (sasaran, ikus) in enumerate(sasaran_blocks(p), start=1):
        rows = [b.add("iku", {"capaian": _cap_formula(r.polaritas, d)} if derived else {}, no=no if k == 0 else None,
                      sasaran=sasaran if k == 0 else None, indikator=r.indikator, target=r.target,
                      realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian))
                for k, r in enumerate(ikus)]
        iku_rows += rows
        if len(rows) == 1:
            at, cap = rows[0], ikus[0].capaian
        else:
            cap, cap_f = b.mean("capaian", rows)
            at = b.add("group", {"capaian": cap_f}, indikator=f"Capaian sasaran (rata-rata {len(rows)} IKU)",
                       capaian=_or(cap))
        values, formulas = own(sasaran, cap)
        for key, value in values.items():
            b.set(at, key, value, formulas.get(key))
        sasaran_rows.append(at)
    return iku_rows, sasaran_rows


SASARAN_NOTE = ("Sasaran dengan beberapa IKU: capaian sasaran = rata-rata capaian IKU-nya; efisiensi sasaran "
                "dihitung sekali dari rata-rata itu. Baris total merata-ratakan seluruh IKU.")


def table_3_11(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Sasaran Strategis", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("anggaran", "Anggaran (Rp)", MONEY, 17),
        Column("realisasi", "Realisasi (Rp)", MONEY, 17),
        Column("persen", "% Anggaran", PCT, 11),
    ]
    budget = sasaran_budget(d, p)
    b = Builder(cols)
    rows = []
    for no, (sasaran, ikus) in enumerate(sasaran_blocks(p), start=1):
        pg, real = budget.get(_key(sasaran), (0, 0))
        rows.append(b.add("iku", {"persen": rules.percent_formula("{realisasi}", "{anggaran}")}, no=no,
                          sasaran=sasaran, indikator="\n".join(r.indikator for r in ikus), anggaran=pg,
                          realisasi=real, persen=_or(rules.percent(real, pg))))
    tp, tr = sum(v[0] for v in budget.values()), sum(v[1] for v in budget.values())
    b.add("total", {"anggaran": f"SUM({refs('anggaran', rows)})", "realisasi": f"SUM({refs('realisasi', rows)})",
                    "persen": rules.percent_formula("{realisasi}", "{anggaran}")},
          sasaran="Total", anggaran=tp, realisasi=tr, persen=_or(rules.percent(tr, tp)))
    return b.build("3.11", "Alokasi Anggaran per Sasaran Strategis", _src(d))


def table_3_12(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Sasaran Strategis", TEXT, 30),
        Column("indikator", "Indikator Kinerja", TEXT, 34),
        Column("target", "Target", NUM, 9, "Kinerja"),
        Column("realisasi", "Realisasi", NUM, 10, "Kinerja"),
        Column("capaian", "Capaian %", PCT, 10, "Kinerja"),
        Column("alokasi", "Alokasi (Rp)", MONEY, 16, "Anggaran"),
        Column("realisasi_anggaran", "Realisasi (Rp)", MONEY, 16, "Anggaran"),
        Column("capaian_anggaran", "Capaian %", PCT, 10, "Anggaran"),
        Column("silpa", "Sisa (SiLPA) (Rp)", MONEY, 15, "Anggaran"),
    ]
    budget = sasaran_budget(d, p)

    def own(sasaran, cap):
        pg, real = budget.get(_key(sasaran), (0, 0))
        return (dict(alokasi=pg, realisasi_anggaran=real, capaian_anggaran=_or(rules.percent(real, pg)),
                     silpa=pg - real),
                dict(capaian_anggaran=rules.percent_formula("{realisasi_anggaran}", "{alokasi}"),
                     silpa="{alokasi}-{realisasi_anggaran}"))

    b = Builder(cols)
    rows, money = _sasaran_rows(d, p, b, own)
    avg, avg_f = b.mean("capaian", rows)
    tp, tr = sum(v[0] for v in budget.values()), sum(v[1] for v in budget.values())
    b.add("total", {"capaian": avg_f,
                    "alokasi": f"SUM({refs('alokasi', money)})",
                    "realisasi_anggaran": f"SUM({refs('realisasi_anggaran', money)})",
                    "capaian_anggaran": rules.percent_formula("{realisasi_anggaran}", "{alokasi}"),
                    "silpa": "{alokasi}-{realisasi_anggaran}"},
          sasaran="Rata-rata Capaian Kinerja dan Anggaran", capaian=_or(avg),
          alokasi=tp, realisasi_anggaran=tr, capaian_anggaran=_or(rules.percent(tr, tp)), silpa=tp - tr)
    return b.build("3.12", "Pencapaian Kinerja dan Anggaran Sasaran", _src(d), notes=_multi_note(p))


def _multi_note(p: Period) -> list[str]:
    return [SASARAN_NOTE] if any(len(ikus) > 1 for _, ikus in sasaran_blocks(p)) else []


def table_3_13(d: Data, p: Period) -> Table:
    cols = [
        Column("program", "Nama Program", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 38),
        Column("target", "Target", NUM, 9, "Kinerja"),
        Column("realisasi", "Realisasi", NUM, 10, "Kinerja"),
        Column("capaian", "Capaian %", PCT, 10, "Kinerja"),
        Column("alokasi", "Alokasi (Rp)", MONEY, 16, "Anggaran"),
        Column("realisasi_anggaran", "Realisasi (Rp)", MONEY, 16, "Anggaran"),
        Column("capaian_anggaran", "Capaian %", PCT, 10, "Anggaran"),
    ]
    b = Builder(cols)
    rows, money = [], []
    for r, first in _program_rows(p):
        values = dict(program=r.program if first else None, indikator=r.indikator, target=_or(r.target),
                      realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian))
        formulas = {"capaian": _cap_formula(r.polaritas, d)}
        if first and r.pagu is not None:
            values.update(alokasi=r.pagu, realisasi_anggaran=r.realisasi_anggaran,
                          capaian_anggaran=_or(rules.percent(r.realisasi_anggaran, r.pagu)))
            formulas["capaian_anggaran"] = rules.percent_formula("{realisasi_anggaran}", "{alokasi}")
        i = b.add("program", formulas, **values)
        rows.append(i)
        if first and r.pagu is not None:
            money.append(i)
    avg, avg_f = b.mean("capaian", rows)
    tp = sum(b.rows[i]["alokasi"] for i in money)
    tr = sum(b.rows[i]["realisasi_anggaran"] for i in money)
    b.add("total", {"capaian": avg_f,
                    "alokasi": f"SUM({refs('alokasi', money)})",
                    "realisasi_anggaran": f"SUM({refs('realisasi_anggaran', money)})",
                    "capaian_anggaran": rules.percent_formula("{realisasi_anggaran}", "{alokasi}")},
          program="Rata-rata Pencapaian Kinerja Kegiatan dan Anggaran", capaian=_or(avg),
          alokasi=tp, realisasi_anggaran=tr, capaian_anggaran=_or(rules.percent(tr, tp)))
    return b.build("3.13", f"Pencapaian Kinerja dan Anggaran {d.opd} Tahun {d.tahun}", _src(d),
                   notes=["Target indikator program: target Renja setelah Perubahan."])


def table_3_14(d: Data, p: Period) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("sasaran", "Sasaran Strategis", TEXT, 34),
        Column("indikator", "Indikator Kinerja", TEXT, 40),
        Column("capaian", "% Capaian Kinerja", PCT, 12),
        Column("penyerapan", "% Penyerapan Anggaran", PCT, 12),
        Column("efisiensi", "Tingkat Efisiensi", PCT, 12),
    ]
    budget = sasaran_budget(d, p)
    eff = "ROUND({capaian}-{penyerapan},2)"

    def own(sasaran, cap):
        pg, real = budget.get(_key(sasaran), (0, 0))
        pen = rules.percent(real, pg)
        return dict(penyerapan=_or(pen), efisiensi=_or(rules.difference(cap, pen))), dict(efisiensi=eff)

    b = Builder(cols)
    rows, _ = _sasaran_rows(d, p, b, own)
    avg, avg_f = b.mean("capaian", rows)
    tp, tr = sum(v[0] for v in budget.values()), sum(v[1] for v in budget.values())
    total_pen = rules.percent(tr, tp)
    b.add("total", {"capaian": avg_f, "efisiensi": eff},
          sasaran="Total Efisiensi Penggunaan Sumber Daya Anggaran", capaian=_or(avg), penyerapan=_or(total_pen),
          efisiensi=_or(rules.difference(avg, total_pen)))
    return b.build("3.14", "Efisiensi Penggunaan Anggaran", _src(d),
                   notes=["Tingkat efisiensi = % capaian kinerja − % penyerapan anggaran."] + _multi_note(p))


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
    for r in tuples(p.programs):
        by_sasaran.setdefault(_key(r.sasaran_strategis), set()).add(r.kode)
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
                   + _multi_note(p))


def table_3_16(d: Data, p: Period) -> Table:
    cols = _sdm_columns([Column("program", "Nama Program", TEXT, 32),
                         Column("indikator", "Indikator Kinerja", TEXT, 34)], d.tahun)
    b = Builder(cols)
    rows = []
    pct_f = rules.percent_formula("{tersedia}", "{kebutuhan}")
    groups: dict[str, list[int]] = {}
    jabatan = _jabatan_programs(d)
    for r, first in _program_rows(p):
        i = b.add("program", {"capaian": _cap_formula(r.polaritas, d)}, program=r.program if first else None,
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


# 3.19 / 3.20: evaluasi SAKIP and its follow-up (only when their optional sheets are filled) ---------------

def table_3_19(d: Data, p: Period) -> Table | None:
    if d.evaluasi is None or d.evaluasi.frame.empty:
        return None
    cols = [
        Column("no", "No", INT, 5),
        Column("komponen", "Komponen", TEXT, 30),
        Column("bobot", "Bobot (%)", NUM, 10),
        Column("nilai_lke", "Nilai LKE", NUM, 11),
        Column("evaluasi_lapangan", "Evaluasi Lapangan", NUM, 11),
        Column("nilai_akhir", "Nilai Akhir", NUM, 11),
        Column("capaian_bobot", "% Capaian (Bobot)", NUM, 11),
        Column("predikat", "Predikat", TEXT, 20),
    ]
    b = Builder(cols)
    rows = []
    for no, r in enumerate(tuples(d.evaluasi.frame), start=1):
        rows.append(b.add("item", no=no, komponen=r.komponen, bobot=r.bobot, nilai_lke=_or(r.nilai_lke),
                          evaluasi_lapangan=_or(r.evaluasi_lapangan), nilai_akhir=r.nilai_akhir,
                          capaian_bobot=_or(r.capaian_bobot)))
    bobot = sum((Decimal(b.rows[i]["bobot"]) for i in rows), Decimal(0))
    nilai = sum((Decimal(b.rows[i]["nilai_akhir"]) for i in rows), Decimal(0))
    b.add("total", {"bobot": f"SUM({refs('bobot', rows)})", "nilai_akhir": f"SUM({refs('nilai_akhir', rows)})"},
          komponen="Total", bobot=bobot, nilai_akhir=nilai, predikat=rules.predikat(nilai, rules.SAKIP_SCALE))
    lhe = (d.realisasi_identitas or {}).get("nomor_lhe")
    return b.build("3.19", f"Penilaian Komponen AKIP {d.opd}",
                   f"Sumber: Laporan Hasil Evaluasi SAKIP {lhe}" if lhe else "Sumber: Laporan Hasil Evaluasi SAKIP",
                   notes=["Predikat dari jumlah nilai akhir menurut PermenPAN-RB 88/2021 (AA > 90, A > 80, BB > 70, "
                          "B > 60, CC > 50, C > 30, D sisanya)."])


def table_3_20(d: Data, p: Period) -> Table | None:
    if d.tindak_lanjut is None or d.tindak_lanjut.frame.empty:
        return None
    cols = [
        Column("no", "No", INT, 5),
        Column("rekomendasi", "Rekomendasi", TEXT, 36),
        Column("rencana_aksi", "Rencana Aksi Tindak Lanjut", TEXT, 36),
        Column("target", "Target", TEXT, 11),
        Column("waktu", "Waktu Pelaksanaan", TEXT, 12),
        Column("penanggung_jawab", "Penanggung Jawab", TEXT, 20),
        Column("status", "Status/Progres Penyelesaian", TEXT, 16),
    ]
    b = Builder(cols)
    group_no, last_group, last_rec, rec_no, aksi_no = 0, object(), object(), 0, 0
    for r in tuples(d.tindak_lanjut.frame):
        if r.komponen != last_group:
            group_no += 1
            rec_no = 0
            last_rec = object()
            b.add("group", no=group_no, rekomendasi=(r.komponen or "").upper())
            last_group = r.komponen
        if r.rekomendasi != last_rec:
            rec_no += 1
            aksi_no = 0
            last_rec = r.rekomendasi
            first = True
        else:
            first = False
        aksi_no += 1
        b.add("item", rekomendasi=f"{rec_no}. {r.rekomendasi}" if first and r.rekomendasi else None,
              rencana_aksi=f"{aksi_no}. {r.rencana_aksi}", target=r.target, waktu=r.waktu,
              penanggung_jawab=r.penanggung_jawab, status=r.status)
    return b.build("3.20", "Matriks Tindak Lanjut Hasil Evaluasi SAKIP", "Sumber: Realisasi › Tindak Lanjut, "
                   f"{d.opd} {d.tahun}")


def scale_table(scale: rules.Scale) -> Table:
    """The predikat scale in use (Pengaturan), band by band, for the report's chapter III: each range
    written from the same bounds the program classifies with, so no gap (the source report left
    > 80-90 unclassified) can appear."""
    b = Builder([Column("no", "No", INT, 5), Column("rentang", "Capaian Kinerja (%)", TEXT, 22),
                 Column("predikat", "Predikat", TEXT, 30)])
    bounds = [bound for bound, _ in scale.bands]
    for n, (bound, label) in enumerate(scale.bands, start=1):
        upper = bounds[n - 2] if n > 1 else None
        if bound is None:
            text = f"≤ {fmt_id(bounds[-2])}" if len(bounds) > 1 and bounds[-2] is not None else "semua"
        elif upper is None:
            text = f"> {fmt_id(bound)}"
        else:
            text = f"> {fmt_id(bound)} – {fmt_id(upper)}"
        b.add("item", no=n, rentang=text, predikat=label)
    return b.build("skala", f"Skala Predikat Capaian Kinerja ({scale.name})", "Sumber: PK.xlsx › Pengaturan dan Skala Predikat")


TABLES: dict[str, Callable[[Data, Period], Table | None]] = {
    "2.1": table_2_1, "2.2": table_2_2, "2.3": table_2_3, "2.4": table_2_4,
    "3.1": table_3_1, "3.2": table_3_2, "3.3": table_3_3, "3.4": table_3_4, "3.5": table_3_5,
    "3.6": table_3_6, "3.7": table_3_7, "3.8": table_3_8, "3.9": table_3_9, "3.10": table_3_10,
    "3.11": table_3_11, "3.12": table_3_12, "3.13": table_3_13, "3.14": table_3_14,
    "3.15": table_3_15, "3.16": table_3_16, "3.17": table_3_17, "3.18": table_3_18,
    "3.19": table_3_19, "3.20": table_3_20,
}


def compute_tables(d: Data, p: Period, status=None) -> dict[str, Table]:
    """Every table of the report; 3.19 and 3.20 only when their optional sheets are filled."""
    out = {}
    for n, (key, fn) in enumerate(TABLES.items(), start=1):
        if status:
            status(f"Menghitung tabel {key} ({n}/{len(TABLES)})")
        table = fn(d, p)
        if table is not None:
            out[key] = table
    return out



# Ringkasan: indicators behind what they should have reached by the period --------------------

def behind_yardstick(d: Data, p: Period) -> list[dict]:
    """Rows of table 3.3 (by index) whose realisasi is behind its yardstick for the period
    (``rules.yardstick``): {row, pembanding, dasar, capaian against the pembanding, polaritas, method}."""
    from . import schema as S

    plan = {(r.kode or "", _key(r.indikator)): (r.tw1, r.tw2, r.tw3, r.tw4) for r in tuples(d.rencana_aksi.frame)}
    out = []
    for i, r in enumerate(tuples(p.indicators)):
        if r.realisasi is None:
            continue
        value, basis = rules.yardstick(r.target, r.sifat or rules.TERAKHIR, p.month,
                                       plan.get((r.kode, _key(r.indikator))), S.BULAN)
        cap = rules.capaian(value, r.realisasi, r.polaritas, d.settings.neg_method)
        if cap is not None and cap < rules.HUNDRED:
            out.append(dict(row=i, pembanding=value, dasar=basis, capaian=cap, polaritas=r.polaritas,
                            method=d.settings.neg_method))
    return out


# Pemantauan (monthly monitoring, not report tables) -----------------------------------------

def pemantauan_anggaran(d: Data, p: Period) -> Table:
    cols = [
        Column("kode", "Kode", TEXT, 18),
        Column("uraian", "Program/Kegiatan/Sub Kegiatan", TEXT, 40),
        Column("pagu", "Pagu (Rp)", MONEY, 16),
        Column("kas", f"Anggaran Kas {p.label} (Rp)", MONEY, 16),
        Column("realisasi", f"Realisasi {p.label} (Rp)", MONEY, 16),
        Column("penyerapan", "Penyerapan thd Pagu (%)", PCT, 11),
        Column("deviasi", "Deviasi thd Anggaran Kas (Rp)", MONEY, 16),
        Column("persen_kas", "Realisasi thd Anggaran Kas (%)", PCT, 11),
        Column("silpa", f"Sisa Pagu {p.label} (Rp)", MONEY, 16),
    ]
    b = Builder(cols)
    for r in tuples(p.budget):
        if r.pagu is None:
            continue
        kas = r.kas
        b.add(KIND[r.level], {"penyerapan": rules.percent_formula("{realisasi}", "{pagu}"),
                              "deviasi": "{realisasi}-{kas}",
                              "persen_kas": rules.percent_formula("{realisasi}", "{kas}"),
                              "silpa": "{pagu}-{realisasi}"},
              kode=r.kode, uraian=_label(r.level, r.uraian), pagu=r.pagu, kas=_or(kas), realisasi=r.realisasi,
              penyerapan=_or(r.penyerapan), deviasi=DASH if kas is None else r.realisasi - kas,
              persen_kas=_or(rules.percent(r.realisasi, kas)), silpa=r.pagu - r.realisasi)
    return b.build("Pemantauan Anggaran", f"Pemantauan Anggaran {p.label} {d.tahun}",
                   "Sumber: workbook Realisasi, sheet Anggaran dan Anggaran Kas")


def pemantauan_kinerja(d: Data, p: Period) -> Table:
    q = (p.month - 1) // 3 + 1
    tw = ("I", "II", "III", "IV")[q - 1]
    cols = [
        Column("kode", "Kode", TEXT, 16),
        Column("indikator", "Indikator", TEXT, 30),
        Column("satuan", "Satuan", TEXT, 10),
        Column("target", "Target Tahunan", NUM, 9),
        Column("target_tw", f"Target s.d. TW {tw}", NUM, 9),
        Column("realisasi", f"Realisasi {p.label}", NUM, 9),
        Column("capaian", "Capaian thd Target Tahunan (%)", PCT, 10),
        Column("capaian_tw", f"Capaian thd Target TW {tw} (%)", PCT, 10),
        Column("pendorong", "Faktor Pendorong", TEXT, 16),
        Column("penghambat", "Faktor Penghambat", TEXT, 16),
        Column("upaya", "Upaya", TEXT, 16),
    ]
    plan = {(r.kode or "", _key(r.indikator)): getattr(r, f"tw{q}") for r in tuples(d.rencana_aksi.frame)}
    notes = {(r.kode, r.bulan): r for r in tuples(d.catatan.frame)}
    b = Builder(cols)
    for r in tuples(p.iku):
        t_tw = plan.get(("", _key(r.indikator)))
        b.add("iku", {"capaian": _cap_formula(r.polaritas, d),
                      "capaian_tw": _cap_formula(r.polaritas, d, "{target_tw}")},
              kode="IKU", indikator=r.indikator, satuan=r.satuan, target=r.target, target_tw=_or(t_tw),
              realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian),
              capaian_tw=_or(rules.capaian(t_tw, r.realisasi, r.polaritas, d.settings.neg_method)))
    for r in tuples(p.indicators):
        t_tw = plan.get((r.kode, _key(r.indikator)))
        note = notes.get((r.kode, p.month)) if r.first else None
        b.add(KIND[r.level], {"capaian": _cap_formula(r.polaritas, d),
                              "capaian_tw": _cap_formula(r.polaritas, d, "{target_tw}")},
              kode=r.kode, indikator=r.indikator, satuan=r.satuan, target=r.target, target_tw=_or(t_tw),
              realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian),
              capaian_tw=_or(rules.capaian(t_tw, r.realisasi, r.polaritas, d.settings.neg_method)),
              pendorong=note.pendorong if note else None, penghambat=note.penghambat if note else None,
              upaya=note.upaya if note else None)
    return b.build("Pemantauan Kinerja", f"Pemantauan Kinerja {p.label} {d.tahun}",
                   "Sumber: workbook Realisasi (Kinerja, IKU, Catatan) dan PK (Rencana Aksi)",
                   notes=[f"Faktor pendorong, penghambat dan upaya: catatan bulan {p.label[5:]}."])


# Lampiran IKPP (supporting calculation of the IKPP indicator, report section 3.3.2) ----------

def lampiran_ikpp(d: Data, p: Period) -> Table | None:
    """IKM per layanan (mean of the nine SKM unsur), unit IKM (mean of the layanan), and
    IKPP = 1,25 x IKM/25 + IPP (Perbup Jombang 5/2021). None when the IKM sheet is empty."""
    from . import schema as S

    if d.ikm.frame.empty:
        return None
    units = [f"u{i}" for i in range(1, 10)]
    cols = ([Column("uraian", "Jenis Layanan / Uraian", TEXT, 34)]
            + [Column(u, f"U{i} {n}", NUM, 10, "Rata-rata Unsur SKM") for i, (u, n) in
               enumerate(zip(units, S.SKM_UNSUR), start=1)]
            + [Column("nilai", "Nilai", NUM, 11, per_value=True)])
    b = Builder(cols)
    rows = []
    for r in tuples(d.ikm.frame):
        values = {u: getattr(r, u) for u in units}
        ikm = rules.mean_shown(values.values())
        rows.append(b.add("item", {"nilai": rules.mean_formula(f"{{u1}}:{{u9}}")}, uraian=r.layanan, nilai=_or(ikm),
                          **values))
    unit, unit_f = b.mean("nilai", rows)
    total = b.add("total", {"nilai": unit_f}, uraian="IKM unit (rata-rata jenis layanan)", nilai=_or(unit))
    if unit is not None:
        konversi = unit / 25  # at most 4 decimals, exact
        k = b.add("group", {"nilai": f"{{nilai@{total}}}/25"}, uraian="IKM non konversi (IKM / 25)", nilai=konversi)
        if d.nilai_ipp is not None:
            ipp = b.add("group", uraian="Nilai IPP", nilai=d.nilai_ipp)
            b.add("total", {"nilai": f"ROUND(1.25*{{nilai@{k}}}+{{nilai@{ipp}}},2)"},
                  uraian="IKPP = 1,25 × IKM non konversi + IPP",
                  nilai=rules.r2(Decimal("1.25") * konversi + d.nilai_ipp))
    return b.build("IKPP", "Perhitungan Indeks Kualitas Pelayanan Publik (IKPP)",
                   "Sumber: hasil survei IKM per unsur (sheet IKM) dan berita acara IPP (workbook Realisasi)",
                   notes=["IKM layanan = rata-rata 9 unsur; IKM unit = rata-rata layanan; "
                          "IKPP = 1,25 × (IKM / 25) + IPP, dibulatkan ke 2 desimal (setengah ke atas)."])
