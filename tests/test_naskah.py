"""Prose written once (issue 19): staff's ``naskah_laporan.docx`` carried into the draft by its
headings, ``lkjip laporan --naskah`` writing a starting one, and the example's own naskah.

The naskah documents here are built with python-docx by the tests themselves (not with the program's
writer), so a heading, a bold run, a table, a picture and a numbered list are what Word would save."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm
from offices import kominfo, write_office

from lkjip_xls.api import analyse
from lkjip_xls.cli import main
from lkjip_xls.inputs.example import NASKAH_NAME, example_naskah, packaged_workbooks
from lkjip_xls.report import build_report, draft_report
from lkjip_xls.report.model import Carried, Heading, Paragraph, TableBlock
from lkjip_xls.report.naskah import heading_key


def png(width: int = 4, height: int = 3) -> bytes:
    """A small red PNG, made by hand (no imaging library in the test extras)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def body_items(document) -> list:
    """(kind, text, element) of the document body in order."""
    out = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            out.append((tag, "".join(t.text or "" for t in child.iter(qn("w:t"))), child))
    return out


def under(document, heading: str) -> list:
    """The body items after the (last) paragraph reading ``heading`` in a Heading style, up to the next
    heading paragraph (the Daftar Isi lists the same words, in no heading style)."""
    items = body_items(document)
    styles = {p._p: p.style.name for p in document.paragraphs}
    starts = [k for k, (kind, text, el) in enumerate(items)
              if kind == "p" and text == heading and styles.get(el, "").startswith("Heading")]
    assert starts, heading
    out = []
    for kind, text, el in items[starts[-1] + 1:]:
        if kind == "p" and styles.get(el, "").startswith("Heading"):
            break
        out.append((kind, text, el))
    return out


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    return write_office(tmp_path_factory.mktemp("kominfo") / "data", kominfo())


@pytest.fixture(scope="module")
def office_result(office):
    return analyse(office, 12)


def drafted_with(office: Path, result, make) -> tuple:
    """The office's report and .docx with the naskah ``make(path)`` writes (removed again after:
    the office folder is shared by this module's tests)."""
    path = office / NASKAH_NAME
    make(path)
    try:
        return build_report(result, office)
    finally:
        path.unlink()


def laporan_with(office: Path, make, out: Path):
    """``lkjip laporan`` on the office, as staff run it, with the naskah ``make(path)`` writes (removed after)."""
    path = office / NASKAH_NAME
    make(path)
    try:
        return CliRunner().invoke(main, ["laporan", str(office), "--output", str(out)])
    finally:
        path.unlink()


def test_heading_key_ignores_numbering_case_and_punctuation():
    same = ["1.1 Latar Belakang", "A. LATAR BELAKANG", "1. 1 Latar belakang", "Latar  Belakang:", "a) latar belakang"]
    assert {heading_key(t) for t in same} == {"latar belakang"}
    assert heading_key("BAB I PENDAHULUAN") == heading_key("Pendahuluan") == "pendahuluan"
    assert heading_key("IKHTISAR EKSEKUTIF") == "ikhtisar eksekutif"  # an I is a word here, not a numeral
    assert heading_key("3.3 Upaya Perbaikan Kinerja") != heading_key("3.3 Upaya Perbaikan")
    # an annex keeps its word, not its number (which follows the annexes an office has)
    assert heading_key("Lampiran 3. Perhitungan IKPP") == heading_key("LAMPIRAN 2 Perhitungan IKPP")
    assert heading_key("Lampiran 1. Perjanjian Kinerja") != heading_key("2.2 Perjanjian Kinerja")


