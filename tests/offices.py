"""Offices of our own, other than the bundled example, written through the templates as staff would.

``kominfo()`` is a dinas (codes 2.16.xx, year 2025) built to exercise what the kecamatan does not:
two IKU under one sasaran strategis, an IKU and a program indicator of negative polarity, a Renja
Perubahan target that differs from the PK target, Jumlah / Rata-rata / Terakhir indicators, a pagu
perubahan, a jabatan supporting programs under two sasaran, a surplus sarpras item and an index
compared with four decimals. Its expected figures are worked out by hand in tests/test_offices.py.
"""

from __future__ import annotations

import copy
from decimal import Decimal as D
from pathlib import Path

from lkjip_xls.inputs import schema as S
from lkjip_xls.inputs.templates import write_workbook

S1 = "Meningkatnya kualitas keterbukaan informasi publik"
S2 = "Meningkatnya penerapan SPBE"
IKU_KIP = "Indeks Keterbukaan Informasi Publik"
IKU_ADUAN = "Persentase aduan informasi yang tidak terselesaikan"
IKU_SPBE = "Indeks SPBE"
KEPUASAN = "Indeks kepuasan layanan informasi publik"
HOAKS = "Persentase hoaks yang ditangani lebih dari 2 hari"


def _months(values):
    return {f"m{i}": v for i, v in enumerate(values, start=1)}


def _renja(kode, level, uraian, indikator, satuan, target, sifat="Terakhir", perubahan=None, polaritas="Positif",
           sasaran=None):
    return dict(kode=kode, level=level, uraian=uraian, sasaran=sasaran, indikator=indikator, satuan=satuan,
                target_renja=D(str(target)) if target is not None else None,
                target_perubahan=D(str(perubahan)) if perubahan is not None else None,
                polaritas=polaritas, sifat=sifat)


