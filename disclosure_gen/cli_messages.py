"""The command line's own errors (a mistyped command, option or value) in Chinese, never click's English."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

USAGE_EXIT = 2


class ChineseHelpFormatter(click.HelpFormatter):
    """Help pages with Chinese headings: 用法、选项、命令."""

    SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."), "用法：")

    def section(self, name: str) -> Any:
        return super().section(self.SECTIONS.get(name, name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Option rows with click's metavars and [default: …] notes in Chinese."""
        super().write_dl([(_words(term, _METAVARS), _words(text, _NOTES)) for term, text in rows], col_max, col_spacing)


def _words(text: str, words: tuple[tuple[str, str], ...]) -> str:
    for english, chinese in words:
        text = text.replace(english, chinese)
    return text


_METAVARS = ((" INTEGER RANGE", " 整数"), (" INTEGER", " 整数"), (" DIRECTORY", " 文件夹"), (" FILE", " 文件"), (" TEXT", " 文字"), (" PATH", " 路径"))
_NOTES = (("[default: ", "[默认："), ("; required]", "；必填]"), ("[required]", "[必填]"), ("x>=", "≥"))


class ChineseContext(click.Context):
    """A context whose help pages use the Chinese formatter."""

    formatter_class = ChineseHelpFormatter


class ChineseHelp:
    """Mixed into commands and groups: Chinese help pages and help option."""

    context_class = ChineseContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出"
        return option


class ChineseCommand(ChineseHelp, click.Command):
    """A command with a Chinese help page."""


class ChineseGroup(ChineseHelp, click.Group):
    """A command group whose help is Chinese and whose usage errors are printed in Chinese, with where to find help."""

    command_class = ChineseCommand

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        extra.pop("standalone_mode", None)
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            _show(exc)
            sys.exit(exc.exit_code)


def _show(exc: click.ClickException) -> None:
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        click.echo(f"（运行 {ctx.command_path} --help 查看帮助）", err=True)
    click.echo(f"错误：{chinese_message(exc)}", err=True)


def chinese_message(exc: click.ClickException) -> str:
    """What went wrong, in Chinese; a message already in Chinese (the tool's own) is kept."""
    if isinstance(exc, click.exceptions.NoSuchCommand):
        near = f"；是不是「{'」「'.join(exc.possibilities)}」？" if exc.possibilities else "（可用的命令见 disclosure-gen --help）"
        return f"没有命令「{exc.command_name}」{near}"
    if isinstance(exc, click.NoSuchOption):
        near = f"；是不是 {'、'.join(sorted(exc.possibilities))}？" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{near}"
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少{kind} {_name(exc.param, exc.ctx)}"
    if isinstance(exc, click.BadParameter):
        name = _name(exc.param, exc.ctx) if exc.param is not None else exc.param_hint
        return f"{name or '参数'} 的值不对：{_translated(exc.message)}"
    return _translated(exc.message)


def _name(param: click.Parameter, ctx: click.Context | None) -> str:
    """The option or argument as the user types it: --workers, FILES…"""
    return param.get_error_hint(ctx).strip("'\"") if ctx is not None else str(param.name)


def _translated(message: str) -> str:
    """click's English phrase in Chinese when it is one click raises; the tool's Chinese messages unchanged."""
    for pattern, chinese in _PHRASES:
        match = pattern.fullmatch(message.strip())
        if match:
            return chinese(match) if callable(chinese) else chinese.format(**match.groupdict())
    return message


def _choices(match: re.Match) -> str:
    choices = "、".join(choice.strip().strip("'") for choice in match["choices"].split(","))
    return f"「{match['value']}」不是可选的值；可选：{choices}"


_PHRASES = tuple((re.compile(pattern), chinese) for pattern, chinese in (
    (r"Got unexpected extra arguments? \((?P<extra>.*)\)", "多出了参数：{extra}"),
    (r"(?:Path|File|Directory) '(?P<path>.*)' does not exist\.", "「{path}」不存在"),
    (r"(?:Path|File) '(?P<path>.*)' is a directory\.", "「{path}」是文件夹，这里应当是文件"),
    (r"(?:Path|Directory) '(?P<path>.*)' is a file\.", "「{path}」是文件，这里应当是文件夹"),
    (r"(?:Path|File|Directory) '(?P<path>.*)' is not readable\.", "「{path}」没有读取权限"),
    (r"'?(?P<value>.*?)'? is not one of (?P<choices>.*)\.", _choices),
    (r"'?(?P<value>.*?)'? is not a valid integer(?: range)?\.", "「{value}」不是整数"),
    (r"(?P<value>.*) is not in the range x>=(?P<low>\d+)\.", "{value} 太小：最小为 {low}"),
    (r"Option '(?P<name>[^']*)' requires an argument\.", "选项 {name} 后面要写一个值"),
    (r"Option '(?P<name>[^']*)' does not take a value\.", "选项 {name} 后面不用写值"),
))
