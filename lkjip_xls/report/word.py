"""Writing a drafted :class:`model.Report` as a Word document (python-docx).

Layout: A4, margins 3 cm left (binding) and 2,5 cm elsewhere; Arial 11 pt text, 9 pt tables. Every
table is a real Word table whose header rows repeat on each page, columns never narrower than their
longest word; a table whose columns cannot fit a portrait page goes into a landscape section, taking its
heading and introducing paragraph with it (see ``Renderer.plan``); one too wide for A4 landscape (E.81)
goes onto F4 landscape at 6,5 pt or more, in stacked parts when it cannot fit once (``measure``). Numbers are written as the results
workbook shows them (``shown``): 2.876.885.603 and 99,04.

An office may give ``templat_laporan.docx`` in its data folder: its styles (fonts, headings), page
setup, header/footer and any content it holds (a kop or cover) are kept, and the draft is added after
that content. Without one, a cover page is written.

Tables are written as WordprocessingML text straight into the saved document (``_insert_tables``):
through python-docx's tree a dinas with thousands of indicators takes minutes and over a gigabyte.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..issues import EXIT_INPUT, UserError
from ..kinerja.shown import Shown
from ..kinerja.table import TEXT, Table
from .model import (Carried, Cell, Contents, Count, Heading, PageBreak, Paragraph, Report, Signature, Staff, TableBlock, Text,
                    Todo, Word)
from .wording import Wording

FONT = "Arial"
A4 = (Mm(210), Mm(297))
F4 = (Mm(215), Mm(330))  # the Indonesian office paper: a form too wide for A4 landscape prints on it
PORTRAIT, LANDSCAPE, WIDE = "portrait", "landscape", "wide"  # a section's page: A4 portrait, A4 landscape, F4 landscape
FORM_SIZES = (8, 7.5, 7, 6.5)  # points a wide table may take on F4, largest first (spec section 8: never below 6,5)
MARGINS = dict(left=Cm(3), right=Cm(2.5), top=Cm(2.5), bottom=Cm(2.5))
SIDE_LANDSCAPE = Cm(2)  # the side margins of a landscape page (its binding edge is the top, at 3 cm)
EMU_PER_TWIP = 635
TABLE_PT = 9
SMALL_TABLE_PT = 8  # a landscape table whose narrowest columns fill most of the page (never smaller)
OPENING = 3  # paragraphs a chapter may open with and still go onto the page of its first landscape table
TIGHT = 0.8  # ... more than this share of it: at 8 pt its text columns get room to wrap into fewer lines
HEADER_FILL = "BDD7EE"
KIND_FILL = {"program": "DDEBF7", "group": "EDEDED", "section": "D9D9D9", "total": "D9D9D9", "todo": "FFFF00"}
SPANNED = ("section", "text", "todo")  # rows written as one cell across the table
KIND_BOLD = {"program", "kegiatan", "group", "section", "total"}
INDENT = {"kegiatan": 1, "sub": 2}

# styles the renderer uses (created when the document or template lacks them)
BODY, ITEM, STAFF, CAPTION, SOURCE, STAFF_RUN, TODO_RUN, COVER, SIGNATURE = (
    "Normal", "Butir Laporan", "Catatan Staf", "Judul Tabel", "Sumber Tabel", "Isian Staf", "Perlu Diisi", "Sampul",
    "Tanda Tangan")
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
CAPTION_NEXT = "Judul Tabel Lanjutan"  # not in the Daftar Tabel's TOC field (which lists CAPTION)


TEMPLATE_LIMIT = 30 * 2**20  # bytes a template may hold once unpacked: a kop and a cover need far less


_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text a Word document can hold: characters XML forbids dropped (the reader has already named the cell
    of any it found in staff's text; this keeps the draft from failing on one that came another way)."""
    return _NOT_IN_XML.sub("", text)


XML_PART_LIMIT = 15 * 2**20  # the text of one part (document, header ...): a long report holds far less


def clean_template(template: Path) -> io.BytesIO:
    """The parts of ``templat_laporan.docx`` a document needs (see ``clean_docx``)."""
    return clean_docx(template, "templat", TEMPLATE_LIMIT)


_DOCX_ADVICE = {
    "templat": ("atau hapus file itu untuk memakai tata letak bawaan.",
                "untuk sebuah templat; file ditolak demi keamanan. Pakai dokumen berisi kop dan sampul saja."),
    "naskah": ("atau pindahkan file itu dari folder data bila tidak dipakai.",
               "untuk sebuah naskah; file ditolak demi keamanan. Perkecil gambar di dalamnya (Word: Compress "
               "Pictures) lalu simpan lagi."),
}


def clean_docx(path: Path, kind: str, limit: int) -> io.BytesIO:
    """An office's Word file (``kind``: "templat" or "naskah") without what a draft must not carry
    (``sanitise``: fields that fetch or execute, external relationships, attached templates, macros,
    OLE, ActiveX, altChunk); refused from its declared sizes, before anything is inflated, when it
    would unpack to more than ``limit`` bytes, and when a part declares a DOCTYPE."""
    advice, too_big = _DOCX_ADVICE[kind]
    try:
        src = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"{path} bukan dokumen Word (.docx) yang utuh. Simpan {kind} itu dari Word sebagai "
                        f"'Word Document (*.docx)', {advice}", EXIT_INPUT) from None
    with src:
        if sum(i.file_size for i in src.infolist()) > limit or any(
                i.file_size > XML_PART_LIMIT for i in src.infolist() if i.filename.endswith(".xml")):
            raise UserError(f"{path} terlalu besar setelah diekstrak (lebih dari {limit // 2**20} MB, atau teks "
                            f"lebih dari {XML_PART_LIMIT // 2**20} MB) {too_big}", EXIT_INPUT)
        parts, infos = {}, {}
        for item in src.infolist():
            if item.is_dir():
                continue
            try:
                parts[item.filename] = src.read(item.filename)  # never more than its declared size
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                raise UserError(f"{path} rusak (bagian {item.filename} tidak dapat dibaca). Simpan ulang {kind} "
                                f"itu dari Word sebagai 'Word Document (*.docx)', {advice}", EXIT_INPUT) from None
            infos[item.filename] = item
    from lxml import etree

    from .sanitise import DocType, sanitise

    try:
        clean = sanitise(parts)
    except DocType as exc:
        raise UserError(f"{path} ditolak demi keamanan: bagian {exc.part} berisi deklarasi DOCTYPE/ENTITY yang tidak "
                        f"pernah ada di dokumen Word asli. Simpan ulang {kind} itu dari Word sebagai 'Word Document "
                        f"(*.docx)', {advice}", EXIT_INPUT) from None
    except (etree.XMLSyntaxError, ValueError):
        raise UserError(f"{path} rusak (isi XML-nya tidak utuh). Simpan ulang {kind} itu dari Word sebagai 'Word "
                        f"Document (*.docx)', {advice}", EXIT_INPUT) from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for name, data in clean.items():
            dest.writestr(infos[name], data)
    out.seek(0)
    return out


