"""The Nilai AKIP as one fact: the value of the Laporan Hasil Evaluasi (LHE) SAKIP, against the sum of
its components (Realisasi › Evaluasi SAKIP, table 3.19) and the realisasi of the IKU that measures it.

The LHE value is "Nilai SAKIP menurut LHE" (Realisasi › Identitas) when staff typed it; otherwise the
realisasi of the office's AKIP IKU (the one IKU whose name has the word AKIP or SAKIP, the usual "Nilai
Evaluasi AKIP ..."), which is where the LHE's value is reported. When two of the three differ, the run
warns naming the cell, table 3.19 shows the LHE value under the components' total with a note, and
the document says the LHE value (see ``report.narrative``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..inputs.numbers import fmt_id
from ..issues import WARNING, Issue
from .frames import tuples
from .model import Data, _issue, _key

LHE_ROW = "Nilai menurut LHE"  # the row of table 3.19 that carries the LHE's value when its components differ
SAME = Decimal("0.005")  # two values that show alike with two decimals are one value
_AKIP_WORD = re.compile(r"\bS?AKIP\b", re.IGNORECASE)


@dataclass(frozen=True)
class NilaiLHE:
    value: Decimal
    from_iku: bool  # taken from the AKIP IKU's realisasi (Nilai SAKIP menurut LHE left blank)
    indikator: str | None  # the AKIP IKU, when there is one


def akip_iku(d: Data) -> str | None:
    """The IKU that measures the Nilai AKIP: the only IKU whose name has the word AKIP or SAKIP."""
    found = [r.indikator for r in tuples(d.iku.frame) if isinstance(r.indikator, str) and _AKIP_WORD.search(r.indikator)]
    return found[0] if len(found) == 1 else None


def _iku_realisasi(d: Data, indikator: str, month: int) -> tuple[Decimal, int] | None:
    """The AKIP IKU's latest realisasi up to ``month`` and its row in Realisasi › IKU (as table 3.1 reads it)."""
    best: tuple[int, Decimal, int] | None = None
    for r in tuples(d.iku_real.frame.sort_values("row")):
        if r.bulan and r.bulan <= month and r.realisasi is not None and _key(r.indikator) == _key(indikator):
            if best is None or r.bulan >= best[0]:
                best = (r.bulan, Decimal(r.realisasi), r.row)
    return (best[1], best[2]) if best else None


def component_sum(d: Data) -> Decimal | None:
    if d.evaluasi is None or d.evaluasi.frame.empty:
        return None
    return sum((Decimal(v) for v in d.evaluasi.frame["nilai_akhir"] if v is not None), Decimal(0))


def nilai_lhe(d: Data, month: int) -> NilaiLHE | None:
    typed = (d.realisasi_identitas or {}).get("nilai_lhe")
    indikator = akip_iku(d)
    if typed is not None:
        return NilaiLHE(Decimal(typed), False, indikator)
    if indikator is None:
        return None
    found = _iku_realisasi(d, indikator, month)
    return NilaiLHE(found[0], True, indikator) if found else None


def differs(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) >= SAME


def checks(d: Data, month: int) -> list[Issue]:
    """Two values for the Nilai AKIP, named at the IKU's realisasi cell (the components against the
    typed LHE value are checked with the Identitas form, in ``model``)."""
    lhe = nilai_lhe(d, month)
    if lhe is None or lhe.indikator is None:
        return []
    found = _iku_realisasi(d, lhe.indikator, month)
    if found is None:
        return []
    real, row = found
    cell = d.iku_real.cell("realisasi", row)
    out = []
    if not lhe.from_iku and differs(real, lhe.value):
        out.append(_issue(d.iku_real, WARNING, "nilai-akip-iku-beda", cell,
                          f"Realisasi IKU '{lhe.indikator}' ({fmt_id(real)}) berbeda dengan Nilai SAKIP menurut LHE "
                          f"({fmt_id(lhe.value)}) di Realisasi › Identitas; laporan memakai nilai LHE, tabel 3.1 "
                          "memakai realisasi IKU.",
                          "Samakan keduanya dengan angka yang tertulis di LHE."))
    total = component_sum(d)
    if lhe.from_iku and total is not None and differs(total, real):
        out.append(_issue(d.iku_real, WARNING, "nilai-sakip-beda", cell,
                          f"Jumlah nilai akhir komponen di sheet Evaluasi SAKIP ({fmt_id(total)}) berbeda dengan "
                          f"realisasi IKU '{lhe.indikator}' ({fmt_id(real)}); laporan memakai realisasi IKU sebagai "
                          "nilai LHE dan tabel 3.19 mencatat selisihnya.",
                          "Periksa nilai akhir tiap komponen dengan LHE (pembulatan di LHE dapat membuat selisih), "
                          "atau isi 'Nilai SAKIP menurut LHE' di Realisasi › Identitas."))
    return out
