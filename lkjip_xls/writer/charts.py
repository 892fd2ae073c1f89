"""Column charts of a percentage against a reference line (capaian against 100 %, penyerapan against
the share of the year), drawn alike in the results workbook and the Rekap."""

from __future__ import annotations

BAR = "#2F5597"
LINE = "#C00000"
GRID = "#D9D9D9"


def bars_against_line(wb, sheet: str, first: int, last: int, category: int, bars: tuple[int, str],
                      line: tuple[int, str], title: str, size: tuple[int, int], y_max=None, y_name: str | None = None, label_size: int = 9,
                      x_rotation: int | None = None, extra=None):
    """A column series (``bars`` = column, name) over rows ``first..last`` of ``sheet``, labelled inside
    the bars, with a dashed ``line`` (column, name) and optional ``extra(line_chart, categories)`` series."""
    categories = [sheet, first, category, last, category]
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": bars[1], "categories": categories, "values": [sheet, first, bars[0], last, bars[0]],
                      "fill": {"color": BAR},
                      "data_labels": {"value": True, "num_format": "#,##0.00", "position": "inside_end",
                                      "font": {"color": "#FFFFFF", "bold": True, "size": label_size}}})
    marks = wb.add_chart({"type": "line"})
    marks.add_series({"name": line[1], "categories": categories, "values": [sheet, first, line[0], last, line[0]],
                      "line": {"color": LINE, "dash_type": "dash"}, "marker": {"type": "none"}})
    if extra:
        extra(marks, categories)
    chart.combine(marks)
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"min": 0, "max": y_max, "num_format": "0", "name": y_name,
                      "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    chart.set_x_axis({"num_font": {"size": 8, **({"rotation": x_rotation} if x_rotation else {})}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": size[0], "height": size[1]})
    return chart