def kominfo() -> dict:
    renja = [
        _renja("2.16.01", "Program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
               "Persentase capaian kinerja sekretariat", "%", 100, sasaran="Meningkatnya kinerja sekretariat"),
        _renja("2.16.01.1.01", "Kegiatan", "Administrasi Keuangan Perangkat Daerah",
               "Persentase laporan keuangan tepat waktu", "%", 100),
        _renja("2.16.01.1.01.0001", "Sub Kegiatan", "Penyediaan Gaji dan Tunjangan ASN",
               "Jumlah pegawai yang menerima gaji", "orang/bulan", 40, sifat="Rata-rata"),
        _renja("2.16.02", "Program", "Program Informasi dan Komunikasi Publik", KEPUASAN, "indeks", 80,
               perubahan=82, sasaran="Meningkatnya layanan informasi publik"),
        _renja("2.16.02", "Program", None, HOAKS, "%", 10, polaritas="Negatif"),
        _renja("2.16.02.2.01", "Kegiatan", "Pengelolaan Informasi dan Komunikasi Publik",
               "Jumlah konten informasi publik", "konten", 120, sifat="Jumlah"),
        _renja("2.16.02.2.01.0001", "Sub Kegiatan", "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik",
               "Jumlah konten yang dipublikasikan", "konten", 120, sifat="Jumlah"),
        _renja("2.16.03", "Program", "Program Aplikasi Informatika", "Persentase layanan publik berbasis elektronik",
               "%", 60, sasaran="Meningkatnya layanan berbasis elektronik"),
        _renja("2.16.03.2.01", "Kegiatan", "Pengelolaan e-Government", "Jumlah aplikasi yang dikembangkan",
               "aplikasi", 6, sifat="Jumlah"),
        _renja("2.16.03.2.01.0002", "Sub Kegiatan", "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis "
               "Elektronik", "Jumlah aplikasi yang dikembangkan", "aplikasi", 6, sifat="Jumlah"),
    ]
    gaji = [40, 40, 39, 39, 40, 40, 38, 38, 40, 40, 39, 39]  # Rata-rata: 472 / 12 = 39,333 -> 39,33
    aplikasi = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 2]  # Jumlah: 5
    kinerja = [
        dict(kode="2.16.01", indikator="Persentase capaian kinerja sekretariat", **_months([90] * 11 + [95])),
        dict(kode="2.16.01.1.01", indikator="Persentase laporan keuangan tepat waktu", **_months([100] * 12)),
        dict(kode="2.16.01.1.01.0001", indikator="Jumlah pegawai yang menerima gaji", **_months(gaji)),
        dict(kode="2.16.02", indikator=KEPUASAN, **_months([None] * 5 + [84] + [None] * 5 + [D("86.1")])),
        dict(kode="2.16.02", indikator=HOAKS, **_months([9] * 11 + [8])),
        dict(kode="2.16.02.2.01", indikator="Jumlah konten informasi publik", **_months([10] * 12)),
        dict(kode="2.16.02.2.01.0001", indikator="Jumlah konten yang dipublikasikan", **_months([10] * 12)),
        dict(kode="2.16.03", indikator="Persentase layanan publik berbasis elektronik", **_months([40] * 11 + [45])),
        dict(kode="2.16.03.2.01", indikator="Jumlah aplikasi yang dikembangkan", **_months(aplikasi)),
        dict(kode="2.16.03.2.01.0002", indikator="Jumlah aplikasi yang dikembangkan", **_months(aplikasi)),
    ]
    anggaran = [
        dict(kode="2.16.01.1.01.0001", uraian="Penyediaan Gaji dan Tunjangan ASN", pagu_murni=1_200_000_000,
             **_months([90_000_000] * 12)),  # 1.080.000.000 = 90,00 %
        dict(kode="2.16.02.2.01.0001", uraian="Pengelolaan Konten", pagu_murni=300_000_000,
             pagu_perubahan=250_000_000, **_months([20_000_000] * 12)),  # 240.000.000 of 250.000.000 = 96,00 %
        dict(kode="2.16.03.2.01.0002", uraian="Pengembangan Aplikasi", pagu_murni=500_000_000,
             **_months([0, 0, 0] + [40_000_000] * 9)),  # 360.000.000 = 72,00 %
    ]
    return {
        "renja": {"Renja": renja},
        "pk": {
            "Identitas": dict(nama_opd="Dinas Komunikasi dan Informatika", kabupaten="Kabupaten Sukamaju",
                              provinsi="Jawa Tengah", tahun=2025, kepala_nama="Dra. Sri Lestari, M.Si.",
                              kepala_nip="197001011995032001", kepala_pangkat="Pembina Utama Muda (IV/c)",
                              kepala_jabatan="Kepala Dinas Komunikasi dan Informatika", pemberi="Bupati Sukamaju",
                              tempat_ttd="Sukamaju", tanggal_ttd="3 Januari 2025"),
            "Sasaran Strategis": [
                dict(sasaran=S1, indikator=IKU_KIP, satuan="indeks", target=D("85"), polaritas="Positif",
                     target_akhir=D("90"), formulasi="Nilai monev KIP", sumber_data="Komisi Informasi Provinsi",
                     definisi="Tingkat keterbukaan informasi badan publik"),
                dict(sasaran=S1, indikator=IKU_ADUAN, satuan="%", target=D("5"), polaritas="Negatif",
                     target_akhir=D("3"), formulasi="Aduan tak selesai / seluruh aduan x 100",
                     sumber_data="Register aduan PPID", definisi="Aduan informasi yang tidak terselesaikan"),
                dict(sasaran=S2, indikator=IKU_SPBE, satuan="indeks", target=D("3.0"), polaritas="Positif",
                     target_akhir=D("3.5"), formulasi="Indeks SPBE KemenPAN-RB", sumber_data="Evaluasi SPBE",
                     definisi="Tingkat kematangan SPBE"),
            ],
            "Sasaran Program": [
                dict(sasaran_program="Meningkatnya kinerja sekretariat", kode="2.16.01",
                     indikator="Persentase capaian kinerja sekretariat", satuan="%", target=D(100),
                     anggaran=1_200_000_000, sasaran_strategis=S1, target_akhir=D(100)),
                dict(sasaran_program="Meningkatnya layanan informasi publik", kode="2.16.02", indikator=KEPUASAN,
                     satuan="indeks", target=D(80), anggaran=250_000_000, sasaran_strategis=S1,
                     target_akhir=D(84)),
                dict(sasaran_program=None, kode="2.16.02", indikator=HOAKS, satuan="%", target=D(10),
                     sasaran_strategis=S1, target_akhir=D(8)),
                dict(sasaran_program="Meningkatnya layanan berbasis elektronik", kode="2.16.03",
                     indikator="Persentase layanan publik berbasis elektronik", satuan="%", target=D(60),
                     anggaran=500_000_000, sasaran_strategis=S2, target_akhir=D(75)),
            ],
            "Rencana Aksi": [
                dict(kode="2.16.02.2.01", indikator="Jumlah konten informasi publik", tw1=D(30), tw2=D(60),
                     tw3=D(90), tw4=D(120)),
                dict(kode="2.16.03.2.01", indikator="Jumlah aplikasi yang dikembangkan", tw1=D(1), tw2=D(3),
                     tw3=D(4), tw4=D(6)),
            ],
            "Pengaturan": dict(skala_predikat="Tabel Skala Predikat", metode_negatif="(2T-R)/T",
                               ambang_sangat_menunjang=D(90), ambang_menunjang=D(75), waktu_kerja_efektif=75000,
                               email_bappeda="bappeda@sukamajukab.go.id"),
        },
        "realisasi": {
            "Identitas": dict(tahun=2025),
            "Kinerja": kinerja,
            "IKU": [
                dict(indikator=IKU_SPBE, bulan=10, realisasi=D("2.85"), dokumen="Hasil evaluasi SPBE 2025"),
                dict(indikator=IKU_KIP, bulan=11, realisasi=D("88.4"), dokumen="SK Komisi Informasi 2025"),
                dict(indikator=IKU_ADUAN, bulan=12, realisasi=D(4), dokumen="Register PPID 2025"),
            ],
            "Anggaran": anggaran,
            "Riwayat": [
                dict(tahun=2023, jenis="IKU", sasaran=S1, indikator=IKU_KIP, realisasi=D("80.12"), satuan="indeks"),
                dict(tahun=2024, jenis="IKU", sasaran=S1, indikator=IKU_KIP, realisasi=D("84.5"), satuan="indeks"),
                dict(tahun=2024, jenis="IKU", sasaran=S2, indikator=IKU_SPBE, realisasi=D("2.61"), satuan="indeks"),
                dict(tahun=2024, jenis="Program", uraian="Program Informasi dan Komunikasi Publik",
                     indikator=KEPUASAN, realisasi=D("83.2"), satuan="indeks"),
                dict(tahun=2024, jenis="Program", uraian="Program Informasi dan Komunikasi Publik",
                     indikator="Persentase hoaks yang ditangani", realisasi=D(12), satuan="%"),
            ],
            "Pembanding": [
                dict(indikator=IKU_KIP, kabupaten=D("88.3862"), provinsi=D(90), sumber="Monev KIP Provinsi 2025"),
                dict(indikator=IKU_SPBE, kabupaten=D("2.9"), provinsi=D("3.1"), nasional=D("2.79"),
                     sumber="Evaluasi SPBE 2025"),
                dict(kode="2.16.02", indikator=KEPUASAN, kabupaten=D("84.5"), sumber="Survei kepuasan kabupaten 2025"),
            ],
        },
        "abk": {
            "Jabatan": [
                dict(jabatan="Kepala Dinas", unit_kerja="Pimpinan", kebutuhan=1, tersedia=1, program_1="2.16.01"),
                dict(jabatan="Sekretaris", unit_kerja="Sekretariat", kebutuhan=1, tersedia=1, program_1="2.16.01"),
                dict(jabatan="Kepala Subbagian Keuangan", unit_kerja="Sekretariat", kebutuhan=3, tersedia=2,
                     program_1="2.16.01"),
                dict(jabatan="Kepala Bidang IKP", unit_kerja="Bidang IKP", kebutuhan=1, tersedia=1,
                     program_1="2.16.02"),
                dict(jabatan="Pranata Hubungan Masyarakat", unit_kerja="Bidang IKP", kebutuhan=6, tersedia=3,
                     program_1="2.16.02"),
                dict(jabatan="Kepala Bidang Aptika", unit_kerja="Bidang Aptika", kebutuhan=1, tersedia=0,
                     program_1="2.16.03"),
                dict(jabatan="Pranata Komputer", unit_kerja="Bidang Aptika", kebutuhan=8, tersedia=4,
                     program_1="2.16.03", program_2="2.16.02"),
            ],
        },
        "sarpras": {
            "Sarpras": [
                dict(uraian="Laptop", hasil_rekon=10, standar=12, kondisi="Baik"),
                dict(uraian="Server", hasil_rekon=2, standar=2, kondisi="Baik"),
                dict(uraian="Kursi Kerja", hasil_rekon=30, standar=20, kondisi="Baik"),
                dict(uraian="Kamera Dokumentasi", hasil_rekon=1, standar=3, kondisi="Rusak Ringan"),
                dict(uraian="Meja Tambahan", hasil_rekon=2, standar=0, kondisi="Baik"),
            ],
        },
    }


