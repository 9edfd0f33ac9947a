"""Every use of WeasyPrint's private names, in one module, for the one WeasyPrint version it was written against.

- Font files are read when first needed, not copied whole when a font is first drawn (peak memory
  of a PDF 296 → 151 MB with the four Noto CJK collections). Only inside `hooks_active()`, in the
  thread that entered it: elsewhere in the process (another thread, an embedding program's own
  WeasyPrint documents) the hook hands straight over to WeasyPrint's own code.
- The set's `base.css` replaces WeasyPrint's user-agent stylesheets, and HTML that is well-formed
  XML is parsed by the standard library (`TemplateHTML`, used only by our PDF writer).
- The characters no font had (`missing_characters`), so a PDF never prints boxes for glyphs.

A copy of WeasyPrint's `resolve_percentages` (used lengths resolved inline) was dropped: builds
alternating with and without it in one process took the same CPU time (median difference 0.002 s).

tests/test_weasyprint_compat.py has a test per hook that fails when WeasyPrint changes under it.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import cssselect2
import weasyprint
from weasyprint import CSS, HTML, _find_base_url
from weasyprint.pdf import fonts as _pdf_fonts
from weasyprint.text.fonts import get_hb_object_data
from weasyprint.urls import URLFetcher

from ..errors import PdfRenderError

# Pinned exactly in pyproject.toml; move both together, after reading what changed in the hooks below.
WEASYPRINT_VERSION = "70.0"
_FONT_INIT = _pdf_fonts.Font.__init__
_thread = threading.local()
_installing = threading.Lock()


def check_version() -> None:
    """Refuses to render with a WeasyPrint other than the one the hooks were written against."""
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise PdfRenderError(
            f"本工具按 WeasyPrint {WEASYPRINT_VERSION} 编写，当前安装的是 {weasyprint.__version__}；"
            "请运行 bash scripts/setup.sh 安装经过测试的版本"
        )


@contextmanager
def hooks_active() -> Iterator[None]:
    """In the body, and in this thread only, WeasyPrint reads font files on demand."""
    check_version()
    _install()
    previous = _active()
    _thread.active = True
    try:
        yield
    finally:
        _thread.active = previous


def _install() -> None:
    """Puts the pass-through font hook into WeasyPrint, once per process."""
    with _installing:
        if isinstance(_pdf_fonts.Font.__dict__.get("file_content"), property):
            return
        _pdf_fonts.Font.__init__ = _font_init
        _pdf_fonts.Font.file_content = property(_file_content, _set_file_content)
        _pdf_fonts.get_hb_object_data = _face_data


def _active() -> bool:
    return getattr(_thread, "active", False)


# Font files: WeasyPrint's `Font.__init__` copies the whole file into `file_content` through its one
# call of `get_hb_object_data`; the HarfBuzz subsetter works on the face and never needs the copy.


def _font_init(self: Any, *args: Any, **kwargs: Any) -> None:
    _thread.in_font_init = _active()
    try:
        _FONT_INIT(self, *args, **kwargs)
    finally:
        _thread.in_font_init = False


def _face_data(*args: Any, **kwargs: Any) -> bytes | None:
    """WeasyPrint's own, except inside `Font.__init__` under the hooks, whose call reads the file for later."""
    if getattr(_thread, "in_font_init", False):
        return None
    return get_hb_object_data(*args, **kwargs)


def _file_content(font: Any) -> bytes:
    if font.__dict__.get("_file_content") is None:
        font._file_content = get_hb_object_data(font.hb_face)
    return font._file_content


def _set_file_content(font: Any, value: bytes | None) -> None:
    font._file_content = value


def missing_characters(rendered: Any) -> set[str]:
    """The characters of a rendered document that no font had (WeasyPrint's `Font.missing`)."""
    return {chr(code) for font in rendered.fonts.values() for code in font.missing}


class TemplateHTML(HTML):
    """An HTML document whose default (user-agent) styles are `base`, or WeasyPrint's when it is None.

    The built-in templates write HTML that is also well-formed XML, which the standard library's
    XML parser reads a hundred times faster than WeasyPrint's HTML5 parser into the same tree
    (`root`); without a root, WeasyPrint parses `string` as before.
    """

    def __init__(self, base: CSS | None, root: ElementTree.Element | None, string: str, base_url: str | None, url_fetcher: URLFetcher):
        if root is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
        else:  # what weasyprint.HTML.__init__ does once tinyhtml5 has parsed the text
            self.base_url = _find_base_url(root, base_url)
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element
        self.base = base

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:  # WeasyPrint's hook for the default styles
        return [self.base] if self.base is not None else super()._ua_stylesheets(forms)
