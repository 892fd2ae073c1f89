"""BAB II, perencanaan kinerja: 2.1 (Renja and its Perubahan), 2.2 (PK), 2.3 (IKU), 2.4 (indicators)."""

from __future__ import annotations


from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import DASH, INT, MONEY, NUM, TEXT, Builder, Column, Table, refs
from .common import (KIND, _label, _or, iku_in_blocks)


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
              places=p.places.of_renja(r.kode, r.indikator), no=no if first else None, uraian=_label(r.level, r.uraian) if first else None,
              indikator=r.indikator, satuan=r.satuan,
              target_renja=_or(r.target_renja), target_perubahan=_or(r.target if has else None),
              selisih=(r.target - r.target_renja) if has and rules.number(r.target) is not None
              and rules.number(r.target_renja) is not None else DASH)  # a range or level has no difference
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
        b.add("iku", places=p.places.of_iku(r.indikator), no=no if r.sasaran != last else None, sasaran=r.sasaran if r.sasaran != last else None,
              indikator=r.indikator, target=r.target, satuan=r.satuan)
        last = r.sasaran
    b.add("section", sasaran="Sasaran Program, Indikator Program dan Anggaran")
    money_rows, last, no = [], None, 0
    names = dict(zip(d.renja.frame["kode"], d.renja.frame["uraian"]))
    for r in tuples(d.pk_program.frame):
        first = r.kode != last
        last = r.kode
        no += 1 if first else 0
        i = b.add("program", places=p.places.of_renja(r.kode, r.indikator), no=no if first else None,
                  sasaran=r.sasaran_program if first else None,
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
    by_row = {r.row: r._asdict() for r in tuples(d.iku.frame)}
    for r, first, no in iku_in_blocks(p):
        src = by_row[r.row]
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
        b.add(KIND[r.level], places=r.places, no=no if r.first else None,
              uraian=_label(r.level, r.uraian) if r.first else None,
              sasaran=r.sasaran if r.first else None, indikator=r.indikator, target=r.target, satuan=r.satuan,
              formulasi=_or(formulasi.get((r.kode, _key(r.indikator)))))
    return b.build("2.4", f"Program, Kegiatan dan Sub Kegiatan dengan Indikator, Target dan Formulasi Tahun {d.tahun}",
                   f"Sumber: Renja Perubahan {d.opd} {d.tahun}")
