"""Names made from a department's name: a safe file-name stem, and document metadata within its limits."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Of the department's name in a file name, in UTF-8 bytes. File systems allow 255 bytes per name; the
# rest is room for "-<year>.docx" and the temporary file's ".<name>.<random>.part" around it.
NAME_BYTES = 180
# A DOCX core property (title, author) holds at most 255 characters; the PDF's metadata says the same.
PROPERTY_CHARS = 255

_SEPARATORS = re.compile(r'[<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_HIDDEN = {"Cf"}  # format characters: bidirectional overrides and isolates, zero-width characters
_REPLACED = {"Cc", "Zl", "Zp", "Cs"}  # control characters and line breaks


def output_stem(department: str, year: int) -> str:
    """`<department>-<year>`, safe as a file name on Windows and Linux, never leaving its folder.

    Path separators and control characters become `_`; invisible format characters (such as the
    bidirectional overrides U+202A–U+202E and U+2066–U+2069) are dropped. A name longer than
    `NAME_BYTES` in UTF-8 is cut on a character boundary and ends in `~` and 8 characters of its
    hash, so two long names that begin alike still get different files.
    """
    full = unicodedata.normalize("NFC", department)
    name = _SEPARATORS.sub("_", "".join(_file_character(c) for c in full))
    name = name.strip().strip(".").replace("..", "_")
    if len(name.encode("utf-8")) > NAME_BYTES:
        digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:8]
        name = f"{clipped_bytes(name, NAME_BYTES - 9).rstrip(' .')}~{digest}"
    name = name or "部门"
    if _RESERVED.match(name):
        name = f"_{name}"
    return f"{name}-{year}"


def _file_character(character: str) -> str:
    category = unicodedata.category(character)
    if category in _HIDDEN:
        return ""
    return "_" if category in _REPLACED else character


def clipped_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 form has at most `limit` bytes (whole characters only)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def clipped(text: str, limit: int = PROPERTY_CHARS) -> str:
    """`text` if it has at most `limit` characters, else its start ending in `…`, `limit` characters long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def document_title(department: str, year: int) -> str:
    """`<department><year>年部门预算公开`, the department's name shortened to fit a metadata field."""
    suffix = f"{year}年部门预算公开"
    return clipped(department, PROPERTY_CHARS - len(suffix)) + suffix
