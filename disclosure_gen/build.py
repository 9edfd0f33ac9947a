"""Building: compose a checked department once and write it in each requested format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .compose import compose
from .compose.docmodel import Document
from .errors import Location
from .names import output_stem
from .glyphs import MissingGlyphsError, fields_with
from .pipeline import Prepared
from .problems import Level, Problem
from .sandbox import TemplateRenderError, template_errors
from .templateset import TemplateSet
from .writers.archive import write_together
from .writers.docx import docx_bytes

FORMATS = ("docx", "pdf")
TEMPLATE_CHECK = "template"


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
    """The department's document in each format, composed once; requires a checked department.

    A template that breaks the sandbox or fails raises TemplateRenderError, before anything is written.
    """
    assert prepared.figures is not None and prepared.data is not None and prepared.template is not None
    with template_errors():
        document = compose(prepared.data, prepared.figures, prepared.template)
        try:
            return {fmt: WRITERS[fmt](document, prepared.template, options) for fmt in options.formats}
        except MissingGlyphsError as exc:  # the writer knows the characters; the input knows where they are
            raise MissingGlyphsError(exc.characters, fields_with(prepared.data.model_dump(by_alias=True), exc.characters)) from None


def rehearse(prepared: Prepared) -> Prepared:
    """Check's dry run of the text templates (nothing written): a template that fails is an error, as in build."""
    if not prepared.ok:
        return prepared
    assert prepared.figures is not None and prepared.data is not None and prepared.template is not None
    try:
        with template_errors():
            compose(prepared.data, prepared.figures, prepared.template)
    except TemplateRenderError as exc:
        problem = Problem(TEMPLATE_CHECK, Level.ERROR, Location(prepared.path, None, "部门.模板"), str(exc))
        return replace(prepared, figures=None, problems=(*prepared.problems, problem))
    return prepared


def output_files(prepared: Prepared, options: BuildOptions) -> dict[str, bytes]:
    """Every format rendered, by output file name (`<department>-<year>.<format>`); nothing written."""
    assert prepared.data is not None
    stem = output_stem(prepared.data.department.name, prepared.data.department.year)
    return {f"{stem}.{fmt}": data for fmt, data in render(prepared, options).items()}


def write_outputs(prepared: Prepared, options: BuildOptions, folder: Path) -> list[Path]:
    """Renders every format first, then writes them all or none (`write_together`); returns the paths."""
    files = {folder / name: data for name, data in output_files(prepared, options).items()}
    write_together(files)
    return list(files)
