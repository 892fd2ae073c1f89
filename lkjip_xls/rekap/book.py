"""The Rekap workbook: Rekap (one row per office, totals for the kabupaten), Grafik, Belum Lapor,
Masalah. Percentages and totals are live formulas over the office rows, as in the results workbook.

The Rekap sheet prints on A4 landscape in three page-wide parts (budget, performance, source file),
each with No / OPD / Bulan repeated at its left, at one scale that keeps the widest part legible.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..kinerja import rules
from ..inputs import matching as M
from ..inputs.schema import BULAN
from ..kinerja.table import INT, MONEY, PCT, TEXT
from ..writer.charts import bars_against_line
from ..writer.formats import Formats, row_height
from ..writer.layout import column_points, printable
from . import DIFFERS, SEALED, VERIFIED, Rekap

TOP = 4  # 0-based row of the column headers
SAFETY = 0.92  # LibreOffice lays columns out a little wider than Excel: keep each part clear of the page edge


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    fmt: str
    width: float
    part: int  # printed part: 0 = always (repeated), 1 = anggaran, 2 = kinerja, 3 = sumber


def columns(several_kabupaten: bool) -> list[Col]:
    cols = [Col("no", "No", INT, 4, 0), Col("opd", "Perangkat Daerah", TEXT, 28, 0),
            Col("bulan", "Data s.d. Bulan", INT, 7, 0)]
    if several_kabupaten:
        cols.insert(2, Col("kabupaten", "Kabupaten/Kota", TEXT, 16, 0))
    cols += [
        Col("pagu", "Pagu (Rp)", MONEY, 17, 1),
        Col("realisasi", "Realisasi (Rp)", MONEY, 17, 1),
        Col("penyerapan", "Penyerapan (%)", PCT, 10, 1),
        Col("bagian", "Bagian Tahun Berjalan (%)", PCT, 10, 1),
        Col("kas", "Anggaran Kas s.d. Bulan (Rp)", MONEY, 17, 1),
        Col("deviasi", "Deviasi thd Anggaran Kas (Rp)", MONEY, 17, 1),
        Col("kesalahan", "Kesalahan", INT, 9, 1),
        Col("peringatan", "Peringatan", INT, 10, 1),
        Col("status", "Status File", TEXT, 22, 1),
        Col("verifikasi", "Verifikasi Angka", TEXT, 20, 1),
        Col("capaian_iku", "Rata-rata Capaian IKU (%)", PCT, 10, 2),
        Col("jumlah_iku", "Jumlah IKU", INT, 7, 2),
        Col("iku_di_bawah_target", "IKU di Bawah Target", INT, 8, 2),
        Col("capaian_program", "Rata-rata Capaian Indikator Program (%)", PCT, 11, 2),
        Col("efisiensi_anggaran", "Efisiensi Anggaran (%)", PCT, 10, 2),
        Col("kebutuhan_pegawai", "Kebutuhan Pegawai (ABK)", INT, 9, 2),
        Col("pegawai_tersedia", "Pegawai Tersedia", INT, 9, 2),
        Col("persen_sdm", "Ketersediaan SDM (%)", PCT, 10, 2),
        Col("sarpras_dihitung", "Sarpras Tersedia", INT, 9, 2),
        Col("sarpras_standar", "Sarpras Standar", INT, 9, 2),
        Col("persen_sarpras", "Ketersediaan Sarpras (%)", PCT, 10, 2),
        Col("evaluasi_terpenuhi", "Evaluasi Mandiri: Kriteria Terpenuhi", INT, 10, 2),
        Col("evaluasi_dinilai", "Evaluasi Mandiri: Kriteria Dinilai", INT, 9, 2),
        Col("file", "File", TEXT, 48, 3),
        Col("tanggal_proses", "Tanggal Proses", TEXT, 12, 3),
        Col("versi_program", "Versi lkjip-xls", TEXT, 12, 3),
    ]
    return cols


def status_of(office) -> str:
    """"OK" only for figures recomputed from the isian (spec section 10); never for a seal alone."""
    f = office.found
    if f.edited or f.differs or office.verified == DIFFERS:
        return "Berbeda: perlu diperiksa"
    if f.kind != "hasil":
        return "Versi lama: tidak terverifikasi"
    if office.verified != VERIFIED:
        return "Tidak terverifikasi" + (", terlambat" if office.late else "")
    return "Terlambat" if office.late else "OK"


def _num(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def rekap_bytes(rekap: Rekap, run_date: dt.date | None = None) -> bytes:
    from ..writer.results import WORKBOOK_OPTIONS, fixed_properties

    import xlsxwriter

    run_date = run_date or dt.date.today()
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    fixed_properties(wb, f"Rekap LKjIP {rekap.place} {rekap.tahun} s.d. {BULAN[rekap.bulan - 1]}",
                     f"Bappeda {rekap.place}".strip(), run_date)
    fm = Formats(wb)
    several = len({o.found.get("kabupaten") for o in rekap.offices}) > 1
    cols = _fit(columns(several), rekap)
    ws = wb.add_worksheet("Rekap")
    first, last = _rekap_sheet(wb, ws, fm, rekap, cols, run_date)
    _chart(wb, fm, rekap, cols, first, last)
    _e81_sheet(wb, fm, rekap)
    _list_sheet(wb, fm, "Belum Lapor", f"OPD yang Belum Melapor s.d. {BULAN[rekap.bulan - 1]} {rekap.tahun}",
                [("No", 5), ("Perangkat Daerah", 36), ("Keterangan", 60), ("File Terakhir", 48)],
                [(m.opd, m.keterangan, m.file) for m in rekap.missing],
                "Semua OPD pada daftar sudah melapor s.d. bulan ini." if rekap.daftar else
                "Semua OPD yang mengirim workbook sudah melapor s.d. bulan ini. Berikan --daftar (daftar nama OPD) "
                "agar OPD yang belum mengirim sama sekali juga tercantum di sini.")
    _list_sheet(wb, fm, "Masalah", "File yang Bermasalah",
                [("No", 5), ("File", 48), ("Masalah", 70), ("Tindakan", 50)],
                [(p.file, p.masalah, p.tindakan) for p in rekap.problems], "Tidak ada file yang bermasalah.")
    ws.activate()
    wb.close()
    return buffer.getvalue()


def _fit(cols: list[Col], rekap: Rekap) -> list[Col]:
    """Name and file columns as wide as their longest entry (within bounds)."""
    longest = {"opd": max((len(o.found.get("opd") or "") for o in rekap.offices), default=10),
               "file": max((len(o.file) for o in rekap.offices), default=10)}
    bounds = {"opd": (20, 40), "file": (20, 80)}
    out = []
    for c in cols:
        if c.key in longest:
            low, high = bounds[c.key]
            c = Col(c.key, c.header, c.fmt, max(low, min(high, longest[c.key] + 2)), c.part)
        out.append(c)
    return out


def _rekap_sheet(wb, ws, fm: Formats, rekap: Rekap, cols: list[Col], run_date: dt.date) -> tuple[int, int]:
    at = {c.key: k for k, c in enumerate(cols)}
    for k, c in enumerate(cols):
        ws.set_column(k, k, c.width)
    month_name = BULAN[rekap.bulan - 1]
    ws.write_string(0, 0, f"Rekap LKjIP {rekap.place} Tahun {rekap.tahun} s.d. {month_name}", fm.title)
    ws.write_string(1, 0, f"{len(rekap.offices)} Perangkat Daerah dari {rekap.files} file Excel; "
                          f"{len(rekap.missing)} belum lapor, {len(rekap.problems)} masalah "
                          "(lihat sheet Belum Lapor dan Masalah).", fm.subtitle)
    ws.write_string(2, 0, f"Dibuat {run_date.day} {BULAN[run_date.month - 1]} {run_date.year} oleh lkjip-xls dari "
                          f"sheet _data workbook hasil setiap OPD.", fm.subtitle)
    for k, c in enumerate(cols):
        ws.write_string(TOP, k, c.header, fm.header)
    ws.set_row(TOP, 54)
    share = rules.r2(rules.HUNDRED * rekap.bulan / 12)
    first = TOP + 1
    formats = {c.key: _format(fm, c, "iku") for c in cols}
    formats["file"] = fm.get(border=1, valign="top", text_wrap=False)
    at_width = {c.key: c.width for c in cols}

    def cell(key: str, r: int) -> str:
        return xl_rowcol_to_cell(r, at[key])

    for n, office in enumerate(rekap.offices, start=1):
        r = first + n - 1
        f = office.found
        v = f.values
        values = {**v, "no": n, "file": office.file, "status": status_of(office), "verifikasi": office.verified,
                  "tanggal_proses": _tanggal(v.get("tanggal_proses"))}
        height = row_height([(v.get("opd") or "", at_width["opd"], False)])
        if height:
            ws.set_row(r, height)
        for key in ("no", "opd", "kabupaten", "bulan", "pagu", "realisasi", "kas", "kesalahan", "peringatan",
                    "status", "verifikasi", "capaian_iku", "jumlah_iku", "iku_di_bawah_target", "capaian_program",
                    "efisiensi_anggaran", "kebutuhan_pegawai", "pegawai_tersedia", "persen_sdm",
                    "sarpras_dihitung", "sarpras_standar", "persen_sarpras", "evaluasi_terpenuhi",
                    "evaluasi_dinilai", "file", "tanggal_proses",
                    "versi_program"):
            if key not in at:
                continue
            _write(ws, r, at[key], values.get(key), formats[key])
        pen = v.get("penyerapan")
        if v.get("pagu") and pen is not None:
            ws.write_formula(r, at["penyerapan"], "=" + rules.percent_formula(cell("realisasi", r), cell("pagu", r)),
                             formats["penyerapan"], _num(pen))
        else:
            ws.write_blank(r, at["penyerapan"], None, formats["penyerapan"])
        ws.write_formula(r, at["bagian"], f"=ROUND({cell('bulan', r)}/12*100,2)", formats["bagian"],
                         _num(rules.r2(rules.HUNDRED * v["bulan"] / 12)))
        if v.get("kas") is not None and v.get("realisasi") is not None:
            ws.write_formula(r, at["deviasi"], f"={cell('realisasi', r)}-{cell('kas', r)}", formats["deviasi"],
                             int(v["realisasi"]) - int(v["kas"]))
        else:
            ws.write_string(r, at["deviasi"], "-", _format(fm, Col("x", "", TEXT, 1, 0), "iku", marker=True))
    last = first + len(rekap.offices) - 1
    _totals(ws, fm, rekap, cols, at, first, last, share)
    _colours(wb, ws, cols, at, first, last)
    ws.freeze_panes(first, at["bulan"] + 1)
    ws.autofilter(TOP, 0, last, len(cols) - 1)
    _print(ws, rekap, cols, last + 1 + len(not_counted_lines(rekap)))
    return first, last


def _tanggal(iso: str | None) -> str:
    try:
        d = dt.date.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def _format(fm: Formats, c: Col, kind: str, marker: bool = False):
    if marker:
        return fm.cell(c.fmt, kind, text_marker=True)
    num = {PCT: "#,##0.00", MONEY: "#,##0;-#,##0", INT: "#,##0"}.get(c.fmt)
    return fm.cell(c.fmt, kind, num_format=num) if num else fm.cell(TEXT, kind)


def _write(ws, r: int, c: int, value, fmt):
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        ws.write_string(r, c, value, fmt)
    else:
        ws.write_number(r, c, _num(value), fmt)


def _totals(ws, fm, rekap: Rekap, cols, at, first: int, last: int, share: Decimal):
    """The kabupaten row, over the offices verified from their isian only (spec section 10): sums, and
    percentages computed from the sums (R7: efficiency = average capaian IKU minus total penyerapan).
    Live formulas that pick the verified rows by their Verifikasi Angka (SUMIFS, AVERAGEIFS), so sorting
    with the filter buttons keeps them right. A line under it says who is not counted, and when the
    counted offices' data end in different months."""
    r = last + 1
    fmt = {c.key: _format(fm, c, "total") for c in cols}
    for k, c in enumerate(cols):
        ws.write_blank(r, k, None, fmt[c.key])
    counted = [o for o in rekap.offices if o.verified == VERIFIED]
    if counted:
        label = f"Jumlah / rata-rata {rekap.place}: {len(counted)} OPD diverifikasi dari isian"
    else:
        label = f"Jumlah {rekap.place}: tidak dihitung, belum ada OPD yang diverifikasi dari isian"
    ws.write_string(r, at["opd"], label, fmt["opd"])
    height = row_height([(label, cols[at["opd"]].width, True)])
    if height:
        ws.set_row(r, height)
    _not_counted(ws, fm, rekap, counted, r + 1)
    if not counted:
        return

    def span(key):
        col = xl_col_to_name(at[key])
        return f"${col}${first + 1}:${col}${last + 1}"

    def total(key):
        return f"{xl_col_to_name(at[key])}{r + 1}"

    who = f'{span("verifikasi")},"{VERIFIED}"'
    offices = [o.found.values for o in counted]

    def sum_of(key):
        return sum(int(v[key]) for v in offices if v.get(key) is not None)

    for key in ("pagu", "realisasi", "kas", "kesalahan", "peringatan", "jumlah_iku", "iku_di_bawah_target",
                "kebutuhan_pegawai", "pegawai_tersedia", "sarpras_dihitung", "sarpras_standar"):
        ws.write_formula(r, at[key], f"=SUMIFS({span(key)},{who})", fmt[key], sum_of(key))
    pagu, real = sum_of("pagu"), sum_of("realisasi")
    pen = rules.percent(real, pagu)
    if pen is not None:
        ws.write_formula(r, at["penyerapan"], "=" + rules.percent_formula(total("realisasi"), total("pagu")),
                         fmt["penyerapan"], _num(pen))
    ws.write_formula(r, at["bagian"], f"=ROUND({rekap.bulan}/12*100,2)", fmt["bagian"], _num(share))
    with_kas = [v for v in offices if v.get("kas") is not None and v.get("realisasi") is not None]
    ws.write_formula(r, at["deviasi"], f"=SUMIFS({span('deviasi')},{who})", fmt["deviasi"],
                     sum(int(v["realisasi"]) - int(v["kas"]) for v in with_kas))
    for key in ("capaian_iku", "capaian_program"):
        mean = rules.mean_shown([v[key] for v in offices if v.get(key) is not None])
        if mean is not None:
            ws.write_formula(r, at[key], f"=ROUND(AVERAGEIFS({span(key)},{who}),2)", fmt[key], _num(mean))
    cap = rules.mean_shown([v["capaian_iku"] for v in offices if v.get("capaian_iku") is not None])
    if cap is not None and pen is not None:
        ws.write_formula(r, at["efisiensi_anggaran"], f"=ROUND({total('capaian_iku')}-{total('penyerapan')},2)",
                         fmt["efisiensi_anggaran"], _num(rules.r2(cap - pen)))
    for key, part, whole in (("persen_sdm", "pegawai_tersedia", "kebutuhan_pegawai"),
                             ("persen_sarpras", "sarpras_dihitung", "sarpras_standar")):
        value = rules.percent(sum_of(part), sum_of(whole))
        if value is not None:
            ws.write_formula(r, at[key], "=" + rules.percent_formula(total(part), total(whole)), fmt[key],
                             _num(value))


