"""lkjip-xls: Bab III tables of the LKjIP, computed from five Excel workbooks staff fill.

Python API::

    from lkjip_xls import analyse, write_results
    result = analyse("data", month=6)      # read, check, compute
    result.tables["3.1"].frame             # a table as a DataFrame
    result.issues                          # every problem found (Issue records)

The names are imported on first use, so that ``lkjip --help``, ``templat`` and ``contoh`` start
without loading pandas.
"""

__version__ = "0.3.0"

__all__ = ["Result", "analyse", "validate", "write_results", "__version__"]


def __getattr__(name: str):
    if name in ("Result", "analyse", "validate"):
        from . import api

        return getattr(api, name)
    if name == "write_results":
        from .writer import write_results

        return write_results
    raise AttributeError(f"module 'lkjip_xls' has no attribute {name!r}")
