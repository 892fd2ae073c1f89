"""Evaluasi Mandiri (spec section 12, issue 34): every criterion decided on offices built to meet it, to
half-meet it and to miss it, each read back from the results workbook's sheet (Hasil and Bukti), and
the bundled example's comparison with national realisation, the point its own LHE raised."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from fixtures import find_cell, set_cells
from offices import HOAKS, IKU_ADUAN, IKU_KIP, IKU_SPBE, KEPUASAN, S1, kominfo, write_office
from python_calamine import CalamineWorkbook

from lkjip_xls.api import analyse
from lkjip_xls.kinerja import mandiri as E
from lkjip_xls.writer import workbook_bytes

CRITERION = {c.key: c.kriteria for c in E.CRITERIA}


def sheet_rows(result) -> dict[str, tuple[str, str, str]]:
    """{kriteria: (hasil, bukti, yang perlu dilakukan)} as the Evaluasi Mandiri sheet shows them."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(workbook_bytes(result, dt.date(2026, 1, 5))))
    rows = book.get_sheet_by_name("Evaluasi Mandiri").to_python()
    top = next(i for i, r in enumerate(rows) if r and r[0] == "No")
    header = rows[top]
    at = {h: header.index(h) for h in ("Kriteria (dinilai dari data isian)", "Hasil", "Bukti", "Yang Perlu Dilakukan")}
    return {r[at["Kriteria (dinilai dari data isian)"]]: (r[at["Hasil"]], r[at["Bukti"]], r[at["Yang Perlu Dilakukan"]])
            for r in rows[top + 1:] if r and isinstance(r[0], float)}


def run(tmp_path: Path, edit=None, month: int = 12):
    folder = write_office(tmp_path / "dinas", kominfo(), edit)
    result = analyse(folder, month)
    assert result.ok, [i.render() for i in result.issues if i.is_error]
    return result


# edits of the dinas (tests/offices.py), each building one state of one criterion ------------------------

def pk(d, sheet):
    return d["pk"][sheet]


def real(d, sheet):
    return d["realisasi"].setdefault(sheet, [])


def iku_rows(d):
    return pk(d, "Sasaran Strategis")


def blank(field, which=(0, 1, 2)):
    def edit(d):
        for k in which:
            iku_rows(d)[k][field] = None
    return edit


def plan_for(*names):
    def edit(d):
        pk(d, "Rencana Aksi").extend(dict(indikator=n, tw4=D(1)) for n in names)
    return edit


def no_realisasi(d):
    for r in real(d, "Kinerja"):
        for m in range(1, 13):
            r[f"m{m}"] = None
    d["realisasi"]["IKU"] = []
    d["realisasi"]["Anggaran"][0]["m1"] = 1  # the year still has data (a budget month)


def drop_spbe_realisasi(d):
    d["realisasi"]["IKU"] = [r for r in real(d, "IKU") if r["indikator"] != IKU_SPBE]


def every_month(d):
    for r in real(d, "Kinerja"):
        if r["indikator"] == KEPUASAN:
            r.update({f"m{m}": D(84) for m in range(1, 13)})


def december_only(d):
    for r in real(d, "Kinerja"):
        for m in range(1, 12):
            r[f"m{m}"] = None
        r["m12"] = r["m12"] if r["m12"] is not None else D(1)


def without_sub_kegiatan(d):
    gone = "2.16.03.2.01.0002"
    d["renja"]["Renja"] = [r for r in d["renja"]["Renja"] if r["kode"] != gone]
    d["realisasi"]["Kinerja"] = [r for r in real(d, "Kinerja") if r["kode"] != gone]
    d["realisasi"]["Anggaran"] = [r for r in real(d, "Anggaran") if r["kode"] != gone]


def no_kegiatan(d):
    """A program with no kegiatan below it, and every PK program under the first sasaran: the second
    sasaran has none."""
    d["renja"]["Renja"].append(dict(kode="2.16.04", level="Program", uraian="Program Statistik Sektoral",
                                    indikator="Persentase data sektoral yang dipublikasikan", satuan="%",
                                    target_renja=D(100), polaritas="Positif", sifat="Terakhir"))
    real(d, "Kinerja").append(dict(kode="2.16.04", indikator="Persentase data sektoral yang dipublikasikan",
                                   **{f"m{m}": D(100) for m in range(1, 13)}))
    for r in pk(d, "Sasaran Program"):
        r["sasaran_strategis"] = S1