def not_counted_lines(rekap: Rekap) -> list[str]:
    """What the totals row leaves out, and the months the counted offices' data end in, in words."""
    counted = [o for o in rekap.offices if o.verified == VERIFIED]
    sealed = sum(1 for o in rekap.offices if o.verified == SEALED)
    differs = sum(1 for o in rekap.offices if o.verified == DIFFERS)
    out = []
    if sealed or differs:
        parts = ([f"{sealed} OPD tidak dapat diverifikasi"] if sealed else []) + \
                ([f"{differs} OPD berbeda dari isiannya"] if differs else [])
        out.append("Tidak masuk jumlah: " + " dan ".join(parts) + " (lihat kolom Verifikasi Angka dan sheet "
                   "Masalah). Angka OPD itu ditampilkan apa adanya, tidak dijamin.")
    months = Counter(o.found.get("bulan") for o in counted)
    if len(months) > 1:
        out.append("Jumlah memuat data s.d. bulan yang berbeda: " + ", ".join(
            f"{n} OPD s.d. {BULAN[m - 1]}" for m, n in sorted(months.items(), reverse=True)) + ".")
    return out


def _not_counted(ws, fm, rekap: Rekap, counted: list, r: int):
    for k, line in enumerate(not_counted_lines(rekap)):
        ws.write_string(r + k, 1, line, fm.subtitle)


