"""``lkjip rekap``: Bappeda's folder of attachments, as it really looks.

Three offices made by ``proses`` on the example under different names and months, one of them also in
an older month and as an exact duplicate, a figure edited by hand in another, a damaged file, an input
workbook saved among the attachments, our own dinas of another year, and a results workbook of the
previous version. Every Rekap figure is checked against that office's own Ringkasan.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import libreoffice_resave, set_cells
from offices import kominfo, write_office
from python_calamine import CalamineWorkbook

from lkjip_xls import rekap as rekap_module
from lkjip_xls.cli import main
from lkjip_xls.rekap import collect
from lkjip_xls.rekap.read import read_one
from lkjip_xls.run import process, write_rekap

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "tests" / "data" / "hasil_v020" / "LKjIP_Kecamatan_Bareng_2024_09.xlsx"

# Rekap header -> label of the same figure on the office's Ringkasan
RINGKASAN = {
    "Pagu (Rp)": "Pagu anggaran (Rp)",
    "Realisasi (Rp)": "Realisasi anggaran (Rp)",
    "Penyerapan (%)": "Penyerapan anggaran (%)",
    "Rata-rata Capaian Indikator Program (%)": "Rata-rata capaian indikator program (%)",
    "Efisiensi Anggaran (%)": "Efisiensi penggunaan anggaran (%)",
    "Kebutuhan Pegawai (ABK)": "Kebutuhan pegawai (ABK)",
    "Pegawai Tersedia": "Pegawai tersedia",
    "Ketersediaan SDM (%)": "Ketersediaan SDM (%)",
    "Ketersediaan Sarpras (%)": "Ketersediaan sarana dan prasarana (%)",
    "Kesalahan": "Jumlah kesalahan di sheet Pemeriksaan",
    "Peringatan": "Jumlah peringatan di sheet Pemeriksaan",
}


def office_results(example_dir: Path, work: Path, name: str, months: list[int]) -> list[Path]:
    data = work / f"data-{name}"
    shutil.copytree(example_dir, data)
    set_cells(data / "PK.xlsx", "Identitas", {"B4": name})
    out = work / f"out-{name}"
    paths = []
    for month in months:
        outcome = process(data, month, out)
        assert outcome.path is not None, [i.render() for i in outcome.result.issues]
        paths.append(outcome.path)
    return paths


def edit_number(path: Path, sheet: str, old: str, new: str):
    """Change one stored number in ``sheet`` (as Excel would save a retyped cell), nothing else."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    workbook = src.read("xl/workbook.xml").decode()
    rels = src.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+"[^>]* r:id="(rId\d+)"', workbook).group(1)
    part = "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                text = data.decode()
                assert f"<v>{old}</v>" in text
                data = text.replace(f"<v>{old}</v>", f"<v>{new}</v>", 1).encode()
            dest.writestr(item, data)
    path.write_bytes(out.getvalue())


@pytest.fixture(scope="module")
def inbox(example_dir, tmp_path_factory):
    """The folder Bappeda saves the attachments to."""
    work = tmp_path_factory.mktemp("rekap")
    box = work / "lampiran"
    (box / "email-1").mkdir(parents=True)
    (box / "email-2").mkdir()
    bareng = office_results(example_dir, work, "Kecamatan Bareng", [11, 12])
    mojo = office_results(example_dir, work, "Kecamatan Mojowarno", [12])
    ngoro = office_results(example_dir, work, "Kecamatan Ngoro", [10])
    for p in bareng + ngoro:
        shutil.copy(p, box / "email-1" / p.name)
    shutil.copy(bareng[1], box / "email-2" / bareng[1].name)  # the same attachment saved twice
    edited = box / "email-2" / mojo[0].name
    shutil.copy(mojo[0], edited)
    edit_number(edited, "Tabel 3.11", "2717989953", "2717989000")  # typed over in Excel
    (box / "email-2" / "rusak.xlsx").write_bytes(bareng[0].read_bytes()[:4000])  # a cut download
    shutil.copy(Path(__file__).parent / "data" / "v1" / "Renja.xlsx", box / "email-2" / "Renja.xlsx")  # not a result
    shutil.copy(example_dir / "Renja.xlsx", box / "email-2" / "Renja_lampiran.xlsx")  # an office's own input: no Masalah
    (box / "email-2" / "surat.pdf").write_bytes(b"%PDF-1.4")
    dinas = write_office(work / "kominfo", kominfo())
    shutil.copy(process(dinas, 12, work / "out-kominfo").path, box / "email-2")  # another year (2025)
    (work / "daftar.csv").write_text("Nama OPD\nKecamatan Bareng\nKecamatan Mojowarno\nKecamatan Ngoro\n"
                                     "Kecamatan Wonosalam\n", encoding="utf-8")
    return work, box, {"Kecamatan Bareng": bareng[1], "Kecamatan Mojowarno": mojo[0], "Kecamatan Ngoro": ngoro[0]}


