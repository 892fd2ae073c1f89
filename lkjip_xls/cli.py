"""The ``lkjip`` command: parses options, calls the library, prints messages, picks the exit code.

Exit codes: 0 done (warnings allowed), 1 input errors, 2 usage, 3 the result could not be written.
Everything the user reads is Indonesian, click's own texts included (``i18n``).
"""

from __future__ import annotations

from . import i18n

i18n.install()  # before click builds any help text

import datetime as dt  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from . import __version__  # noqa: E402
from .issues import EXIT_INPUT, EXIT_USAGE, EXIT_WRITE, Issue, UserError  # noqa: E402

MAX_SHOWN = 60
OPTIONS = "[PILIHAN]"

HELP = f"""lkjip-xls {__version__}: menyusun tabel Bab III LKjIP dari lima workbook isian
(Renja, PK, Realisasi, ABK, Sarpras).

\b
Kode keluar: 0 selesai (boleh ada peringatan), 1 ada kesalahan isian,
2 perintah salah, 3 hasil tidak dapat ditulis.
"""


class Commands(click.Group):
    """A mistyped command gets the closest one suggested: "Tidak ada perintah 'prose'. Maksud Anda 'proses'?"."""

    def resolve_command(self, ctx, args):
        import difflib

        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            if close:
                ctx.fail(f"Tidak ada perintah '{name}'. Maksud Anda '{close[0]}'?")
        return super().resolve_command(ctx, args)


class Month(click.ParamType):
    """A month as staff say it: 1-12 or its name ('3', 'Maret', 'mar')."""

    name = "bulan"

    def convert(self, value, param, ctx):
        from .inputs.schema import month_number

        if isinstance(value, int):
            return value
        month = month_number(value)
        if month is None:
            self.fail(f"'{value}' bukan bulan. Tulis angka 1 sampai 12 atau nama bulannya, mis. --bulan 3 atau "
                      "--bulan Maret.", param, ctx)
        return month


MONTH = Month()


class _Status:
    """One line that updates in place while a long run works (only on a terminal: a log or a pipe
    gets the step lines alone)."""

    def __init__(self):
        self.tty = sys.stdout.isatty()
        self.width = 0

    def __call__(self, text: str):
        if self.tty and not _QUIET["out"]:
            text = "      " + text[:90]
            click.echo("\r" + text.ljust(self.width), nl=False)
            self.width = len(text)

    def clear(self):
        if self.tty and self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False)
            self.width = 0


STATUS = _Status()


_QUIET = {"out": False}  # the reader of our output went away (a closed pipe): work on, print nothing more


def _say(text: str = "", err: bool = False):
    if _QUIET["out"]:
        return
    try:
        STATUS.clear()
        click.echo(text, err=err)
    except BrokenPipeError:
        # 'lkjip proses | head': the run must still finish and commit its results; only the printing stops
        _QUIET["out"] = True
        try:
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.dup2(devnull, sys.stderr.fileno())
        except (OSError, ValueError):
            pass


def _command(name: str, folder: Path | None = None) -> str:
    """The command to type again, with the folder the user gave ('lkjip proses "D:\\Data 2025"')."""
    if folder is None:
        return f"lkjip {name}"
    text = str(folder)
    return f'lkjip {name} "{text}"' if any(ch.isspace() for ch in text) else f"lkjip {name} {text}"


def _print_issues(issues: list[Issue], folder: Path | None = None):
    for issue in issues[:MAX_SHOWN]:
        _say(f"  - {issue.render()}")
    if len(issues) > MAX_SHOWN:
        _say(f"  ... dan {len(issues) - MAX_SHOWN} masalah lain (lihat sheet Pemeriksaan atau jalankan "
             f"'{_command('periksa', folder)}').")


def _stop_on_sigterm():
    """A terminated run (closed window, task manager) ends like Ctrl+C: temporaries removed, logged."""
    def handler(signum, frame):
        raise KeyboardInterrupt
    try:
        signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass


def _run(debug: bool, fn):
    """Run ``fn``; turn UserError and anything unexpected into a message and an exit code."""
    from .files import os_error_in, os_problem

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
    except OSError as exc:
        if debug:
            traceback.print_exc()
        _say(f"GAGAL: {os_problem(exc, exc.filename)} Hasil lama tidak diubah.", err=True)
        sys.exit(EXIT_WRITE)
    except Exception as exc:  # noqa: BLE001 - the user never sees a traceback without --debug
        if debug:
            traceback.print_exc()
        inner = os_error_in(exc)
        if inner is not None:  # e.g. a library's own wrapper of a failed write
            _say(f"GAGAL: {os_problem(inner, inner.filename)} Hasil lama tidak diubah.", err=True)
            sys.exit(EXIT_WRITE)
        _say(f"GAGAL: terjadi kesalahan program ({type(exc).__name__}: {exc}). Hasil lama tidak diubah. "
             "Jalankan lagi dengan --debug dan kirim pesannya ke pengelola aplikasi.", err=True)
        sys.exit(EXIT_WRITE)
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a native reader's panic (BaseException) is said too
        if debug:
            traceback.print_exc()
        _say("GAGAL: sebuah file tidak dapat dibaca; kemungkinan file itu rusak. Hasil "
             "lama tidak diubah. Buka-simpan ulang file isian di Excel, lalu jalankan lagi.", err=True)
        sys.exit(EXIT_WRITE)


def _folder(path: Path | None, must_exist: bool = True) -> Path | None:
    """A FOLDER argument: a file given instead is a usage error with its own message."""
    if path is None:
        return None
    if path.exists() and not path.is_dir():
        raise UserError(f"'{path}' adalah sebuah file, bukan folder. Berikan folder yang berisi workbook "
                        "(mis. data), bukan workbook-nya.", EXIT_USAGE)
    if must_exist and not path.exists():
        raise UserError(f"Folder '{path}' tidak ditemukan. Periksa nama folder.", EXIT_USAGE)
    return path


DEBUG = click.option("--debug", is_flag=True, help="Tampilkan detail teknis bila gagal.")
FOLDER = click.argument("folder", type=click.Path(path_type=Path), required=False, metavar="[FOLDER]")
TIMPA = click.option("--timpa", is_flag=True,
                     help="Ganti file yang sudah ada (file lama disimpan dulu di subfolder cadangan).")


@click.group(cls=Commands, help=HELP, context_settings={"help_option_names": ["-h", "--help"]}, options_metavar=OPTIONS,
             subcommand_metavar="PERINTAH [ARGUMEN]...")
@click.version_option(__version__, prog_name="lkjip-xls")
def main():
    pass


def _place(debug: bool, folder: Path | None, default: str, timpa: bool, write, what: str, next_step: str):
    """``templat`` and ``contoh``: write five workbooks into a folder without replacing any (unless
    --timpa, then with backups), and say what was written, kept and backed up."""
    def go():
        where = _folder(folder, must_exist=False) or Path(default)
        placement = write(where, replace=timpa)
        if placement.written:
            _say(f"{what} ditulis ke {where}:")
            for p in placement.written:
                backup = placement.backups.get(p)
                _say(f"  - {p.name}" + (f" (file lama disimpan di {backup})" if backup else ""))
        if placement.skipped:
            _say(f"Dilewati karena sudah ada (isinya tidak diubah): {', '.join(p.name for p in placement.skipped)}.")
            _say("Untuk menggantinya pakai --timpa; file lama akan disimpan dulu di subfolder 'cadangan'.")
        if placement.written:
            _say(next_step.format(folder=where))

    _run(debug, go)


@main.command(options_metavar=OPTIONS, short_help="Menulis lima templat kosong ke folder.",
              help="Menulis lima templat kosong ke FOLDER (bawaan: input_templates). File yang sudah ada "
                   "tidak ditimpa kecuali dengan --timpa.")
@FOLDER
@TIMPA
@DEBUG
def templat(folder: Path | None, timpa: bool, debug: bool):
    from .inputs.templates import write_templates

    _place(debug, folder, "input_templates", timpa, write_templates, "Templat",
           "Salin ke folder data Anda, isi, lalu jalankan 'lkjip periksa FOLDER'.")


@main.command(options_metavar=OPTIONS, short_help="Menulis contoh terisi Kecamatan Bareng 2024.",
              help="Menulis contoh terisi (Kecamatan Bareng 2024) ke FOLDER (bawaan: contoh). File yang sudah "
                   "ada tidak ditimpa kecuali dengan --timpa.")
