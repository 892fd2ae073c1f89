"""Every table of the report and the figures beside them, one pure function each.

The report's tables are split by its own sections: ``perencanaan`` (2.1-2.4), ``capaian`` (3.1-3.10),
``anggaran`` (3.11-3.14), ``sumber_daya`` (3.15-3.18), ``evaluasi`` (3.19, 3.20); beside them
``lampiran`` (predikat scale, Lampiran IKPP) and ``pemantauan`` (monthly monitoring, the yardstick list).
Each takes the validated ``Data`` and the ``Period`` figures and returns a
``Table``; none reads files or changes its inputs. ``TABLES`` lists them in
report order. Values are the figures shown (R1); formulas say how Excel
derives the same figures from the cells they come from.
"""

from __future__ import annotations

from typing import Callable

from .. import rules
from ..keyfigures import e81_figures, figure_cells, key_figures
from ..model import Data
from ..period import Period
from ..table import Table
from .anggaran import table_3_11, table_3_12, table_3_13, table_3_14
from .capaian import (table_3_1, table_3_2, table_3_3, table_3_4, table_3_5, table_3_6, table_3_7, table_3_8, table_3_9,
                      table_3_10)
from .evaluasi import table_3_19, table_3_20, table_e81
from .mandiri import table_evaluasi_mandiri
from .lampiran import lampiran_ikpp, rencana_aksi_table, scale_table
from .pemantauan import behind_yardstick, kas_plan, pemantauan_anggaran, pemantauan_kinerja
from .perencanaan import table_2_1, table_2_2, table_2_3, table_2_4
from .sumber_daya import table_3_15, table_3_16, table_3_17, table_3_18

TABLES: dict[str, Callable[[Data, Period], Table | None]] = {
    "2.1": table_2_1, "2.2": table_2_2, "2.3": table_2_3, "2.4": table_2_4,
    "3.1": table_3_1, "3.2": table_3_2, "3.3": table_3_3, "3.4": table_3_4, "3.5": table_3_5,
    "3.6": table_3_6, "3.7": table_3_7, "3.8": table_3_8, "3.9": table_3_9, "3.10": table_3_10,
    "3.11": table_3_11, "3.12": table_3_12, "3.13": table_3_13, "3.14": table_3_14,
    "3.15": table_3_15, "3.16": table_3_16, "3.17": table_3_17, "3.18": table_3_18,
    "3.19": table_3_19, "3.20": table_3_20,
}


def compute_tables(d: Data, p: Period, status=None) -> dict[str, Table]:
    """Every table of the report; 3.19 and 3.20 only when their optional sheets are filled."""
    out = {}
    for n, (key, fn) in enumerate(TABLES.items(), start=1):
        if status:
            status(f"Menghitung tabel {key} ({n}/{len(TABLES)})")
        table = fn(d, p)
        if table is not None:
            out[key] = table
    return out




def compute_figures(d: Data, p: Period, status=None) -> dict:
    """Every figure an output shows, computed once: the report's tables and everything beside them.
    The keys are ``Result``'s fields (see ``api.Result``)."""
    from ..mandiri import assess, counts
    from ...inputs.schema import BULAN

    tables = compute_tables(d, p, status)
    e81 = table_e81(d, p)
    assessments = assess(d, p)
    met = counts(assessments)
    return dict(tables=tables,
                monitoring={t.key: t for t in (pemantauan_anggaran(d, p), pemantauan_kinerja(d, p))},
                ikpp=lampiran_ikpp(d, p), e81=e81, rencana_aksi=rencana_aksi_table(d, p),
                scale=scale_table(d.settings.scale),
                behind=behind_yardstick(d, p),
                kas_plan=kas_plan(p), year_share=rules.r2(rules.HUNDRED * p.month / 12),
                mandiri=assessments,
                evaluasi_mandiri=table_evaluasi_mandiri(assessments, d.opd, d.tahun, BULAN[p.month - 1]),
                key_figures={**key_figures(tables, p), **e81_figures(e81, p),
                             "evaluasi_terpenuhi": met.terpenuhi, "evaluasi_dinilai": met.dinilai},
                figure_cells=figure_cells(tables, e81))
