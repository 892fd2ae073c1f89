"""Monthly monitoring for Bappeda (not report tables) and the Ringkasan's yardstick list."""

from __future__ import annotations

from decimal import Decimal


from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import BELUM, DASH, MONEY, NUM, PCT, TEXT, Builder, Column, Table
from .common import (KIND, _cap_formula, _label, _or)


# Ringkasan: indicators behind what they should have reached by the period --------------------

def behind_yardstick(d: Data, p: Period) -> list[dict]:
    """Rows of table 3.3 (by index) whose realisasi is behind its yardstick for the period
    (``rules.yardstick``): {row, pembanding, dasar, capaian against the pembanding, polaritas, method}."""
    from ...inputs import schema as S

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
    notes = {(r.kode, r.bulan): r for r in tuples(d.catatan.frame) if r.kode}
    iku_notes = {(_key(r.indikator), r.bulan): r for r in tuples(d.catatan.frame) if not r.kode and r.indikator}
    b = Builder(cols)
    for r in tuples(p.iku):
        t_tw = plan.get(("", _key(r.indikator)))
        note = iku_notes.get((_key(r.indikator), p.month))
        b.add("iku", {"capaian": _cap_formula(r.polaritas, d),
                      "capaian_tw": _cap_formula(r.polaritas, d, "{target_tw}")}, places=r.places,
              kode="IKU", indikator=r.indikator, satuan=r.satuan, target=r.target, target_tw=_or(t_tw),
              realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian),
              capaian_tw=_or(rules.capaian(t_tw, r.realisasi, r.polaritas, d.settings.neg_method)),
              pendorong=note.pendorong if note else None, penghambat=note.penghambat if note else None,
              upaya=note.upaya if note else None)
    for r in tuples(p.indicators):
        t_tw = plan.get((r.kode, _key(r.indikator)))
        note = notes.get((r.kode, p.month)) if r.first else None
        b.add(KIND[r.level], {"capaian": _cap_formula(r.polaritas, d),
                              "capaian_tw": _cap_formula(r.polaritas, d, "{target_tw}")}, places=r.places,
              kode=r.kode, indikator=r.indikator, satuan=r.satuan, target=r.target, target_tw=_or(t_tw),
              realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian),
              capaian_tw=_or(rules.capaian(t_tw, r.realisasi, r.polaritas, d.settings.neg_method)),
              pendorong=note.pendorong if note else None, penghambat=note.penghambat if note else None,
              upaya=note.upaya if note else None)
    return b.build("Pemantauan Kinerja", f"Pemantauan Kinerja {p.label} {d.tahun}",
                   "Sumber: workbook Realisasi (Kinerja, IKU, Catatan) dan PK (Rencana Aksi)",
                   notes=[f"Faktor pendorong, penghambat dan upaya: catatan bulan {p.label[5:]}."])


def kas_plan(p: Period) -> dict[str, Decimal]:
    """Anggaran kas up to the month as a share of the pagu, per code of a budget row that has both (the
    Ringkasan's 'Rencana Anggaran Kas (%)' beside each program's penyerapan)."""
    return {r.kode: rules.percent(r.kas, r.pagu) for r in tuples(p.budget) if r.pagu is not None and r.kas is not None}