def _colours(wb, ws, cols, at, first: int, last: int):
    """Penyerapan against the share of the year, capaian against 100, errors and file status."""
    if last < first:
        return
    red = wb.add_format({"bg_color": "#F8CBAD"})
    amber = wb.add_format({"bg_color": "#FFF2CC"})
    green = wb.add_format({"bg_color": "#C6EFCE"})
    rows = f"{first + 1}"

    def rng(key):
        return (first, at[key], last, at[key])

    bagian = f"${xl_col_to_name(at['bagian'])}{rows}"
    pen = f"{xl_col_to_name(at['penyerapan'])}{rows}"
    ws.conditional_format(*rng("penyerapan"), {"type": "formula", "criteria": f"=AND(ISNUMBER({pen}),{pen}<{bagian}-10)",
                                               "format": red, "stop_if_true": True})
    ws.conditional_format(*rng("penyerapan"), {"type": "formula", "criteria": f"=AND(ISNUMBER({pen}),{pen}<{bagian})",
                                               "format": amber, "stop_if_true": True})
    ws.conditional_format(*rng("penyerapan"), {"type": "formula", "criteria": f"=ISNUMBER({pen})", "format": green})
    for key in ("capaian_iku", "capaian_program"):
        ref = f"{xl_col_to_name(at[key])}{rows}"
        ws.conditional_format(*rng(key), {"type": "formula", "criteria": f"=AND(ISNUMBER({ref}),{ref}<100)",
                                          "format": red})
        ws.conditional_format(*rng(key), {"type": "formula", "criteria": f"=AND(ISNUMBER({ref}),{ref}>=100)",
                                          "format": green})
    ws.conditional_format(*rng("kesalahan"), {"type": "cell", "criteria": ">", "value": 0, "format": red})
    ws.conditional_format(*rng("iku_di_bawah_target"), {"type": "cell", "criteria": ">", "value": 0, "format": amber})
    ws.conditional_format(*rng("deviasi"), {"type": "cell", "criteria": "<", "value": 0, "format": amber})
    ws.conditional_format(*rng("status"), {"type": "cell", "criteria": "!=", "value": '"OK"', "format": red})


