"""The results workbook: every sheet laid out from the figures in ``api.Result`` (nothing computed here).

``workbook`` builds the workbook (tables, Pemantauan, Pemeriksaan, Ringkasan, the hidden ``_data``
sheet) in memory; ``results``/``ringkasan``/``formats``/``layout``/``charts``/``fastsheet`` know Excel;
``fingerprint`` seals the workbook for ``lkjip rekap``; ``email_draft`` writes the draft email to Bappeda.

The names are imported on first use, so that importing a helper (``textfit``, ``fingerprint``) does
not load pandas.
"""

__all__ = ["output_name", "safe_name", "workbook_bytes", "write_results"]


def __getattr__(name: str):
    if name in __all__:
        from . import workbook

        return getattr(workbook, name)
    raise AttributeError(f"module 'lkjip_xls.writer' has no attribute {name!r}")
