"""Golden values for the tables the golden file does not list (issue 25): 2.3, 2.4 and the two Pemantauan
sheets at months 3 and 12, worked out here from the example's own CSV source (read with the csv module,
not through the program), with the golden figures of golden-bareng-2024.md where they apply."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import find

from lkjip_xls.api import analyse
from lkjip_xls.inputs.example import packaged_workbooks

SOURCE = Path(__file__).resolve().parents[1] / "lkjip_xls" / "inputs" / "contoh" / "bareng-2024"


def rows(name: str) -> list[dict]:
    with open(SOURCE / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def r2(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def num(text: str):
    return None if text in ("", None) else Decimal(text)


@pytest.fixture(scope="module")
def results():
    return {m: analyse(packaged_workbooks(), m) for m in (3, 12)}


def test_2_3_is_the_pk_iku_as_written(results):
    t = results[12].tables["2.3"]
    iku = rows("pk__Sasaran Strategis")
    assert len(t.frame) == len(iku) == 2
    for src in iku:
        row = find(t, indikator=src["indikator"])
        assert (row["formulasi"], row["sumber_data"], row["definisi"]) == (
            src["formulasi"] or "-", src["sumber_data"] or "-", src["definisi"] or "-")


def test_2_4_has_every_renja_indicator_with_a_target_and_its_formulasi(results):
    t = results[12].tables["2.4"]
    renja = [r for r in rows("renja__Renja") if (r["target_perubahan"] or r["target_renja"])]
    assert len(t.frame) == len(renja)
    for k, src in enumerate(renja):
        row = t.frame.iloc[k]
        assert row["indikator"] == src["indikator"]
        assert row["target"] == num(src["target_perubahan"] or src["target_renja"])
        assert row["formulasi"] == (src["formulasi"] or "-")
    assert "Pengadaan Gedung Kantor" not in " ".join(str(u) for u in t.frame["uraian"] if u)  # no target


def _budget(month: int) -> dict[str, dict]:
    """Pagu, realisasi and anggaran kas up to ``month`` per code (R3, R4), from the CSV."""
    subs = rows("realisasi__Anggaran")
    kas = {r["kode"]: r for r in rows("realisasi__Anggaran Kas")}
    out: dict[str, dict] = {}
    for s in subs:
        code = s["kode"]
        pagu = int(s["pagu_perubahan"] or s["pagu_murni"])
        real = sum(int(s[f"m{m}"] or 0) for m in range(1, month + 1))
        plan = sum(int(kas[code][f"m{m}"] or 0) for m in range(1, month + 1)) if code in kas else None
        parts = code.split(".")
        for key in (".".join(parts[:3]), ".".join(parts[:5]), code):
            acc = out.setdefault(key, {"pagu": 0, "realisasi": 0, "kas": 0, "kas_known": True})
            acc["pagu"] += pagu
            acc["realisasi"] += real
            if plan is None:
                acc["kas_known"] = False
            else:
                acc["kas"] += plan
    return out


@pytest.mark.parametrize("month", [3, 12])
def test_pemantauan_anggaran(results, month):
    t = results[month].monitoring["Pemantauan Anggaran"]
    expected = _budget(month)
    assert set(t.frame["kode"]) == set(expected)
    for _, row in t.frame.iterrows():
        e = expected[row["kode"]]
        assert (row["pagu"], row["realisasi"], row["silpa"]) == (e["pagu"], e["realisasi"], e["pagu"] - e["realisasi"])
        assert row["penyerapan"] == r2(Decimal(e["realisasi"]) * 100 / e["pagu"])
        if e["kas_known"]:
            assert (row["kas"], row["deviasi"]) == (e["kas"], e["realisasi"] - e["kas"])
            assert row["persen_kas"] == (r2(Decimal(e["realisasi"]) * 100 / e["kas"]) if e["kas"] else "-")
    if month == 12:  # the golden figures of 3.10
        by_code = {row["kode"]: row for _, row in t.frame.iterrows()}
        assert (by_code["7.01.01"]["realisasi"], by_code["7.01.01"]["penyerapan"]) == (2_427_729_885, Decimal("89.32"))
        assert (by_code["7.01.04"]["realisasi"], by_code["7.01.04"]["penyerapan"]) == (28_302_800, Decimal("99.84"))


def _realisasi(values: list, sifat: str):
    got = [v for v in values if v is not None]
    if not got:
        return None
    if sifat == "Jumlah":
        return sum(got)
    if sifat == "Rata-rata":
        return r2(sum(got) / len(got))
    return got[-1]


@pytest.mark.parametrize("month", [3, 12])
def test_pemantauan_kinerja(results, month):
    t = results[month].monitoring["Pemantauan Kinerja"]
    kinerja = {(r["kode"], r["indikator"].strip().casefold()): r for r in rows("realisasi__Kinerja")}
    renja = [r for r in rows("renja__Renja") if (r["target_perubahan"] or r["target_renja"])]
    body = t.frame[t.frame["kind"] != "iku"].reset_index(drop=True)
    assert len(body) == len(renja)
    for k, src in enumerate(renja):
        row = body.iloc[k]
        target = num(src["target_perubahan"] or src["target_renja"])
        values = [num(kinerja.get((src["kode"], src["indikator"].strip().casefold()), {}).get(f"m{m}", ""))
                  for m in range(1, month + 1)]
        real = _realisasi(values, src["sifat"] or "Terakhir")
        assert (row["kode"], row["target"]) == (src["kode"], target)
        assert row["realisasi"] == (real if real is not None else "belum ada data"), src["indikator"]
        if real is not None:
            assert row["capaian"] == r2(real * 100 / target)
    iku = t.frame[t.frame["kind"] == "iku"]
    if month == 3:  # no IKU result published yet in March
        assert list(iku["realisasi"]) == ["belum ada data", "belum ada data"]
    else:
        assert list(iku["capaian"]) == [Decimal("99.04"), Decimal("101.37")]  # golden 3.1
