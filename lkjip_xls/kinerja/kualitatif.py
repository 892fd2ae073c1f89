"""R13: the level names typed for qualitative indicators, matched against PK › Skala Kualitatif.

The reader keeps a text without digits typed in a number column that may hold a level (schema
``levels``) as plain text; here each such cell is matched, once the indicator it belongs to is known:
a level of the scale its Satuan names becomes a ``Level``; a name not in that scale, or text for an
indicator that is not qualitative, is an error naming the cell; a number typed for a qualitative
indicator is an error too (a level is expected).
"""

from __future__ import annotations

from ..inputs import levels as L
from ..inputs import schema as S
from ..inputs.numbers import NotAvailable, Range
from ..inputs.reader import RawInputs, SheetData
from ..issues import ERROR, Issue
from .frames import tuples
from ..inputs.matching import key

MODE_FIELD = "capaian_kualitatif"


def scales(raw: RawInputs) -> dict[str, L.Scale]:
    """The scales of PK › Skala Kualitatif; the built-in ones (``levels.DEFAULT_SCALES``) where that sheet
    does not name them (a workbook of an older template has no such sheet)."""
    sd = raw.tables.get(("pk", "Skala Kualitatif"))
    rows = [] if sd is None else [(r.skala, r.tingkat, r.nilai) for r in tuples(sd.frame)]
    found = L.scales_from([(name, level, None) for name, levels in L.DEFAULT_SCALES for level in levels])
    found.update(L.scales_from(rows))
    form = raw.forms.get(("pk", "Pengaturan"))
    mode = (form.values.get(MODE_FIELD) if form else None) or L.PERINGKAT
    for sc in found.values():
        sc.mode = mode
    return found


def resolve(raw: RawInputs) -> list[Issue]:
    """Replace level names by ``Level`` in every table that may hold one; the problems, by cell."""
    found = scales(raw)
    issues: list[Issue] = []

    def frame(kind, sheet):
        sd = raw.tables.get((kind, sheet))
        return sd if sd is not None and not sd.frame.empty else None

    renja, ss = frame("renja", "Renja"), frame("pk", "Sasaran Strategis")
    renja_unit = {} if renja is None else {(r.kode, key(r.indikator)): r.satuan for r in tuples(renja.frame)}
    iku_unit = {} if ss is None else {key(r.indikator): r.satuan for r in tuples(ss.frame)}

    def own(r):
        return getattr(r, "satuan", None)

    plan = (
        ("renja", "Renja", ("target_renja", "target_perubahan", "target_renstra"), own),
        ("realisasi", "Kinerja", tuple(f"m{i}" for i in range(1, 13)),
         lambda r: renja_unit.get((r.kode, key(r.indikator)))),
        ("pk", "Sasaran Strategis", ("target", "target_akhir"), own),
        ("pk", "Sasaran Program", ("target", "target_akhir"),
         lambda r: renja_unit.get((r.kode, key(r.indikator)), r.satuan)),
        ("realisasi", "IKU", ("realisasi",), lambda r: iku_unit.get(key(r.indikator))),
        ("realisasi", "Riwayat", ("target", "realisasi"),
         lambda r: r.satuan or (iku_unit.get(key(r.indikator)) if r.jenis == "IKU" else None)),
        ("realisasi", "Pembanding", ("kabupaten", "provinsi", "nasional"),
         lambda r: renja_unit.get((r.kode, key(r.indikator))) if r.kode else iku_unit.get(key(r.indikator))),
    )
    for kind, sheet, fields, unit_of in plan:
        sd = frame(kind, sheet)
        if sd is None:
            continue
        fields = tuple(f for f in fields if f in sd.frame.columns)
        columns = {f: list(sd.frame[f]) for f in fields}
        changed = False
        for i, r in enumerate(tuples(sd.frame)):
            scale = L.scale_of(unit_of(r), found)
            for f in fields:
                value = columns[f][i]
                if value is None or isinstance(value, (NotAvailable, Range)) or isinstance(value, L.Level):
                    continue
                text = isinstance(value, str)
                if scale is None and not text:
                    continue  # a number for a numeric indicator
                level = scale.find(value) if scale is not None and text else None
                if level is not None:
                    columns[f][i], changed = level, True
                    continue
                issues.append(_problem(kind, sd, f, r, value, scale))
                columns[f][i], changed = None, True
        if changed:
            raw.tables[(kind, sheet)] = SheetData(sd.workbook, sd.sheet, sd.frame.assign(**columns), sd.letters)
    return issues


def _problem(kind: str, sd: SheetData, field: str, r, value, scale: L.Scale | None) -> Issue:
    spec = next(f for f in S.BY_KIND[kind].sheet(sd.sheet).fields if f.key == field)
    where = f"Kolom '{spec.header}': "
    if scale is None:
        na = (" Bila realisasinya memang tidak tersedia, ketik n/a dan tulis alasannya di Catatan (Faktor "
              "Penghambat); bila belum ada, kosongkan sel." if spec.na else "")
        return Issue(ERROR, "isian-tidak-valid", sd.workbook, sd.sheet, sd.cell(field, r.row),
                     f"{where}Sel berisi teks '{value}', bukan angka.",
                     "Ketik angka; desimal memakai koma, mis. 74,30." + na + " Bila indikator ini berupa predikat "
                     "atau kategori, tulis nama skalanya di kolom Satuan (mis. Predikat SAKIP) dan tingkatnya di "
                     "PK › Skala Kualitatif.")
    if isinstance(value, str):
        return Issue(ERROR, "tingkat-tidak-dikenal", sd.workbook, sd.sheet, sd.cell(field, r.row),
                     f"{where}Tingkat '{value}' tidak ada di skala '{scale.name}' (tingkat: {scale.names}).",
                     f"Tulis salah satu tingkat skala itu, atau tambahkan tingkatnya di PK › Skala Kualitatif.")
    return Issue(ERROR, "isian-tidak-valid", sd.workbook, sd.sheet, sd.cell(field, r.row),
                 f"{where}Indikator ini berskala '{scale.name}', tetapi sel berisi angka.",
                 f"Tulis nama tingkatnya ({scale.names}), atau ubah Satuan indikator bila memang berupa angka.")

