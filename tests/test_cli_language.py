"""The whole command line speaks Indonesian, click's own help and usage errors included (issue 10)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from lkjip_xls import cli, i18n

ROOT = Path(__file__).resolve().parents[1]
MO = i18n.LOCALE_DIR / "id" / "LC_MESSAGES" / "messages.mo"
ENGLISH = re.compile(r"Usage|Options|Commands|Show this|Error:|Try '|No such|is not|Invalid value|Missing|"
                     r"\[OPTIONS\]|COMMAND|ARGS|INTEGER|PATH|DIRECTORY|default:|is a file|does not exist|"
                     r"Got unexpected|required\]|version \d|Did you mean|Aborted")


def click_messages() -> set[tuple[str, str | None]]:
    """Every (msgid, plural msgid or None) that the installed click passes to gettext."""
    found = set()
    for f in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if args:
                    found.add((args[0], args[1] if node.func.id == "ngettext" and len(args) > 1 else None))
    return found


def test_catalogue_translates_every_click_message():
    with open(MO, "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    ids = click_messages()
    assert len(ids) > 50
    untranslated = []
    for one, many in ids:
        if many is None:
            if catalogue.gettext(one) == one and one != "file":
                untranslated.append(one)
        elif catalogue.ngettext(one, many, 1) == one or catalogue.ngettext(one, many, 2) == many:
            untranslated.append(one)
    assert untranslated == [], f"click {click.__version__} has messages without Indonesian: {untranslated}"


def test_compiled_catalogue_is_current():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from regenerate import compile_catalogue

    assert MO.read_bytes() == compile_catalogue(), "messages.mo is stale: run python scripts/regenerate.py"


@pytest.mark.parametrize("args", [
    ["--help"], ["proses", "--help"], ["periksa", "--help"], ["templat", "--help"], ["contoh", "--help"],
    ["--version"],
    ["proses", "--bulan", "13"], ["proses", "--bulan", "abc"], ["proses", "--bulan"], ["prose"], ["proses", "--xyz"],
    ["proses", "a", "b"], [],
])
def test_no_english_in_help_or_usage_errors(args):
    r = CliRunner().invoke(cli.main, args, prog_name="lkjip")
    assert not ENGLISH.search(r.output), r.output
    assert r.exit_code in (0, 2), (r.exit_code, r.output)


def test_usage_errors_say_what_to_do():
    r = CliRunner().invoke(cli.main, ["proses", "--bulan", "13"], prog_name="lkjip")
    assert r.exit_code == 2 and "'13' bukan bulan" in r.output and "1 sampai 12 atau nama bulannya" in r.output
    assert "Ketik 'lkjip proses -h' untuk bantuan" in r.output and "<=" not in r.output
    r = CliRunner().invoke(cli.main, ["prose"], prog_name="lkjip")
    assert r.exit_code == 2 and "Maksud Anda 'proses'?" in r.output


def test_a_file_given_as_folder(tmp_path):
    (tmp_path / "Renja.xlsx").write_bytes(b"x")
    for command in ("proses", "periksa", "templat", "contoh"):
        r = CliRunner().invoke(cli.main, [command, str(tmp_path / "Renja.xlsx")])
        assert r.exit_code == 2 and "adalah sebuah file, bukan folder" in r.output, (command, r.output)


@pytest.mark.parametrize("given, month", [("3", 3), ("03", 3), ("Maret", 3), ("maret", 3), ("MAR", 3), ("Agt", 8),
                                          ("Desember", 12), ("Nopember", 11)])
def test_month_by_number_or_name(given, month):
    from lkjip_xls.inputs.schema import month_number

    assert month_number(given) == month
    assert cli.MONTH.convert(given, None, None) == month


@pytest.mark.parametrize("given", ["0", "13", "Maretan", "", "3.5", "tiga"])
def test_not_a_month(given):
    from lkjip_xls.inputs.schema import month_number

    assert month_number(given) is None


def test_month_names_accepted_by_every_command_that_asks(tmp_path):
    for command in ("proses", "laporan", "rekap"):
        r = CliRunner().invoke(cli.main, [command, str(tmp_path / "tidak-ada"), "--bulan", "Maret"], prog_name="lkjip")
        assert "bukan bulan" not in r.output and "tidak ditemukan" in r.output, (command, r.output)


def test_rekap_without_folder_says_which_folder():
    r = CliRunner().invoke(cli.main, ["rekap"], prog_name="lkjip")
    assert r.exit_code == 2 and "Sebutkan folder berisi workbook hasil" in r.output
    assert "Argumen belum diberikan" not in r.output


def test_help_lists_every_command_in_full():
    r = CliRunner().invoke(cli.main, ["--help"], prog_name="lkjip", terminal_width=80)
    listed = r.output.split("Perintah:")[1]
    assert "..." not in listed
    for command in ("contoh", "laporan", "periksa", "proses", "rekap", "siapkan", "templat"):
        assert f"  {command} " in listed