@pytest.fixture(scope="module")
def written(inbox):
    work, box, _ = inbox
    from lkjip_xls.rekap import read_daftar  # noqa: F401 - the command reads the list itself

    rekap, path = write_rekap(box, None, work / "hasil", work / "daftar.csv")
    return rekap, path


def sheet(path: Path, name: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


def ringkasan(path: Path) -> dict[str, object]:
    """The office's Ringkasan: label -> value in the next column (and the IKU average)."""
    out = {}
    for row in sheet(path, "Ringkasan"):
        if row and isinstance(row[0], str) and row[0]:
            out[row[0]] = row[1] if len(row) > 1 else None
            if row[0] == "Rata-rata capaian IKU":
                out[row[0]] = row[4]
    return out


def rekap_rows(path: Path) -> tuple[list[str], list[list]]:
    rows = sheet(path, "Rekap")
    top = next(i for i, r in enumerate(rows) if r and r[0] == "No")
    header = rows[top]
    body = [r for r in rows[top + 1:] if r and isinstance(r[0], (int, float)) and r[0] != ""]
    return header, body


def test_output_name_and_month(written):
    rekap, path = written
    assert path.name == "Rekap_Kabupaten_Jombang_2024_12.xlsx"
    assert (rekap.tahun, rekap.bulan) == (2024, 12)
    assert CalamineWorkbook.from_path(str(path)).sheet_names == ["Rekap", "Grafik", "E.81", "Belum Lapor", "Masalah"]


def test_every_rekap_figure_is_the_offices_own_ringkasan(inbox, written):
    _, _, chosen = inbox
    _, path = written
    header, body = rekap_rows(path)
    col = {h: k for k, h in enumerate(header)}
    # unverifiable offices before the differing one (verified ones would come first)
    assert [r[col["Perangkat Daerah"]] for r in body] == ["Kecamatan Bareng", "Kecamatan Ngoro", "Kecamatan Mojowarno"]
    for row in body:
        own = ringkasan(chosen[row[col["Perangkat Daerah"]]])
        for rekap_header, label in RINGKASAN.items():
            assert row[col[rekap_header]] == own[label], (row[1], rekap_header)
        assert row[col["Rata-rata Capaian IKU (%)"]] == own["Rata-rata capaian IKU"] or (
            row[col["Rata-rata Capaian IKU (%)"]] == "" and own["Rata-rata capaian IKU"] == "-")
        below = next(v for k, v in own.items() if k.startswith("IKU di bawah target"))
        assert row[col["IKU di Bawah Target"]] == below
        kas = next((v for k, v in own.items() if k.startswith("Anggaran kas s.d.")), None)
        assert row[col["Anggaran Kas s.d. Bulan (Rp)"]] == kas
        assert row[col["Deviasi thd Anggaran Kas (Rp)"]] == own["Deviasi realisasi thd anggaran kas (Rp)"]
    ngoro = body[1]
    assert ngoro[col["Data s.d. Bulan"]] == 10 and ngoro[col["Status File"]] == "Tidak terverifikasi, terlambat"  # no isian: never "OK" (spec section 10)
    assert body[0][col["Status File"]] == "Tidak terverifikasi"
    assert body[2][col["Status File"]] == "Berbeda: perlu diperiksa"
    assert body[2][col["Verifikasi Angka"]] == "berbeda"


def test_no_total_over_offices_none_of_which_was_verified(written):
    """None of these offices sent its isian: the totals row sums nothing and says why, and the line under
    it counts who is left out (spec section 10; the verified totals: test_rekap_verify)."""
    _, path = written
    header, body = rekap_rows(path)
    col = {h: k for k, h in enumerate(header)}
    rows = sheet(path, "Rekap")
    k = next(i for i, r in enumerate(rows) if isinstance(r[1], str) and r[1].startswith("Jumlah"))
    assert rows[k][1] == "Jumlah Kabupaten Jombang: tidak dihitung, belum ada OPD yang diverifikasi dari isian"
    assert rows[k][col["Pagu (Rp)"]] == "" and rows[k][col["Penyerapan (%)"]] == ""
    assert rows[k + 1][1].startswith("Tidak masuk jumlah: 2 OPD tidak dapat diverifikasi dan 1 OPD berbeda "
                                     "dari isiannya")


def test_belum_lapor(written):
    _, path = written
    rows = [r for r in sheet(path, "Belum Lapor")[3:] if r and r[1]]
    assert [(r[1], r[2].split(".")[0]) for r in rows] == [
        ("Kecamatan Wonosalam", "tidak ada workbook hasil"),
        ("Kecamatan Ngoro", "laporan terakhir s")]
    assert "Oktober" in rows[1][2]


def test_masalah(written):
    rekap, path = written
    rows = [r for r in sheet(path, "Masalah")[3:] if r and r[1]]
    text = {r[1]: r[2] for r in rows}
    assert "duplikat Kecamatan Bareng bulan 12: salinan yang sama persis" in text[
        str(Path("email-2") / "LKjIP_Kecamatan_Bareng_2024_12.xlsx")]
    assert "rusak atau terpotong" in text[str(Path("email-2") / "rusak.xlsx")]
    assert "bukan workbook hasil" in text[str(Path("email-2") / "Renja.xlsx")]
    assert str(Path("email-2") / "Renja_lampiran.xlsx") not in text
    assert "tahun 2025" in text[str(Path("email-2") / "LKjIP_Dinas_Komunikasi_dan_Informatika_2025_12.xlsx")]
    edited = text[str(Path("email-2") / "LKjIP_Kecamatan_Mojowarno_2024_12.xlsx")]
    assert "diubah setelah workbook dibuat" in edited
    assert len(rows) == 5  # nothing said about the untouched workbooks or the older month
    assert rekap.ignored == 1  # surat.pdf


@pytest.mark.libreoffice
def test_untouched_workbook_resaved_by_libreoffice_is_not_called_edited(inbox, tmp_path):
    _, _, chosen = inbox
    resaved = libreoffice_resave(chosen["Kecamatan Bareng"], tmp_path)
    found = read_one(str(resaved))
    assert found.kind == "hasil" and not found.edited


def test_workbook_of_the_previous_version_is_read_from_its_ringkasan(tmp_path):
    box = tmp_path / "lama"
    box.mkdir()
    shutil.copy(OLD, box)
    rekap = collect(box)
    [office] = rekap.offices
    own = ringkasan(OLD)
    v = office.found.values
    assert office.found.kind == "hasil versi lama" and v["bulan"] == 9 and v["opd"] == "Kecamatan Bareng"
    assert v["pagu"] == own["Pagu anggaran (Rp)"] and float(v["penyerapan"]) == own["Penyerapan anggaran (%)"]
    assert [p.masalah for p in rekap.problems][0].startswith("dibuat lkjip-xls versi lama")


def test_parallel_reading_gives_the_same_rekap(inbox, monkeypatch):
    _, box, _ = inbox
    alone = collect(box, workers=1)
    monkeypatch.setattr(rekap_module, "PARALLEL_FROM", 1)
    together = collect(box, workers=2)
    assert [(o.file, o.found.values) for o in together.offices] == [(o.file, o.found.values) for o in alone.offices]
    assert [p.masalah for p in together.problems] == [p.masalah for p in alone.problems]


def test_reader_runs_in_a_spawned_worker(inbox):
    """Windows starts workers by spawning a fresh interpreter: the reader must import and run there."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _, _, chosen = inbox
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        found = pool.submit(read_one, str(chosen["Kecamatan Bareng"])).result(timeout=120)
    assert found.kind == "hasil" and found.values["opd"] == "Kecamatan Bareng"


def test_command(inbox, tmp_path):
    work, box, _ = inbox
    r = CliRunner().invoke(main, ["rekap", str(box), "--daftar", str(work / "daftar.csv"), "--bulan", "11",
                                  "--output", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert "Rekap_Kabupaten_Jombang_2024_11.xlsx" in r.output and "Belum lapor: 3 OPD" in r.output
    log = (tmp_path / "out" / "riwayat_proses.csv").read_text(encoding="utf-8-sig")
    assert "rekap: 2 OPD, 3 belum lapor" in log  # Mojowarno sent December only: not in a November rekap
    belum = {r[1]: r[2] for r in sheet(tmp_path / "out" / "Rekap_Kabupaten_Jombang_2024_11.xlsx", "Belum Lapor")[3:]
             if r and r[1]}
    assert belum["Kecamatan Mojowarno"].startswith("hanya ada workbook bulan sesudah November")
    problems = [r for r in sheet(tmp_path / "out" / "Rekap_Kabupaten_Jombang_2024_11.xlsx", "Masalah")[3:] if r and r[1]]
    files = len({r[1] for r in problems})
    assert f"Masalah: {len(problems)} masalah di {files} file" in r.output  # problems and files counted as such


def test_command_refuses_what_it_cannot_use(tmp_path):
    empty = tmp_path / "kosong"
    empty.mkdir()
    r = CliRunner().invoke(main, ["rekap", str(empty), "--output", str(tmp_path / "out")])
    assert r.exit_code == 1 and "Tidak ada workbook hasil" in r.output
    r = CliRunner().invoke(main, ["rekap", str(empty), "--daftar", str(tmp_path / "tidak-ada.csv")])
    assert r.exit_code == 1 and "tidak-ada.csv" in r.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("Rekap_*"))


def test_e81_sheet_equals_each_offices_own_e81(written, inbox):
    """Per office the quarter's averages and predikat as its own E.81 sheet shows them; offices that have
    not sent the quarter (Wonosalam: no file) listed below."""
    from test_e81 import shown_e81

    _, path = written
    _, _, chosen = inbox
    rows = sheet(path, "E.81")
    top = next(i for i, r in enumerate(rows) if r and r[0] == "No")
    body = [r for r in rows[top + 1:] if r and isinstance(r[0], (int, float))]
    sent = {r[1]: r for r in body[:len(chosen)]}
    assert set(sent) == set(chosen)
    for opd, result_path in chosen.items():
        _, own = shown_e81(result_path)
        row = sent[opd]
        assert (row[3], row[4], row[5], row[6]) == (own["k14"], own["predikat"][0], own["rp14"], own["predikat"][1])
    assert sent["Kecamatan Ngoro"][2] == "Oktober (triwulan belum selesai)"
    assert sent["Kecamatan Mojowarno"][7] == "berbeda"
    assert sent["Kecamatan Mojowarno"][8].startswith("Diubah setelah dibuat")
    after = [r for r in rows[top + 1 + len(chosen):] if r and r[1]]
    assert any(r[1] == "Kecamatan Wonosalam" and "tidak ada workbook hasil" in str(r[2]) for r in after)


def _dies_on_bomb(path: str):
    """read_one, except that a file named like a native crash kills its process (as calamine's abort does)."""
    import os as _os

    from lkjip_xls.rekap.read import read_one

    if path.endswith("mati.xlsx"):
        _os._exit(134)  # as a native abort ends it, without the crash report
    return read_one(path)


@pytest.mark.skipif(sys.platform == "win32", reason="worker processes are forked from the test (POSIX)")
def test_a_worker_that_dies_takes_only_its_file(inbox, tmp_path, monkeypatch):
    import lkjip_xls.rekap as R

    work, box, chosen = inbox
    one = chosen["Kecamatan Ngoro"]
    folder = tmp_path / "box"
    folder.mkdir()
    paths = []
    for k in range(20):
        target = folder / (f"{k:02d}_mati.xlsx" if k == 7 else f"{k:02d}.xlsx")
        shutil.copy(one, target)
        paths.append(target)
    monkeypatch.setattr(R, "read_one", _dies_on_bomb)
    found = list(R.read_all(paths, workers=2))
    assert [Path(f.path).name for f in found] == [p.name for p in paths]
    assert found[7].problem == R.CRASHED
    assert all(f.kind == "hasil" for k, f in enumerate(found) if k != 7)
