"""Every figure of golden-bareng-2024.md "Figures the program must show", table by table,
and every row of "Where the source report is wrong" pinned to its correct value."""

from __future__ import annotations

from conftest import D, find, total

AKIP = "Nilai Evaluasi AKIP"
IKPP = "Indeks Kualitas Pelayanan Publik"


def test_counts(result12):
    renja = result12.data.renja.frame.drop_duplicates("kode")
    assert (renja["level"] == "Program").sum() == 6
    assert (renja["level"] == "Kegiatan").sum() == 12
    subs = renja[renja["level"] == "Sub Kegiatan"]
    assert len(subs) == 26  # 25 + "Pengadaan Gedung Kantor" with no target
    t33 = result12.tables["3.3"]
    assert (t33.frame["kind"] == "sub").sum() == 25
    assert "Pengadaan Gedung Kantor" in " ".join(str(u) for u in result12.tables["2.1"].frame["uraian"])
    assert "Pengadaan Gedung Kantor" not in " ".join(str(u) for u in t33.frame["uraian"])


def test_2_2_total_anggaran(result12):
    assert total(result12.tables["2.2"])["anggaran"] == 2_876_885_603  # report: 2.580.595.912 (wrong)


def test_3_1(result12):
    t = result12.tables["3.1"]
    assert find(t, indikator=AKIP)["capaian"] == D("99.04")
    assert find(t, indikator=IKPP)["capaian"] == D("101.37")
    assert total(t)["capaian"] == D("100.21")  # float rounding would give 100.20


def test_3_2_classification(result12):
    t = result12.tables["3.2"]
    assert find(t, uraian="Melampaui target")["jumlah"] == 1
    assert find(t, uraian="Sesuai target")["jumlah"] == 0
    assert find(t, uraian="Tidak mencapai target")["jumlah"] == 1  # report: both "melampaui" (wrong)
    assert find(t, uraian="Indeks Kualitas")["capaian"] == D("101.37")
    assert find(t, uraian="Nilai Evaluasi AKIP")["capaian"] == D("99.04")
    assert total(t)["capaian"] == D("100.21")
    # the IKPP row sits under "Melampaui", AKIP under "Tidak mencapai"
    kinds = list(zip(t.frame["kind"], t.frame["uraian"]))
    assert kinds.index(("group", "Melampaui target")) + 1 == [u for _, u in kinds].index(
        next(u for _, u in kinds if str(u).startswith("Indeks")))


def test_3_3(result12):
    t = result12.tables["3.3"]
    gaji = find(t, indikator="Jumlah Orang yang Menerima Gaji")
    assert (gaji["target"], gaji["realisasi"], gaji["capaian"]) == (16, D("15.00"), D("93.75"))
    pd_ = find(t, indikator="Jumlah Paket Pakaian Dinas")
    assert (pd_["target"], pd_["realisasi"], pd_["capaian"]) == (22, 20, D("90.91"))
    paten = find(t, indikator="Nilai Paten Kecamatan")
    assert (paten["target"], paten["realisasi"], paten["capaian"]) == (D("94.75"), D("87.63"), D("92.49"))
    others = t.frame[~t.frame["indikator"].isin([gaji["indikator"], pd_["indikator"], paten["indikator"]])]
    assert len(others) == len(t.frame) - 3
    assert set(others["capaian"]) == {D("100.00")}


def test_3_4(result12):
    t = result12.tables["3.4"]
    akip, ikpp = find(t, indikator=AKIP), find(t, indikator=IKPP)
    assert (akip["t0"], akip["r2"], akip["r1"], akip["r0"]) == (D("74.30"), D("72.12"), D("74.24"), D("73.59"))
    assert (ikpp["t0"], ikpp["r2"], ikpp["r1"], ikpp["r0"]) == (D("8.05"), D("6.719"), D("8.02"), D("8.16"))
    # R18: this year's capaian beside the realisasi; the report gives no earlier targets, so no earlier
    # capaian and no change in poin (never a figure made up)
    assert (akip["c0"], ikpp["c0"]) == (D("99.04"), D("101.37"))
    assert (akip["t1"], akip["c1"], akip["perubahan"]) == ("n/a", "n/a", "-")


