"""SIPD exports made from an office's monthly spending, in the three layouts seen in the field (issue 22):

* ``detail``: one row per rekening, PROGRAM / KEGIATAN / SUB KEGIATAN / REKENING as "kode nama" cells,
  the month in a title row ("s.d. 31 Maret 2024");
* ``columns``: codes and names in separate columns, an SIPD id column, the codes behind the SKPD code,
  realisasi far right, an extra column the program does not know, the month in the file name
  (2024-03-31.xlsx);
* ``summary``: one row per sub kegiatan with Anggaran, Realisasi and %, a title block, program and
  kegiatan rows between them, a "Jumlah" row after each program and a TOTAL at the end; as CSV with
  Indonesian number text.

Realisasi is cumulative (year to date), as SIPD reports it.
"""

from __future__ import annotations

import calendar
import csv
from pathlib import Path

import xlsxwriter

SKPD = "7.01.0.00.0.00.01.0000"
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def cumulative(anggaran: list[dict], month: int) -> dict[str, int]:
    return {r["kode"]: sum(int(r.get(f"m{m}") or 0) for m in range(1, month + 1)) for r in anggaran}


def pagu(r: dict) -> int:
    return int(r.get("pagu_perubahan") or r["pagu_murni"])


def _split(value: int) -> tuple[int, int]:
    first = value * 3 // 5
    return first, value - first


def _names(renja: list[dict]) -> dict[str, str]:
    out = {}
    for r in renja:
        if r.get("uraian") and r["kode"] not in out:
            out[r["kode"]] = r["uraian"]
    return out


def _write(path: Path, rows: list[list]):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Laporan")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))
    wb.close()


def detail(folder: Path, anggaran: list[dict], renja: list[dict], month: int, year: int = 2024,
           override: dict[str, int] | None = None) -> Path:
    names = _names(renja)
    cum = {**cumulative(anggaran, month), **(override or {})}
    day = calendar.monthrange(year, month)[1]
    rows = [["PEMERINTAH KABUPATEN JOMBANG"], [f"Laporan Realisasi Anggaran Belanja s.d. {day} {BULAN[month - 1]} {year}"],
            [],
            ["NO", "TAHUN", "KODE SKPD", "NAMA SKPD", "SUB UNIT", "BIDANG URUSAN", "PROGRAM", "KEGIATAN",
             "SUB KEGIATAN", "REKENING", "PAGU", "REALISASI"]]
    n = 0
    for r in anggaran:
        kode = r["kode"]
        prog, keg = ".".join(kode.split(".")[:3]), ".".join(kode.split(".")[:5])
        for k, (p, real) in enumerate(zip(_split(pagu(r)), _split(cum[kode]))):
            n += 1
            account = ("5.1.02.01.01.0024 Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor" if k == 0 else
                       "5.1.02.02.01.0026 Belanja Jasa Tenaga Administrasi")
            rows.append([n, year, SKPD, "Kecamatan Bareng", "Kecamatan Bareng", "7.01 Kewilayahan",
                         f"{prog} {names.get(prog, '')}", f"{keg} {names.get(keg, '')}", f"{kode} {r['uraian']}",
                         account, p, real])
    path = folder / f"realisasi_rincian_{month:02d}.xlsx"
    _write(path, rows)
    return path


def columns(folder: Path, anggaran: list[dict], renja: list[dict], month: int, year: int = 2024) -> Path:
    names = _names(renja)
    cum = cumulative(anggaran, month)
    header = ["ID", "KODE URUSAN", "NAMA URUSAN", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM",
              "NAMA PROGRAM", "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
              "KODE REKENING", "NAMA REKENING", "KETERANGAN TAMBAHAN", "PAGU", "REALISASI"]
    rows = [header]
    for i, r in enumerate(anggaran):
        kode = r["kode"]
        prog, keg = ".".join(kode.split(".")[:3]), ".".join(kode.split(".")[:5])
        for k, (p, real) in enumerate(zip(_split(pagu(r)), _split(cum[kode]))):
            rows.append([f"{90000 + i * 2 + k}", "7", "Unsur Kewilayahan", "7.01", "Kecamatan", f"{SKPD}.{prog}",
                         names.get(prog, ""), f"{SKPD}.{keg}", names.get(keg, ""), f"{SKPD}.{kode}", r["uraian"],
                         f"5.1.02.0{k + 1}.01.0024", "Belanja Barang", "dari SIPD-RI", p, real])
    day = calendar.monthrange(year, month)[1]
    path = folder / f"{year}-{month:02d}-{day:02d}.xlsx"
    _write(path, rows)
    return path


def _id(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def summary(folder: Path, anggaran: list[dict], renja: list[dict], month: int, year: int = 2024,
            override: dict[str, int] | None = None) -> Path:
    names = _names(renja)
    cum = {**cumulative(anggaran, month), **(override or {})}
    lines = [["LAPORAN REALISASI PER SUB KEGIATAN"], [f"Bulan : {BULAN[month - 1]} {year}"], ["SKPD : Kecamatan Bareng"],
             [], ["Kode", "Uraian", "Anggaran", "Realisasi", "%"]]
    programs: dict[str, list[dict]] = {}
    for r in anggaran:
        programs.setdefault(".".join(r["kode"].split(".")[:3]), []).append(r)
    grand = 0
    for prog, subs in programs.items():
        p_total = sum(cum[r["kode"]] for r in subs)
        lines.append([prog, names.get(prog, ""), _id(sum(pagu(r) for r in subs)), _id(p_total), ""])
        kegiatan: dict[str, list[dict]] = {}
        for r in subs:
            kegiatan.setdefault(".".join(r["kode"].split(".")[:5]), []).append(r)
        for keg, ks in kegiatan.items():
            lines.append([keg, names.get(keg, ""), _id(sum(pagu(r) for r in ks)), _id(sum(cum[r["kode"]] for r in ks)), ""])
            for r in ks:
                pct = f"{cum[r['kode']] * 100 / pagu(r):.2f}".replace(".", ",")
                lines.append([r["kode"], r["uraian"], _id(pagu(r)), _id(cum[r["kode"]]), pct])
        lines.append(["", "Jumlah", "", _id(p_total), ""])
        grand += p_total
    lines.append(["", "TOTAL", "", _id(grand), ""])
    path = folder / f"ringkasan_sub_kegiatan_{month:02d}.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(lines)
    return path
