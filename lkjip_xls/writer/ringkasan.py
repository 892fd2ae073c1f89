"""The Ringkasan (summary) sheet: headline figures referring to the table sheets, and two charts."""

from __future__ import annotations

from ..table import DASH, Table
from .formats import Formats
from .results import Context, _is_number, _num, tanggal


class _Writer:
    def __init__(self, ws, fm: Formats, ctx: Context, tables: dict[str, Table]):
        self.ws, self.fm, self.ctx, self.tables = ws, fm, ctx, tables
        self.row = 0

    def ref(self, key: str, row: int, col: str, fmt):
        """Write a cell that refers to a table cell, cached with the table's value."""
        value = self.tables[key].value(row, col)
        r, c = self.row, self._col
        if _is_number(value):
            self.ws.write_formula(r, c, "=" + self.ctx.placed[key].ref(row, col), fmt, _num(value))
        else:
            self.ws.write_string(r, c, "" if value is None else str(value), self.fm.cell("text", "iku", text_marker=True))
        self._col += 1

    def text(self, value, fmt=None):
        self._texts.append((self._col, "" if value is None else str(value)))
        self.ws.write_string(self.row, self._col, "" if value is None else str(value),
                             fmt or self.fm.cell("text", "iku"))
        self._col += 1

    def start(self):
        self._col = 0
        self._texts = []

    def fit(self, widths):
        """Set the height of the current row from the texts written on it."""
        from .formats import row_height

        h = row_height([(t, widths[c], False) for c, t in self._texts])
        if h:
            self.ws.set_row(self.row, h)

    def heading(self, text: str):
        self.row += 1
        self.ws.write_string(self.row, 0, text, self.fm.get(bold=True, font_size=11, bottom=2))
        self.row += 1

    def header(self, *cols):
        for c, h in enumerate(cols):
            self.ws.write_string(self.row, c, h, self.fm.header)
        self.row += 1


def _total_row(t: Table) -> int:
    totals = t.frame.index[t.frame["kind"] == "total"]
    return int(totals[-1])


