"""Problems found in the inputs, as data (never as exceptions)."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "Kesalahan"
WARNING = "Peringatan"

# exit codes of the command line (README): 0 done, warnings allowed
EXIT_INPUT = 1  # errors in the inputs; no results written
EXIT_USAGE = 2  # wrong command, option or folder
EXIT_WRITE = 3  # the results could not be written (open in Excel, disk full, no permission ...)


@dataclass(frozen=True)
class Issue:
    severity: str  # ERROR or WARNING
    code: str  # stable identifier, e.g. "angka-tidak-valid"
    workbook: str  # file name as the user sees it ("" when about the folder)
    sheet: str
    cell: str  # Excel reference ("C7"), a row ("baris 7"), or ""
    message: str  # what is wrong, in Indonesian
    action: str  # what to do, in Indonesian

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        parts = [p for p in (self.workbook, self.sheet, self.cell) if p]
        return " / ".join(parts) if parts else "(folder data)"

    def render(self) -> str:
        return f"[{self.severity}] {self.location()}: {self.message} {self.action}".strip()


class UserError(Exception):
    """Stops the run; carries a message for the user (Indonesian) and an exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_INPUT):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class FileInUse(UserError):
    """A file to replace is open (in Excel or Word): the user closes it and runs again."""

    def __init__(self, message: str):
        super().__init__(message, EXIT_WRITE)


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Errors first, then warnings; within a severity, in the order found."""
    return sorted(issues, key=lambda i: 0 if i.is_error else 1)


def count(issues: list[Issue]) -> tuple[int, int]:
    errors = sum(1 for i in issues if i.is_error)
    return errors, len(issues) - errors
