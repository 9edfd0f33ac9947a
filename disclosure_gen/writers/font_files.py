"""WeasyPrint made to read a whole font file only when it embeds the whole file, not to subset it."""

from __future__ import annotations

import threading
from typing import Any

from weasyprint.pdf import fonts as _pdf_fonts
from weasyprint.text.fonts import get_hb_object_data

_in_font_init = threading.local()


def read_font_files_on_demand() -> None:
    """Makes `Font.file_content` read the font file when first asked for instead of when drawing starts.

    WeasyPrint's `Font` (private: `weasyprint/pdf/fonts.py`) copies the whole font file into Python
    bytes as soon as a font is drawn, though the HarfBuzz subsetter works on the face itself and only
    the subset is embedded. With the Noto CJK collections (17–27 MB each, four of them per document)
    that copy, and the file pages it touches, were half of the renderer's peak memory. Idempotent.
    `tests/test_pdf.py::test_font_files_are_not_copied_whole` fails if WeasyPrint changes this.
    """
    font = _pdf_fonts.Font
    if isinstance(font.__dict__.get("file_content"), property):
        return
    copy_on_init = font.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        _in_font_init.active = True
        try:
            copy_on_init(self, *args, **kwargs)
        finally:
            _in_font_init.active = False

    _pdf_fonts.get_hb_object_data = _face_data
    font.__init__ = init
    font.file_content = property(_file_content, _set_file_content)


def _face_data(*args: Any, **kwargs: Any) -> bytes | None:
    """WeasyPrint's own, except in `Font.__init__`, whose one call reads the whole file for later."""
    if getattr(_in_font_init, "active", False):
        return None
    return get_hb_object_data(*args, **kwargs)


def _file_content(font: Any) -> bytes:
    if font.__dict__.get("_file_content") is None:
        font._file_content = get_hb_object_data(font.hb_face)
    return font._file_content


def _set_file_content(font: Any, value: bytes | None) -> None:
    font._file_content = value
