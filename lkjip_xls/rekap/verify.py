"""Recomputing an office's results from its input workbooks (spec section 10).

The seal of a results workbook shows it was not edited after the run; it cannot show that someone did
not recompute the seal. The five input workbooks can: ``lkjip proses`` seals their sha256 in ``_data``
and attaches them to the draft email (``LKjIP_<OPD>_<tahun>_<MM>_isian.zip``). Wherever the inbox holds
them (that zip, or the five workbooks themselves), the rekap runs the same analysis on them, writes the
same workbook, and compares the two cell by cell on every sheet, the hidden ``_data`` included: value or
text, formula and number format (``cells``). The office, year and month come from the isian. Only what
was recomputed is called verified: a Ringkasan showing changes since last month is recomputed with
last month's workbook, or the office is "tidak dapat diverifikasi" with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path

from .read import Found

MAX_SHOWN = 8  # differences named per file; the rest counted


def locate(founds: list[Found]) -> dict[str, tuple[str, str | None]]:
    """sha256 -> where its bytes are: (file, None) for a loose workbook, (zip, member) inside a zip."""
    out: dict[str, tuple[str, str | None]] = {}
    for f in founds:
        if f.members:
            for name, sha in f.members.items():
                out.setdefault(sha, (f.path, name))
        elif f.digest:
            out.setdefault(f.digest, (f.path, None))
    return out


def _bytes(where: tuple[str, str | None]) -> bytes:
    path, member = where
    if member is None:
        return Path(path).read_bytes()
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.replace("\\", "/").rsplit("/", 1)[-1] == member:
                return zf.read(info)
    raise KeyError(member)


class Unverifiable(str):
    """Why an office's figures cannot be recomputed although its isian is here (said, never "OK")."""


CHANGES_HEADING = "Perubahan sejak Bulan Lalu"


def recompute(found: Found, where: dict[str, tuple[str, str | None]],
              results: dict[str, str] | None = None) -> list[str] | Unverifiable | None:
    """The cells of ``found`` that differ from a recomputation from its isian ([] when every cell of every
    sheet agrees), ``Unverifiable`` when the isian is here but something the recomputation needs is
    not, or None when its isian is not in the inbox. ``results``: file name -> path of the results
    workbooks received (the previous month's one feeds the Ringkasan's "changes since last month")."""
    from ..api import analyse
    from ..inputs import matching as M
    from ..inputs import schema as S
    from ..writer.workbook import workbook_bytes
    from . import cells

    if not found.inputs or any(sha not in where for sha in found.inputs.values()):
        return None
    from .. import __version__

    made_by = found.get("versi_program") or ""
    if made_by != __version__:  # another version lays the workbook out otherwise: no cell comparison holds
        return Unverifiable(f"workbook dibuat lkjip-xls versi {made_by or '(tidak tercatat)'}, rekap ini versi "
                            f"{__version__}; minta OPD memproses ulang dengan versi {__version__} agar angkanya "
                            "dapat dihitung ulang")
    sent_bytes = Path(found.path).read_bytes()
    sent = cells.workbook_cells(sent_bytes)
    with tempfile.TemporaryDirectory(prefix="lkjip-rekap-") as tmp:
        for kind, sha in found.inputs.items():
            if kind not in S.BY_KIND:
                return [f"isian jenis '{kind}' tidak dikenal"]
            (Path(tmp) / S.BY_KIND[kind].filename).write_bytes(_bytes(where[sha]))
        result = analyse(Path(tmp), found.get("bulan"))
        if not result.ok:
            first = next((i.render() for i in result.issues if i.is_error), "")
            return [f"isian yang dilampirkan tidak dapat dihitung ulang ({first})"]
        out = []
        # who, when: from the isian's PK › Identitas, not from what the workbook claims
        if M.office_key(result.data.opd) != M.office_key(found.get("opd")):
            out.append(f"nama OPD di workbook '{found.get('opd')}', di isian (PK › Identitas) '{result.data.opd}'")
        if result.data.tahun != found.get("tahun"):
            out.append(f"tahun di workbook {found.get('tahun')}, di isian {result.data.tahun}")
        heading = _changes_heading(sent.get("Ringkasan", {}))
        if heading is not None:
            previous = _previous(heading, found, results or {})
            if previous is None:
                return Unverifiable(f"Ringkasan memuat perubahan sejak bulan lalu dari file {heading}; simpan file "
                                    "itu di folder rekap agar Ringkasan dapat dihitung ulang")
            from ..kinerja.changes import since_last_month

            try:
                result.changes = since_last_month(result.data, result.period, result.issues, Path(previous))
            except Exception:  # noqa: BLE001 - an unreadable previous file: said, not a crash
                return Unverifiable(f"file bulan lalu {heading} tidak dapat dibaca untuk menghitung ulang Ringkasan")
        try:
            day = dt.date.fromisoformat(found.get("tanggal_proses") or "")
        except ValueError:
            day = None
        again = cells.workbook_cells(workbook_bytes(result, day))
    out += cells.differences(sent, again)
    return out


def _changes_heading(ringkasan: dict) -> str | None:
    """The previous file named by the Ringkasan's "Perubahan sejak Bulan Lalu (…, file X)" block."""
    for value, _, _ in ringkasan.values():
        if isinstance(value, str) and value.startswith(CHANGES_HEADING):
            m = re.search(r"file (.+)\)$", value)
            return m.group(1) if m else value
    return None


def _previous(name: str, found: Found, results: dict[str, str]) -> str | None:
    """The previous month's results workbook of the office, by the name its Ringkasan gives, beside the
    received file first, else anywhere in the inbox."""
    beside = Path(found.path).with_name(name)
    if beside.is_file():
        return str(beside)
    return results.get(name)


def _shown(value) -> str:
    from ..inputs.numbers import fmt_id
    from decimal import Decimal

    if value is None:
        return "kosong"
    d = Decimal(repr(float(value)))
    return fmt_id(d.to_integral_value() if d == d.to_integral_value() else d)


def summary(differences: list[str]) -> list[str]:
    shown = differences[:MAX_SHOWN]
    if len(differences) > MAX_SHOWN:
        shown.append(f"... dan {len(differences) - MAX_SHOWN} sel lain")
    return shown