def _print(ws, rekap: Rekap, cols: list[Col], end: int):
    """Three parts side by side, one A4 landscape page wide each, No/OPD/Bulan repeated on each."""
    fixed = [c for c in cols if c.part == 0]
    parts = {p: [c for c in cols if c.part == p] for p in (1, 2, 3)}
    width = max(sum(column_points(c.width) for c in fixed + part) for part in parts.values())
    scale = max(10, min(100, int(100 * SAFETY * printable(True)[0] / width)))
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_print_scale(scale)
    ws.repeat_rows(TOP)
    ws.repeat_columns(0, len(fixed) - 1)
    breaks, k = [], len(fixed)
    for p in (1, 2):
        k += len(parts[p])
        breaks.append(k)
    ws.set_v_pagebreaks(breaks)
    ws.print_area(TOP, 0, end, len(cols) - 1)  # the title lines are in the page header instead
    title = f"Rekap LKjIP {rekap.place} Tahun {rekap.tahun} s.d. {BULAN[rekap.bulan - 1]}".replace("&", "&&")
    ws.set_header(f"&L&11&B{title}&R&10Jumlah Perangkat Daerah: {len(rekap.offices)}")
    ws.set_footer("&L&10Rekap LKjIP&R&10Halaman &P dari &N")
    ws.hide_gridlines(2)


