"""``lkjip laporan``: the Word draft, read back with python-docx.

Every number in a drafted paragraph must be the text of the table cell it was taken from, found in
the Word table under that table's caption; every comparison word must be what its rule says for the
figures; the wording itself carries no digits. Checked on the bundled example, on our dinas
(negative polarity, two IKU in one sasaran, no staff notes) and on a generated third office.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from fixtures import pdf_pages, set_cells, snapshot, to_pdf
from offices import B1, B2, IKU_ADUAN, IKU_KIP, IKU_SPBE, badan, kominfo, write_office

from lkjip_xls.api import analyse
from lkjip_xls.cli import main
from lkjip_xls.issues import UserError
from lkjip_xls.report import draft_report, report_bytes, wording
from lkjip_xls.report.model import Cell, Count, Fact, Heading, Ordinal, Paragraph, TableBlock, Text, Word
from lkjip_xls.report.word import header_rows

NUMBER = re.compile(r"\d[\d.,]*\d|\d")
ROOT = Path(__file__).resolve().parents[1]


# reading the document back -----------------------------------------------------------------------

def body(document) -> list:
    out = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(DocxParagraph(child, document))
        elif tag == "tbl":
            out.append(DocxTable(child, document))
    return out


def tables_by_caption(document) -> dict[str, DocxTable]:
    """Each Word table under its caption's number ("Tabel 3.1 ..." -> "3.1")."""
    found, caption = {}, None
    for item in body(document):
        if isinstance(item, DocxParagraph):
            m = re.match(r"Tabel ((?:\d+|L)\.\d+) ", item.text)
            if m and item.style.name == "Judul Tabel":
                caption = m.group(1)
        elif caption:
            found[caption] = item
            caption = None
    return found


def cell_text(table: DocxTable, row: int, col: int) -> str:
    return table.rows[row].cells[col].text


def value_of(result, cell: Cell):
    return result.tables[cell.table].frame.iloc[cell.row][cell.col]


def expected_word(rule: str, values: list):
    """The comparison word the spec asks for, worked out here (not by the program's rules): R12 for the
    classification (> 100 melampaui, = 100 sesuai, < 100 tidak mencapai), and plain order for the
    change from last year and for the comparison with another level."""
    a = values[0]
    if a is None or isinstance(a, str):
        return None
    if rule == "klasifikasi":
        return "melampaui" if a > 100 else "sesuai" if a == 100 else "tidak_mencapai"
    b = values[1]
    if b is None or isinstance(b, str):
        return None
    if rule == "direction":
        return "naik" if a > b else "turun" if a < b else "tetap"
    return "lebih_tinggi" if a > b else "lebih_rendah" if a < b else "sama"


def check_word(result, word: Word, words: wording.Wording):
    """The word's key is what the spec's rule answers for the cells it names."""
    values = [value_of(result, c) for c in word.inputs]
    assert expected_word(word.rule, values) == word.key, (word, values)
    assert word.text == words.kata(word.key)


