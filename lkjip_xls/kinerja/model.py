"""From the sheets as read to the validated inputs the tables compute from.

``build`` fills what the template lets staff leave implicit (Uraian on a second
indicator row, the effective target), derives the hierarchy from the codes, and
runs the checks of domain.md section 5 that need only the inputs. It returns
``Data`` and a list of Issues; it never raises for bad content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..inputs import matching as M
from . import kualitatif, rules
from ..inputs import schema as S
from .frames import tuples
from ..issues import ERROR, WARNING, Issue
from ..inputs.numbers import fmt_id
from ..inputs.reader import FormData, RawInputs, SheetData

MONTHS = [f"m{i}" for i in range(1, 13)]
# Permendagri 90/2019 and its updates: program U.BB.PP, kegiatan U.BB.PP.K.KK, sub kegiatan U.BB.PP.K.KK.SSSS
_CODE = re.compile(r"^\d{1,2}\.\d{2}\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?$")
DEPTH = {"Program": 3, "Kegiatan": 5, "Sub Kegiatan": 6}


@dataclass(frozen=True)
class Settings:
    scale: rules.Scale = rules.DEFAULT_SCALE
    neg_method: str = rules.NEG_2T_MINUS_R
    sangat_menunjang: Decimal = Decimal(90)
    menunjang: Decimal = Decimal(75)
    waktu_kerja_efektif: int = 75000
    email_bappeda: str | None = None


@dataclass
class Data:
    identitas: dict
    tahun: int
    settings: Settings
    renja: SheetData  # + columns: target, parent, program
    iku: SheetData  # PK Sasaran Strategis
    pk_program: SheetData
    rencana_aksi: SheetData
    kinerja: SheetData
    pembilang: SheetData
    catatan: SheetData
    iku_real: SheetData
    anggaran: SheetData  # + column: pagu
    ikm: SheetData
    nilai_ipp: Decimal | None
    anggaran_kas: SheetData
    riwayat: SheetData
    pembanding: SheetData
    jabatan: SheetData
    tugas: SheetData
    sarpras: SheetData
    files: dict
    evaluasi: SheetData | None = None  # Realisasi › Evaluasi SAKIP (table 3.19)
    tindak_lanjut: SheetData | None = None  # Realisasi › Tindak Lanjut (table 3.20)
    realisasi_identitas: dict | None = None

    @property
    def opd(self) -> str:
        return self.identitas.get("nama_opd") or ""

    @property
    def region(self) -> str:
        """The pemerintah daerah as typed whole ("Kabupaten Jombang", "Provinsi Sumatera Utara")."""
        return self.identitas.get("kabupaten") or ""


def with_region(opd: str, region: str) -> str:
    """R20: "Kecamatan Bareng, Kabupaten Jombang", but "Biro Organisasi Sekretariat Daerah Provinsi
    Sumatera Utara" alone when the office's name already says its pemerintah daerah: used once."""
    if not region or M.key(region) in M.key(opd):
        return opd
    return f"{opd}, {region}" if opd else region


def parent_code(code: str) -> str | None:
    parts = code.split(".")
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    return None


def program_of(code: str) -> str:
    return ".".join(code.split(".")[:3])


def _issue(sd: SheetData | FormData, sev: str, code: str, cell: str, msg: str, action: str) -> Issue:
    return Issue(sev, code, sd.workbook, sd.sheet, cell, msg, action)


def _with(sd: SheetData, frame: pd.DataFrame) -> SheetData:
    return SheetData(sd.workbook, sd.sheet, frame, sd.letters)


def _settings(form: FormData, skala: SheetData) -> Settings:
    v = form.values
    if v.get("skala_predikat") == "Permendagri 86/2017":
        scale = rules.PERMENDAGRI_86
    else:
        bands = tuple((r.batas, r.predikat) for r in tuples(skala.frame) if r.predikat)
        scale = rules.Scale("Tabel Skala Predikat", bands) if bands else rules.DEFAULT_SCALE
    return Settings(
        scale=scale,
        neg_method=v.get("metode_negatif") or rules.NEG_2T_MINUS_R,
        sangat_menunjang=Decimal(v.get("ambang_sangat_menunjang") or 90),
        menunjang=Decimal(v.get("ambang_menunjang") or 75),
        waktu_kerja_efektif=int(v.get("waktu_kerja_efektif") or 75000),
        email_bappeda=v.get("email_bappeda"),
    )


