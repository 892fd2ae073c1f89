"""The rules of domain.md section 3, in one place.

Every table calls these; none re-implements them. Where a rule has a formula
form for the results workbook, the matching ``*_formula`` function returns it
as a template with ``{column}`` placeholders (see ``model.Table``), so the
formula Excel recalculates is the same rule as the value the program computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping, Sequence

from ..inputs.levels import TERCAPAI, Level
from ..inputs.numbers import NA, Range, is_na

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

NEG_2T_MINUS_R = "(2T-R)/T"
NEG_T_OVER_R = "T/R"


def number(value) -> Decimal | int | float | None:
    """``value`` when it is a number, else None: a level name ("BB"), a range typed as text or "n/a"
    (R13-R15) gives no arithmetic figure, never a crash."""
    return value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None


def r2(value: Decimal | int | float | None) -> Decimal | None:
    """R1: round half-up (away from zero at .5) to 2 decimals, exactly."""
    if value is None:
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part, whole) -> Decimal | None:
    """part / whole x 100, shown (R1); None when whole is missing or zero."""
    part, whole = number(part), number(whole)
    if part is None or whole is None or Decimal(whole) == 0:
        return None
    return r2(Decimal(part) * HUNDRED / Decimal(whole))


def capaian(target, realisasi, polaritas: str = "Positif", method: str = NEG_2T_MINUS_R) -> Decimal | None:
    """R2: capaian of an indicator; None (shown "-") for a missing target or realisasi and a Positif
    target 0. R16: a Negatif target 0 (zero cases) is met only by realisasi 0: 100, else 0."""
    if isinstance(target, Level) or isinstance(realisasi, Level):
        return level_capaian(target, realisasi, polaritas)
    if isinstance(target, Range) and number(realisasi) is not None:
        # R14: met at the nearer bound (Positif the lower, Negatif the upper); inside the range at least 100
        cap = capaian(target.hi if polaritas == "Negatif" else target.lo, realisasi, polaritas, method)
        inside = target.lo <= Decimal(realisasi) <= target.hi
        return max(cap, HUNDRED) if inside and cap is not None else cap
    target, realisasi = number(target), number(realisasi)
    if target is None or realisasi is None:
        return None
    t, r = Decimal(target), Decimal(realisasi)
    if t == 0:
        if polaritas == "Negatif":
            return Decimal("100.00") if r <= 0 else Decimal("0.00")
        return None
    if polaritas == "Negatif":
        if method == NEG_T_OVER_R:
            return None if r == 0 else r2(t * HUNDRED / r)
        return max(r2((2 * t - r) * HUNDRED / t), Decimal("0.00"))
    return r2(r * HUNDRED / t)


def level_capaian(target, realisasi, polaritas: str = "Positif") -> Decimal | None:
    """R13: capaian of a qualitative indicator. Peringkat: Nilai(realisasi) / Nilai(target) x 100 when both
    levels have a Nilai, else rank / rank (rank 1 = the lowest level), inverted for Negatif;
    Tercapai/Tidak: 100 when the realisasi level is at least the target's (at most, Negatif), else 0."""
    if not (isinstance(target, Level) and isinstance(realisasi, Level)) or target.scale is not realisasi.scale:
        return None
    negatif = polaritas == "Negatif"
    if target.scale.mode == TERCAPAI:
        met = realisasi.rank <= target.rank if negatif else realisasi.rank >= target.rank
        return HUNDRED if met else Decimal(0)
    if target.nilai is not None and realisasi.nilai is not None and target.nilai and realisasi.nilai:
        t, r = Decimal(target.nilai), Decimal(realisasi.nilai)
    else:
        t, r = Decimal(target.rank), Decimal(realisasi.rank)
    return r2((t / r if negatif else r / t) * HUNDRED)


def no_capaian_reason(target, realisasi, polaritas: str = "Positif") -> str | None:
    """Why an indicator has no capaian (R16: table 3.2 files it with the reason), None when it has one."""
    if isinstance(target, Range):
        target = target.lo
    if number(target) is None:
        return "tanpa target"
    if is_na(realisasi):
        return "realisasi tidak tersedia"
    if number(realisasi) is None:
        return "belum ada realisasi"
    if Decimal(target) == 0 and polaritas != "Negatif":
        return "target 0"
    return None


