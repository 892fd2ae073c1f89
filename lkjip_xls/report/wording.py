"""The report's wording: ``kalimat.toml`` beside this module, with an office's own changes from
``kalimat_laporan.toml`` in its data folder laid over it (only the sentences it names).

A sentence is a template with ``{placeholders}``; :meth:`Wording.parts` fills them with parts
(``model.Cell``, ``model.Word`` ...) so the draft keeps knowing where every number came from. An
office's file is checked before anything is drafted: an unknown sentence or placeholder, a broken
brace, or a digit typed into a paragraph (numbers must come from the tables) stops the run with a
message naming the file and the sentence.
"""

from __future__ import annotations

import difflib
import re
import string
import tomllib
from importlib import resources
from pathlib import Path

from ..issues import EXIT_INPUT, UserError
from .model import Fact, Paragraph, Part, Text, Word

OVERRIDE_NAME = "kalimat_laporan.toml"
_FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")


def _may_hold_digits(key: str) -> bool:
    """Headings and captions may carry their own numbering ("3.1 Capaian ..."); paragraphs may not."""
    return key == "judul" or key.startswith("sub_")


def _placeholders(template: str) -> list[str]:
    names = []
    for _, name, spec, conv in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conv or not _FIELD.match(name):
            raise ValueError(f"'{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}' bukan "
                             "isian yang dikenal (tulis {nama} saja)")
        names.append(name)
    return names


TEXT_LIMIT = 2**20  # a sentence file: every sentence of the report is some 30 KB


def _read(path: Path, label: str) -> dict:
    from ..files import read_capped

    try:
        raw = read_capped(path, TEXT_LIMIT, f"File {label}")
    except UserError as exc:
        raise UserError(exc.message, EXIT_INPUT) from None
    except OSError as exc:
        raise UserError(f"File {label} tidak dapat dibaca ({exc.strerror or exc}).", EXIT_INPUT) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"File {label} bukan teks UTF-8. Simpan ulang dengan Notepad (Encoding: UTF-8).",
                        EXIT_INPUT) from None
    control = _CONTROL.search(text.replace("\r\n", "\n").replace("\t", " "))
    if control:  # TOML refuses it too, but without saying which sentence
        before = text[:control.start()]
        line = before.count("\n") + 1
        section = next((m.group(1) for m in reversed(list(re.finditer(r"^\s*\[([^\]]+)\]", before, re.M)))), "")
        key = re.match(r"\s*([\w.-]+)\s*=", text.splitlines()[line - 1] if text.splitlines() else "")
        where = f"kalimat [{section}] {key.group(1)}" if key and section else f"baris {line}"
        raise UserError(f"{label}, {where}: memuat karakter kendali tak terlihat (U+{ord(control.group()):04X}) di "
                        f"baris {line}. Hapus karakter itu (ketik ulang kalimatnya).", EXIT_INPUT)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"File {label} tidak dapat dibaca: {exc}. Periksa tanda kutip dan kurung siku pada "
                        "baris itu (contoh bentuk yang benar ada di kalimat.toml bawaan).", EXIT_INPUT) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _flatten(data: dict) -> dict[tuple[str, str], object]:
    return {(section, key): value for section, entries in data.items() if isinstance(entries, dict)
            for key, value in entries.items()}


class Wording:
    """Every sentence of the report, by (section, key)."""

    def __init__(self, entries: dict[tuple[str, str], str]):
        self.entries = entries

    def template(self, section: str, key: str) -> str:
        return self.entries[(section, key)]

    def parts(self, section: str, key: str, **values) -> tuple[Part, ...]:
        """The sentence with its placeholders filled: a str value becomes a ``Fact``, a part stays
        itself, a tuple of parts is spliced in."""
        out: list[Part] = []
        for literal, name, _, _ in string.Formatter().parse(self.template(section, key)):
            if literal:
                out.append(Text(literal))
            if name is None:
                continue
            value = values[name]  # a KeyError here is a programming error: the code names every placeholder
            if isinstance(value, tuple):
                out.extend(value)
            elif isinstance(value, (str, int)):
                out.append(Fact(str(value)))
            else:
                out.append(value)
        return tuple(p for p in out if p.text)

    def text(self, section: str, key: str, **values) -> str:
        return "".join(p.text for p in self.parts(section, key, **values))

    def para(self, section: str, key: str, style: str = "body", todo: bool = False, claims=(), **values) -> Paragraph:
        return Paragraph(self.parts(section, key, **values), style, todo, tuple(claims))

    def word(self, rule: str, key: str, inputs=()) -> Word:
        return Word(rule, key, self.entries[("kata", key)], tuple(inputs))

    def kata(self, key: str) -> str:
        return self.entries[("kata", key)]