def test_starter_has_every_heading_of_the_office_draft_and_carries_nothing_untouched(office, office_result, tmp_path):
    r = CliRunner().invoke(main, ["laporan", str(office), "--naskah"])
    assert r.exit_code == 0, r.output
    path = office / NASKAH_NAME
    assert path.is_file() and "Naskah:" in r.output
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    report = draft_report(office_result)  # drafted without the naskah
    assert headings == [b.text for b in report.blocks if isinstance(b, Heading)]
    hints = [p for p in document.paragraphs if p.text.startswith("[")]
    assert {p.text for p in hints} == set(report.slots.values()) and len(report.slots) >= 5
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in hints for run in p.runs)
    # untouched, it carries nothing: every placeholder stays, nothing is called unmatched
    again, _ = build_report(office_result, office)
    assert again.carried == [] and again.unmatched == []
    assert sum(1 for b in again.blocks if isinstance(b, Paragraph) and b.todo) == \
        sum(1 for b in report.blocks if isinstance(b, Paragraph) and b.todo)
    # a second --naskah never replaces what staff wrote
    before = path.read_bytes()
    r = CliRunner().invoke(main, ["laporan", str(office), "--naskah"])
    assert r.exit_code == 1 and "sudah ada dan tidak ditimpa" in r.output and "Traceback" not in r.output
    assert path.read_bytes() == before
    path.unlink()


