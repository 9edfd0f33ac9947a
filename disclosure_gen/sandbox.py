"""Templates choose no code: every jinja2 environment is sandboxed, and a template's failure is a Chinese error."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .templateset import TemplateError

__all__ = ["SandboxedEnvironment", "TemplateRenderError", "template_errors"]


class TemplateRenderError(TemplateError):
    """A template file failed while rendering: it broke the sandbox, or is itself wrong."""


@contextmanager
def template_errors() -> Iterator[None]:
    """Turns a jinja2 error raised inside the block into a TemplateRenderError naming the template file and line."""
    try:
        yield
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateRenderError(
            f"{_where(exc)}：模板试图访问不允许的内容（{exc}）。模板在沙箱中渲染，只能使用传给它的数据和过滤器，"
            "不能访问 Python 内部对象；请检查这个模板文件的来源"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateRenderError(f"{_where(exc)}：模板有误：{exc}") from None


def _where(exc: jinja2.TemplateError) -> str:
    """The template file and line an error comes from (jinja2 puts template lines into the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return _file_line(exc.filename, exc.lineno)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py") and not f.filename.startswith("<")]
    return _file_line(frames[-1].filename, frames[-1].lineno) if frames else "模板"


def _file_line(filename: str, line: int | None) -> str:
    return f"模板文件 {filename}" + (f" 第 {line} 行" if line else "")