def test_3_5_years_side_by_side_and_year_n_target(result12):
    t = result12.tables["3.5"]
    sections = [u for k, u in zip(t.frame["kind"], t.frame["uraian"]) if k == "section"]
    assert sections == ["Indikator tahun 2022-2023 yang tidak ada pada Renja 2024"]
    start = t.frame.index[t.frame["kind"] == "section"][0]
    n = t.frame.loc[:start]
    row = n[n["indikator"].str.startswith("Jumlah Laporan Peningkatan Efektifitas Pelaksanaan", na=False)].iloc[0]
    assert row["target"] == 12  # report: 4 laporan (wrong)
    assert row["r0"] == 12 and row["r2"] == "n/a" and row["r1"] == "n/a"
    # R18: an indicator of 2023 and 2024 is one row, its years side by side
    paten = n[n["indikator"] == "Nilai Paten Kecamatan"].iloc[0]
    assert (paten["r2"], paten["r1"], paten["r0"]) == ("n/a", D("94.69"), D("87.63"))
    # "Kabupaten/ kota" in Riwayat is the same program as "Kabupaten/Kota" in Renja
    aparatur = n[n["indikator"] == "Persentase rata-rata capaian kinerja aparatur"].iloc[0]
    assert (aparatur["r2"], aparatur["r1"], aparatur["r0"]) == (100, 100, 100)
    # an indicator of earlier years only keeps its row, n/a in 2024
    rest = t.frame.loc[start:]
    gone = rest[rest["indikator"] == "Jumlah Pemenuhan jenis Pelayanan Umum"].iloc[0]
    assert (gone["r2"], gone["r1"], gone["r0"]) == (2, "n/a", "n/a")


def test_3_6(result12):
    t = result12.tables["3.6"]
    akip, ikpp = find(t, indikator=AKIP), find(t, indikator=IKPP)
    assert (akip["realisasi"], akip["kemajuan"]) == (D("73.59"), D("100.12"))  # report prints 71,59
    assert (ikpp["realisasi"], ikpp["kemajuan"]) == (D("8.16"), D("120.00"))  # report prints 8,05
    assert total(t)["kemajuan"] == D("110.06")


def test_3_7(result12):
    t = result12.tables["3.7"]
    paten = find(t, indikator="Nilai Paten")
    assert (paten["realisasi"], paten["target_akhir"], paten["kemajuan"]) == (D("87.63"), D("85.5"), D("102.49"))
    rows = t.frame[t.frame["kind"] == "program"]
    assert len(rows) == 7
    assert sorted(rows["kemajuan"]) == [D("100.00")] * 6 + [D("102.49")]
    assert total(t)["kemajuan"] == D("100.36")


def test_3_8(result12):
    t = result12.tables["3.8"]
    akip, ikpp = find(t, indikator=AKIP), find(t, indikator=IKPP)
    assert (akip["d_kabupaten"], akip["d_provinsi"], akip["d_nasional"]) == (D("1.26"), D("-10.60"), D("9.36"))
    assert (ikpp["d_kabupaten"], ikpp["d_provinsi"]) == (D("-0.29"), D("-0.95"))
    assert ikpp["nasional"] == "-" and ikpp["d_nasional"] == "-"


def test_3_9(result12):
    t = result12.tables["3.9"]
    paten = find(t, indikator="Nilai Paten")
    assert (paten["kabupaten"], paten["d_kabupaten"]) == (D("86.02"), D("1.61"))
    assert paten["ket"] == "Tidak ditemukan hasil Provinsi dan Nasional"


def test_3_10(result12):
    t = result12.tables["3.10"]
    prog = find(t, uraian="Program: Penunjang")
    assert (prog["realisasi_anggaran"], prog["capaian_anggaran"]) == (2_427_729_885, D("89.32"))
    keu = find(t, uraian="Kegiatan: Administrasi Keuangan")
    assert (keu["realisasi_anggaran"], keu["capaian_anggaran"]) == (2_051_498_991, D("88.44"))
    gaji = find(t, uraian="Sub Kegiatan: Penyediaan Gaji")
    assert (gaji["realisasi_anggaran"], gaji["capaian_anggaran"]) == (1_974_870_391, D("88.05"))
    for prefix in ("Program: Koordinasi Ketentraman", "Kegiatan: Koordinasi Penerapan", "Sub Kegiatan: Koordinasi/Sinergi"):
        row = find(t, uraian=prefix)
        assert (row["realisasi_anggaran"], row["capaian_anggaran"]) == (28_302_800, D("99.84"))  # report: 98,84
    assert set(t.frame["menunjang"]) == {"Sangat Menunjang"}