def write_ringkasan(wb, ws, fm: Formats, ctx: Context, tables: dict[str, Table], errors: int, warnings: int,
                    changes=None):
    w = _Writer(ws, fm, ctx, tables)
    widths = (40, 44, 14, 14, 13, 24)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    pct = fm.cell("pct", "iku")
    money = fm.cell("money", "iku")
    num = fm.cell("num", "iku")
    intf = fm.cell("int", "iku")
    ws.write_string(0, 0, "Ringkasan Laporan Kinerja Instansi Pemerintah (LKjIP)", fm.title)
    ws.write_string(1, 0, f"{ctx.opd}, {ctx.kabupaten} — Tahun {ctx.tahun}", fm.get(bold=True))
    ws.write_string(2, 0, f"Periode: {ctx.period_label}", fm.subtitle)
    ws.write_string(3, 0, f"Tanggal proses: {tanggal(ctx.run_date)}", fm.subtitle)
    w.row = 4

    # IKU
    w.heading("Indikator Kinerja Utama (Tabel 3.1)")
    w.header("Sasaran Strategis", "Indikator Kinerja Utama", "Target", "Realisasi", "Capaian (%)", "Predikat")
    t31 = tables["3.1"]
    for i, row in t31.frame.iterrows():
        w.start()
        if row["kind"] == "total":
            w.text("Rata-rata capaian IKU", fm.cell("text", "total"))
            w.text("", fm.cell("text", "total"))
            w.text("", fm.cell("text", "total"))
            w.text("", fm.cell("text", "total"))
            w.ref("3.1", i, "capaian", fm.cell("pct", "total"))
            w.ref("3.1", i, "predikat", fm.cell("text", "total"))
        else:
            w.text(row["sasaran"])
            w.text(row["indikator"])
            w.ref("3.1", i, "target", num)
            w.ref("3.1", i, "realisasi", num)
            w.ref("3.1", i, "capaian", pct)
            w.ref("3.1", i, "predikat", fm.cell("text", "iku"))
        w.fit(widths)
        w.row += 1

    # key figures
    w.heading("Ikhtisar Kinerja, Anggaran dan Sumber Daya")
    w.header("Uraian", "Nilai", "Sumber")
    t312, t313, t315, t317 = tables["3.12"], tables["3.13"], tables["3.15"], tables["3.17"]
    lines = [
        ("Rata-rata capaian indikator program (%)", "3.13", _total_row(t313), "capaian", pct),
        ("Pagu anggaran (Rp)", "3.12", _total_row(t312), "alokasi", money),
        ("Realisasi anggaran (Rp)", "3.12", _total_row(t312), "realisasi_anggaran", money),
        ("Penyerapan anggaran (%)", "3.12", _total_row(t312), "capaian_anggaran", pct),
        ("Sisa anggaran / SiLPA (Rp)", "3.12", _total_row(t312), "silpa", money),
        ("Kebutuhan pegawai (ABK)", "3.15", _total_row(t315), "kebutuhan", intf),
        ("Pegawai tersedia", "3.15", _total_row(t315), "tersedia", intf),
        ("Ketersediaan SDM (%)", "3.15", _total_row(t315), "persen_sdm", pct),
        ("Ketersediaan sarana dan prasarana (%)", "3.17", _total_row(t317), "persen", pct),
    ]
    for label, key, row, col, fmt in lines:
        w.start()
        w.text(label)
        w.ref(key, row, col, fmt)
        w.text(f"Tabel {key}")
        w.fit(widths)
        w.row += 1
    for label, count, word in (("Jumlah kesalahan di sheet Pemeriksaan", errors, "Kesalahan"),
                               ("Jumlah peringatan di sheet Pemeriksaan", warnings, "Peringatan")):
        w.start()
        w.text(label)
        ws.write_formula(w.row, 1, f'=COUNTIF(Pemeriksaan!$B:$B,"{word}")', intf, count)
        w._col = 2
        w.text("Pemeriksaan")
        w.fit(widths)
        w.row += 1

    if changes is not None:
        _changes(w, changes)

    # indicators below target
    t33 = tables["3.3"]
    below = [i for i, r in t33.frame.iterrows()
             if _is_number(r["capaian"]) and r["capaian"] < 100]
    missing = [i for i, r in t33.frame.iterrows() if r["capaian"] == DASH]
    w.heading(f"Indikator di Bawah Target ({len(below)} indikator; Tabel 3.3)")
    w.header("Program/Kegiatan/Sub Kegiatan", "Indikator", "Target", "Realisasi", "Capaian (%)")
    for i in below:
        w.start()
        w.text(_owner(t33, i))
        w.text(t33.value(i, "indikator"))
        w.ref("3.3", i, "target", num)
        w.ref("3.3", i, "realisasi", num)
        w.ref("3.3", i, "capaian", pct)
        w.fit(widths)
        w.row += 1
    if not below:
        w.start()
        w.text("Semua indikator mencapai target.")
        w.fit(widths)
        w.row += 1
    if missing:
        w.start()
        w.text(f"{len(missing)} indikator belum ada data realisasi untuk periode ini (lihat Pemeriksaan).",
               fm.get(italic=True))
        w.fit(widths)
        w.row += 1

    _charts(wb, ws, w, tables)


def _changes(w: _Writer, ch):
    from ..numbers import fmt_id
    from ..schema import BULAN

    fm, widths = w.fm, (40, 44, 14, 14, 13, 24)
    w.heading(f"Perubahan sejak Bulan Lalu ({BULAN[ch.previous_month - 1]}, file {ch.previous_file})")
    w.start()
    w.text("Realisasi anggaran bulan ini (Rp)")
    w.ws.write_number(w.row, 1, ch.budget_this_month, fm.cell("money", "iku"))
    w.row += 1
    w.start()
    w.text("Indikator yang realisasinya berubah")
    w.ws.write_number(w.row, 1, len(ch.moved), fm.cell("int", "iku"))
    w.row += 1
    if ch.moved:
        w.header("Kode", "Indikator", "Bulan lalu", "Bulan ini")
        for kode, indikator, before, now in ch.moved:
            w.start()
            for value in (kode, indikator, before, now):
                text = "belum ada data" if value is None else (fmt_id(value) if not isinstance(value, str) else value)
                w.text(text)
            w.fit(widths)
            w.row += 1
    for label, keys in (("Masalah yang sudah diperbaiki", ch.fixed), ("Masalah baru", ch.new)):
        w.start()
        w.text(label)
        w.ws.write_number(w.row, 1, len(keys), fm.cell("int", "iku"))
        w.row += 1
        for workbook, sheet, cell, code in keys[:30]:
            w.start()
            w.text(f"{workbook} / {sheet} / {cell}".strip(" /"))
            w.text(code)
            w.row += 1
        if len(keys) > 30:
            w.start()
            w.text(f"... dan {len(keys) - 30} lainnya", fm.get(italic=True))
            w.row += 1