def capaian_formula(polaritas: str = "Positif", method: str = NEG_2T_MINUS_R,
                    target: str = "{target}", realisasi: str = "{realisasi}") -> str:
    if polaritas == "Negatif":
        zero = f"IF({realisasi}<=0,100,0)"  # R16: target 0 is met only by realisasi 0
        if method == NEG_T_OVER_R:
            return f"IF({target}=0,{zero},ROUND({target}/{realisasi}*100,2))"
        return f"IF({target}=0,{zero},MAX(ROUND((2*{target}-{realisasi})/{target}*100,2),0))"
    return f"ROUND({realisasi}/{target}*100,2)"


def percent_formula(part: str, whole: str) -> str:
    return f"ROUND({part}/{whole}*100,2)"


def mean_shown(values: Iterable[Decimal | None]) -> Decimal | None:
    """R6: mean of shown (already rounded) values, shown; missing values are left out."""
    vals = [Decimal(v) for v in values if number(v) is not None]
    if not vals:
        return None
    return r2(sum(vals) / len(vals))


def mean_formula(ref: str) -> str:
    return f"ROUND(AVERAGE({ref}),2)"


def difference(a, b) -> Decimal | None:
    """R7 and table 3.8: a - b of shown values (both already shown, so exact)."""
    a, b = number(a), number(b)
    if a is None or b is None:
        return None
    return r2(Decimal(a) - Decimal(b))


def places(value) -> int:
    """Decimals a typed value carries (73,59 -> 2; 6,719 -> 3; 80 -> 0)."""
    return max(0, -Decimal(value).as_tuple().exponent) if number(value) is not None else 0


MAX_PLACES = 4


def indicator_places(values) -> int:
    """R1a: the decimals of an indicator, the most among its typed values, at most 4 (whole-number
    indicators: 0, so "2 dokumen", never "2,00 dokumen")."""
    return min(MAX_PLACES, max((places(v) for v in values if isinstance(v, (int, Decimal))
                                and not isinstance(v, bool)), default=0))


def shown_places(value, indicator: int) -> int:
    """R1a: the decimals a value of an indicator with ``indicator`` decimals is shown with: the
    indicator's when the value is exact at them (every typed value is), else 2 (a Rata-rata mean)."""
    if number(value) is None or Decimal(value) == Decimal(value).quantize(Decimal(1).scaleb(-indicator)):
        return indicator
    return max(2, indicator)


def typed_difference(a, b) -> tuple[Decimal | None, int]:
    """a - b of typed figures (tables 3.8/3.9) and the decimals it is shown with: those of the figures
    subtracted, at least 2 and at most 4 (an index 0,0138 apart is not shown as 0,01)."""
    a, b = number(a), number(b)
    shown = min(4, max(2, places(a), places(b)))
    if a is None or b is None:
        return None, shown
    return (Decimal(a) - Decimal(b)).quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_UP), shown


# R3 -----------------------------------------------------------------------

JUMLAH, RATA_RATA, TERAKHIR = "Jumlah", "Rata-rata", "Terakhir"


def accumulate(monthly: Mapping[int, Decimal | None], sifat: str, month: int) -> Decimal | None:
    """R3: realisasi up to ``month`` from the values of months 1..month.

    Jumlah sums them, Rata-rata is the mean of the months reported (shown, R1),
    Terakhir is the latest value reported. None when no month 1..month has a value.
    """
    levels = [v for m, v in sorted(monthly.items()) if 1 <= m <= month and isinstance(v, Level)]
    if levels:
        return levels[-1]  # R13: a qualitative indicator is always Terakhir
    reported = [(m, Decimal(v)) for m, v in sorted(monthly.items()) if 1 <= m <= month and number(v) is not None]
    if not reported:
        # R15: months marked "n/a" and none with a figure: explicitly not available
        return NA if any(is_na(v) for m, v in monthly.items() if 1 <= m <= month) else None
    if sifat == JUMLAH:
        return sum((v for _, v in reported), Decimal(0))
    if sifat == RATA_RATA:
        return r2(sum(v for _, v in reported) / len(reported))
    return reported[-1][1]


ROMAN = ("I", "II", "III", "IV")


