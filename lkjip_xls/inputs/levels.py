"""R13: qualitative indicators. An indicator is qualitative when its Satuan names a scale of
PK › Skala Kualitatif ("Predikat SAKIP": D, C, CC, B, BB, A, AA; lowest level first). Its targets and
realisasi are level names; ``Level`` carries the one typed, as the scale spells it, with its rank and
optional Nilai, so tables show "BB" and ``rules.capaian`` compares ranks (or Nilai).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


PERINGKAT = "Peringkat"
TERCAPAI = "Tercapai/Tidak"
MODES = (PERINGKAT, TERCAPAI)

# the scales a blank template carries (editable there): (scale, ((level, nilai), ...)), lowest first
DEFAULT_SCALES = (
    ("Predikat SAKIP", ("D", "C", "CC", "B", "BB", "A", "AA")),
    ("Opini BPK", ("TMP", "TW", "WDP", "WTP")),
    ("Predikat KLA", ("Pratama", "Madya", "Nindya", "Utama", "KLA")),
)


def _fold(text) -> str:
    """Level and scale names match without regard to case or spaces ("bb" = "BB", "Predikat  sakip")."""
    return "".join(str(text).split()).casefold()


@dataclass
class Scale:
    name: str
    levels: list["Level"] = field(default_factory=list)
    mode: str = PERINGKAT  # PK › Pengaturan "Capaian indikator kualitatif"

    def find(self, typed) -> "Level | None":
        key = _fold(typed)
        return next((lv for lv in self.levels if _fold(lv) == key), None)

    @property
    def names(self) -> str:
        return ", ".join(self.levels)


class Level(str):
    """A level of a scale, as the scale spells it; ``rank`` 1 = the lowest."""
    scale: Scale
    rank: int
    nilai: Decimal | None

    def __new__(cls, name: str, scale: Scale, rank: int, nilai: Decimal | None = None):
        obj = super().__new__(cls, name)
        obj.scale, obj.rank, obj.nilai = scale, rank, nilai
        return obj

    def __reduce__(self):
        return (Level, (str(self), self.scale, self.rank, self.nilai))


def scales_from(rows) -> dict[str, Scale]:
    """{folded scale name: Scale} from (skala, tingkat, nilai) rows, in the order typed (lowest first);
    a level typed twice in one scale counts once."""
    out: dict[str, Scale] = {}
    for skala, tingkat, nilai in rows:
        if not skala or not tingkat:
            continue
        sc = out.setdefault(_fold(skala), Scale(str(skala).strip()))
        if sc.find(tingkat) is None:
            sc.levels.append(Level(" ".join(str(tingkat).split()), sc, len(sc.levels) + 1, nilai))
    return out


def scale_of(satuan, scales: dict[str, Scale]) -> Scale | None:
    return scales.get(_fold(satuan)) if satuan else None


def is_level(value) -> bool:
    return isinstance(value, Level)


def steps(a: Level, b: Level) -> int:
    """How many levels ``a`` is above ``b`` (negative: below)."""
    return a.rank - b.rank


__all__ = ["DEFAULT_SCALES", "Level", "MODES", "PERINGKAT", "Scale", "TERCAPAI", "is_level", "scale_of",
           "scales_from", "steps"]