def _open(template: Path | None):
    if template is None:
        return Document(), False
    cleaned = clean_template(template)
    try:
        doc = Document(cleaned)
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a bad file
        raise UserError(f"{template} tidak dapat dibuka sebagai dokumen Word (rusak atau bukan .docx). Simpan "
                        "templat itu dari Word sebagai 'Word Document (*.docx)', atau hapus file itu untuk "
                        "memakai tata letak bawaan.", EXIT_INPUT) from None
    return doc, True


def _set_font(style, name: str, size: float | None = None, bold: bool | None = None, color: str | None = "000000"):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(color)


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    styles = doc.styles
    try:
        return styles[name], False
    except KeyError:
        style = styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = styles["Normal"]
        return style, True


def _setup_styles(doc, own_fonts: bool):
    """Our paragraph and character styles; with no office template also the fonts of Normal and headings."""
    normal = doc.styles["Normal"]
    if own_fonts:
        _set_font(normal, FONT, 11)
        fmt = normal.paragraph_format
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for level, name in enumerate(HEADINGS):
            style, _ = _style(doc, name)
            _set_font(style, FONT, (14, 12, 11)[level], True)
            style.font.italic = False
            style.paragraph_format.space_before = Pt(18 if level == 0 else 12)
            style.paragraph_format.space_after = Pt(12 if level == 0 else 6)
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 0 else WD_ALIGN_PARAGRAPH.LEFT
    for name in HEADINGS:
        _style(doc, name)
    doc.styles[HEADINGS[0]].paragraph_format.page_break_before = True
    item, new = _style(doc, ITEM)
    if new:
        item.paragraph_format.left_indent = Cm(0.63)
        item.paragraph_format.first_line_indent = Cm(-0.63)
    staff, new = _style(doc, STAFF)
    if new:
        staff.paragraph_format.left_indent = Cm(0.63)
    caption, new = _style(doc, CAPTION)
    if new:
        caption.font.bold = True
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(12)
        caption.paragraph_format.space_after = Pt(6)
    following, new = _style(doc, CAPTION_NEXT)
    if new:  # a later part of a table split into stacked parts: looks like its caption, not listed again
        following.base_style = caption
        following.font.bold = True
        following.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        following.paragraph_format.keep_with_next = True
        following.paragraph_format.space_before = Pt(12)
        following.paragraph_format.space_after = Pt(6)
    source, new = _style(doc, SOURCE)
    if new:
        source.font.italic = True
        source.font.size = Pt(9)
        source.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        source.paragraph_format.space_before = Pt(3)
        source.paragraph_format.space_after = Pt(12)
    cover, new = _style(doc, COVER)
    if new:
        cover.font.bold = True
        cover.font.size = Pt(16)
        cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cover.paragraph_format.space_after = Pt(12)
    sign, new = _style(doc, SIGNATURE)
    if new:
        sign.paragraph_format.left_indent = Cm(9)
        sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sign.paragraph_format.space_after = Pt(0)
    _style(doc, STAFF_RUN, WD_STYLE_TYPE.CHARACTER)  # staff's own text: looks like the rest, kept traceable
    todo, new = _style(doc, TODO_RUN, WD_STYLE_TYPE.CHARACTER)
    if new:
        todo.font.italic = True


def _page(section, page: str):
    landscape = page != PORTRAIT
    width, height = F4 if page == WIDE else A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    if landscape:  # the binding edge stays the top of the landscape page
        section.top_margin, section.bottom_margin = MARGINS["left"], MARGINS["bottom"]
        section.left_margin, section.right_margin = SIDE_LANDSCAPE, SIDE_LANDSCAPE
    else:
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]


