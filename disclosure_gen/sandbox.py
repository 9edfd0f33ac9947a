"""Templates choose no code: every jinja2 environment is sandboxed, and a template's failure is a Chinese error."""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .errors import Location
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
def template_errors(vocabulary: Iterable[str] = ()) -> Iterator[None]:
    """Turns a jinja2 error raised inside the block into a TemplateRenderError naming the template file and line.

    `vocabulary` holds the names a template may use, to suggest the one meant by a misspelt name.
    """
    try:
        yield
    except ArithmeticRefused as exc:
        raise TemplateRenderError(
            f"{_where(exc)}：模板不能计算金额或百分比（运算「{exc}」）：每个数都由工具算出，占比、增减请在 tables.yaml 的 "
            "shares、changes 中按名字声明，用 f.shares.名字、f.changes.名字 取用（见 docs/templates.md「派生表的查询」）"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        where = _where(exc)
        raise TemplateRenderError(
            f"模板试图访问不允许的内容（{exc}）。模板在沙箱中渲染，只能使用传给它的数据和过滤器，"
            "不能访问 Python 内部对象；请检查这个模板文件的来源",
            where,
        ) from None
    except jinja2.UndefinedError as exc:
        where = _where(exc)
        raise TemplateRenderError(undefined_message(str(exc), vocabulary), where) from None
    except jinja2.TemplateError as exc:
        where = _where(exc)
        raise TemplateRenderError(f"模板有误：{exc}", where) from None


def undefined_message(english: str, vocabulary: Iterable[str]) -> str:
    """jinja2's message about an undefined name or attribute, in Chinese, with the closest known names."""
    match = _NO_ATTRIBUTE.search(english) or _UNDEFINED.search(english)
    if not match:
        return f"模板用到了不存在的数据：{english}"
    name = match.group("name")
    near = difflib.get_close_matches(name, sorted(set(vocabulary)), n=3, cutoff=0.75)
    hint = f"；是不是「{'」「'.join(near)}」？" if near else "；模板可用的数据见 docs/templates.md 的「模板可用的数据」"
    return f"模板用到了不存在的数据「{name}」（可能是拼写错误）{hint}"


_NO_ATTRIBUTE = re.compile(r"has no attribute '(?P<name>[^']+)'")
_UNDEFINED = re.compile(r"'(?P<name>[^']+)' is undefined")


def _where(exc: jinja2.TemplateError) -> Location | None:
    """The template file and line an error comes from (jinja2 puts template lines into the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Location(Path(exc.filename), exc.lineno, "")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py") and not f.filename.startswith("<")]
    return Location(Path(frames[-1].filename), frames[-1].lineno, "") if frames else None

