"""Drafting the LKjIP from the computed tables: ``draft(result, wording)`` -> :class:`model.Report`.

Pure: nothing here reads files or knows about Word. Every number in a paragraph is a ``Cell`` of the
table the paragraph describes (so it is, character for character, what that table shows), every
comparison word a ``Word`` chosen by the rule in ``rules`` from those cells, and staff's own text
(Realisasi › Catatan) a ``Staff`` part, copied as typed. Where staff have not written the analysis,
a highlighted placeholder says what to write and where it can be typed instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import matching as M
from ..inputs.levels import is_level
from ..inputs.numbers import NotAvailable
from ..kinerja.model import with_region
from ..kinerja import rules
from ..inputs import schema as S
from ..api import Result
from ..kinerja.shown import Shown, is_number
from ..kinerja.table import DASH, Table
from ..kinerja.sakip import LHE_ROW
from .model import (Block, Carried, Cell, Contents, Count, Fact, Heading, PageBreak, Paragraph, Report, Signature, Staff,
                    Ordinal, TableBlock, Text, Todo)
from .wording import Wording, listed as naskah_listed

NOTE_FIELDS = ("pendorong", "penghambat", "upaya")
LEVELS = ("kabupaten", "provinsi", "nasional")


class View:
    """One computed table as the narrative reads it: cells with the text they show."""

    def __init__(self, table: Table):
        self.table = table
        self.shown = Shown(table)
        self.frame = table.frame
        self.kinds = list(table.frame["kind"])

    def value(self, row: int, col: str):
        return self.table.value(row, col)

    def number(self, row: int, col: str):
        value = self.value(row, col)
        return value if is_number(value) else None

    def comparable(self, row: int, col: str):
        """A figure or (R13) a level: what can be said to rise or fall."""
        value = self.value(row, col)
        return value if is_level(value) else self.number(row, col)

    def cell(self, row: int, col: str) -> Cell:
        return Cell(self.table.key, row, col, self.shown.text(row, col))

    def magnitude(self, row: int, col: str) -> Cell:
        return Cell(self.table.key, row, col, self.shown.text(row, col).lstrip("-"), magnitude=True)

    def rows(self, *kinds: str) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k in kinds]

    def total(self) -> int | None:
        rows = self.rows("total")
        return rows[0] if rows else None

    def carried(self, row: int, col: str) -> Cell | None:
        """The cell of ``col`` in ``row`` or, when blank there (a second IKU of one sasaran), the nearest
        filled one above it."""
        for i in range(row, -1, -1):
            if isinstance(self.value(i, col), str) and self.value(i, col).strip():
                return self.cell(i, col)
        return None

    def count(self, kinds: tuple[str, ...], column: str | None = None, equals: str | None = None) -> Count:
        n = 0
        for i in self.rows(*kinds):
            v = self.value(i, column) if column else True
            if column is None or (v is not None and (equals is None or v == equals)):
                n += 1
        return Count(self.table.key, kinds, column, equals, n)

    def per_sasaran(self, col: str) -> list[int]:
        """Rows that carry ``col`` for a whole sasaran: its IKU row, or its "Capaian sasaran" row when
        it has several IKU."""
        return [i for i in self.rows("iku", "group") if self.number(i, col) is not None]


@dataclass
class Notes:
    pendorong: str | None = None
    penghambat: str | None = None
    upaya: str | None = None

    def get(self, field: str) -> str | None:
        return getattr(self, field)


def latest_notes(result: Result) -> tuple[dict[str, Notes], dict[str, Notes]]:
    """Realisasi › Catatan up to the report's month, the latest text of each field: (by IKU name key,
    by Renja code)."""
    frame = result.data.catatan.frame
    month = result.period.month
    by_iku: dict[str, Notes] = {}
    by_code: dict[str, Notes] = {}
    rows = [r for r in frame.itertuples(index=False) if r.bulan is None or int(r.bulan) <= month]
    rows.sort(key=lambda r: int(r.bulan or 0))
    for r in rows:
        if r.kode:
            notes = by_code.setdefault(M.code_key(r.kode), Notes())
        elif r.indikator:
            notes = by_iku.setdefault(M.key(r.indikator), Notes())
        else:
            continue
        for f in NOTE_FIELDS:
            text = getattr(r, f)
            if isinstance(text, str) and text.strip():
                setattr(notes, f, text.strip())
    return by_iku, by_code


class Drafter:
    def __init__(self, result: Result, wording: Wording, naskah=None):
        self.naskah = naskah  # ``naskah.Naskah``: staff's prose by heading, or None
        self.section: str | None = None  # the heading the blocks are now drafted under
        self.placed: set[str] = set()  # sections whose naskah text has its place already
        self.slots: dict[str, str] = {}
        self.result = result
        self.w = wording
        self.d = result.data
        self.p = result.period
        self.views = {k: View(t) for k, t in result.tables.items()}
        self.blocks: list[Block] = []
        self.notes_iku, self.notes_code = latest_notes(result)
        self.iku_info = {M.key(r.indikator): r for r in self.p.iku.itertuples(index=False)}
        self.periode = f"{S.BULAN[self.p.month - 1]} {self.d.tahun}"
        self.partial = f"s.d. {S.BULAN[self.p.month - 1]}" if self.p.month < 12 else ""  # a draft of part of the year

    # blocks --------------------------------------------------------------------------------------

    def heading(self, section: str, key: str, level: int, **values):
        self.carried()  # what staff wrote under the section ending here, after what was drafted in it
        title = self.w.text(section, key, **{**self.fact(), **values})
        self.blocks.append(Heading(title, level))
        self.section = title

    # staff's naskah ------------------------------------------------------------------------------

    def carried(self, hints: set[str] = frozenset()) -> bool:
        """The naskah's text for the current section, here (True), or nothing written there (False)."""
        if self.section is None or self.section in self.placed:
            return False
        self.placed.add(self.section)
        items = self.naskah.take(self.section, hints) if self.naskah is not None else None
        if items:
            self.blocks.append(Carried(self.section, tuple(items), self.naskah))
        return bool(items)

    def slot(self, section: str, key: str, **values):
        """The prose staff write once: their naskah's text for this section, else a highlighted
        placeholder saying what to write and where to write it so that it carries over."""
        hint = self.w.para(section, key, "body", todo=True, **{**self.fact(), **values})
        self.slots[self.section] = hint.text
        if not self.carried({hint.text}):
            self.blocks.append(self.joined(hint, self.w.para("naskah", "isi_naskah", todo=True)))

    def para(self, section: str, key: str, style: str = "body", **values):
        self.blocks.append(self.w.para(section, key, style, **{**self.fact(), **values}))

    def lead(self, section: str, key: str, **values):
        """A paragraph that introduces the table drafted right after it."""
        p = self.w.para(section, key, "body", **{**self.fact(), **values})
        self.blocks.append(Paragraph(p.parts, p.style, p.todo, p.claims, lead=True))

    def todo(self, section: str, key: str, **values):
        self.blocks.append(self.w.para(section, key, "body", todo=True, **{**self.fact(), **values}))

    def table(self, key: str, number: str | None = None) -> bool:
        if key not in self.result.tables:
            return False
        self.blocks.append(TableBlock(self.result.tables[key], number or key, self.partial))
        return True

    def table_with_total(self, key: str, sentence: str, shown: str, **columns: str):
        """Table ``key``, then the sentence ``bab3.<sentence>`` filled from its totals row (placeholder ->
        column), when that row shows a figure in column ``shown``."""
        v = self.views[key]
        self.table(key)
        total = v.total()
        if total is not None and v.number(total, shown) is not None:
            self.para("bab3", sentence, **{name: v.cell(total, col) for name, col in columns.items()})

    @staticmethod
    def joined(*paragraphs: Paragraph, style: str | None = None) -> Paragraph:
        parts: list = []
        claims: list = []
        for p in paragraphs:
            if parts:
                parts.append(Text(" "))
            parts.extend(p.parts)
            claims.extend(p.claims)
        return Paragraph(tuple(parts), style or paragraphs[0].style, any(p.todo for p in paragraphs),
                         tuple(claims))

    # common pieces -------------------------------------------------------------------------------

    def fact(self, **values) -> dict:
        base = dict(opd=self.d.opd, tahun=str(self.d.tahun), periode=self.periode,
                    kabupaten=self.d.identitas.get("kabupaten") or "", bulan=S.BULAN[self.p.month - 1])
        base.update(values)
        return base

    @staticmethod
    def no_capaian(v: View, row: int) -> str:
        """The sentence for an IKU without capaian, by its reason (R15, R16): realisasi marked not
        available, a realisasi against target 0, or no realisasi yet."""
        if isinstance(v.value(row, "realisasi"), NotAvailable):
            return "iku_na"
        if v.number(row, "realisasi") is not None and v.number(row, "target") == 0:
            return "iku_nol"
        return "iku_belum"

    def klasifikasi(self, v: View, row: int, col: str = "capaian"):
        cell = v.cell(row, col)
        return self.w.word("klasifikasi", rules.klasifikasi_key(v.number(row, col)), (cell,))

    def polaritas(self, indikator: str) -> str:
        info = self.iku_info.get(M.key(indikator))
        return self.w.kata("polaritas_negatif") if info is not None and info.polaritas == "Negatif" else ""

    def staff_notes(self, notes: Notes | None, indikator: Cell | str, placeholders: bool):
        for field in NOTE_FIELDS:
            text = notes.get(field) if notes else None
            if text:
                self.para("bab3", field, "staff", teks=Staff(text))
            elif placeholders:
                self.todo("bab3", f"isi_{field}", indikator=indikator)

    # the report ----------------------------------------------------------------------------------

    def draft(self) -> Report:
        w = self.w
        region = () if with_region(self.d.opd, self.d.region) == self.d.opd else (  # R20: said once
            w.text("dokumen", "kabupaten", **self.fact()).upper(),)
        title = (w.text("dokumen", "judul"), w.text("dokumen", "subjudul", **self.fact()).upper(),
                 *region, w.text("dokumen", "tahun", **self.fact()))
        if self.p.month < 12:
            title += (w.text("dokumen", "sebagian", **self.fact()).upper(),)
        self.pengantar()
        self.ikhtisar()
        self.blocks.append(Contents("isi", w.text("dokumen", "daftar_isi")))
        self.blocks.append(Contents("tabel", w.text("dokumen", "daftar_tabel")))
        self.bab1()
        self.bab2()
        self.bab3()
        self.bab4()
        self.lampiran()
        self.carried()  # the last section's
        carried, unmatched, left_out = ((self.naskah.carried(), self.naskah.unmatched(), self.naskah.left_out())
                                        if self.naskah else ([], [], []))
        return Report(title, w.text("dokumen", "catatan_draf", **self.fact()), self.blocks,
                      header=w.text("dokumen", "kepala_halaman_sebagian" if self.partial else "kepala_halaman",
                                    **self.fact()),
                      warnings=self.run_warnings(unmatched, left_out),
                      slots=self.slots, carried=carried, unmatched=unmatched, left_out=left_out, opd=self.d.opd,
                      name=f"LKjIP {self.d.opd} {self.d.tahun}" + (f" {self.partial}" if self.partial else ""))

    def run_warnings(self, unmatched: list[str], left_out: list[str]) -> list[str]:
        """Every warning of the run, and a draft of part of the year said as such: the first page after
        the cover, highlighted, so that nobody signs a draft made from incomplete data unawares."""
        out = []
        if self.p.month < 12:
            out.append(self.w.text("dokumen", "data_sebagian", **self.fact()))
        out += [i.render() for i in self.result.issues]
        out += self.mandiri_warnings()
        if unmatched:
            out.append(self.w.text("naskah", "tidak_cocok", judul=naskah_listed(unmatched)))
        if left_out:
            out.append(self.w.text("naskah", "objek", judul=naskah_listed(left_out)))
        if self.naskah is not None:
            intro = {self.w.text("naskah", k) for k in ("petunjuk1", "petunjuk2", "petunjuk3")}
            intro.add(self.w.text("naskah", "judul", opd=self.d.opd))  # the starter's own title and guidance
            if [t for t in self.naskah.before if t.strip() not in intro]:
                out.append(self.w.text("naskah", "di_atas_judul"))
        return out

    def mandiri_warnings(self) -> list[str]:
        """Each criterion of the Evaluasi Mandiri not met that weakens this report itself (a comparison
        the evaluator expects and the draft cannot make, a missing Catatan): what is missing, and where."""
        from ..kinerja.mandiri import weakening

        return [self.w.text("dokumen", "mandiri", status=a.status, kriteria=a.criterion.kriteria,
                            bukti=a.finding.evidence, tindakan=a.criterion.tindakan)
                for a in weakening(self.result.mandiri)]

    def pengantar(self):
        """Kata Pengantar: standard wording with the office and year, signed by its head."""
        self.heading("pengantar", "judul", 0)
        if not self.carried():  # the office's own words replace the standard ones
            for key in ("isi1_sebagian" if self.partial else "isi1", "isi2", "isi3"):
                self.para("pengantar", key)
        self.signature()

    def ikhtisar(self):
        """Ikhtisar Eksekutif from the figures: the sasaran and IKU, each IKU's capaian and predikat, the
        average, the budget, efficiency, the change from last year, and staff's main factors."""
        v = self.views["3.1"]
        self.heading("ikhtisar", "judul", 0)
        self.para("ikhtisar", "pembuka", sasaran=v.count(("iku",), "sasaran"), iku=v.count(("iku",)))
        for n, i in enumerate(v.rows("iku"), start=1):
            values = dict(nomor=Ordinal(n), indikator=v.cell(i, "indikator"), target=v.cell(i, "target"))
            if v.number(i, "capaian") is None:
                self.para("ikhtisar", self.no_capaian(v, i), "item", realisasi=v.cell(i, "realisasi"), **values)
            else:
                self.para("ikhtisar", "iku", "item", realisasi=v.cell(i, "realisasi"), capaian=v.cell(i, "capaian"),
                          predikat=v.cell(i, "predikat"), klasifikasi=self.klasifikasi(v, i), **values)
        total = v.total()
        if total is not None and v.number(total, "capaian") is not None:
            self.para("ikhtisar", "rata", rata=v.cell(total, "capaian"), predikat=v.cell(total, "predikat"))
        v4 = self.views["3.4"]
        for i in v4.rows("iku"):
            now, before = v4.comparable(i, "r0"), v4.comparable(i, "r1")
            if v4.number(i, "perubahan") is not None:  # R18: capaian compared where both years have one
                self.para("ikhtisar", "tahun_lalu_capaian", indikator=v4.cell(i, "indikator"),
                          arah=self.w.word("direction", rules.direction(v4.number(i, "c0"), v4.number(i, "c1")),
                                           (v4.cell(i, "c0"), v4.cell(i, "c1"))),
                          sebelum=v4.cell(i, "c1"), sekarang=v4.cell(i, "c0"), poin=v4.magnitude(i, "perubahan"),
                          tahun_lalu=str(self.d.tahun - 1))
            elif now is not None and before is not None:
                arah = self.w.word("direction", rules.direction(now, before), (v4.cell(i, "r0"), v4.cell(i, "r1")))
                self.para("ikhtisar", "tahun_lalu", indikator=v4.cell(i, "indikator"), arah=arah,
                          sebelum=v4.cell(i, "r1"), sekarang=v4.cell(i, "r0"), tahun_lalu=str(self.d.tahun - 1))
        v12, v14 = self.views["3.12"], self.views["3.14"]
        t12, t14 = v12.total(), v14.total()
        if t12 is not None and t14 is not None and v14.number(t14, "efisiensi") is not None:
            self.para("ikhtisar", "anggaran_sebagian" if self.partial else "anggaran", pagu=v12.cell(t12, "alokasi"),
                      realisasi=v12.cell(t12, "realisasi_anggaran"), penyerapan=v12.cell(t12, "capaian_anggaran"),
                      efisiensi=v14.cell(t14, "efisiensi"))
        factors = False
        for i in v.rows("iku"):
            notes = self.notes_iku.get(M.key(v.value(i, "indikator")))
            for field in ("pendorong", "penghambat"):
                if notes and notes.get(field):
                    self.para("ikhtisar", field, "staff", indikator=v.cell(i, "indikator"), teks=Staff(notes.get(field)))
                    factors = True
        if not factors:
            self.slot("ikhtisar", "faktor")

    def bab1(self):
        """BAB I: the sections an evaluator looks for; staff, facilities and the SAKIP evaluation from the
        workbooks, the prose for staff to write (highlighted)."""
        self.heading("bab1", "judul", 0)
        self.heading("bab1", "sub_latar", 1)
        self.slot("bab1", "isi_latar")
        self.heading("bab1", "sub_tugas", 1)
        self.slot("bab1", "isi_tugas")
        self.heading("bab1", "sub_sdm", 1)
        v15 = self.views["3.15"]
        t15 = v15.total()
        if t15 is not None and v15.number(t15, "kebutuhan") is not None:
            self.para("bab1", "sdm", kebutuhan=v15.cell(t15, "kebutuhan"), tersedia=v15.cell(t15, "tersedia"),
                      persen=v15.cell(t15, "persen_sdm"))
        self.slot("bab1", "isi_sdm")
        self.heading("bab1", "sub_sarpras", 1)
        v17 = self.views["3.17"]
        t17 = v17.total()
        if t17 is not None and v17.number(t17, "standar") is not None:
            self.para("bab1", "sarpras", jenis=v17.count(("item",)), dihitung=v17.cell(t17, "dihitung"),
                      standar=v17.cell(t17, "standar"), persen=v17.cell(t17, "persen"))
        self.heading("bab1", "sub_isu", 1)
        self.slot("bab1", "isi_isu")
        if "3.19" in self.views:  # its components once, in Tabel 3.19 of BAB III
            self.para("bab1", "sakip", **self.sakip_values())
        self.heading("bab1", "sub_sistematika", 1)
        for key in ("sistematika", "sistematika_bab1", "sistematika_bab2", "sistematika_bab3", "sistematika_bab4"):
            self.para("bab1", key, "item" if key != "sistematika" else "body")
        self.blocks.append(PageBreak())

    def bab2(self):
        self.heading("bab2", "judul", 0)
        self.para("bab2", "pengantar", **self.fact())
        self.heading("bab2", "sub_renja", 1)
        t33 = self.views["3.3"]  # the indicators with a target (2.1 also lists those without)
        self.lead("bab2", "renja", program=t33.count(("program",), "uraian"),
                  kegiatan=t33.count(("kegiatan",), "uraian"), sub=t33.count(("sub",), "uraian"),
                  indikator=t33.count(("program", "kegiatan", "sub")))
        self.table("2.1")
        self.heading("bab2", "sub_pk", 1)
        t22 = self.views["2.2"]
        total = t22.total()
        self.lead("bab2", "pk", sasaran=t22.count(("iku",), "sasaran"), iku=t22.count(("iku",)),
                  program=t22.count(("program",), "program"),
                  anggaran=t22.cell(total, "anggaran") if total is not None else "-")
        self.table("2.2")
        self.lead("bab2", "iku_definisi")
        self.table("2.3")
        self.lead("bab2", "indikator_program")
        self.table("2.4")
        self.blocks.append(PageBreak())

    def bab3(self):
        self.heading("bab3", "judul", 0)
        self.lead("bab3", "pengantar", skala=self.d.settings.scale.name)
        self.blocks.append(TableBlock(self.result.scale, ""))
        self.heading("bab3", "sub_capaian", 1)
        self.capaian()
        self.heading("bab3", "sub_tahun", 2)
        self.tahun()
        self.heading("bab3", "sub_renstra", 2)
        self.renstra()
        self.heading("bab3", "sub_banding", 2)
        self.banding()
        self.heading("bab3", "sub_program", 2)
        self.menunjang()
        self.heading("bab3", "sub_anggaran", 1)
        self.anggaran()
        self.heading("bab3", "sub_perbaikan", 1)
        self.perbaikan()
        if "3.20" in self.views:
            self.heading("bab3", "sub_tindak_lanjut", 1)
            v = self.views["3.20"]
            self.lead("bab3", "tindak_lanjut", jumlah=v.count(("item",)), **self.fact())
            self.table("3.20")
        self.blocks.append(PageBreak())

    # 3.1 - 3.3 -----------------------------------------------------------------------------------

    def capaian(self):
        v = self.views["3.1"]
        self.para("bab3", "intro_capaian", sasaran=v.count(("iku",), "sasaran"), iku=v.count(("iku",)),
                  **self.fact())
        self.heading("bab3", "sub_target", 2)
        self.table("3.1")
        for n, i in enumerate(v.rows("iku"), start=1):
            indikator = v.cell(i, "indikator")
            values = dict(nomor=Ordinal(n), indikator=indikator, sasaran=v.carried(i, "sasaran") or "-",
                          polaritas=self.polaritas(indikator.text), target=v.cell(i, "target"),
                          periode=self.periode)
            if v.number(i, "capaian") is None:
                self.para("bab3", self.no_capaian(v, i), "item", realisasi=v.cell(i, "realisasi"), **values)
            else:
                main = self.w.para("bab3", "iku", "item", realisasi=v.cell(i, "realisasi"),
                                   capaian=v.cell(i, "capaian"), predikat=v.cell(i, "predikat"),
                                   klasifikasi=self.klasifikasi(v, i), **values)
                info = self.iku_info.get(M.key(indikator.text))
                if info is not None and isinstance(info.dokumen, str) and info.dokumen.strip():
                    main = self.joined(main, self.w.para("bab3", "iku_dokumen", dokumen=Staff(info.dokumen.strip())))
                self.blocks.append(main)
            self.staff_notes(self.notes_iku.get(M.key(indikator.text)), indikator, placeholders=True)
        total = v.total()
        if total is not None and v.number(total, "capaian") is not None:
            self.para("bab3", "rata_iku", jumlah=v.count(("iku",)), rata=v.cell(total, "capaian"),
                      predikat=v.cell(total, "predikat"))
        self.klasifikasi_iku()
        self.programs_below_target()

    def klasifikasi_iku(self):
        if not self.table("3.2"):
            return
        v = self.views["3.2"]
        groups = {v.value(i, "uraian"): i for i in v.rows("group")}
        needed = (rules.MELAMPAUI, rules.SESUAI, rules.TIDAK_MENCAPAI)
        if all(g in groups for g in needed) and v.total() is not None:
            m, s, t = (v.cell(groups[g], "jumlah") for g in needed)
            waiting = groups.get(rules.BELUM_KLASIFIKASI)
            belum = v.number(waiting, "jumlah") if waiting is not None else None
            if belum:  # IKU without capaian yet: counted too, so that the counts add up to every IKU
                semua = self.views["3.1"].count(("iku",))  # every IKU (Tabel 3.1)
                self.para("bab3", "klasifikasi_belum", semua=semua, melampaui=m, sesuai=s, tidak=t,
                          belum=v.cell(waiting, "jumlah"))
            else:
                self.para("bab3", "klasifikasi", jumlah=v.cell(v.total(), "jumlah"), melampaui=m, sesuai=s, tidak=t)

    def programs_below_target(self):
        v = self.views["3.3"]
        self.lead("bab3", "program_ringkas")
        self.table("3.3")
        rows = v.rows("program", "kegiatan", "sub")
        measured = [i for i in rows if v.number(i, "capaian") is not None]
        below = [i for i in measured if rules.klasifikasi_key(v.number(i, "capaian")) == "tidak_mencapai"]
        if below:
            self.para("bab3", "program_bawah")
            for i in below:
                self.para("bab3", "program_bawah_butir", "item", claims=(self.klasifikasi(v, i),),
                          indikator=v.cell(i, "indikator"), uraian=v.carried(i, "uraian") or "-",
                          target=v.cell(i, "target"), realisasi=v.cell(i, "realisasi"), capaian=v.cell(i, "capaian"))
        elif measured:
            self.blocks.append(self.w.para("bab3", "program_semua",
                                           claims=tuple(self.klasifikasi(v, i) for i in measured)))
        missing = [i for i in rows if v.number(i, "capaian") is None]
        if missing:
            self.para("bab3", "program_belum", periode=self.periode)
            for i in missing:
                self.para("bab3", "program_belum_butir", "item", indikator=v.cell(i, "indikator"),
                          uraian=v.carried(i, "uraian") or "-")

    # 3.4 - 3.9 -----------------------------------------------------------------------------------

    def tahun(self):
        v = self.views["3.4"]
        self.table("3.4")
        years = {c.key: c.group for c in v.table.columns if c.key in ("r2", "r1", "r0")}
        for n, i in enumerate(v.rows("iku"), start=1):
            values = dict(nomor=Ordinal(n), indikator=v.cell(i, "indikator"), t2=years["r2"], t1=years["r1"],
                          t0=years["r0"], r2=v.cell(i, "r2"), r1=v.cell(i, "r1"), r0=v.cell(i, "r0"))
            now, before = v.comparable(i, "r0"), v.comparable(i, "r1")
            if now is not None and before is not None:
                arah = self.w.word("direction", rules.direction(now, before), (v.cell(i, "r0"), v.cell(i, "r1")))
                key = "tren" if v.comparable(i, "r2") is not None else "tren_dua"
                main = self.w.para("bab3", key, "item", **{**self.fact(), **values, "arah": arah})
                if v.number(i, "perubahan") is not None:  # R18: and the capaian, in poin
                    more = self.w.para("bab3", "tren_capaian", "item", c1=v.cell(i, "c1"), c0=v.cell(i, "c0"),
                                       poin=v.magnitude(i, "perubahan"), t1=years["r1"],
                                       arah=self.w.word("direction", rules.direction(v.number(i, "c0"),
                                                                                     v.number(i, "c1")),
                                                        (v.cell(i, "c0"), v.cell(i, "c1"))))
                    main = self.joined(main, more)
                self.blocks.append(main)
            else:
                self.para("bab3", "tren_kurang", "item", **values)
        self.lead("bab3", "tren_program", t2=years["r2"], t1=years["r1"], t0=years["r0"])
        self.table("3.5")

    def renstra(self):
        v = self.views["3.6"]
        self.table("3.6")
        for n, i in enumerate(v.rows("iku"), start=1):
            values = dict(nomor=Ordinal(n), indikator=v.cell(i, "indikator"))
            if v.number(i, "kemajuan") is None:
                self.para("bab3", "renstra_belum", "item", **values)
            else:
                self.para("bab3", "renstra", "item", realisasi=v.cell(i, "realisasi"),
                          target_akhir=v.cell(i, "target_akhir"), kemajuan=v.cell(i, "kemajuan"), **values)
        total = v.total()
        if total is not None and v.number(total, "kemajuan") is not None:
            self.para("bab3", "renstra_rata", rata=v.cell(total, "kemajuan"))
        self.table_with_total("3.7", "renstra_program", "kemajuan", rata="kemajuan")

    def comparisons(self, v: View, i: int, first: Paragraph, missing_key: str) -> Paragraph:
        sentences = [first]
        missing = []
        for level in LEVELS:
            value, other = v.number(i, "realisasi"), v.number(i, level)
            if is_level(v.value(i, "realisasi")) and is_level(v.value(i, level)):  # R13: in levels
                sentences.append(self.w.para("bab3", "banding_tingkat", tingkat=self.w.kata(level),
                                             pembanding=v.cell(i, level), selisih=v.cell(i, f"d_{level}")))
                continue
            if value is None or other is None:
                missing.append(self.w.kata(level))
                continue
            key = rules.compared(value, other)
            word = self.w.word("compared", key, (v.cell(i, "realisasi"), v.cell(i, level)))
            template = "banding_sama" if key == "sama" else "banding"
            sentences.append(self.w.para("bab3", template, tingkat=self.w.kata(level), kata=word,
                                         pembanding=v.cell(i, level), selisih=v.magnitude(i, f"d_{level}")))
        if missing:
            joined = missing[0] if len(missing) == 1 else (", ".join(missing[:-1]) + self.w.kata("dan") + missing[-1])
            sentences.append(self.w.para("bab3", missing_key, tingkat=joined))
        return self.joined(*sentences, style="item")

    def banding(self):
        v = self.views["3.8"]
        self.table("3.8")
        for n, i in enumerate(v.rows("iku"), start=1):
            first = self.w.para("bab3", "banding_iku", nomor=Ordinal(n), indikator=v.cell(i, "indikator"),
                                realisasi=v.cell(i, "realisasi"), polaritas=self.polaritas(v.value(i, "indikator")))
            if v.number(i, "realisasi") is None and not is_level(v.value(i, "realisasi")):
                self.blocks.append(self.w.para("bab3", "banding_belum", "item", nomor=Ordinal(n),
                                               indikator=v.cell(i, "indikator")))
                continue
            self.blocks.append(self.comparisons(v, i, first, "banding_kosong"))
        self.table("3.9")
        v9 = self.views["3.9"]
        with_data = [i for i in v9.rows("program") if v9.number(i, "realisasi") is not None
                     and any(v9.number(i, level) is not None for level in LEVELS)]
        for i in with_data:
            first = self.w.para("bab3", "banding_program", indikator=v9.cell(i, "indikator"),
                                program=v9.carried(i, "program") or "-", realisasi=v9.cell(i, "realisasi"))
            self.blocks.append(self.comparisons(v9, i, first, "banding_kosong"))
        if not with_data:
            self.para("bab3", "banding_program_kosong")

    def menunjang(self):
        v = self.views["3.10"]
        self.table("3.10")
        kinds = ("program", "kegiatan", "sub")
        counts = dict(sangat=v.count(kinds, "menunjang", "Sangat Menunjang"),
                      cukup=v.count(kinds, "menunjang", "Menunjang"),
                      kurang=v.count(kinds, "menunjang", "Kurang Menunjang"))
        belum = v.count(kinds, "menunjang", DASH)
        if belum.value:  # indicators without realisasi yet: said, so that the counts add up
            self.para("bab3", "menunjang_belum", jumlah=v.count(kinds, "menunjang"), belum=belum, **counts)
        else:
            self.para("bab3", "menunjang", jumlah=v.count(kinds, "menunjang"), **counts)
        names = {M.code_key(r.kode): r.uraian for r in self.d.renja.frame.itertuples(index=False) if r.uraian}
        for code, notes in self.notes_code.items():
            self.para("bab3", "catatan_program", "staff", uraian=Staff(names.get(code, code)))
            self.staff_notes(notes, "", placeholders=False)
        if not self.notes_code:
            self.slot("bab3", "isi_program")

    # 3.2 anggaran ---------------------------------------------------------------------------------

    def anggaran(self):
        v12 = self.views["3.12"]
        total = v12.total()
        if total is not None:
            self.lead("bab3", "anggaran_sebagian" if self.partial else "anggaran", pagu=v12.cell(total, "alokasi"),
                      realisasi=v12.cell(total, "realisasi_anggaran"),
                      penyerapan=v12.cell(total, "capaian_anggaran"), silpa=v12.cell(total, "silpa"), **self.fact())
        self.table("3.11")
        self.heading("bab3", "sub_kinerja_anggaran", 2)
        self.table("3.12")
        for n, i in enumerate(v12.per_sasaran("alokasi"), start=1):
            key = "sasaran_anggaran" if v12.number(i, "capaian") is not None else "sasaran_anggaran_belum"
            self.para("bab3", key, "item", nomor=Ordinal(n), sasaran=v12.carried(i, "sasaran") or "-",
                      capaian=v12.cell(i, "capaian"), alokasi=v12.cell(i, "alokasi"),
                      realisasi=v12.cell(i, "realisasi_anggaran"), penyerapan=v12.cell(i, "capaian_anggaran"))
        self.table_with_total("3.13", "program_anggaran", "capaian", rata="capaian", penyerapan="capaian_anggaran")
        self.heading("bab3", "sub_efisiensi", 2)
        self.efisiensi()

    def efisiensi(self):
        v = self.views["3.14"]
        self.table("3.14")
        for n, i in enumerate(v.per_sasaran("efisiensi"), start=1):
            self.para("bab3", "efisiensi", "item", nomor=Ordinal(n), sasaran=v.carried(i, "sasaran") or "-",
                      capaian=v.cell(i, "capaian"), penyerapan=v.cell(i, "penyerapan"), efisiensi=v.cell(i, "efisiensi"))
        total = v.total()
        if total is not None and v.number(total, "efisiensi") is not None:
            self.para("bab3", "efisiensi_total", capaian=v.cell(total, "capaian"),
                      penyerapan=v.cell(total, "penyerapan"), efisiensi=v.cell(total, "efisiensi"))
        v = self.views["3.15"]
        self.table("3.15")
        for n, i in enumerate(v.per_sasaran("efisiensi"), start=1):
            self.para("bab3", "sdm", "item", nomor=Ordinal(n), sasaran=v.carried(i, "sasaran") or "-",
                      capaian=v.cell(i, "capaian"), kebutuhan=v.cell(i, "kebutuhan"), tersedia=v.cell(i, "tersedia"),
                      persen=v.cell(i, "persen_sdm"), efisiensi=v.cell(i, "efisiensi"))
        total = v.total()
        if total is not None and v.number(total, "efisiensi") is not None:
            self.para("bab3", "sdm_total", kebutuhan=v.cell(total, "kebutuhan"), tersedia=v.cell(total, "tersedia"),
                      persen=v.cell(total, "persen_sdm"), capaian=v.cell(total, "capaian"),
                      efisiensi=v.cell(total, "efisiensi"))
        self.table_with_total("3.16", "sdm_program", "efisiensi", capaian="capaian", persen="persen_sdm",
                              efisiensi="efisiensi")
        self.table_with_total("3.17", "sarpras", "persen", dihitung="dihitung", standar="standar", persen="persen")
        self.table_with_total("3.18", "sarpras_efisiensi", "efisiensi", capaian="capaian", persen="persen",
                              efisiensi="efisiensi")

    # 3.3 upaya perbaikan ---------------------------------------------------------------------------

    def sakip_values(self) -> dict:
        """The Nilai AKIP said once: the LHE's value (its own row of 3.19 when the components' sum
        differs from it, else the total)."""
        v = self.views["3.19"]
        row = next((i for i in v.rows("group") if v.value(i, "komponen") == LHE_ROW), v.total())
        lhe = (self.d.realisasi_identitas or {}).get("nomor_lhe")
        return dict(nilai=v.cell(row, "nilai_akhir"), predikat=v.cell(row, "predikat"),
                    lhe=Staff(lhe) if lhe else Staff("-"), **self.fact())

    def perbaikan(self):
        if "3.19" in self.views:
            lhe = (self.d.realisasi_identitas or {}).get("nomor_lhe")
            self.lead("bab3", "sakip" if lhe else "sakip_tanpa_lhe", **self.sakip_values())
            self.table("3.19")
        self.slot("bab3", "isi_perbaikan")

    # BAB IV ----------------------------------------------------------------------------------------

    def bab4(self):
        v = self.views["3.1"]
        self.heading("bab4", "judul", 0)
        self.heading("bab4", "sub_kesimpulan", 1)
        total = v.total()
        if total is not None and v.number(total, "capaian") is not None:
            self.para("bab4", "kesimpulan_sebagian" if self.partial else "kesimpulan", rata=v.cell(total, "capaian"),
                      predikat=v.cell(total, "predikat"),
                      **self.fact())
        for n, i in enumerate(v.rows("iku"), start=1):
            values = dict(nomor=Ordinal(n), indikator=v.cell(i, "indikator"), target=v.cell(i, "target"),
                          periode=self.periode)
            if v.number(i, "capaian") is None:
                self.para("bab4", "butir_belum", "item", **values)
            else:
                self.para("bab4", "butir", "item", realisasi=v.cell(i, "realisasi"), capaian=v.cell(i, "capaian"),
                          klasifikasi=self.klasifikasi(v, i), **values)
        v12 = self.views["3.12"]
        total = v12.total()
        if total is not None:
            self.para("bab4", "anggaran_sebagian" if self.partial else "anggaran", pagu=v12.cell(total, "alokasi"),
                      realisasi=v12.cell(total, "realisasi_anggaran"), penyerapan=v12.cell(total, "capaian_anggaran"))
        self.heading("bab4", "sub_saran", 1)
        for i in v.rows("iku"):
            indikator = v.cell(i, "indikator")
            notes = self.notes_iku.get(M.key(indikator.text))
            if notes and notes.upaya:
                self.para("bab4", "saran", indikator=indikator, teks=Staff(notes.upaya))
        self.slot("bab4", "isi_saran")
        self.signature()

    def signature(self):
        self.blocks.append(Signature(self.signature_lines()))

    def signature_lines(self, party: Paragraph | None = None, date: str | None = None) -> tuple[Paragraph, ...]:
        """Place and date (``date`` as typed, else to fill), ``party`` ("PIHAK PERTAMA,"), the head's
        position, name, rank and NIP from PK › Identitas."""
        ident = self.d.identitas
        place = ident.get("tempat_ttd")
        when = Fact(str(date)) if date else Todo(self.w.text("bab4", "isi_tanggal"))
        lines = [Paragraph(((Fact(f"{place}, "),) if place else ()) + (when,), "signature")]
        if party is not None:
            lines.append(party)
        if ident.get("kepala_jabatan"):
            lines.append(Paragraph((Fact(str(ident["kepala_jabatan"]).upper()),), "signature"))
        lines += [Paragraph((), "signature")] * 3
        lines.append(Paragraph((Fact(str(ident.get("kepala_nama") or "")),), "name"))
        if ident.get("kepala_pangkat"):
            lines.append(Paragraph((Fact(str(ident["kepala_pangkat"])),), "signature"))
        if ident.get("kepala_nip"):
            lines.append(Paragraph((Text(self.w.text("bab4", "nip")), Fact(str(ident["kepala_nip"]))), "signature"))
        return tuple(lines)


    def lampiran(self):
        """Lampiran: the Perjanjian Kinerja itself with both signature blocks, the Rencana Aksi, the IKPP
        calculation and the E.81 of the last quarter, each where its data exists."""
        self.heading("lampiran", "judul", 0)
        n = 0
        for key, table in (("pk", self.result.tables.get("2.2")), ("rencana_aksi", self.result.rencana_aksi),
                           ("ikpp", self.result.ikpp), ("e81", self.result.e81)):
            if table is None:
                continue
            n += 1
            self.heading("lampiran", f"sub_{key}", 1, nomor=str(n))
            self.blocks.append(TableBlock(table, f"L.{n}", self.partial))
            if key == "pk":
                self.pk_signatures()

    def pk_signatures(self):
        """The two parties of the Perjanjian Kinerja side by side: the head of the regional government
        (pemberi, PIHAK KEDUA, left) and the head of the office (PIHAK PERTAMA, right, under the date)."""
        ident = self.d.identitas
        pemberi = str(ident.get("pemberi") or "")
        first = [Paragraph((), "signature"),  # level with the date on the right
                 Paragraph((Text(self.w.text("lampiran", "pihak_kedua")),), "signature"),
                 Paragraph((Fact(pemberi.upper()),), "signature") if pemberi else
                 Paragraph((Todo(self.w.text("lampiran", "isi_pemberi")),), "signature")]
        first += [Paragraph((), "signature")] * 3
        # R20: the regional head's office title above, the name on its own row; the PK's own signing date
        nama = ident.get("pemberi_nama")
        first.append(Paragraph((Fact(str(nama)),) if nama else (Todo(self.w.text("lampiran", "isi_nama_pemberi")),),
                               "name"))
        self.blocks.append(Signature(self.signature_lines(self.w.para("lampiran", "pihak_pertama", "signature"),
                                                          date=ident.get("tanggal_ttd")),
                                     beside=tuple(first)))


def draft(result: Result, wording: Wording, naskah=None) -> Report:
    """The report for an analysed folder (``result.ok`` and its tables computed), with staff's prose
    from ``naskah`` (a ``naskah.Naskah``) where its headings match the draft's."""
    return Drafter(result, wording, naskah).draft()