def _field(paragraph, instruction: str):
    """A Word field (PAGE) in ``paragraph``; Word and LibreOffice compute it."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)


def _field_over(paragraphs: list, instruction: str):
    """One field spanning ``paragraphs`` (paragraph, cached text): begin and instruction in the first,
    end in the last, each paragraph's text the field's current result."""
    def char(run, kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    for k, (p, text) in enumerate(paragraphs):
        if k == 0:
            run = p.add_run()
            char(run, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
            char(run, "separate")
        p.add_run(xml_safe(text))
        if k == len(paragraphs) - 1:
            char(p.add_run(), "end")


def _header_footer(section, header_text: str):
    section.different_first_page_header_footer = True  # the cover has none
    header = section.header.paragraphs[0]
    header.text = header_text
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(9)
        run.font.italic = True
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")


class Renderer:
    def __init__(self, report: Report, wording: Wording, template: Path | None = None, status=None):
        import secrets

        self.nonce = secrets.token_hex(16)  # table markers no text can contain
        self.report = report
        self.w = wording
        self.doc, self.from_template = _open(template)
        self.status = status or (lambda text: None)
        _setup_styles(self.doc, own_fonts=not self.from_template)
        self.page = PORTRAIT
        self._measured: dict[int, tuple] = {}
        self._tables: list[str] = []
        self._importers: dict[int, Importer] = {}

    # sections ----------------------------------------------------------------------------------

    def _switch(self, page: str):
        if page == self.page:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # only the cover page has no header
        _page(section, page)
        self.page = page

    def _usable_twips(self) -> int:
        return usable_twips(self.page)

    # blocks ------------------------------------------------------------------------------------

    def _measure(self, table: Table) -> tuple[dict, list[int], str, float, list[list[int]]]:
        """The table's cell texts, its narrowest column widths, the page it needs, its text size and its
        parts (the columns of each stacked part; one part when it fits once)."""
        key = id(table)
        if key not in self._measured:
            shown = Shown(table)
            texts = column_texts(table, shown)
            self._measured[key] = measure(table, texts)
        return self._measured[key]

    def plan(self) -> list[str]:
        """The page of each block (PORTRAIT, LANDSCAPE or WIDE). A table takes the heading(s) and introducing paragraph right
        before it onto its own page orientation (no heading left alone on the page before); text after a
        table stays in its orientation until the next table or chapter. A chapter that opens with a few
        paragraphs and then a landscape table opens on that table's page, not on a near-empty one."""
        blocks = self.report.blocks
        plan: list[bool | None] = [None] * len(blocks)
        for i, block in enumerate(blocks):
            if not isinstance(block, TableBlock):
                continue
            landscape = self._measure(block.table)[2]  # the page the table needs
            plan[i] = landscape
            j = i - 1
            while j >= 0 and plan[j] is None and (
                    (isinstance(blocks[j], Heading) and blocks[j].level >= 1)
                    or (isinstance(blocks[j], Paragraph) and blocks[j].lead)):
                plan[j] = landscape
                j -= 1
            opening = j  # the chapter's own short opening: its heading and up to OPENING paragraphs
            while opening >= 0 and plan[opening] is None and isinstance(blocks[opening], Paragraph):
                opening -= 1
            if (landscape != PORTRAIT and opening >= 0 and plan[opening] is None and j - opening <= OPENING
                    and isinstance(blocks[opening], Heading) and blocks[opening].level == 0):
                for k in range(opening, j + 1):
                    plan[k] = landscape
        current = PORTRAIT
        for i, block in enumerate(blocks):
            if plan[i] is None:
                chapter = (isinstance(block, Heading) and block.level == 0) or isinstance(block, Signature)
                plan[i] = PORTRAIT if chapter else current
            current = plan[i]
        return plan

    def render(self) -> bytes:
        doc = self.doc
        first = doc.sections[0]
        if not self.from_template:
            _page(first, PORTRAIT)
            _header_footer(first, self.report.header)
            self._cover()
        self._warnings()
        has_content = self.from_template and any(p.text.strip() for p in doc.paragraphs)
        for i, (block, landscape) in enumerate(zip(self.report.blocks, self.plan())):
            self._switch(landscape)
            if isinstance(block, Heading):
                p = doc.add_paragraph(block.text, HEADINGS[min(block.level, 2)])
                if block.level == 0 and i == 0 and self.from_template and not has_content:
                    p.paragraph_format.page_break_before = False
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, TableBlock):
                self._table(block)
            elif isinstance(block, Signature):
                doc.add_paragraph()
                if block.beside:
                    self._signatures(block)
                else:
                    for line in block.lines:
                        self._paragraph(line)
            elif isinstance(block, Contents):
                self._contents(block)
            elif isinstance(block, Carried):
                self._carried(block)
            elif isinstance(block, PageBreak):
                pass  # chapters start on a new page through the Heading 1 style
        document_properties(self.doc, self.report.name or " ".join(self.report.title), self.report.opd,
                            "Laporan Kinerja Instansi Pemerintah")
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _insert_tables(buffer.getvalue(), self._tables, self.nonce)

    def _cover(self):
        doc = self.doc
        for _ in range(6):
            doc.add_paragraph(style=COVER)
        for line in self.report.title:
            doc.add_paragraph(xml_safe(line), COVER)
        for _ in range(4):
            doc.add_paragraph(style=COVER)
        note = doc.add_paragraph(xml_safe(self.report.note))
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in note.runs:  # a note to staff, highlighted so that it is removed before printing
            run.font.italic = True
            run.font.size = Pt(10)
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def _contents(self, block: Contents):
        """Daftar Isi / Daftar Tabel: a TOC field whose cached result already lists the entries (a reader
        sees them without updating; Word refreshes them, page numbers included, when it opens the file)."""
        if block.kind == "isi":
            entries = [(b.text, b.level) for b in self.report.blocks if isinstance(b, Heading) and b.level <= 1]
            instruction = 'TOC \\o "1-2" \\h \\z \\u'
        else:
            entries = [(self.w.text("tabel", "judul", nomor=b.number, judul=_titled(b)), 0)
                       for b in self.report.blocks if isinstance(b, TableBlock) and b.number]
            instruction = f'TOC \\h \\z \\t "{CAPTION},1"'
        title = self.doc.add_paragraph(xml_safe(block.title))
        title.paragraph_format.page_break_before = True
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in title.runs:
            run.bold = True
        if not entries:
            return
        paragraphs = []
        for text, level in entries:
            p = self.doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.8 * level)
            paragraphs.append((p, text))
        _field_over(paragraphs, instruction)
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            insert_in_order(settings, update, AFTER_UPDATE_FIELDS)

    def _warnings(self):
        """The run's warnings on a page of their own after the cover, highlighted (not to be printed)."""
        if not self.report.warnings:
            return
        head = self.doc.add_paragraph(xml_safe(self.w.text("dokumen", "peringatan_judul")))
        head.paragraph_format.page_break_before = True
        lines = [self.w.text("dokumen", "peringatan_pengantar")] + [f"• {w}" for w in self.report.warnings]
        for text in lines:
            p = self.doc.add_paragraph(xml_safe(text))
            for run in p.runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        for run in head.runs:
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def _signatures(self, block: Signature):
        """Two signature blocks side by side, in a table without borders (left: ``beside``)."""
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        for cell, lines in zip(table.rows[0].cells, (block.beside, block.lines)):
            cell.width = Cm(7.7)
            for k, line in enumerate(lines):
                p = self._paragraph(line, cell)
                p.paragraph_format.left_indent = Cm(0)
                if k == 0:  # the cell's own empty first paragraph goes
                    first = cell.paragraphs[0]
                    first._p.getparent().remove(first._p)

    def _paragraph(self, block: Paragraph, container=None):
        style = {"item": ITEM, "staff": STAFF, "signature": SIGNATURE, "name": SIGNATURE}.get(block.style, BODY)
        p = (container or self.doc).add_paragraph(style=style)
        for part in block.parts:
            run = p.add_run(xml_safe(part.text))
            if isinstance(part, Staff):
                run.style = self.doc.styles[STAFF_RUN]
            elif isinstance(part, Todo) or (block.todo and not isinstance(part, (Cell, Count, Word))):
                run.style = self.doc.styles[TODO_RUN]
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif block.style == "staff" and isinstance(part, Text):
                run.bold = True  # "Faktor pendorong:" before staff's own words
            if block.style == "name":
                run.bold = True
                run.underline = True
        return p

    def _carried(self, block: Carried):
        """Staff's own text from their naskah, element by element as they wrote it."""
        importer = self._importers.get(id(block.source))
        if importer is None:
            importer = self._importers[id(block.source)] = Importer(self.doc, block.source.document)
        body = self.doc.element.body
        end = body.find(qn("w:sectPr"))
        for item in block.items:
            element = importer.copy(item.element)
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)

    def _table(self, block: TableBlock):
        table = block.table
        self.status(f"Menulis tabel {block.number} ({len(table.frame)} baris)")
        texts, minimum, _, size, parts = self._measure(table)
        caption = self.w.text("tabel", "judul", nomor=block.number, judul=_titled(block)) if block.number else \
            _titled(block)
        for k, columns in enumerate(parts):
            if k == 0:
                self.doc.add_paragraph(xml_safe(caption), CAPTION)
            else:  # the same table continued: its caption again, not a new entry of the Daftar Tabel
                self.doc.add_paragraph(xml_safe(self.w.text("tabel", "bagian", judul=caption, bagian=k + 1,
                                                             dari=len(parts))), CAPTION_NEXT)
            part = table_part(table, columns, last=k == len(parts) - 1)
            marker = f"{TABLE_MARKER}{self.nonce}-{len(self._tables)}#"
            self._tables.append(table_xml(part, self._usable_twips(), {c.key: texts[c.key] for c in part.columns},
                                          [minimum[c] for c in columns], size))
            self.doc.add_paragraph(marker)  # replaced by the table in the saved XML (``_insert_tables``)
            if k + 1 < len(parts):
                self.doc.add_paragraph(xml_safe(self.w.text("tabel", "bersambung", bagian=k + 2, dari=len(parts))),
                                       SOURCE)
        if table.source:
            self.doc.add_paragraph(xml_safe(table.source), SOURCE)
        for note in table.notes:
            self.doc.add_paragraph(xml_safe(self.w.text("tabel", "catatan", teks=note)), SOURCE)