def test_3_10_every_printed_budget_percent(result12):
    """Sub Kegiatan pagu were chosen so that the report's printed % come out (golden: 'Inputs')."""
    printed = {
        "Sub Kegiatan: Penyusunan Dokumen": ("99.61", 2_994_800), "Sub Kegiatan: Koordinasi dan Penyusunan Laporan Capaian": ("96.29", 758_350),
        "Kegiatan: Perencanaan": ("98.92", 3_753_150), "Sub Kegiatan: Pelaksanaan Penatausahaan": ("100.00", 75_678_000),
        "Sub Kegiatan: Koordinasi dan Penyusunan Laporan Keuangan": ("98.75", 950_600),
        "Kegiatan: Administrasi Kepegawaian": ("89.47", 10_200_000), "Sub Kegiatan: Pengadaan Pakaian": ("89.47", 10_200_000),
        "Sub Kegiatan: Penyediaan Komponen": ("99.40", 3_328_400), "Sub Kegiatan: Penyediaan Peralatan": ("99.70", 15_008_500),
        "Sub Kegiatan: Penyediaan Bahan Logistik": ("87.61", 48_857_500), "Sub Kegiatan: Penyediaan Barang Cetakan": ("99.60", 4_847_800),
        "Sub Kegiatan: Penyediaan Bahan Bacaan": ("76.53", 1_800_000), "Sub Kegiatan: Penyelenggaraan Rapat": ("99.99", 18_513_894),
        "Kegiatan: Pengadaan Barang": ("94.07", 103_395_000), "Sub Kegiatan: Pengadaan Sarana": ("94.07", 103_395_000),
        "Kegiatan: Penyediaan Jasa": ("94.32", 86_797_203), "Sub Kegiatan: Penyediaan Jasa Komunikasi": ("89.01", 35_248_507),
        "Sub Kegiatan: Penyediaan Jasa Pelayanan": ("98.34", 51_548_696), "Kegiatan: Pemeliharaan": ("97.92", 79_729_447),
        "Sub Kegiatan: Penyediaan Jasa Pemeliharaan": ("96.30", 43_239_947), "Sub Kegiatan: Pemeliharaan/Rehabilitasi Gedung": ("99.91", 27_769_500),
        "Sub Kegiatan: Pemeliharaan/Rehabilitasi Sarana": ("99.89", 8_720_000),
        "Program: Penyelenggaraan Pemerintahan": ("98.30", 6_433_250), "Kegiatan: Penyelenggaraan Urusan Pemerintahan yang": ("98.30", 6_433_250),
        "Program: Penyelenggaraan Urusan Pemerintahan Umum": ("98.24", 71_386_900),
        "Sub Kegiatan: Pembinaan Persatuan": ("99.84", 25_510_000), "Sub Kegiatan: Pelaksanaan Tugas Forum": ("97.37", 45_876_900),
        "Program: Pembinaan dan Pengawasan": ("98.14", 15_553_200), "Sub Kegiatan: Fasilitasi Pengelolaan": ("98.14", 15_553_200),
        "Program: Pemberdayaan": ("97.57", 34_629_800), "Sub Kegiatan: Peningkatan Partisipasi": ("99.77", 15_245_000),
        "Sub Kegiatan: Peningkatan Efektivitas Kegiatan Pemberdayaan": ("95.91", 19_384_800),
    }
    t = result12.tables["3.10"]
    for prefix, (pct, real) in printed.items():
        row = find(t, uraian=prefix)
        assert (row["capaian_anggaran"], row["realisasi_anggaran"]) == (D(pct), real), prefix
    # The one the report's own figures make impossible: its six Sub Kegiatan % force 92,45, not 92,46.
    umum = find(t, uraian="Kegiatan: Administrasi Umum")
    assert (umum["realisasi_anggaran"], umum["capaian_anggaran"]) == (92_356_094, D("92.45"))


def test_pk_pagu_equals_sub_kegiatan_sum(result12):
    b = result12.period.budget
    expected = {"7.01.01": 2_717_989_953, "7.01.02": 6_544_350, "7.01.05": 72_664_350, "7.01.04": 28_348_050,
                "7.01.06": 15_848_200, "7.01.03": 35_490_700}
    assert {k: b.loc[k, "pagu"] for k in expected} == expected
    pk = {r.kode: r.anggaran for r in result12.data.pk_program.frame.itertuples() if r.anggaran}
    assert pk == expected


def test_3_11(result12):
    t = result12.tables["3.11"]
    akip, ikpp = find(t, indikator=AKIP), find(t, indikator=IKPP)
    assert (akip["anggaran"], akip["persen"]) == (2_717_989_953, D("89.32"))
    assert (ikpp["anggaran"], ikpp["persen"]) == (158_895_650, D("98.37"))
    assert (total(t)["anggaran"], total(t)["persen"]) == (2_876_885_603, D("89.82"))


def test_3_12(result12):
    t = result12.tables["3.12"]
    assert find(t, indikator=AKIP)["realisasi_anggaran"] == 2_427_729_885
    assert find(t, indikator=IKPP)["realisasi_anggaran"] == 156_305_950
    tot = total(t)
    assert (tot["realisasi_anggaran"], tot["silpa"], tot["capaian"]) == (2_584_035_835, 292_849_768, D("100.21"))


