"""The template set's `html/base.css` as the PDF's default styles, in place of WeasyPrint's HTML5 ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML

BASE_NAME = "base.css"


class TemplateHTML(HTML):
    """An HTML document whose default (user-agent) styles are `base`, or WeasyPrint's when it is None."""

    def __init__(self, base: CSS | None, **kwargs: Any):
        super().__init__(**kwargs)
        self.base = base

    # WeasyPrint's private hook for the user-agent stylesheets (weasyprint/__init__.py, HTML);
    # tests/test_pdf.py::test_base_stylesheet_replaces_weasyprints fails if it stops being called.
    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [self.base] if self.base is not None else super()._ua_stylesheets(forms)


def base_stylesheet(folders: list[Path], **kwargs: Any) -> CSS | None:
    """The first base.css of the set's HTML folders (own, then its bases'), parsed; None when none has one."""
    path = next((folder / BASE_NAME for folder in folders if (folder / BASE_NAME).is_file()), None)
    if path is None:
        return None
    return CSS(string=path.read_text(encoding="utf-8"), base_url=str(path.parent), **kwargs)
