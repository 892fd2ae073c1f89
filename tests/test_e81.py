"""Form E.81 (spec section 7, issue 21): every figure of the sheet computed here from the input workbooks
themselves (read cell by cell with openpyxl, not through the program's reader), for the example at
months 3, 6, 9 and 12 and for our dinas (Rata-rata, Terakhir, Negatif; Renstra columns partly blank),
compared with the cached values of the results workbook and with LibreOffice's recalculation."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from fixtures import libreoffice_resave
from offices import HOAKS, KEPUASAN, kominfo, write_office
from python_calamine import CalamineWorkbook

from lkjip_xls.api import analyse
from lkjip_xls.writer import write_results

HEADER_ROW = 3  # the templates' layout (docs/templat.md)
PREDIKAT = ((90, "Sangat Tinggi"), (75, "Tinggi"), (65, "Sedang"), (50, "Rendah"))  # Permendagri 86/2017
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def r2(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def num(v):
    return None if v is None or v == "" else Decimal(str(v))


def rows_of(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    header = [str(c.value or "").removesuffix(" *") for c in ws[HEADER_ROW]]  # required columns carry " *"
    out = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if any(v not in (None, "") for v in row):
            out.append(dict(zip(header, row)))
    return out


def capaian(target, real, polaritas):
    if target is None or real is None or target == 0:
        return None
    if polaritas == "Negatif":
        return max(r2((2 * target - real) / target * 100), Decimal(0))
    return r2(real / target * 100)


def by_sifat(values: list, sifat: str):
    values = [v for v in values if v is not None]
    if not values:
        return None
    if sifat == "Jumlah":
        return sum(values)
    if sifat == "Rata-rata":
        return r2(sum(values) / len(values))
    return values[-1]


def expected_e81(folder: Path, month: int) -> tuple[dict, dict]:
    """{(kode, indikator): {column: value}} and the averages, from the spec alone."""
    renja = rows_of(folder / "Renja.xlsx", "Renja")
    kinerja = {(r["Kode"], r["Indikator"].strip().casefold()): r for r in rows_of(folder / "Realisasi.xlsx", "Kinerja")}
    anggaran = rows_of(folder / "Realisasi.xlsx", "Anggaran")
    months = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
    subs = {r["Kode Sub Kegiatan"]: r for r in anggaran if r["Pagu Murni"] not in (None, "")}  # a row waiting for its pagu

    def spent(kode, ms):
        own = [s for k, s in subs.items() if k == kode or k.startswith(kode + ".")]
        return sum(int(s.get(months[m - 1]) or 0) for s in own for m in ms)

    def pagu(kode):
        own = [s for k, s in subs.items() if k == kode or k.startswith(kode + ".")]
        return sum(int(s.get("Pagu Perubahan") or s["Pagu Murni"]) for s in own) if own else None

    out, seen, k14s, programs = {}, set(), [], []
    for r in renja:
        target = num(r["Target Perubahan"]) if r["Target Perubahan"] not in (None, "") else num(r["Target Renja"])
        if target is None:
            continue
        kode, sifat = r["Kode"], r["Sifat Realisasi"] or "Terakhir"
        pol = r["Polaritas"] or "Positif"
        k = kinerja.get((kode, r["Indikator"].strip().casefold()), {})
        month_values = [num(k.get(months[m - 1])) for m in range(1, 13)]
        row = {"k8": target}
        for q in range(1, 5):
            ms = [m for m in range(3 * q - 2, 3 * q + 1) if m <= month]
            if ms:
                row[f"k{8 + q}"] = by_sifat([month_values[m - 1] for m in ms], sifat)
        k13 = by_sifat(month_values[:month], sifat)
        k6, k7 = num(r.get("Target Renstra Akhir Periode (K)")), num(r.get("Realisasi Renstra s.d. Tahun Lalu (K)"))
        k15 = (k7 + k13 if k7 is not None and k13 is not None else None) if sifat == "Jumlah" else k13
        row.update(k6=k6, k7=k7, k13=k13, k14=capaian(target, k13, pol), k15=k15, k16=capaian(k6, k15, pol))
        if row["k14"] is not None:
            k14s.append(row["k14"])
        if kode not in seen and pagu(kode):
            seen.add(kode)
            rp6, rp7 = r.get("Pagu Renstra Akhir Periode (Rp)"), r.get("Realisasi Anggaran Renstra s.d. Tahun Lalu (Rp)")
            rp13 = spent(kode, range(1, month + 1))
            rp15 = None if rp7 in (None, "") else int(rp7) + rp13
            row.update(rp6=None if rp6 in (None, "") else int(rp6), rp7=None if rp7 in (None, "") else int(rp7),
                       rp8=pagu(kode), rp13=rp13, rp14=r2(Decimal(rp13) * 100 / pagu(kode)), rp15=rp15,
                       rp16=None if rp15 is None or rp6 in (None, "") else r2(Decimal(rp15) * 100 / int(rp6)))
            for q in range(1, 5):
                ms = [m for m in range(3 * q - 2, 3 * q + 1) if m <= month]
                if ms:
                    row[f"rp{8 + q}"] = spent(kode, ms)
            if r["Level"] == "Program":
                programs.append((row["rp13"], row["rp8"]))
        seen.add(kode)
        out[(kode, r["Indikator"])] = row
    k_avg = r2(sum(k14s) / len(k14s))
    rp_avg = r2(Decimal(sum(a for a, _ in programs)) * 100 / sum(b for _, b in programs))

    def predikat(v):
        return next((label for bound, label in PREDIKAT if v > bound), "Sangat Rendah")

    return out, {"k14": k_avg, "rp14": rp_avg, "predikat": (predikat(k_avg), predikat(rp_avg))}


def shown_e81(path: Path) -> tuple[dict, dict]:
    """The E.81 sheet as cached in the workbook: {(kode, indikator): {column: value}}, and the averages."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("E.81").to_python(skip_empty_area=False)
    groups, names = sheet[4], sheet[5]
    cols, group = {}, None
    for c, (g, n) in enumerate(zip(groups, names)):
        group = g or (group if n in ("K", "Rp") else None)
        if n in ("K", "Rp") and group and group.startswith("("):
            cols[("k" if n == "K" else "rp") + group[1:group.index(")")]] = c
        elif g and g.startswith("("):
            cols[g[1:g.index(")")]] = c
    ind = next(c for c, n in enumerate(names) if n == "Indikator")
    out, kode, totals = {}, None, {}
    for row in sheet[6:]:
        if row[cols["3"]]:
            kode = row[cols["3"]]
        label = str(row[cols["2"]] or "")
        if label.startswith("Rata-rata capaian"):
            totals.update(k14=row[cols["k14"]], rp14=row[cols["rp14"]])
        elif label.startswith("Predikat"):
            totals["predikat"] = (row[cols["k14"]], row[cols["rp14"]])
        elif row[ind] and kode:
            out[(kode, row[ind])] = {k: row[c] for k, c in cols.items() if k[0] in "kr"}
    return out, totals


