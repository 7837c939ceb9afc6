#!/usr/bin/python3
"""textpage.py OUT.pdf TEXT [SCAN.jpg...] writes an A4 PDF whose first page
has a text layer holding the lines of the file TEXT (Helvetica 11 pt,
WinAnsi encoding) and whose further pages are the grey JPEG scans given,
each drawn over the whole page as is (DCTDecode), as a copier would. The
cross-reference offsets are exact. make.sh uses it for the mixed fixture."""
import struct
import sys


def jpeg_size(data):
    """Width, height and components of a JPEG, from its SOF marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


def stream(dict_, data):
    return b"<< " + dict_ + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


out_path, text_path, scans = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(text_path, encoding="utf-8").read().rstrip("\n").split("\n")
ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
for line in lines:
    s = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    ops.append("(" + s.decode("latin-1") + ") Tj T*")
ops.append("ET")

# objects: 1 catalog, 2 pages, 3 font, then per page: page, content (, image)
objs = {1: None, 2: None, 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
kids = []
n = 4
objs[n], objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (n + 1),
                        stream(b"", "\n".join(ops).encode("latin-1")))
kids.append(n)
n += 2
for scan in scans:
    data = open(scan, "rb").read()
    w, h, comps = jpeg_size(data)
    cs = b"/DeviceGray" if comps == 1 else b"/DeviceRGB"
    objs[n] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (n + 2, n + 1)
    objs[n + 1] = stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    objs[n + 2] = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode" % (w, h, cs), data)
    kids.append(n)
    n += 3
objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)

out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i in range(1, n):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % n
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
open(out_path, "wb").write(out)
