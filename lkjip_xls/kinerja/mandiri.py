"""Evaluasi mandiri (spec section 12): the criteria of the LKE (PermenPANRB 88/2021) that the office's
own workbooks decide, checked before the inspectorate comes.

``CRITERIA`` is the one declarative list: each entry names its LKE component, says the criterion in
plain Indonesian, what to do when it is not met, where in the LKE it comes from, whether a miss
weakens the LKjIP document itself, and the rule that decides it. A rule is a pure function of the
validated ``Data`` and the ``Period`` figures; it returns a ``Finding``: how many of the things it
checks meet the criterion, out of how many, and the cells of those that do not. A new criterion, or a
change of PermenPANRB, is one entry here (and its line in docs/keputusan.md).

No score is computed: the LKE judges the quality and use of documents too, which no workbook can
decide. Per component the sheet counts the criteria met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ..inputs.numbers import NotAvailable, fmt_id
from . import rules
from .frames import tuples
from .model import Data, _key
from .period import Period

TERPENUHI, SEBAGIAN, BELUM = "Terpenuhi", "Sebagian", "Belum"
SHEET = "Evaluasi Mandiri"  # the results workbook's sheet

# the LKE's components and their weights (PermenPANRB 88/2021)
PERENCANAAN = "Perencanaan Kinerja"
PENGUKURAN = "Pengukuran Kinerja"
PELAPORAN = "Pelaporan Kinerja"
EVALUASI = "Evaluasi Akuntabilitas Kinerja Internal"
COMPONENTS = ((PERENCANAAN, 30), (PENGUKURAN, 30), (PELAPORAN, 15), (EVALUASI, 25))

SHOWN_CELLS = 4  # cells named per criterion; the rest counted


@dataclass(frozen=True)
class Finding:
    met: int  # things that meet the criterion
    total: int  # things checked
    what: str  # what was counted, e.g. "IKU punya pembanding nasional"
    missing: tuple[str, ...] = ()  # where each miss is, e.g. "Realisasi › Pembanding F5 (Nilai SAKIP)"
    empty: str = ""  # said when there is nothing to check (total 0)

    @property
    def status(self) -> str:
        if self.total and self.met == self.total:
            return TERPENUHI
        return SEBAGIAN if self.met else BELUM

    @property
    def evidence(self) -> str:
        if not self.total:
            return self.empty or f"tidak ada yang dapat diperiksa ({self.what})"
        text = f"{fmt_id(self.met)} dari {fmt_id(self.total)} {self.what}"
        if self.missing:
            shown = list(self.missing[:SHOWN_CELLS])
            rest = len(self.missing) - len(shown)
            text += "; belum: " + "; ".join(shown) + (f"; dan {fmt_id(rest)} lainnya" if rest > 0 else "")
        return text


@dataclass(frozen=True)
class Criterion:
    key: str
    komponen: str
    kriteria: str  # the criterion in plain words
    tindakan: str  # what to do when it is not fully met
    sumber: str  # where it comes from in the LKE (docs/keputusan.md lists them)
    rule: Callable[[Data, Period], Finding]
    melemahkan_laporan: bool = False  # a miss weakens the LKjIP document itself (the draft's notes page)


@dataclass(frozen=True)
class Assessment:
    criterion: Criterion
    finding: Finding

    @property
    def status(self) -> str:
        return self.finding.status


# where things are --------------------------------------------------------------------------------------

def _at(sd, key: str, row: int, label: str | None = None) -> str:
    book = sd.workbook.rsplit(".", 1)[0]
    return f"{book} › {sd.sheet} {sd.cell(key, row)}" + (f" ({label})" if label else "")


def _present(value) -> bool:
    return value is not None and not isinstance(value, NotAvailable) and not (isinstance(value, str)
                                                                               and not value.strip())


def _iku(d: Data) -> list:
    return list(tuples(d.iku.frame))


def _short(text, limit: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rows_for_iku(sd, d: Data) -> dict[str, list]:
    """Rows of ``sd`` that belong to an IKU (Kode blank, Indikator the IKU's name), by IKU key."""
    out: dict[str, list] = {}
    if sd is None:
        return out
    for r in tuples(sd.frame):
        if not getattr(r, "kode", None) and getattr(r, "indikator", None):
            out.setdefault(_key(r.indikator), []).append(r)
    return out


def _each_iku(d: Data, what: str, ok: Callable, where: Callable, empty: str = "") -> Finding:
    """A Finding over the IKU: ``ok(iku)`` decides one, ``where(iku)`` names the cell of a miss."""
    ikus = _iku(d)
    misses = tuple(where(r) for r in ikus if not ok(r))
    return Finding(len(ikus) - len(misses), len(ikus), what, misses,
                   empty or "PK › Sasaran Strategis belum berisi IKU")


# the rules -----------------------------------------------------------------------------------------------

def renstra_target(d: Data, p: Period) -> Finding:
    return _each_iku(d, "IKU punya Target Akhir Renstra", lambda r: _present(r.target_akhir),
                     lambda r: _at(d.iku, "target_akhir", r.row, _short(r.indikator)))


def rencana_aksi(d: Data, p: Period) -> Finding:
    """An IKU has a Rencana Aksi when a row of it (Kode blank) carries a target for at least one quarter:
    an IKU published once a year (Nilai SAKIP) rightly has only the quarter it is published in."""
    plans = _rows_for_iku(d.rencana_aksi, d)

    def ok(r):
        return any(_present(getattr(x, f"tw{q}")) for x in plans.get(_key(r.indikator), []) for q in range(1, 5))

    def where(r):
        rows = plans.get(_key(r.indikator))
        if rows:
            return _at(d.rencana_aksi, "tw1", rows[0].row, f"{_short(r.indikator)}: target triwulan kosong")
        return f"PK › Rencana Aksi: belum ada baris untuk {_short(r.indikator)}"

    return _each_iku(d, "IKU punya Rencana Aksi dengan target triwulan", ok, where)


def target_and_realisasi(d: Data, p: Period) -> Finding:
    misses = []
    total = 0
    for r in tuples(p.iku):
        total += 1
        if not (_present(r.target) and _present(r.realisasi)):
            misses.append(f"Realisasi › IKU: realisasi {_short(r.indikator)} belum ada s.d. {_month(p)}")
    for r in tuples(p.indicators):
        total += 1
        if not _present(r.realisasi):
            misses.append(_at(d.kinerja, "m1", _kinerja_row(d, r), f"{r.kode}, belum ada realisasi"))
    for r in tuples(p.untargeted):
        total += 1
        misses.append(_at(d.renja, "target_renja", r.row, f"{r.kode}, tanpa target"))
    return Finding(total - len(misses), total, "IKU dan indikator punya target dan realisasi periode ini",
                   tuple(misses), "belum ada IKU atau indikator Renja")


def _month(p: Period) -> str:
    from ..inputs.schema import BULAN

    return BULAN[p.month - 1]


def _kinerja_row(d: Data, r) -> int:
    """The Realisasi › Kinerja row of a Renja indicator (its kode and name), else its Renja row."""
    want = (r.kode, _key(r.indikator))
    for k in tuples(d.kinerja.frame):
        if (k.kode, _key(k.indikator)) == want:
            return k.row
    return r.row


def quarters_so_far(month: int) -> list[list[int]]:
    """The months of each quarter begun by ``month`` (the current one only up to ``month``)."""
    return [[m for m in range(3 * q - 2, 3 * q + 1) if m <= month] for q in range(1, (month - 1) // 3 + 2)]


def measured_every_quarter(d: Data, p: Period) -> Finding:
    from ..kinerja.rules import ROMAN

    quarters = quarters_so_far(p.month)
    misses = []
    total = 0
    for r in tuples(p.indicators):
        total += 1
        months = r.months or {}
        gaps = [k for k, q in enumerate(quarters, start=1) if not any(_present(months.get(m)) for m in q)]
        if gaps:
            first = quarters[gaps[0] - 1][0]
            misses.append(_at(d.kinerja, f"m{first}", _kinerja_row(d, r),
                              f"{r.kode}, tanpa realisasi triwulan " + ", ".join(ROMAN[g - 1] for g in gaps)))
    return Finding(total - len(misses), total, "indikator Renja diukur setiap triwulan s.d. " + _month(p),
                   tuple(misses), "belum ada indikator Renja")


def cascade(d: Data, p: Period) -> Finding:
    renja = list(tuples(d.renja.frame))
    levels: dict[str, dict] = {}
    for r in renja:
        levels.setdefault(r.kode, {"level": r.level, "row": r.row, "parent": r.parent})
    children: dict[str, set] = {}
    for kode, info in levels.items():
        if info["parent"]:
            children.setdefault(info["parent"], set()).add(kode)
    programs_of_sasaran: dict[str, set] = {}
    for r in tuples(d.pk_program.frame):
        if r.sasaran_strategis:
            programs_of_sasaran.setdefault(_key(r.sasaran_strategis), set()).add(r.kode)
    misses, total = [], 0
    seen = set()
    for r in _iku(d):
        k = _key(r.sasaran)
        if k in seen:
            continue
        seen.add(k)
        total += 1
        if not programs_of_sasaran.get(k):
            misses.append(_at(d.iku, "sasaran", r.row, f"sasaran {_short(r.sasaran)} tanpa program di PK › "
                                                          "Sasaran Program"))
    below = {"Program": "Kegiatan", "Kegiatan": "Sub Kegiatan"}
    for kode, info in levels.items():
        want = below.get(info["level"])
        if want is None:
            continue
        total += 1
        if not any(levels[c]["level"] == want for c in children.get(kode, ())):
            misses.append(_at(d.renja, "kode", info["row"], f"{info['level'].lower()} {kode} tanpa {want.lower()}"))
    return Finding(total - len(misses), total, "sasaran, program dan kegiatan punya turunannya (sasaran → program "
                   "→ kegiatan → sub kegiatan)", tuple(misses), "belum ada sasaran strategis atau program")


def iku_defined(d: Data, p: Period) -> Finding:
    parts = (("formulasi", "Formulasi"), ("sumber_data", "Sumber Data"), ("definisi", "Definisi Operasional"))

    def where(r):
        gap = next(key for key, _ in parts if not _present(getattr(r, key)))
        names = ", ".join(label for key, label in parts if not _present(getattr(r, key)))
        return _at(d.iku, gap, r.row, f"{_short(r.indikator)}: {names}")

    return _each_iku(d, "IKU punya Formulasi, Sumber Data dan Definisi Operasional",
                     lambda r: all(_present(getattr(r, key)) for key, _ in parts), where)


def pk_matches_renja(d: Data, p: Period) -> Finding:
    renja = {(r.kode, _key(r.indikator)): r for r in tuples(d.renja.frame) if r.level == "Program"}
    misses, total = [], 0
    for r in tuples(d.pk_program.frame):
        other = renja.get((r.kode, _key(r.indikator)))
        if other is None or not _present(r.target):
            continue
        total += 1
        if not _present(other.target) or rules.number(other.target) != rules.number(r.target):
            misses.append(_at(d.pk_program, "target", r.row, f"{r.kode}: PK {_shown(r.target)}, Renja "
                                                               f"{_shown(other.target)}"))
    return Finding(total - len(misses), total, "target indikator program di PK sama dengan Renja", tuple(misses),
                   "tidak ada indikator program PK yang juga ada di Renja")


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return fmt_id(value)
    return "kosong" if value is None else str(value)


def earlier_year(d: Data, p: Period) -> Finding:
    years: dict[str, set] = {}
    for r in tuples(d.riwayat.frame):
        if r.jenis == "IKU" and r.tahun and r.tahun < d.tahun and _present(r.realisasi):
            years.setdefault(_key(r.indikator), set()).add(r.tahun)
    return _each_iku(d, "IKU punya realisasi tahun sebelumnya (Riwayat)", lambda r: bool(years.get(_key(r.indikator))),
                     lambda r: f"Realisasi › Riwayat: belum ada tahun sebelum {d.tahun} untuk {_short(r.indikator)}")


def compared_with_renstra(d: Data, p: Period) -> Finding:
    f = renstra_target(d, p)
    return Finding(f.met, f.total, "IKU dapat dibandingkan dengan target akhir Renstra (Tabel 3.6)", f.missing, f.empty)


def _pembanding(d: Data, levels: tuple[str, ...], what: str) -> Finding:
    rows = _rows_for_iku(d.pembanding, d)

    def ok(r):
        return any(_present(getattr(x, lv)) for x in rows.get(_key(r.indikator), []) for lv in levels)

    def where(r):
        found = rows.get(_key(r.indikator))
        if found:
            return _at(d.pembanding, levels[0], found[0].row, _short(r.indikator))
        return f"Realisasi › Pembanding: belum ada baris untuk {_short(r.indikator)}"

    return _each_iku(d, what, ok, where)


def compared_nationally(d: Data, p: Period) -> Finding:
    return _pembanding(d, ("nasional",), "IKU punya pembanding realisasi nasional")


def compared_regionally(d: Data, p: Period) -> Finding:
    return _pembanding(d, ("kabupaten", "provinsi"), "IKU punya pembanding realisasi kabupaten/kota atau provinsi")


def explained(d: Data, p: Period) -> Finding:
    notes = _rows_for_iku(d.catatan, d)
    parts = (("pendorong", "faktor pendorong"), ("penghambat", "faktor penghambat"), ("upaya", "upaya"))

    def lacking(r) -> list[str]:
        rows = [x for x in notes.get(_key(r.indikator), []) if not x.bulan or x.bulan <= p.month]
        return [label for key, label in parts if not any(_present(getattr(x, key)) for x in rows)]

    def where(r):
        return f"Realisasi › Catatan: {_short(r.indikator)} belum ada " + ", ".join(lacking(r))

    return _each_iku(d, "IKU punya faktor pendorong, penghambat dan upaya (Catatan)", lambda r: not lacking(r), where)


def efficiency_shown(d: Data, p: Period) -> Finding:
    """Besides the money per sasaran (PK › Sasaran Program requires it, so it is always there), the staff
    and facilities that efficiency is shown against (tables 3.15-3.18)."""
    checks = (
        (not d.jabatan.frame.empty, "ABK › Jabatan kosong (kebutuhan dan ketersediaan pegawai)"),
        (not d.sarpras.frame.empty, "Sarpras › Sarpras kosong (sarana dan prasarana)"),
    )
    return Finding(sum(1 for ok, _ in checks if ok), len(checks), "bahan efisiensi sumber daya tersedia (ABK, "
                   "sarpras)", tuple(why for ok, why in checks if not ok))


def every_capaian_has_predikat(d: Data, p: Period) -> Finding:
    misses, total = [], 0
    for r in tuples(p.iku):
        total += 1
        if not _present(r.capaian) or isinstance(r.capaian, str):
            misses.append(f"Tabel 3.1: {_short(r.indikator)} belum ada capaian")
    for r in tuples(p.programs):
        total += 1
        if not _present(r.capaian) or isinstance(r.capaian, str):
            misses.append(_at(d.pk_program, "indikator", r.row, f"{r.kode}: belum ada capaian"))
    return Finding(total - len(misses), total, "capaian IKU dan indikator program punya predikat", tuple(misses),
                   "belum ada IKU atau indikator program")


def follow_up_complete(d: Data, p: Period) -> Finding:
    sd = d.tindak_lanjut
    rows = list(tuples(sd.frame)) if sd is not None else []
    parts = (("penanggung_jawab", "Penanggung Jawab"), ("status", "Status/Progres"))
    misses = []
    for r in rows:
        gaps = [key for key, _ in parts if not _present(getattr(r, key))]
        if gaps:
            misses.append(_at(sd, gaps[0], r.row, "tanpa " + ", ".join(lb for k, lb in parts if k in gaps)))
    return Finding(len(rows) - len(misses), len(rows), "rencana aksi tindak lanjut LHE punya penanggung jawab dan "
                   "status", tuple(misses), "Realisasi › Tindak Lanjut belum diisi: rekomendasi LHE terakhir belum "
                   "punya rencana aksi")


DONE_WORDS = ("sudah", "selesai", "telah", "terlaksana", "tuntas", "100%", "100 %")


def is_done(status) -> bool:
    text = " ".join(str(status or "").lower().split())
    return bool(text) and "belum" not in text and "tidak" not in text and any(w in text for w in DONE_WORDS)


def follow_up_done(d: Data, p: Period) -> Finding:
    sd = d.tindak_lanjut
    rows = list(tuples(sd.frame)) if sd is not None else []
    misses = tuple(_at(sd, "status", r.row, _short(r.status) if _present(r.status) else "status kosong")
                   for r in rows if not is_done(r.status))
    return Finding(len(rows) - len(misses), len(rows), "rencana aksi tindak lanjut sudah dilaksanakan", misses,
                   "Realisasi › Tindak Lanjut belum diisi")


def lhe_recorded(d: Data, p: Period) -> Finding:
    from . import sakip

    checks = (
        (d.evaluasi is not None and not d.evaluasi.frame.empty, "Realisasi › Evaluasi SAKIP kosong (nilai per komponen)"),
        (sakip.nilai_lhe(d, p.month) is not None, "Realisasi › Identitas: Nilai SAKIP menurut LHE kosong"),
    )
    return Finding(sum(1 for ok, _ in checks if ok), len(checks), "hasil evaluasi SAKIP terakhir dicatat (nilai per "
                   "komponen dan nilai LHE)", tuple(why for ok, why in checks if not ok))


# the list -------------------------------------------------------------------------------------------------

CRITERIA: tuple[Criterion, ...] = (
    Criterion("renstra", PERENCANAAN, "Setiap IKU punya target akhir periode Renstra",
              "Isi kolom Target Akhir Renstra di PK › Sasaran Strategis dari dokumen Renstra.",
              "LKE 1.b Kualitas: target kinerja jangka menengah ditetapkan", renstra_target),
    Criterion("rencana_aksi", PERENCANAAN, "Setiap IKU punya Rencana Aksi dengan target triwulan",
              "Isi PK › Rencana Aksi: satu baris per IKU (Kode kosong) dengan target triwulan saat IKU itu diukur.",
              "LKE 1.c Pemanfaatan: rencana aksi disusun dan memuat target periodik", rencana_aksi),
    Criterion("target_realisasi", PENGUKURAN, "Setiap IKU dan indikator punya target dan realisasi untuk periode ini",
              "Isi realisasi yang belum ada (Realisasi › Kinerja dan IKU) dan target indikator di Renja.",
              "LKE 2.a Keberadaan: pengukuran kinerja dilakukan atas seluruh indikator", target_and_realisasi,
              melemahkan_laporan=True),
    Criterion("berkala", PENGUKURAN, "Realisasi diukur paling sedikit sekali setiap triwulan (berkala)",
              "Isi realisasi indikator pada bulan-bulan triwulan yang kosong di Realisasi › Kinerja.",
              "LKE 2.b Kualitas: pengukuran kinerja dilakukan secara berkala", measured_every_quarter),
    Criterion("kaskade", PENGUKURAN, "Kaskade kinerja lengkap: setiap sasaran strategis punya program, setiap "
              "program punya kegiatan, setiap kegiatan punya sub kegiatan",
              "Lengkapi PK › Sasaran Program (kolom Sasaran Strategis) dan baris Renja yang belum punya turunan.",
              "LKE 2.a Keberadaan: kinerja dijenjangkan (cascading) sampai ke tingkat pelaksana", cascade),
    Criterion("definisi", PENGUKURAN, "Setiap IKU punya Formulasi, Sumber Data dan Definisi Operasional",
              "Isi kolom Formulasi, Sumber Data dan Definisi Operasional di PK › Sasaran Strategis.",
              "LKE 2.b Kualitas: IKU jelas, terukur dan punya metode pengumpulan data", iku_defined),
    Criterion("pk_renja", PENGUKURAN, "Target indikator program di PK sama dengan Renja",
              "Samakan target di PK › Sasaran Program dengan Target Renja (atau Target Perubahan) di Renja.",
              "LKE 2.b Kualitas: target kinerja selaras antar dokumen perencanaan", pk_matches_renja),
    Criterion("riwayat", PELAPORAN, "Setiap IKU dibandingkan dengan realisasi tahun sebelumnya",
              "Isi Realisasi › Riwayat: jenis IKU, tahun sebelumnya, realisasinya.",
              "LKE 3.b Kualitas: laporan membandingkan capaian dengan tahun-tahun sebelumnya", earlier_year,
              melemahkan_laporan=True),
    Criterion("banding_renstra", PELAPORAN, "Setiap IKU dibandingkan dengan target akhir Renstra",
              "Isi kolom Target Akhir Renstra di PK › Sasaran Strategis.",
              "LKE 3.b Kualitas: laporan membandingkan realisasi dengan target jangka menengah", compared_with_renstra,
              melemahkan_laporan=True),
    Criterion("nasional", PELAPORAN, "Setiap IKU dibandingkan dengan realisasi nasional",
              "Isi kolom Realisasi Nasional di Realisasi › Pembanding (sumber: kementerian/lembaga yang menilai).",
              "LKE 3.b Kualitas: laporan membandingkan realisasi dengan standar nasional", compared_nationally,
              melemahkan_laporan=True),
    Criterion("regional", PELAPORAN, "Setiap IKU dibandingkan dengan realisasi kabupaten/kota atau provinsi",
              "Isi kolom Realisasi Kabupaten atau Realisasi Provinsi di Realisasi › Pembanding.",
              "LKE 3.b Kualitas: laporan membandingkan realisasi dengan instansi/wilayah lain", compared_regionally,
              melemahkan_laporan=True),
    Criterion("catatan", PELAPORAN, "Setiap IKU punya faktor pendorong, penghambat dan upaya",
              "Isi Realisasi › Catatan untuk setiap IKU (Kode kosong, nama IKU di kolom Indikator).",
              "LKE 3.b Kualitas: laporan menganalisis penyebab keberhasilan/kegagalan dan upayanya", explained,
              melemahkan_laporan=True),
    Criterion("efisiensi", PELAPORAN, "Efisiensi sumber daya dapat ditunjukkan (anggaran, pegawai dan sarpras per "
              "sasaran)", "Isi workbook ABK (sheet Jabatan) dan workbook Sarpras.",
              "LKE 3.b Kualitas: laporan menyajikan efisiensi penggunaan sumber daya", efficiency_shown,
              melemahkan_laporan=True),
    Criterion("predikat", PELAPORAN, "Setiap capaian IKU dan indikator program punya predikat",
              "Lengkapi realisasi yang belum ada agar capaian dan predikatnya dapat dihitung.",
              "LKE 3.b Kualitas: capaian kinerja dinilai dengan skala predikat", every_capaian_has_predikat,
              melemahkan_laporan=True),
    Criterion("lhe", EVALUASI, "Hasil evaluasi SAKIP terakhir dicatat",
              "Isi Realisasi › Evaluasi SAKIP dan Nilai SAKIP menurut LHE di Realisasi › Identitas.",
              "LKE 4.a Keberadaan: hasil evaluasi akuntabilitas kinerja didokumentasikan", lhe_recorded),
    Criterion("tindak_lanjut", EVALUASI, "Setiap rekomendasi LHE terakhir punya rencana aksi, penanggung jawab dan "
              "status", "Isi Realisasi › Tindak Lanjut: satu baris per rencana aksi dengan Penanggung Jawab dan "
              "Status/Progres.", "LKE 4.c Pemanfaatan: rekomendasi hasil evaluasi ditindaklanjuti", follow_up_complete),
    Criterion("tindak_lanjut_selesai", EVALUASI, "Rencana aksi tindak lanjut LHE sudah dilaksanakan",
              "Laksanakan rencana aksi yang belum selesai, lalu tulis statusnya (mis. Sudah dilaksanakan).",
              "LKE 4.c Pemanfaatan: rekomendasi hasil evaluasi telah ditindaklanjuti", follow_up_done),
)


def assess(d: Data, p: Period, criteria: tuple[Criterion, ...] = CRITERIA) -> list[Assessment]:
    """Every criterion decided on the office's data, in the list's order."""
    return [Assessment(c, c.rule(d, p)) for c in criteria]


@dataclass(frozen=True)
class Counts:
    terpenuhi: int
    sebagian: int
    belum: int

    @property
    def dinilai(self) -> int:
        return self.terpenuhi + self.sebagian + self.belum


def counts(assessments: list[Assessment], komponen: str | None = None) -> Counts:
    chosen = [a for a in assessments if komponen is None or a.criterion.komponen == komponen]
    return Counts(*(sum(1 for a in chosen if a.status == s) for s in (TERPENUHI, SEBAGIAN, BELUM)))


def counted(c: Counts) -> str:
    """'15 dari 17 kriteria terpenuhi, 2 sebagian' (the Belum said only when there are some)."""
    return (f"{fmt_id(c.terpenuhi)} dari {fmt_id(c.dinilai)} kriteria terpenuhi"
            + (f", {fmt_id(c.sebagian)} sebagian" if c.sebagian else "")
            + (f", {fmt_id(c.belum)} belum" if c.belum else ""))


def weakening(assessments: list[Assessment]) -> list[Assessment]:
    """The criteria not met that weaken the report itself (the Word draft's notes page)."""
    return [a for a in assessments if a.criterion.melemahkan_laporan and a.status != TERPENUHI]
