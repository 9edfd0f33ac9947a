"""disclosure-gen: department budget disclosures (部门预算公开) as DOCX and PDF from checked YAML data.

The API for embedding: `prepare` loads, checks and derives one department file and never raises
for bad input (its problems are in `Prepared.problems`); `render` gives the bytes of each format;
`write_outputs` writes them atomically into a folder. Only the names in `__all__` are public.
"""

from importlib.metadata import version

from .build import DEFAULT_FORMATS, FORMATS, BuildOptions, render, write_outputs
from .errors import DisclosureError, InputFileError, Location, NotReadyError, PdfRenderError
from .pipeline import Prepared, prepare
from .problems import Level, Problem
from .templateset import InvalidTemplateError, TemplateError, UnknownTemplateError

__version__ = version("disclosure-gen")

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "BuildOptions",
    "DisclosureError",
    "InputFileError",
    "InvalidTemplateError",
    "Level",
    "Location",
    "NotReadyError",
    "PdfRenderError",
    "Prepared",
    "Problem",
    "TemplateError",
    "UnknownTemplateError",
    "__version__",
    "prepare",
    "render",
    "write_outputs",
]
