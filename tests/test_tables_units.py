"""Table behaviour on small edits of the example (issue 3's unit cases)."""

from __future__ import annotations

from decimal import Decimal as D

from conftest import find, make_folder, row_of, total

from lkjip_xls.api import analyse

IKPP = "Indeks Kualitas Pelayanan Publik"
AKIP = "Nilai Evaluasi AKIP"


def _neg(method):
    def edit(data):
        for name in (AKIP, IKPP):
            row_of(data["pk"]["Sasaran Strategis"], indikator=name)["polaritas"] = "Negatif"
        data["pk"]["Pengaturan"]["metode_negatif"] = method
    return edit


def test_negative_polarity_default_method(tmp_path):
    r = analyse(make_folder(tmp_path, _neg("(2T-R)/T")), 12)
    t = r.tables["3.1"]
    # (2 x 74,30 - 73,59) / 74,30 x 100 = 100,955... -> 100,96
    assert find(t, indikator=AKIP)["capaian"] == D("100.96")
    # where the two methods differ: (2 x 8,05 - 8,16) / 8,05 = 0,986335... -> 98,63 (T/R would give 98,65)
    assert find(t, indikator=IKPP)["capaian"] == D("98.63")
    # R16: target 0 is met only by realisasi 0, in Excel as in the program
    assert t.formulas[(0, "capaian")] == ("IF({target}=0,IF({realisasi}<=0,100,0),"
                                          "MAX(ROUND((2*{target}-{realisasi})/{target}*100,2),0))")


def test_negative_polarity_t_over_r(tmp_path):
    r = analyse(make_folder(tmp_path, _neg("T/R")), 12)
    assert find(r.tables["3.1"], indikator=AKIP)["capaian"] == D("100.96")  # 74,30/73,59 = 1,00965
    assert find(r.tables["3.1"], indikator=IKPP)["capaian"] == D("98.65")  # 8,05 / 8,16 = 0,986519...
    assert r.tables["3.1"].formulas[(0, "capaian")] == ("IF({target}=0,IF({realisasi}<=0,100,0),"
                                                        "ROUND({target}/{realisasi}*100,2))")


def test_zero_and_missing_target(tmp_path):
    def edit(data):
        row_of(data["renja"]["Renja"], indikator="Jumlah Dokumen Perencanaan")["target_renja"] = D(0)
        row_of(data["pk"]["Sasaran Strategis"], indikator=AKIP)["target"] = D(0)
    r = analyse(make_folder(tmp_path, edit), 12)
    assert r.ok
    assert find(r.tables["3.3"], indikator="Jumlah Dokumen Perencanaan")["capaian"] == "-"
    assert find(r.tables["3.1"], indikator=AKIP)["capaian"] == "-"
    assert total(r.tables["3.1"])["capaian"] == D("101.37")  # the mean of what is shown
    assert any(i.code == "target-nol" for i in r.issues)


def test_accumulation_at_month_3(result12, example_dir):
    r = analyse(example_dir, 3)
    t = r.tables["3.3"]
    assert find(t, indikator="Jumlah Orang yang Menerima Gaji")["realisasi"] == D("15.00")  # Rata-rata
    assert find(t, indikator="Jumlah Laporan Penyediaan Jasa Komunikasi")["realisasi"] == 9  # Jumlah 3+3+3
    assert find(t, indikator="Jumlah Desa yang melaporkan")["realisasi"] == 13  # Terakhir
    assert find(t, indikator="Nilai Paten")["realisasi"] == "belum ada data"  # published in November
    assert find(t, indikator="Nilai Paten")["capaian"] == "-"


def test_jabatan_supporting_two_programs_under_two_sasaran(tmp_path):
    def edit(data):
        for r in data["abk"]["Jabatan"]:
            if r["unit_kerja"] == "Seksi Tata Pemerintahan":
                r["program_3"] = "7.01.01"  # now also supports Penunjang (AKIP) besides PATEN/Pemdes (IKPP)
    r = analyse(make_folder(tmp_path, edit), 12)
    t15 = r.tables["3.15"]
    assert [find(t15, indikator=AKIP)[c] for c in ("kebutuhan", "tersedia")] == [25, 10]
    assert [find(t15, indikator="Indeks")[c] for c in ("kebutuhan", "tersedia")] == [22, 8]
    assert [total(t15)[c] for c in ("kebutuhan", "tersedia")] == [40, 14]  # each jabatan once
    t16 = r.tables["3.16"]
    assert find(t16, program="Program Penunjang")["kebutuhan"] == 25
    assert total(t16)["kebutuhan"] == 40


def test_sarpras_surplus_does_not_hide_shortage(tmp_path):
    def edit(data):
        row_of(data["sarpras"]["Sarpras"], uraian="Sepeda Motor")["hasil_rekon"] = 30  # standar 22
    r = analyse(make_folder(tmp_path, edit), 12)
    tot = total(r.tables["3.17"])
    assert (tot["rekon"], tot["dihitung"], tot["standar"], tot["persen"]) == (261, 253, 287, D("88.15"))
    assert find(r.tables["3.17"], uraian="Sepeda Motor")["persen"] == D("136.36")


def test_target_changed_in_renja_perubahan(result12):
    t = result12.tables["2.1"]
    row = find(t, indikator="Jumlah Unit Sarana dan Prasarana Gedung")
    assert (row["target_renja"], row["target_perubahan"], row["selisih"]) == (7, 58, 51)
    # 3.3 uses the Perubahan target
    assert find(result12.tables["3.3"], indikator="Jumlah Unit Sarana dan Prasarana Gedung")["target"] == 58
    unchanged = find(t, indikator="Jumlah Dokumen Perencanaan")
    assert unchanged["selisih"] == 0  # shown as "-" by the number format


def test_program_in_pk_missing_from_renja(tmp_path):
    def edit(data):
        data["pk"]["Sasaran Program"].append(dict(sasaran_program="Baru", kode="7.01.09", indikator="X", satuan="%",
                                                  target=D(100), anggaran=1000,
                                                  sasaran_strategis="Meningkatnya Kualitas Layanan Publik"))
    r = analyse(make_folder(tmp_path, edit), 12)
    found = [(i.workbook, i.sheet, i.cell, i.code) for i in r.issues if i.is_error]
    assert ("PK.xlsx", "Sasaran Program", "B11", "program-tidak-di-renja") in found
    assert not r.tables  # errors stop the tables


def test_pk_target_differs_from_renja(tmp_path):
    def edit(data):
        row_of(data["pk"]["Sasaran Program"], indikator="Nilai Paten")["target"] = D("95")
    r = analyse(make_folder(tmp_path, edit), 12)
    hits = [(i.sheet, i.cell, i.code) for i in r.issues]
    assert ("Sasaran Program", "E5", "target-pk-beda") in hits


def test_pk_anggaran_differs_from_sub_kegiatan_pagu(tmp_path):
    def edit(data):
        row_of(data["pk"]["Sasaran Program"], kode="7.01.04")["anggaran"] = 28_000_000
    r = analyse(make_folder(tmp_path, edit), 12)
    assert ("Sasaran Program", "F8", "anggaran-pk-beda") in [(i.sheet, i.cell, i.code) for i in r.issues]
