"""lkjip-xls: the LKjIP tables, results workbook and Word draft, computed from five Excel workbooks.

The package reads as the pipeline (``docs/susunan.md``)::

    inputs/   the five workbooks: schema, templates, reading cells, the example, siapkan
    kinerja/  the figures: validated data, rules R1-R12, period figures, every table
    writer/   the results workbook (and its seal, the draft email)
    report/   the LKjIP Word draft          rekap/   Bappeda's consolidated workbook
    api.py, run.py, cli.py                  the front door, the commands' orchestration, the CLI

Python API (no CLI needed)::

    from lkjip_xls import analyse, write_results, report_bytes, siapkan, consolidate
    result = analyse("data", month=6)      # read, check, compute every figure
    result.tables["3.1"].frame             # a table as a DataFrame
    result.issues                          # every problem found (Issue records)
    write_results(result, "hasil.xlsx")    # the results workbook
    docx = report_bytes(result)            # the Word draft, as bytes
    reports, issues = siapkan("data")      # derive Realisasi, ABK, Sarpras from Renja and PK
    r = consolidate("lampiran")            # Bappeda: every results workbook in a folder (a ``Rekap``)

The names are imported on first use, so that ``lkjip --help``, ``templat`` and ``contoh`` start
without loading pandas.
"""

__version__ = "0.5.0"

__all__ = ["Result", "analyse", "validate", "write_results", "report_bytes", "siapkan", "consolidate", "__version__"]

_FROM = {
    "Result": ("api", "Result"), "analyse": ("api", "analyse"), "validate": ("api", "validate"),
    "write_results": ("writer.workbook", "write_results"), "report_bytes": ("report", "report_bytes"),
    "siapkan": ("inputs.prepare", "prepare"), "consolidate": ("rekap", "collect"),
}


def __getattr__(name: str):
    if name in _FROM:
        from importlib import import_module

        module, attr = _FROM[name]
        return getattr(import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'lkjip_xls' has no attribute {name!r}")
