"""Regenerate every committed file that is derived from the code (developers only).

* input_templates/*.xlsx            blank templates, from lkjip_xls/schema.py
* lkjip_xls/contoh/workbooks/*.xlsx the bundled example, from its CSV source
* docs/templat.md                   template reference, from the schema
* lkjip_xls/locale/id/LC_MESSAGES/messages.mo   click's messages in Indonesian, from messages.po (Babel)

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

from lkjip_xls import schema as S  # noqa: E402
from lkjip_xls.example import load_example  # noqa: E402
from lkjip_xls.templates import write_workbook  # noqa: E402

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


def main() -> None:
    example = load_example()
    for spec in S.WORKBOOKS:
        write_workbook(spec, ROOT / "input_templates" / spec.filename, None, example[spec.kind])
        write_workbook(spec, ROOT / "lkjip_xls" / "contoh" / "workbooks" / spec.filename, example[spec.kind])
    import gen_docs

    (ROOT / "docs" / "templat.md").write_text(gen_docs.render(), encoding="utf-8")
    (LOCALE / "messages.mo").write_bytes(compile_catalogue())
    print("ditulis: input_templates, lkjip_xls/contoh/workbooks, docs/templat.md, messages.mo")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
