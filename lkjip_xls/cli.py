"""The ``lkjip`` command: parses options, calls the library, prints messages, picks the exit code.

Exit codes: 0 done (warnings allowed), 1 input errors, 2 usage, 3 the result
could not be written.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .issues import Issue, UserError

EXIT_INPUT, EXIT_WRITE = 1, 3  # 0 done, 2 usage (click's own code for bad options)
MAX_SHOWN = 60

HELP = f"""lkjip-xls {__version__}: menyusun tabel Bab III LKjIP dari lima workbook isian
(Renja, PK, Realisasi, ABK, Sarpras).

\b
Kode keluar: 0 selesai (boleh ada peringatan), 1 ada kesalahan isian,
2 perintah salah, 3 hasil tidak dapat ditulis.
"""


def _say(text: str = "", err: bool = False):
    click.echo(text, err=err)


def _print_issues(issues: list[Issue]):
    for issue in issues[:MAX_SHOWN]:
        _say(f"  - {issue.render()}")
    if len(issues) > MAX_SHOWN:
        _say(f"  ... dan {len(issues) - MAX_SHOWN} masalah lain (lihat sheet Pemeriksaan atau jalankan 'lkjip periksa').")


def _run(debug: bool, fn):
    """Run ``fn``; turn UserError and anything unexpected into a message and an exit code."""
    try:
        return fn()
    except UserError as exc:
        _say(f"GAGAL: {exc.message}", err=True)
        if debug:
            traceback.print_exc()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _say("Dibatalkan. Hasil lama tidak diubah.", err=True)
        sys.exit(EXIT_WRITE)
    except Exception as exc:  # noqa: BLE001 - the user never sees a traceback without --debug
        if debug:
            traceback.print_exc()
        _say(f"GAGAL: terjadi kesalahan program ({type(exc).__name__}: {exc}). Hasil lama tidak diubah. "
             "Jalankan lagi dengan --debug dan kirim pesannya ke pengelola aplikasi.", err=True)
        sys.exit(EXIT_WRITE)


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lkjip-xls")
def main():
    pass


@main.command(help="Menulis lima templat kosong ke folder FOLDER (bawaan: input_templates).")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("input_templates"))
@click.option("--debug", is_flag=True, help="Tampilkan detail teknis bila gagal.")
def templat(folder: Path, debug: bool):
    from .templates import write_templates

    def go():
        paths = write_templates(folder)
        _say(f"Lima templat ditulis ke {folder}:")
        for p in paths:
            _say(f"  - {p.name}")
        _say("Salin ke folder data Anda, isi, lalu jalankan 'lkjip periksa FOLDER'.")

    _run(debug, go)


@main.command(help="Menulis contoh terisi (Kecamatan Bareng 2024) ke folder FOLDER (bawaan: contoh).")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("contoh"))
@click.option("--debug", is_flag=True, help="Tampilkan detail teknis bila gagal.")
def contoh(folder: Path, debug: bool):
    from .example import write_example

    def go():
        paths = write_example(folder)
        _say(f"Contoh Kecamatan Bareng 2024 ditulis ke {folder}:")
        for p in paths:
            _say(f"  - {p.name}")
        _say(f"Bandingkan dengan templat kosong, atau jalankan 'lkjip proses {folder}'.")

    _run(debug, go)


@contextmanager
def _data_folder(folder: Path | None):
    """FOLDER given, else ./data when present, else the bundled example in a temporary folder.

    Yields (folder, notice); a temporary folder is removed afterwards."""
    if folder is not None:
        yield folder, None
    elif Path("data").is_dir():
        yield Path("data"), "Memakai folder ./data."
    else:
        from .example import packaged_workbooks

        yield packaged_workbooks(), ("Folder ./data tidak ada: memakai contoh bawaan Kecamatan Bareng 2024. "
                                     "Buat folder 'data' berisi lima workbook Anda untuk memproses data sendiri.")


@main.command(help="Memeriksa isian di FOLDER dan menampilkan semua masalah.")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--debug", is_flag=True, help="Tampilkan detail teknis bila gagal.")
def periksa(folder: Path | None, debug: bool):
    from .api import analyse

    def go():
        with _data_folder(folder) as (where, notice):
            if notice:
                _say(notice)
            _say(f"Memeriksa {where} ...")
            result = analyse(where)
        if result.issues:
            _say(f"Ditemukan {result.errors} kesalahan dan {result.warnings} peringatan:")
            _print_issues(result.issues)
        else:
            _say("Tidak ada masalah. Isian siap diproses dengan 'lkjip proses'.")
        if result.errors:
            _say("Perbaiki kesalahan di atas, simpan workbook, lalu jalankan 'lkjip periksa' lagi.")
            sys.exit(EXIT_INPUT)
        if result.period:
            _say(f"Data terakhir: bulan {result.period.label[5:]}.")

    _run(debug, go)


@main.command(help="Memproses FOLDER (bawaan: ./data, atau contoh bawaan) dan menulis workbook hasil ke output/.")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--bulan", type=click.IntRange(1, 12), default=None,
              help="Bulan laporan 1-12 (bawaan: bulan terakhir yang ada datanya).")
@click.option("--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder hasil.")
@click.option("--debug", is_flag=True, help="Tampilkan detail teknis bila gagal.")
def proses(folder: Path | None, bulan: int | None, out_dir: Path, debug: bool):
    from .run import process

    def go():
        with _data_folder(folder) as (where, notice):
            if notice:
                _say(notice)
            outcome = process(where, bulan, out_dir, today=dt.date.today(), progress=_say)
        if outcome.result.issues:
            _say(f"{outcome.result.errors} kesalahan, {outcome.result.warnings} peringatan:")
            _print_issues(outcome.result.issues)
        if outcome.path is None:
            _say("Workbook hasil TIDAK ditulis karena ada kesalahan isian. Hasil lama tidak diubah. "
                 "Perbaiki kesalahan di atas lalu jalankan lagi.")
            sys.exit(EXIT_INPUT)
        _say(f"Selesai. Hasil: {outcome.path}")
        if outcome.email:
            _say(f"Draf email untuk Bappeda: {outcome.email}")
        _say(f"Kesalahan: {outcome.result.errors}, peringatan: {outcome.result.warnings}.")

    _run(debug, go)


if __name__ == "__main__":  # pragma: no cover
    main()
