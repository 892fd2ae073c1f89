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


def office(programs: int = 20, kegiatan: int = 10, sub: int = 10, seed: int = 2025) -> dict:
    rng = random.Random(seed)
    renja, kinerja, anggaran, pk_program = [], [], [], []

    def indicator(kode, level, uraian, name, target, sifat):
        renja.append(dict(kode=kode, level=level, uraian=uraian, sasaran=f"Sasaran {uraian}", indikator=name,
                          satuan="%" if sifat == "Terakhir" else "dokumen", target_renja=D(target), sifat=sifat,
                          polaritas="Positif"))
        if sifat == "Jumlah":
            months = [D(target // 12 + (1 if m < target % 12 else 0)) for m in range(12)]
        else:
            months = [D(rng.choice((95, 98, 100))) for _ in range(12)]
        kinerja.append(dict(kode=kode, indikator=name, **{f"m{i + 1}": v for i, v in enumerate(months)}))

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
                spent = [pagu * rng.randint(40, 80) // 1000 for _ in range(12)]  # 4-8 % a month
                anggaran.append(dict(kode=sk, uraian=f"Sub Kegiatan {p}.{k}.{s}", pagu_murni=pagu,
                                     **{f"m{i + 1}": v for i, v in enumerate(spent)}))
                pagu_program += pagu
        pk_program.append(dict(sasaran_program=f"Sasaran Program {p}", kode=pk,
                               indikator=f"Persentase capaian program kesehatan {p}", satuan="%", target=D(100),
                               anggaran=pagu_program, sasaran_strategis=SASARAN[p % 3], target_akhir=D(100)))
    iku, iku_real = [], []
    for n, sasaran in enumerate(SASARAN):
        for j in (1, 2):
            name = f"Indeks kinerja {n + 1}.{j}"
            iku.append(dict(sasaran=sasaran, indikator=name, satuan="indeks", target=D("80"),
                            polaritas="Positif" if j == 1 else "Negatif", target_akhir=D("85")))
            iku_real.append(dict(indikator=name, bulan=12, realisasi=D(rng.randint(70, 90)), dokumen="Laporan"))
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
        "realisasi": {"Identitas": dict(tahun=2025), "Kinerja": kinerja, "IKU": iku_real, "Anggaran": anggaran},
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
