"""Library exceptions; the CLI turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where in an input file a problem lies: file, line and the field path as the user wrote it."""

    file: Path
    line: int | None
    field: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.line is not None:
            where += f" 第 {self.line} 行"
        return f"{where}「{self.field}」" if self.field else where


class DisclosureError(Exception):
    """Base class of every error the library raises on purpose."""


class NotReadyError(DisclosureError):
    """A department with errors (or not checked) was asked to render: `prepare` it and fix what it reports."""

    def __init__(self, path: Path):
        super().__init__(f"{path}：这个文件有错误（或还没有检查），不能生成；请先运行 disclosure-gen check 并改正列出的错误")


class InputFileError(DisclosureError):
    """An input file cannot be read as YAML data at all."""

    def __init__(self, location: Location, message: str):
        super().__init__(f"{location}：{message}")
        self.location = location
        self.message = message


class PdfRenderError(DisclosureError):
    """The PDF could not be made as promised (a missing font, a glyph drawn as a box, a refused fetch)."""
