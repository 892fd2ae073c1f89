"""What several tables share: row kinds, sources, the sasaran blocks (R6a), budget per sasaran (R5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ..table import BELUM, DASH, Builder

KIND = {"Program": "program", "Kegiatan": "kegiatan", "Sub Kegiatan": "sub"}
SRC_KINERJA = "Sumber: Kertas Kerja Perhitungan Capaian Kinerja {opd} {tahun}"


def _src(d: Data, extra: str = "") -> str:
    return SRC_KINERJA.format(opd=d.opd, tahun=d.tahun) + extra


def _label(level: str, uraian: str | None) -> str:
    """'Program: Penunjang ...' as the report writes it (a leading 'Program ' is not repeated)."""
    name = (uraian or "").strip()
    if level == "Program" and name.lower().startswith("program "):
        name = name[len("program "):]
    return f"{level}: {name}".strip()


def _or(value, marker=DASH):
    return marker if value is None else value


def _cap_formula(polaritas: str, d: Data, target="{target}", realisasi="{realisasi}") -> str:
    return rules.capaian_formula(polaritas, d.settings.neg_method, target, realisasi)



def _program_rows(p: Period):
    last = None
    for r in tuples(p.programs):
        yield r, r.kode != last
        last = r.kode



# 3.11 – 3.14: per sasaran strategis ------------------------------------------

def iku_in_blocks(p: Period):
    """IKU rows grouped by sasaran strategis (in order of first appearance): (row, first of its
    sasaran, number of the sasaran)."""
    for no, (_, ikus) in enumerate(sasaran_blocks(p), start=1):
        for k, r in enumerate(ikus):
            yield r, k == 0, no


def sasaran_blocks(p: Period) -> list[tuple[str, list]]:
    """(sasaran as first written, its IKU rows), sasaran matched by the one name rule (``_key``)."""
    blocks: dict[str, tuple[str, list]] = {}
    for r in tuples(p.iku):
        blocks.setdefault(_key(r.sasaran), (r.sasaran, []))[1].append(r)
    return list(blocks.values())


def program_sasaran(p: Period) -> dict[str, list[str]]:
    """R5a: the sasaran strategis (by ``_key``) each program supports, in order, through any of its PK
    rows. Budget (3.11, 3.12, 3.14) and staff (3.15) both follow this one link."""
    out: dict[str, list[str]] = {}
    for r in tuples(p.programs):
        links = out.setdefault(r.kode, [])
        if r.sasaran_strategis and _key(r.sasaran_strategis) not in links:
            links.append(_key(r.sasaran_strategis))
    return out


def _program_budget(p: Period) -> dict[str, tuple[int, int]]:
    """(pagu, realisasi) of each program that has a pagu, once per program."""
    out = {}
    for r in tuples(p.programs):
        if r.kode not in out and r.pagu is not None:
            out[r.kode] = (r.pagu, r.realisasi_anggaran or 0)
    return out


def sasaran_budget(d: Data, p: Period) -> dict[str, tuple[int, int]]:
    """R5/R5a: (pagu, realisasi) per sasaran strategis (by ``_key``), summed over the programs that support
    it; a program supporting several sasaran counts in each."""
    out: dict[str, list[int]] = {}
    links = program_sasaran(p)
    for kode, (pagu, real) in _program_budget(p).items():
        for key in links.get(kode) or [""]:
            acc = out.setdefault(key, [0, 0])
            acc[0] += pagu
            acc[1] += real
    return {k: (v[0], v[1]) for k, v in out.items()}


def budget_total(p: Period) -> tuple[int, int]:
    """R5a: (pagu, realisasi) of the whole office, every program once."""
    budget = _program_budget(p).values()
    return sum(v[0] for v in budget), sum(v[1] for v in budget)


def shared_programs(p: Period) -> list[tuple[str, list[str]]]:
    """(program name, the sasaran it supports as first written) for each program supporting several."""
    names = {_key(r.sasaran): r.sasaran for r in tuples(p.iku)}
    program = {r.kode: r.program for r in tuples(p.programs)}
    written = {}
    for r in tuples(p.programs):
        if r.sasaran_strategis:
            written.setdefault(_key(r.sasaran_strategis), r.sasaran_strategis)
    return [(program[kode], [names.get(k) or written[k] for k in keys])
            for kode, keys in program_sasaran(p).items() if len(keys) > 1]


def shared_note(p: Period, what: str) -> list[str]:
    """R5a's note under a table: which program counts in which sasaran rows (``what``: 'anggarannya' ...)."""
    shared = shared_programs(p)
    if not shared:
        return []
    parts = "; ".join(f"{name} mendukung {' dan '.join(sasaran)}" for name, sasaran in shared)
    return [f"Program yang mendukung lebih dari satu sasaran: {parts}. {what.capitalize()} dihitung pada baris "
            "setiap sasaran yang didukungnya dan sekali pada total."]


