"""Compiled jinja2 templates kept for the life of the process, so each document does not recompile them."""

from __future__ import annotations

import jinja2


class ProcessBytecodeCache(jinja2.BytecodeCache):
    """Keeps each template's compiled code in memory; jinja2 checks it against the source's checksum.

    Compiled code depends on the environment's options (trim_blocks, autoescape, finalize...), which
    the cache key does not include: give each kind of environment a cache of its own.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()