def pk_target(value_of):
    def edit(d):
        for r in pk(d, "Sasaran Program"):
            r["target"] = value_of(r)
    return edit


def riwayat_aduan(d):
    real(d, "Riwayat").append(dict(tahun=2024, jenis="IKU", sasaran=S1, indikator=IKU_ADUAN, realisasi=D(6), satuan="%"))


def no_iku_riwayat(d):
    d["realisasi"]["Riwayat"] = [r for r in real(d, "Riwayat") if r["jenis"] != "IKU"]


def nasional_for_all(d):
    rows = real(d, "Pembanding")
    rows[0]["nasional"] = D(80)
    rows.append(dict(indikator=IKU_ADUAN, kabupaten=D(6), nasional=D(7), sumber="Laporan nasional"))


def no_nasional(d):
    for r in real(d, "Pembanding"):
        r["nasional"] = None


def regional_for_all(d):
    real(d, "Pembanding").append(dict(indikator=IKU_ADUAN, provinsi=D(6), sumber="Laporan provinsi"))


def no_regional(d):
    for r in real(d, "Pembanding"):
        r["kabupaten"] = r["provinsi"] = None
        r.setdefault("nasional", None)
    real(d, "Pembanding")[0]["nasional"] = D(80)  # a row with a figure, but no regional one


def notes(*names, full=True):
    def edit(d):
        for n in names:
            real(d, "Catatan").append(dict(indikator=n, bulan=6, pendorong="Dukungan pimpinan",
                                           penghambat="Data terlambat" if full else None,
                                           upaya="Jadwal pengumpulan data" if full else None))
    return edit


def no_sarpras(d):
    d["sarpras"]["Sarpras"] = []


def no_resources(d):
    no_sarpras(d)
    d["abk"]["Jabatan"] = []


def lhe_value(d):
    d["realisasi"]["Identitas"]["nilai_lhe"] = D("71.2")


def lhe_full(d):
    lhe_value(d)
    d["realisasi"]["Evaluasi SAKIP"] = [
        dict(komponen="Perencanaan Kinerja", bobot=D(30), nilai_akhir=D("22.5")),
        dict(komponen="Pengukuran Kinerja", bobot=D(30), nilai_akhir=D("21.2")),
        dict(komponen="Pelaporan Kinerja", bobot=D(15), nilai_akhir=D("11.0")),
        dict(komponen="Evaluasi Akuntabilitas Kinerja Internal", bobot=D(25), nilai_akhir=D("16.5")),
    ]


def follow_up(*statuses, pj="Sekretaris"):
    def edit(d):
        d["realisasi"]["Tindak Lanjut"] = [
            dict(komponen="Pengukuran Kinerja", rekomendasi="Tetapkan target triwulanan",
                 rencana_aksi=f"Langkah {k + 1}", penanggung_jawab=pj if k else None, status=s)
            for k, s in enumerate(statuses)]
    return edit


def follow_up_complete(*statuses):
    def edit(d):
        follow_up(*statuses)(d)
        d["realisasi"]["Tindak Lanjut"][0]["penanggung_jawab"] = "Kepala Dinas"
    return edit


