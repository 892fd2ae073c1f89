"""``lkjip laporan``: the LKjIP Word document drafted from the computed tables.

``narrative.draft`` turns an analysed folder into blocks whose every number is a table cell and every
comparison word a rule's answer; ``word.render`` writes them with python-docx. The wording lives in
``kalimat.toml`` (an office overrides sentences in ``kalimat_laporan.toml`` beside its workbooks) and
the look in an optional ``templat_laporan.docx`` there, so phrasing, kop and fonts change without
touching the computation.
"""

from __future__ import annotations

from pathlib import Path

from ..api import Result
from .model import Report

TEMPLATE_NAME = "templat_laporan.docx"


def report_name(result: Result) -> str:
    """``LKjIP_<OPD>_<tahun>.docx`` for the annual report (data s.d. Desember); ``..._sd_<Bulan>.docx``
    for a draft up to an earlier month, which so never replaces the annual one."""
    from ..inputs.schema import BULAN
    from ..writer import safe_name

    d, month = result.data, result.period.month
    suffix = "" if month == 12 else f"_sd_{BULAN[month - 1]}"
    return f"LKjIP_{safe_name(d.opd)}_{d.tahun}{suffix}.docx"


def draft_report(result: Result, folder: Path | None = None) -> Report:
    from . import naskah, narrative, wording

    return narrative.draft(result, wording.load(folder), naskah.load(folder))


def build_report(result: Result, folder: Path | None = None, status=None) -> tuple[Report, bytes]:
    """The drafted report and its .docx for an analysed folder (``result.ok``), built in memory.
    ``folder`` is where an office's ``kalimat_laporan.toml``, ``templat_laporan.docx`` and
    ``naskah_laporan.docx`` are looked for."""
    from . import naskah, narrative, wording
    from .word import render

    words = wording.load(folder)
    template = Path(folder) / TEMPLATE_NAME if folder is not None else None
    prose = naskah.load(folder)
    if status:
        status("Menyusun kalimat laporan ...")
    report = narrative.draft(result, words, prose)
    return report, render(report, words, template if template is not None and template.is_file() else None, status)


def report_bytes(result: Result, folder: Path | None = None, status=None) -> bytes:
    return build_report(result, folder, status)[1]


def naskah_bytes(result: Result, folder: Path | None = None, prose: dict | None = None, created=None) -> bytes:
    """A starting ``naskah_laporan.docx`` for the office: every heading of its draft, the placeholders
    of the sections that need staff's prose (or ``prose``, heading key -> paragraphs)."""
    from . import narrative, wording
    from .naskah import starter_bytes

    words = wording.load(folder)
    return starter_bytes(narrative.draft(result, words), words, result.data.opd, prose, created)
