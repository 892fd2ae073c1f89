"""One rule for matching names and codes typed in one workbook against their source in another.

Case, spacing and invisible characters are ignored (``key``); a match that needed that is said in a
warning (the texts differ), and a name that matches nothing gets the closest candidates
("Maksud Anda '…'?", difflib). Every cross-workbook check uses this, so an indicator, a sasaran,
an IKU and a jabatan are matched the same way.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from typing import Iterable

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def key(text: object) -> str:
    """The form names are compared in: no invisible characters, single spaces, case folded."""
    if text is None:
        return ""
    return _key_of(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _key_of(text: str) -> str:  # names recur across the five workbooks: each is worked out once
    # NFC: "é" typed as one character or as e + combining accent (a Mac, a copy from a PDF) is one name;
    # U+2028/U+2029 (line and paragraph separators) are spaces like any other
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", _INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\u2028", " ")
                      .replace("\u2029", " ")).strip().casefold()


_ABBREVIATIONS = {"kec": "kecamatan", "kel": "kelurahan", "kab": "kabupaten", "prov": "provinsi", "sekr": "sekretariat",
                  "setda": "sekretariat daerah", "dprd": "dprd"}


def office_key(text: object) -> str:
    """An office name as Bappeda's lists write it: ``key`` and also punctuation, '&' for 'dan' and the
    usual abbreviations ('Kec. Bareng' = 'Kecamatan Bareng')."""
    words = re.sub(r"[.,;:()\-/]", " ", key(text).replace("&", " dan ")).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def code_key(code: object) -> str:
    """A nomenclature code without any whitespace (7.01.01 typed as '7.01. 01' still matches)."""
    return "".join(unicodedata.normalize("NFC", str(code or "")).split())


class Names:
    """The names of a source (Renja indicators, PK sasaran, IKU, jabatan ...), for matching typed ones."""

    def __init__(self, names: Iterable[str]):
        self.by_key: dict[str, str] = {}
        for name in names:
            if name is not None:
                self.by_key.setdefault(key(name), str(name))

    def __contains__(self, text: object) -> bool:
        return key(text) in self.by_key

    def find(self, text: object) -> str | None:
        """The source's own spelling of ``text``, or None."""
        return self.by_key.get(key(text))

    def differs(self, text: object) -> str | None:
        """The source's spelling when ``text`` matched only by ignoring case or spacing, else None."""
        found = self.find(text)
        return found if found is not None and found.strip() != str(text).strip() else None

    def suggest(self, text: object, n: int = 2) -> list[str]:
        close = difflib.get_close_matches(key(text), list(self.by_key), n=n, cutoff=0.6)
        return [self.by_key[k] for k in close]


def hint(suggestions: list[str]) -> str:
    """' Maksud Anda 'X'?' (or 'X' atau 'Y'), empty when there is nothing close."""
    if not suggestions:
        return ""
    return " Maksud Anda " + " atau ".join(f"'{s}'" for s in suggestions) + "?"


DIFFERS_ACTION = "Samakan tulisannya dengan sumbernya, atau jalankan 'lkjip siapkan' agar diisi otomatis."


def differs_message(typed: object, source: str, where: str) -> str:
    return (f"'{typed}' ditulis berbeda dengan '{source}' di {where} (huruf besar/kecil atau spasi); "
            "tetap dicocokkan.")