CASES = [
    # criterion, edit, expected Hasil, fragment of the Bukti
    ("renstra", None, E.TERPENUHI, "3 dari 3 IKU punya Target Akhir Renstra"),
    ("renstra", blank("target_akhir", (0,)), E.SEBAGIAN, "2 dari 3 IKU"),
    ("renstra", blank("target_akhir"), E.BELUM, "0 dari 3 IKU"),
    ("banding_renstra", None, E.TERPENUHI, "3 dari 3 IKU dapat dibandingkan"),
    ("banding_renstra", blank("target_akhir", (1,)), E.SEBAGIAN, "2 dari 3 IKU"),
    ("banding_renstra", blank("target_akhir"), E.BELUM, "0 dari 3 IKU"),
    ("rencana_aksi", plan_for(IKU_KIP, IKU_ADUAN, IKU_SPBE), E.TERPENUHI, "3 dari 3 IKU punya Rencana Aksi"),
    ("rencana_aksi", plan_for(IKU_KIP), E.SEBAGIAN, "belum ada baris untuk Indeks SPBE"),
    ("rencana_aksi", None, E.BELUM, "0 dari 3 IKU"),
    ("target_realisasi", None, E.TERPENUHI, "13 dari 13"),
    ("target_realisasi", drop_spbe_realisasi, E.SEBAGIAN, "realisasi Indeks SPBE belum ada"),
    ("target_realisasi", no_realisasi, E.BELUM, "0 dari 13"),
    ("berkala", every_month, E.TERPENUHI, "10 dari 10 indikator Renja diukur setiap triwulan"),
    ("berkala", None, E.SEBAGIAN, "2.16.02, tanpa realisasi triwulan I, III"),
    ("berkala", december_only, E.BELUM, "tanpa realisasi triwulan I, II, III"),
    ("kaskade", None, E.TERPENUHI, "8 dari 8"),
    ("kaskade", without_sub_kegiatan, E.SEBAGIAN, "kegiatan 2.16.03.2.01 tanpa sub kegiatan"),
    ("kaskade", no_kegiatan, E.SEBAGIAN, "program 2.16.04 tanpa kegiatan"),
    ("definisi", None, E.TERPENUHI, "3 dari 3 IKU punya Formulasi"),
    ("definisi", blank("definisi", (2,)), E.SEBAGIAN, "Indeks SPBE: Definisi Operasional"),
    ("definisi", blank("formulasi"), E.BELUM, "0 dari 3"),
    ("pk_renja", pk_target(lambda r: D(82) if r["indikator"] == KEPUASAN else r["target"]), E.TERPENUHI,
     "4 dari 4 target"),
    ("pk_renja", None, E.SEBAGIAN, "2.16.02: PK 80, Renja 82"),
    ("pk_renja", pk_target(lambda r: r["target"] + 1), E.BELUM, "0 dari 4"),
    ("riwayat", riwayat_aduan, E.TERPENUHI, "3 dari 3 IKU punya realisasi tahun sebelumnya"),
    ("riwayat", None, E.SEBAGIAN, "belum ada tahun sebelum 2025 untuk Persentase aduan"),
    ("riwayat", no_iku_riwayat, E.BELUM, "0 dari 3"),
    ("nasional", nasional_for_all, E.TERPENUHI, "3 dari 3 IKU punya pembanding realisasi nasional"),
    ("nasional", None, E.SEBAGIAN, "1 dari 3"),
    ("nasional", no_nasional, E.BELUM, "0 dari 3"),
    ("regional", regional_for_all, E.TERPENUHI, "3 dari 3"),
    ("regional", None, E.SEBAGIAN, "2 dari 3"),
    ("regional", no_regional, E.BELUM, "0 dari 3"),
    ("catatan", notes(IKU_KIP, IKU_ADUAN, IKU_SPBE), E.TERPENUHI, "3 dari 3 IKU punya faktor pendorong"),
    ("catatan", notes(IKU_KIP), E.SEBAGIAN, "Indeks SPBE belum ada faktor pendorong, faktor penghambat, upaya"),
    ("catatan", notes(IKU_KIP, IKU_ADUAN, IKU_SPBE, full=False), E.BELUM, "belum ada faktor penghambat, upaya"),
    ("efisiensi", None, E.TERPENUHI, "2 dari 2 bahan efisiensi"),
    ("efisiensi", no_sarpras, E.SEBAGIAN, "Sarpras › Sarpras kosong"),
    ("efisiensi", no_resources, E.BELUM, "0 dari 2"),
    ("predikat", None, E.TERPENUHI, "7 dari 7"),
    ("predikat", drop_spbe_realisasi, E.SEBAGIAN, "Tabel 3.1: Indeks SPBE belum ada capaian"),
    ("predikat", no_realisasi, E.BELUM, "0 dari 7"),
    ("lhe", lhe_full, E.TERPENUHI, "2 dari 2"),
    ("lhe", lhe_value, E.SEBAGIAN, "Realisasi › Evaluasi SAKIP kosong"),
    ("lhe", None, E.BELUM, "0 dari 2"),
    ("tindak_lanjut", follow_up_complete("Sudah", "Sudah"), E.TERPENUHI, "2 dari 2 rencana aksi"),
    ("tindak_lanjut", follow_up("Sudah", "Sudah"), E.SEBAGIAN, "tanpa Penanggung Jawab"),
    ("tindak_lanjut", None, E.BELUM, "Realisasi › Tindak Lanjut belum diisi"),
    ("tindak_lanjut_selesai", follow_up("Sudah dilaksanakan", "Selesai"), E.TERPENUHI, "2 dari 2"),
    ("tindak_lanjut_selesai", follow_up("Sudah dilaksanakan", "Belum dilaksanakan"), E.SEBAGIAN,
     "(Belum dilaksanakan)"),
    ("tindak_lanjut_selesai", follow_up("Dalam proses", None), E.BELUM, "status kosong"),
]


