"""The PDF writer's HTML and default styles: the set's `base.css`, and HTML read by the XML parser when it can be."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

from weasyprint import CSS

BASE_NAME = "base.css"


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