def _chart(wb, fm: Formats, rekap: Rekap, cols: list[Col], first: int, last: int):
    """Penyerapan per office against the share of the year (on a sheet of its own)."""
    ws = wb.add_worksheet("Grafik")
    ws.write_string(0, 0, f"Penyerapan Anggaran per Perangkat Daerah s.d. {BULAN[rekap.bulan - 1]} {rekap.tahun}",
                    fm.title)
    if last < first:
        return
    at = {c.key: k for k, c in enumerate(cols)}
    chart = bars_against_line(wb, "Rekap", first, last, at["opd"], (at["penyerapan"], "Penyerapan (%)"),
                              (at["bagian"], _share_label(rekap)),
                              "Penyerapan Anggaran terhadap Bagian Tahun Berjalan",
                              (max(900, 40 * len(rekap.offices)), 420), y_max=100, y_name="%", label_size=8,
                              x_rotation=-45)
    ws.insert_chart(2, 0, chart)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)


def _share_label(rekap: Rekap) -> str:
    """The legend of the line of each office's share of the year: one month when all offices are at the
    rekap's month, else said per office (an office that reported to September is at 9/12)."""
    months = {o.found.get("bulan") for o in rekap.offices}
    if months <= {rekap.bulan}:
        return f"Bagian tahun berjalan ({rekap.bulan}/12)"
    return "Bagian tahun berjalan (bulan data OPD/12)"