def check_document(result, data: bytes, folder: Path | None = None):
    """The whole draft against its tables (the checks that fail the command's tests, not the user)."""
    report = draft_report(result, folder)
    words = wording.load(folder)
    document = docx.Document(io.BytesIO(data))
    tables = tables_by_caption(document)
    expected = {b.number for b in report.blocks if isinstance(b, TableBlock) and b.number}
    assert expected <= set(tables), expected - set(tables)
    paragraphs = [p for p in body(document) if isinstance(p, DocxParagraph)]
    d = result.data
    facts = {str(d.tahun - k) for k in range(3)} | {
        n for v in [*d.identitas.values(), d.settings.scale.name] for n in NUMBER.findall(str(v or ""))}
    cursor = 0
    drafted = [b for b in report.blocks if isinstance(b, Paragraph) and b.parts]
    for block in drafted:
        # the paragraph is in the document, in order, word for word
        while cursor < len(paragraphs) and paragraphs[cursor].text != block.text:
            cursor += 1
        assert cursor < len(paragraphs), f"paragraph not found in the document: {block.text}"
        found = paragraphs[cursor]
        allowed: set[str] = set()
        for part in block.parts:
            if isinstance(part, Text):
                assert not re.search(r"\d", part.text), f"a digit in the wording: {part.text!r}"
            elif isinstance(part, Cell):
                key = part.table
                table = result.tables[key]
                docx_table = tables[key]
                row = header_rows(table) + part.row
                col = [c.key for c in table.columns].index(part.col)
                shown = cell_text(docx_table, row, col)
                assert (shown.lstrip("-") if part.magnitude else shown) == part.text, (key, part, block.text)
                allowed.update(NUMBER.findall(part.text))
            elif isinstance(part, Count):
                t = result.tables[part.table]
                rows = t.frame[t.frame["kind"].isin(part.kinds)]
                if part.column:
                    rows = rows[rows[part.column].notna()]
                    if part.equals is not None:
                        rows = rows[rows[part.column] == part.equals]
                assert len(rows) == part.value, part
                allowed.add(part.text)
            elif isinstance(part, Word):
                check_word(result, part, words)
            elif isinstance(part, Ordinal):
                assert 1 <= part.value <= len(drafted)
                allowed.add(part.text)
            elif isinstance(part, Fact):  # only the office's own facts may hold digits: never a figure
                assert set(NUMBER.findall(part.text)) <= facts, part
                allowed.update(NUMBER.findall(part.text))
            else:  # staff's own text, verbatim
                allowed.update(NUMBER.findall(part.text))
        for claim in block.claims:
            check_word(result, claim, words)
        # every number the reader sees outside staff's text is one of those figures
        for run in found.runs:
            if run.style.name == "Isian Staf":
                continue
            for number in NUMBER.findall(run.text):  # the whole number, never digits inside another
                assert number in allowed, (number, block.text)
    return report, document


def full_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


# the bundled example -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(result12):
    data = report_bytes(result12)
    report, document = check_document(result12, data)
    return result12, report, document, data


def test_example_has_every_table_with_its_caption(example):
    result, report, document, _ = example
    captions = [p.text for p in document.paragraphs if p.style.name == "Judul Tabel"]
    for key in ["2.1", "2.2", "2.3", "2.4"] + [f"3.{i}" for i in range(1, 21)]:
        assert any(c.startswith(f"Tabel {key} ") for c in captions), key
    # no table twice: the SAKIP components are Tabel 3.19 only (BAB I points to it)
    titles = [c.split(" ", 2)[2] for c in captions if re.match(r"Tabel \d", c)]  # the Lampiran is the PK itself
    assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
    assert not any(c.startswith("Tabel 1.1 ") for c in captions)
    assert any("Tabel Penilaian Komponen AKIP" in p.text for p in document.paragraphs)
    numbered = [b for b in report.blocks if isinstance(b, TableBlock)]
    # every table is a figure table, but the borderless one that sets the PK's two signatures side by side
    signing = [t for t in document.tables if "PIHAK KEDUA," in t.cell(0, 0).text]
    assert len(signing) == 1 and "PIHAK PERTAMA," in signing[0].cell(0, 1).text
    figures = [t for t in document.tables if t._tbl is not signing[0]._tbl]
    parts = [p.text for p in document.paragraphs if p.style.name == "Judul Tabel Lanjutan"]
    assert parts and all("(lanjutan, bagian" in p for p in parts)  # E.81: the same table continued
    assert len(figures) == len(numbered) + len(parts)
    # header rows repeat on every page
    for table in figures:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def test_sources_name_documents_and_a_figure_reads_the_same_everywhere(example):
    """Issue 30: a table's 'Sumber:' names the document a reader can ask for (LHE, Renja, survey report),
    never the program's own sheets; IKPP reads 8,160 in the text and in its Lampiran (the IKU's decimals)."""
    result, report, document, _ = example
    for block in report.blocks:
        if isinstance(block, TableBlock) and block.table.source:
            src = block.table.source
            assert "›" not in src and "sheet" not in src.lower() and "workbook" not in src.lower(), src
    ikpp = next(b for b in report.blocks if isinstance(b, TableBlock) and b.table is result.ikpp)
    last = tables_by_caption(document)[ikpp.number].rows[-1]
    assert last.cells[-1].text == "8,160", last.cells[-1].text
    assert "terealisasi 8,160" in full_text(document)