def _sasaran_rows(d: Data, p: Period, b: Builder, own: Callable) -> tuple[list[int], list[int]]:
    """R6a: each sasaran strategis as a block: one row per IKU (target, realisasi, capaian); a sasaran
    with several IKU gets a row "Capaian sasaran (rata-rata n IKU)" with the mean of their shown
    capaian. ``own(sasaran, capaian)`` gives the sasaran's own figures (values, formulas), written once
    on its single IKU row or on that mean row. Returns (IKU rows, sasaran rows)."""
    iku_rows, sasaran_rows = [], []
    derived = {"target", "realisasi"} <= {c.key for c in b.columns}  # else capaian is shown as computed
    for no, (sasaran, ikus) in enumerate(sasaran_blocks(p), start=1):
        rows = [b.add("iku", {"capaian": _cap_formula(r.polaritas, d)} if derived else {}, places=r.places,
                      no=no if k == 0 else None,
                      sasaran=sasaran if k == 0 else None, indikator=r.indikator, target=r.target,
                      realisasi=_or(r.realisasi, BELUM), capaian=_or(r.capaian))
                for k, r in enumerate(ikus)]
        iku_rows += rows
        if len(rows) == 1:
            at, cap = rows[0], ikus[0].capaian
        else:
            cap, cap_f = b.mean("capaian", rows)
            at = b.add("group", {"capaian": cap_f}, indikator=f"Capaian sasaran (rata-rata {len(rows)} IKU)",
                       capaian=_or(cap))
        values, formulas = own(sasaran, cap)
        for key, value in values.items():
            b.set(at, key, value, formulas.get(key))
        sasaran_rows.append(at)
    return iku_rows, sasaran_rows


SASARAN_NOTE = ("Sasaran dengan beberapa IKU: capaian sasaran = rata-rata capaian IKU-nya; efisiensi sasaran "
                "dihitung sekali dari rata-rata itu. Baris total merata-ratakan seluruh IKU.")


def _multi_note(p: Period) -> list[str]:
    return [SASARAN_NOTE] if any(len(ikus) > 1 for _, ikus in sasaran_blocks(p)) else []




def zero_target_notes(rows) -> list[str]:
    """R16: a note under a table that shows a Negatif indicator with target 0, saying how its capaian
    was decided (the formula (2T - R)/T has no value at T = 0)."""
    names = [r.indikator for r in rows if r.polaritas == "Negatif" and rules.number(r.target) == 0]
    if not names:
        return []
    return [f"Indikator Negatif dengan target 0 ({'; '.join(names)}): rumus (2T − R)/T tidak terdefinisi pada "
            "target 0, sehingga capaian 100 bila realisasi 0 dan 0 bila realisasi di atas 0."]


def with_untargeted(p: Period) -> list:
    """p.indicators and (R21) the sub kegiatan without an indicator target, in Renja order: the latter
    as rows with ``target`` None, so a table shows their budget with "-" for the indicator columns."""
    rows = list(tuples(p.indicators))
    extra = [Untargeted(r.kode, r.level, r.uraian, r.sasaran, r.row) for r in tuples(p.untargeted)]
    return sorted(rows + extra, key=lambda r: r.row) if extra else rows


@dataclass(frozen=True)
class Untargeted:
    kode: str
    level: str
    uraian: str | None
    sasaran: str | None
    row: int
    indikator: str = DASH
    satuan: None = None
    target: None = None
    realisasi: None = None
    capaian: None = None
    polaritas: str = "Positif"
    sifat: None = None
    first: bool = True
    places: int = 0
    months: tuple = ()
    targeted: bool = False