# staff's naskah into the draft ------------------------------------------------------------------

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
# references to parts of the naskah a draft does not have (notes, comments) and marks that would
# clash with the draft's own (bookmarks of its contents, section breaks)
_DROPPED = tuple(qn(t) for t in ("w:footnoteReference", "w:endnoteReference", "w:commentReference",
                                   "w:commentRangeStart", "w:commentRangeEnd", "w:bookmarkStart", "w:bookmarkEnd",
                                   "w:sectPr", "w:permStart", "w:permEnd"))
_OBJECTS = (qn("w:drawing"), qn("w:pict"), qn("w:object"))
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf")


class Importer:
    """Copies elements of a naskah document into the draft: pictures become pictures of the draft,
    lists keep their numbering, styles the draft lacks come along; links, notes, comments, bookmarks
    and objects the draft cannot hold (charts, SmartArt, embedded files) are left out, their text
    kept."""

    def __init__(self, doc, source):
        self.doc, self.source = doc, source
        self._numbers: dict[str, str] = {}
        self._made: set[str] = set()  # relationships of the draft made for copied pictures
        self._styles = {s.get(qn("w:styleId")) for s in doc.styles.element.iter(qn("w:style"))}

    def copy(self, element):
        el = copy.deepcopy(element)
        for tag in _DROPPED:
            for found in list(el.iter(tag)):
                found.getparent().remove(found)
        for link in list(el.iter(qn("w:hyperlink"))):  # its text stays, the address goes
            parent = link.getparent()
            at = parent.index(link)
            for k, child in enumerate(list(link)):
                parent.insert(at + k, child)
            parent.remove(link)
        for node in el.iter():
            for attr in [a for a in node.attrib if a.startswith(_W14)]:
                del node.attrib[attr]
        for blip in el.iter(_A_BLIP, _V_IMAGEDATA):
            blip.attrib.pop(f"{_R}link", None)  # a picture fetched from elsewhere when opened
            for attr in (f"{_R}embed", f"{_R}id"):
                rid = blip.get(attr)
                if rid:
                    new = self._picture(rid)
                    if new:
                        blip.set(attr, new)
                    else:
                        del blip.attrib[attr]
        for obj in [o for o in el.iter(*_OBJECTS)]:
            if obj.getparent() is not None and self._unresolved(obj):
                obj.getparent().remove(obj)
        for node in list(el.iter()):  # anything else naming a part of the naskah (an embedded chunk ...)
            if node is not el and node.getparent() is not None and any(
                    name.startswith(_R) and value not in self._made for name, value in node.attrib.items()):
                node.getparent().remove(node)
        for num in el.iter(qn("w:numId")):
            num.set(qn("w:val"), self._number(num.get(qn("w:val"))))
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            for ref in el.iter(qn(tag)):
                self._style(ref.get(qn("w:val")))
        return el

    def _picture(self, rid: str) -> str | None:
        part = self.source.part.related_parts.get(rid)
        if part is None or part.content_type not in IMAGE_TYPES:
            return None
        new, _ = self.doc.part.get_or_add_image(io.BytesIO(part.blob))
        self._made.add(new)
        return new

    def _unresolved(self, obj) -> bool:
        """An object that still names a relationship of the naskah (a chart, a diagram, an OLE file)."""
        own = {v for n in obj.iter(_A_BLIP, _V_IMAGEDATA) for v in n.attrib.values()}
        return any(name.startswith(_R) and value not in own
                   for node in obj.iter() for name, value in node.attrib.items())

    def _number(self, num_id: str | None) -> str:
        """The draft's list for the naskah's list ``num_id`` (its definition copied once)."""
        if not num_id or num_id == "0":
            return num_id or "0"
        if num_id in self._numbers:
            return self._numbers[num_id]
        try:
            src = self.source.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return "0"
        num = next((n for n in src.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
        if num is None:
            return "0"
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next((a for a in src.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id), None)
        dest = self.doc.part.numbering_part.element
        ids = [int(a.get(qn("w:abstractNumId"))) for a in dest.iter(qn("w:abstractNum"))]
        nums = [int(n.get(qn("w:numId"))) for n in dest.iter(qn("w:num"))]
        new_abstract, new_num = str(max(ids, default=0) + 1), str(max(nums, default=0) + 1)
        if abstract is not None:
            copied = copy.deepcopy(abstract)
            copied.set(qn("w:abstractNumId"), new_abstract)
            for link in list(copied.iter(qn("w:numStyleLink"), qn("w:styleLink"))):
                link.getparent().remove(link)
            first_num = dest.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(copied)
            else:
                dest.append(copied)
        copied_num = copy.deepcopy(num)
        copied_num.set(qn("w:numId"), new_num)
        copied_num.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract)
        cleanup = dest.find(qn("w:numIdMacAtCleanup"))  # Word wants it last
        if cleanup is not None:
            cleanup.addprevious(copied_num)
        else:
            dest.append(copied_num)
        self._numbers[num_id] = new_num
        return new_num

    def _style(self, style_id: str | None):
        """A style of the naskah the draft lacks (and the styles it is based on) into the draft."""
        while style_id and style_id not in self._styles:
            el = next((s for s in self.source.styles.element.iter(qn("w:style"))
                       if s.get(qn("w:styleId")) == style_id), None)
            if el is None:
                return
            copied = copy.deepcopy(el)
            self._styles.add(style_id)
            for num in copied.iter(qn("w:numId")):  # a list style's numbering is the naskah's: copied too
                num.set(qn("w:val"), self._number(num.get(qn("w:val"))))
            self.doc.styles.element.append(copied)
            based = el.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None


TABLE_MARKER = "#LKJIP-TABEL-"
DOCUMENT_PART = "word/document.xml"


# CT_Settings (ECMA-376 Part 1, 17.15.1.78) is a sequence: w:updateFields comes before these
AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                       "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                       "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                       "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def insert_in_order(parent, element, after: tuple[str, ...]):
    """``element`` into ``parent`` before the first child the schema puts after it; an extension element
    of a later Word version (w14, w15 ...) comes after all of the schema's own."""
    for k, child in enumerate(parent):
        if not isinstance(child.tag, str):
            continue
        ns, _, name = child.tag[1:].partition("}") if child.tag.startswith("{") else ("", "", child.tag)
        if name in after or "schemas.microsoft.com/office/word" in ns:
            parent.insert(k, element)
            return
    parent.append(element)


def document_properties(doc, title: str, author: str, subject: str, when=None):
    """What Word shows under File › Info: the document's title, the office as its author, the time it
    was drafted; no program name, no date of python-docx's own template."""
    import datetime as dt

    now = when or dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.last_modified_by = title, subject, author, author
    cp.comments, cp.keywords, cp.category = "", "", ""
    cp.created = cp.modified = now
    cp.revision = 1
    for part in doc.part.package.iter_parts():  # python-docx's own app.xml names a Mac Word 2010 and Normal.dotm
        if str(part.partname) == "/docProps/app.xml" and hasattr(part, "_blob"):
            part._blob = APP_XML


APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
           b'org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/docPropsVTypes"><TotalTime>0</TotalTime><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
           b'<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
           b'</Properties>')