def test_example_figures_are_the_corrected_ones(example):
    _, _, document, _ = example
    text = full_text(document)
    assert "tingkat efisiensi anggaran 10,39%" in text  # the report's text said 10,89 (and its table 1,39)
    assert "rata-rata capaian IKU 100,21%" in text  # BAB IV said 101,4
    assert "Rp2.876.885.603" in text  # the PK total the report printed as 2.580.595.912
    assert "101,4%" not in text and "2.580.595.912" not in text
    akip = [p for p in text.splitlines() if "Nilai Evaluasi AKIP" in p and "99,04%" in p]
    assert akip and all("tidak mencapai target" in p and "melampaui" not in p for p in akip)
    assert "1 IKU melampaui target, 0 IKU sesuai target dan 1 IKU tidak mencapai target" in text
    assert "ditargetkan 8,050 dan terealisasi 8,160" in text  # BAB IV swapped them; R1a: IKPP has 6,719 typed
    assert "sebesar 73,59 dibanding target akhir Renstra" in text  # 3.6 printed 71,59
    assert "tersedia 8 pegawai (36,36%)" in text  # 3.15 printed 9
    assert "efisiensi SDM adalah 63,93%" in text  # 3.16 printed 65,21
    scale = [t for t in document.tables if t.rows[0].cells[1].text == "Capaian Kinerja (%)"]
    assert [r.cells[1].text for r in scale[0].rows[1:]] == ["> 110", "> 90 – 110", "> 70 – 90", "> 50 – 70", "≤ 50"]


def test_example_quotes_staff_text_verbatim_and_marks_what_is_missing(example, result12):
    _, report, document, _ = example
    staff = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Isian Staf"]
    assert "Keterbatasan personel, anggaran dan infrastruktur pendukung pelayanan." in staff
    todo = [p.text for p in document.paragraphs if any(r.font.highlight_color for r in p.runs)]
    assert any(t.startswith("[Tuliskan latar belakang") for t in todo)
    # every IKU has its three notes in the example, so no IKU placeholder
    assert not any("[Tuliskan faktor pendorong" in t for t in todo)


def test_wording_has_no_digits_of_its_own():
    assert wording.digits_in_defaults() == []


# a dinas of our own and a generated third office -------------------------------------------------

@pytest.fixture(scope="module")
def dinas(tmp_path_factory):
    folder = write_office(tmp_path_factory.mktemp("kominfo") / "data", kominfo())
    result = analyse(folder, 12)
    assert result.ok
    data = report_bytes(result)
    report, document = check_document(result, data)
    return result, report, document


def test_dinas_negative_polarity_and_two_iku_in_one_sasaran(dinas):
    result, report, document = dinas
    text = full_text(document)
    aduan = next(p for p in text.splitlines() if p.startswith("2. Indikator " + IKU_ADUAN))
    assert "berpolaritas negatif" in aduan and "capaiannya 120,00%" in aduan and "melampaui target" in aduan
    spbe = next(p for p in text.splitlines() if p.startswith("3. Indikator " + IKU_SPBE))
    assert "capaiannya 95,00%" in spbe and "tidak mencapai target" in spbe
    assert next(p for p in text.splitlines() if p.startswith("1. Indikator " + IKU_KIP))
    # 3.12: one sentence per sasaran, the two-IKU sasaran with its own capaian (112,00) and budget
    sasaran = [p for p in text.splitlines() if p.startswith(("1. Sasaran", "2. Sasaran", "3. Sasaran"))
               and "didukung anggaran" in p]
    assert len(sasaran) == 2
    assert "capaian kinerja 112,00% didukung anggaran Rp1.450.000.000" in sasaran[0]
    assert "Rata-rata capaian 3 IKU adalah 106,33%" in text
    # no staff notes: each IKU gets its three placeholders
    todo = [p.text for p in document.paragraphs if any(r.font.highlight_color for r in p.runs)]
    assert sum(t.startswith("[Tuliskan faktor pendorong capaian") for t in todo) == 3
    assert "3.19" not in result.tables and "Tabel 3.19" not in text


