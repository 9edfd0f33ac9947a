"""Every use of WeasyPrint's private names, in one module, for the one WeasyPrint version it was written against.

The font and used-values hooks change how WeasyPrint works only inside `hooks_active()`, in the
thread that entered it: elsewhere in the process (another thread, an embedding program's own
WeasyPrint documents) they hand straight over to WeasyPrint's own code.

- Font files are read when first needed, not copied whole when a font is first drawn (peak memory
  of a PDF 296 → 151 MB with the four Noto CJK collections).
- Used lengths are resolved inline (a copy of `weasyprint/layout/percent.py`'s
  `resolve_percentages`): 0.03–0.16 s of 1.2–1.4 s per document, measured in fresh processes.
- The set's `base.css` replaces WeasyPrint's user-agent stylesheets, and HTML that is well-formed
  XML is parsed by the standard library (`TemplateHTML`, used only by our PDF writer).
- The characters no font had (`missing_characters`), so a PDF never prints boxes for glyphs.

tests/writers/test_weasyprint_compat.py has a test per hook that fails when WeasyPrint changes under it.
"""

from __future__ import annotations

import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from math import inf
from typing import Any

import cssselect2
import weasyprint
from weasyprint import CSS, HTML, _find_base_url
from weasyprint.css.functions import check_math
from weasyprint.css.properties import Dimension
from weasyprint.formatting_structure.boxes import Box, PageBox
from weasyprint.layout import percent
from weasyprint.pdf import fonts as _pdf_fonts
from weasyprint.text.fonts import get_hb_object_data
from weasyprint.urls import URLFetcher

from ..errors import PdfRenderError

# Pinned exactly in pyproject.toml; move both together, after reading what changed in the hooks below.
WEASYPRINT_VERSION = "70.0"
# sha256 of the weasyprint/layout/percent.py that `_resolve_percentages` copies (WeasyPrint 70.0).
PERCENT_PY_SHA256 = "bac190e240dce17b4342feb99423e8232433d3727c0833897f50fed88cb163a2"

_RESOLVE_PERCENTAGES = percent.resolve_percentages
_FONT_INIT = _pdf_fonts.Font.__init__
_BORDER_WIDTHS = ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width")
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
def hooks_active(inline_used_values: bool = True) -> Iterator[None]:
    """In the body, and in this thread only, WeasyPrint reads fonts on demand and resolves used lengths inline."""
    check_version()
    _install()
    previous = getattr(_thread, "active", False), getattr(_thread, "inline_used_values", False)
    _thread.active, _thread.inline_used_values = True, inline_used_values
    try:
        yield
    finally:
        _thread.active, _thread.inline_used_values = previous


def _install() -> None:
    """Puts the pass-through hooks into WeasyPrint's modules, once per process."""
    with _installing:
        if isinstance(_pdf_fonts.Font.__dict__.get("file_content"), property):
            return
        _pdf_fonts.Font.__init__ = _font_init
        _pdf_fonts.Font.file_content = property(_file_content, _set_file_content)
        _pdf_fonts.get_hb_object_data = _face_data
        for name, module in list(sys.modules.items()):
            if name.startswith("weasyprint.") and getattr(module, "resolve_percentages", None) is _RESOLVE_PERCENTAGES:
                module.resolve_percentages = _resolve_percentages


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


# Used values: WeasyPrint resolves 13 lengths of every box it lays out (8,000 boxes per document)
# through two calls and a `getattr` each; plain lengths and percentages are answered here inline,
# everything else (`calc()`, `auto`, `none`) by WeasyPrint's `percentage`, so boxes get the same values.


def _resolve_percentages(box: Any, containing_block: Any) -> None:
    """Sets the box's used margins, paddings, sizes and border widths, as WeasyPrint's own does."""
    if not (_active() and _thread.inline_used_values):
        return _RESOLVE_PERCENTAGES(box, containing_block)
    if isinstance(containing_block, Box):
        cb_width, cb_height = containing_block.width, containing_block.height
    else:
        cb_width, cb_height = containing_block
    maybe_height = cb_height if isinstance(box, PageBox) else cb_width
    style = box.style
    box.margin_left = _used(style["margin_left"], style, cb_width)
    box.margin_right = _used(style["margin_right"], style, cb_width)
    box.margin_top = _used(style["margin_top"], style, maybe_height)
    box.margin_bottom = _used(style["margin_bottom"], style, maybe_height)
    box.padding_left = _used(style["padding_left"], style, cb_width)
    box.padding_right = _used(style["padding_right"], style, cb_width)
    box.padding_top = _used(style["padding_top"], style, maybe_height)
    box.padding_bottom = _used(style["padding_bottom"], style, maybe_height)
    box.width = _used(style["width"], style, cb_width)
    box.min_width = _used_minimum(style["min_width"], style, cb_width)
    box.max_width = _used(style["max_width"], style, cb_width)
    if cb_height == "auto":
        box.height = _height_in_auto_block(style["height"])
        box.min_height = _used_minimum(style["min_height"], style, 0)
        box.max_height = _used(style["max_height"], style, inf)
    else:
        box.height = _used(style["height"], style, cb_height)
        box.min_height = _used_minimum(style["min_height"], style, cb_height)
        box.max_height = _used(style["max_height"], style, cb_height)
    collapse = style["border_collapse"] == "collapse"
    for name in _BORDER_WIDTHS:
        if not (collapse and hasattr(box, name)):  # collapsed widths were set by border conflict resolution
            setattr(box, name, style[name])
    percent.adjust_box_sizing(box, "width")
    percent.adjust_box_sizing(box, "height")


def _used(value: Any, style: Any, refer_to: Any) -> Any:
    """WeasyPrint's `percentage`, with plain lengths and percentages answered without a call."""
    if value.__class__ is Dimension:
        unit = value.unit
        if unit == "%":
            return refer_to * value.value / 100
        if unit is not None:
            return value.value
    return percent.percentage(value, style, refer_to)


def _used_minimum(value: Any, style: Any, refer_to: Any) -> Any:
    used = _used(value, style, refer_to)
    return 0 if used == "auto" else used


def _height_in_auto_block(height: Any) -> Any:
    """A height inside a block whose own height depends on its content: percentages become auto."""
    if height == "auto" or check_math(height) or height.unit == "%":
        return "auto"
    assert height.unit.lower() == "px"
    return height.value


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