def test_3_13(result12):
    t = result12.tables["3.13"]
    assert total(t)["capaian"] == D("98.93")  # 7 indicators, not 6 programs
    expected = {"Program Penyelenggaraan Pemerintahan": "98.30", "Program Penyelenggaraan Urusan": "98.24",
                "Program Koordinasi": "99.84", "Program Pemberdayaan": "97.57", "Program Pembinaan": "98.14",
                "Program Penunjang": "89.32"}
    for prefix, pct in expected.items():
        assert find(t, program=prefix)["capaian_anggaran"] == D(pct)


def test_3_14(result12):
    t = result12.tables["3.14"]
    assert find(t, indikator=AKIP)["efisiensi"] == D("9.72")
    assert find(t, indikator=IKPP)["efisiensi"] == D("3.00")
    tot = total(t)
    assert (tot["capaian"], tot["penyerapan"], tot["efisiensi"]) == (D("100.21"), D("89.82"), D("10.39"))  # report: 1,39


def test_3_15(result12):
    t = result12.tables["3.15"]
    akip, ikpp, tot = find(t, indikator=AKIP), find(t, indikator=IKPP), total(t)
    cols = ["kebutuhan", "tersedia", "persen_sdm", "efisiensi"]
    assert [akip[c] for c in cols] == [18, 6, D("33.33"), D("65.71")]
    assert [ikpp[c] for c in cols] == [22, 8, D("36.36"), D("65.01")]  # report: 9 tersedia
    assert [tot[c] for c in cols] == [40, 14, D("35.00"), D("65.21")]


def test_3_16(result12):
    t = result12.tables["3.16"]
    cols = ["kebutuhan", "tersedia", "persen_sdm", "efisiensi"]
    expected = {
        "Program Penunjang": [18, 6, "33.33", "66.67"],  # report: 65,71 (copied from 3.15)
        "Program Penyelenggaraan Pemerintahan": [7, 4, "57.14", "35.35"],
        "Program Penyelenggaraan Urusan": [4, 1, "25.00", "75.00"],
        "Program Koordinasi": [7, 2, "28.57", "71.43"],
        "Program Pemberdayaan": [4, 1, "25.00", "75.00"],
        "Program Pembinaan": [7, 4, "57.14", "42.86"],
    }
    for prefix, (need, have, pct, eff) in expected.items():
        row = find(t, program=prefix)
        assert [row[c] for c in cols] == [need, have, D(pct), D(eff)], prefix
    tot = total(t)
    assert [tot[c] for c in cols] + [tot["capaian"]] == [40, 14, D("35.00"), D("63.93"), D("98.93")]  # report: 65,21


def test_3_17(result12):
    t = result12.tables["3.17"]
    assert (t.frame["kind"] == "item").sum() == 74
    tot = total(t)
    assert (tot["dihitung"], tot["standar"], tot["persen"]) == (253, 287, D("88.15"))
    assert find(t, uraian="Meja Rapat")["persen"] == D("42.86")
    assert find(t, uraian="Meja Tambahan")["persen"] == "-"  # standar 0


def test_3_18(result12):
    t = result12.tables["3.18"]
    assert find(t, indikator=AKIP)["efisiensi"] == D("10.89")
    assert find(t, indikator=IKPP)["efisiensi"] == D("13.22")  # unrounded arithmetic gives 13,21
    assert total(t)["efisiensi"] == D("12.06")


def test_example_has_only_its_akip_warning(result12):
    # its source's LHE says 73,59 (the IKU's realisasi) where its components add up to 73,55
    assert [(i.code, i.workbook, i.sheet) for i in result12.issues] == [("nilai-sakip-beda", "Realisasi.xlsx", "IKU")]


def test_ikpp_supporting_calculation(result12):
    """golden 'Also': IKM per layanan = mean of 9 unsur; unit IKM = mean of layanan;
    IKPP = 1,25 x IKM/25 + IPP = 1,25 x 3,8444 + 3,35 = 8,1555 -> 8,16 (half-up)."""
    from lkjip_xls.kinerja.tabel import lampiran_ikpp

    t = lampiran_ikpp(result12.data, result12.period)
    assert find(t, uraian="Fasilitasi KTP Elektronik")["nilai"] == D("95.07")
    assert find(t, uraian="IKM unit")["nilai"] == D("96.11")
    assert find(t, uraian="IKM non konversi")["nilai"] == D("3.8444")
    assert find(t, uraian="IKPP")["nilai"] == D("8.16")
    # The report prints 96,3 for Surat Keterangan Lainnya; its nine printed unsur average 96,29.
    assert find(t, uraian="Fasilitasi Surat Keterangan")["nilai"] == D("96.29")
