"""WeasyPrint's HTML document as the PDF writer uses it: the set's `base.css` as default styles, parsed fast."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import cssselect2
from weasyprint import CSS, HTML, _find_base_url
from weasyprint.urls import URLFetcher

BASE_NAME = "base.css"


class TemplateHTML(HTML):
    """An HTML document whose default (user-agent) styles are `base`, or WeasyPrint's when it is None.

    The built-in templates write HTML that is also well-formed XML (void elements closed with `/>`,
    no named entities), which the standard library's XML parser reads a hundred times faster than
    WeasyPrint's HTML5 parser into the same tree. A set's own HTML that is not well-formed XML is
    read by WeasyPrint's parser as before; tests/test_writers.py requires identical PDF bytes.
    """

    def __init__(self, base: CSS | None, string: str, base_url: str | None = None, url_fetcher: URLFetcher | None = None):
        root = well_formed_root(string)
        if root is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
        else:
            self._take_tree(root, base_url, url_fetcher or URLFetcher())
        self.base = base

    # What weasyprint.HTML.__init__ does once tinyhtml5 has parsed the text (weasyprint/__init__.py).
    def _take_tree(self, root: ElementTree.Element, base_url: str | None, url_fetcher: URLFetcher) -> None:
        self.base_url = _find_base_url(root, base_url)
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    # WeasyPrint's private hook for the user-agent stylesheets (weasyprint/__init__.py, HTML);
    # tests/test_pdf.py::test_base_stylesheet_replaces_weasyprints fails if it stops being called.
    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [self.base] if self.base is not None else super()._ua_stylesheets(forms)


def well_formed_root(text: str) -> ElementTree.Element | None:
    """The `<html>` element of `text` parsed as XML, or None when it is not an XML document of plain HTML."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    if root.tag != "html" or any("}" in element.tag for element in root.iter()):
        return None
    return root


def base_stylesheet(folders: list[Path], **kwargs: Any) -> CSS | None:
    """The first base.css of the set's HTML folders (own, then its bases'), parsed; None when none has one."""
    path = next((folder / BASE_NAME for folder in folders if (folder / BASE_NAME).is_file()), None)
    if path is None:
        return None
    return CSS(string=path.read_text(encoding="utf-8"), base_url=str(path.parent), **kwargs)
