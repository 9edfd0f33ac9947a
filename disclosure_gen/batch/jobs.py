"""What the coordinator sends a worker, and what the worker sends back: one department's job and its built files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build import BuildOptions


@dataclass(frozen=True)
class Job:
    """One department to build: everything a worker needs, its file's bytes included (picklable)."""

    file: Path  # where the coordinator read it: messages name it; the worker never opens it
    name: str
    content: bytes
    options: BuildOptions
    defaults: dict[str, Any]
    included: dict[str, bytes | str] = field(default_factory=dict)  # its unit files' bytes (or why one cannot be read), by the name it gives them
    county: int = 0  # which county of the run it belongs to (its place in the run's list)


@dataclass(frozen=True)
class Built:
    """What a worker returns: the department's record and its files' bytes by name; the coordinator writes them."""

    name: str
    record: dict[str, Any]
    files: dict[str, bytes]
    county: int = 0
