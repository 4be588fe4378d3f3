"""The document-level structure of a PDF: XMP metadata, its language, dates and opening view.

reportlab writes the Info dictionary; this module gives the catalog what it does not: an XMP
``/Metadata`` stream that says the same as the Info dictionary, one ``/Lang``, the document's
date in both, and a viewer that opens on the bookmarks with the title in its window.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

from reportlab.pdfbase.pdfdoc import XMP, PDFInfo

from doctool.render.brief import Metadata
from doctool.render.oxml import xml_safe

#: the Producer of the Info dictionary and the XMP: reportlab's own name for itself
PRODUCER: str = PDFInfo.producer
#: the Creator of the Info dictionary, xmp:CreatorTool in the XMP
CREATOR = "doctool"
#: the date a PDF made without one records: reportlab's own invariant date
UNDATED = dt.datetime(2000, 1, 1)

#: a BCP 47 tag of the form the metadata carries: a language with an optional region or script
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language_tags(language: str) -> tuple[str, ...]:
    """The valid language tags in a metadata language field ("zh-CN, en-US": both)."""
    tags = (tag.strip() for tag in language.split(","))
    return tuple(tag for tag in tags if _TAG.match(tag))


def document_language(language: str, fallback: str) -> str:
    """The one tag for the catalog's ``/Lang``: the first of the field's, else ``fallback``."""
    tags = language_tags(language)
    return tags[0] if tags else fallback


def pdf_date(when: dt.datetime) -> str:
    """``when`` (naive UTC) as a PDF date string, as the Info dictionary stores it."""
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def xmp_date(when: dt.datetime) -> str:
    """``when`` (naive UTC) as an XMP date."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _qname(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _container(parent: ET.Element, name: str, kind: str, items: tuple[str, ...],
               *, default_lang: bool = False) -> None:
    """A property holding an rdf:Alt, rdf:Seq or rdf:Bag of ``items``."""
    holder = ET.SubElement(ET.SubElement(parent, _qname(name)), _qname(f"rdf:{kind}"))
    for item in items:
        li = ET.SubElement(holder, _qname("rdf:li"))
        if default_lang:
            li.set(_XML_LANG, "x-default")
        li.text = xml_safe(item)


def xmp_packet(meta: Metadata, created: dt.datetime, fallback_lang: str) -> bytes:
    """The XMP packet (UTF-8) for ``meta``, saying what the Info dictionary says."""
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_qname("x:xmpmeta"))
    rdf = ET.SubElement(root, _qname("rdf:RDF"))
    desc = ET.SubElement(rdf, _qname("rdf:Description"), {_qname("rdf:about"): ""})
    ET.SubElement(desc, _qname("dc:format")).text = "application/pdf"
    _container(desc, "dc:title", "Alt", (meta.title,), default_lang=True)
    _container(desc, "dc:creator", "Seq", (meta.author,))
    if meta.subject:
        _container(desc, "dc:description", "Alt", (meta.subject,), default_lang=True)
    _container(desc, "dc:language", "Bag", language_tags(meta.language) or (fallback_lang,))
    stamp = xmp_date(created)
    for name, value in (
        ("xmp:CreateDate", stamp),
        ("xmp:ModifyDate", stamp),
        ("xmp:MetadataDate", stamp),
        ("xmp:CreatorTool", CREATOR),
        ("pdf:Producer", PRODUCER),
        ("pdf:Keywords", xml_safe(", ".join(meta.keywords))),
    ):
        ET.SubElement(desc, _qname(name)).text = value
    body = ET.tostring(root, encoding="unicode")
    # the packet wrapper lets a reader that knows nothing of PDF find the metadata
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + body
        + '\n<?xpacket end="r"?>'
    ).encode("utf-8")


def apply(canv: Any, meta: Metadata, created: dt.datetime, fallback_lang: str, *,
          outline: bool) -> None:
    """Give ``canv``'s document its XMP, ``/Lang``, dates and opening view.

    ``outline``: the document has bookmarks, so it opens with their pane showing.
    """
    language = document_language(meta.language, fallback_lang)
    canv.setCatalogEntry("Lang", language)
    # reportlab formats the Info dates from its own clock; the document's date replaces it
    stamp = pdf_date(created)
    canv.setDateFormatter(lambda *_: stamp)
    # the file identifier follows the date as it follows the title
    canv._doc.updateSignature(stamp)
    xmp = xmp_packet(meta, created, language)
    # left unfiltered (reportlab compresses only page streams), as PDF/A asks of metadata
    canv.setCatalogEntry("Metadata", XMP(creator=lambda doc: xmp))
    if outline:
        canv.showOutline()
