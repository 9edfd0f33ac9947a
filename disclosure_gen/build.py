"""Building: compose a checked department once and write it in each requested format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .compose import compose
from .compose.context import template_names
from .compose.docmodel import Document
from .errors import Location, NotReadyError
from .names import output_stem
from .glyphs import MissingGlyphsError, fields_with
from .pipeline import Prepared, template_problem
from .sandbox import template_errors
from .templateset import TemplateError, TemplateSet
from .writers.archive import write_together
from .writers.docx import docx_bytes
from .writers.xlsx import published_tables, xlsx_bytes

FORMATS = ("docx", "pdf", "xlsx")
DEFAULT_FORMATS = ("docx", "pdf")
APART_SUFFIX = "-预算公开表"  # the tables published apart: <部门>-<年度>-预算公开表.docx


@dataclass(frozen=True)
class BuildOptions:
    """What to build: formats, and the PDF variants (PDF/A-2b, tagged)."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    pdf_a: bool = False
    tagged: bool = False


def _docx(document: Document, template: TemplateSet, options: BuildOptions) -> bytes:
    return docx_bytes(document, template)


def _pdf(document: Document, template: TemplateSet, options: BuildOptions) -> bytes:
    from .writers.pdf import PdfOptions, pdf_bytes  # WeasyPrint loads only when a PDF is asked for

    return pdf_bytes(document, template, PdfOptions(pdf_a=options.pdf_a, tagged=options.tagged))


def _xlsx(document: Document, template: TemplateSet, options: BuildOptions) -> bytes:
    return xlsx_bytes(document, template)


WRITERS: dict[str, Callable[[Document, TemplateSet, BuildOptions], bytes]] = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx}


def render(prepared: Prepared, options: BuildOptions = BuildOptions(), apart: bool = False) -> dict[str, bytes]:
    """The department's document in each format, composed once; requires a checked department.

    A format with nothing to hold is left out (a workbook of a document without tables).

    With `apart`, the document of the parts the template set publishes apart (the tables) instead.
    A template that breaks the sandbox or fails raises TemplateRenderError, before anything is written;
    a department that is not ready (errors, or not checked) raises NotReadyError.
    """
    _require_ready(prepared)
    with template_errors(template_names()):
        document = compose(prepared.data, prepared.figures, prepared.template, apart)
        try:
            return {fmt: WRITERS[fmt](document, prepared.template, options) for fmt in options.formats if _holds(fmt, document)}
        except MissingGlyphsError as exc:  # the writer knows the characters; the input knows where they are
            raise MissingGlyphsError(exc.characters, fields_with(prepared.data.model_dump(by_alias=True), exc.characters)) from None


def _holds(fmt: str, document: Document) -> bool:
    """Whether the document has anything for this format: a workbook holds tables, so a text-only document has none."""
    return fmt != "xlsx" or bool(published_tables(document))


def _require_ready(prepared: Prepared) -> None:
    """Refuses a department that check has not passed: there is nothing right to print."""
    if prepared.figures is None or prepared.data is None or prepared.template is None:
        raise NotReadyError(prepared.path)


def documents(prepared: Prepared) -> dict[bool, str]:
    """The documents a department's template set publishes: `apart` → the file-name suffix after `<部门>-<年度>`."""
    _require_ready(prepared)
    return {False: "", True: APART_SUFFIX} if prepared.template.parts.tables_apart else {False: ""}


def rehearse(prepared: Prepared) -> Prepared:
    """Check's dry run of the text templates (nothing written): a template that fails is an error, as in build."""
    if not prepared.ok:
        return prepared
    _require_ready(prepared)
    try:
        with template_errors(template_names()):
            for apart in documents(prepared):
                compose(prepared.data, prepared.figures, prepared.template, apart)
    except TemplateError as exc:  # the set's fault: reported against the set's file and line
        problem = template_problem(exc, Location(prepared.template.folders[0], None, ""))
        return replace(prepared, figures=None, problems=(*prepared.problems, problem))
    return prepared


def output_files(prepared: Prepared, options: BuildOptions) -> dict[str, bytes]:
    """Every document in every format rendered, by output file name (`<部门>-<年度>[-预算公开表].<format>`); nothing written."""
    _require_ready(prepared)
    stem = output_stem(prepared.data.department.name, prepared.data.department.year)
    return {
        f"{stem}{suffix}.{fmt}": data
        for apart, suffix in documents(prepared).items()
        for fmt, data in render(prepared, options, apart).items()
    }


def write_outputs(prepared: Prepared, options: BuildOptions, folder: Path) -> list[Path]:
    """Renders every document in every format first, then writes them all or none (`write_together`); returns the paths."""
    files = {folder / name: data for name, data in output_files(prepared, options).items()}
    write_together(files)
    return list(files)