def test_dinas_lists_exactly_the_indicators_below_target(dinas):
    result, report, _ = dinas
    t = result.tables["3.3"]
    below = {t.frame.iloc[i]["indikator"] for i in range(len(t.frame))
             if isinstance(t.frame.iloc[i]["capaian"], Decimal) and t.frame.iloc[i]["capaian"] < 100}
    listed = {b.parts[0].text for b in report.blocks if isinstance(b, Paragraph) and b.claims
              and b.claims[0].key == "tidak_mencapai"}
    assert below and listed == below


def test_badan_with_a_program_under_two_sasaran_drafts(tmp_path):
    folder = write_office(tmp_path / "badan", badan())
    result = analyse(folder, 12)
    assert result.ok
    _, document = check_document(result, report_bytes(result))
    text = full_text(document)
    assert "Rp3.200.000.000" in text and "Rp4.000.000.000" not in text  # R5a: every program once in the total
    assert B1 in text and B2 in text


def test_generated_third_office_drafts(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import large_office

    folder = large_office.write(tmp_path / "dinkes", programs=2, kegiatan=2, sub=2)
    result = analyse(folder, 12)
    assert result.ok
    check_document(result, report_bytes(result))


def test_months_without_realisasi_say_so(example_dir):
    result = analyse(example_dir, 3)
    assert result.ok
    report, document = check_document(result, report_bytes(result))
    text = full_text(document)
    assert "belum memiliki realisasi s.d. Maret 2024" in text  # the IKU are reported in August and December
    assert any(isinstance(b, Heading) for b in report.blocks)


# wording an office can change --------------------------------------------------------------------

def test_office_wording_replaces_one_sentence(example_copy):
    (example_copy / "kalimat_laporan.toml").write_text(
        '[bab4]\nbutir = "{nomor}. {indikator}: target {target}, realisasi {realisasi}, capaian {capaian}% '
        '({klasifikasi})."\n', encoding="utf-8")
    result = analyse(example_copy, 12)
    data = report_bytes(result, example_copy)
    _, document = check_document(result, data, example_copy)
    text = full_text(document)
    assert "2. Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Bareng: target 8,050, realisasi 8,160, capaian " \
           "101,37% (melampaui target)." in text
    assert "Rata-rata capaian 2 IKU adalah 100,21%" in text  # the other sentences are the bundled ones


@pytest.mark.parametrize("content, expected", [
    ('[bab3]\niku = "{nomor}. {indikator} {angka}"\n', "isian {angka} tidak dikenal"),
    ('[bab3]\niku = "{nomor}. {indikator} naik 10 persen"\n', "memuat angka '10'"),
    ('[bab3]\nikuu = "x"\n', "Maksud Anda 'bab3.iku'?"),
    ('[bab3]\niku = "tanpa tutup\n', "tidak dapat dibaca"),
    ('[bab3]\niku = "{nomor:>3}"\n', "bukan isian yang dikenal"),
])
def test_bad_office_wording_is_refused_with_its_place(tmp_path, content, expected):
    (tmp_path / "kalimat_laporan.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as exc:
        wording.load(tmp_path)
    assert "kalimat_laporan.toml" in exc.value.message and expected in exc.value.message


def test_office_template_keeps_its_kop(example_copy, result12):
    kop = docx.Document()
    kop.add_paragraph("PEMERINTAH KABUPATEN JOMBANG — KOP UJI")
    kop.save(example_copy / "templat_laporan.docx")
    document = docx.Document(io.BytesIO(report_bytes(result12, example_copy)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "PEMERINTAH KABUPATEN JOMBANG — KOP UJI"
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)" not in texts  # the office's own front matter instead


def test_damaged_template_is_a_clear_message(example_copy, result12):
    (example_copy / "templat_laporan.docx").write_bytes(b"not a document")
    with pytest.raises(UserError) as exc:
        report_bytes(result12, example_copy)
    assert "templat_laporan.docx" in exc.value.message and "Word Document" in exc.value.message


# the command -------------------------------------------------------------------------------------

def test_command_writes_the_document_and_a_log_row(example_copy, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)])
    assert r.exit_code == 0, r.output
    assert "[4/4] Menyusun laporan Word" in r.output
    target = out / "LKjIP_Kecamatan_Bareng_2024.docx"
    assert target.is_file() and str(target) in r.output
    assert "laporan Word" in (out / "riwayat_proses.csv").read_text(encoding="utf-8-sig")
    assert [p.name for p in out.iterdir()] and not [p for p in out.iterdir() if p.name.startswith(".~")]
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out), "--bulan", "6"])
    assert r.exit_code == 0 and (out / "LKjIP_Kecamatan_Bareng_2024_sd_Juni.docx").is_file()
    assert target.is_file()  # the annual draft stays


