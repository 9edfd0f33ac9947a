"""Incremental builds: a fingerprint of everything that shapes a department's output, kept per output folder."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from ..templateset import BUILTIN_TEMPLATES
from ..unitfiles import included_files
from ..writers.archive import TEMPORARY_NAME, TEMPORARY_PREFIX, write_atomically
from ..yamlsource import read_limited

STATE_NAME = ".disclosure-gen-state.json"
PACKAGE = Path(__file__).resolve().parent.parent
# While building, the state is saved at least SAVE_INTERVAL seconds apart, and the saves take at most
# SAVE_SHARE of the time: a save rewrites the whole state, so for a province of 20,000 departments it
# takes most of a second, and the wait after a save grows with how long the save took.
SAVE_INTERVAL = 1.0
SAVE_SHARE = 0.05
# The libraries whose code decides the bytes of the files written, besides the tool's own.
WRITING_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "python-docx", "openpyxl", "Jinja2")


def fingerprint(department: Path, defaults: dict[str, Any], settings: Any) -> str:
    """A hash of the tool, the input file (and its unit files), the county defaults and the settings (options, templates)."""
    digest = hashlib.sha256()
    digest.update(tool_fingerprint(PACKAGE, BUILTIN_TEMPLATES))
    content = _contents(department)
    digest.update(content)
    for name, unit_file in sorted(included_files(department, content).items()):  # its units' own files
        digest.update(f"\0{name}\0".encode())
        digest.update(unit_file if isinstance(unit_file, bytes) else unit_file.encode())
    digest.update(json.dumps(defaults, sort_keys=True, default=str, ensure_ascii=False).encode())
    digest.update(repr(settings).encode())
    return digest.hexdigest()


def _contents(department: Path) -> bytes:
    """The file's bytes; for a file that cannot be read, why (checking it reports that in full)."""
    try:
        return read_limited(department)
    except InputFileError as exc:
        return f"unreadable: {exc}".encode()


# Package files that never shape a department's files: the command line, the skeleton writer, the batch driver.
NOT_OUTPUT = ("cli.py", "init.py", "yamlwriter.py", "batch")


@cache
def tool_fingerprint(*folders: Path) -> bytes:
    """The tool's version, the files of `folders` that shape the output, and the writing libraries' versions.

    A version number alone would keep outputs made by other code: a tool installed from a newer
    commit of the same version, a changed built-in template, or a WeasyPrint upgraded underneath it
    writes different bytes. What only starts or reports a build (NOT_OUTPUT) is left out, so a
    change there rebuilds nothing.
    """
    digest = hashlib.sha256()
    for name in ("disclosure-gen", *WRITING_LIBRARIES):
        digest.update(f"{name}={version(name)}\n".encode())
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and _shapes_output(p.relative_to(folder))):
            digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    return digest.digest()


def _shapes_output(relative: Path) -> bool:
    return "__pycache__" not in relative.parts and relative.parts[0] not in NOT_OUTPUT


def read_state(folder: Path) -> dict[str, Any]:
    """What the last runs recorded for each department file (an empty record if none or unreadable)."""
    try:
        return json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_state(folder: Path, state: dict[str, Any]) -> None:
    """Records the state atomically."""
    write_atomically(folder / STATE_NAME, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode())


class PeriodicSaves:
    """Saves a state that changes with every department built, now and then, so that an interrupted run keeps most of it.

    What an interruption loses (departments built since the last save) is only built again next time:
    their files are written whole or not at all, and a department whose state was not saved is not unchanged.
    """

    def __init__(self, folder: Path, state: dict[str, Any], clock: Callable[[], float] = time.monotonic,
                 write: Callable[[Path, dict[str, Any]], None] = write_state):
        self.folder, self.state, self.clock, self.write = folder, state, clock, write
        self._due = clock() + SAVE_INTERVAL

    def changed(self) -> None:
        """The state changed: saved now if a save is due."""
        if self.clock() >= self._due:
            self.save()

    def save(self) -> None:
        """Saved now; the next save is due SAVE_INTERVAL later, or later still if this one took long."""
        start = self.clock()
        self.write(self.folder, self.state)
        end = self.clock()
        self._due = end + max(SAVE_INTERVAL, (end - start) / SAVE_SHARE)


def remove_stale_partials(folder: Path) -> int:
    """Deletes the temporary files an interrupted run of ours left behind (never anyone else's); returns how many."""
    candidates = folder.glob(f"{TEMPORARY_PREFIX}*.part") if folder.is_dir() else ()
    stale = [p for p in candidates if TEMPORARY_NAME.fullmatch(p.name) and p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)