@FOLDER
@TIMPA
@DEBUG
def contoh(folder: Path | None, timpa: bool, debug: bool):
    from .inputs.example import write_example

    _place(debug, folder, "contoh", timpa, write_example, "Contoh Kecamatan Bareng 2024",
           "Bandingkan dengan templat kosong, atau jalankan 'lkjip proses {folder}'.")


@main.command(options_metavar=OPTIONS, short_help="Menyiapkan Realisasi, ABK, Sarpras dari Renja dan PK.",
              help="Menyiapkan workbook Realisasi, ABK dan Sarpras (serta daftar pilihan di PK) dari Renja dan "
                   "PK di FOLDER (bawaan: ./data). Isian yang sudah ada tetap; workbook yang berubah disimpan dulu "
                   "di subfolder cadangan.")
@FOLDER
@DEBUG
def siapkan(folder: Path | None, debug: bool):
    from .inputs.prepare import prepare

    def go():
        where = _folder(folder) if folder is not None else _folder(Path("data"))
        _say(f"Menyiapkan workbook di {where} dari Renja dan PK ...")
        reports, issues = prepare(where, status=STATUS)
        errors = [i for i in issues if i.is_error]
        if errors and not reports:
            _say(f"Ada {len(errors)} kesalahan; belum ada workbook yang diubah:")
            _print_issues(errors, where)
            _say(f"Perbaiki workbook yang disebut di atas, simpan, lalu jalankan '{_command('siapkan', folder)}' lagi.")
            sys.exit(EXIT_INPUT)
        for r in reports:
            counts = []
            if r.added:
                counts.append(f"{r.added} baris baru")
            if r.kept:
                counts.append(f"{r.kept} baris tetap")
            if r.moved:
                counts.append(f"{r.moved} baris dipindah ke 'Baris Tidak Terpakai'")
            detail = (": " + ", ".join(counts)) if counts and r.action != "tidak berubah" else ""
            note = f" ({r.note})" if r.note else ""
            backup = f"\n      file lama disimpan di {r.backup}" if r.backup else ""
            _say(f"  - {r.workbook}: {r.action}{note}{detail}{backup}")
        if issues:
            _say(f"{len(errors)} kesalahan, {len(issues) - len(errors)} peringatan:")
            _print_issues(issues, where)
        _say(f"Selesai. Isi realisasi bulan ini di Realisasi.xlsx (sel kuning), lalu jalankan "
             f"'{_command('proses', folder)}'.")
        if errors:
            sys.exit(EXIT_INPUT)

    _run(debug, go)