def test_command_keeps_the_old_document_when_it_is_open_in_word(example_copy, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)]).exit_code == 0
    target = out / "LKjIP_Kecamatan_Bareng_2024.docx"
    (out / ("~$" + target.name[2:])).write_bytes(b"owner")  # Word's lock file
    before = snapshot(out)
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)])
    assert r.exit_code == 3 and "sedang dibuka" in r.output
    after = snapshot(out)
    assert after[target.name] == before[target.name]


def test_command_with_input_errors_writes_nothing(example_copy, tmp_path):
    set_cells(example_copy / "PK.xlsx", "Identitas", {"B4": "Dinas " + "Sangat Panjang " * 10})  # > 120 characters
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)])
    assert r.exit_code == 1 and "TIDAK ditulis" in r.output and "PK.xlsx / Identitas / B4" in r.output
    assert not list(out.glob("*.docx"))


# what a reader sees ------------------------------------------------------------------------------

def assert_legible(pages):
    """Nothing below 8 pt but the E.81 annex on F4 (6,5 pt or more; poppler rounds the size down)."""
    annex = [k for k, page in enumerate(pages) if any(t.text.startswith(("(18) Keterangan", "(8) Target Kinerja"))
                                                      for t in page)]
    assert annex
    assert min(t.size for k, page in enumerate(pages) if k not in annex for t in page) >= 8
    assert min(t.size for k in annex for t in pages[k]) >= 6

@pytest.mark.libreoffice
@pytest.mark.fonts("Liberation Sans")
def test_document_converts_to_pdf_and_reads_well(example, tmp_path):
    _, _, _, data = example
    path = tmp_path / "LKjIP.docx"
    path.write_bytes(data)
    pages = pdf_pages(to_pdf(path, tmp_path))
    assert len(pages) > 20
    text = " ".join(t.text for page in pages for t in page)
    for key in ("Tabel 3.1 ", "Tabel 3.14 ", "Tabel 3.20 "):
        assert key in text
    assert_legible(pages)
    # the header row of a table that runs over several pages is printed again on each of them
    header_pages = [k for k, page in enumerate(pages) if any(t.text == "Program/Kegiatan/Sub Kegiatan" for t in page)]
    assert len(header_pages) >= 3
    # widths from content: Tabel 3.10 (47 rows, ten columns) took 8 pages when its long names had the
    # columns' workbook proportions; their text now gets the room the numbers do not need
    pages_3_10 = [k for k, page in enumerate(pages) if any(t.text.startswith("Menunjang/") for t in page)]
    assert 1 <= len(pages_3_10) <= 4, pages_3_10
    # BAB II opens on the page of its first (landscape) table, not on a page of its own with one paragraph
    [bab2] = [k for k, page in enumerate(pages) if any(t.text == "BAB II PERENCANAAN KINERJA" for t in page)][1:]
    assert any(t.text.startswith("Tabel 2.1 ") for t in pages[bab2])