def _empty(kind: str, sheet: str) -> SheetData:
    spec = S.BY_KIND[kind].sheet(sheet)
    return SheetData("", sheet, pd.DataFrame(columns=[f.key for f in spec.fields] + ["row"], dtype=object), {})


def build(raw: RawInputs, cross_checks: bool = True) -> tuple[Data | None, list[Issue]]:
    """Validated inputs, or None when a workbook is missing altogether.

    ``cross_checks=False`` skips the checks across rows and workbooks: the caller
    does so while some cells could not be read, so that one bad cell is reported
    once, not again by every check that depends on it."""
    if set(raw.files) != {w.kind for w in S.WORKBOOKS}:
        return None, []

    def t(kind, sheet):
        return raw.tables.get((kind, sheet)) or _empty(kind, sheet)

    issues: list[Issue] = kualitatif.resolve(raw)  # R13: level names become levels, or a problem at the cell
    if issues:
        cross_checks = False
    renja = _normalise_renja(t("renja", "Renja"), issues)
    anggaran = t("realisasi", "Anggaran")
    anggaran = _with(anggaran, anggaran.frame.assign(
        pagu=[rules.pagu(m, p) for m, p in zip(anggaran.frame["pagu_murni"], anggaran.frame["pagu_perubahan"])]))
    pk_program = t("pk", "Sasaran Program")
    pk_program = _with(pk_program, _fill_down(pk_program.frame, "kode", ["sasaran_program", "sasaran_strategis"]))
    identitas = raw.form("pk", "Identitas").values
    data = Data(
        identitas=identitas,
        tahun=identitas.get("tahun") or 0,
        settings=_settings(raw.form("pk", "Pengaturan"), t("pk", "Skala Predikat")),
        renja=renja,
        iku=t("pk", "Sasaran Strategis"),
        pk_program=pk_program,
        rencana_aksi=t("pk", "Rencana Aksi"),
        kinerja=t("realisasi", "Kinerja"),
        pembilang=t("realisasi", "Pembilang Penyebut"),
        catatan=t("realisasi", "Catatan"),
        iku_real=t("realisasi", "IKU"),
        anggaran=anggaran,
        ikm=t("realisasi", "IKM"),
        nilai_ipp=(raw.forms.get(("realisasi", "Identitas")).values.get("nilai_ipp")
                   if raw.forms.get(("realisasi", "Identitas")) else None),
        anggaran_kas=t("realisasi", "Anggaran Kas"),
        riwayat=t("realisasi", "Riwayat"),
        pembanding=t("realisasi", "Pembanding"),
        jabatan=t("abk", "Jabatan"),
        tugas=t("abk", "Uraian Tugas"),
        sarpras=t("sarpras", "Sarpras"),
        files=dict(raw.files),
        evaluasi=t("realisasi", "Evaluasi SAKIP"),
        tindak_lanjut=_with(t("realisasi", "Tindak Lanjut"),
                            _fill_down_blank(t("realisasi", "Tindak Lanjut").frame, ["komponen", "rekomendasi"])),
        realisasi_identitas=(raw.forms[("realisasi", "Identitas")].values
                             if ("realisasi", "Identitas") in raw.forms else {}),
    )
    if cross_checks:
        issues += input_checks(data, raw)
    return data, issues


def _fill_down(frame: pd.DataFrame, key: str, columns: list[str]) -> pd.DataFrame:
    """A row continuing the item above (same ``key``) inherits blank ``columns``."""
    out = frame.copy()
    for col in columns:
        values, prev_key, prev = [], None, None
        for k, v in zip(out[key], out[col]):
            if v is None and k == prev_key:
                v = prev
            values.append(v)
            prev_key, prev = k, v
        out[col] = values
    return out