E81_COLUMNS = (("No", 5, INT), ("Perangkat Daerah", 34, TEXT), ("Data s.d. Bulan", 10, TEXT),
               ("Rata-rata Capaian Kinerja Renja (%)", 12, PCT), ("Predikat Kinerja", 14, TEXT),
               ("Rata-rata Capaian Anggaran Renja (%)", 12, PCT), ("Predikat Anggaran", 14, TEXT),
               ("Verifikasi Angka", 16, TEXT), ("Keterangan", 40, TEXT))


def _e81_note(office) -> str:
    f = office.found
    if f.edited or f.differs:
        return "Diubah setelah dibuat: angka tidak dapat dipercaya, lihat sheet Masalah"
    if office.verified == DIFFERS:
        return "Berbeda dari isian OPD: angka tidak dapat dipercaya, lihat sheet Masalah"
    if office.verified != VERIFIED:
        return "Tidak dapat diverifikasi" + (f": {office.why}" if office.why else "") + "; angka tidak dijamin"
    return ""


def e81_rows(rekap: Rekap) -> tuple[list[tuple], list[tuple]]:
    """(offices that sent the quarter's E.81, with their own averages and predikat; offices that did not,
    with why). An office has sent the quarter when its latest month lies in it."""
    q = (rekap.bulan - 1) // 3 + 1
    sent, not_sent = [], []
    for o in rekap.offices:
        f = o.found
        month = f.get("bulan")
        if f.get("e81_triwulan") == q and 3 * q - 2 <= month:
            label = BULAN[month - 1] + ("" if month == 3 * q else " (triwulan belum selesai)")
            sent.append((f.get("opd"), label, f.get("e81_capaian_kinerja"), f.get("e81_predikat_kinerja"),
                         f.get("e81_capaian_anggaran"), f.get("e81_predikat_anggaran"), o.verified,
                         _e81_note(o)))
        elif f.get("e81_triwulan") is None:
            not_sent.append((f.get("opd"), "workbook tanpa Form E.81 (lkjip-xls versi lama)"))
        else:
            not_sent.append((f.get("opd"), f"laporan terakhir s.d. {BULAN[month - 1]}, belum triwulan "
                                           f"{rules.ROMAN[q - 1]}"))
    named = {M.office_key(o.found.get("opd")) for o in rekap.offices}
    for m in rekap.missing:
        if M.office_key(m.opd) not in named:
            not_sent.append((m.opd, "tidak ada workbook hasil"))
    return sent, not_sent