@main.command(options_metavar=OPTIONS, short_help="Mengisi realisasi anggaran dari ekspor SIPD.",
              help="Mengisi realisasi anggaran per bulan di Realisasi.xlsx (sheet Anggaran) dari file ekspor SIPD "
                   "(xlsx, xls atau csv; realisasi kumulatif). Hanya sel bulan yang kosong yang diisi; workbook "
                   "lama disimpan dulu di subfolder cadangan. FOLDER data terakhir (bawaan: ./data).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="EKSPOR... [FOLDER]")
@click.option("--bulan", type=MONTH, default=None, metavar="BULAN",
              help="Bulan ekspor bila tidak tertulis di file atau namanya (hanya untuk satu file).")
@click.option("--timpa", is_flag=True,
              help="Ganti angka bulan yang sudah diketik tetapi berbeda dengan SIPD (workbook lama disimpan dulu di "
                   "subfolder cadangan).")
@DEBUG
def impor(paths: tuple[Path, ...], bulan: int | None, timpa: bool, debug: bool):
    from .inputs.sipd import import_exports

    def go():
        items = list(paths)
        folder = items.pop() if items and items[-1].is_dir() else Path("data")
        if not items:
            raise UserError("Sebutkan file ekspor SIPD, mis. 'lkjip impor realisasi_maret.xlsx data' (boleh beberapa "
                            "file sekaligus, satu per bulan).", EXIT_USAGE)
        for p in items:
            if not p.is_file():
                raise UserError(f"File ekspor '{p}' tidak ditemukan.", EXIT_USAGE)
        where = _folder(folder)
        _say(f"Mengimpor {len(items)} ekspor SIPD ke {where} ...")
        report = import_exports(items, where, bulan, replace=timpa)
        for e in report.exports:
            _say(f"  - {e.path.name}: bulan {_month_name(e.month)}, {len(e.subs)} sub kegiatan (judul kolom di baris "
                 f"{e.header_row})")
        if report.issues:
            errors = sum(1 for i in report.issues if i.is_error)
            _say(f"{errors} kesalahan, {len(report.issues) - errors} peringatan:")
            _print_issues(report.issues, where)
        failed = any(i.is_error for i in report.issues)
        if failed:  # nothing was written: no month line may say otherwise
            _say("Karena ada kesalahan di atas, tidak ada sel yang diisi; workbook tidak diubah. Perbaiki, lalu "
                 "impor lagi.")
            sys.exit(EXIT_INPUT)
        for f in report.filled.values():
            done = (f"{f.count} sel diisi, Rp{_rp(f.amount)}" if report.written and f.count else
                    "tidak ada sel kosong yang perlu diisi")
            _say(f"  {_month_name(f.month)}: {done}; realisasi s.d. {_month_name(f.month)} "
                 f"di workbook Rp{_rp(f.workbook_total)}, di SIPD Rp{_rp(f.export_total)}"
                 + ("" if f.workbook_total == f.export_total else " (BERBEDA: lihat peringatan di atas)"))
        if report.written:
            if report.pagu_filled:
                _say(f"  Pagu Murni: {report.pagu_filled} sel diisi dari ekspor.")
            _say(f"Selesai. {report.workbook} diperbarui; file lama disimpan di {report.backup}.")
            _say(f"Periksa sheet Anggaran, lalu jalankan '{_command('proses', folder if paths else None)}'.")
        else:
            _say("Workbook tidak diubah: tidak ada sel kosong yang dapat diisi" +
                 (" (lihat peringatan di atas)." if report.issues else "; bulan ekspor itu sudah terisi."))

    _run(debug, go)


def _month_name(month: int) -> str:
    from .inputs.schema import BULAN

    return BULAN[month - 1]


def _rp(value) -> str:
    from .inputs.numbers import fmt_id

    return fmt_id(int(value))


EXAMPLE_OUTPUT = "contoh"  # the bundled example's results go to output/contoh, never beside an office's

EXAMPLE_NOTICE = """\
========================================================================
PERHATIAN: folder ./data tidak ada, jadi yang diproses adalah CONTOH
BAWAAN (Kecamatan Bareng 2024), BUKAN data Anda.{hasil}
Untuk memproses data sendiri: buat folder 'data' berisi lima workbook
Anda (Renja, PK, Realisasi, ABK, Sarpras), atau sebutkan foldernya,
mis. 'lkjip {command} D:\\LKjIP\\data'.
========================================================================"""


def _data_folder(folder: Path | None, command: str, out_dir: Path | None = None):
    """FOLDER given, else ./data when present, else the bundled example (said unmistakably, and its
    results kept apart in ``output/contoh``). Returns (folder, output folder, folder to name in hints)."""
    if folder is not None:
        return _folder(folder), out_dir, folder
    if Path("data").is_dir():
        _say("Memakai folder ./data.")
        return Path("data"), out_dir, None
    from .inputs.example import packaged_workbooks

    out = None if out_dir is None else out_dir / EXAMPLE_OUTPUT
    hasil = "" if out_dir is None else f" Hasilnya ditulis ke\n{out}, terpisah dari hasil OPD Anda."
    _say(EXAMPLE_NOTICE.format(hasil=hasil, command=command))
    return packaged_workbooks(), out, None


@main.command(options_metavar=OPTIONS, short_help="Memeriksa isian dan menampilkan semua masalah.", help="Memeriksa isian di FOLDER dan menampilkan semua masalah.")
@FOLDER
@DEBUG
def periksa(folder: Path | None, debug: bool):
    from .api import analyse

    def go():
        where, _, named = _data_folder(folder, "periksa")
        _say(f"Memeriksa {where} ...")
        result = analyse(where, progress=lambda line: _say(f"  - {line}"), status=STATUS)
        if result.issues:
            _say(f"Ditemukan {result.errors} kesalahan dan {result.warnings} peringatan:")
            _print_issues(result.issues, named)
        else:
            _say(f"Tidak ada masalah. Isian siap diproses dengan '{_command('proses', named)}'.")
        if result.errors:
            _say(f"Perbaiki kesalahan di atas, simpan workbook, lalu jalankan '{_command('periksa', named)}' lagi.")
            sys.exit(EXIT_INPUT)
        if result.period:
            _say(f"Data terakhir: bulan {result.period.label[5:]}.")
        _say_mandiri(result.mandiri)

    _run(debug, go)


def _say_mandiri(assessments: list):
    """The Evaluasi Mandiri after the input problems: the count, then each criterion not met (Belum first)."""
    from .kinerja import mandiri as E

    if not assessments:
        return
    _say(f"Evaluasi mandiri (kriteria LKE yang dapat dinilai dari isian): {E.counted(E.counts(assessments))}.")
    for status in (E.BELUM, E.SEBAGIAN):
        for a in (a for a in assessments if a.status == status):
            _say(f"  [{status}] {a.criterion.kriteria}: {a.finding.evidence}. {a.criterion.tindakan}")
    if any(a.status != E.TERPENUHI for a in assessments):
        _say("Rinciannya ada di sheet Evaluasi Mandiri workbook hasil.")


@main.command(options_metavar=OPTIONS, short_help="Menulis workbook hasil bulanan dan draf email.",
              help="Memproses FOLDER (bawaan: ./data, atau contoh bawaan) dan menulis workbook hasil ke output/.")
@FOLDER
@click.option("--bulan", type=MONTH, default=None, metavar="BULAN",
              help="Bulan laporan: 1-12 atau nama bulan, mis. 3 atau Maret (bawaan: bulan terakhir yang ada datanya).")
@click.option("--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"), metavar="FOLDER",
              show_default=True, help="Folder hasil.")
