"""Building: compose a checked department once and write it in each requested format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dataclasses import dataclass

from .compose import compose
from .compose.docmodel import Document
from .names import output_stem
from .pipeline import Prepared
from .templateset import TemplateSet
from .writers.archive import write_together
from .writers.docx import docx_bytes

FORMATS = ("docx", "pdf")


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


def render(prepared: Prepared, options: BuildOptions = BuildOptions()) -> dict[str, bytes]:
    """The department's document in each format, composed once; requires a checked department."""
    assert prepared.figures is not None and prepared.data is not None and prepared.template is not None
    document = compose(prepared.data, prepared.figures, prepared.template)
    return {fmt: WRITERS[fmt](document, prepared.template, options) for fmt in options.formats}


def write_outputs(prepared: Prepared, options: BuildOptions, folder: Path) -> list[Path]:
    """Renders every format first, then writes them all or none (`write_together`); returns the paths."""
    assert prepared.data is not None
    outputs = render(prepared, options)
    stem = output_stem(prepared.data.department.name, prepared.data.department.year)
    files = {folder / f"{stem}.{fmt}": data for fmt, data in outputs.items()}
    write_together(files)
    return list(files)
