"""BAB III, evaluasi: 3.19 (hasil evaluasi SAKIP) and 3.20 (tindak lanjut), from optional sheets."""

from __future__ import annotations

from decimal import Decimal

from .. import rules, sakip
from ...inputs.numbers import fmt_id
from ...inputs import schema as S
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import DASH, INT, MONEY, NUM, PCT, TEXT, Builder, Column, Table, refs
from .common import KIND, _cap_formula, _label, _or, with_untargeted


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
    notes = ["Predikat dari jumlah nilai akhir menurut PermenPAN-RB 88/2021 (AA > 90, A > 80, BB > 70, "
             "B > 60, CC > 50, C > 30, D sisanya)."]
    lhe = sakip.nilai_lhe(d, p.month)
    if lhe is not None and sakip.differs(lhe.value, nilai):
        # one value per fact: the document says the LHE's value; the components' sum stays visible above it
        b.add("group", komponen=sakip.LHE_ROW, nilai_akhir=lhe.value, predikat=rules.predikat(lhe.value, rules.SAKIP_SCALE))
        where = (f"realisasi IKU '{lhe.indikator}'" if lhe.from_iku
                 else "Nilai SAKIP menurut LHE (Realisasi › Identitas)")
        notes.append(f"Jumlah nilai akhir komponen ({fmt_id(nilai)}) berbeda {fmt_id(abs(lhe.value - nilai))} dari "
                     f"nilai menurut LHE ({fmt_id(lhe.value)}, dari {where}); nilai LHE yang dipakai di laporan.")
    nomor = (d.realisasi_identitas or {}).get("nomor_lhe")
    return b.build("3.19", f"Penilaian Komponen AKIP {d.opd}",
                   f"Sumber: Laporan Hasil Evaluasi SAKIP {nomor}" if nomor else "Sumber: Laporan Hasil Evaluasi SAKIP",
                   notes=notes)


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
    nomor = (d.realisasi_identitas or {}).get("nomor_lhe")
    lhe = f"Laporan Hasil Evaluasi SAKIP {nomor}" if nomor else "Laporan Hasil Evaluasi SAKIP"
    return b.build("3.20", "Matriks Tindak Lanjut Hasil Evaluasi SAKIP",
                   f"Sumber: {lhe} dan rencana aksi tindak lanjut {d.opd} {d.tahun}")


# Form E.81: evaluasi terhadap hasil Renja (Permendagri 86/2017; spec section 7) ------------------------

E81_NOTES = (("pendorong", "Faktor pendorong keberhasilan pencapaian"),
             ("penghambat", "Faktor penghambat pencapaian kinerja"),
             ("upaya", "Tindak lanjut yang diperlukan dalam triwulan berikutnya"),
             ("tindak_lanjut_renja", "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"))
E81_FIELD_HEADER = {"pendorong": "Faktor Pendorong", "penghambat": "Faktor Penghambat", "upaya": "Upaya",
                    "tindak_lanjut_renja": "Tindak Lanjut Renja Berikutnya"}


def e81_quarter_label(q: int, month: int) -> str:
    """'Triwulan II', or 's.d. Mei' for the unfinished quarter of the month; later quarters 'belum'."""
    if 3 * q <= month:
        return f"Triwulan {rules.ROMAN[q - 1]}"
    if 3 * q - 2 <= month:
        return f"Triwulan {rules.ROMAN[q - 1]} (s.d. {S.BULAN[month - 1]})"
    return f"Triwulan {rules.ROMAN[q - 1]} (belum)"


