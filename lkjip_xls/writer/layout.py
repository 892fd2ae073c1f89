"""Print geometry of the results workbook: how an A4 landscape page is filled.

Every sheet prints fitted to one page wide. Its column widths decide the scale, and the scale the
size of the printed text: ``font_after_fit`` must stay at 8 pt or more (tests check every sheet, and
render them through LibreOffice to measure), but for the E.81 form, which prints one page wide on F4
at a fixed scale (``plan_one_wide``, at least ``FORM_MIN_PRINTED_FONT``). ``Pager`` places manual page
breaks so that a heading is never the last line of a page, away from the rows it introduces.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field

BODY_FONT = 10  # points; formats.FONT
MIN_PRINTED_FONT = 8
DEFAULT_ROW = 15.0  # points, XlsxWriter's default row height
A4_INCHES = (8.27, 11.69)
MARGIN_SIDE, MARGIN_TOP = 0.5, 0.6  # inches, as set on every sheet
HEADER_FOOTER = 36.0  # points LibreOffice takes from the page for the page header and footer (Excel prints
#                       them inside the margins); the pager plans for the smaller page of the two


def column_points(width: float) -> float:
    """A column of ``width`` characters in points: Excel's 7-pixel digit plus 5 pixels padding."""
    return (7 * width + 5) * 0.75


A4, FOLIO = 9, 14  # XlsxWriter paper codes; Folio (8,5 x 13 in, 216 x 330 mm) is F4
WIDER_IN_LIBREOFFICE = 1.08  # LibreOffice lays columns out wider than Excel: a fixed-scale page keeps clear
#                              of its edge in both
PAPER_INCHES = {A4: A4_INCHES, FOLIO: (8.5, 13.0)}
FORM_MIN_PRINTED_FONT = 4.0  # an official form printed one page wide (E.81, 36 columns) may print smaller than
#                              the 8 pt of the other sheets; below this the form's widths are wrong


def stored_width(width: float) -> float:
    """The width XlsxWriter writes for ``width`` characters (the 5-pixel padding included)."""
    return int((width * 7 + 5) / 7 * 256) / 256 if width > 1 else width


def printable(landscape: bool = True, paper: int = A4) -> tuple[float, float]:
    """(width, height) in points inside the margins."""
    short, long_ = PAPER_INCHES[paper]
    w, h = (long_, short) if landscape else (short, long_)
    return (w - 2 * MARGIN_SIDE) * 72, (h - 2 * MARGIN_TOP) * 72


@dataclass(frozen=True)
class FixedScale:
    """How a form prints at a fixed scale, one page wide (E.81 on F4): on ``paper``, at ``scale``."""

    paper: int = A4
    scale: float = 1.0


def plan_one_wide(widths: list[float], paper: int = FOLIO, landscape: bool = True) -> FixedScale:
    """A form printed one page wide at a fixed scale (E.81 on F4): the scale that fits ``widths`` as
    LibreOffice lays them out (the wider of the two), so Excel and LibreOffice print the same pages."""
    points = sum(column_points(stored_width(w)) for w in widths) * WIDER_IN_LIBREOFFICE
    return FixedScale(paper, min(1.0, printable(landscape, paper)[0] / points))


def fit_scale(widths: list[float], landscape: bool = True, fixed: FixedScale | None = None) -> float:
    """The scale the sheet prints at: ``fixed.scale`` for a form at a fixed scale, else the scale Excel
    applies to print ``widths`` one page wide (never above 1)."""
    if fixed is not None:
        return fixed.scale
    return min(1.0, printable(landscape)[0] / sum(column_points(w) for w in widths))


def font_after_fit(widths: list[float], size: float = BODY_FONT, landscape: bool = True,
                   fixed: FixedScale | None = None) -> float:
    return size * fit_scale(widths, landscape, fixed)


@dataclass
class Pager:
    """Tracks how far down the current printed page the sheet has reached (in sheet points)."""

    widths: list[float]
    repeat: float = 0.0  # height of the header rows repeated on every page after the first
    landscape: bool = True
    y: float = 0.0
    breaks: list[int] = field(default_factory=list)
    fixed: FixedScale | None = None

    @functools.cached_property
    def capacity(self) -> float:
        """Sheet points that fit on one printed page (widths, orientation and paper are fixed when made)."""
        paper = self.fixed.paper if self.fixed else A4
        return (printable(self.landscape, paper)[1] - HEADER_FOOTER) / fit_scale(self.widths, self.landscape,
                                                                                self.fixed)

    def keep(self, row: int, heights: list[float]):
        """Before writing ``row``: if the rows ``heights`` (which must stay together) do not fit on the
        rest of this page, start a new page at ``row``."""
        need = sum(heights)
        if self.y > 0 and self.y + need > self.capacity and need <= self.capacity - self.repeat:
            self.breaks.append(row)
            self.y = self.repeat
        self.advance(0)

    def advance(self, height: float, row: int | None = None):
        """Row ``row`` of ``height`` is written; one that does not fit starts the next page, through a
        manual break when ``row`` is given: with every break placed here, the printed pages follow this
        count even where Excel and LibreOffice would break a little later on their own."""
        if self.y + height > self.capacity and self.y > self.repeat:
            if row is not None:
                self.breaks.append(row)
            self.y = self.repeat
        self.y += height

    def new_page(self, row: int):
        self.breaks.append(row)
        self.y = self.repeat
