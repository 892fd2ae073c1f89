"""Regenerate every committed file that is derived from the code (developers only).

* input_templates/*.xlsx            blank templates, from lkjip_xls/schema.py
* lkjip_xls/inputs/contoh/workbooks/*.xlsx the bundled example, from its CSV source
* docs/templat.md                   template reference, from the schema
* lkjip_xls/locale/id/LC_MESSAGES/messages.mo   click's messages in Indonesian, from messages.po (Babel)
* tests/golden/results_parts.json   checksums of every part of the example's results workbooks (months
                                    3 and 12): regenerate only when a change of the output is intended

Run after changing the schema, the template writer, the example or the catalogue:

    python scripts/regenerate.py

The tests fail while a committed copy differs from what the code writes. These are generated files
under version control, so they are overwritten here without the backups 'lkjip templat --timpa' makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lkjip_xls.inputs import schema as S  # noqa: E402
from lkjip_xls.inputs.example import load_example  # noqa: E402
from lkjip_xls.inputs.templates import write_workbook  # noqa: E402

LOCALE = ROOT / "lkjip_xls" / "locale" / "id" / "LC_MESSAGES"


def compile_catalogue(po: Path = LOCALE / "messages.po") -> bytes:
    """The .mo bytes of a .po file (Babel's reader and writer)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh, locale="id")
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


SNAPSHOT = ROOT / "tests" / "golden" / "results_parts.json"
SNAPSHOT_DATE = (2026, 11, 30)
SNAPSHOT_MONTHS = (3, 12)


def results_parts() -> dict[str, dict[str, str]]:
    """{month: {part name: sha256}} of the example's results workbooks, written on a fixed date."""
    import datetime as dt
    import hashlib
    import io
    import zipfile

    from lkjip_xls.api import analyse
    from lkjip_xls.inputs.example import packaged_workbooks
    from lkjip_xls.writer import workbook_bytes

    out = {}
    for month in SNAPSHOT_MONTHS:
        book = workbook_bytes(analyse(packaged_workbooks(), month), dt.date(*SNAPSHOT_DATE))
        with zipfile.ZipFile(io.BytesIO(book)) as z:
            out[f"{month:02d}"] = {n: hashlib.sha256(z.read(n)).hexdigest() for n in sorted(z.namelist())}
    return out


def main() -> None:
    from lkjip_xls.inputs.prepare import example_workbooks

    example = load_example()
    for spec in S.WORKBOOKS:
        write_workbook(spec, ROOT / "input_templates" / spec.filename, None, example[spec.kind])
    for name, data in example_workbooks(example).items():
        (ROOT / "lkjip_xls" / "inputs" / "contoh" / "workbooks" / name).write_bytes(data)
    from lkjip_xls.inputs.example import NASKAH_NAME, example_naskah_bytes

    (ROOT / "lkjip_xls" / "inputs" / "contoh" / "workbooks" / NASKAH_NAME).write_bytes(example_naskah_bytes())
    import gen_docs

    (ROOT / "docs" / "templat.md").write_text(gen_docs.render(), encoding="utf-8")
    (LOCALE / "messages.mo").write_bytes(compile_catalogue())
    import json

    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps(results_parts(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("ditulis: input_templates, lkjip_xls/inputs/contoh/workbooks, docs/templat.md, messages.mo, "
          "tests/golden/results_parts.json")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
