"""Indicators as real offices write them (spec section 11, R13-R21), on offices of our own built
through the templates. Expected figures are worked by hand in the comments, never by the table code."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import find
from offices import HOAKS, IKU_ADUAN, IKU_KIP, IKU_SPBE, KEPUASAN, kominfo, write_office

from lkjip_xls.api import analyse

APLIKASI = "Jumlah aplikasi yang dikembangkan"


def _kinerja_row(data, kode, indikator):
    return next(r for r in data["realisasi"]["Kinerja"] if r["kode"] == kode and r["indikator"] == indikator)


def _renja_row(data, kode, indikator):
    return next(r for r in data["renja"]["Renja"] if r["kode"] == kode and r["indikator"] == indikator)


# R19: a blank Sifat Realisasi is never a silent Terakhir when that changes the figure ---------------------

def test_r19_blank_sifat_with_months_that_disagree_stops_and_shows_the_three(tmp_path):
    def edit(data):
        _renja_row(data, "2.16.03.2.01", APLIKASI)["sifat"] = None  # months 0,0,1,0,0,1,0,0,1,0,0,2

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert not r.ok
    blank = [i for i in r.issues if i.code == "sifat-kosong"]
    assert len(blank) == 1 and blank[0].is_error
    assert (blank[0].workbook, blank[0].sheet) == ("Renja.xlsx", "Renja")
    assert blank[0].cell.startswith("J")  # the Sifat Realisasi column of that row
    # Jumlah 1+1+1+2 = 5; Rata-rata 5 / 12 months reported = 0,4166 -> 0,42; Terakhir 2 (December)
    assert "Jumlah 5, Rata-rata 0,42, Terakhir 2" in blank[0].message


def test_r19_blank_sifat_with_one_month_is_terakhir_without_a_word(tmp_path):
    def edit(data):
        _renja_row(data, "2.16.03.2.01", APLIKASI)["sifat"] = None
        _kinerja_row(data, "2.16.03.2.01", APLIKASI).update({f"m{i}": None for i in range(1, 12)})

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok and not [i for i in r.issues if i.code == "sifat-kosong"]
    row = find(r.tables["3.3"], indikator=APLIKASI, uraian="Kegiatan")
    assert (row["realisasi"], row["capaian"]) == (2, D("33.33"))  # 2 / 6


# R16: zero targets ---------------------------------------------------------------------------------------

def _iku_row(data, name):
    return next(r for r in data["pk"]["Sasaran Strategis"] if r["indikator"] == name)


def _iku_real(data, name):
    return next(r for r in data["realisasi"]["IKU"] if r["indikator"] == name)


def test_r16_negatif_target_zero_is_met_only_by_zero(tmp_path):
    def edit(data):
        _iku_row(data, IKU_ADUAN)["target"] = D(0)  # aduan not resolved: target 0, realisasi 4

    r = analyse(write_office(tmp_path / "a", kominfo(), edit), 12)
    t = r.tables["3.1"]
    assert find(t, indikator=IKU_ADUAN)["capaian"] == D("0.00")
    assert any("target 0" in n and IKU_ADUAN in n for n in t.notes)
    assert not [i for i in r.issues if i.code == "target-nol"]  # a Negatif 0 is a target, not a mistake

    def met(data):
        edit(data)
        _iku_real(data, IKU_ADUAN)["realisasi"] = D(0)

    r = analyse(write_office(tmp_path / "b", kominfo(), met), 12)
    assert find(r.tables["3.1"], indikator=IKU_ADUAN)["capaian"] == D("100.00")
    # 3.2: 104,00 and 100,00 and 95,00 -> one each in melampaui / sesuai / tidak mencapai
    assert find(r.tables["3.2"], uraian="Sesuai target")["jumlah"] == 1


def test_r16_positif_iku_target_zero_is_said_and_filed_with_its_reason(tmp_path):
    def edit(data):
        _iku_row(data, IKU_SPBE)["target"] = D(0)

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    zero = [i for i in r.issues if i.code == "target-nol"]
    assert len(zero) == 1 and (zero[0].workbook, zero[0].sheet) == ("PK.xlsx", "Sasaran Strategis")
    assert zero[0].cell[0] == "D" or zero[0].cell[0].isalpha()
    t = r.tables["3.2"]
    assert find(t, uraian="Belum dapat diklasifikasi")["jumlah"] == 1
    row = find(t, uraian=IKU_SPBE)
    assert row["uraian"].endswith(": target 0")
    assert not any("belum ada data" in str(u) for u in t.frame["uraian"])


# R15: not available --------------------------------------------------------------------------------------

def test_r15_iku_not_available_is_n_a_with_a_warning_asking_for_the_reason(tmp_path):
    def edit(data):
        _iku_real(data, IKU_KIP)["realisasi"] = "Tidak Tersedia"

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok
    row = find(r.tables["3.1"], indikator=IKU_KIP)
    assert (row["realisasi"], row["capaian"]) == ("n/a", "-")
    na = [i for i in r.issues if i.code == "tidak-tersedia"]
    assert len(na) == 1 and (na[0].workbook, na[0].sheet) == ("Realisasi.xlsx", "IKU") and not na[0].is_error
    assert "Catatan" in na[0].action and "Faktor Penghambat" in na[0].action
    assert find(r.tables["3.2"], uraian=IKU_KIP)["uraian"].endswith(": realisasi tidak tersedia")
    assert not [i for i in r.issues if i.code == "iku-belum-ada"]
    # the average is over the IKU that have a capaian: (120 + 95) / 2
    assert r.tables["3.1"].frame.iloc[-1]["capaian"] == D("107.50")


def test_r15_with_a_catatan_the_warning_says_where_the_reason_comes_from(tmp_path):
    def edit(data):
        _iku_real(data, IKU_KIP)["realisasi"] = "n/a"
        data["realisasi"]["Catatan"] = [dict(indikator=IKU_KIP, bulan=12,
                                             penghambat="Hasil monev KIP provinsi belum diumumkan")]

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    na = [i for i in r.issues if i.code == "tidak-tersedia"]
    assert len(na) == 1 and "diambil dari Catatan" in na[0].action


def test_r15_kinerja_months_not_available(tmp_path):
    def edit(data):
        _kinerja_row(data, "2.16.02", KEPUASAN).update(m6="n/a", m12="belum tersedia")

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok
    row = find(r.tables["3.3"], indikator=KEPUASAN)
    assert (row["realisasi"], row["capaian"]) == ("n/a", "-")
    na = [i for i in r.issues if i.code == "tidak-tersedia"]
    assert len(na) == 1 and na[0].sheet == "Kinerja" and "Juni, Desember" in na[0].message


def test_r15_n_a_stays_an_error_where_a_number_is_required(tmp_path):
    def edit(data):
        _iku_row(data, IKU_KIP)["target"] = "n/a"

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert not r.ok and any(i.is_error and i.sheet == "Sasaran Strategis" for i in r.issues)


# R17: an IKU that is a share of a count ------------------------------------------------------------------

def test_r17_iku_from_pembilang_and_penyebut(tmp_path):
    def edit(data):
        data["realisasi"]["IKU"] = [r for r in data["realisasi"]["IKU"] if r["indikator"] != IKU_KIP]
        data["realisasi"]["Pembilang Penyebut"] = [
            dict(kode=None, indikator=IKU_KIP, bulan=6, pembilang=D(5), penyebut=D(9)),
            dict(kode=None, indikator=IKU_KIP, bulan=11, pembilang=D(6), penyebut=D(9))]

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok
    row = find(r.tables["3.1"], indikator=IKU_KIP)
    # 6 / 9 x 100 = 66,666.. -> 66,67 (R1); 66,67 / 85 x 100 = 78,435.. -> 78,44
    assert (row["realisasi"], row["capaian"]) == (D("66.67"), D("78.44"))
    # in June: 5 / 9 = 55,56 -> 55,56 / 85 = 65,36
    r6 = analyse(tmp_path / "data", 6)
    assert find(r6.tables["3.1"], indikator=IKU_KIP)["capaian"] == D("65.36")


def test_r17_a_pembilang_row_naming_no_iku_is_said(tmp_path):
    def edit(data):
        data["realisasi"]["Pembilang Penyebut"] = [
            dict(kode=None, indikator="Persentase desa tertib adminduk", bulan=6, pembilang=D(5), penyebut=D(9))]

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    said = [i for i in r.issues if i.code == "pembilang-tidak-dikenal"]
    assert len(said) == 1 and said[0].sheet == "Pembilang Penyebut"


# R20: a provincial office ----------------------------------------------------------------------------------

BIRO = "Biro Organisasi Sekretariat Daerah Provinsi Sumatera Utara"


def provincial(data):
    data["pk"]["Identitas"].update(nama_opd=BIRO, kabupaten="Provinsi Sumatera Utara", provinsi=None,
                                   kepala_jabatan="Kepala Biro Organisasi", pemberi="Gubernur Sumatera Utara",
                                   pemberi_nama="Dr. H. Rahmat Hidayat, M.Si.", tempat_ttd="Medan",
                                   tanggal_ttd="15 Januari 2025")


def test_r20_a_provincial_office_is_named_once_and_signed_as_typed(tmp_path):
    import io

    import docx
    from python_calamine import CalamineWorkbook

    from lkjip_xls.report import report_bytes
    from lkjip_xls.writer import write_results

    r = analyse(write_office(tmp_path / "data", kominfo(), provincial), 12)
    assert r.ok
    path = tmp_path / "hasil.xlsx"
    write_results(r, path)
    wb = CalamineWorkbook.from_path(str(path))
    heads = [wb.get_sheet_by_name(n).to_python()[2][0] for n in ("Tabel 3.1", "Tabel 3.3")]
    heads.append(wb.get_sheet_by_name("Ringkasan").to_python()[1][0])
    for head in heads:
        assert head.startswith(f"{BIRO} — Tahun 2025"), head
    text = [p.text for p in docx.Document(io.BytesIO(report_bytes(r))).paragraphs]
    assert sum("PROVINSI SUMATERA UTARA" in t for t in text[:8]) == 1  # the cover says it once, in the name
    assert not any("Sumatera Utara, Provinsi Sumatera Utara" in t for t in text)
    body = "\n".join(text)
    cells = "\n".join(c.text for t in docx.Document(io.BytesIO(report_bytes(r))).tables
                      for row in t.rows for c in row.cells)
    signed = body + "\n" + cells
    assert "GUBERNUR SUMATERA UTARA" in signed and "Dr. H. Rahmat Hidayat, M.Si." in signed
    assert "Medan, 15 Januari 2025" in signed


def test_r20_old_headers_of_identitas_are_still_read(tmp_path):
    from fixtures import set_cells

    folder = write_office(tmp_path / "data", kominfo())
    set_cells(folder / "PK.xlsx", "Identitas", {"A5": "Kabupaten/Kota"})
    r = analyse(folder, 12)
    assert r.ok and r.data.region == "Kabupaten Sukamaju"


# R21: a sub kegiatan with money and no indicator target ---------------------------------------------------

DIGITAL = "Pengelolaan Media Komunikasi Digital"


def with_untargeted_sub(data):
    data["renja"]["Renja"].insert(7, dict(kode="2.16.02.2.01.0002", level="Sub Kegiatan", uraian=DIGITAL,
                                          indikator="Jumlah kanal media digital yang dikelola", satuan="kanal",
                                          target_renja=None, polaritas="Positif", sifat="Terakhir"))
    data["realisasi"]["Anggaran"].append(dict(kode="2.16.02.2.01.0002", uraian=DIGITAL, pagu_murni=100_000_000,
                                              **{f"m{i}": 5_000_000 for i in range(1, 13)}))


def test_r21_untargeted_sub_kegiatan_keeps_its_budget_everywhere(tmp_path):
    r = analyse(write_office(tmp_path / "data", kominfo(), with_untargeted_sub), 12)
    assert r.ok
    said = [i for i in r.issues if i.code == "sub-kegiatan-tanpa-target"]
    assert len(said) == 1 and "1 sub kegiatan tanpa target indikator (2.16.02.2.01.0002)" in said[0].message
    t = r.tables["3.10"]
    row = find(t, uraian="Sub Kegiatan: " + DIGITAL)
    # 12 x 5.000.000 = 60.000.000 of 100.000.000 = 60,00 %
    assert (row["pagu"], row["realisasi_anggaran"], row["capaian_anggaran"]) == (100_000_000, 60_000_000, D("60.00"))
    assert (row["target"], row["capaian"]) == ("-", "-")
    assert any("1 sub kegiatan tanpa target indikator" in n for n in t.notes)
    # the kegiatan above sums both its sub kegiatan: 250.000.000 + 100.000.000
    keg = [x for _, x in t.frame.iterrows() if "Pengelolaan Informasi dan Komunikasi Publik" in str(x["uraian"])]
    assert keg[0]["pagu"] == 350_000_000
    e = r.e81
    erow = [x for _, x in e.frame.iterrows() if x.get("kode") == "2.16.02.2.01.0002"]
    assert len(erow) == 1 and erow[0]["rp8"] == 100_000_000 and erow[0]["rp13"] == 60_000_000
    assert erow[0]["k14"] in (None, "-")


# R14: target ranges --------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["2,8 - 3,2", "2,8–3,2", "2,8 s.d. 3,2"])
def test_r14_a_positif_range_is_met_at_its_lower_bound(tmp_path, typed):
    def edit(data):
        _iku_row(data, IKU_SPBE)["target"] = typed  # realisasi 2,85

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    row = find(r.tables["3.1"], indikator=IKU_SPBE)
    # inside the range: 2,85 / 2,8 = 101,785.. -> 101,79 (at least 100)
    assert (str(row["target"]), row["capaian"]) == ("2,8 – 3,2", D("101.79"))


def test_r14_below_the_range_and_negatif_ranges(tmp_path):
    def edit(data):
        _iku_row(data, IKU_SPBE)["target"] = "2,9 - 3,2"  # 2,85 / 2,9 = 98,275.. -> 98,28
        _iku_row(data, IKU_ADUAN)["target"] = "3 - 5"  # Negatif, upper bound 5, realisasi 4: (10 - 4) / 5 = 120
        data["pk"]["Sasaran Program"][1]["target"] = "80 - 82"  # PK against Renja 82: differs, said

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert find(r.tables["3.1"], indikator=IKU_SPBE)["capaian"] == D("98.28")
    assert find(r.tables["3.1"], indikator=IKU_ADUAN)["capaian"] == D("120.00")
    differ = [i for i in r.issues if i.code == "target-pk-beda"]
    assert len(differ) == 1 and "(80 – 82)" in differ[0].message


def test_r14_a_reversed_range_is_an_error_at_its_cell(tmp_path):
    def edit(data):
        _iku_row(data, IKU_SPBE)["target"] = "3,2 - 2,8"

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    bad = [i for i in r.issues if i.is_error]
    assert len(bad) == 1 and bad[0].sheet == "Sasaran Strategis" and "terbalik" in bad[0].message


# R13: qualitative indicators -----------------------------------------------------------------------------

def qualitative_spbe(data, target="A", real="bb"):
    row = _iku_row(data, IKU_SPBE)
    row.update(satuan="Predikat SAKIP", target=target, target_akhir="AA")
    _iku_real(data, IKU_SPBE)["realisasi"] = real
    for r in data["realisasi"]["Riwayat"]:
        if r["indikator"] == IKU_SPBE:
            r.update(realisasi="B", satuan="Predikat SAKIP")
    for r in data["realisasi"]["Pembanding"]:
        if r["indikator"] == IKU_SPBE:
            r.update(kabupaten="BB", provinsi="A", nasional="B")


def test_r13_a_level_against_a_level_by_rank(tmp_path):
    r = analyse(write_office(tmp_path / "data", kominfo(), qualitative_spbe), 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    row = find(r.tables["3.1"], indikator=IKU_SPBE)
    # shown as the scale spells it; BB is rank 5 and A rank 6 of D, C, CC, B, BB, A, AA: 5 / 6 = 83,33
    assert (str(row["target"]), str(row["realisasi"]), row["capaian"]) == ("A", "BB", D("83.33"))
    # the average includes it (R6): (104 + 120 + 83,33) / 3 = 102,443.. -> 102,44
    assert r.tables["3.1"].frame.iloc[-1]["capaian"] == D("102.44")


def test_r13_tercapai_tidak(tmp_path):
    def edit(data, real):
        qualitative_spbe(data, real=real)
        data["pk"]["Pengaturan"]["capaian_kualitatif"] = "Tercapai/Tidak"

    below = analyse(write_office(tmp_path / "a", kominfo(), lambda d: edit(d, "BB")), 12)
    above = analyse(write_office(tmp_path / "b", kominfo(), lambda d: edit(d, "AA")), 12)
    assert find(below.tables["3.1"], indikator=IKU_SPBE)["capaian"] == D("0")
    assert find(above.tables["3.1"], indikator=IKU_SPBE)["capaian"] == D("100")


def test_r13_nilai_of_the_levels_when_typed(tmp_path):
    def edit(data):
        data["pk"]["Skala Kualitatif"] = [dict(skala="Status Desa", tingkat=t, nilai=D(v))
                                          for t, v in (("Mula", 10), ("Madya", 40), ("Maju", 70), ("Mandiri", 100))]
        row = _iku_row(data, IKU_SPBE)
        row.update(satuan="status desa", target="Maju", target_akhir=None)
        _iku_real(data, IKU_SPBE)["realisasi"] = "madya"
        data["realisasi"]["Pembanding"] = [p for p in data["realisasi"]["Pembanding"] if p["indikator"] != IKU_SPBE]
        data["realisasi"]["Riwayat"] = [p for p in data["realisasi"]["Riwayat"] if p["indikator"] != IKU_SPBE]

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    # Nilai 40 / 70 = 57,142.. -> 57,14 (by rank it would be 2 / 3 = 66,67)
    row = find(r.tables["3.1"], indikator=IKU_SPBE)
    assert (str(row["target"]), str(row["realisasi"]), row["capaian"]) == ("Maju", "Madya", D("57.14"))


def test_r13_a_level_not_in_the_scale_and_text_for_a_number_are_errors_at_their_cells(tmp_path):
    def edit(data):
        qualitative_spbe(data, real="BBB")
        _iku_real(data, IKU_KIP)["realisasi"] = "baik"

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    bad = sorted((i for i in r.issues if i.is_error), key=lambda i: i.message)
    assert not r.ok and len(bad) == 2
    assert all((i.workbook, i.sheet) == ("Realisasi.xlsx", "IKU") for i in bad)
    level = next(i for i in bad if i.code == "tingkat-tidak-dikenal")
    assert "'BBB'" in level.message and "D, C, CC, B, BB, A, AA" in level.message
    text = next(i for i in bad if i.code == "isian-tidak-valid")
    assert "'baik'" in text.message and "Skala Kualitatif" in text.action


# R18: earlier years' target and capaian ------------------------------------------------------------------

def test_r18_capaian_of_earlier_years_and_its_change_in_poin(tmp_path):
    import io

    import docx

    from lkjip_xls.report import report_bytes

    def edit(data):
        for r in data["realisasi"]["Riwayat"]:
            if r["indikator"] == IKU_KIP:
                r["target"] = D(80) if r["tahun"] == 2024 else D(78)

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    row = find(r.tables["3.4"], indikator=IKU_KIP)
    # 2023: 80,12 / 78 = 102,717.. -> 102,72; 2024: 84,5 / 80 = 105,625 -> 105,63; 2025: 88,4 / 85 = 104,00
    assert (row["c2"], row["c1"], row["c0"]) == (D("102.72"), D("105.63"), D("104.00"))
    assert row["perubahan"] == D("-1.63")  # capaian fell although realisasi rose: in poin
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report_bytes(r))).paragraphs)
    assert "Capaian Indeks Keterbukaan Informasi Publik menurun dari 105,63% pada tahun 2024 menjadi 104,00% " \
           "(1,63 poin)" in text
    assert "Capaiannya menurun dari 105,63% pada tahun 2024 menjadi 104,00% (1,63 poin)." in text


def test_r18_table_3_5_puts_a_programme_indicator_s_years_side_by_side(tmp_path):
    r = analyse(write_office(tmp_path / "data", kominfo()), 12)
    t = r.tables["3.5"]
    row = find(t, indikator=KEPUASAN)  # Riwayat 2024 (83,2) under the same program, and 2025 (86,1)
    assert (row["r2"], row["r1"], row["r0"]) == ("n/a", D("83.2"), D("86.1"))
    gone = [x for _, x in t.frame.iterrows() if x["indikator"] == "Persentase hoaks yang ditangani"]
    assert len(gone) == 1 and (gone[0]["r1"], gone[0]["r0"]) == (12, "n/a")  # 2024 only: its own row


def test_r13_levels_are_compared_in_levels_never_as_arithmetic(tmp_path):
    import io

    import docx

    from lkjip_xls.report import report_bytes

    r = analyse(write_office(tmp_path / "data", kominfo(), qualitative_spbe), 12)
    row = find(r.tables["3.8"], indikator=IKU_SPBE)  # BB against BB, A and B
    assert (row["d_kabupaten"], row["d_provinsi"], row["d_nasional"]) == (
        "setingkat", "satu tingkat di bawah", "satu tingkat di atas")
    assert find(r.tables["3.4"], indikator=IKU_SPBE)["r1"] == "B"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report_bytes(r))).paragraphs)
    assert "Dibanding realisasi provinsi (A), realisasi ini satu tingkat di bawah." in text
    assert "Realisasi Indeks SPBE meningkat dari B pada tahun 2024 menjadi BB." in text


# Codes of the old nomenclature (Permendagri 13/2006) ------------------------------------------------------

def test_old_nomenclature_codes_get_one_message_with_the_first_cells(tmp_path):
    def old(code):  # 2.16.01 -> 1.20.03.16.01: the shape of the 2006 codes
        return code and "1.20.03." + code[2:].replace(".1.", ".").replace(".2.", ".")

    def edit(data):
        for sheet in (data["renja"]["Renja"], data["realisasi"]["Kinerja"], data["realisasi"]["Anggaran"],
                      data["pk"]["Sasaran Program"], data["pk"]["Rencana Aksi"], data["realisasi"]["Pembanding"]):
            for r in sheet:
                if r.get("kode"):
                    r["kode"] = old(r["kode"])
        for r in data["abk"]["Jabatan"]:
            for k in ("program_1", "program_2"):
                if r.get(k):
                    r[k] = old(r[k])

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    codes = [i for i in r.issues if i.code in ("kode-nomenklatur", "kode-tidak-valid")]
    assert len(codes) == 1 and codes[0].code == "kode-nomenklatur" and codes[0].cell == "A4"
    assert "Permendagri 90/2019" in codes[0].message and "A4 '1.20.03.16.01'" in codes[0].message
    assert "dan 4 lainnya" in codes[0].message  # 9 distinct codes, the first five named
    assert not [i for i in r.issues if "Maksud Anda" in i.message]


# Every kind at once, through the results workbook and LibreOffice ----------------------------------------

def every_kind(data):
    """A dinas with each case of section 11 at once."""
    qualitative_spbe(data)  # Predikat SAKIP: A / BB, Riwayat B, Pembanding BB / A / B
    _iku_row(data, IKU_ADUAN)["target"] = D(0)  # Negatif target 0, realisasi 4: 0,00
    _iku_real(data, IKU_KIP)["realisasi"] = "n/a"  # not available, no Catatan
    program = "Persentase layanan publik berbasis elektronik"
    _renja_row(data, "2.16.03", program).update(satuan="Opini BPK", target_renja="WTP")
    data["pk"]["Sasaran Program"][3].update(target="WTP", satuan="Opini BPK", target_akhir="WTP")
    _kinerja_row(data, "2.16.03", program).update({f"m{i}": (None if i < 6 else "WDP") for i in range(1, 13)})
    _renja_row(data, "2.16.02", HOAKS)["target_renja"] = "8 - 10"  # Negatif range, realisasi 8
    data["pk"]["Sasaran Program"][2]["target"] = "8 - 10"
    with_untargeted_sub(data)
    data["realisasi"]["Riwayat"].append(dict(tahun=2023, jenis="Program", uraian="Program Informasi dan Komunikasi "
                                             "Publik", indikator=KEPUASAN, realisasi=D("81.5"), satuan="indeks"))


def test_every_kind_in_the_workbook_and_its_formulas(tmp_path):
    import openpyxl
    from python_calamine import CalamineWorkbook

    from lkjip_xls.writer import write_results

    r = analyse(write_office(tmp_path / "data", kominfo(), every_kind), 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    t33 = r.tables["3.3"]
    opini = find(t33, indikator="Persentase layanan publik berbasis elektronik")
    assert (str(opini["target"]), str(opini["realisasi"]), opini["capaian"]) == ("WTP", "WDP", D("75.00"))  # 3 / 4
    hoaks = find(t33, indikator=HOAKS)  # upper bound 10: (2 x 10 - 8) / 10 = 120, inside the range
    assert (str(hoaks["target"]), hoaks["capaian"]) == ("8 – 10", D("120.00"))
    kepuasan = find(r.tables["3.5"], indikator=KEPUASAN)  # three years side by side
    assert (kepuasan["r2"], kepuasan["r1"], kepuasan["r0"]) == (D("81.5"), D("83.2"), D("86.1"))
    # 3.1 average over the IKU with capaian: aduan 0,00 and SPBE 83,33 -> 41,665 -> 41,67 (KIP is n/a)
    assert r.tables["3.1"].frame.iloc[-1]["capaian"] == D("41.67")

    path = tmp_path / "hasil.xlsx"
    layout: dict = {}
    write_results(r, path, None, layout)
    shown = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Tabel 3.1").to_python()
    placed = layout["3.1"]
    row_of = {v: i for i, v in enumerate(r.tables["3.1"].frame["indikator"])}
    spbe = shown[placed.rows[row_of[IKU_SPBE]]]
    assert spbe[placed.cols["target"]] == "A" and spbe[placed.cols["realisasi"]] == "BB"
    assert spbe[placed.cols["capaian"]] == pytest.approx(83.33)
    kip = shown[placed.rows[row_of[IKU_KIP]]]
    assert kip[placed.cols["realisasi"]] == "n/a" and kip[placed.cols["capaian"]] == "-"
    # a formula is kept only over numbers: the qualitative row's capaian is a value, the Negatif 0 a formula
    ws = openpyxl.load_workbook(path)["Tabel 3.1"]
    cap = placed.cols["capaian"] + 1
    assert not str(ws.cell(placed.rows[row_of[IKU_SPBE]] + 1, cap).value).startswith("=")
    assert str(ws.cell(placed.rows[row_of[IKU_ADUAN]] + 1, cap).value).startswith("=IF(")


@pytest.mark.libreoffice
def test_every_kind_recalculated_by_libreoffice_keeps_its_figures(tmp_path):
    from fixtures import libreoffice_resave
    from python_calamine import CalamineWorkbook

    from lkjip_xls.writer import write_results

    r = analyse(write_office(tmp_path / "data", kominfo(), every_kind), 12)
    path = tmp_path / "hasil.xlsx"
    write_results(r, path)
    again = CalamineWorkbook.from_path(str(libreoffice_resave(path, tmp_path)))
    cached = CalamineWorkbook.from_path(str(path))
    compared = 0
    for name in cached.sheet_names:
        if not name.startswith(("Tabel", "E.81", "Ringkasan")):
            continue
        before, after = cached.get_sheet_by_name(name).to_python(), again.get_sheet_by_name(name).to_python()
        for i, row in enumerate(before):
            for j, value in enumerate(row):
                if isinstance(value, float):
                    assert after[i][j] == pytest.approx(value), (name, i, j)
                    compared += 1
    assert compared > 200


def test_r19_the_spec_s_own_case_one_two_two(tmp_path):
    def edit(data):
        _renja_row(data, "2.16.03.2.01", APLIKASI)["sifat"] = None
        _kinerja_row(data, "2.16.03.2.01", APLIKASI).update({f"m{i}": None for i in range(1, 13)}, m1=1, m2=2, m3=2)

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 3)
    blank = [i for i in r.issues if i.code == "sifat-kosong"]
    assert len(blank) == 1 and "Jumlah 5, Rata-rata 1,67, Terakhir 2" in blank[0].message


def test_r13_an_opini_bpk_iku_and_predikat_sakip_with_nilai(tmp_path):
    def edit(data):
        row = _iku_row(data, IKU_KIP)
        row.update(satuan="Opini BPK", target="WTP", target_akhir="WTP")
        _iku_real(data, IKU_KIP)["realisasi"] = "WDP"
        data["realisasi"]["Pembanding"] = [p for p in data["realisasi"]["Pembanding"] if p["indikator"] != IKU_KIP]
        data["realisasi"]["Riwayat"] = [p for p in data["realisasi"]["Riwayat"] if p["indikator"] != IKU_KIP]
        qualitative_spbe(data)
        data["pk"]["Skala Kualitatif"] = (
            [dict(skala="Predikat SAKIP", tingkat=t, nilai=D(v)) for t, v in
             (("D", 20), ("C", 40), ("CC", 55), ("B", 65), ("BB", 75), ("A", 85), ("AA", 95))]
            + [dict(skala="Opini BPK", tingkat=t) for t in ("TMP", "TW", "WDP", "WTP")])

    r = analyse(write_office(tmp_path / "data", kominfo(), edit), 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    t = r.tables["3.1"]
    assert find(t, indikator=IKU_KIP)["capaian"] == D("75.00")  # WDP 3 / WTP 4 (no Nilai: by rank)
    assert find(t, indikator=IKU_SPBE)["capaian"] == D("88.24")  # BB 75 / A 85 = 88,235.. (by Nilai)


def test_r13_a_workbook_without_the_scale_sheet_uses_the_built_in_scales(tmp_path):
    from fixtures import delete_sheet

    folder = write_office(tmp_path / "data", kominfo(), qualitative_spbe)
    delete_sheet(folder / "PK.xlsx", "Skala Kualitatif")  # as a workbook of the 0.3 templates
    r = analyse(folder, 12)
    assert r.ok, [i.render() for i in r.issues if i.is_error]
    assert find(r.tables["3.1"], indikator=IKU_SPBE)["capaian"] == D("83.33")
