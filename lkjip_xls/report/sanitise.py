"""One sanitiser for every Word file the draft copies from (``templat_laporan.docx``, ``naskah_laporan.docx``).

It works on the parsed tree of every part, never on its text, so that no spelling slips past it: a
field code split over runs or written with character references, a relationship in single quotes or
with a closing tag, a part in UTF-16. What can fetch or run something when Word opens the draft (and
the draft asks Word to update its fields on opening, for the Daftar Isi) is removed:

* fields that fetch or execute (DDE, DDEAUTO, INCLUDEPICTURE, INCLUDETEXT, LINK, IMPORT, MACROBUTTON,
  DATABASE ..., or any instruction pointing to a URL, a UNC or a drive path that is not one that only
  shows something): the instruction of a complex field is emptied (its last shown text stays); a
  ``w:fldSimple`` is replaced by the runs it shows;
* every external relationship, whatever its spelling, and every relationship to an attached template,
  a macro project, an OLE object, an embedded package, ActiveX, an altChunk or a subdocument; the
  elements that used them (``w:object``, ``w:control``, ``w:altChunk``, ``w:subDoc``) go with them,
  a picture's ``r:link`` is dropped (its ``r:embed`` stays), a hyperlink to elsewhere keeps its text;
* ``w:attachedTemplate`` and ``w:mailMerge`` in the settings;
* the parts those pointed to (``word/embeddings``, ``word/activeX``, the macro project, altChunk parts).

A part with a DOCTYPE is refused: no Word file has one, and entity tricks need one.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                         remove_blank_text=False)

FETCHING = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|HYPERLINK|MACROBUTTON|"
                      r"AUTOTEXT|AUTOTEXTLIST|DATABASE|QUOTE|SET|GOTOBUTTON|PRINT|MERGEFIELD|FILLIN|ASK|"
                      r"ADDIN|EMBED|DOCVARIABLE|MERGEREC|NEXT|NEXTIF|SKIPIF|IF)\b", re.IGNORECASE)
SHOWING = re.compile(r"^\s*(PAGE|NUMPAGES|SECTIONPAGES|SECTION|TOC|TOA|TC|SEQ|REF|PAGEREF|STYLEREF|NOTEREF|"
                     r"DATE|TIME|CREATEDATE|SAVEDATE|PRINTDATE|TITLE|AUTHOR|SUBJECT|NUMWORDS|NUMCHARS|LISTNUM|"
                     r"FILENAME|KEYWORDS|COMMENTS|LASTSAVEDBY|REVNUM|EDITTIME|USERNAME|USERINITIALS|SYMBOL|EQ|"
                     r"ADVANCE|BARCODE|=)\b", re.IGNORECASE)
ELSEWHERE = re.compile(r"://|\\\\|\b[A-Za-z]:\\|\bfile:|\bmhtml:|\bms-\w+:", re.IGNORECASE)
UNSAFE_TYPES = ("attachedtemplate", "vbaproject", "oleobject", "package", "control", "activexcontrol",
                "afchunk", "subdocument", "frame", "wordvbadata", "keymapcustomizations", "mailmergesource",
                "mailmergeheadersource", "recipientdata", "datasource")
DROPPED_DIRS = ("word/embeddings/", "word/activex/")
DROPPED_NAMES = ("vbaproject.bin", "vbadata.xml", "vbaproject.bin.rels")
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class DocType(Exception):
    """A part declares a DOCTYPE (refused with a message by the caller)."""

    def __init__(self, part: str):
        super().__init__(part)
        self.part = part


def unsafe_instruction(text: str) -> bool:
    return bool(FETCHING.match(text) or (ELSEWHERE.search(text) and not SHOWING.match(text)))


def _parse(part: str, data: bytes):
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in head or b"<!ENTITY" in head:
        raise DocType(part)
    root = etree.fromstring(data, PARSER)
    if root.getroottree().docinfo.doctype:
        raise DocType(part)
    return root


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unsafe_relationship(rel) -> bool:
    mode = (rel.get("TargetMode") or "").strip().lower()
    kind = (rel.get("Type") or "").rsplit("/", 1)[-1].strip().lower()
    target = rel.get("Target") or ""
    return mode == "external" or kind in UNSAFE_TYPES or bool(ELSEWHERE.search(target))


def _fields(root):
    """Neutralise fields that fetch or execute: complex fields (fldChar begin ... separate ... end, over
    any runs, nested) and simple ones."""
    stack: list[list] = []  # per open field: its instrText elements
    for el in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
        if el.tag == f"{{{W}}}fldChar":
            kind = el.get(f"{{{W}}}fldCharType")
            if kind == "begin":
                stack.append([])
            elif kind in ("separate", "end") and stack:
                texts = stack[-1]
                if texts is not None and unsafe_instruction("".join(t.text or "" for t in texts)):
                    for t in texts:
                        t.text = ""
                stack[-1] = None if kind == "separate" else texts  # instruction done
                if kind == "end":
                    stack.pop()
        elif stack and stack[-1] is not None:
            stack[-1].append(el)
        elif not stack and unsafe_instruction(el.text or ""):
            el.text = ""  # an instruction outside any field
    for texts in stack:  # fields left open at the end of the part: judged as they are
        if texts is not None and unsafe_instruction("".join(t.text or "" for t in texts)):
            for t in texts:
                t.text = ""
    for simple in list(root.iter(f"{{{W}}}fldSimple")):
        if unsafe_instruction(simple.get(f"{{{W}}}instr") or ""):
            parent = simple.getparent()
            at = parent.index(simple)
            for k, child in enumerate(list(simple)):
                parent.insert(at + k, child)
            parent.remove(simple)


def _strip_elements(root, removed: set[str]):
    """Elements that use what is removed, and references to removed relationships."""
    for tag in (f"{{{W}}}object", f"{{{W}}}control", f"{{{W}}}altChunk", f"{{{W}}}subDoc"):
        for el in list(root.iter(tag)):
            el.getparent().remove(el)
    for el in root.iter():
        for attr in (f"{{{R}}}link",):
            if attr in el.attrib:
                del el.attrib[attr]
        for attr in (f"{{{R}}}id", f"{{{R}}}embed", f"{{{R}}}href", f"{{{R}}}pict"):
            if el.attrib.get(attr) in removed:
                del el.attrib[attr]  # a hyperlink to elsewhere keeps its text
        if el.tag == f"{{{V}}}imagedata" and el.get(f"{{{V}}}src") and ELSEWHERE.search(el.get(f"{{{V}}}src")):
            del el.attrib[f"{{{V}}}src"]


def sanitise(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The package's parts (name -> bytes) with everything listed above removed; DocType when a part
    declares one."""
    names = {n.lower(): n for n in parts}
    out: dict[str, bytes] = {}
    removed_targets: set[str] = set()
    removed_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed
    for name, data in parts.items():
        if not name.lower().endswith(".rels"):
            continue
        root = _parse(name, data)
        source_dir = str(PurePosixPath(name).parent.parent)
        source = str(PurePosixPath(source_dir) / PurePosixPath(name).name[:-len(".rels")])
        gone = set()
        for rel in list(root):
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            if _unsafe_relationship(rel):
                gone.add(rel.get("Id"))
                target = rel.get("Target") or ""
                if (rel.get("TargetMode") or "").lower() != "external" and not ELSEWHERE.search(target):
                    path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(source_dir) / target)
                    removed_targets.add(_normal(path))
                root.remove(rel)
        removed_ids[source.lstrip("./")] = gone
        out[name] = _serialise(root)
    for name, data in parts.items():
        low = name.lower()
        if low.endswith(".rels"):
            continue
        if low.startswith(DROPPED_DIRS) or PurePosixPath(low).name in DROPPED_NAMES or _normal(name) in removed_targets:
            continue
        if not low.endswith(".xml"):
            out[name] = data
            continue
        root = _parse(name, data)
        if low.startswith("word/"):
            _fields(root)
            _strip_elements(root, removed_ids.get(name, set()))
        if low == "word/settings.xml":
            for tag in ("attachedTemplate", "mailMerge"):
                for el in list(root.iter(f"{{{W}}}{tag}")):
                    el.getparent().remove(el)
        out[name] = _serialise(root)
    for name in list(out):  # relationships of parts that were dropped
        if name.lower().endswith(".rels"):
            owner = str(PurePosixPath(name).parent.parent / PurePosixPath(name).name[:-len(".rels")])
            if owner not in (".", "") and _normal(owner) not in {_normal(n) for n in out}:
                del out[name]
    ct = names.get("[content_types].xml")
    if ct is not None and ct in out:
        root = _parse(ct, parts[ct])
        present = {"/" + _normal(n) for n in out}
        for el in list(root):
            if not isinstance(el.tag, str):
                continue
            if el.tag.endswith("Override") and (el.get("PartName") or "").lower() not in present:
                root.remove(el)
            elif "vba" in (el.get("ContentType") or "").lower() or "vba" in (el.get("Extension") or "").lower():
                root.remove(el)
            elif el.get("ContentType") == MACRO_MAIN:
                el.set("ContentType", PLAIN_MAIN)
        out[ct] = _serialise(root)
    return out


def _normal(path: str) -> str:
    parts: list[str] = []
    for piece in path.replace("\\", "/").split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/".join(parts).lower()
