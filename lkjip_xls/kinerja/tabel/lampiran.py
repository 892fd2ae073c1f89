"""Tables beside the report's own: the predikat scale in use and Lampiran IKPP."""

from __future__ import annotations

from decimal import Decimal

from .. import rules
from ..period import Period
from ..frames import tuples
from ..model import Data, _key
from ...inputs.numbers import fmt_id
from ..table import INT, NUM, TEXT, Builder, Column, Table
from .common import _or


def scale_table(scale: rules.Scale) -> Table:
    """The predikat scale in use (Pengaturan), band by band, for the report's chapter III: each range
    written from the same bounds the program classifies with, so no gap (the source report left
    > 80-90 unclassified) can appear."""
    b = Builder([Column("no", "No", INT, 5), Column("rentang", "Capaian Kinerja (%)", TEXT, 22),
                 Column("predikat", "Predikat", TEXT, 30)])
    bounds = [bound for bound, _ in scale.bands]
    for n, (bound, label) in enumerate(scale.bands, start=1):
        upper = bounds[n - 2] if n > 1 else None
        if bound is None:
            text = f"≤ {fmt_id(bounds[-2])}" if len(bounds) > 1 and bounds[-2] is not None else "semua"
        elif upper is None:
            text = f"> {fmt_id(bound)}"
        else:
            text = f"> {fmt_id(bound)} – {fmt_id(upper)}"
        b.add("item", no=n, rentang=text, predikat=label)
    own = scale.name == rules.DEFAULT_SCALE.name  # the office's own table (PK › Skala Predikat)
    title = "Skala Predikat Capaian Kinerja" + ("" if own else f" ({scale.name})")
    source = "Sumber: skala predikat capaian kinerja yang ditetapkan perangkat daerah" if own else \
        f"Sumber: {scale.name}"
    return b.build("skala", title, source)



# Lampiran IKPP (supporting calculation of the IKPP indicator, report section 3.3.2) ----------

IKPP_NAMES = ("ikpp", "indeks kualitas pelayanan publik")


def _ikpp_places(p: Period) -> int | None:
    """Decimals of the office's IKPP IKU (the one IKU whose name says IKPP), else None (its own)."""
    found = [r.places for r in tuples(p.iku) if any(n in str(r.indikator).lower() for n in IKPP_NAMES)]
    return found[0] if len(found) == 1 else None


def lampiran_ikpp(d: Data, p: Period) -> Table | None:
    """IKM per layanan (mean of the nine SKM unsur), unit IKM (mean of the layanan), and
    IKPP = 1,25 x IKM/25 + IPP (Perbup Jombang 5/2021). None when the IKM sheet is empty."""
    from ...inputs import schema as S

    if d.ikm.frame.empty:
        return None
    units = [f"u{i}" for i in range(1, 10)]
    cols = ([Column("uraian", "Jenis Layanan / Uraian", TEXT, 34)]
            + [Column(u, f"U{i} {n}", NUM, 10, "Rata-rata Unsur SKM") for i, (u, n) in
               enumerate(zip(units, S.SKM_UNSUR), start=1)]
            + [Column("nilai", "Nilai", NUM, 11, per_value=True)])
    b = Builder(cols)
    rows = []
    for r in tuples(d.ikm.frame):
        values = {u: getattr(r, u) for u in units}
        ikm = rules.mean_shown(values.values())
        rows.append(b.add("item", {"nilai": rules.mean_formula(f"{{u1}}:{{u9}}")}, uraian=r.layanan, nilai=_or(ikm),
                          **values))
    unit, unit_f = b.mean("nilai", rows)
    total = b.add("total", {"nilai": unit_f}, uraian="IKM unit (rata-rata jenis layanan)", nilai=_or(unit))
    if unit is not None:
        konversi = unit / 25  # at most 4 decimals, exact
        k = b.add("group", {"nilai": f"{{nilai@{total}}}/25"}, uraian="IKM non konversi (IKM / 25)", nilai=konversi)
        if d.nilai_ipp is not None:
            ipp = b.add("group", uraian="Nilai IPP", nilai=d.nilai_ipp)
            # the same figure as the IKPP IKU's realisasi: written with that indicator's decimals (R1a)
            b.add("total", {"nilai": f"ROUND(1.25*{{nilai@{k}}}+{{nilai@{ipp}}},2)"},
                  places=_ikpp_places(p), uraian="IKPP = 1,25 × IKM non konversi + IPP",
                  nilai=rules.r2(Decimal("1.25") * konversi + d.nilai_ipp))
    return b.build("IKPP", "Perhitungan Indeks Kualitas Pelayanan Publik (IKPP)",
                   f"Sumber: Laporan Survei Kepuasan Masyarakat dan Berita Acara Penilaian IPP {d.opd} {d.tahun}",
                   notes=["IKM layanan = rata-rata 9 unsur; IKM unit = rata-rata layanan; "
                          "IKPP = 1,25 × (IKM / 25) + IPP, dibulatkan ke 2 desimal (setengah ke atas)."])


def rencana_aksi_table(d: Data, p: Period) -> Table | None:
    """The Rencana Aksi as the PK annex shows it: the cumulative quarter targets of each indicator that has
    one, beside its annual target (R6b for Renja indicators). None when the sheet is empty."""
    if d.rencana_aksi.frame.empty:
        return None
    renja = {(r.kode, _key(r.indikator)): r for r in tuples(p.indicators)}
    iku = {_key(r.indikator): r for r in tuples(p.iku)}
    b = Builder([Column("no", "No", INT, 5), Column("kode", "Kode", TEXT, 18), Column("indikator", "Indikator", TEXT, 44),
                 Column("target", "Target Tahunan", NUM, 11)]
                + [Column(f"tw{q}", f"TW {rules.ROMAN[q - 1]}", NUM, 9, "Target Kumulatif s.d. Triwulan")
                   for q in range(1, 5)])
    for n, r in enumerate(tuples(d.rencana_aksi.frame), start=1):
        own = renja.get((r.kode, _key(r.indikator))) if r.kode else iku.get(_key(r.indikator))
        b.add("item", places=own.places if own is not None else None, no=n, kode=r.kode or "IKU",
              indikator=r.indikator, target=_or(own.target if own is not None else None),
              tw1=_or(r.tw1), tw2=_or(r.tw2), tw3=_or(r.tw3), tw4=_or(r.tw4))
    return b.build("Rencana Aksi", f"Rencana Aksi {d.opd} Tahun {d.tahun}", f"Sumber: Rencana Aksi Perjanjian Kinerja {d.opd} {d.tahun}")