def test_table_columns_get_room_by_their_text(result12):
    """Numbers keep the width their longest figure needs; the room beyond goes to text columns as
    long as their texts are (worked out here from the cells, not by the program's weights)."""
    from lkjip_xls.kinerja.shown import Shown
    from lkjip_xls.report.word import min_widths, table_xml, text_twips

    table = result12.tables["3.13"]
    shown = Shown(table)
    xml = table_xml(table, 14000, shown)
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]
    minimum = min_widths(table, shown)
    assert all(g >= m for g, m in zip(grid, minimum))
    numbers = [k for k, c in enumerate(table.columns) if c.fmt != "text"]
    assert all(grid[k] == minimum[k] for k in numbers)
    assert abs(sum(grid) - 14000) <= len(grid)  # the page's width, handed out whole
    texts = [k for k, c in enumerate(table.columns) if c.fmt == "text"]
    longest = {k: max(len(shown.text(i, table.columns[k].key)) for i in range(len(table.frame))) for k in texts}
    widest = max(texts, key=lambda k: longest[k])
    assert grid[widest] > minimum[widest]  # the longest names get room to wrap into fewer lines
    # no room is spent on a column whose every text already stands on one line, while a longer text wraps
    one_line = {k: max(text_twips(shown.text(i, table.columns[k].key), False)
                       for i in range(len(table.frame))) for k in texts}
    if any(grid[k] < one_line[k] for k in texts):
        assert all(grid[k] <= max(minimum[k], one_line[k] * 1.25) for k in texts), (grid, one_line)
    # a figure's width: wide enough for its text at the table's size, bold, in any row
    assert text_twips("2.876.885.603") < minimum[[c.key for c in table.columns].index("alokasi")]


# every part of the document (spec section 8) ----------------------------------------------------------

PARTS = ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "DAFTAR TABEL", "BAB I PENDAHULUAN",
         "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN"]
BAB1 = ["1.1 Latar Belakang", "1.2 Tugas, Fungsi dan Struktur Organisasi", "1.3 Sumber Daya Manusia",
        "1.4 Sarana dan Prasarana", "1.5 Isu Strategis", "1.6 Sistematika Penyajian"]


@pytest.mark.parametrize("office", ["contoh", "kominfo", "badan"])
def test_every_part_of_the_document_in_order(office, tmp_path, example_dir):
    folder = example_dir if office == "contoh" else write_office(tmp_path / office,
                                                                 kominfo() if office == "kominfo" else badan())
    result = analyse(folder, 12)
    assert result.ok
    _, document = check_document(result, report_bytes(result))  # every number of the Ikhtisar too
    texts = [p.text for p in document.paragraphs]
    titles = [k for k, p in enumerate(document.paragraphs)
              if p.style.name == "Heading 1" or p.text in ("DAFTAR ISI", "DAFTAR TABEL")]
    where = [next(k for k in titles if texts[k] == part) for part in PARTS]
    assert where == sorted(where), PARTS
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2" and re.match(r"1\.\d ", p.text)] == BAB1
    # the Daftar Isi lists the chapter and section headings that follow, as they read
    start, end = texts.index("DAFTAR ISI"), texts.index("DAFTAR TABEL")
    listed = [t for t in texts[start + 1:end] if t]
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert listed == headings and len(listed) > 15
    # Daftar Tabel: every caption
    captions = [p.text for p in document.paragraphs if p.style.name == "Judul Tabel" and p.text.startswith("Tabel ")]
    assert [t for t in texts[end + 1:where[PARTS.index("BAB I PENDAHULUAN")]] if t] == captions
    # the Perjanjian Kinerja in the Lampiran, row by row as the PK states it
    pk = tables_by_caption(document)["L.1"]
    t22 = result.tables["2.2"]
    rows = [r for r in t22.frame.itertuples(index=False) if r.kind in ("iku", "program")]
    shown = [[c.text for c in row.cells] for row in pk.rows]
    for r in rows:
        assert any(r.indikator in line for line in shown), r.indikator
    # both parties sign side by side under the PK: the pemberi on the left, the head of office on the right
    [signing] = [t for t in document.tables if "PIHAK KEDUA," in t.cell(0, 0).text]
    left, right = ([p.text for p in signing.cell(0, k).paragraphs] for k in (0, 1))
    assert "PIHAK KEDUA," in left and "PIHAK PERTAMA," in right
    assert result.data.identitas["kepala_nama"] in right
    assert right.index("PIHAK PERTAMA,") < right.index(result.data.identitas["kepala_nama"])
    # ... and every IKU of the PK workbook itself (not only of table 2.2) is a row of the Lampiran
    for r in result.data.iku.frame.itertuples(index=False):
        assert any(r.indikator in " ".join(line) for line in shown), r.indikator


