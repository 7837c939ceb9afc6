#!/usr/bin/env python3
"""Writes the e-mail fixtures of this folder with Python's email package
(a maintained MIME writer, not dpa's own): an invented supplier's message
carrying its agreement as DOCX (a non-ASCII file name, RFC 2231) and a PDF,
a logo shown inline in the HTML body, and a forwarded message
(message/rfc822) carrying an RTF in quoted-printable. Run from the
repository root: python3 testdata/email/make.py"""
import email.policy
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

root = "testdata/"
def read(p):
    with open(root + p, "rb") as f:
        return f.read()

inner = EmailMessage(policy=email.policy.SMTP)
inner["From"] = "Leerlijn Support <support@leerlijn.example>"
inner["To"] = "ict@obs-deklimop.example"
inner["Subject"] = "Verwerkersovereenkomst Leerlijn"
inner["Date"] = format_datetime(datetime(2023, 5, 2, 9, 30, tzinfo=timezone(timedelta(hours=2))))
inner["Message-ID"] = "<leerlijn-2023@leerlijn.example>"
inner.set_content("Beste school,\n\nIn de bijlage vindt u de verwerkersovereenkomst.\n\nMet vriendelijke groet,\nLeerlijn\n")
inner.add_attachment(read("formats/leerlijn-verwerkersovereenkomst.rtf"), maintype="application", subtype="rtf",
                     filename="leerlijn-verwerkersovereenkomst.rtf", cte="quoted-printable")

msg = EmailMessage(policy=email.policy.SMTP)
msg["From"] = "=?utf-8?q?Vakwerk_Digitaal_B=2EV=2E?= <contracten@vakwerkdigitaal.example>"
msg["To"] = "Bestuursbureau <privacy@stichting-eemland.example>"
msg["Subject"] = "Getekende verwerkersovereenkomst – Vakwerkplaats"
msg["Date"] = format_datetime(datetime(2024, 3, 14, 16, 5, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<vakwerk-2024-03@vakwerkdigitaal.example>"
msg.set_content("Geachte heer, mevrouw,\n\nHierbij ontvangt u de getekende overeenkomst en, doorgestuurd, die van Leerlijn.\n\nMet vriendelijke groet,\nVakwerk Digitaal\n")
msg.add_alternative('<p>Geachte heer, mevrouw,</p><p>Hierbij ontvangt u de getekende overeenkomst.</p><img src="cid:logo">', subtype="html")
html = msg.get_payload()[1]
# A logo shown in the body: not a document.
html.add_related(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, maintype="image", subtype="png", cid="<logo>")
msg.add_attachment(read("formats/vakwerkplaats-model4.docx"), maintype="application",
                   subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                   filename="Verwerkersovereenkomst Vakwerkplaats – getekend.docx")
msg.add_attachment(read("layouts/bullets.pdf"), maintype="application", subtype="pdf", filename="bullets.pdf")
msg.add_attachment(b"PK\x03\x04" + b"\x00" * 40, maintype="application", subtype="zip", filename="logo-pakket.zip")
msg.add_attachment(inner, filename="Doorgestuurd.eml")

with open(root + "email/vakwerkplaats.eml", "wb") as f:
    f.write(msg.as_bytes(policy=email.policy.SMTP))
