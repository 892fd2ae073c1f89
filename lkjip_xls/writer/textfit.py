"""Row heights for wrapped text: neither Excel nor LibreOffice fits rows of generated files."""

from __future__ import annotations


LINE_HEIGHT = 12.75  # points per line of 10-pt Calibri


def lines_needed(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped text needs in a column of ``width`` characters (an estimate, on the safe side)."""
    per_line = max(4.0, width * (1.0 if bold else 1.12) - 1)
    text = str(text)
    if len(text) <= per_line and "\n" not in text:
        return 1  # what the loop below finds: the words and their spaces fit on one line
    total = 0
    for para in text.split("\n"):
        words, line, n = para.split(" "), 0, 1
        for word in words:
            need = len(word) + (1 if line else 0)
            if line + need > per_line and line:
                n += 1
                line = len(word)
            else:
                line += need
            while line > per_line:  # a single long word breaks
                n += 1
                line -= per_line
        total += n
    return total


def row_height(cells: list[tuple[str, float, bool]]) -> float | None:
    """Height for a row whose wrapped cells are (text, width, bold); None when one line is enough."""
    lines = max((lines_needed(t, w, b) for t, w, b in cells if t), default=1)
    return None if lines <= 1 else lines * LINE_HEIGHT + 3