@pytest.mark.libreoffice
@pytest.mark.fonts("Liberation Sans")
@pytest.mark.parametrize("office", ["kominfo", "badan"])
def test_our_offices_drafts_convert_to_pdf_with_every_part(office, tmp_path):
    folder = write_office(tmp_path / office, kominfo() if office == "kominfo" else badan())
    result = analyse(folder, 12)
    path = tmp_path / "LKjIP.docx"
    path.write_bytes(report_bytes(result, folder))
    pages = pdf_pages(to_pdf(path, tmp_path))
    text = [" ".join(t.text for t in page) for page in pages]
    for part in PARTS:  # each part's heading on its page, and (but the two lists) in the Daftar Isi
        assert sum(part in page for page in text) >= (1 if part.startswith("DAFTAR") else 2), part
    assert any("PIHAK PERTAMA," in page and "PIHAK KEDUA," in page for page in text)
    assert_legible(pages)
    header = f"LKjIP {result.data.opd} Tahun {result.data.tahun}"
    blank = [k + 1 for k, page in enumerate(pages)
             if not [t for t in page if t.text.strip() and t.text != header and not t.text.isdigit()]]
    assert blank == []  # no page holds only its header and number


# every table within its page (spec section 8, issue 30) --------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tables_and_text_widths(data: bytes) -> list[tuple[int, int, tuple[int, int], list[int]]]:
    """Each body table: (its width, its section's text width, its section's page (w, h), its font sizes
    in half-points), read from document.xml (a section's properties close it: in the last paragraph's
    pPr, or the body's own sectPr for the last)."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    body = root.find(f"{W}body")
    out, pending = [], []

    def close(sect):
        size = sect.find(f"{W}pgSz")
        mar = sect.find(f"{W}pgMar")
        page = (int(size.get(f"{W}w")), int(size.get(f"{W}h")))
        text = page[0] - int(mar.get(f"{W}left")) - int(mar.get(f"{W}right"))
        for width, sizes in pending:
            out.append((width, text, page, sizes))
        pending.clear()

    for el in body:
        if el.tag == f"{W}tbl":
            width = sum(int(g.get(f"{W}w")) for g in el.iter(f"{W}gridCol"))
            pending.append((width, [int(sz.get(f"{W}val")) for sz in el.iter(f"{W}sz")]))
        elif el.tag == f"{W}p":
            sect = el.find(f"{W}pPr/{W}sectPr")
            if sect is not None:
                close(sect)
        elif el.tag == f"{W}sectPr":
            close(el)
    return out


F4_TWIPS = (round(330 / 25.4 * 1440), round(215 / 25.4 * 1440))


@pytest.mark.parametrize("office", ["contoh", "kominfo", "badan", "besar"])
def test_no_table_is_wider_than_its_section(office, example_dir, tmp_path):
    """Every table of the draft fits its section's text width; a table too wide for A4 landscape (the
    E.81 annex) is on F4 landscape at 6,5 pt or more, in stacked parts when it cannot fit once."""
    if office == "contoh":
        folder = example_dir
    elif office == "besar":  # a dinas with billions on every line: the widest figures
        sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
        import large_office

        folder = large_office.write(tmp_path / "dinas", programs=3, kegiatan=2, sub=2)
    else:
        folder = write_office(tmp_path / "data", {"kominfo": kominfo, "badan": badan}[office]())
    result = analyse(folder, 12)
    assert result.ok
    tables = tables_and_text_widths(report_bytes(result))
    assert tables
    for width, text, page, sizes in tables:
        assert width <= text, (office, width, text, page)
        if tuple(sorted(page, reverse=True)) == F4_TWIPS:
            assert min(sizes) >= 13, sizes  # half-points: 6,5 pt
    wide = [t for t in tables if t[2] == F4_TWIPS]
    assert wide, "the E.81 annex is on F4 landscape"


@pytest.mark.libreoffice
@pytest.mark.fonts("Liberation Sans")
def test_e81_annex_is_on_its_pages_in_the_pdf(example, tmp_path):
    """LibreOffice prints the annex on F4 landscape pages, nothing past either edge, both parts with No,
    Sasaran and Kode."""
    import xml.etree.ElementTree as ET

    _, _, _, data = example
    path = tmp_path / "LKjIP.docx"
    path.write_bytes(data)
    pdf = to_pdf(path, tmp_path)
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)], capture_output=True,
                         check=True).stdout
    root = ET.fromstring(xml)
    annex = []
    for page in root.iter("page"):
        texts = [("".join(t.itertext()).strip(), float(t.get("left")), float(t.get("width")))
                 for t in page.iter("text")]
        width = float(page.get("width"))
        assert all(left >= 0 and left + w <= width + 1 for _, left, w in texts), page.get("number")
        if any(t.startswith("(18) Keterangan") or t.startswith("(8) Target Kinerja") for t, _, _ in texts):
            annex.append((page, {t for t, _, _ in texts}))
    assert annex
    for page, words in annex:
        assert abs(float(page.get("width")) - 330 / 25.4 * 72) < 3  # F4 landscape
        assert {"(1) No", "(2) Sasaran", "(3) Kode"} <= words, page.get("number")
    assert any("bagian 2 dari 2)" in w for _, words in annex for w in words)
    # a word with slashes is one word to LibreOffice: measured whole, it never breaks inside ("S / ub")
    assert any("Program/Kegiatan/Sub" in w for _, words in annex for w in words)


def test_a_slash_is_no_place_to_break_a_word():
    from lkjip_xls.report.word import _words

    assert _words("Sub Kegiatan: Koordinasi/Sinergi Perundang-undangan") == (
        "Sub", "Kegiatan:", "Koordinasi/Sinergi", "Perundang-", "undangan")


def test_stacked_parts_repeat_the_key_columns_and_keep_a_pair_together():
    """``split_columns``: parts as wide as the page allows (a part that exactly fills it is not split),
    the key columns on each part, a K/Rp pair in one part."""
    from lkjip_xls.kinerja.table import NUM, Builder, Column
    from lkjip_xls.report.word import split_columns

    cols = [Column("no", "No", "int", 4), Column("a", "K", NUM, 5, "(6)"), Column("b", "Rp", NUM, 5, "(6)"),
            Column("c", "K", NUM, 5, "(7)"), Column("d", "Rp", NUM, 5, "(7)"), Column("e", "Ket", "text", 5),
            Column("f", "Unit", "text", 5)]
    table = Builder(cols).build("x", "x", "", key_columns=1)
    minimum = [100, 200, 200, 200, 200, 300, 300]
    assert split_columns(table, minimum, 500) == [[0, 1, 2], [0, 3, 4], [0, 5], [0, 6]]  # 100 + 400 fills it
    assert split_columns(table, minimum, 800) == [[0, 1, 2], [0, 3, 4, 5], [0, 6]]  # 100 + 400 + 300: full
    assert split_columns(table, minimum, 900) == [[0, 1, 2, 3, 4], [0, 5, 6]]  # ungrouped columns go singly
    assert split_columns(table, minimum, 1500) == [[0, 1, 2, 3, 4, 5, 6]]
