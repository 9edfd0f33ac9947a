"""The files installed with the package (the built-in template sets), as file-system paths."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

_KEPT = ExitStack()
atexit.register(_KEPT.close)


@cache
def builtin_templates() -> Path:
    """The folder of the built-in template sets: `templates/` of the repository, package data once installed.

    Template sets are read as folders (jinja loaders, a set's base folders), so the package data is
    asked for as a path, valid for the life of the process.
    """
    return _KEPT.enter_context(as_file(files("disclosure_gen.templates")))