# Valid workbooks always link some sasaran to a program (PK › Sasaran Program requires its sasaran) and
# a sub kegiatan to its program (Anggaran needs one): the cascade is never missed whole.
NEVER_BELUM = {"kaskade"}


def test_every_criterion_has_its_three_cases():
    states = {(key, status) for key, _, status, _ in CASES}
    assert states == {(c.key, s) for c in E.CRITERIA for s in (E.TERPENUHI, E.SEBAGIAN, E.BELUM)
                      if not (c.key in NEVER_BELUM and s == E.BELUM)}


@pytest.mark.parametrize("key, edit, status, fragment", CASES,
                         ids=[f"{k}-{s}-{i}" for i, (k, _, s, _) in enumerate(CASES)])
def test_criterion_read_back_from_the_sheet(tmp_path, key, edit, status, fragment):
    shown = sheet_rows(run(tmp_path, edit))[CRITERION[key]]
    assert shown[0] == status and fragment in shown[1], shown
    criterion = next(c for c in E.CRITERIA if c.key == key)
    assert shown[2] == ("-" if status == E.TERPENUHI else criterion.tindakan)


def test_the_evidence_names_the_cell_to_fill(tmp_path):
    folder = write_office(tmp_path / "dinas", kominfo(), blank("target_akhir", (1,)))
    cell = find_cell(folder / "PK.xlsx", "Sasaran Strategis", "target_akhir", indikator=IKU_ADUAN)
    shown = sheet_rows(analyse(folder, 12))[CRITERION["renstra"]]
    assert f"PK › Sasaran Strategis {cell} (Persentase aduan" in shown[1]


def test_counts_per_component_and_in_all(tmp_path):
    result = run(tmp_path)
    book = CalamineWorkbook.from_filelike(io.BytesIO(workbook_bytes(result, dt.date(2026, 1, 5))))
    rows = book.get_sheet_by_name("Evaluasi Mandiri").to_python()
    texts = [r[0] for r in rows if r and isinstance(r[0], str)] + [r[1] for r in rows if r and len(r) > 1
                                                                 and isinstance(r[1], str)]
    statuses = [a.status for a in result.mandiri]
    for komponen, bobot in E.COMPONENTS:
        mine = [a.status for a in result.mandiri if a.criterion.komponen == komponen]
        met = mine.count(E.TERPENUHI)
        assert any(t.startswith(f"{komponen} (bobot {bobot}): {met} dari {len(mine)} kriteria terpenuhi")
                   for t in texts), komponen
    total = next(t for t in texts if t.startswith("Jumlah: "))
    assert total.startswith(f"Jumlah: {statuses.count(E.TERPENUHI)} dari {len(statuses)} kriteria terpenuhi")
    assert any("bukan nilai AKIP" in t for t in texts)  # no invented score
    ringkasan = {r[0]: r[1] for r in book.get_sheet_by_name("Ringkasan").to_python() if r and len(r) > 1}
    assert ringkasan["Kriteria evaluasi mandiri terpenuhi"] == statuses.count(E.TERPENUHI)
    assert ringkasan["Kriteria evaluasi mandiri yang dinilai"] == len(statuses)


@pytest.fixture(scope="module")
def example_copy(example_dir, tmp_path_factory):
    return example_dir


