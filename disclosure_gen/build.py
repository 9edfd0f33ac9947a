"""Building: compose a checked department once and write it in each requested format."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from dataclasses import dataclass

from .compose import compose
from .compose.docmodel import Document
from .glyphs import MissingGlyphsError, fields_with
from .pipeline import Prepared
from .templateset import TemplateSet
from .writers.archive import write_atomically
from .writers.docx import docx_bytes

FORMATS = ("docx", "pdf")

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class BuildOptions:
    """What to build: formats, and the PDF variants (PDF/A-2b, tagged)."""

    formats: tuple[str, ...] = FORMATS
    pdf_a: bool = False
    tagged: bool = False


def _docx(document: Document, template: TemplateSet, options: BuildOptions) -> bytes:
    return docx_bytes(document, template)


def _pdf(document: Document, template: TemplateSet, options: BuildOptions) -> bytes:
    from .writers.pdf import PdfOptions, pdf_bytes  # WeasyPrint loads only when a PDF is asked for

    return pdf_bytes(document, template, PdfOptions(pdf_a=options.pdf_a, tagged=options.tagged))


WRITERS: dict[str, Callable[[Document, TemplateSet, BuildOptions], bytes]] = {"docx": _docx, "pdf": _pdf}


def output_stem(department: str, year: int) -> str:
    """`<department>-<year>`, safe as a file name on Windows and Linux, never leaving its folder."""
    name = unicodedata.normalize("NFC", department)
    name = _UNSAFE.sub("_", name).strip().strip(".").replace("..", "_")
    name = name[:100] or "部门"
    if _RESERVED.match(name):
        name = f"_{name}"
    return f"{name}-{year}"


def render(prepared: Prepared, options: BuildOptions = BuildOptions()) -> dict[str, bytes]:
    """The department's document in each format, composed once; requires a checked department."""
    assert prepared.figures is not None and prepared.data is not None and prepared.template is not None
    document = compose(prepared.data, prepared.figures, prepared.template)
    try:
        return {fmt: WRITERS[fmt](document, prepared.template, options) for fmt in options.formats}
    except MissingGlyphsError as exc:  # the writer knows the characters; the input knows where they are
        raise MissingGlyphsError(exc.characters, fields_with(prepared.data.model_dump(by_alias=True), exc.characters)) from None


def write_outputs(prepared: Prepared, options: BuildOptions, folder: Path) -> list[Path]:
    """Renders every format first, then writes each file atomically; returns the paths written."""
    assert prepared.data is not None
    outputs = render(prepared, options)
    stem = output_stem(prepared.data.department.name, prepared.data.department.year)
    written = []
    for fmt, data in outputs.items():
        path = folder / f"{stem}.{fmt}"
        write_atomically(path, data)
        written.append(path)
    return written