def _filled_naskah(path: Path):
    """A naskah as staff write it in Word: their own numbering, formatting, a table, a picture, a
    numbered list, a link, a heading of their own that matches nothing, and text above the headings."""
    document = docx.Document()
    document.add_paragraph("Catatan pribadi: naskah 2025, diperbarui Januari.")
    document.add_heading("A. LATAR BELAKANG", level=2)
    p = document.add_paragraph("Dinas ini dibentuk dengan ")
    run = p.add_run("Peraturan Daerah Nomor 7 Tahun 2016")
    run.bold = True
    p.add_run(" dan melayani 21 kecamatan.")
    document.add_paragraph("Langkah pertama", style="List Number")
    document.add_paragraph("Langkah kedua", style="List Number")
    document.add_heading("1.2 Tugas, Fungsi dan Struktur Organisasi", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Bidang", "Tugas"
    table.cell(1, 0).text, table.cell(1, 1).text = "Statistik", "Data sektoral"
    document.add_paragraph("Bagan struktur organisasi:")
    document.add_picture(io.BytesIO(png()), width=Cm(4))
    link = document.add_paragraph("Lihat ")
    h = docx.oxml.OxmlElement("w:hyperlink")
    h.set(qn("r:id"), document.part.relate_to("https://contoh.invalid/", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                                                is_external=True))
    r = docx.oxml.OxmlElement("w:r")
    t = docx.oxml.OxmlElement("w:t")
    t.text = "situs dinas"
    r.append(t)
    h.append(r)
    link._p.append(h)
    document.add_heading("Sejarah Singkat", level=2)
    document.add_paragraph("Teks di bawah judul yang tidak ada di draf.")
    document.save(str(path))


def test_filled_naskah_is_carried_with_its_formatting_table_picture_and_list(office, office_result, tmp_path):
    r = laporan_with(office, _filled_naskah, tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert "2 bagian dibawa (1.1 Latar Belakang; 1.2 Tugas, Fungsi dan Struktur Organisasi)" in r.output
    assert "'Sejarah Singkat'" in r.output  # unmatched, said on the screen
    [out] = (tmp_path / "out").glob("LKjIP_*.docx")
    document = docx.Document(str(out))
    latar = under(document, "1.1 Latar Belakang")
    texts = [t for _, t, _ in latar]
    assert texts[0] == "Dinas ini dibentuk dengan Peraturan Daerah Nomor 7 Tahun 2016 dan melayani 21 kecamatan."
    assert not any(t.startswith("[Tuliskan latar belakang") for t in texts)  # the placeholder gave way
    bold = [r for r in docx.text.paragraph.Paragraph(latar[0][2], document).runs if r.bold]
    assert [r.text for r in bold] == ["Peraturan Daerah Nomor 7 Tahun 2016"]
    numbered = [el for _, t, el in latar if t.startswith("Langkah")]
    num_ids = {n.get(qn("w:val")) for el in numbered for n in el.iter(qn("w:numId"))}
    styles = {docx.text.paragraph.Paragraph(el, document).style.name for el in numbered}
    assert styles == {"List Number"} or num_ids - {"0"}  # the list keeps its numbering
    tugas = under(document, "1.2 Tugas, Fungsi dan Struktur Organisasi")
    assert [k for k, _, _ in tugas][0] == "tbl" and "Data sektoral" in tugas[0][1]
    blips = [b for _, _, el in tugas for b in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
    assert len(blips) == 1
    part = document.part.related_parts[blips[0].get(qn("r:embed"))]
    assert part.content_type == "image/png" and part.blob == png()
    assert any(t == "Lihat situs dinas" for _, t, _ in tugas)  # the link's text, not its address
    assert not list(document.element.body.iter(qn("w:hyperlink")))
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "contoh.invalid" not in rels
    # the first page after the cover says what was not carried
    text = "\n".join(p.text for p in document.paragraphs)
    assert "'Sejarah Singkat'" in text and "di atas judul pertamanya" in text
    assert text.count("Teks di bawah judul yang tidak ada di draf.") == 0 and text.count("Catatan pribadi") == 0


@pytest.mark.libreoffice
def test_draft_with_a_carried_naskah_converts_to_pdf(office, office_result, tmp_path):
    from fixtures import pdf_pages, to_pdf

    _, data = drafted_with(office, office_result, _filled_naskah)
    out = tmp_path / "draf.docx"
    out.write_bytes(data)
    text = " ".join(t.text for page in pdf_pages(to_pdf(out, tmp_path)) for t in page)
    assert "Peraturan Daerah Nomor 7 Tahun 2016" in text and "Data sektoral" in text and "Langkah kedua" in text


def test_example_draft_reads_as_a_full_report(result12):
    report, data = build_report(result12, packaged_workbooks())
    assert report.unmatched == []
    assert set(report.carried) == set(report.slots)  # every section waiting for prose has it
    document = docx.Document(io.BytesIO(data))
    prose = example_naskah()
    for title in report.carried:
        written = [t for _, t, _ in under(document, title)]
        expected = [p[2:] if p.startswith("- ") else p for p in prose[heading_key(title)]]
        assert [t for t in written if t in expected] == expected, title
    todo = [b.text for b in report.blocks if isinstance(b, Paragraph) and b.todo]
    assert not [t for t in todo if "latar belakang" in t or "isu strategis" in t or "tugas pokok" in t]


def test_shipped_example_naskah_is_its_source(result12):
    """The packaged naskah_laporan.docx holds naskah.md's prose under the draft's headings
    (scripts/regenerate.py writes it)."""
    document = docx.Document(str(packaged_workbooks() / NASKAH_NAME))
    prose = example_naskah()
    report = draft_report(result12)  # without a naskah
    titles = {heading_key(b.text): b.text for b in report.blocks if isinstance(b, Heading)}
    assert set(prose) <= set(titles), set(prose) - set(titles)  # every heading of the source is one of the draft's
    for key, paragraphs in prose.items():
        written = [t for _, t, _ in under(document, titles[key]) if t.strip()]
        assert written == [p[2:] if p.startswith("- ") else p for p in paragraphs], key
    # written in the project's own words: no sentence of the source report's BAB I is copied
    source = (Path(__file__).resolve().parents[2] / "shared" / "reference")
    if source.is_dir():
        reference = " ".join(p.read_text(encoding="utf-8") for p in source.glob("*.txt"))
        sentences = [s.strip() for ps in prose.values() for p in ps for s in re.split(r"(?<=[.;:])\s+", p)]
        copied = [s for s in sentences if len(s) > 60 and s in reference]
        assert copied == []


def test_naskah_that_is_not_a_docx_is_refused_before_any_work(office, tmp_path):
    r = laporan_with(office, lambda path: path.write_bytes(b"bukan docx"), tmp_path / "out")
    assert r.exit_code == 1 and "naskah_laporan.docx bukan dokumen Word" in r.output and "Traceback" not in r.output
    assert not list((tmp_path / "out").glob("*.docx")) if (tmp_path / "out").exists() else True


def test_naskah_bomb_is_refused_from_its_declared_size(office, tmp_path):
    import subprocess
    import sys

    code = ("import resource, sys\nfrom lkjip_xls.cli import main\n"
            "try:\n    main(['laporan', sys.argv[1], '--output', sys.argv[2]])\n"
            "except SystemExit as e:\n    code = e.code\n"
            "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\nsys.exit(code)")

    def peak(out: Path) -> tuple[int, int, str]:
        r = subprocess.run([sys.executable, "-c", code, str(office), str(out)], capture_output=True, text=True,
                           timeout=600)
        return int(r.stdout.split("peak")[-1].split()[0]), r.returncode, r.stdout + r.stderr

    baseline, rc, _ = peak(tmp_path / "plain")  # the same command drafting for real, without a naskah
    assert rc == 0
    path = office / NASKAH_NAME
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:  # 300 MB of one byte in a file of a few hundred KB
            for _ in range(300):
                fh.write(b"<" * 2**20)
    assert path.stat().st_size < 2 * 2**20
    try:
        bomb, rc, said = peak(tmp_path / "out")
    finally:
        path.unlink()
    assert rc == 1 and "terlalu besar setelah diekstrak" in said and "Traceback" not in said
    assert bomb < baseline + 50 * 1024  # KiB: refused before anything of the 300 MB is inflated
    assert not list((tmp_path / "out").glob("*.docx"))


def test_naskah_macros_and_external_pictures_are_not_carried(office, office_result, tmp_path):
    def forged(path):
        document = docx.Document()
        document.add_heading("1.1 Latar Belakang", level=2)
        document.add_picture(io.BytesIO(png()), width=Cm(2))
        document.save(str(path))
        # a macro project and a linked picture, added as a forger would
        with zipfile.ZipFile(path) as src:
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
        xml = parts["word/document.xml"].decode()
        parts["word/document.xml"] = xml.replace('r:embed="', 'r:link="rIdEvil" r:embed="', 1).encode()
        parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/image" Target="http://penyerang.invalid/x.png" TargetMode="External"/></Relationships>')
        parts["word/vbaProject.bin"] = b"macro"
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)

    _, data = drafted_with(office, office_result, forged)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        body = z.read("word/document.xml").decode()
    assert not [n for n in names if "vba" in n.lower()]
    assert rels.count("penyerang.invalid") == 0 and body.count("r:link") == 0
    assert docx.Document(io.BytesIO(data))  # the draft opens, with the picture itself carried
    assert any(n.startswith("word/media/") for n in names)


def test_carried_blocks_are_where_the_placeholder_was(office_result, office):
    """The model says where staff's text goes: in place of the section's placeholder, once."""
    report, _ = drafted_with(office, office_result, _filled_naskah)
    carried = [(k, b) for k, b in enumerate(report.blocks) if isinstance(b, Carried)]
    assert [b.title for _, b in carried] == ["1.1 Latar Belakang", "1.2 Tugas, Fungsi dan Struktur Organisasi"]
    for k, b in carried:
        heading = next(report.blocks[j] for j in range(k - 1, -1, -1) if isinstance(report.blocks[j], Heading))
        assert heading.text == b.title


def _with_field(document, instruction: str, shown: str):
    """A paragraph holding a complex field (begin, instruction, separate, shown text, end)."""
    p = document.add_paragraph("Sebelum ")
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        r = docx.oxml.OxmlElement("w:r")
        if kind == "instr":
            el = docx.oxml.OxmlElement("w:instrText")
            el.text = text
        elif kind == "text":
            el = docx.oxml.OxmlElement("w:t")
            el.text = text
        else:
            el = docx.oxml.OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r.append(el)
        p._p.append(r)


@pytest.mark.parametrize("instruction", [' INCLUDEPICTURE "http://penyerang.invalid/a.png" \\d ',
                                         ' INCLUDETEXT "\\\\\\\\penyerang\\\\share\\\\x.docx" ', ' DDEAUTO c:\\\\cmd "/c calc" '])
def test_fields_that_fetch_when_word_updates_them_are_emptied(office, office_result, instruction):
    # the draft asks Word to update fields on opening (Daftar Isi): a naskah's field must not fetch anything
    def with_fields(path):
        document = docx.Document()
        document.add_heading("1.1 Latar Belakang", level=2)
        _with_field(document, instruction, "teks terakhir")
        _with_field(document, " PAGE ", "3")
        document.save(str(path))

    _, data = drafted_with(office, office_result, with_fields)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert [body.count(w) for w in ("penyerang", "DDEAUTO", "cmd")] == [0, 0, 0]  # counts: no diff of a long text
    assert "teks terakhir" in body and " PAGE " in body  # what was shown stays; a page number stays a field


def test_template_fields_that_fetch_are_emptied_too(example_copy, result12):
    document = docx.Document()
    _with_field(document, ' INCLUDEPICTURE "http://penyerang.invalid/kop.png" ', "kop")
    document.save(str(example_copy / "templat_laporan.docx"))
    from lkjip_xls.report import report_bytes

    with zipfile.ZipFile(io.BytesIO(report_bytes(result12, example_copy))) as z:
        assert "penyerang" not in z.read("word/document.xml").decode()


def test_naskah_with_a_damaged_part_is_a_clear_message(office, tmp_path):
    good = io.BytesIO()
    docx.Document().save(good)
    data = bytearray(good.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10] ^= 0xFF  # one byte of the compressed text flipped: bad data or a bad checksum
    r = laporan_with(office, lambda path: path.write_bytes(bytes(data)), tmp_path / "out")
    assert r.exit_code == 1 and NASKAH_NAME in r.output and "Traceback" not in r.output
    assert "rusak (bagian word/document.xml tidak dapat dibaca)" in r.output


def test_office_kata_pengantar_replaces_the_standard_one_and_other_sections_follow_the_draft(office, office_result):
    def own_words(path):
        document = docx.Document()
        document.add_heading("Kata Pengantar", level=1)
        document.add_paragraph("Kata pengantar kami sendiri.")
        document.add_heading("b. Perbandingan antara realisasi kinerja tahun ini dengan dua tahun terakhir", level=3)
        document.add_paragraph("Analisis tren oleh staf.")
        document.save(str(path))

    report, data = drafted_with(office, office_result, own_words)
    standard = draft_report(office_result)
    pengantar = next(b for b in standard.blocks if isinstance(b, Paragraph) and "Puji syukur" in b.text)
    document = docx.Document(io.BytesIO(data))
    texts = [t for _, t, _ in under(document, "KATA PENGANTAR")]
    assert texts[0] == "Kata pengantar kami sendiri." and pengantar.text not in texts
    trend = "3.1.2 Perbandingan antara Realisasi Kinerja Tahun Ini dengan Dua Tahun Terakhir"
    assert [b.title for b in report.blocks if isinstance(b, Carried)] == ["KATA PENGANTAR", trend]
    assert report.unmatched == []
    # a section without a placeholder: staff's text after everything the draft has there, before the next heading
    k = next(k for k, b in enumerate(report.blocks) if isinstance(b, Carried) and b.title == trend)
    start = next(j for j, b in enumerate(report.blocks) if isinstance(b, Heading) and b.text == trend)
    assert any(isinstance(b, (Paragraph, TableBlock)) for b in report.blocks[start + 1:k])
    assert isinstance(report.blocks[k + 1], Heading)


def test_many_or_long_unmatched_headings_are_listed_briefly(office, office_result, tmp_path):
    def many(path):
        document = docx.Document()
        for k in range(25):
            document.add_heading(f"Judul sendiri {k} " + "panjang " * (40 if k == 0 else 0), level=2)
            document.add_paragraph("isi")
        document.save(str(path))

    r = laporan_with(office, many, tmp_path / "out")
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if "tidak sama dengan judul draf" in x)
    assert "(dan 15 judul lainnya)" in line and "Judul sendiri 9'" in line and "Judul sendiri 10'" not in line
    assert len(line) < 1500 and "…'" in line


@pytest.mark.libreoffice
def test_a_naskah_saved_by_libreoffice_is_carried_the_same(office, office_result, tmp_path):
    """Staff without Word write their naskah in LibreOffice Writer, which saves headings, lists and
    pictures its own way."""
    import subprocess

    from conftest import SOFFICE

    source = tmp_path / "src" / NASKAH_NAME
    source.parent.mkdir()
    _filled_naskah(source)
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo"), str(source)],
                   capture_output=True, timeout=300, check=True)
    saved = (tmp_path / "lo" / NASKAH_NAME).read_bytes()
    assert saved != source.read_bytes()
    report, data = drafted_with(office, office_result, lambda path: path.write_bytes(saved))
    assert report.carried == ["1.1 Latar Belakang", "1.2 Tugas, Fungsi dan Struktur Organisasi"]
    assert report.unmatched == ["Sejarah Singkat"]
    document = docx.Document(io.BytesIO(data))
    latar = under(document, "1.1 Latar Belakang")
    assert latar[0][1].startswith("Dinas ini dibentuk dengan Peraturan Daerah Nomor 7 Tahun 2016")
    tugas = under(document, "1.2 Tugas, Fungsi dan Struktur Organisasi")
    assert any(kind == "tbl" for kind, _, _ in tugas)
    assert any(True for _, _, el in tugas for _ in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))