def _fill_down_blank(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A blank cell of ``columns`` takes the value above it (continuation rows of a matrix)."""
    out = frame.copy()
    for col in columns:
        values, prev = [], None
        for v in out[col]:
            prev = v if v is not None else prev
            values.append(prev)
        out[col] = values
    return out


def _normalise_renja(sd: SheetData, issues: list[Issue]) -> SheetData:
    f = _fill_down(sd.frame, "kode", ["uraian", "sasaran"])
    f = f.assign(
        target=[p if p is not None else r for r, p in zip(f["target_renja"], f["target_perubahan"])],
        parent=[parent_code(k) if isinstance(k, str) else None for k in f["kode"]],
        program=[program_of(k) if isinstance(k, str) else None for k in f["kode"]],
    )
    return _with(sd, f)


def _differs(sd: SheetData, field: str, row: int, typed, found: str, where: str) -> Issue:
    return _issue(sd, WARNING, "tulisan-beda", sd.cell(field, row), M.differs_message(typed, found, where),
                  M.DIFFERS_ACTION)


def input_checks(d: Data, raw: RawInputs) -> list[Issue]:
    """The checks across rows and workbooks (domain.md section 5). Every name typed in one workbook is
    matched against its source with the one rule of ``matching``: a difference of case or spacing is a
    warning, a name matching nothing gets the closest candidates."""
    out: list[Issue] = []
    out += _check_renja(d.renja)
    if any(i.code == "kode-nomenklatur" for i in out):
        return out  # every check below matches codes: with the codes themselves wrong it would only echo that
    # levels from the code's depth: a mistyped Level is reported once, by _check_renja
    codes = {k: _level_of(k) for k in d.renja.frame["kode"] if isinstance(k, str)}
    programs = {k for k, lvl in codes.items() if lvl == "Program"}
    subs = {k for k, lvl in codes.items() if lvl == "Sub Kegiatan"}
    by_code: dict[str, M.Names] = {}
    for k, i in zip(d.renja.frame["kode"], d.renja.frame["indikator"]):
        by_code.setdefault(k, M.Names([]))
        by_code[k].by_key.setdefault(M.key(i), i)
    all_indicators = M.Names(d.renja.frame["indikator"])
    renja_where = f"{d.renja.workbook} / {d.renja.sheet}"

    def indicator_issue(sd, row, kode, indikator, severity, code, what, action) -> Issue | None:
        names = by_code.get(kode)
        if names is not None and indikator in names:
            found = names.differs(indikator)
            return _differs(sd, "indikator", row, indikator, found, renja_where) if found else None
        suggestions = (names.suggest(indikator) if names else []) or all_indicators.suggest(indikator)
        return _issue(sd, severity, code, sd.cell("indikator", row), what + M.hint(suggestions), action)

    rtahun = raw.forms.get(("realisasi", "Identitas"))
    if rtahun and rtahun.values.get("tahun") and d.tahun and rtahun.values["tahun"] != d.tahun:
        out.append(_issue(rtahun, ERROR, "tahun-beda", rtahun.cells.get("tahun", ""),
                          f"Tahun Realisasi {rtahun.values['tahun']} berbeda dengan tahun PK {d.tahun}.",
                          "Pakai workbook Realisasi tahun yang sama dengan PK, atau jalankan 'lkjip siapkan'."))

    sasaran = M.Names(d.iku.frame["sasaran"])
    seen_first: set[str] = set()
    for r in tuples(d.pk_program.frame):
        if r.kode and r.kode not in programs:
            out.append(_issue(d.pk_program, ERROR, "program-tidak-di-renja", d.pk_program.cell("kode", r.row),
                              f"Program {r.kode} ada di PK tetapi tidak ada di Renja."
                              + M.hint(M.Names(programs).suggest(r.kode)),
                              "Periksa kode program di PK atau tambahkan program itu ke Renja."))
        if r.sasaran_strategis and r.sasaran_strategis not in sasaran:
            out.append(_issue(d.pk_program, ERROR, "sasaran-tidak-dikenal",
                              d.pk_program.cell("sasaran_strategis", r.row),
                              f"Sasaran strategis '{r.sasaran_strategis}' tidak ada di sheet Sasaran Strategis."
                              + M.hint(sasaran.suggest(r.sasaran_strategis)),
                              "Pilih nama sasaran strategis dari daftar (drop-down) pada sel itu."))
        elif r.sasaran_strategis and (found := sasaran.differs(r.sasaran_strategis)):
            out.append(_differs(d.pk_program, "sasaran_strategis", r.row, r.sasaran_strategis, found,
                                f"{d.iku.workbook} / {d.iku.sheet}"))
        if r.kode not in seen_first:
            seen_first.add(r.kode)
            if r.anggaran is None:
                out.append(_issue(d.pk_program, ERROR, "anggaran-kosong", d.pk_program.cell("anggaran", r.row),
                                  f"Anggaran program {r.kode} belum diisi.",
                                  "Isi anggaran program pada baris pertama program ini."))
        if r.kode in programs and (i := indicator_issue(
                d.pk_program, r.row, r.kode, r.indikator, WARNING, "indikator-pk-tidak-di-renja",
                f"Indikator program '{r.indikator}' tidak ditemukan di Renja untuk kode {r.kode}.",
                "Samakan tulisan indikator dengan Renja agar realisasinya dapat dihubungkan.")):
            out.append(i)

    seen: dict[tuple, int] = {}
    for r in tuples(d.kinerja.frame):
        key = (r.kode, M.key(r.indikator))
        if key in seen:
            out.append(_issue(d.kinerja, ERROR, "indikator-ganda", d.kinerja.cell("kode", r.row),
                              f"Indikator ini sudah ditulis di baris {seen[key]}.",
                              "Hapus salah satu baris; realisasi satu indikator cukup satu baris."))
        seen[key] = r.row
        if r.kode and (i := indicator_issue(
                d.kinerja, r.row, r.kode, r.indikator, ERROR, "indikator-tidak-di-renja",
                f"Indikator '{r.indikator}' dengan kode {r.kode} tidak ada di Renja.",
                "Salin Kode dan Indikator persis dari Renja, atau jalankan 'lkjip siapkan' agar baris Kinerja "
                "dibuat dari Renja.")):
            out.append(i)

    seen = {}
    sub_codes = M.Names(subs)
    for r in tuples(d.anggaran.frame):
        if r.kode in seen:
            out.append(_issue(d.anggaran, ERROR, "kode-ganda", d.anggaran.cell("kode", r.row),
                              f"Sub kegiatan {r.kode} sudah ada di baris {seen[r.kode]}.",
                              "Satukan kedua baris; satu sub kegiatan cukup satu baris."))
        seen[r.kode] = r.row
        if r.kode and r.kode not in subs:
            out.append(_issue(d.anggaran, ERROR, "kode-tidak-di-renja", d.anggaran.cell("kode", r.row),
                              f"Kode {r.kode} bukan sub kegiatan di Renja." + M.hint(sub_codes.suggest(r.kode)),
                              "Anggaran diisi per sub kegiatan; pakai kode sub kegiatan dari Renja."))
    for r in tuples(d.renja.frame.drop_duplicates("kode")):
        if r.level == "Sub Kegiatan" and r.kode not in seen and r.target is not None:
            out.append(_issue(d.renja, WARNING, "anggaran-tidak-ada", d.renja.cell("kode", r.row),
                              f"Sub kegiatan {r.kode} tidak punya pagu di sheet Anggaran (Realisasi).",
                              "Isi pagu dan realisasi sub kegiatan ini di workbook Realisasi (jalankan 'lkjip "
                              "siapkan' agar barisnya dibuat)."))

    iku_names = M.Names(d.iku.frame["indikator"])
    iku_where = f"{d.iku.workbook} / {d.iku.sheet}"
    seen = {}
    for r in tuples(d.iku_real.frame):
        if r.indikator not in iku_names:
            out.append(_issue(d.iku_real, ERROR, "iku-tidak-dikenal", d.iku_real.cell("indikator", r.row),
                              f"IKU '{r.indikator}' tidak ada di PK (sheet Sasaran Strategis)."
                              + M.hint(iku_names.suggest(r.indikator)),
                              "Pilih nama IKU dari daftar (drop-down) pada sel itu."))
        elif found := iku_names.differs(r.indikator):
            out.append(_differs(d.iku_real, "indikator", r.row, r.indikator, found, iku_where))
        key = (M.key(r.indikator), r.bulan)
        if key in seen:
            out.append(_issue(d.iku_real, ERROR, "iku-ganda", d.iku_real.cell("bulan", r.row),
                              f"Realisasi IKU ini untuk bulan yang sama sudah ada di baris {seen[key]}.",
                              "Hapus salah satu baris."))
        seen[key] = r.row

    out += _check_unmatched(d, iku_names, by_code, all_indicators)
    for kind in ("pk", "realisasi", "abk"):
        listed = raw.tables.get((kind, "Daftar Program"))
        codes_listed = {k for k in listed.frame["kode"] if k} if listed is not None else set()
        if codes_listed and codes_listed != programs:
            extra, lacking = sorted(codes_listed - programs), sorted(programs - codes_listed)
            what = "; ".join(part for part in (f"tidak ada di Renja: {', '.join(extra)}" if extra else "",
                                               f"belum ada di daftar: {', '.join(lacking)}" if lacking else "") if part)
            out.append(_issue(listed, WARNING, "daftar-program-beda", f"baris {S.FIRST_DATA_ROW}",
                              f"Daftar Program di workbook ini berbeda dengan program di Renja ({what}).",
                              "Jalankan 'lkjip siapkan' agar daftar pilihan dibuat ulang dari Renja."))

    program_names = M.Names(programs)
    for r in tuples(d.jabatan.frame):
        progs = [p for p in (r.program_1, r.program_2, r.program_3) if p]
        if not progs:
            out.append(_issue(d.jabatan, WARNING, "jabatan-tanpa-program", d.jabatan.cell("program_1", r.row),
                              f"Jabatan '{r.jabatan}' tidak mendukung program apa pun; tidak masuk tabel 3.15/3.16.",
                              "Pilih program yang didukung jabatan ini."))
        for key, p in (("program_1", r.program_1), ("program_2", r.program_2), ("program_3", r.program_3)):
            if p and p not in programs:
                out.append(_issue(d.jabatan, ERROR, "program-tidak-di-renja", d.jabatan.cell(key, r.row),
                                  f"Program {p} pada jabatan '{r.jabatan}' tidak ada di Renja."
                                  + M.hint(program_names.suggest(p)),
                                  "Pilih kode program yang ada di Renja (drop-down)."))
        if r.tersedia is not None and r.kebutuhan is not None and r.kebutuhan == 0 and r.tersedia > 0:
            out.append(_issue(d.jabatan, WARNING, "kebutuhan-nol", d.jabatan.cell("kebutuhan", r.row),
                              f"Jabatan '{r.jabatan}' punya pegawai tetapi kebutuhan ABK 0.",
                              "Periksa hasil ABK jabatan ini."))
    out += _check_tugas(d)
    out += _check_catatan(d, iku_names)
    out += _check_sakip(d, raw)
    return out


def _check_catatan(d: Data, iku_names: M.Names) -> list[Issue]:
    out = []
    for r in tuples(d.catatan.frame):
        if not r.kode and not r.indikator:
            out.append(_issue(d.catatan, ERROR, "catatan-tanpa-indikator", d.catatan.cell("kode", r.row),
                              "Catatan ini tidak menyebut Kode indikator Renja maupun nama IKU.",
                              "Isi Kode (indikator Renja) atau Indikator (nama IKU)."))
        elif not r.kode and r.indikator not in iku_names:
            out.append(_issue(d.catatan, WARNING, "iku-tidak-dikenal", d.catatan.cell("indikator", r.row),
                              f"IKU '{r.indikator}' tidak ada di PK; catatan ini tidak dipakai di laporan."
                              + M.hint(iku_names.suggest(r.indikator)),
                              "Pilih nama IKU dari daftar (drop-down) pada sel itu."))
    return out


def _check_sakip(d: Data, raw: RawInputs) -> list[Issue]:
    """The typed LHE value against the sum of its components (the AKIP IKU's realisasi is checked in
    ``sakip.checks``, which needs the period)."""
    from .sakip import component_sum, differs  # sakip builds on this module

    nilai_lhe = (d.realisasi_identitas or {}).get("nilai_lhe")
    total = component_sum(d)
    if nilai_lhe is None or total is None or not differs(total, Decimal(nilai_lhe)):
        return []
    form = raw.forms[("realisasi", "Identitas")]
    return [_issue(form, WARNING, "nilai-sakip-beda", form.cells.get("nilai_lhe", ""),
                   f"Jumlah nilai akhir komponen di sheet Evaluasi SAKIP ({fmt_id(total)}) berbeda dengan nilai "
                   f"SAKIP menurut LHE ({fmt_id(Decimal(nilai_lhe))}); laporan memakai nilai LHE dan tabel 3.19 "
                   "mencatat selisihnya.",
                   "Periksa nilai akhir tiap komponen dengan LHE (pembulatan di LHE dapat membuat selisih).")]


def _check_unmatched(d: Data, iku_names: M.Names, by_code: dict, all_indicators: M.Names) -> list[Issue]:
    """Rows of Pembanding, Riwayat (IKU) and Rencana Aksi that match no indicator would be left out of
    their tables without a word: each is said, with the closest names."""
    out: list[Issue] = []
    sources = (
        (d.pembanding, "kode", "tabel 3.8/3.9", "pembanding-tidak-dikenal"),
        (d.rencana_aksi, "kode", "Rencana Aksi (target triwulan)", "rencana-aksi-tidak-dikenal"),
        (d.pembilang, "kode", "realisasi (pembilang / penyebut)", "pembilang-tidak-dikenal"),
    )
    for sd, code_field, where, code in sources:
        for r in tuples(sd.frame):
            kode = getattr(r, code_field)
            names = by_code.get(kode) if kode else iku_names
            if names is not None and r.indikator in names:
                if found := names.differs(r.indikator):
                    out.append(_differs(sd, "indikator", r.row, r.indikator, found, "Renja/PK"))
                continue
            candidates = (names.suggest(r.indikator) if names else []) or (
                all_indicators.suggest(r.indikator) if kode else [])
            what = f"kode {kode}" if kode else "IKU di PK"
            out.append(_issue(sd, WARNING, code, sd.cell("indikator", r.row),
                              f"Indikator '{r.indikator}' tidak cocok dengan {what}; baris ini tidak dipakai di "
                              f"{where}." + M.hint(candidates),
                              "Samakan Kode dan Indikator dengan Renja/PK, atau jalankan 'lkjip siapkan'."))
    for r in tuples(d.riwayat.frame):
        if r.jenis != "IKU":
            continue
        if r.indikator in iku_names:
            if found := iku_names.differs(r.indikator):
                out.append(_differs(d.riwayat, "indikator", r.row, r.indikator, found, "PK / Sasaran Strategis"))
            continue
        out.append(_issue(d.riwayat, WARNING, "riwayat-tidak-dikenal", d.riwayat.cell("indikator", r.row),
                          f"IKU '{r.indikator}' tidak ada di PK; baris ini tidak dipakai di tabel 3.4."
                          + M.hint(iku_names.suggest(r.indikator)),
                          "Tulis nama IKU sama dengan PK (sheet Sasaran Strategis)."))
    return out


def _key(text) -> str:
    """The one name rule (``matching.key``), under the name the tables use."""
    return M.key(text)


def _check_renja(sd: SheetData) -> list[Issue]:
    out: list[Issue] = []
    f = sd.frame
    levels = dict()
    last_kode, closed = None, set()
    seen_ind: dict[tuple, int] = {}
    invalid: list[tuple[str, str]] = []  # (cell, code) of every code off the pattern, said once below
    for r in tuples(f):
        kode = r.kode
        if not kode:
            continue
        if not _CODE.match(kode) or len(kode.split(".")) not in DEPTH.values():
            if all(k != kode for _, k in invalid):
                invalid.append((sd.cell("kode", r.row), kode))
            continue
        if r.level and DEPTH[r.level] != len(kode.split(".")):
            out.append(_issue(sd, ERROR, "level-tidak-cocok", sd.cell("level", r.row),
                              f"Kode {kode} adalah {_level_of(kode)}, tetapi Level ditulis {r.level}.",
                              "Sesuaikan Level dengan kode (Program 3 bagian, Kegiatan 5, Sub Kegiatan 6)."))
        if kode != last_kode:
            if kode in closed:
                out.append(_issue(sd, ERROR, "kode-berulang", sd.cell("kode", r.row),
                                  f"Kode {kode} sudah dipakai di baris sebelumnya yang tidak berurutan.",
                                  "Letakkan semua indikator satu kode pada baris yang berurutan."))
            if last_kode:
                closed.add(last_kode)
            parent = parent_code(kode)
            if parent and parent not in levels:
                out.append(_issue(sd, ERROR, "hierarki-tidak-cocok", sd.cell("kode", r.row),
                               f"Induk kode {kode} (yaitu {parent}) belum ada di atas baris ini.",
                               "Tulis program dan kegiatan induknya di atas sub kegiatan/kegiatan ini."))
            if r.uraian is None:
                out.append(_issue(sd, ERROR, "wajib-diisi", sd.cell("uraian", r.row),
                                  f"Uraian kode {kode} belum diisi.", "Isi nama program/kegiatan/sub kegiatan."))
        levels[kode] = r.level
        last_kode = kode
        key = (kode, _key(r.indikator))
        if key in seen_ind:
            out.append(_issue(sd, ERROR, "indikator-ganda", sd.cell("indikator", r.row),
                              f"Indikator ini sudah ada untuk kode {kode} di baris {seen_ind[key]}.",
                              "Hapus baris ganda."))
        seen_ind[key] = r.row
    return out + _invalid_codes(sd, invalid)


def _invalid_codes(sd: SheetData, invalid: list[tuple[str, str]]) -> list[Issue]:
    """One code off the pattern is said at its cell; several (a Renja still in the nomenclature of
    Permendagri 13/2006, "1.20.03.15.01") once, with the first few cells, not one error per row."""
    if len(invalid) == 1:
        cell, kode = invalid[0]
        return [_issue(sd, ERROR, "kode-tidak-valid", cell, f"Kode '{kode}' tidak sesuai pola nomenklatur.",
                       S.KODE_HELP)]
    if not invalid:
        return []
    shown = ", ".join(f"{cell} '{kode}'" for cell, kode in invalid[:5])
    more = f" dan {len(invalid) - 5} lainnya" if len(invalid) > 5 else ""
    return [_issue(sd, ERROR, "kode-nomenklatur", invalid[0][0],
                   f"{len(invalid)} kode di Renja tidak sesuai nomenklatur Permendagri 90/2019 beserta "
                   f"pemutakhirannya ({shown}{more}); kemungkinan masih memakai kode lama (Permendagri 13/2006).",
                   "Ganti kodenya dengan kode program, kegiatan dan sub kegiatan menurut Kepmendagri "
                   "pemutakhiran klasifikasi, kodefikasi dan nomenklatur yang berlaku (seperti di DPA/SIPD). "
                   + S.KODE_HELP)]


def _level_of(code: str) -> str:
    n = len(code.split("."))
    return next((lvl for lvl, d in DEPTH.items() if d == n), "tidak dikenal")


def _check_tugas(d: Data) -> list[Issue]:
    out: list[Issue] = []
    if d.tugas.frame.empty:
        return out
    names = {_key(j): r for j, r in zip(d.jabatan.frame["jabatan"], tuples(d.jabatan.frame))}
    load: dict[str, Decimal] = {}
    first_row: dict[str, int] = {}
    jabatan = M.Names(d.jabatan.frame["jabatan"])
    for r in tuples(d.tugas.frame):
        k = _key(r.jabatan)
        if k not in names:
            out.append(_issue(d.tugas, WARNING, "jabatan-tidak-dikenal", d.tugas.cell("jabatan", r.row),
                              f"Jabatan '{r.jabatan}' tidak ada di sheet Jabatan." + M.hint(jabatan.suggest(r.jabatan)),
                              "Pilih nama jabatan dari daftar (drop-down) pada sel itu."))
            continue
        if found := jabatan.differs(r.jabatan):
            out.append(_differs(d.tugas, "jabatan", r.row, r.jabatan, found, f"{d.jabatan.workbook} / Jabatan"))
        if r.volume is not None and r.norma_waktu is not None:
            load[k] = load.get(k, Decimal(0)) + Decimal(r.volume) * Decimal(r.norma_waktu)
            first_row.setdefault(k, r.row)
    for k, minutes in load.items():
        need = rules.r2(minutes / d.settings.waktu_kerja_efektif)
        stated = names[k].kebutuhan
        if stated is not None and need is not None and int(need.quantize(Decimal(1), rounding="ROUND_HALF_UP")) != stated:
            out.append(_issue(d.jabatan, WARNING, "abk-tidak-cocok", d.jabatan.cell("kebutuhan", names[k].row),
                              f"Kebutuhan '{names[k].jabatan}' tertulis {stated}, sedangkan uraian tugas "
                              f"menghasilkan {need} pegawai.",
                              "Periksa volume dan norma waktu di sheet Uraian Tugas atau kebutuhan di sheet Jabatan."))
    return out