def _owner(t: Table, i: int) -> str:
    """The Program/Kegiatan/Sub Kegiatan a (possibly continuation) indicator row belongs to."""
    for k in range(i, -1, -1):
        u = t.value(k, "uraian")
        if u:
            return u
    return ""


def _short(name: str) -> str:
    return name.removeprefix("Program ").strip()


def _charts(wb, ws, w: _Writer, tables: dict[str, Table]):
    fm = w.fm
    widths = (40, 44, 14, 14, 13, 24)
    t313 = tables["3.13"]
    ind_rows = [i for i, r in t313.frame.iterrows() if r["kind"] == "program"]
    w.heading("Data Grafik (merujuk Tabel 3.13)")
    w.header("Indikator Program", "Program", "Capaian (%)", "Target (%)")
    first = w.row
    owner = ""
    for i in ind_rows:
        owner = t313.value(i, "program") or owner
        w.start()
        w.text(t313.value(i, "indikator"))
        w.text(_short(owner))
        w.ref("3.13", i, "capaian", fm.cell("pct", "iku"))
        ws.write_number(w.row, 3, 100, fm.cell("pct", "iku"))
        w.fit(widths)
        w.row += 1
    last = w.row - 1
    sheet = "Ringkasan"
    c1 = wb.add_chart({"type": "column"})
    c1.add_series({"name": "Capaian (%)", "categories": [sheet, first, 0, last, 0],
                   "values": [sheet, first, 2, last, 2], "fill": {"color": "#5B9BD5"},
                   "data_labels": {"value": True, "num_format": "0.00"}})
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": "Target 100%", "categories": [sheet, first, 0, last, 0],
                     "values": [sheet, first, 3, last, 3], "line": {"color": "#C00000", "dash_type": "dash"}})
    c1.combine(line)
    c1.set_title({"name": "Capaian Indikator Program terhadap Target 100%", "name_font": {"size": 11}})
    c1.set_y_axis({"min": 0, "num_format": "0", "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    c1.set_x_axis({"num_font": {"size": 8}})
    c1.set_legend({"position": "bottom"})
    c1.set_size({"width": 820, "height": 360})

    prog_rows = [i for i in ind_rows if t313.value(i, "alokasi") is not None]
    w.row += 1
    w.header("Program", "Pagu (Rp)", "Realisasi (Rp)")
    pfirst = w.row
    for i in prog_rows:
        w.start()
        w.text(_short(t313.value(i, "program")))
        w.ref("3.13", i, "alokasi", fm.cell("money", "iku"))
        w.ref("3.13", i, "realisasi_anggaran", fm.cell("money", "iku"))
        w.fit(widths)
        w.row += 1
    plast = w.row - 1
    c2 = wb.add_chart({"type": "bar"})
    c2.add_series({"name": "Pagu", "categories": [sheet, pfirst, 0, plast, 0],
                   "values": [sheet, pfirst, 1, plast, 1], "fill": {"color": "#A5A5A5"}})
    c2.add_series({"name": "Realisasi", "categories": [sheet, pfirst, 0, plast, 0],
                   "values": [sheet, pfirst, 2, plast, 2], "fill": {"color": "#2F5597"}})
    c2.set_title({"name": "Pagu dan Realisasi Anggaran per Program", "name_font": {"size": 11}})
    c2.set_x_axis({"num_format": "#,##0", "log_base": 10, "name": "Rupiah (skala logaritmik)",
                   "name_font": {"size": 8, "bold": False}, "major_gridlines": {"visible": True,
                                                                             "line": {"color": "#D9D9D9"}}})
    c2.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    c2.set_legend({"position": "bottom"})
    c2.set_size({"width": 820, "height": 360})
    w.row += 1
    ws.set_h_pagebreaks([w.row])  # the two charts start a page of their own
    ws.insert_chart(w.row, 0, c1)
    ws.insert_chart(w.row + 19, 0, c2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&8Ringkasan LKjIP&R&8Halaman &P dari &N")
    ws.hide_gridlines(2)
