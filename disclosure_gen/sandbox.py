"""Templates choose no code: every jinja2 environment is sandboxed, and a template's failure is a Chinese error."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .templateset import TemplateError

__all__ = ["NoArithmeticEnvironment", "SandboxedEnvironment", "TemplateRenderError", "template_errors"]


class TemplateRenderError(TemplateError):
    """A template file failed while rendering: it broke the sandbox, or is itself wrong."""


class ArithmeticRefused(SecurityError):
    """A template tried to compute with an amount or a percentage."""


class NoArithmeticEnvironment(SandboxedEnvironment):
    """The sandbox for the text templates, where arithmetic on money and percentages is refused.

    Every figure, share and change is computed by derive (by name: `f.shares`, `f.changes`); counting
    (`year - 1`, `loop.index + 1`) stays allowed, since whole numbers are not amounts.
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"-", "+"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _refuse_amounts(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call_unop(self, context: jinja2.runtime.Context, operator: str, arg: Any) -> Any:
        _refuse_amounts(operator, arg)
        return super().call_unop(context, operator, arg)


def _refuse_amounts(operator: str, *operands: Any) -> None:
    if any(isinstance(value, Decimal | float) for value in operands):
        raise ArithmeticRefused(operator)


@contextmanager
def template_errors() -> Iterator[None]:
    """Turns a jinja2 error raised inside the block into a TemplateRenderError naming the template file and line."""
    try:
        yield
    except ArithmeticRefused as exc:
        raise TemplateRenderError(
            f"{_where(exc)}：模板不能计算金额或百分比（运算「{exc}」）：每个数都由工具算出，占比、增减请在 tables.yaml 的 "
            "shares、changes 中按名字声明，用 f.shares.名字、f.changes.名字 取用（见 docs/templates.md「派生表的查询」）"
        ) from None
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