def default_entries() -> dict[tuple[str, str], str]:
    source = resources.files("lkjip_xls.report") / "kalimat.toml"
    return {k: v for k, v in _flatten(tomllib.loads(source.read_text("utf-8"))).items() if isinstance(v, str)}


def load(folder: Path | None = None) -> Wording:
    """The bundled wording, with ``folder/kalimat_laporan.toml`` laid over it when that file exists."""
    entries = default_entries()
    path = Path(folder) / OVERRIDE_NAME if folder is not None else None
    if path is not None and path.is_file():
        entries.update(check_override(_read(path, str(path)), entries, str(path)))
    return Wording(entries)


def check_override(data: dict, defaults: dict[tuple[str, str], str], label: str) -> dict[tuple[str, str], str]:
    """The office's sentences, each checked against the bundled one it replaces."""
    out = {}
    for section, entries in data.items():
        if not isinstance(entries, dict):
            raise UserError(f"{label}: '{section}' harus berupa bagian [{section}] berisi kalimat, mis. "
                            "[bab3] lalu iku = \"...\".", EXIT_INPUT)
        for key, value in entries.items():
            where = f"{label}, kalimat [{section}] {key}"
            if (section, key) not in defaults:
                known = [f"{s}.{k}" for s, k in defaults]
                close = difflib.get_close_matches(f"{section}.{key}", known, n=1)
                hint = f" Maksud Anda '{close[0]}'?" if close else ""
                raise UserError(f"{where}: kalimat ini tidak dikenal.{hint} Lihat nama-nama kalimat di "
                                "kalimat.toml bawaan.", EXIT_INPUT)
            if not isinstance(value, str):
                raise UserError(f"{where}: isinya harus teks di antara tanda kutip.", EXIT_INPUT)
            control = _CONTROL.search(value)
            if control:
                raise UserError(f"{where}: memuat karakter kendali tak terlihat (U+{ord(control.group()):04X}) di "
                                f"posisi {control.start() + 1}. Hapus karakter itu (ketik ulang kalimatnya).",
                                EXIT_INPUT)
            try:
                names = _placeholders(value)
            except ValueError as exc:
                raise UserError(f"{where}: {exc}. Kurung kurawal hanya untuk isian seperti {{target}}.",
                                EXIT_INPUT) from None
            allowed = _placeholders(defaults[(section, key)])
            unknown = [n for n in names if n not in allowed]
            if unknown:
                listed = ", ".join("{" + n + "}" for n in allowed) or "(tidak ada)"
                raise UserError(f"{where}: isian {{{unknown[0]}}} tidak dikenal. Isian yang dapat dipakai di "
                                f"kalimat ini: {listed}.", EXIT_INPUT)
            literal = "".join(lit for lit, *_ in string.Formatter().parse(value))
            digit = re.search(r"\d+", literal)
            if digit and not _may_hold_digits(key):
                raise UserError(f"{where}: memuat angka '{digit.group()}'. Angka di laporan diisi program dari "
                                "tabel; hapus angka itu (atau tambahkan di Word setelah draf jadi).", EXIT_INPUT)
            out[(section, key)] = value
    return out


def digits_in_defaults() -> list[str]:
    """Sentences of the bundled wording that carry a digit outside headings (must be none)."""
    found = []
    for (section, key), value in default_entries().items():
        literal = "".join(lit for lit, *_ in string.Formatter().parse(value))
        if re.search(r"\d", literal) and not _may_hold_digits(key):
            found.append(f"{section}.{key}")
    return found


LISTED = 10  # headings named in a message; the rest are counted
TITLE_SHOWN = 80  # characters of a heading in a message


def listed(titles: list[str]) -> str:
    """Headings for a message: quoted, each at most TITLE_SHOWN characters, at most LISTED of them."""
    def short(t: str) -> str:
        return f"'{t[:TITLE_SHOWN]}…'" if len(t) > TITLE_SHOWN else f"'{t}'"
    out = "; ".join(short(t) for t in titles[:LISTED])
    return out + (f" (dan {len(titles) - LISTED} judul lainnya)" if len(titles) > LISTED else "")