def _titled(block: TableBlock) -> str:
    """A table's title, with the period when the draft covers part of the year."""
    return f"{block.table.title} ({block.period})" if block.period else block.table.title


def _insert_tables(docx: bytes, tables: list[str], nonce: str) -> bytes:
    """Put each table's XML where its marker paragraph is, as text: a dinas's tables hold hundreds of
    thousands of elements, which python-docx's tree would keep in memory several times over. The marker
    carries a random token made for this document, so no text staff type (an OPD name, a kalimat, a
    template paragraph) can stand in for it; each marker must appear exactly once."""
    if not tables:
        return docx
    src = zipfile.ZipFile(io.BytesIO(docx))
    xml = src.read(DOCUMENT_PART).decode("utf-8")
    pieces, pos = [], 0
    for n, table in enumerate(tables):
        marker = f"{TABLE_MARKER}{nonce}-{n}#"
        if xml.count(marker) != 1:  # pragma: no cover - a 128-bit token typed by someone else
            raise RuntimeError("table marker not unique")
        at = xml.index(marker, pos)
        start = max(xml.rfind("<w:p>", pos, at), xml.rfind("<w:p ", pos, at))
        end = xml.index("</w:p>", at) + len("</w:p>")
        pieces += [xml[pos:start], table]
        pos = end
    pieces.append(xml[pos:])
    document = "".join(pieces).encode("utf-8")
    del xml, pieces
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            dest.writestr(item, document if item.filename == DOCUMENT_PART else src.read(item.filename))
    return out.getvalue()


# tables as WordprocessingML ----------------------------------------------------------------------

CELL_PADDING = 2 * 57 + 30
NATURAL_CHAR_TWIPS = 100  # an Excel column-width unit on the page, for tables narrower than the page