def _e81_sheet(wb, fm: Formats, rekap: Rekap):
    """Form E.81 of the rekap's quarter: each office's own averages and predikat (sortable with the
    filter buttons), then the offices that have not sent that quarter."""
    q = (rekap.bulan - 1) // 3 + 1
    ws = wb.add_worksheet("E.81")
    for k, (_, width, _) in enumerate(E81_COLUMNS):
        ws.set_column(k, k, width)
    ws.write_string(0, 0, f"Rekap Evaluasi Hasil Renja (Form E.81) Triwulan {rules.ROMAN[q - 1]} {rekap.tahun} — "
                          f"{rekap.place}", fm.title)
    ws.write_string(1, 0, "Angka dari Form E.81 setiap OPD (rata-rata kolom 14); predikat skala Permendagri "
                          "86/2017.", fm.subtitle)
    top = 3
    for k, (header, _, _) in enumerate(E81_COLUMNS):
        ws.write_string(top, k, header, fm.header)
    ws.set_row(top, row_height([(h, w, True) for h, w, _ in E81_COLUMNS]))
    sent, not_sent = e81_rows(rekap)
    for n, row in enumerate(sent, start=1):
        r = top + n
        ws.write_number(r, 0, n, fm.cell(INT, "iku", num_format="#,##0"))
        for k, (value, (_, _, fmt)) in enumerate(zip(row, E81_COLUMNS[1:]), start=1):
            if fmt == PCT and value is not None:
                ws.write_number(r, k, _num(value), fm.cell(PCT, "iku", num_format="#,##0.00"))
            else:
                ws.write_string(r, k, "-" if value is None and fmt == PCT else (value or ""),
                                fm.cell(TEXT, "iku", text_marker=fmt == PCT))
    end = top + len(sent)
    if sent:
        ws.autofilter(top, 0, end, len(E81_COLUMNS) - 1)
    r = end + 2
    ws.write_string(r, 0, f"Belum mengirim Form E.81 triwulan {rules.ROMAN[q - 1]} ({len(not_sent)} OPD)",
                    fm.get(bold=True, font_size=11))
    for n, (opd, why) in enumerate(not_sent, start=1):
        ws.write_number(r + n, 0, n, fm.cell(INT, "iku", num_format="#,##0"))
        ws.write_string(r + n, 1, opd or "", fm.cell(TEXT, "iku"))
        ws.merge_range(r + n, 2, r + n, len(E81_COLUMNS) - 1, why, fm.cell(TEXT, "iku"))
    if not not_sent:
        ws.write_string(r + 1, 1, "Semua OPD sudah mengirim.", fm.subtitle)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.set_footer("&L&10Rekap E.81&R&10Halaman &P dari &N")


def _list_sheet(wb, fm: Formats, name: str, title: str, header: list[tuple[str, int]], rows: list[tuple],
                empty: str):
    ws = wb.add_worksheet(name)
    for k, (_, width) in enumerate(header):
        ws.set_column(k, k, width)
    ws.write_string(0, 0, title, fm.title)
    for k, (h, _) in enumerate(header):
        ws.write_string(2, k, h, fm.header)
    text = fm.cell(TEXT, "iku")
    number = fm.cell(INT, "iku", num_format="#,##0")
    for n, row in enumerate(rows, start=1):
        ws.write_number(2 + n, 0, n, number)
        for k, value in enumerate(row, start=1):
            ws.write_string(2 + n, k, value or "", text)
        height = row_height([(value or "", header[k][1], False) for k, value in enumerate(row, start=1)])
        if height:
            ws.set_row(2 + n, height)
    if not rows and empty:
        ws.write_string(3, 1, empty, fm.subtitle)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.set_footer(f"&L&10{name}&R&10Halaman &P dari &N")
