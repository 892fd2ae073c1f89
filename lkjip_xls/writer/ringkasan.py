"""The Ringkasan (summary) sheet: headline figures referring to the table sheets, and two charts.

The sheet is a sequence of blocks (a heading, a header row, rows). Every figure taken from a table is a
formula referring to that table's cell and carries that column's number format, so the same figure is
written the same way on both sheets. Blocks are laid out with ``layout.Pager``: a heading never ends a
printed page away from its rows, and the charts start a page of their own.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from dataclasses import dataclass

from ..kinerja import rules
from ..kinerja.model import with_region
from ..inputs.schema import BULAN
from ..kinerja.table import Table
from .charts import bars_against_line
from .formats import Formats, decimals_format, row_height
from .layout import DEFAULT_ROW, Pager
from .results import Context, _is_number, _num, page_setup, tanggal

SHEET = "Ringkasan"
WIDTHS = (34, 40, 13, 13, 14, 13, 14)
CHART_ROWS = 17  # rows a chart of 300 px covers (15 pt = 20 px per row)
CHART_PX = (900, 300)


@dataclass
class Item:
    """One cell of a Ringkasan row: text, a number (with its format), a formula, or a table reference."""

    text: str | None = None
    value: object = None
    num_format: str | None = None
    formula: str | None = None  # "=..." with the cached ``value``; "{row}" is this cell's Excel row
    ref: tuple[str, int, str] | None = None  # (table key, frame row, column)
    style: str = "iku"  # row kind for the cell style (iku, total)


def T(text, style="iku") -> Item:
    return Item(text="" if text is None else str(text), style=style)


def N(value, num_format: str, style="iku") -> Item:
    return Item(value=value, num_format=num_format, style=style)


def R(key: str, row: int, col: str, style="iku") -> Item:
    return Item(ref=(key, row, col), style=style)


class _Writer:
    def __init__(self, wb, ws, fm: Formats, ctx: Context, tables: dict[str, Table]):
        self.wb, self.ws, self.fm, self.ctx, self.tables = wb, ws, fm, ctx, tables
        self.pager = Pager(list(WIDTHS))
        self.row = 0

    # one cell -------------------------------------------------------------------------------------
    def _write(self, c: int, item: Item):
        ws, fm, r = self.ws, self.fm, self.row
        if item.ref:
            key, row, col = item.ref
            value = self.tables[key].value(row, col)
            placed = self.ctx.placed[key]
            if _is_number(value):
                fmt = fm.cell("num", item.style, num_format=placed.format(row, col))
                ws.write_formula(r, c, "=" + placed.ref(row, col), fmt, _num(value))
            else:  # text: a name stays left-aligned, a marker ("-", "belum ada data") is centred
                is_text = next(col.fmt for col in self.tables[key].columns if col.key == item.ref[2]) == "text"
                ws.write_string(r, c, "" if value is None else str(value),
                                fm.cell("text", item.style, text_marker=not is_text))
        elif item.formula:
            ws.write_formula(r, c, item.formula.replace("{row}", str(r + 1)),
                             fm.cell("num", item.style, num_format=item.num_format), _num(item.value))
        elif _is_number(item.value):
            ws.write_number(r, c, _num(item.value), fm.cell("num", item.style, num_format=item.num_format))
        elif item.value is not None:  # a marker ("-", "belum ada data") in a number column
            ws.write_string(r, c, str(item.value), fm.cell("text", item.style, text_marker=True))
        else:
            ws.write_string(r, c, item.text or "", fm.cell("text", item.style))

    def _height(self, items: list[Item], bold: bool = False) -> float:
        texts = []
        for c, item in enumerate(items):
            text = item.text
            if item.ref:
                v = self.tables[item.ref[0]].value(item.ref[1], item.ref[2])
                text = v if isinstance(v, str) else None
            if text:
                texts.append((text, WIDTHS[c], bold))
        return row_height(texts) or DEFAULT_ROW

    # blocks ---------------------------------------------------------------------------------------
    def block(self, heading: str, header: list[str] | None, rows: list[list[Item]], keep: int = 2) -> int:
        """Write a block; returns the sheet row of its first data row."""
        self.row += 1
        self.pager.advance(DEFAULT_ROW, self.row)
        header_h = row_height([(h, WIDTHS[c], True) for c, h in enumerate(header or [])]) or DEFAULT_ROW
        heights = [self._height(r) for r in rows]
        self.pager.keep(self.row, [DEFAULT_ROW, header_h if header else 0] + heights[:keep])
        self.ws.write_string(self.row, 0, heading, self.fm.get(bold=True, font_size=11, bottom=2))
        self.pager.advance(DEFAULT_ROW, self.row)
        self.row += 1
        if header:
            for c, h in enumerate(header):
                self.ws.write_string(self.row, c, h, self.fm.header)
            self.ws.set_row(self.row, header_h)
            self.pager.advance(header_h, self.row)
            self.row += 1
        first = self.row
        for items, h in zip(rows, heights):
            self.pager.advance(h, self.row)
            for c, item in enumerate(items):
                self._write(c, item)
            if h != DEFAULT_ROW:
                self.ws.set_row(self.row, h)
            self.row += 1
        return first


def _total_row(t: Table) -> int:
    return int(t.frame.index[t.frame["kind"] == "total"][-1])


def _owner(t: Table, i: int) -> str:
    """The Program/Kegiatan/Sub Kegiatan a (possibly continuation) indicator row belongs to."""
    for k in range(i, -1, -1):
        u = t.value(k, "uraian")
        if u:
            return u
    return ""


def write_ringkasan(wb, ws, fm: Formats, ctx: Context, result, monitoring: dict[str, Table]):
    """The summary sheet of an analysed ``result`` (``api.Result``); ``monitoring`` are the Pemantauan
    tables as placed on their sheets."""
    p = result.period
    month, figures = p.month, result.key_figures
    programs = list(p.programs["kode"]) if not p.programs.empty else []
    w = _Writer(wb, ws, fm, ctx, {**result.tables, **monitoring})
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, "Ringkasan Laporan Kinerja Instansi Pemerintah (LKjIP)", fm.title)
    ws.write_string(1, 0, f"{with_region(ctx.opd, ctx.kabupaten)} — Tahun {ctx.tahun}", fm.get(bold=True))
    ws.write_string(2, 0, f"Periode: {ctx.period_label}", fm.subtitle)
    ws.write_string(3, 0, f"Tanggal proses: {tanggal(ctx.run_date)}", fm.subtitle)
    w.row = 4
    w.pager.advance(4 * DEFAULT_ROW)

    _iku(w)
    _key_figures(w, result.errors, result.warnings, month, monitoring, figures)
    penyerapan = _absorption(w, month, monitoring, programs, result.kas_plan, result.year_share)
    _behind(w, month, result.behind, figures["indikator_tanpa_capaian"])
    if result.changes is not None:
        _changes(w, result.changes)
    capaian = _programme_chart_data(w)
    _charts(wb, w, capaian, penyerapan, month)
    ws.set_h_pagebreaks(w.pager.breaks)
    page_setup(ws, ctx, footer="Ringkasan LKjIP")


def _iku(w: _Writer):
    t = w.tables["3.1"]
    rows = []
    for i, kind in enumerate(t.frame["kind"]):
        if kind == "total":
            rows.append([T("Rata-rata capaian IKU", "total"), T("", "total"), T("", "total"), T("", "total"),
                         R("3.1", i, "capaian", "total"), R("3.1", i, "predikat", "total")])
        else:
            rows.append([T(t.value(i, "sasaran")), T(t.value(i, "indikator")), R("3.1", i, "target"),
                         R("3.1", i, "realisasi"), R("3.1", i, "capaian"), R("3.1", i, "predikat")])
    w.block("Indikator Kinerja Utama (Tabel 3.1)",
            ["Sasaran Strategis", "Indikator Kinerja Utama", "Target", "Realisasi", "Capaian (%)", "Predikat"], rows)


def _key_figures(w: _Writer, errors: int, warnings: int, month: int, monitoring: dict, figures: dict):
    tot = {k: _total_row(w.tables[k]) for k in ("3.12", "3.13", "3.14", "3.15", "3.17")}
    lines = [
        ("Rata-rata capaian indikator program (%)", "3.13", "capaian"),
        ("Pagu anggaran (Rp)", "3.12", "alokasi"),
        ("Realisasi anggaran (Rp)", "3.12", "realisasi_anggaran"),
        ("Penyerapan anggaran (%)", "3.12", "capaian_anggaran"),
        ("Sisa anggaran / SiLPA (Rp)", "3.12", "silpa"),
        ("Efisiensi penggunaan anggaran (%)", "3.14", "efisiensi"),
        ("Kebutuhan pegawai (ABK)", "3.15", "kebutuhan"),
        ("Pegawai tersedia", "3.15", "tersedia"),
        ("Ketersediaan SDM (%)", "3.15", "persen_sdm"),
        ("Ketersediaan sarana dan prasarana (%)", "3.17", "persen"),
    ]
    rows = [[T(label), R(key, tot[key], col), T(f"Tabel {key}")] for label, key, col in lines]
    rows.insert(0, _below_target(w, figures["iku_di_bawah_target"]))
    rows[5:5] = _kas_rows(w, month, monitoring.get("Pemantauan Anggaran"), tot["3.12"], figures)
    for label, count, word in (("Jumlah kesalahan di sheet Pemeriksaan", errors, "Kesalahan"),
                               ("Jumlah peringatan di sheet Pemeriksaan", warnings, "Peringatan")):
        rows.append([T(label), Item(value=count, num_format="#,##0",
                                    formula=f'=COUNTIF(Pemeriksaan!$B:$B,"{word}")'), T("Pemeriksaan")])
    mandiri = _mandiri_rows(w, figures)
    rows += mandiri
    first = w.block("Ikhtisar Kinerja, Anggaran dan Sumber Daya", ["Uraian", "Nilai", "Sumber"], rows)
    if mandiri:
        at = first + len(rows) - len(mandiri)
        w.ctx.figure_refs["evaluasi_terpenuhi"] = f"'{w.ws.get_name()}'!$B${at + 1}"
        w.ctx.figure_refs["evaluasi_dinilai"] = f"'{w.ws.get_name()}'!$B${at + 2}"
    # where the Ringkasan itself shows a key figure (the rekap reads it there: writer/fingerprint.py)
    w.ctx.figure_refs["iku_di_bawah_target"] = f"'{w.ws.get_name()}'!$B${first + 1}"
    if figures["kas"] is not None and monitoring.get("Pemantauan Anggaran") is not None:
        w.ctx.figure_refs["kas"] = f"'{w.ws.get_name()}'!$B${first + 6}"


def _mandiri_rows(w: _Writer, figures: dict) -> list[list[Item]]:
    """Criteria of the Evaluasi Mandiri met, and decided: counted by formulas over its Hasil column."""
    from ..kinerja.mandiri import SHEET

    placed = w.ctx.placed.get("EM")
    if placed is None or figures.get("evaluasi_dinilai") is None:
        return []
    col = xl_col_to_name(placed.cols["hasil"])
    hasil = f"'{SHEET}'!${col}${placed.rows[0] + 1}:${col}${placed.rows[-1] + 1}"
    met = f'COUNTIF({hasil},"Terpenuhi")'
    decided = f'{met}+COUNTIF({hasil},"Sebagian")+COUNTIF({hasil},"Belum")'
    return [[T("Kriteria evaluasi mandiri terpenuhi"), Item(value=figures["evaluasi_terpenuhi"], num_format="#,##0",
                                                            formula="=" + met), T(SHEET)],
            [T("Kriteria evaluasi mandiri yang dinilai"), Item(value=figures["evaluasi_dinilai"],
                                                               num_format="#,##0", formula="=" + decided), T(SHEET)]]


def _below_target(w: _Writer, count: int) -> list[Item]:
    """IKU whose capaian is below 100 (R12, ``count`` from the key figures), counted by a formula over
    Tabel 3.1."""
    t = w.tables["3.1"]
    rows = [i for i, kind in enumerate(t.frame["kind"]) if kind == "iku"]
    placed = w.ctx.placed["3.1"]
    span = f"'{placed.sheet}'!{placed.local(rows[0], 'capaian')}:{placed.local(rows[-1], 'capaian')}" if rows else "0"
    item = Item(value=count, num_format="#,##0", formula=f'=COUNTIF({span},"<100")') if rows else N(0, "#,##0")
    return [T(f"IKU di bawah target (dari {len(rows)} IKU)"), item, T("Tabel 3.1")]


def _kas_rows(w: _Writer, month: int, kas_table: Table | None, total: int, figures: dict) -> list[list[Item]]:
    """Anggaran kas up to the month over the programs, and the realisasi's deviation from it (only when
    every program with a pagu has a plan: ``keyfigures.office_kas``)."""
    if kas_table is None or figures["kas"] is None:
        return []
    rows = [i for i, kind in enumerate(kas_table.frame["kind"]) if kind == "program"
            and _is_number(kas_table.value(i, "pagu"))]
    placed = w.ctx.placed["Pemantauan Anggaran"]
    refs = ",".join(placed.ref(i, "kas") for i in rows)
    real_ref = w.ctx.placed["3.12"].ref(total, "realisasi_anggaran")
    return [[T(f"Anggaran kas s.d. {BULAN[month - 1]} (Rp)"),
             Item(value=figures["kas"], num_format="#,##0", formula=f"=SUM({refs})"), T("Pemantauan Anggaran")],
            [T("Deviasi realisasi thd anggaran kas (Rp)"),
             Item(value=figures["deviasi_kas"], num_format="#,##0;-#,##0", formula=f"={real_ref}-SUM({refs})"),
             T("Pemantauan Anggaran")]]


def _absorption(w: _Writer, month: int, monitoring: dict[str, Table], programs, kas_plan: dict,
                share) -> tuple[int, int, bool]:
    """Penyerapan per program against the share of the year and the anggaran kas plan (chart data).
    Returns (first row, last row, has anggaran kas)."""
    t = w.tables["3.13"]
    kas_table = monitoring.get("Pemantauan Anggaran")
    kas_rows = {}
    if kas_table is not None:
        kas_rows = {k: i for i, k in enumerate(kas_table.frame["kode"])}
    has_kas = False
    rows = []
    for i, alokasi in enumerate(t.frame["alokasi"]):
        if t.value(i, "kind") != "program" or alokasi is None:
            continue
        kode = programs[i] if programs is not None and i < len(programs) else None
        k = kas_rows.get(kode)
        kas_item = T("-")
        if k is not None and _is_number(kas_table.value(k, "kas")):
            has_kas = True
            placed = w.ctx.placed["Pemantauan Anggaran"]
            kas_item = Item(value=kas_plan[kode], num_format=decimals_format(2),
                            formula="=" + rules.percent_formula(placed.ref(k, "kas"), placed.ref(k, "pagu")))
        rows.append([T(_short(t.value(i, "program"))), R("3.13", i, "alokasi"), R("3.13", i, "realisasi_anggaran"),
                     R("3.13", i, "capaian_anggaran"), kas_item, N(share, decimals_format(2))])
    first = w.block(f"Penyerapan Anggaran per Program s.d. {BULAN[month - 1]}",
                    ["Program", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)", "Rencana Anggaran Kas (%)",
                     "Bagian Tahun Berjalan (%)"], rows)
    return first, w.row - 1, has_kas


def _behind(w: _Writer, month: int, behind: list[dict], missing: int):
    t = w.tables["3.3"]
    rows = []
    for b in behind:
        i = b["row"]
        target_ref = w.ctx.placed["3.3"].ref(i, "target")
        real_ref = w.ctx.placed["3.3"].ref(i, "realisasi")
        if b["dasar"].endswith("/12 target tahunan"):
            bench = Item(value=b["pembanding"], num_format=decimals_format(2),
                         formula=f"=ROUND({target_ref}*{month}/12,2)")
        elif b["dasar"] == "target tahunan":
            bench = R("3.3", i, "target")
        else:
            bench = N(b["pembanding"], decimals_format(2))
        real = t.frame.iloc[i]["realisasi"]
        # over a level (R13) or a range (R14) Excel has no arithmetic: the program's figure, no formula
        cap = (None if isinstance(b["pembanding"], str) or isinstance(real, str) else
               "=" + rules.capaian_formula(b["polaritas"], b["method"], "D{row}", real_ref))
        rows.append([T(_owner(t, i)), R("3.3", i, "indikator"), R("3.3", i, "target"), bench, T(b["dasar"]),
                     R("3.3", i, "realisasi"), Item(value=b["capaian"], num_format=decimals_format(2), formula=cap)])
    if not rows:
        rows = [[T("Semua indikator yang sudah ada realisasinya mencapai pembandingnya.")]]
    heading = (f"Indikator di Bawah Target s.d. {BULAN[month - 1]} ({len(behind)} indikator; Tabel 3.3)"
               if month == 12 else
               f"Indikator di Bawah Pembanding s.d. {BULAN[month - 1]} ({len(behind)} indikator; Tabel 3.3)")
    w.block(heading, ["Program/Kegiatan/Sub Kegiatan", "Indikator", "Target Tahunan", "Pembanding s.d. Bulan Ini",
                      "Dasar Pembanding", "Realisasi", "Capaian thd Pembanding (%)"], rows)
    notes = []
    if month < 12:
        notes.append("Indikator berjenis Jumlah dibandingkan dengan target Rencana Aksi s.d. bulan ini, atau bila "
                     f"tidak ada dengan {month}/12 target tahunan; indikator lain dengan target tahunannya.")
    if missing:
        notes.append(f"{missing} indikator belum ada data realisasi untuk periode ini (lihat Pemeriksaan).")
    for note in notes:
        w.ws.write_string(w.row, 0, note, w.fm.get(italic=True))
        w.pager.advance(DEFAULT_ROW, w.row)
        w.row += 1


def _changes(w: _Writer, ch):
    money, intf = "#,##0", "#,##0"
    rows = [[T("Realisasi anggaran bulan ini (Rp)"), N(ch.budget_this_month, money)],
            [T("Indikator yang realisasinya berubah"), N(len(ch.moved), intf)],
            [T("Masalah yang sudah diperbaiki"), N(len(ch.fixed), intf)],
            [T("Masalah baru"), N(len(ch.new), intf)]]
    w.block(f"Perubahan sejak Bulan Lalu ({BULAN[ch.previous_month - 1]}, file {ch.previous_file})",
            ["Uraian", "Jumlah"], rows)
    if ch.moved:
        w.block("Indikator yang Realisasinya Berubah", ["Kode", "Indikator", "Bulan Lalu", "Bulan Ini"],
                [[T(kode), T(ind), _figure(before), _figure(now)] for kode, ind, before, now in ch.moved])
    for title, items in (("Masalah yang Sudah Diperbaiki", ch.fixed), ("Masalah Baru", ch.new)):
        if items:
            rows = [[T(where), T(message)] for where, message in items[:30]]
            if len(items) > 30:
                rows.append([T(f"... dan {len(items) - 30} lainnya (lihat Pemeriksaan)")])
            w.block(title, ["Workbook / Sheet / Sel", "Masalah"], rows)


def _figure(value) -> Item:
    if value is None:
        return N("belum ada data", "@")
    from .formats import value_format

    return N(value, value_format(value))


def _short(name: str | None) -> str:
    return (name or "").removeprefix("Program ").strip()


def _programme_chart_data(w: _Writer) -> tuple[int, int]:
    t = w.tables["3.13"]
    rows, owner = [], ""
    for i, kind in enumerate(t.frame["kind"]):
        if kind != "program":
            continue
        owner = t.value(i, "program") or owner
        rows.append([T(t.value(i, "indikator")), T(_short(owner)), R("3.13", i, "capaian"),
                     N(100, decimals_format(2))])
    first = w.block("Data Grafik Capaian Indikator Program (merujuk Tabel 3.13)",
                    ["Indikator Program", "Program", "Capaian (%)", "Target (%)"], rows)
    return first, w.row - 1


def _charts(wb, w: _Writer, capaian: tuple[int, int], penyerapan: tuple[int, int, bool], month: int):
    first, last = capaian
    c1 = bars_against_line(wb, SHEET, first, last, 0, (2, "Capaian (%)"), (3, "Target 100%"),
                           "Capaian Indikator Program terhadap Target 100%", CHART_PX)

    pfirst, plast, has_kas = penyerapan

    def kas(marks, categories):
        if has_kas:
            marks.add_series({"name": "Rencana anggaran kas (%)", "categories": categories,
                              "values": [SHEET, pfirst, 4, plast, 4], "line": {"none": True},
                              "marker": {"type": "diamond", "size": 8, "fill": {"color": "#ED7D31"},
                                         "border": {"color": "#ED7D31"}}})

    c2 = bars_against_line(wb, SHEET, pfirst, plast, 0, (3, "Penyerapan (%)"),
                           (5, f"Bagian tahun berjalan ({month}/12)"),
                           "Penyerapan Anggaran per Program terhadap Bagian Tahun Berjalan", CHART_PX,
                           y_max=100 if month < 12 else None, y_name="%", extra=kas)

    w.row += 1
    w.pager.new_page(w.row)  # the charts start a page of their own
    w.ws.write_string(w.row, 0, "Grafik", w.fm.get(bold=True, font_size=11, bottom=2))
    w.ws.insert_chart(w.row + 1, 0, c1)
    w.ws.insert_chart(w.row + 2 + CHART_ROWS, 0, c2)
    w.row += 3 + 2 * CHART_ROWS