# Arial advance widths in thousandths of an em (regular; bold is wider by BOLD), by character class;
# a character not listed counts as the widest lowercase letter. SAFETY covers Liberation Sans, Word's
# and LibreOffice's rounding, so that a measured word never breaks.
_EM = {**dict.fromkeys("ijlI.,:;'|!", 278), **dict.fromkeys("ft/()[] -", 333), "r": 333, **dict.fromkeys(
    "0123456789abcdeghnopqsuvxyzJL$_#?", 556), **dict.fromkeys("kcsvxyzFTZ", 556),
    **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw%", 722), **dict.fromkeys("GOQ", 778),
    "m": 833, "M": 833, "W": 944, "@": 1015}
_WIDEST = 611
BOLD = 1.07
SHORT_HEADER = 6  # characters
SAFETY = 1.12


@functools.lru_cache(maxsize=1 << 17)
def _em(text: str) -> int:
    """Thousandths of an em (a table's words and names repeat: each is summed once)."""
    return sum(_EM.get(ch, _WIDEST) for ch in text)


def text_twips(text: str, bold: bool = True, size: float = TABLE_PT) -> int:
    """The width ``text`` takes on one line at ``size`` points (bold by default: header and totals rows)."""
    return int(_weight(text, bold) / 1000 * size * 20 * SAFETY)


@functools.lru_cache(maxsize=1 << 17)
def _weight(text: str, bold: bool) -> float:
    """Thousandths of an em, bold included: Arial's bold figures and their separators are as wide as its
    regular ones, so a figure is not widened."""
    em = _em(text)
    return em * BOLD if bold and not _FIGURE.fullmatch(text) else em


_FIGURE = re.compile(r"[-+]?[\d.,%]+")


def column_texts(table: Table, shown: Shown | dict) -> dict[str, list[str]]:
    """Every cell's text by column (each worked out once: measuring and writing read them several times)."""
    if isinstance(shown, dict):
        return shown
    rows = range(len(table.frame))
    return {col.key: [shown.text(i, col.key) for i in rows] for col in table.columns}


def min_widths(table: Table, shown: Shown | dict, size: float = TABLE_PT) -> list[int]:
    """The narrowest each column may be so no word (of its header or cells) and no number breaks."""
    return widths_at(longest_words(table, shown), size)


def longest_words(table: Table, shown: Shown | dict) -> tuple[list[float], list[tuple[int, int, float]], int]:
    """What the narrowest widths depend on, whatever the size: each column's longest word (thousandths of
    an em, bold included), each group of columns (first, last, its header's longest word), and the
    column that takes the indent."""
    texts = column_texts(table, shown)
    kinds = list(table.frame["kind"])
    bold = [kind in KIND_BOLD for kind in kinds]
    keep = [kind not in SPANNED for kind in kinds]
    ems = []
    for col in table.columns:
        # a short header ("TW II", "No") stays on one line; a longer one may wrap at its spaces
        head = [col.header] if len(col.header) <= SHORT_HEADER else _words(col.header)
        longest = max((_weight(w, True) for w in head), default=0)
        whole = col.fmt != TEXT
        for text, b, k in zip(texts[col.key], bold, keep):
            if not k or not text:
                continue
            for w in ((text,) if whole else _words(text)):
                em = _weight(w, b)
                if em > longest:
                    longest = em
        ems.append(longest)
    groups = []
    c = 0
    while c < len(table.columns):
        group, end = table.columns[c].group, c
        while group and end + 1 < len(table.columns) and table.columns[end + 1].group == group:
            end += 1
        if group:
            groups.append((c, end, max((_weight(w, True) for w in _words(group)), default=0)))
        c = end + 1
    return ems, groups, _first_text(table)


def widths_at(longest: tuple[list[float], list[tuple[int, int, float]], int], size: float) -> list[int]:
    """The narrowest widths at ``size`` points (``longest_words``); a group's header spans its columns:
    together they hold its longest word (shared out evenly)."""
    ems, groups, first_text = longest
    scale = size * 20 * SAFETY / 1000
    out = [int(em * scale) + CELL_PADDING + (2 * 170 if k == first_text else 0) for k, em in enumerate(ems)]
    for c, end, em in groups:
        short = int(em * scale) + CELL_PADDING - sum(out[c:end + 1])
        for k in range(c, end + 1):
            out[k] += max(0, short) // (end - c + 1) + 1
    return out


def _longest_line(table: Table, shown: Shown | dict, size: float) -> int:
    """The width the table would need for every text cell on one line (numbers as they are)."""
    texts = column_texts(table, shown)
    kinds = list(table.frame["kind"])
    total = 0
    for col in table.columns:
        cells = [t for t, kind in zip(texts[col.key], kinds) if kind not in SPANNED] + [col.header]
        total += max((text_twips(t, False, size) for t in cells), default=0) + CELL_PADDING
    return total


