"""The prose staff write once: ``naskah_laporan.docx`` in the data folder.

Its headings (Word's Heading 1-3 styles, or any paragraph with an outline level 1-3) are matched to
the draft's section titles by their words, numbering aside ("1.1 Latar Belakang", "A. Latar
belakang" and "LATAR BELAKANG" are one title). What stands under a matched heading (paragraphs with
their formatting, lists, tables, pictures such as the organisation chart) is carried into that section
of the draft, in place of its highlighted placeholder, or after the section's drafted text when it has
none. Headings that match no section are listed in the run's output and on the draft's first page.

``read`` opens the file within the same bounds as an office template (declared sizes, no macros, no
external relationships); ``starter_bytes`` writes a naskah with every heading of an office's draft, the
placeholder texts under the sections that need prose (they are not carried: an unchanged placeholder
is dropped), and, for the bundled example, prose of its own.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from ..issues import EXIT_INPUT, UserError

NASKAH_NAME = "naskah_laporan.docx"
NASKAH_LIMIT = 60 * 2**20  # unpacked bytes: pictures of an organisation chart need far less
SECTION_LEVELS = 3  # Heading 1-3 divide the naskah; Heading 4 and deeper are staff's own sub-headings

_NUMBERING = re.compile(
    r"^\s*(?:bab\s+[ivxlcdm]+\b\.?|(?:\d+\s*\.\s*)*\d+\s*\.?(?=\s|$|[^\d.])|[a-z]\s*[.)](?=\s)|[ivxlcdm]+\s*[.)](?=\s))\s*",
    re.IGNORECASE)
_ANNEX = re.compile(r"^\s*lampiran\s+(?:\d+|[ivxlcdm]+|[a-z])\b\s*[.:)]?\s*", re.IGNORECASE)


def heading_key(text: str) -> str:
    """The words of a heading, without its numbering, case or punctuation ("Lampiran 3. X" is
    "lampiran x": an annex's number follows which annexes exist)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _ANNEX.sub("lampiran ", text, count=1) if _ANNEX.match(text) else _NUMBERING.sub("", text, count=1)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


@dataclass
class Item:
    """One block under a naskah heading: a paragraph or a table (``element``, of ``Naskah.document``)."""
    text: str
    element: object
    table: bool = False


@dataclass
class Section:
    title: str
    level: int
    items: list[Item] = field(default_factory=list)
    used: bool = False


class Naskah:
    """The sections of an office's naskah, by heading key."""

    def __init__(self, path: Path, document, sections: list[Section], before: list[str]):
        self.path = path
        self.document = document  # the python-docx Document its elements belong to (pictures, lists, styles)
        self.sections = sections
        self.before = before  # text above the first heading (not carried)
        self.taken: list[str] = []  # the draft's sections that carry text of this naskah
        self.by_key: dict[str, list[Section]] = {}
        for s in sections:
            self.by_key.setdefault(heading_key(s.title), []).append(s)

    def take(self, title: str, hints: set[str] = frozenset()) -> list[Item] | None:
        """What staff wrote under ``title`` (all its headings of that name, in order), without an
        unchanged placeholder and without empty paragraphs (the draft's styles space paragraphs);
        None when nothing is written there."""
        found = self.by_key.get(heading_key(title))
        if not found:
            return None
        items = []
        for s in found:
            s.used = True
            items += [i for i in s.items if i.table or (i.text.strip() and i.text.strip() not in hints)
                      or _has_picture(i.element)]
        if items:
            self.taken.append(title)
        return items or None

    def unmatched(self) -> list[str]:
        """Headings with text under them that matched no section of the draft."""
        return [s.title for s in self.sections if not s.used and any(i.table or i.text.strip() for i in s.items)]

    def carried(self) -> list[str]:
        return list(self.taken)

    def left_out(self) -> list[str]:
        """Sections carried into the draft whose charts, diagrams or embedded objects were not."""
        taken = {heading_key(t) for t in self.taken}
        return [s.title for s in self.sections if heading_key(s.title) in taken
                and any(_has_object(i.element) for i in s.items)]


_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
_DIAGRAM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds"


def _has_object(element) -> bool:
    """An object a draft cannot hold (a chart, a SmartArt diagram, an embedded file or chunk): left out
    when carried, and said."""
    return any(True for _ in element.iter(_CHART, _DIAGRAM, qn("w:object"), qn("w:altChunk")))


def _has_picture(element) -> bool:
    return any(True for _ in element.iter(qn("w:drawing"), qn("w:pict"), qn("w:object")))


def _level(paragraph, styles_by_id: dict) -> int | None:
    """1-9 for a heading paragraph (its style is a heading, or it or its style has an outline level)."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None and outline.get(qn("w:val"), "").isdigit():
            return int(outline.get(qn("w:val"))) + 1
        style = ppr.find(qn("w:pStyle"))
        seen = set()
        style_id = style.get(qn("w:val")) if style is not None else None
        while style_id and style_id not in seen:  # a style based on Heading 2 is a heading too
            seen.add(style_id)
            el = styles_by_id.get(style_id)
            if el is None:
                break
            name = el.find(qn("w:name"))
            m = re.fullmatch(r"heading ([1-9])", (name.get(qn("w:val")) if name is not None else "").casefold())
            if m:
                return int(m.group(1))
            spr = el.find(qn("w:pPr"))
            lvl = spr.find(qn("w:outlineLvl")) if spr is not None else None
            if lvl is not None and lvl.get(qn("w:val"), "").isdigit():
                return int(lvl.get(qn("w:val"))) + 1
            based = el.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
    return None


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def read(path: Path) -> Naskah:
    """The naskah at ``path`` (cleaned and bounded like an office template)."""
    from .word import clean_docx

    cleaned = clean_docx(path, "naskah", NASKAH_LIMIT)
    try:
        document = Document(cleaned)
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a bad file
        raise UserError(f"{path} tidak dapat dibuka sebagai dokumen Word (rusak atau bukan .docx). Simpan naskah "
                        "itu dari Word sebagai 'Word Document (*.docx)', atau pindahkan file itu bila tidak dipakai.",
                        EXIT_INPUT) from None
    styles_by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.iter(qn("w:style"))}
    sections: list[Section] = []
    before: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag
        if tag == qn("w:p"):
            level = _level(child, styles_by_id)
            text = _text(child)
            if level is not None and level <= SECTION_LEVELS and text.strip():
                sections.append(Section(" ".join(text.split()), level))
            elif sections:
                sections[-1].items.append(Item(text, child))
            elif text.strip():
                before.append(text)
        elif tag == qn("w:tbl") and sections:
            sections[-1].items.append(Item(_text(child), child, table=True))
    return Naskah(Path(path), document, sections, before)


def load(folder: Path | None) -> Naskah | None:
    if folder is None:
        return None
    path = Path(folder) / NASKAH_NAME
    return read(path) if path.is_file() else None


# writing a naskah -----------------------------------------------------------------------------------

def starter_bytes(report, wording, opd: str, prose: dict[str, list[str]] | None = None, created=None) -> bytes:
    """A naskah with every heading of ``report`` and, under the sections that need prose, the
    placeholder that says what to write (highlighted); ``prose`` (heading key -> paragraphs, a line
    starting with "- " a bulleted one) fills sections instead, as in the bundled example."""
    from .model import Heading
    from .word import xml_safe

    document = Document()
    document.add_paragraph(xml_safe(wording.text("naskah", "judul", opd=opd)), "Title")
    for line in ("petunjuk1", "petunjuk2", "petunjuk3"):
        document.add_paragraph(xml_safe(wording.text("naskah", line)))
    prose = prose or {}
    for block in report.blocks:
        if not isinstance(block, Heading):
            continue
        document.add_paragraph(xml_safe(block.text), f"Heading {min(block.level + 1, 3)}")
        written = prose.get(heading_key(block.text))
        if written:
            for text in written:
                if text.startswith("- "):
                    document.add_paragraph(xml_safe(text[2:]), "List Bullet")
                else:
                    document.add_paragraph(xml_safe(text))
        elif block.text in report.slots:
            p = document.add_paragraph()
            run = p.add_run(xml_safe(report.slots[block.text]))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    from .word import document_properties

    document_properties(document, wording.text("naskah", "judul", opd=opd), opd, "Naskah Laporan Kinerja", created)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_prose(text: str) -> dict[str, list[str]]:
    """``## Heading`` lines and the paragraphs under them (blank-line separated) -> heading key ->
    paragraphs: the example naskah's reviewable source."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    paragraph: list[str] = []

    def end():
        if current is not None and paragraph:
            current.append(" ".join(paragraph))
        paragraph.clear()

    for line in text.splitlines():
        if line.startswith("## "):
            end()
            current = out.setdefault(heading_key(line[3:]), [])
        elif not line.strip():
            end()
        elif line.startswith("- "):
            end()
            paragraph.append(line.strip())
            end()
        else:
            paragraph.append(line.strip())
    end()
    return out
