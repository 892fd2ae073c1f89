"""A rekap that certifies only what it recomputed (spec section 10, issue 32): each forgery made with the
program's own functions is "berbeda" with a Masalah line naming sheet and cell, an office without its
isian is "tidak dapat diverifikasi" (never "OK"), and an honest office beside each stays verified."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from test_rekap_trust import masalah, office, reseal, row_of

from lkjip_xls.run import write_rekap


def part_of(path: Path, sheet: str) -> str:
    src = zipfile.ZipFile(path)
    workbook = src.read("xl/workbook.xml").decode()
    rels = src.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+"[^>]* r:id="(rId\d+)"', workbook).group(1)
    return "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)


def edit(path: Path, part: str, old: bytes, new: bytes, count: int = 1):
    """Change bytes of one part of the package, everything else as it was (what a forger's script does)."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                assert old in data, (part, old)
                data = data.replace(old, new, count)
            dest.writestr(item, data)
    path.write_bytes(out.getvalue())


@pytest.fixture(scope="module")
def made(example_dir, tmp_path_factory):
    work = tmp_path_factory.mktemp("verifikasi")
    return {name: office(example_dir, work, name) for name in ("Kecamatan Gudo", "Kecamatan Perak")}


def inbox(tmp_path: Path, made: dict, forged: str = "Kecamatan Gudo", with_zip: bool = True) -> tuple[Path, Path]:
    box = tmp_path / "box"
    box.mkdir()
    for name, (results, inputs) in made.items():
        shutil.copy(results, box)
        if with_zip or name != forged:
            shutil.copy(inputs, box)
    return box, box / made[forged][0].name


def rekap(box: Path, tmp_path: Path) -> Path:
    _, out = write_rekap(box, None, tmp_path / "hasil")
    return out


def assert_caught(out: Path, opd: str, *words: str):
    row = row_of(out, opd)
    assert (row["Verifikasi Angka"], row["Status File"]) == ("berbeda", "Berbeda: perlu diperiksa"), row
    lines = [line for line in masalah(out) if opd in line]
    assert lines and all(any(w in line for line in lines) for w in words), lines
    honest = row_of(out, "Kecamatan Perak")
    assert (honest["Verifikasi Angka"], honest["Status File"]) == ("diverifikasi dari isian", "OK")


def test_without_its_isian_an_office_is_never_ok(made, tmp_path):
    box, _ = inbox(tmp_path, made, with_zip=False)
    out = rekap(box, tmp_path)
    row = row_of(out, "Kecamatan Gudo")
    assert (row["Verifikasi Angka"], row["Status File"]) == ("tidak dapat diverifikasi", "Tidak terverifikasi")


def test_input_hashes_replaced_so_the_zip_no_longer_matches(made, tmp_path):
    box, path = inbox(tmp_path, made)
    shared = "xl/sharedStrings.xml"
    data = zipfile.ZipFile(path).read(shared).decode()
    digest = next(iter(re.findall(r"sha256:([0-9a-f]{64})", data)), None)
    hexes = re.findall(r"(?<![0-9a-f:])([0-9a-f]{64})(?![0-9a-f])", data)
    assert hexes, "the recorded input hashes"
    edit(path, shared, hexes[0].encode(), ("0" * 64).encode())
    reseal(path)
    assert digest is not None
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", "tidak cocok")


def test_a_relabelled_office_and_a_changed_year_are_named(made, tmp_path):
    box, path = inbox(tmp_path, made)
    shared = "xl/sharedStrings.xml"
    edit(path, shared, b"Kecamatan Gudo", b"Kecamatan Sumobito", count=-1)
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Sumobito", "nama OPD di workbook 'Kecamatan Sumobito', di isian")


def test_error_counts_set_to_zero_in_the_hidden_sheet(made, tmp_path):
    box, path = inbox(tmp_path, made)
    zf = zipfile.ZipFile(path)
    strings = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", zf.read("xl/sharedStrings.xml").decode())
    part = part_of(path, "_data")
    xml = zf.read(part).decode()
    label = strings.index("peringatan")
    row = re.search(rf'<c r="A(\d+)" t="s"><v>{label}</v></c>', xml).group(1)
    cell = re.search(rf'<c r="B{row}"><v>(\d+)</v></c>', xml)
    assert cell and cell.group(1) != "0"  # the example has warnings
    edit(path, part, cell.group(0).encode(), f'<c r="B{row}"><v>0</v></c>'.encode())
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", f"sheet _data sel B{row}: tampil 0")


def test_a_formula_changed_under_its_kept_value(made, tmp_path):
    box, path = inbox(tmp_path, made)
    part = part_of(path, "Tabel 3.1")
    xml = zipfile.ZipFile(path).read(part)
    f = re.search(rb"<f>(ROUND\([^<]+\))</f>", xml)
    assert f
    edit(path, part, f.group(0), b"<f>" + f.group(1) + b"+5</f>")
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", "sheet Tabel 3.1 sel", "rumus")


def test_a_number_format_replaced_by_a_literal(made, tmp_path):
    box, path = inbox(tmp_path, made)
    styles = zipfile.ZipFile(path).read("xl/styles.xml")
    m = re.search(rb'<numFmt numFmtId="(\d+)" formatCode="#,##0.00"/>', styles)
    assert m
    edit(path, "xl/styles.xml", m.group(0), b'<numFmt numFmtId="' + m.group(1) + b'" formatCode="&quot;97,33&quot;"/>')
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", "format angka")


def test_an_edited_predikat_text(made, tmp_path):
    box, path = inbox(tmp_path, made)
    shared = "xl/sharedStrings.xml"
    data = zipfile.ZipFile(path).read(shared)
    word = next(w for w in (b"Baik (Berhasil)", b"Sangat Tinggi", b"Tinggi") if w in data)
    edit(path, shared, word, b"Istimewa (Sangat Berhasil)")
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", "tampil 'Istimewa (Sangat Berhasil)'")


def test_a_zip_of_another_run_under_the_same_name(made, tmp_path, example_dir):
    box, path = inbox(tmp_path, made)
    other = Path(made["Kecamatan Perak"][1])
    (box / made["Kecamatan Gudo"][1].name).write_bytes(other.read_bytes())  # swapped attachment
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", "tidak cocok")


def test_a_later_dated_resealed_copy_does_not_win_over_the_genuine_one(made, tmp_path):
    box, path = inbox(tmp_path, made)
    copy = box / "sub"
    copy.mkdir()
    forged = copy / path.name
    shutil.copy(path, forged)
    shared = "xl/sharedStrings.xml"
    data = zipfile.ZipFile(forged).read(shared)
    stamp = re.search(rb"20\d\d-\d\d-\d\d", data).group(0)
    edit(forged, shared, stamp, b"2099-12-31", count=-1)
    reseal(forged)
    out = rekap(box, tmp_path)
    row = row_of(out, "Kecamatan Gudo")
    assert row["Verifikasi Angka"] == "diverifikasi dari isian" and row["File"] == path.name
    assert any("sub" in line and "duplikat" in line for line in masalah(out))


def test_a_format_set_back_to_one_with_the_isian_beside(made, tmp_path):
    box, path = inbox(tmp_path, made)
    part = part_of(path, "_data")
    edit(path, part, b'<c r="B2"><v>2</v></c>', b'<c r="B2"><v>1</v></c>')
    reseal(path)
    row = row_of(rekap(box, tmp_path), "Kecamatan Gudo")
    assert row["Verifikasi Angka"] == "berbeda" and row["Status File"] != "OK"


def test_an_e81_capaian_changed_and_resealed(made, tmp_path):
    box, path = inbox(tmp_path, made)
    part = part_of(path, "E.81")
    xml = zipfile.ZipFile(path).read(part)
    m = re.search(rb'<c r="([A-Z]+\d+)" s="\d+"><f>[^<]*</f><v>(\d+\.?\d*)</v></c>', xml)
    assert m
    edit(path, part, m.group(0), m.group(0).replace(b"<v>" + m.group(2) + b"</v>", b"<v>99.99</v>"))
    reseal(path)
    assert_caught(rekap(box, tmp_path), "Kecamatan Gudo", f"sheet E.81 sel {m.group(1).decode()}: tampil 99,99")


def test_a_ringkasan_with_changes_since_last_month_needs_last_month_s_file(example_dir, tmp_path):
    from fixtures import set_cells

    from lkjip_xls.run import process

    data = tmp_path / "data"
    shutil.copytree(example_dir, data)
    set_cells(data / "PK.xlsx", "Identitas", {"B4": "Kecamatan Kesamben"})
    out = tmp_path / "out"
    nov = process(data, 11, out).path
    dec = process(data, 12, out).path  # its Ringkasan compares with November's file
    box = tmp_path / "box"
    box.mkdir()
    shutil.copy(dec, box)
    shutil.copy(dec.with_name(dec.stem + "_isian.zip"), box)
    first = rekap(box, tmp_path / "a")
    row = row_of(first, "Kecamatan Kesamben")
    assert row["Verifikasi Angka"] == "tidak dapat diverifikasi"
    assert any(nov.name in line and "tidak dapat diverifikasi" in line for line in masalah(first))
    shutil.copy(nov, box)
    row = row_of(rekap(box, tmp_path / "b"), "Kecamatan Kesamben")
    assert row["Verifikasi Angka"] == "diverifikasi dari isian"


def _ringkasan_money(path: Path) -> tuple[int, int]:
    """(pagu, realisasi) as the office's own Ringkasan shows them, read independently of the rekap."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Ringkasan").to_python()
    by_label = {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and len(r) > 1}
    return int(by_label["Pagu anggaran (Rp)"]), int(by_label["Realisasi anggaran (Rp)"])


@pytest.fixture(scope="module")
def three(example_dir, tmp_path_factory, made):
    """Gudo and Perak with their isian, Diwek (another pagu) without: two verified, one not."""
    from test_rekap_trust import set_cells

    work = tmp_path_factory.mktemp("jumlah")
    data = work / "diwek"
    shutil.copytree(example_dir, data)
    set_cells(data / "PK.xlsx", "Identitas", {"B4": "Kecamatan Diwek"})
    from lkjip_xls.run import process

    diwek = process(data, 12, work / "out").path
    box = work / "box"
    box.mkdir()
    for results, inputs in made.values():
        shutil.copy(results, box)
        shutil.copy(inputs, box)
    shutil.copy(diwek, box)
    _, out = write_rekap(box, None, work / "hasil")
    return out, {**{n: r for n, (r, _) in made.items()}, "Kecamatan Diwek": diwek}


def _totals_row(out: Path):
    from test_rekap import rekap_rows, sheet

    header, _ = rekap_rows(out)
    rows = sheet(out, "Rekap")
    k = next(i for i, r in enumerate(rows) if isinstance(r[1], str) and r[1].startswith("Jumlah"))
    return header, rows, k


def test_totals_count_only_the_verified_offices(three):
    out, results = three
    header, rows, k = _totals_row(out)
    col = {h: i for i, h in enumerate(header)}
    total = rows[k]
    assert total[1] == "Jumlah / rata-rata Kabupaten Jombang: 2 OPD diverifikasi dari isian"
    verified = [_ringkasan_money(results[n]) for n in ("Kecamatan Gudo", "Kecamatan Perak")]
    assert total[col["Pagu (Rp)"]] == sum(p for p, _ in verified)
    assert total[col["Realisasi (Rp)"]] == sum(r for _, r in verified)
    # the unverified office is listed (after the verified ones), its figures not in the sum
    names = [r[col["Perangkat Daerah"]] for r in rows[5:k]]
    assert names == ["Kecamatan Gudo", "Kecamatan Perak", "Kecamatan Diwek"]
    assert rows[k - 1][col["Verifikasi Angka"]] == "tidak dapat diverifikasi"
    assert rows[k + 1][1].startswith("Tidak masuk jumlah: 1 OPD tidak dapat diverifikasi (")
    import openpyxl

    ws = openpyxl.load_workbook(out)["Rekap"]
    pagu = ws.cell(k + 1, col["Pagu (Rp)"] + 1).value
    assert pagu.startswith("=SUMIFS(") and '"diverifikasi dari isian"' in pagu


def test_the_e81_sheet_says_each_offices_state(three):
    from test_rekap import sheet

    out, _ = three
    rows = sheet(out, "E.81")
    header = rows[3]
    body = {r[1]: dict(zip(header, r)) for r in rows[4:] if r and isinstance(r[0], (int, float)) and r[0] != ""
            and r[2]}
    assert body["Kecamatan Gudo"]["Verifikasi Angka"] == "diverifikasi dari isian"
    assert body["Kecamatan Gudo"]["Keterangan"] == ""
    diwek = body["Kecamatan Diwek"]
    assert diwek["Verifikasi Angka"] == "tidak dapat diverifikasi"
    assert diwek["Keterangan"].startswith("Tidak dapat diverifikasi") and "tidak dijamin" in diwek["Keterangan"]


@pytest.mark.libreoffice
def test_verified_totals_hold_when_recalculated(three, tmp_path):
    """The SUMIFS/AVERAGEIFS totals give the same figures when a spreadsheet recalculates them."""
    from fixtures import libreoffice_resave
    from test_rekap import sheet

    out, _ = three
    header, rows, k = _totals_row(out)
    again = sheet(libreoffice_resave(out, tmp_path), "Rekap")
    col = {h: i for i, h in enumerate(header)}
    for name in ("Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)", "Rata-rata Capaian IKU (%)",
                 "Efisiensi Anggaran (%)", "Pegawai Tersedia"):
        assert again[k][col[name]] == pytest.approx(rows[k][col[name]]), name


def test_recomputation_in_workers_decides_as_in_process(made, tmp_path):
    """The worker pool (two offices with their isian) and the in-process path give the same states."""
    from lkjip_xls.rekap import collect

    box, path = inbox(tmp_path, made)
    part = part_of(path, "E.81")  # one forged figure, resealed
    m = re.search(rb'<c r="([A-Z]+\d+)" s="\d+"><f>[^<]*</f><v>(\d+\.?\d*)</v></c>', zipfile.ZipFile(path).read(part))
    edit(path, part, m.group(0), m.group(0).replace(b"<v>" + m.group(2) + b"</v>", b"<v>99.99</v>"))
    reseal(path)
    states = [{o.found.get("opd"): o.verified for o in collect(box, workers=n).offices} for n in (1, 2)]
    assert states[0] == states[1] == {"Kecamatan Gudo": "berbeda", "Kecamatan Perak": "diverifikasi dari isian"}


def test_offices_at_different_months_are_said_in_the_totals_and_the_legend(example_dir, made, tmp_path):
    """One office to December, one to September, both verified: the totals row adds both and says so,
    and the chart's line of the share of the year is not labelled with one month."""
    from test_rekap import sheet
    from test_rekap_trust import office

    late = office(example_dir, tmp_path, "Kecamatan Mojoagung", month=9)
    box = tmp_path / "box"
    box.mkdir()
    for results, inputs in (made["Kecamatan Gudo"], late):
        shutil.copy(results, box)
        shutil.copy(inputs, box)
    _, out = write_rekap(box, 12, tmp_path / "hasil")
    rows = sheet(out, "Rekap")
    k = next(i for i, r in enumerate(rows) if isinstance(r[1], str) and r[1].startswith("Jumlah"))
    assert rows[k][1].endswith(": 2 OPD diverifikasi dari isian")
    assert rows[k + 1][1] == "Jumlah memuat data s.d. bulan yang berbeda: 1 OPD s.d. Desember, 1 OPD s.d. September."
    charts = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/chart")]
    legend = b"".join(zipfile.ZipFile(out).read(n) for n in charts)
    assert b"(bulan data OPD/12)" in legend and b"(12/12)" not in legend


def test_a_workbook_of_another_program_version_is_never_verified_nor_called_different(made, tmp_path):
    """Another version lays the workbook out otherwise (this one added the Evaluasi Mandiri sheet): its
    cells cannot be compared, so it is "tidak dapat diverifikasi" with the reason, never "OK"; setting
    the version back by hand gains a forger nothing either."""
    from lkjip_xls import __version__

    box, path = inbox(tmp_path, made)
    edit(path, "xl/sharedStrings.xml", f"<t>{__version__}</t>".encode(), b"<t>0.3.0</t>")
    reseal(path)
    out = rekap(box, tmp_path)
    row = row_of(out, "Kecamatan Gudo")
    assert (row["Verifikasi Angka"], row["Status File"]) == ("tidak dapat diverifikasi", "Tidak terverifikasi")
    assert any("Kecamatan Gudo" in line and "versi 0.3.0" in line for line in masalah(out))
    honest = row_of(out, "Kecamatan Perak")
    assert honest["Verifikasi Angka"] == "diverifikasi dari isian"