@DEBUG
def proses(folder: Path | None, bulan: int | None, out_dir: Path, debug: bool):
    from .run import process

    def go():
        _stop_on_sigterm()
        where, out, named = _data_folder(folder, "proses", out_dir)
        outcome = process(where, bulan, out, today=dt.date.today(), progress=_say, status=STATUS)
        if outcome.result.issues:
            _say(f"{outcome.result.errors} kesalahan, {outcome.result.warnings} peringatan:")
            _print_issues(outcome.result.issues, named)
        if outcome.path is None:
            _say("Workbook hasil TIDAK ditulis karena ada kesalahan isian. Hasil lama tidak diubah. "
                 "Perbaiki kesalahan di atas lalu jalankan lagi.")
            sys.exit(EXIT_INPUT)
        _say(f"Selesai. Hasil: {outcome.path}")
        if outcome.email:
            _say(f"Draf email untuk Bappeda: {outcome.email}")
        _say(f"Kesalahan: {outcome.result.errors}, peringatan: {outcome.result.warnings}.")
        if folder is None and where != Path("data"):
            _say("Ingat: ini hasil CONTOH BAWAAN, bukan data Anda (lihat PERHATIAN di atas).")

    _run(debug, go)


@main.command(options_metavar=OPTIONS, short_help="Menyusun draf laporan LKjIP (Word).",
              help="Menyusun draf laporan LKjIP (Word) dari FOLDER (bawaan: ./data, atau contoh bawaan): "
                   "semua tabel Bab II-III dengan kalimat yang angkanya diambil dari tabel, serta Bab IV. "
                   "Ditulis ke output/LKjIP_<OPD>_<tahun>.docx.")
@FOLDER
@click.option("--bulan", type=MONTH, default=None, metavar="BULAN",
              help="Data s.d. bulan: 1-12 atau nama bulan (bawaan: bulan terakhir yang ada datanya; Desember "
                   "untuk laporan tahunan).")
@click.option("--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"), metavar="FOLDER",
              show_default=True, help="Folder hasil.")
@click.option("--naskah", "starter", is_flag=True,
              help="Menulis naskah_laporan.docx ke folder data: semua judul bagian draf, tempat staf menulis "
                   "teks sendiri (latar belakang, tugas dan fungsi, isu strategis, ...) sekali saja. Naskah yang "
                   "sudah ada tidak ditimpa.")