# Form E.81 (spec section 7): quarters --------------------------------------------------------------

def quarter_months(q: int, month: int = 12) -> list[int]:
    """The months of quarter ``q`` (1-4) that lie in 1..``month``."""
    return [m for m in range(3 * q - 2, 3 * q + 1) if m <= month]


def quarter_realisasi(monthly: Mapping[int, Decimal | None], sifat: str, q: int, month: int) -> Decimal | None:
    """K of quarter ``q`` by sifat, from its months up to ``month``: Jumlah the sum of its months,
    Rata-rata the mean of its reported months, Terakhir its latest value; None when the quarter has
    no value (a Terakhir value of an earlier quarter is never carried forward)."""
    return accumulate({m: monthly.get(m) for m in quarter_months(q, month)}, sifat, month)


def renstra_realisasi(before, now, sifat: str) -> Decimal | None:
    """E.81 column 15 K: a Jumlah indicator adds this year's realisasi to the Renstra realisasi up to
    last year (None when that is blank); a Rata-rata or Terakhir indicator is this year's value."""
    before, now = number(before), number(now)
    if sifat == JUMLAH:
        return None if before is None or now is None else Decimal(before) + Decimal(now)
    return now


def yardstick(target, sifat: str | None, month: int, quarters: Sequence | None = None,
              bulan: Sequence[str] = ()) -> tuple[Decimal | None, str]:
    """What realisasi up to ``month`` is judged against (Ringkasan, "di bawah target"), and how it
    was found. An annual *Jumlah* target accrues over the year: before December it is compared with
    the Rencana Aksi target for the month (the cumulative quarter targets ``quarters``, linear inside
    a quarter), or without a Rencana Aksi with ``month``/12 of the annual target. Rata-rata and
    Terakhir indicators (percentages, indices) and December use the annual target itself."""
    if isinstance(target, str) and target:  # a level (R13) or a range (R14): the annual target itself
        return target, "target tahunan"
    target = number(target)
    if target is None or month >= 12 or sifat != JUMLAH:
        return (None if target is None else Decimal(target)), "target tahunan"
    q = (month - 1) // 3 + 1
    into = month - 3 * (q - 1)  # months of quarter q elapsed: 1, 2 or 3
    plan = list(quarters or ())
    if len(plan) == 4 and plan[q - 1] is not None and (q == 1 or plan[q - 2] is not None):
        before = Decimal(plan[q - 2]) if q > 1 else Decimal(0)
        value = before + (Decimal(plan[q - 1]) - before) * into / 3
        if into == 3:
            return r2(value), f"Rencana Aksi TW {ROMAN[q - 1]}"
        name = bulan[month - 1] if bulan else str(month)
        return r2(value), f"Rencana Aksi s.d. {name} (antara TW {ROMAN[q - 2] if q > 1 else '0'} dan TW {ROMAN[q - 1]})"
    return min(r2(Decimal(target) * month / 12), Decimal(target)), f"{month}/12 target tahunan"


def budget_to_month(monthly: Mapping[int, int | None], month: int) -> int:
    """R3 for money: the sum of months 1..month (whole rupiah)."""
    return sum(int(v) for m, v in monthly.items() if 1 <= m <= month and v is not None)


def pagu(pagu_murni: int | None, pagu_perubahan: int | None) -> int | None:
    """R4: pagu perubahan when given, else pagu murni."""
    return pagu_perubahan if pagu_perubahan is not None else pagu_murni


# R10 / R11 / R12 ------------------------------------------------------------

@dataclass(frozen=True)
class Scale:
    """Bands as (lower bound, label): a capaian strictly above the bound gets the label;
    the last band (bound None) takes the rest."""

    name: str
    bands: tuple[tuple[Decimal | None, str], ...]

    def label(self, value: Decimal | None) -> str | None:
        if number(value) is None:
            return None
        for bound, name in self.bands:
            if bound is None or value > bound:
                return name
        return self.bands[-1][1]


DEFAULT_SCALE = Scale("Tabel Skala Predikat", (
    (Decimal(110), "Istimewa (Sangat Berhasil)"),
    (Decimal(90), "Baik (Berhasil)"),
    (Decimal(70), "Butuh Perbaikan (Cukup)"),
    (Decimal(50), "Kurang"),
    (None, "Sangat Kurang"),
))