# A badan (codes 5.02.xx, 2026): a program supporting two sasaran strategis (R5a), three IKU in two
# sasaran (one negative), notes for an IKU, whole-number and one-decimal indicators (R1a).
B1 = "Meningkatnya akuntabilitas pengelolaan keuangan daerah"
B2 = "Meningkatnya optimalisasi pengelolaan aset daerah"
IKU_KEU = "Nilai kualitas pengelolaan keuangan daerah"
IKU_ASET = "Persentase aset bersertifikat"
IKU_SENGKETA = "Persentase aset dalam sengketa"
DOK_TEPAT = "Persentase dokumen anggaran yang ditetapkan tepat waktu"
ASET_NERACA = "Persentase aset yang tercatat dalam neraca"
LAYANAN = "Persentase layanan administrasi perkantoran terpenuhi"
SERTIFIKAT = "Jumlah bidang tanah yang disertifikatkan"
LAPORAN = "Jumlah laporan keuangan yang disusun"


def badan() -> dict:
    renja = [
        _renja("5.02.01", "Program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", LAYANAN, "%", 100,
               sasaran="Terselenggaranya administrasi perkantoran"),
        _renja("5.02.01.1.02", "Kegiatan", "Administrasi Keuangan Perangkat Daerah", LAPORAN, "laporan", 12,
               sifat="Jumlah"),
        _renja("5.02.01.1.02.0001", "Sub Kegiatan", "Penyediaan Gaji dan Tunjangan ASN", LAPORAN, "laporan", 12,
               sifat="Jumlah"),
        _renja("5.02.02", "Program", "Program Pengelolaan Keuangan Daerah", DOK_TEPAT, "%", 100,
               sasaran="Meningkatnya kualitas perencanaan dan pelaporan keuangan"),
        _renja("5.02.02", "Program", None, ASET_NERACA, "%", D("92.5")),
        _renja("5.02.02.1.01", "Kegiatan", "Koordinasi dan Penyusunan Laporan Keuangan", LAPORAN, "laporan", 2,
               sifat="Jumlah"),
        _renja("5.02.02.1.01.0001", "Sub Kegiatan", "Penyusunan Laporan Keuangan Pemerintah Daerah", LAPORAN,
               "laporan", 2, sifat="Jumlah"),
        _renja("5.02.03", "Program", "Program Pengelolaan Barang Milik Daerah", SERTIFIKAT, "bidang", 40,
               sifat="Jumlah", sasaran="Meningkatnya kepastian hukum aset daerah"),
        _renja("5.02.03.1.01", "Kegiatan", "Pengamanan Barang Milik Daerah", SERTIFIKAT, "bidang", 40,
               sifat="Jumlah"),
        _renja("5.02.03.1.01.0002", "Sub Kegiatan", "Sertifikasi Tanah Milik Pemerintah Daerah", SERTIFIKAT,
               "bidang", 40, sifat="Jumlah"),
    ]
    laporan = [1] * 12
    dua = [0] * 5 + [1] + [0] * 5 + [1]
    bidang = [0, 2, 3, 3, 4, 4, 3, 3, 4, 4, 3, 5]  # Jumlah: 38 of 40 -> 95,00
    kinerja = [
        dict(kode="5.02.01", indikator=LAYANAN, **_months([100] * 12)),
        dict(kode="5.02.01.1.02", indikator=LAPORAN, **_months(laporan)),
        dict(kode="5.02.01.1.02.0001", indikator=LAPORAN, **_months(laporan)),
        dict(kode="5.02.02", indikator=DOK_TEPAT, **_months([None] * 11 + [90])),
        dict(kode="5.02.02", indikator=ASET_NERACA, **_months([None] * 11 + [D("88.8")])),
        dict(kode="5.02.02.1.01", indikator=LAPORAN, **_months(dua)),
        dict(kode="5.02.02.1.01.0001", indikator=LAPORAN, **_months(dua)),
        dict(kode="5.02.03", indikator=SERTIFIKAT, **_months(bidang)),
        dict(kode="5.02.03.1.01", indikator=SERTIFIKAT, **_months(bidang)),
        dict(kode="5.02.03.1.01.0002", indikator=SERTIFIKAT, **_months(bidang)),
    ]
    anggaran = [
        dict(kode="5.02.01.1.02.0001", uraian="Penyediaan Gaji dan Tunjangan ASN", pagu_murni=2_000_000_000,
             **_months([150_000_000] * 12)),  # 1.800.000.000 = 90,00 %
        dict(kode="5.02.02.1.01.0001", uraian="Penyusunan Laporan Keuangan", pagu_murni=800_000_000,
             **_months([50_000_000] * 10 + [100_000_000, 100_000_000])),  # 700.000.000 = 87,50 %
        dict(kode="5.02.03.1.01.0002", uraian="Sertifikasi Tanah", pagu_murni=400_000_000,
             **_months([0] + [30_000_000] * 10 + [80_000_000])),  # 380.000.000 = 95,00 %
    ]
    return {
        "renja": {"Renja": renja},
        "pk": {
            "Identitas": dict(nama_opd="Badan Pengelolaan Keuangan dan Aset Daerah", kabupaten="Kabupaten Lembah Hijau",
                              provinsi="Nusa Tenggara Barat", tahun=2026, kepala_nama="Ir. Made Wirawan, M.M.",
                              kepala_nip="197505052000031002", kepala_pangkat="Pembina Tingkat I (IV/b)",
                              kepala_jabatan="Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
                              pemberi="Bupati Lembah Hijau", tempat_ttd="Lembah Hijau", tanggal_ttd="5 Januari 2026"),
            "Sasaran Strategis": [
                dict(sasaran=B1, indikator=IKU_KEU, satuan="nilai", target=D(80), polaritas="Positif",
                     target_akhir=D(85), formulasi="Nilai evaluasi pengelolaan keuangan",
                     sumber_data="Inspektorat", definisi="Kualitas pengelolaan keuangan daerah"),
                dict(sasaran=B2, indikator=IKU_ASET, satuan="%", target=D(60), polaritas="Positif",
                     target_akhir=D(75), formulasi="Aset bersertifikat / seluruh aset x 100",
                     sumber_data="Bidang Aset", definisi="Aset tanah yang bersertifikat"),
                dict(sasaran=B2, indikator=IKU_SENGKETA, satuan="%", target=D(10), polaritas="Negatif",
                     target_akhir=D(5), formulasi="Aset dalam sengketa / seluruh aset x 100",
                     sumber_data="Bidang Aset", definisi="Aset tanah dalam sengketa"),
            ],
            "Sasaran Program": [
                dict(sasaran_program="Terselenggaranya administrasi perkantoran", kode="5.02.01", indikator=LAYANAN,
                     satuan="%", target=D(100), anggaran=2_000_000_000, sasaran_strategis=B1, target_akhir=D(100)),
                dict(sasaran_program="Meningkatnya kualitas perencanaan dan pelaporan keuangan", kode="5.02.02",
                     indikator=DOK_TEPAT, satuan="%", target=D(100), anggaran=800_000_000, sasaran_strategis=B1,
                     target_akhir=D(100)),
                dict(sasaran_program=None, kode="5.02.02", indikator=ASET_NERACA, satuan="%", target=D("92.5"),
                     sasaran_strategis=B2, target_akhir=D(95)),
                dict(sasaran_program="Meningkatnya kepastian hukum aset daerah", kode="5.02.03", indikator=SERTIFIKAT,
                     satuan="bidang", target=D(40), anggaran=400_000_000, sasaran_strategis=B2,
                     target_akhir=D(200)),
            ],
            "Pengaturan": dict(skala_predikat="Tabel Skala Predikat", metode_negatif="(2T-R)/T",
                               ambang_sangat_menunjang=D(90), ambang_menunjang=D(75), waktu_kerja_efektif=75000,
                               email_bappeda="bappeda@lembahhijau.go.id"),
        },
        "realisasi": {
            "Identitas": dict(tahun=2026),
            "Kinerja": kinerja,
            "IKU": [
                dict(indikator=IKU_KEU, bulan=12, realisasi=D(84), dokumen="LHE Inspektorat 2026"),
                dict(indikator=IKU_ASET, bulan=12, realisasi=D(57), dokumen="Laporan Bidang Aset 2026"),
                dict(indikator=IKU_SENGKETA, bulan=12, realisasi=D(8), dokumen="Laporan Bidang Aset 2026"),
            ],
            "Anggaran": anggaran,
            "Catatan": [
                dict(indikator=IKU_ASET, bulan=12, pendorong="Kerja sama dengan kantor pertanahan",
                     penghambat="Dokumen perolehan tanah lama tidak lengkap", upaya="Penelusuran arsip desa"),
                dict(kode="5.02.03", bulan=12, pendorong="Anggaran sertifikasi cukup"),
            ],
        },
        "abk": {
            "Jabatan": [
                dict(jabatan="Kepala Badan", unit_kerja="Pimpinan", kebutuhan=1, tersedia=1, program_1="5.02.01"),
                dict(jabatan="Sekretaris", unit_kerja="Sekretariat", kebutuhan=1, tersedia=1, program_1="5.02.01"),
                dict(jabatan="Analis Keuangan", unit_kerja="Bidang Akuntansi", kebutuhan=6, tersedia=3,
                     program_1="5.02.02"),
                dict(jabatan="Pengurus Barang", unit_kerja="Bidang Aset", kebutuhan=4, tersedia=2,
                     program_1="5.02.03"),
                dict(jabatan="Analis Aset", unit_kerja="Bidang Aset", kebutuhan=3, tersedia=1, program_1="5.02.02",
                     program_2="5.02.03"),
            ],
        },
        "sarpras": {
            "Sarpras": [
                dict(uraian="Laptop", hasil_rekon=10, standar=12, kondisi="Baik"),
                dict(uraian="Kursi Kerja", hasil_rekon=30, standar=20, kondisi="Baik"),
                dict(uraian="Lemari Arsip", hasil_rekon=5, standar=5, kondisi="Baik"),
            ],
        },
    }


def write_office(folder: Path, data: dict, edit=None) -> Path:
    """Write the five workbooks of ``data`` (after ``edit(data)``, on a copy) into ``folder``."""
    data = copy.deepcopy(data)
    if edit:
        edit(data)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for spec in S.WORKBOOKS:
        write_workbook(spec, folder / spec.filename, data.get(spec.kind, {}))
    return folder
