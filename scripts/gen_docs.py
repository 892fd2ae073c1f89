"""Write docs/templat.md from the schema (the template reference for staff and engineers).

Run after changing lkjip_xls/schema.py; tests/test_docs.py fails while the committed copy is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lkjip_xls.inputs import schema as S  # noqa: E402

KIND = {"text": "teks", "email": "alamat email", "code": "kode (teks)", "choice": "pilihan", "month": "bulan", "year": "tahun",
        "int": "bilangan bulat", "decimal": "angka", "money": "rupiah bulat"}


def render() -> str:
    out = ["# Templat isian lkjip-xls", "",
           "Dibuat otomatis dari `lkjip_xls/schema.py` oleh `scripts/gen_docs.py`; jangan diubah dengan tangan.", "",
           f"Versi templat: {S.TEMPLATE_VERSION}. Judul kolom ada di baris {S.HEADER_ROW}; data mulai baris "
           f"{S.FIRST_DATA_ROW}. Jenis workbook dikenali dari sheet tersembunyi `{S.MARKER_SHEET}`, bukan dari "
           "nama file.", ""]
    for wb in S.WORKBOOKS:
        out += [f"## {wb.title} (`{wb.filename}`)", "", wb.purpose, ""]
        for sheet in wb.sheets:
            extra = " (opsional)" if sheet.optional else ""
            kind = "formulir: isian di kolom B" if sheet.form else "tabel"
            out += [f"### Sheet `{sheet.name}`{extra} — {kind}", "", sheet.help, "",
                    "| kolom | wajib | jenis | keterangan |", "|---|---|---|---|"]
            for f in sheet.fields:
                note = f.help
                if f.choices:
                    note += " Pilihan: " + ", ".join(f.choices) + "."
                if f.default is not None:
                    note += f" Bawaan: {f.default}."
                if f.list_source:
                    note += f" Pilihan dari sheet {f.list_source[0]}."
                if f.derived:
                    note += " Diisi otomatis oleh `lkjip siapkan`."
                out.append(f"| {f.header} | {'ya' if f.required else ''} | {KIND[f.type]} | {note.strip()} |")
            out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    target = ROOT / "docs" / "templat.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"ditulis: {target}")