def text_weights(table: Table, shown: Shown | dict) -> list[int]:
    """How much each column gains from width beyond its narrowest: a text column as much as its
    texts are long (so long names wrap into few lines), a number or a short word nothing."""
    texts = column_texts(table, shown)
    kinds = list(table.frame["kind"])
    out = []
    for col in table.columns:
        if col.fmt != TEXT or col.key == "no":
            out.append(0)
            continue
        cells = [t for t, kind in zip(texts[col.key], kinds) if kind not in SPANNED]
        out.append(sum(text_twips(t, False) for t in cells) // max(len(cells), 1))
    return out


BALANCE_ROWS = 400  # rows sampled (evenly) to weigh where a table's room saves the most lines
BALANCE_STEPS = 40  # the room is handed out in this many steps


def lines_at(text: str, width: int, bold: bool, size: float) -> int:
    """Lines ``text`` takes in a cell ``width`` twips wide (its padding included), wrapping as Word
    does: at spaces and after '/' and '-'; a piece wider than the cell breaks across lines."""
    room = max(1, width - CELL_PADDING)
    space = text_twips(" ", bold, size)
    total = 0
    for para in str(text).split("\n"):
        lines, used = 1, 0
        for piece in _words(para):
            w = text_twips(piece, bold, size)
            if used and used + space + w > room:
                lines, used = lines + 1, 0
            used += (space if used else 0) + w
            while used > room:
                lines, used = lines + 1, used - room
        total += lines
    return total


def balance_widths(table: Table, shown: dict, minimum: list[int], weights: list[int], room: int,
                   size: float) -> list[int]:
    """Widths adding up to ``room``: each column from its narrowest, the free room handed out step by
    step to the text column (``weights`` > 0) where it saves the most lines over the table's rows (a
    row is as tall as its tallest cell); what no longer saves a line goes by ``weights``."""
    widths = list(minimum)
    free = room - sum(widths)
    texts = [k for k, w in enumerate(weights) if w]
    if free <= 0 or not texts:
        return fit_widths(weights, minimum, room) if free > 0 else widths
    kinds = list(table.frame["kind"])
    rows = [i for i, kind in enumerate(kinds) if kind not in SPANNED]
    if len(rows) > BALANCE_ROWS:
        rows = rows[::-(-len(rows) // BALANCE_ROWS)]
    first = _first_text(table)
    cols = table.columns
    # every row's lines in each column other than the text columns stay those at its narrowest width
    fixed = [max((lines_at(shown[cols[k].key][i], widths[k], kinds[i] in KIND_BOLD, size)
                  for k in range(len(cols)) if k not in texts and shown[cols[k].key][i]), default=1)
             for i in rows]
    cache: dict[tuple[int, int], list[int]] = {}

    def lines(k: int, width: int) -> list[int]:
        if (k, width) not in cache:
            indent = 2 * 170 if k == first else 0
            cache[(k, width)] = [lines_at(shown[cols[k].key][i], width - indent, kinds[i] in KIND_BOLD, size)
                                 if shown[cols[k].key][i] else 1 for i in rows]
        return cache[(k, width)]

    def height(trial: dict[int, int]) -> int:
        per = [lines(k, trial[k]) for k in texts]
        return sum(max(f, *(p[r] for p in per)) for r, f in enumerate(fixed))

    step = max(20, free // BALANCE_STEPS)
    current = {k: widths[k] for k in texts}
    now = height(current)
    while free >= step:
        best, best_height = None, now
        for k in texts:
            trial = dict(current)
            trial[k] += step
            h = height(trial)
            if h < best_height:
                best, best_height = k, h
        if best is None:  # no single step saves a line: two columns together may, by their weights
            break
        current[best] += step
        free -= step
        now = best_height
    for k in texts:
        widths[k] = current[k]
    if free > 0:
        extra = fit_widths([weights[k] for k in range(len(cols))], [0] * len(cols), free)
        widths = [w + e for w, e in zip(widths, extra)]
    return widths


_BREAK = re.compile(r"(?<=-)|\s+")


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """The pieces a line may not break inside: Word and LibreOffice break at spaces and after '-'; not
    after '/' ("Program/Kegiatan/Sub" broke inside a word in LibreOffice when measured as three)."""
    return tuple(w for w in _BREAK.split(text) if w)


def fit_widths(weights: list[int], minimum: list[int], usable: int) -> list[int]:
    """Widths in proportion to ``weights``, none below its ``minimum``, adding up to ``usable`` (when
    the minimums alone do not fit, they are scaled down together)."""
    if sum(minimum) >= usable:
        return [int(m * usable / sum(minimum)) for m in minimum]
    if not any(weights):
        weights = [1] * len(weights)
    fixed: dict[int, int] = {}
    while True:
        free = [k for k in range(len(weights)) if k not in fixed]
        room = usable - sum(fixed.values())
        total = sum(weights[k] for k in free) or 1
        widths = {k: room * weights[k] / total for k in free}
        short = [k for k in free if widths[k] < minimum[k]]
        if not short:
            break
        for k in short:
            fixed[k] = minimum[k]
    return [int(fixed[k]) if k in fixed else int(widths[k]) for k in range(len(weights))]


def _first_text(table: Table) -> int:
    return next((k for k, c in enumerate(table.columns) if c.fmt == TEXT and c.key != "no"), 0)


def _run(text: str, bold: bool = False, italic: bool = False, size: float = TABLE_PT) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + f'<w:sz w:val="{int(size * 2)}"/>' \
        + f'<w:szCs w:val="{int(size * 2)}"/>'
    pieces = []
    for k, line in enumerate(str(text).split("\n")):
        if k:
            pieces.append("<w:br/>")
        pieces.append(f'<w:t xml:space="preserve">{escape(xml_safe(line))}</w:t>')
    return f"<w:r><w:rPr>{props}</w:rPr>{''.join(pieces)}</w:r>"


def _cell_at(text: str, width: int, *, align: str = "left", bold: bool = False, italic: bool = False,
          fill: str | None = None, span: int = 1, vmerge: str | None = None, indent: int = 0,
          valign: str = "top", size: float = TABLE_PT) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    props += f'<w:vAlign w:val="{valign}"/>'
    ppr = f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>' \
          + (f'<w:ind w:left="{indent * 170}"/>' if indent else "") + f'<w:jc w:val="{align}"/></w:pPr>'
    runs = _run(text, bold, italic, size) if text != "" else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{ppr}{runs}</w:p></w:tc>"


def _row(cells: list[str], header: bool = False) -> str:
    trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def usable_twips(page: str) -> int:
    """Text width of a section's page in twips (landscape pages keep the binding edge at the top)."""
    if page == PORTRAIT:
        width = A4[0] - MARGINS["left"] - MARGINS["right"]
    else:
        width = (F4 if page == WIDE else A4)[1] - 2 * SIDE_LANDSCAPE
    return int(width) // EMU_PER_TWIP


def measure(table: Table, texts: dict) -> tuple[dict, list[int], str, float, list[list[int]]]:
    """(texts, narrowest widths, page, size, parts) of a table: portrait at 9 pt when it fits; A4
    landscape (at 8 pt when its narrowest columns fill most of it); else F4 landscape at the largest of
    ``FORM_SIZES`` that fits; else stacked parts at 6,5 pt, each repeating the table's key columns."""
    longest = longest_words(table, texts)
    minimum = widths_at(longest, TABLE_PT)
    everything = [list(range(len(table.columns)))]
    if sum(minimum) <= usable_twips(PORTRAIT):
        return texts, minimum, PORTRAIT, TABLE_PT, everything
    landscape = usable_twips(LANDSCAPE)
    if sum(minimum) <= TIGHT * landscape:
        return texts, minimum, LANDSCAPE, TABLE_PT, everything
    small = widths_at(longest, SMALL_TABLE_PT)
    if sum(small) <= landscape:
        return texts, small, LANDSCAPE, SMALL_TABLE_PT, everything
    wide = usable_twips(WIDE)
    for size in FORM_SIZES:
        minimum = widths_at(longest, size)
        if sum(minimum) <= wide:
            return texts, minimum, WIDE, size, everything
    return texts, minimum, WIDE, FORM_SIZES[-1], split_columns(table, minimum, wide)


def split_columns(table: Table, minimum: list[int], usable: int) -> list[list[int]]:
    """The columns of each stacked part: the table's key columns on every part, the others in order,
    a part ending before the column that would make it wider than ``usable``; a group of columns (a
    K/Rp pair) stays in one part."""
    cols = table.columns
    key = list(range(min(table.key_columns, len(cols))))
    base = sum(minimum[c] for c in key)
    parts, current, used = [], [], base
    c = len(key)
    while c < len(cols):
        end = c
        while cols[c].group and end + 1 < len(cols) and cols[end + 1].group == cols[c].group:
            end += 1
        need = sum(minimum[c:end + 1])
        if current and used + need > usable:
            parts.append(key + current)
            current, used = [], base
        current += list(range(c, end + 1))
        used += need
        c = end + 1
    parts.append(key + current)
    return parts


PART_ONLY_LAST = ("text", "todo")  # rows of running text: once, under the last part, across its width


def table_part(table: Table, columns: list[int], last: bool) -> Table:
    """The table with only ``columns`` (all of them: the table itself); rows of running text only
    under the last part."""
    if len(columns) == len(table.columns):
        return table
    import dataclasses

    cols = [table.columns[c] for c in columns]
    frame = table.frame[[c.key for c in cols] + ["kind"]]
    if not last:
        frame = frame[~frame["kind"].isin(PART_ONLY_LAST)]
    frame = frame.reset_index(drop=True)
    return dataclasses.replace(table, columns=cols, frame=frame, formulas={}, places={}, instructions={},
                               notes=[], source="")


def header_rows(table: Table) -> int:
    """How many rows of the Word table are headers (repeated on each page)."""
    return (2 if any(c.group for c in table.columns) else 1) + (1 if table.numbered else 0)


def table_xml(table: Table, usable: int, shown: Shown | dict | None = None, minimum: list[int] | None = None,
              size: float = TABLE_PT) -> str:
    """The Word table for ``table`` in ``usable`` twips of width, its text at ``size`` points."""
    cols = table.columns
    shown = column_texts(table, shown or Shown(table))  # the cells' texts, by column
    minimum = minimum or min_widths(table, shown, size)
    _cell = functools.partial(_cell_at, size=size)
    # a table whose texts fit on one line at their workbook widths is not stretched; one with longer
    # texts takes the page, so they wrap into as few lines as it allows
    natural = int(sum(c.width for c in cols) * NATURAL_CHAR_TWIPS)
    if _longest_line(table, shown, size) > natural:
        natural = usable
    room = max(min(usable, natural), sum(minimum))
    weights = text_weights(table, shown)
    if sum(w for w in weights) == 0:  # no long text: the columns as their workbook proportions
        weights = [max(c.width, 4) for c in cols]
    if sum(w for w in weights) == 0:
        widths = fit_widths(weights, minimum, room)
    else:  # the room goes where it saves the most lines (long names), short texts kept on one line
        widths = balance_widths(table, shown, minimum, weights, room, size)
    n = len(cols)
    rows = []
    head = dict(align="center", bold=True, fill=HEADER_FILL, valign="center")
    if any(c.group for c in cols):
        top, bottom = [], []
        c = 0
        while c < n:
            group = cols[c].group
            if group:
                end = c
                while end + 1 < n and cols[end + 1].group == group:
                    end += 1
                top.append(_cell(group, sum(widths[c:end + 1]), span=end - c + 1, **head))
                bottom.extend(_cell(cols[k].header, widths[k], **head) for k in range(c, end + 1))
                c = end + 1
            else:
                top.append(_cell(cols[c].header, widths[c], vmerge="restart", **head))
                bottom.append(_cell("", widths[c], vmerge="continue", **head))
                c += 1
        rows += [_row(top, True), _row(bottom, True)]
    else:
        rows.append(_row([_cell(c.header, widths[k], **head) for k, c in enumerate(cols)], True))
    if table.numbered:
        rows.append(_row([_cell(str(k + 1), widths[k], align="center", italic=True, fill="F2F2F2")
                          for k in range(n)], True))
    frame = table.frame
    kinds = list(frame["kind"])
    first_text = _first_text(table)
    for i, kind in enumerate(kinds):
        fill = KIND_FILL.get(kind)
        bold = kind in KIND_BOLD
        if kind in SPANNED:
            label = next((table.value(i, c.key) for c in cols if isinstance(table.value(i, c.key), str)), "")
            if i in table.instructions:  # a draft is edited before it is signed: say what to write here
                label = f"{label} {table.instructions[i]}"
            rows.append(_row([_cell(label, sum(widths), span=n, bold=kind == "section", fill=fill)]))
            continue
        cells = []
        for k, col in enumerate(cols):
            text = shown[col.key][i]
            value = table.value(i, col.key)
            if col.key == "no":
                align = "center"
            elif col.fmt == TEXT:
                align = "left"
            else:
                align = "center" if isinstance(value, str) else "right"
            cells.append(_cell(text, widths[k], align=align, bold=bold, fill=fill,
                               indent=INDENT.get(kind, 0) if k == first_text else 0))
        rows.append(_row(cells))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def render(report: Report, wording: Wording, template: Path | None = None, status=None) -> bytes:
    return Renderer(report, wording, template, status).render()


__all__ = ["render", "table_xml", "header_rows"]
