"""BAB III, anggaran: 3.11-3.14 (budget per sasaran strategis, per program, efficiency; R4, R5, R7)."""

from __future__ import annotations

from ...inputs import schema as S


from .. import rules
from ..period import Period
from ..model import Data, _key
from ..table import BELUM, INT, MONEY, NUM, PCT, TEXT, Builder, Column, Table, refs
from .common import (_cap_formula, _multi_note, _or, _program_rows, _sasaran_rows, _src, budget_total, sasaran_blocks,
                     sasaran_budget, shared_note, shared_programs)


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
    tp, tr = budget_total(p)
    sums = {} if shared_programs(p) else {"anggaran": f"SUM({refs('anggaran', rows)})",
                                          "realisasi": f"SUM({refs('realisasi', rows)})"}
    b.add("total", {**sums, "persen": rules.percent_formula("{realisasi}", "{anggaran}")},
          sasaran="Total", anggaran=tp, realisasi=tr, persen=_or(rules.percent(tr, tp)))
    return b.build("3.11", "Alokasi Anggaran per Sasaran Strategis", _src(d), notes=shared_note(p, "anggarannya"))


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
        Column("silpa", "Sisa (SiLPA) (Rp)" if p.month == 12 else f"Sisa s.d. {S.BULAN[p.month - 1]} (Rp)", MONEY, 15,
               "Anggaran"),
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
    tp, tr = budget_total(p)
    sums = {} if shared_programs(p) else {"alokasi": f"SUM({refs('alokasi', money)})",
                                          "realisasi_anggaran": f"SUM({refs('realisasi_anggaran', money)})"}
    b.add("total", {"capaian": avg_f, **sums,
                    "capaian_anggaran": rules.percent_formula("{realisasi_anggaran}", "{alokasi}"),
                    "silpa": "{alokasi}-{realisasi_anggaran}"},
          sasaran="Rata-rata Capaian Kinerja dan Anggaran", capaian=_or(avg),
          alokasi=tp, realisasi_anggaran=tr, capaian_anggaran=_or(rules.percent(tr, tp)), silpa=tp - tr)
    return b.build("3.12", "Pencapaian Kinerja dan Anggaran Sasaran", _src(d),
                   notes=_multi_note(p) + shared_note(p, "anggarannya"))



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
        i = b.add("program", formulas, places=r.places, **values)
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
    tp, tr = budget_total(p)
    total_pen = rules.percent(tr, tp)
    b.add("total", {"capaian": avg_f, "efisiensi": eff},
          sasaran="Total Efisiensi Penggunaan Sumber Daya Anggaran", capaian=_or(avg), penyerapan=_or(total_pen),
          efisiensi=_or(rules.difference(avg, total_pen)))
    return b.build("3.14", "Efisiensi Penggunaan Anggaran", _src(d),
                   notes=["Tingkat efisiensi = % capaian kinerja − % penyerapan anggaran."] + _multi_note(p)
                   + shared_note(p, "anggarannya"))