PERMENDAGRI_86 = Scale("Permendagri 86/2017", (
    (Decimal(90), "Sangat Tinggi"),
    (Decimal(75), "Tinggi"),
    (Decimal(65), "Sedang"),
    (Decimal(50), "Rendah"),
    (None, "Sangat Rendah"),
))


# Evaluasi AKIP (table 3.19): PermenPAN-RB 88/2021, on the final value 0-100
SAKIP_SCALE = Scale("PermenPAN-RB 88/2021", (
    (Decimal(90), "AA (Sangat Memuaskan)"),
    (Decimal(80), "A (Memuaskan)"),
    (Decimal(70), "BB (Sangat Baik)"),
    (Decimal(60), "B (Baik)"),
    (Decimal(50), "CC (Cukup)"),
    (Decimal(30), "C (Kurang)"),
    (None, "D (Sangat Kurang)"),
))


def predikat(value: Decimal | None, scale: Scale = DEFAULT_SCALE) -> str | None:
    """R10."""
    return scale.label(value)


def menunjang(value: Decimal | None, sangat: Decimal = Decimal(90), cukup: Decimal = Decimal(75)) -> str | None:
    """R11: table 3.10 classification from capaian kinerja."""
    if number(value) is None:
        return None
    if value >= sangat:
        return "Sangat Menunjang"
    if value >= cukup:
        return "Menunjang"
    return "Kurang Menunjang"


MELAMPAUI, SESUAI, TIDAK_MENCAPAI = "Melampaui target", "Sesuai target", "Tidak mencapai target"
BELUM_KLASIFIKASI = "Belum dapat diklasifikasi"  # Tabel 3.2: IKU without a capaian (yet)


def klasifikasi(value: Decimal | None) -> str | None:
    """R12: classify a shown capaian against 100."""
    if number(value) is None:
        return None
    if value > HUNDRED:
        return MELAMPAUI
    if value == HUNDRED:
        return SESUAI
    return TIDAK_MENCAPAI


def klasifikasi_key(value: Decimal | None) -> str | None:
    """R12 as a wording key of the report: melampaui / sesuai / tidak_mencapai."""
    return {MELAMPAUI: "melampaui", SESUAI: "sesuai", TIDAK_MENCAPAI: "tidak_mencapai"}.get(klasifikasi(value))


def direction(now: Decimal | None, before: Decimal | None) -> str | None:
    """Realisasi this year against last year, as shown (table 3.4): naik / turun / tetap."""
    if isinstance(now, Level) and isinstance(before, Level) and now.scale is before.scale:
        now, before = now.rank, before.rank  # R13: by level
    now, before = number(now), number(before)
    if now is None or before is None:
        return None
    return "naik" if now > before else "turun" if now < before else "tetap"


def compared(value: Decimal | None, other: Decimal | None) -> str | None:
    """Realisasi against a kabupaten / provinsi / nasional figure (tables 3.8/3.9): lebih_tinggi /
    lebih_rendah / sama. The words describe the values; polarity is said where the IKU is described."""
    if isinstance(value, Level) and isinstance(other, Level) and value.scale is other.scale:
        value, other = value.rank, other.rank  # R13: levels compare by rank, never by letters
    value, other = number(value), number(other)
    if value is None or other is None:
        return None
    return "lebih_tinggi" if value > other else "lebih_rendah" if value < other else "sama"


# R8 / R9 --------------------------------------------------------------------

def staff_totals(jabatan: Sequence[tuple[str, int, int]]) -> tuple[int, int]:
    """R8: (kebutuhan, tersedia) over distinct jabatan, each counted once.

    ``jabatan`` holds (identity, kebutuhan, tersedia); duplicates of one identity
    (a jabatan reached through two programs) count once."""
    seen: dict[str, tuple[int, int]] = {}
    for ident, need, have in jabatan:
        seen.setdefault(ident, (need, have))
    return sum(n for n, _ in seen.values()), sum(h for _, h in seen.values())


def sarpras_counted(rekon: int, standar: int) -> int:
    """R9: an item counts at most its standard, so a surplus hides no shortage."""
    return min(int(rekon), int(standar))
