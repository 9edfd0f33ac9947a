"""Reproducible zip packages and atomic file writes, shared by the writers."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Our temporary files: `.disclosure-gen-tmp.<final name>.<8 random characters from mkstemp>.part`.
TEMPORARY_PREFIX = ".disclosure-gen-tmp."
TEMPORARY_NAME = re.compile(rf"{re.escape(TEMPORARY_PREFIX)}.+\.[a-z0-9_]{{8}}\.part")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()


def saved(document) -> bytes:
    """A python-docx document's bytes, with fixed zip timestamps so equal input gives equal bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """Rewrites a zip with fixed timestamps and attributes, keeping member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` to `path` through a temporary file in the same folder, then renames it.

    An existing file is replaced only by a complete one; a crash leaves no partial file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = open_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, named so that it matches TEMPORARY_NAME: (handle, path)."""
    return tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{path.name}.", suffix=".part", dir=path.parent)
