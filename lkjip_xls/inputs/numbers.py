"""Turning cell contents into exact numbers.

Cells read by calamine arrive as float, int, str, bool, datetime or None.
Numbers become ``decimal.Decimal`` through their shortest repr (so 73.59 stays
73.59). Text is accepted where it has one reading only: Indonesian ``74,30``,
``2.717.989.953``, ``100%`` (and ``8.16``, which cannot be a thousands
separator). ``6.719`` is refused: it could be 6719 or 6,719.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")  # 2.717.989.953
_ID_DECIMAL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$")  # 1.234,5 / 74,30
_PLAIN = re.compile(r"^[+-]?\d+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")  # 8.16 (only when not 3 digits after the dot)
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 2,580,595,912


class NotAvailable(str):
    """R15: a realisasi staff marked as explicitly not available ("n/a", "tidak tersedia"): shown "n/a",
    no capaian. A str, so tables lay it out as the text it is and no arithmetic takes it for a number."""


NA = NotAvailable("n/a")
NA_WORDS = frozenset({"n/a", "na", "n.a", "n.a.", "-", "--", "–", "—", "tidak tersedia", "belum tersedia"})


def is_na(value) -> bool:
    return isinstance(value, NotAvailable)


class Range(str):
    """R14: a target typed as a range ("69,1 - 69,5"): shown as "69,1 – 69,5", each bound with the
    decimals of the more precise one; ``lo`` and ``hi`` are its bounds. A str, so no arithmetic takes
    it for a number; ``rules.capaian`` meets it at its nearer bound."""
    lo: Decimal
    hi: Decimal

    def __new__(cls, lo: Decimal, hi: Decimal):
        places = max(0, -lo.as_tuple().exponent, -hi.as_tuple().exponent)
        obj = super().__new__(cls, f"{fmt_id(lo, places)} – {fmt_id(hi, places)}")
        obj.lo, obj.hi = lo, hi
        return obj

    def __reduce__(self):  # copies and pickles keep the bounds
        return (Range, (self.lo, self.hi))


# "69,1 - 69,5", "69,1–69,5", "69,1 s.d. 69,5", "69,1 sampai 69,5": a bound, a separator, a bound
_RANGE = re.compile(r"^\s*(\S+?)\s*(?:-|–|—|s\.\s?d\.?|s/d|sd|sampai(?: dengan)?)\s*(\S+)\s*$", re.IGNORECASE)


def parse_range(text: str) -> tuple[Range | None, str | None]:
    """(the range, None) for text that is a range; (None, reason) for text that looks like one but
    cannot be; (None, None) for text that is no range at all."""
    m = _RANGE.match(text)
    if not m:
        return None, None
    lo, hi = to_decimal(m.group(1)), to_decimal(m.group(2))
    if lo.error or hi.error or lo.value is None or hi.value is None:
        return None, None
    if lo.value > hi.value:
        return None, (f"rentang '{text.strip()}' terbalik: batas bawah lebih besar dari batas atas")
    return Range(lo.value, hi.value), None


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None
    from_text: bool = False  # True when the cell held text that was converted
    error: str | None = None  # Indonesian reason when it could not be read


def to_decimal(raw: object) -> Parsed:
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(None, error="berisi nilai benar/salah (TRUE/FALSE), bukan angka")
    if isinstance(raw, int):
        return Parsed(Decimal(raw))
    if isinstance(raw, float):
        if math.isnan(raw):
            return Parsed(None)
        if math.isinf(raw):
            return Parsed(None, error="berisi nilai tak hingga")
        d = Decimal(repr(raw))
        return Parsed(d.to_integral_value() if d == d.to_integral_value() else d)  # 80.0 -> 80, never 8E+1
    if isinstance(raw, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return Parsed(None, error="berisi tanggal/waktu, bukan angka")
    if isinstance(raw, str):
        return _from_text(raw)
    return Parsed(None, error=f"berisi nilai yang tidak dikenali ({type(raw).__name__})")


def _from_text(text: str) -> Parsed:
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if s == "":
        return Parsed(None)
    if s.lower().startswith("rp"):
        s = s[2:].lstrip(".")
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if _PLAIN.match(s):
        num = s
    elif _THOUSANDS_DOT.match(s):
        if re.match(r"^[+-]?\d{1,3}\.\d{3}$", s):
            return Parsed(None, error=f"teks '{text}' bisa berarti {s.replace('.', '')} atau "
                                      f"{s.replace('.', ',')}")
        num = s.replace(".", "")
    elif re.match(r"^[+-]?\d{1,3},\d{3}$", s):
        return Parsed(None, error=f"teks '{text}' bisa berarti {s.replace(',', '')} atau "
                                  f"{s.replace(',', '.')}")
    elif _ID_DECIMAL.match(s):
        num = s.replace(".", "").replace(",", ".")
    elif _DOT_DECIMAL.match(s):
        num = s
    elif _EN_THOUSANDS.match(s):
        num = s.replace(",", "")
    else:
        return Parsed(None, error=f"berisi teks '{text}', bukan angka")
    try:
        return Parsed(Decimal(num), from_text=True)
    except InvalidOperation:  # pragma: no cover - the patterns above only pass digits
        return Parsed(None, error=f"berisi teks '{text}', bukan angka")


def fmt_id(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Indonesian rendering: 2.717.989.953 and 74,30 (for messages and text cells)."""
    if value is None:
        return "-"
    if isinstance(value, str):  # a range (R14), a level (R13) or n/a (R15): as it is shown
        return str(value)
    if decimals is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimals))
    s = f"{value:,}" if isinstance(value, int) else f"{Decimal(value):,f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")
