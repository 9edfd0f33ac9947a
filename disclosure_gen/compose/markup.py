"""The text templates' XML vocabulary: rendered text parsed into a tree whose leaves hold text, never markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..errors import Location
from ..model.common import UNPRINTABLE
from ..templateset import InvalidTemplateError

# element -> (attributes it must have, attributes it may have)
LEAVES = {"title": ((), ()), "h": (("level",), ("toc",)), "p": ((), ("align", "keep")), "note": ((), ())}
EMPTY = {
    "toc": ((), ("depth",)),
    "pagebreak": ((), ()),
    "table": (("key", "title"), ("number", "toc", "lines")),
    "performance": ((), ("toc",)),
    "department-performance": ((), ("toc",)),
}
CONTAINERS = {"document": ((), ()), "landscape": ((), ())}
VOCABULARY = {**LEAVES, **EMPTY, **CONTAINERS}
VALUES = {
    ("h", "level"): ("1", "2", "3", "4"),
    ("h", "toc"): ("no",),
    ("p", "align"): ("right", "center"),
    ("p", "keep"): ("next",),
    ("toc", "depth"): ("1", "2"),
    ("table", "lines"): ("no",),
    ("performance", "toc"): ("yes", "no"),
    ("department-performance", "toc"): ("yes", "no"),
}
TEMPLATE_WHITESPACE = " \t\r\n"  # the template's own layout around and inside elements; never printed


@dataclass
class Node:
    """One element of the rendered text: its name, attributes, text (leaves only) and children."""

    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)


def parse(rendered: str, source: str) -> Node:
    """The rendered template as a tree; `source` names the template in every error."""
    _refuse_characters_xml_cannot_hold(rendered)
    return _TreeBuilder(source).build(rendered)


def leaf_text(rendered: str, source: str) -> str:
    """The text of a rendered fragment (a macro's output) that must hold text only."""
    return parse(f"<document><p>{rendered}</p></document>", source).children[0].text


def lint(template_source: str, file: Path) -> None:
    """Refuses an element or attribute outside the vocabulary where the template's source (`file`) writes it."""
    text = _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), template_source)
    for tag in _TAG.finditer(text):
        line = text.count("\n", 0, tag.start()) + 1
        name, attributes = tag.group(1), _ATTRIBUTE.findall(tag.group(2))
        problem = _vocabulary_problem(name, attributes)
        if problem:
            raise InvalidTemplateError(problem, Location(file, line, ""))


def _refuse_characters_xml_cannot_hold(rendered: str) -> None:
    """Control characters cannot be written in XML 1.0; `check` refuses them in the input (see `printable`)."""
    bad = UNPRINTABLE.search(rendered)
    if bad:
        around = UNPRINTABLE.sub("?", rendered[max(bad.start() - 20, 0) : bad.end() + 20])
        raise ValueError(f"正文中有不能印出的控制字符 U+{ord(bad.group()):04X}（在「{around}」中）；请先运行 check，它会指出是哪一项")


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"</?\s*([A-Za-z_][\w.:-]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"([\w.:-]+)\s*=")


def _vocabulary_problem(name: str, attributes: list[str]) -> str | None:
    if name not in VOCABULARY:
        return f"正文标记中没有 <{name}> 元素（可用：{'、'.join(sorted(VOCABULARY))}）"
    required, optional = VOCABULARY[name]
    unknown = [a for a in attributes if a not in required + optional]
    if unknown:
        return f"<{name}> 没有 {unknown[0]} 属性（可用：{'、'.join(required + optional) or '无'}）"
    return None


class _TreeBuilder:
    """Builds Nodes from expat events; refuses DTDs, entities, processing instructions and unknown names."""

    def __init__(self, source: str):
        self.source = source
        self.parser = expat.ParserCreate("UTF-8")
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.StartDoctypeDeclHandler = lambda *_: self._fail("不能有 DOCTYPE 声明")
        self.parser.EntityDeclHandler = lambda *_: self._fail("不能声明实体")
        self.parser.ProcessingInstructionHandler = lambda *_: self._fail("不能有处理指令")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def build(self, rendered: str) -> Node:
        try:
            self.parser.Parse(rendered.encode("utf-8"), True)
        except expat.ExpatError as error:
            line = rendered.splitlines()[error.lineno - 1] if 0 < error.lineno <= len(rendered.splitlines()) else ""
            self._fail(f"{expat.ErrorString(error.code)}（输出第 {error.lineno} 行：{line.strip()[:80]}）", error.lineno)
        assert self.root is not None
        return self.root

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        problem = _vocabulary_problem(tag, list(attrs)) or self._placement_problem(tag) or self._value_problem(tag, attrs)
        if problem:
            self._fail(problem)
        missing = [a for a in VOCABULARY[tag][0] if a not in attrs]
        if missing:
            self._fail(f"<{tag}> 缺少 {missing[0]} 属性")
        node = Node(tag, attrs, self.parser.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def _placement_problem(self, tag: str) -> str | None:
        parent = self.stack[-1].tag if self.stack else None
        if parent is None:
            return None if tag == "document" else f"正文的根元素应为 <document>，而不是 <{tag}>"
        if parent in LEAVES:
            return f"<{parent}> 中只能有文字，不能有 <{tag}>"
        if tag == "document" or (tag == "landscape" and parent == "landscape"):
            return f"<{tag}> 不能放在 <{parent}> 中"
        if parent in EMPTY:
            return f"<{parent}> 应为空元素"
        return None

    def _value_problem(self, tag: str, attrs: dict[str, str]) -> str | None:
        for name, value in attrs.items():
            allowed = VALUES.get((tag, name))
            if allowed and value not in allowed:
                return f"<{tag} {name}=\"{value}\"> 的取值应为 {'、'.join(allowed)}"
        return None

    def _end(self, tag: str) -> None:
        node = self.stack.pop()
        if tag in LEAVES:
            node.text = node.text.strip(TEMPLATE_WHITESPACE)

    def _text(self, data: str) -> None:
        node = self.stack[-1]
        if node.tag in LEAVES:
            node.text += data
        elif data.strip(TEMPLATE_WHITESPACE):
            self._fail(f"文字「{data.strip()[:40]}」应放在 <p>、<h>、<title> 或 <note> 中，不能直接放在 <{node.tag}> 中")

    def _fail(self, problem: str, line: int | None = None) -> None:
        line = line or self.parser.CurrentLineNumber
        raise InvalidTemplateError(f"{self.source} 渲染出的正文标记第 {line} 行：{problem}")
