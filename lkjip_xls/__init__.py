"""lkjip-xls: Bab III tables of the LKjIP, computed from five Excel workbooks staff fill.

Python API::

    from lkjip_xls import analyse, write_results
    result = analyse("data", month=6)      # read, check, compute
    result.tables["3.1"].frame             # a table as a DataFrame
    result.issues                          # every problem found (Issue records)
"""

__version__ = "0.1.0"

from .api import Result, analyse, validate  # noqa: E402

__all__ = ["Result", "analyse", "validate", "write_results", "__version__"]


def write_results(result, path, run_date=None):
    from .writer import write_results as _write

    return _write(result, path, run_date)
