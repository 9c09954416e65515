"""Minimal, dependency-free writers for the formats Sanad ingests.

Turns a small Markdown subset (ATX headings, paragraphs, "- " / "1. " lists, pipe
tables) into PDF (standard Helvetica fonts, WinAnsi encoding: Latin scripts only),
DOCX (WordprocessingML with heading styles, numbered lists and tables) and HTML (with
navigation/header/footer boilerplate that an extractor must drop). Python 3 standard
library only, so the generators run anywhere the project builds. Output is
deterministic (fixed timestamps) so regenerated files do not churn in git.
"""

import html
import re
import zipfile
import zlib

FIXED_DATE = (2026, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- Markdown model
def parse_markdown(text):
    """Returns a list of blocks: ("h", level, text) | ("p", text) | ("li", ordered, text)
    | ("table", rows)."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()
        if table:
            blocks.append(("table", list(table)))
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            continue
        if line.startswith("|"):
            if para:
                flush()
            if re.match(r"^\|[\s\-:|]+\|?$", line):
                continue
            table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        m = re.match(r"^(?:[-*]|(\d+)\.)\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("li", m.group(1) is not None, m.group(2)))
            continue
        if table:
            flush()
        para.append(line)
    flush()
    return blocks


def plain(text):
    """Inline Markdown reduced to text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "").replace("`", "")


# ---------------------------------------------------------------- PDF
def _pdf_escape(s):
    data = s.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrap(text, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def pdf_from_pages(pages_ops):
    """pages_ops: list of content-stream byte strings. Fonts: /F1 Helvetica,
    /F2 Helvetica-Bold. Returns the PDF bytes."""
    objects = []  # object bodies, 1-based ids

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages = add(None)
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for ops in pages_ops:
        stream = zlib.compress(ops)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages, content, f1, f2)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def pdf_from_markdown(text, title=None):
    top, bottom, left = 790, 60, 60
    pages, ops, y = [], [], top

    def new_page():
        nonlocal ops, y
        if ops:
            pages.append(b"\n".join(ops))
        ops, y = [], top

    def line(s, font=b"F1", size=11, indent=0, gap=15):
        nonlocal y
        if y - gap < bottom:
            new_page()
        y -= gap
        ops.append(b"BT /%s %d Tf %d %d Td (%s) Tj ET" % (font, size, left + indent, y, _pdf_escape(s)))

    number = 0
    for block in parse_markdown(text):
        kind = block[0]
        number = number + 1 if kind == "li" and block[1] else 0
        if kind == "h":
            size = {1: 18, 2: 14}.get(block[1], 12)
            y -= 8
            line(plain(block[2]), b"F2", size, gap=size + 8)
        elif kind == "p":
            for ln in _wrap(plain(block[1]), 92):
                line(ln)
            y -= 6
        elif kind == "li":
            wrapped = _wrap(plain(block[2]), 86)
            for i, ln in enumerate(wrapped):
                marker = f"{number}. " if block[1] else "\u2022 "
                line((marker if i == 0 else "   ") + ln, indent=12)
        elif kind == "table":
            for row in block[1]:
                for ln in _wrap("   ".join(plain(c) for c in row), 92):
                    line(ln, indent=6)
            y -= 6
    new_page()
    return pdf_from_pages(pages)


# ---------------------------------------------------------------- DOCX
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def _styles(heading_word):
    """Heading styles named like Word does in English ("heading 1", id Heading1) or in
    French ("Titre 1", id Titre1)."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">',
             '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
             '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>']
    for n in range(1, 4):
        name = f"heading {n}" if heading_word == "Heading" else f"{heading_word} {n}"
        parts.append(f'<w:style w:type="paragraph" w:styleId="{heading_word}{n}"><w:name w:val="{name}"/>'
                     f'<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>')
    parts.append("</w:styles>")
    return "\n".join(parts)


def _run(text, rtl=False):
    rpr = "<w:rPr><w:rtl/></w:rPr>" if rtl else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _para(text, style=None, num=None, rtl=False):
    ppr = ""
    if style or num or rtl:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        if rtl:
            ppr += "<w:bidi/>"
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{_run(text, rtl)}</w:p>"


def docx_document_xml(text, heading_word="Titre", rtl=False):
    body = []
    for block in parse_markdown(text):
        kind = block[0]
        if kind == "h":
            body.append(_para(plain(block[2]), f"{heading_word}{min(block[1], 3)}", rtl=rtl))
        elif kind == "p":
            body.append(_para(plain(block[1]), rtl=rtl))
        elif kind == "li":
            body.append(_para(plain(block[2]), "ListParagraph", 2 if block[1] else 1, rtl=rtl))
        elif kind == "table":
            rows = []
            for row in block[1]:
                cells = "".join(f"<w:tc>{_para(plain(c), rtl=rtl)}</w:tc>" for c in row)
                rows.append(f"<w:tr>{cells}</w:tr>")
            body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
            f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>")


def docx_bytes(document_xml, heading_word="Titre", extra=None):
    """A DOCX (zip) with the given word/document.xml; `extra` maps more part names to
    contents."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, data):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        put("[Content_Types].xml", CONTENT_TYPES)
        put("_rels/.rels", ROOT_RELS)
        put("word/_rels/document.xml.rels", DOC_RELS)
        put("word/styles.xml", _styles(heading_word))
        put("word/numbering.xml", NUMBERING)
        put("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            put(name, data)
    return buf.getvalue()


def docx_from_markdown(text, heading_word="Titre", rtl=False):
    return docx_bytes(docx_document_xml(text, heading_word, rtl), heading_word)


# ---------------------------------------------------------------- HTML
def html_from_markdown(text, title, lang="fr", org="Coopérative Atlas"):
    direction = ' dir="rtl"' if lang == "ar" else ""
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>",
           "<style>body { font-family: sans-serif; max-width: 50em; margin: auto; }</style>",
           "<script>window.analytics = { page: 'handbook' };</script>\n</head>\n<body>",
           f'<header><a href="/">{html.escape(org)}</a> — intranet</header>',
           '<nav><ul><li><a href="/rh">RH</a></li><li><a href="/it">Informatique</a></li>'
           '<li><a href="/securite">Sécurité</a></li></ul></nav>',
           "<main>"]
    list_open = None
    for block in parse_markdown(text):
        kind = block[0]
        if kind != "li" and list_open:
            out.append(f"</{list_open}>")
            list_open = None
        if kind == "h":
            out.append(f"<h{block[1]}>{html.escape(plain(block[2]))}</h{block[1]}>")
        elif kind == "p":
            out.append(f"<p>{html.escape(plain(block[1]))}</p>")
        elif kind == "li":
            tag = "ol" if block[1] else "ul"
            if list_open != tag:
                if list_open:
                    out.append(f"</{list_open}>")
                out.append(f"<{tag}>")
                list_open = tag
            out.append(f"<li>{html.escape(plain(block[2]))}</li>")
        elif kind == "table":
            rows = block[1]
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{html.escape(plain(c))}</th>" for c in rows[0]) + "</tr>")
            for row in rows[1:]:
                out.append("<tr>" + "".join(f"<td>{html.escape(plain(c))}</td>" for c in row) + "</tr>")
            out.append("</table>")
    if list_open:
        out.append(f"</{list_open}>")
    out.append("</main>")
    out.append('<aside>Voir aussi : <a href="/faq">la FAQ</a></aside>')
    out.append(f"<footer>© 2026 {html.escape(org)} · document interne</footer>\n</body>\n</html>\n")
    return "\n".join(out)