def same(expected, shown) -> bool:
    if expected is None:
        return shown in ("-", "", None)
    return isinstance(shown, (int, float)) and abs(Decimal(str(shown)) - Decimal(expected)) < Decimal("1e-9")


def compare(folder: Path, month: int, path: Path) -> int:
    expected, exp_totals = expected_e81(folder, month)
    shown, totals = shown_e81(path)
    assert set(shown) == set(expected)
    compared = 0
    for key, row in expected.items():
        for col, value in row.items():
            assert same(value, shown[key].get(col)), (month, key, col, value, shown[key].get(col))
            compared += 1
        for q in range(1, 5):  # a quarter after the month is left blank
            if 3 * q - 2 > month:
                assert shown[key].get(f"k{8 + q}") in ("", None), (key, q)
    assert same(exp_totals["k14"], totals["k14"]) and same(exp_totals["rp14"], totals["rp14"])
    assert totals["predikat"] == exp_totals["predikat"]
    return compared


@pytest.fixture(scope="module")
def example_books(example_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("e81")
    books = {}
    for month in (3, 6, 9, 12):
        result = analyse(example_dir, month)
        assert result.ok
        books[month] = write_results(result, out / f"hasil_{month:02d}.xlsx", dt.date(2025, 1, 2))
    return books


@pytest.mark.parametrize("month", [3, 6, 9, 12])
def test_example_e81_every_figure(example_dir, example_books, month):
    assert compare(example_dir, month, example_books[month]) > 500


def with_renstra(data: dict) -> dict:
    """The dinas with some Renstra columns filled (a Jumlah, a Rata-rata and a negative Terakhir
    indicator, and the money of one program) and the rest blank."""
    for r in data["renja"]["Renja"]:
        if r["indikator"] == HOAKS:
            r.update(target_renstra=Decimal(6), realisasi_renstra_lalu=Decimal(11))  # Terakhir: 7 is not added
        if r["indikator"] == KEPUASAN:
            r.update(target_renstra=Decimal(85), pagu_renstra=1_500_000_000, anggaran_renstra_lalu=900_000_000,
                     unit_pj="Bidang IKP")
        if r["indikator"] == "Jumlah konten yang dipublikasikan":
            r.update(target_renstra=Decimal(600), realisasi_renstra_lalu=Decimal(240))
        if r["indikator"] == "Jumlah pegawai yang menerima gaji":
            r.update(target_renstra=Decimal(42))  # Rata-rata: column 15 is this year's mean
    return data


@pytest.fixture(scope="module")
def dinas(tmp_path_factory):
    folder = write_office(tmp_path_factory.mktemp("dinas-e81") / "data", with_renstra(kominfo()))
    return folder


@pytest.mark.parametrize("month", [2, 5, 12])
def test_dinas_e81_with_polarity_sifat_and_blank_renstra(dinas, tmp_path, month):
    result = analyse(dinas, month)
    assert result.ok, result.issues
    path = write_results(result, tmp_path / "hasil.xlsx", dt.date(2026, 1, 2))
    assert compare(dinas, month, path) > 100
    shown, _ = shown_e81(path)
    hoaks = shown[("2.16.02", HOAKS)]
    if month == 12:
        assert hoaks["k15"] == 8 and hoaks["k16"] == pytest.approx(66.67)  # Negatif: (2 x 6 - 8) / 6
        konten = shown[("2.16.02.2.01.0001", "Jumlah konten yang dipublikasikan")]
        assert konten["k15"] == 360 and konten["k16"] == 60  # 240 + 120 of 600
        kepuasan = shown[("2.16.02", KEPUASAN)]
        assert kepuasan["rp15"] == 900_000_000 + 240_000_000 and kepuasan["rp16"] == 76  # 1,14 / 1,5


def test_unfinished_quarter_is_labelled_and_blank_inputs_say_why(dinas, tmp_path):
    result = analyse(dinas, 5)
    t = result.e81
    headers = {c.group for c in t.columns if c.group}
    assert "(10) Realisasi Kinerja dan Anggaran Triwulan II (s.d. Mei)" in headers
    assert "(11) Realisasi Kinerja dan Anggaran Triwulan III (belum)" in headers
    row = t.frame[t.frame["indikator"] == "Jumlah aplikasi yang dikembangkan"].iloc[0]
    assert row["k6"] == "-" and row["keterangan"].startswith("Target Renstra akhir periode")  # never 0
    assert "(kolom 6, 7) belum diisi di Renja" in row["keterangan"]
    assert t.frame[t.frame["kode"] == "2.16.02"].iloc[0]["unit"] == "Bidang IKP"
    assert t.frame[t.frame["kode"] == "2.16.01"].iloc[0]["unit"] == "Dinas Komunikasi dan Informatika"
    todo = t.frame[t.frame["kind"] == "todo"]
    assert len(todo) == 4  # the dinas has no Catatan: all four texts are to be written, highlighted


def test_catatan_of_the_quarter_fill_the_texts(example_dir):
    t = analyse(example_dir, 12).e81
    texts = list(t.frame.loc[t.frame["kind"] == "text", "uraian"])
    assert any(x.startswith("Faktor penghambat pencapaian kinerja:") and "Nilai PATEN 87,63" in x for x in texts)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_e81_sheet_to_the_same_figures(example_books, tmp_path):
    path = example_books[6]
    formulas = openpyxl.load_workbook(path)["E.81"]
    cached = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("E.81").to_python(skip_empty_area=False)
    again = CalamineWorkbook.from_path(str(libreoffice_resave(path, tmp_path))).get_sheet_by_name(
        "E.81").to_python(skip_empty_area=False)
    compared = 0
    for row in formulas.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                before, after = cached[c.row - 1][c.column - 1], again[c.row - 1][c.column - 1]
                assert round(float(after), 6) == round(float(before), 6), (c.coordinate, c.value)
                compared += 1
    assert compared > 150