def _e81_columns(d: Data, p: Period) -> list[Column]:
    n, m = d.tahun, p.month

    def pair(no: int, title: str, k_fmt: str = NUM, rp_fmt: str = MONEY) -> list[Column]:
        group = f"({no}) {title}"
        # the least widths; the printed form widens a figure column to its widest figure
        return [Column(f"k{no}", "K", k_fmt, 5, group), Column(f"rp{no}", "Rp", rp_fmt, 6, group)]

    cols = [Column("no", "(1) No", INT, 4), Column("sasaran", "(2) Sasaran", TEXT, 16),
            Column("kode", "(3) Kode", TEXT, 10),
            Column("uraian", "(4) Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
                   TEXT, 22),
            Column("indikator", "Indikator", TEXT, 22, "(5) Indikator Kinerja Program (outcome) / Kegiatan (output)"),
            Column("satuan", "Satuan", TEXT, 8, "(5) Indikator Kinerja Program (outcome) / Kegiatan (output)")]
    cols += pair(6, "Target Renstra Perangkat Daerah pada Tahun Akhir Periode Renstra")
    cols += pair(7, f"Realisasi Capaian Kinerja Renstra Perangkat Daerah s.d. Renja Tahun Lalu ({n - 1})")
    cols += pair(8, f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan ({n})")
    for q in range(1, 5):
        cols += pair(8 + q, f"Realisasi Kinerja dan Anggaran {e81_quarter_label(q, m)}")
    cols += pair(13, f"Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi (s.d. {S.BULAN[m - 1]} {n})")
    cols += pair(14, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%)", PCT, PCT)
    cols += pair(15, f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun {n} (Renstra)")
    cols += pair(16, f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s.d. Tahun {n} (%)", PCT, PCT)
    cols += [Column("unit", "(17) Unit Perangkat Daerah Penanggung Jawab", TEXT, 12),
             Column("keterangan", "(18) Keterangan", TEXT, 20)]
    return cols


def _e81_money(d: Data, p: Period) -> dict[str, list[int]]:
    """Realisasi anggaran per code and quarter up to the month (R4: a program or kegiatan sums its sub
    kegiatan, as in ``period._budget``)."""
    sub_months = {r.kode: {i: getattr(r, f"m{i}") for i in range(1, 13)} for r in tuples(d.anggaran.frame)}
    # each sub kegiatan's four quarters, once (a program sums those of all its sub kegiatan)
    quarters = {kode: [rules.budget_to_month({m: months.get(m) for m in rules.quarter_months(q, p.month)}, p.month)
                       for q in range(1, 5)] for kode, months in sub_months.items()}
    out = {}
    for r in tuples(p.budget):
        if r.pagu is None:
            continue
        out[r.kode] = [sum(quarters[s][q] for s in r.subs) for q in range(4)]
    return out


def _e81_notes(d: Data, p: Period) -> dict[str, list[str]]:
    """Catatan of the quarter of the month (up to it), the latest text per indicator and field, each led by
    what it is about."""
    q = (p.month - 1) // 3 + 1
    months = set(rules.quarter_months(q, p.month))
    names = {r.kode: r.uraian for r in tuples(p.indicators) if r.first}
    latest: dict[tuple, dict] = {}
    for r in sorted(tuples(d.catatan.frame), key=lambda r: (r.bulan or 0, r.row)):
        if r.bulan not in months or not (r.kode or r.indikator):
            continue
        about = r.indikator if not r.kode else (names.get(r.kode) or r.kode)
        entry = latest.setdefault((r.kode or "", _key(r.indikator or "")), {"about": about})
        for field in E81_FIELD_HEADER:
            text = getattr(r, field, None)
            if isinstance(text, str) and text.strip():
                entry[field] = text.strip()
    return {field: [f"{e['about']}: {e[field]}" for e in latest.values() if field in e] for field in E81_FIELD_HEADER}


def _blank_renstra(blank: list[str], tahun: int) -> str:
    """Keterangan for the optional Renja columns left blank ("6 K", "7 Rp"), in the reader's words."""
    names = {6: "target Renstra akhir periode", 7: f"realisasi Renstra s.d. {tahun - 1}"}
    columns = sorted({int(b.split()[0]) for b in blank})
    text = " dan ".join(names[c] for c in columns)
    return f"{text[0].upper()}{text[1:]} (kolom {', '.join(map(str, columns))}) belum diisi di Renja"


def _e81_money_row(values: dict, formulas: dict, head, bud, quarters, m: int) -> list[str]:
    """The Rp columns of an item's first row (its budget, quarter by quarter); the blank optional Renja
    columns they need."""
    rp6, rp7 = head.pagu_renstra, head.anggaran_renstra_lalu
    rp15 = None if rp7 is None else rp7 + bud.realisasi
    values.update(rp6=_or(rp6), rp7=_or(rp7), rp8=bud.pagu, rp13=bud.realisasi,
                  rp14=_or(bud.penyerapan), rp15=_or(rp15), rp16=_or(rules.percent(rp15, rp6)))
    for q in range(1, 5):
        values[f"rp{8 + q}"] = quarters[q - 1] if 3 * q - 2 <= m else None
    spent = [f"{{rp{8 + q}}}" for q in range(1, 5) if 3 * q - 2 <= m]
    formulas.update(rp13="SUM(" + ",".join(spent) + ")",
                    rp14=rules.percent_formula("{rp13}", "{rp8}"), rp15="{rp7}+{rp13}",
                    rp16=rules.percent_formula("{rp15}", "{rp6}"))
    return (["6 Rp"] if rp6 is None else []) + (["7 Rp"] if rp7 is None else [])


def table_e81(d: Data, p: Period) -> Table:
    """Form E.81 for the quarters up to the month: one row per Renja indicator (as 3.3), money on the
    item's first row, then the averages, the predikat (Permendagri 86/2017) and the four texts."""
    m, method = p.month, d.settings.neg_method
    renja = {r.row: r for r in tuples(d.renja.frame)}
    first_row = {}
    for r in tuples(d.renja.frame):
        first_row.setdefault(r.kode, r)
    money = _e81_money(d, p)
    b = Builder(_e81_columns(d, p))
    rows, programs, no = [], [], 0
    for r in with_untargeted(p):
        src = renja[r.row]
        head = first_row[r.kode]
        sifat = r.sifat or rules.TERAKHIR
        no += 1 if r.first else 0
        if not getattr(r, "targeted", True):  # R21: its money, no indicator figures
            values = dict(no=no, sasaran=head.sasaran, kode=r.kode, uraian=_label(r.level, r.uraian),
                          indikator=DASH, unit=head.unit_pj or d.opd,
                          keterangan="Indikator sub kegiatan ini tidak bertarget; hanya anggarannya yang dievaluasi")
            formulas = {}
            bud = p.budget_of.get(r.kode)
            if bud is not None and bud.pagu is not None:
                _e81_money_row(values, formulas, head, bud, money[r.kode], m)
            b.add(KIND[r.level], formulas, **values)
            continue
        k6, k7 = src.target_renstra, src.realisasi_renstra_lalu
        k15 = rules.renstra_realisasi(k7, r.realisasi, sifat)
        values = dict(no=no if r.first else None, sasaran=head.sasaran if r.first else None,
                      kode=r.kode if r.first else None, uraian=_label(r.level, r.uraian) if r.first else None,
                      indikator=r.indikator, satuan=r.satuan, k6=_or(k6), k7=_or(k7), k8=r.target,
                      k13=_or(r.realisasi), k14=_or(r.capaian), k15=_or(k15),
                      k16=_or(rules.capaian(k6, k15, r.polaritas, method)),
                      unit=(head.unit_pj or d.opd) if r.first else None)
        for q in range(1, 5):
            values[f"k{8 + q}"] = _or(rules.quarter_realisasi(r.months, sifat, q, m)) if 3 * q - 2 <= m else None
        formulas = {"k14": _cap_formula(r.polaritas, d, "{k8}", "{k13}"),
                    "k16": _cap_formula(r.polaritas, d, "{k6}", "{k15}")}
        if sifat == rules.JUMLAH:
            formulas["k15"] = "{k7}+{k13}"
        else:
            formulas["k15"] = "{k13}"
        blank = []  # the optional Renja columns this row's figures need
        if k6 is None:
            blank.append("6 K")
        if k7 is None and sifat == rules.JUMLAH:
            blank.append("7 K")
        bud = p.budget_of.get(r.kode) if r.first else None
        if bud is not None and bud.pagu is not None:
            blank += _e81_money_row(values, formulas, head, bud, money[r.kode], m)
        why = [_blank_renstra(blank, d.tahun)] if blank else []
        if r.realisasi is None:
            why.append(f"Belum ada realisasi s.d. {S.BULAN[m - 1]}")
        values["keterangan"] = "; ".join(why) or None
        i = b.add(KIND[r.level], formulas, places=r.places, **values)
        rows.append(i)
        if r.first and r.level == "Program" and values.get("rp8") is not None:
            programs.append(i)
    avg, avg_f = b.mean("k14", rows)
    pagu = sum(b.rows[i]["rp8"] for i in programs)
    real = sum(b.rows[i]["rp13"] for i in programs)
    money_avg = rules.percent(real, pagu)
    scale = rules.PERMENDAGRI_86
    b.add("total", {"k14": avg_f, "rp14": rules.percent_formula(f"SUM({refs('rp13', programs)})",
                                                                 f"SUM({refs('rp8', programs)})")},
          sasaran="Rata-rata capaian kinerja dan anggaran Renja yang dievaluasi", k14=_or(avg), rp14=_or(money_avg))
    b.add("total", sasaran=f"Predikat kinerja ({scale.name})", k14=_or(rules.predikat(avg, scale)),
          rp14=_or(rules.predikat(money_avg, scale)))
    notes = _e81_notes(d, p)
    for field, label in E81_NOTES:
        texts = notes[field]
        if texts:
            b.add("text", uraian=f"{label}:\n" + "\n".join(texts))
        else:
            b.add("todo", uraian=f"{label}: [belum diisi]",
                  instruction=f"Tulis di Realisasi › Catatan, kolom '{E81_FIELD_HEADER[field]}', untuk bulan "
                              "di triwulan ini, lalu jalankan proses lagi.")
    q = (m - 1) // 3 + 1
    period = e81_quarter_label(q, m).replace("(", "").replace(")", "")
    return b.build("E.81", f"Evaluasi terhadap Hasil Renja Perangkat Daerah {d.opd} Tahun {d.tahun}, {period}",
                   f"Sumber: Renja Perubahan, Renstra dan realisasi kinerja dan anggaran {d.opd} {d.tahun}; "
                   "Form E.81 Permendagri 86/2017",
                   notes=["K = kinerja, Rp = anggaran. Kolom 9-12: realisasi per triwulan (Jumlah: jumlah bulan "
                          "triwulan itu; Rata-rata: rata-rata bulan yang dilaporkan; Terakhir: nilai terakhir "
                          "triwulan itu). Kolom 13: realisasi s.d. bulan laporan, bukan jumlah triwulan untuk "
                          "indikator Rata-rata dan Terakhir. '-' = data belum diisi (lihat Keterangan).",
                          f"Predikat: {', '.join(lbl + (f' (> {b_})' if b_ is not None else '') for b_, lbl in scale.bands)}."],
                   key_columns=3)  # No, Sasaran, Kode: repeated on each stacked part of the printed form
