"""What a drafted report is made of, before it becomes Word: blocks (headings, paragraphs, tables) and,
inside paragraphs, parts that say where each piece of text comes from.

The parts are what make the draft checkable: a number is a :class:`Cell` (the table cell it is read
from, and the text that cell shows), a comparison word is a :class:`Word` (the rule that chose it and
the cells it was chosen from), staff's own sentences are :class:`Staff`, and everything else is
wording (:class:`Text`) or a fact of the office (:class:`Fact`: name, year, period).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kinerja.table import Table


@dataclass(frozen=True)
class Text:
    """Wording from kalimat.toml (never a number: the loader refuses digits in paragraph wording)."""
    text: str


@dataclass(frozen=True)
class Fact:
    """The office's name, the year, the period, a column header: never a table figure."""
    text: str


@dataclass(frozen=True)
class Ordinal:
    """The number of an item in a drafted list ("1.", "2.")."""
    value: int

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Cell:
    """A figure or a name read from a computed table: ``text`` is what that cell shows (without its sign
    when ``magnitude``: a difference said as "lebih rendah 10,60 poin")."""
    table: str
    row: int
    col: str
    text: str
    magnitude: bool = False


@dataclass(frozen=True)
class Count:
    """How many rows of a table are of ``kinds`` (and, when ``column`` is given, show ``equals`` there,
    or anything when ``equals`` is None)."""
    table: str
    kinds: tuple[str, ...]
    column: str | None
    equals: str | None
    value: int

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Word:
    """A comparison word chosen by ``rule`` (``rules.<rule>``) from the ``inputs`` cells: ``key`` is
    the rule's answer and ``text`` the wording for it."""
    rule: str
    key: str
    text: str
    inputs: tuple[Cell, ...]


@dataclass(frozen=True)
class Staff:
    """Text staff typed in a workbook (faktor pendorong, nomor LHE, dokumen sumber), copied verbatim."""
    text: str


@dataclass(frozen=True)
class Todo:
    """A short placeholder inside a line ("[tanggal]"), shown highlighted."""
    text: str


Part = Text | Fact | Ordinal | Cell | Count | Word | Staff | Todo


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 = chapter (BAB), 1 = section, 2 = subsection


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Part, ...]
    style: str = "body"  # body | item (numbered line) | staff (a line of staff text) | signature | name
    todo: bool = False  # a placeholder that tells staff what to write (shown highlighted)
    claims: tuple[Word, ...] = ()  # comparisons the paragraph makes without a word (e.g. a list "below target")
    lead: bool = False  # introduces the table right after it (kept on the same page orientation)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class TableBlock:
    table: Table
    number: str  # the caption's number ("3.1"; 3.19 also appears as 1.2 in BAB I; "" for the predikat scale)
    period: str = ""  # a draft of part of the year: "s.d. Maret", said in the caption


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Signature:
    lines: tuple[Paragraph, ...]
    beside: tuple[Paragraph, ...] = ()  # a second party signing on the left (the Perjanjian Kinerja)


@dataclass(frozen=True)
class Contents:
    """Daftar Isi ("isi": the chapter and section headings after it) or Daftar Tabel ("tabel": the
    numbered tables), written as a Word field whose entries show before Word updates it."""
    kind: str
    title: str


@dataclass(frozen=True)
class Carried:
    """What staff wrote under ``title`` in their naskah (``naskah.Item`` list, copied into Word as
    written: paragraphs, lists, tables, pictures)."""
    title: str
    items: tuple
    source: object  # the ``naskah.Naskah`` the items come from


Block = Heading | Paragraph | TableBlock | PageBreak | Signature | Contents | Carried


@dataclass
class Report:
    title: tuple[str, ...]  # cover lines
    note: str  # the "draft" note under the cover
    blocks: list[Block] = field(default_factory=list)
    header: str = ""  # running header text
    warnings: list[str] = field(default_factory=list)  # what the draft's reader must know first (highlighted)
    slots: dict[str, str] = field(default_factory=dict)  # heading -> placeholder of the prose staff write there
    carried: list[str] = field(default_factory=list)  # naskah headings whose text is in the draft
    unmatched: list[str] = field(default_factory=list)  # naskah headings that match no section
    opd: str = ""  # the office: the document's author (File › Info)
    name: str = ""  # the document's title in File › Info: "LKjIP <OPD> <tahun>" (" s.d. <bulan>" for part of a year)
    left_out: list[str] = field(default_factory=list)  # carried sections whose charts/objects were not
