"""The Evaluasi Mandiri sheet (spec section 12): the LKE criteria the office's data decide
(``kinerja/mandiri.py``), one row each under its LKE component, with the count per component."""

from __future__ import annotations

from .. import mandiri as E
from ..table import INT, TEXT, Builder, Column, Table

SHEET = E.SHEET
counted = E.counted
NOT_A_SCORE = ("Sheet ini bukan nilai AKIP dan tidak menggantikan evaluasi oleh Inspektorat; yang dinilai hanya "
               "kriteria yang datanya ada di kelima workbook isian.",
               "LKE PermenPANRB 88/2021 juga menilai mutu dan pemanfaatan dokumen (mis. kualitas Renstra, "
               "pemanfaatan hasil pengukuran), yang tidak dapat diputuskan dari data isian.")


def table_evaluasi_mandiri(assessments: list[E.Assessment], opd: str, tahun: int, month_label: str) -> Table:
    cols = [
        Column("no", "No", INT, 5),
        Column("kriteria", "Kriteria (dinilai dari data isian)", TEXT, 34),
        Column("hasil", "Hasil", TEXT, 11),
        Column("bukti", "Bukti", TEXT, 50),
        Column("tindakan", "Yang Perlu Dilakukan", TEXT, 34),
        Column("sumber", "Kriteria LKE", TEXT, 26),
    ]
    b = Builder(cols)
    no = 0
    for komponen, bobot in E.COMPONENTS:
        chosen = [a for a in assessments if a.criterion.komponen == komponen]
        if not chosen:
            continue
        b.add("section", kriteria=f"{komponen} (bobot {bobot}): {counted(E.counts(chosen))}")
        for a in chosen:
            no += 1
            b.add("item", no=no, kriteria=a.criterion.kriteria, hasil=a.status, bukti=a.finding.evidence,
                  tindakan="-" if a.status == E.TERPENUHI else a.criterion.tindakan, sumber=a.criterion.sumber)
    b.add("total", kriteria=f"Jumlah: {counted(E.counts(assessments))}")
    return b.build("EM", f"Evaluasi Mandiri SAKIP {opd} {tahun}",
                   f"Sumber: kelima workbook isian {opd}, data s.d. {month_label} {tahun}; kriteria dari LKE "
                   "PermenPANRB 88/2021", notes=list(NOT_A_SCORE))
