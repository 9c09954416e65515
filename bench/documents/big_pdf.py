#!/usr/bin/env python3
"""Writes a text PDF of about SIZE_MB megabytes (uncompressed content streams, 50
lines of Helvetica per page, ~6.5 KB per page) from the demo corpus sources, for the
peak-RSS measurement in docs/benchmarks.md. Usage: big_pdf.py OUT.pdf [SIZE_MB]"""
import glob
import sys
import textwrap


def escape(line):
    data = line.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def main():
    out_path = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 50) * 1024 * 1024)
    sources = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("demo/src/*.md")) if "/ar-" not in p]
    lines = []
    for text in sources:
        for para in text.split("\n\n"):
            para = " ".join(para.replace("#", "").replace("*", "").split())
            if para:
                lines.extend(textwrap.wrap(para, 92))
                lines.append("")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def obj(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids, number, cursor = [], 4, 0
    while len(out) < target:
        ops = []
        y = 790
        for _ in range(50):
            y -= 14
            ops.append(b"BT /F1 11 Tf 60 %d Td (%s) Tj ET" % (y, escape(lines[cursor % len(lines)])))
            cursor += 1
        stream = b"\n".join(ops)
        obj(number, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        obj(number + 1, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 3 0 R >> >> >>" % number)
        kids.append(number + 1)
        number += 2
    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    xref = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % number)
    for n in range(1, number):
        out.extend(b"%010d 00000 n \n" % offsets[n])
    out.extend(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (number, xref))
    open(out_path, "wb").write(out)
    print(f"{out_path}: {len(kids)} pages, {len(out) / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
