"""Write a large office through the templates, as a big dinas would fill them (for scripts/bench.py).

20 programs x 10 kegiatan x 10 sub kegiatan = 2.220 indicator rows, 2.000 budget rows, 300 jabatan,
1.000 sarpras items, realisasi for 12 months; codes 1.02.xx (a Dinas Kesehatan), year 2025, three
sasaran strategis with two IKU each. The figures are arbitrary but plausible (realisasi below pagu,
every month filled), so the run reads, checks and computes everything a real office would.

Usage: python scripts/large_office.py FOLDER [--programs 20] [--kegiatan 10] [--sub 10]
"""

from __future__ import annotations

import argparse
import random
import sys
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lkjip_xls.inputs import schema as S  # noqa: E402
from lkjip_xls.inputs.templates import write_workbook  # noqa: E402

SASARAN = ("Meningkatnya derajat kesehatan masyarakat", "Meningkatnya mutu layanan kesehatan",
           "Meningkatnya akuntabilitas kinerja dinas")


SHAPES = {
    # the default dinas: every month filled, realisasi on plan
    "dasar": {},
    # another shape of the same size: most indicators behind their yardstick, four IKU per sasaran, a Catatan
    # for every program and kegiatan each month, two earlier years of Riwayat for every indicator
    "lain": dict(behind=0.8, iku_per_sasaran=4, catatan=True, riwayat=2),
    # half a year: months July-December still blank
    "setengah": dict(months=6),
}


def office(programs: int = 20, kegiatan: int = 10, sub: int = 10, seed: int = 2025, months: int = 12,
           behind: float = 0.0, iku_per_sasaran: int = 2, catatan: bool = False, riwayat: int = 0) -> dict:
    """``months`` filled, a share ``behind`` of the indicators reporting under their yardstick,
    ``iku_per_sasaran`` IKU in each sasaran, a Catatan per program and kegiatan per month when ``catatan``,
    ``riwayat`` earlier years of history for every indicator."""
    rng = random.Random(seed)
    notes, history = [], []
    filled = months
    renja, kinerja, anggaran, pk_program = [], [], [], []

    def indicator(kode, level, uraian, name, target, sifat):
        renja.append(dict(kode=kode, level=level, uraian=uraian, sasaran=f"Sasaran {uraian}", indikator=name,
                          satuan="%" if sifat == "Terakhir" else "dokumen", target_renja=D(target), sifat=sifat,
                          polaritas="Positif"))
        low = rng.random() < behind
        if sifat == "Jumlah":
            months = [D(target // 12 + (1 if m < target % 12 else 0)) // (2 if low else 1) for m in range(12)]
        else:
            months = [D(rng.choice((60, 70, 80) if low else (95, 98, 100))) for _ in range(12)]
        months = [v if m < filled else None for m, v in enumerate(months)]
        kinerja.append(dict(kode=kode, indikator=name, **{f"m{i + 1}": v for i, v in enumerate(months)}))
        for year in range(1, riwayat + 1):
            history.append(dict(tahun=2025 - year, jenis=level, uraian=uraian, sasaran=f"Sasaran {uraian}",
                                indikator=name, realisasi=D(rng.randint(50, 100)), satuan="%"))
        if catatan and level != "Sub Kegiatan":
            for m in range(1, filled + 1):
                notes.append(dict(kode=kode, bulan=S.BULAN[m - 1], pendorong=f"Koordinasi {name} berjalan baik.",
                                  penghambat="Keterbatasan tenaga pelaksana." if low else None,
                                  upaya="Menambah pendampingan."))

    for p in range(1, programs + 1):
        pk = f"1.02.{p:02d}"
        indicator(pk, "Program", f"Program Kesehatan {p}", f"Persentase capaian program kesehatan {p}", 100, "Terakhir")
        pagu_program = 0
        for k in range(1, kegiatan + 1):
            kk = f"{pk}.2.{k:02d}"
            indicator(kk, "Kegiatan", f"Kegiatan {p}.{k}", f"Persentase layanan kegiatan {p}.{k}", 100, "Terakhir")
            for s in range(1, sub + 1):
                sk = f"{kk}.{s:04d}"
                indicator(sk, "Sub Kegiatan", f"Sub Kegiatan {p}.{k}.{s}", f"Jumlah dokumen sub kegiatan {p}.{k}.{s}",
                          rng.randint(12, 60), "Jumlah")
                pagu = rng.randint(20, 900) * 1_000_000
                spent = [pagu * rng.randint(40, 80) // 1000 if m < filled else None for m in range(12)]  # 4-8 %
                anggaran.append(dict(kode=sk, uraian=f"Sub Kegiatan {p}.{k}.{s}", pagu_murni=pagu,
                                     **{f"m{i + 1}": v for i, v in enumerate(spent)}))
                pagu_program += pagu
        pk_program.append(dict(sasaran_program=f"Sasaran Program {p}", kode=pk,
                               indikator=f"Persentase capaian program kesehatan {p}", satuan="%", target=D(100),
                               anggaran=pagu_program, sasaran_strategis=SASARAN[p % 3], target_akhir=D(100)))
    iku, iku_real = [], []
    for n, sasaran in enumerate(SASARAN):
        for j in range(1, iku_per_sasaran + 1):
            name = f"Indeks kinerja {n + 1}.{j}"
            iku.append(dict(sasaran=sasaran, indikator=name, satuan="indeks", target=D("80"),
                            polaritas="Positif" if j == 1 else "Negatif", target_akhir=D("85")))
            iku_real.append(dict(indikator=name, bulan=filled, realisasi=D(rng.randint(70, 90)), dokumen="Laporan"))
    jabatan = [dict(jabatan=f"Jabatan {j}", unit_kerja=f"Bidang {j % 7}", kebutuhan=rng.randint(1, 6),
                    tersedia=rng.randint(0, 5), program_1=f"1.02.{1 + j % programs:02d}",
                    program_2=f"1.02.{1 + (j * 7) % programs:02d}" if j % 5 == 0 else None) for j in range(1, 301)]
    sarpras = [dict(uraian=f"Barang {i}", hasil_rekon=rng.randint(0, 20), standar=rng.randint(0, 20))
               for i in range(1, 1001)]
    return {
        "renja": {"Renja": renja},
        "pk": {"Identitas": dict(nama_opd="Dinas Kesehatan", kabupaten="Kabupaten Besar", tahun=2025,
                                 kepala_nama="dr. Kepala Dinas"),
               "Sasaran Strategis": iku, "Sasaran Program": pk_program,
               "Pengaturan": dict(skala_predikat="Tabel Skala Predikat", metode_negatif="(2T-R)/T",
                                  ambang_sangat_menunjang=D(90), ambang_menunjang=D(75), waktu_kerja_efektif=75000)},
        "realisasi": {"Identitas": dict(tahun=2025), "Kinerja": kinerja, "IKU": iku_real, "Anggaran": anggaran,
                      "Catatan": notes, "Riwayat": history},
        "abk": {"Jabatan": jabatan},
        "sarpras": {"Sarpras": sarpras},
    }


def write(folder: Path, **sizes) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = office(**sizes)
    for spec in S.WORKBOOKS:
        write_workbook(spec, folder / spec.filename, data[spec.kind])
    return folder


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--programs", type=int, default=20)
    ap.add_argument("--kegiatan", type=int, default=10)
    ap.add_argument("--sub", type=int, default=10)
    a = ap.parse_args()
    write(a.folder, programs=a.programs, kegiatan=a.kegiatan, sub=a.sub)
    print(f"ditulis: {a.folder}")
