"""A draft email (.eml) for Bappeda with the results workbook attached. Nothing is sent.

``X-Unsent: 1`` makes Outlook open the file as an unsent draft; Thunderbird
opens it as a message it can "Edit as New".
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from ..api import Result
from ..inputs.numbers import fmt_id
from ..kinerja.table import DASH

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")



def one_line(text: str) -> str:
    """A header value: any line break or control character a cell may hold (Alt+Enter, U+2028 from a
    copy) becomes a space; a header must be one line."""
    import unicodedata

    return " ".join("".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                            for ch in str(text)).split())

def _total(result: Result, key: str, col: str):
    t = result.tables[key]
    row = t.frame.index[t.frame["kind"] == "total"][-1]
    return t.value(row, col)


def _pct(value) -> str:
    return DASH if value is None or isinstance(value, str) else fmt_id(value, 2) + "%"


def build_message(result: Result, workbook_name: str, workbook: bytes, today: dt.date,
                  inputs: tuple[str, bytes] | None = None) -> EmailMessage:
    d, p = result.data, result.period
    bulan = p.label[5:]
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = one_line(f"LKjIP {d.opd} s.d. {bulan} {d.tahun}")
    if d.settings.email_bappeda:
        msg["To"] = one_line(d.settings.email_bappeda)
    msg["Date"] = format_datetime(dt.datetime(today.year, today.month, today.day, 8, 0).astimezone())
    msg["X-Unsent"] = "1"
    pagu = _total(result, "3.12", "alokasi")
    real = _total(result, "3.12", "realisasi_anggaran")
    lines = [
        "Yth. Bappeda,",
        "",
        f"Bersama ini kami sampaikan tabel kinerja (LKjIP Bab III) {d.opd} tahun {d.tahun} "
        f"periode s.d. {bulan} {d.tahun}, terlampir dalam file {workbook_name}"
        + (f", beserta lima workbook isiannya ({inputs[0]}) agar angkanya dapat dihitung ulang." if inputs else "."),
        "",
        "Ringkasan:",
        f"- Rata-rata capaian IKU: {_pct(_total(result, '3.1', 'capaian'))}",
        f"- Rata-rata capaian indikator program: {_pct(_total(result, '3.13', 'capaian'))}",
        f"- Realisasi anggaran: Rp {fmt_id(real)} dari pagu Rp {fmt_id(pagu)} "
        f"({_pct(_total(result, '3.12', 'capaian_anggaran'))})",
        f"- Ketersediaan SDM: {_pct(_total(result, '3.15', 'persen_sdm'))}; "
        f"sarana dan prasarana: {_pct(_total(result, '3.17', 'persen'))}",
        f"- Catatan pemeriksaan isian: {result.warnings} peringatan (lihat sheet Pemeriksaan).",
        "",
        "Demikian, atas perhatiannya kami sampaikan terima kasih.",
        "",
        f"{d.identitas.get('kepala_jabatan') or d.opd}",
    ]
    msg.set_content("\n".join(lines))
    msg.add_attachment(workbook, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=workbook_name)
    if inputs:
        msg.add_attachment(inputs[1], maintype="application", subtype="zip", filename=inputs[0])
    return msg


def eml_bytes(result: Result, workbook_name: str, workbook: bytes, today: dt.date,
              inputs: tuple[str, bytes] | None = None) -> bytes:
    """The draft email, carrying ``workbook`` (the bytes that go into place beside it) and the zip of the
    input workbooks as attachments."""
    return build_message(result, workbook_name, workbook, today, inputs).as_bytes()