@DEBUG
def laporan(folder: Path | None, bulan: int | None, out_dir: Path, starter: bool, debug: bool):
    from .run import draft_report, write_naskah

    def go():
        _stop_on_sigterm()
        where, out, named = _data_folder(folder, "laporan", out_dir)
        if starter:
            # into the data folder; for the bundled example (not the user's) into the output folder
            own = folder is not None or where == Path("data")
            outcome = write_naskah(where, where if own else out, progress=_say, status=STATUS)
            if outcome.path is None:
                _print_issues(outcome.result.issues, named)
                _say("Naskah TIDAK ditulis karena ada kesalahan isian. Perbaiki kesalahan di atas lalu jalankan lagi.")
                sys.exit(EXIT_INPUT)
            _say(f"Selesai. Naskah: {outcome.path}")
            if own:
                _say("Buka di Word dan tulis teks di bawah judul-judulnya (ganti petunjuk berlatar kuning). Setiap "
                     f"'{_command('laporan', named)}' berikutnya membawa teks itu ke draf.")
            else:
                _say("Ini naskah kosong dengan judul-judul draf CONTOH BAWAAN, untuk dilihat. Untuk data Anda, "
                     "jalankan 'lkjip laporan FOLDER --naskah' dengan folder data Anda; naskahnya ditulis ke sana.")
            return
        outcome = draft_report(where, bulan, out, progress=_say, status=STATUS)
        if outcome.result.issues:
            _say(f"{outcome.result.errors} kesalahan, {outcome.result.warnings} peringatan:")
            _print_issues(outcome.result.issues, named)
        if outcome.path is None:
            _say("Laporan Word TIDAK ditulis karena ada kesalahan isian. Laporan lama tidak diubah. "
                 "Perbaiki kesalahan di atas lalu jalankan lagi.")
            sys.exit(EXIT_INPUT)
        _say(f"Selesai. Draf laporan: {outcome.path}")
        _say("Buka di Word, lengkapi bagian berlatar kuning, lalu periksa kalimatnya sebelum dikirim. Kalimat "
             "dapat diubah di kalimat_laporan.toml di folder data (lihat README).")
        _say(f"Kesalahan: {outcome.result.errors}, peringatan: {outcome.result.warnings}.")
        if folder is None and where != Path("data"):
            _say("Ingat: ini draf dari CONTOH BAWAAN, bukan data Anda (lihat PERHATIAN di atas).")

    _run(debug, go)


@main.command(options_metavar=OPTIONS, short_help="Bappeda: merekap workbook hasil semua OPD.",
              help="Untuk Bappeda: merekap semua workbook hasil OPD di FOLDER (termasuk subfolder) menjadi satu "
                   "workbook Rekap_<Kabupaten>_<tahun>_<bulan>.xlsx: Rekap per OPD, Belum Lapor dan Masalah "
                   "(file rusak, duplikat, tahun lain, angka diubah manual).")
@click.argument("folder", type=click.Path(path_type=Path), metavar="FOLDER", required=False)
@click.option("--bulan", type=MONTH, default=None, metavar="BULAN",
              help="Rekap s.d. bulan: 1-12 atau nama bulan (bawaan: bulan terakhir yang ada di file).")
@click.option("--daftar", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Daftar nama OPD yang wajib melapor (.xlsx atau .csv, satu nama per baris).")
@click.option("--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"), metavar="FOLDER",
              show_default=True, help="Folder hasil.")
@DEBUG
def rekap(folder: Path | None, bulan: int | None, daftar: Path | None, out_dir: Path, debug: bool):
    from .run import write_rekap

    def go():
        _stop_on_sigterm()
        if folder is None:
            raise UserError("Sebutkan folder berisi workbook hasil yang dikirim OPD, mis. "
                            "'lkjip rekap D:\\Lampiran\\2024' (boleh bersubfolder).", EXIT_USAGE)
        where = _folder(folder)
        result, path = write_rekap(where, bulan, out_dir, daftar, progress=_say, status=STATUS)
        _say(f"Selesai. Rekap: {path}")
        if result.missing:
            _say(f"Belum lapor: {len(result.missing)} OPD (lihat sheet Belum Lapor).")
        if result.problems:
            files = len({p.file for p in result.problems})
            _say(f"Masalah: {len(result.problems)} masalah di {files} file (lihat sheet Masalah):")
            for p in result.problems[:MAX_SHOWN]:
                _say(f"  - {p.file}: {p.masalah}")
            if len(result.problems) > MAX_SHOWN:
                _say(f"  ... dan {len(result.problems) - MAX_SHOWN} lainnya.")

    _run(debug, go)


if __name__ == "__main__":  # pragma: no cover
    main()