def test_parts_of_the_naskah_the_draft_lacks_are_not_referenced(office, office_result):
    """An embedded chunk (altChunk) in a table cell names a part of the naskah: left out, so that the
    draft names no relationship it does not have (Word would call it damaged)."""
    def with_chunk(path):
        document = docx.Document()
        document.add_heading("1.1 Latar Belakang", level=2)
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).text = "Sel biasa"
        chunk = docx.oxml.OxmlElement("w:altChunk")
        chunk.set(qn("r:id"), "rId999")
        table.cell(0, 0)._tc.append(chunk)
        document.add_picture(io.BytesIO(png()), width=Cm(2))
        document.save(str(path))

    _, data = drafted_with(office, office_result, with_chunk)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert body.count("altChunk") == 0 and body.count("Sel biasa") == 1  # counts: no diff of a long text
    ids = set(re.findall(r'Id="(rId\d+)"', rels))
    assert set(re.findall(r'r:(?:id|embed)="(rId\d+)"', body)) <= ids  # every reference resolves


def test_a_chart_or_smartart_that_cannot_be_carried_is_said(office, office_result, tmp_path):
    """An organisation chart drawn as SmartArt needs parts the draft does not have: its text around it
    is carried, the drawing left out, and the screen and the draft's first page say so."""
    def with_smartart(path):
        document = docx.Document()
        document.add_heading("1.2 Tugas, Fungsi dan Struktur Organisasi", level=2)
        document.add_paragraph("Bagan organisasi:")
        p = document.add_paragraph()
        drawing = docx.oxml.parse_xml(
            '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Diagram 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
            '<dgm:relIds r:dm="rId90" r:lo="rId91" r:qs="rId92" r:cs="rId93"/></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing>')
        run = p.add_run()
        run._r.append(drawing)
        document.save(str(path))

    r = laporan_with(office, with_smartart, tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert "tidak dapat dibawa dan ditinggalkan, di bagian '1.2 Tugas, Fungsi dan Struktur Organisasi'" in r.output
    [out] = (tmp_path / "out").glob("LKjIP_*.docx")
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    assert body.count("relIds") == 0 and body.count("Bagan organisasi:") == 1
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.count("Paste Special") == 1  # on the warnings page
