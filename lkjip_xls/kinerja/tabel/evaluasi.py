"""BAB III, evaluasi: 3.19 (hasil evaluasi SAKIP) and 3.20 (tindak lanjut), from optional sheets."""

from __future__ import annotations

from decimal import Decimal

from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data
from ..table import INT, NUM, TEXT, Builder, Column, Table, refs
from .common import _or


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