def test_the_example_compares_one_of_its_two_iku_nationally(example_dir, tmp_path):
    """The example's own LHE asked for the comparison with national realisation: 1 of its 2 IKU has it
    (Sebagian), and with that figure removed none has (Belum)."""
    shown = sheet_rows(analyse(example_dir, 12))[CRITERION["nasional"]]
    assert shown[0] == E.SEBAGIAN and shown[1].startswith("1 dari 2 IKU punya pembanding realisasi nasional")
    data = tmp_path / "data"
    shutil.copytree(example_dir, data)
    rows = CalamineWorkbook.from_path(str(data / "Realisasi.xlsx")).get_sheet_by_name("Pembanding").to_python()
    from lkjip_xls.inputs import schema as S

    header = rows[S.HEADER_ROW - 1]
    col = header.index("Realisasi Nasional")
    filled = [r for r in range(S.FIRST_DATA_ROW - 1, len(rows)) if rows[r][col] not in ("", None)]
    assert len(filled) == 1
    from xlsxwriter.utility import xl_rowcol_to_cell

    set_cells(data / "Realisasi.xlsx", "Pembanding", {xl_rowcol_to_cell(filled[0], col): None})
    shown = sheet_rows(analyse(data, 12))[CRITERION["nasional"]]
    assert shown[0] == E.BELUM and shown[1].startswith("0 dari 2 IKU")


def test_periksa_lists_what_is_not_met_after_the_input_problems(tmp_path):
    from click.testing import CliRunner

    from lkjip_xls.cli import main

    folder = write_office(tmp_path / "dinas", kominfo())
    out = CliRunner().invoke(main, ["periksa", str(folder)]).output
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Evaluasi mandiri"))
    assert head > next(i for i, line in enumerate(lines) if line.startswith("Data terakhir"))
    listed = lines[head + 1:]
    belum = [line for line in listed if line.startswith("  [Belum]")]
    sebagian = [line for line in listed if line.startswith("  [Sebagian]")]
    assert belum and sebagian and listed.index(belum[-1]) < listed.index(sebagian[0])
    assert any(CRITERION["catatan"] in line for line in belum)


def test_the_draft_notes_page_names_what_weakens_the_report(tmp_path):
    import docx

    from lkjip_xls.run import draft_report

    folder = write_office(tmp_path / "dinas", kominfo())
    outcome = draft_report(folder, 12, tmp_path / "out")
    text = [p.text for p in docx.Document(str(outcome.path)).paragraphs]
    start = next(i for i, t in enumerate(text) if t.startswith("Catatan untuk penyusun"))
    page = text[start:start + 80]
    assert any(t.startswith("• Evaluasi mandiri (Belum): " + CRITERION["catatan"]) for t in page)
    assert any(t.startswith("• Evaluasi mandiri (Sebagian): " + CRITERION["nasional"]) for t in page)
    assert not any(CRITERION["lhe"] in t for t in page)  # not a weakness of the document itself


def test_the_rekap_shows_each_offices_criteria_met(tmp_path):
    from lkjip_xls.run import process, write_rekap
    from test_rekap_trust import row_of

    box = tmp_path / "box"
    box.mkdir()
    result = process(write_office(tmp_path / "dinas", kominfo()), 12, tmp_path / "out")
    shutil.copy(result.path, box)
    _, out = write_rekap(box, None, tmp_path / "rekap")
    row = row_of(out, "Dinas Komunikasi dan Informatika")
    statuses = [a.status for a in result.result.mandiri]
    assert row["Evaluasi Mandiri: Kriteria Terpenuhi"] == statuses.count(E.TERPENUHI)
    assert row["Evaluasi Mandiri: Kriteria Dinilai"] == len(statuses)


def test_a_criterion_is_one_entry():
    """The list is the one place: keys unique, every component known, every rule callable."""
    keys = [c.key for c in E.CRITERIA]
    assert len(keys) == len(set(keys))
    assert {c.komponen for c in E.CRITERIA} <= {k for k, _ in E.COMPONENTS}
    assert all(callable(c.rule) and c.sumber.startswith("LKE ") for c in E.CRITERIA)


def test_the_docs_list_every_criterion_with_its_source():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "keputusan.md").read_text(encoding="utf-8")
    for c in E.CRITERIA:
        assert f"| {c.komponen} | {c.kriteria} | {c.sumber[4:]} |" in docs, c.key
