"""The input format described from the model: a JSON Schema for editors, and a field reference for people."""

from __future__ import annotations

import json
from typing import Any

from .model import DisclosureInput

SCHEMA_ID = "https://disclosure-gen.invalid/schema/department.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a department file, with Chinese keys, titles and descriptions."""
    schema = DisclosureInput.model_json_schema(by_alias=True, mode="validation")
    for definition in schema.get("$defs", {}).values():
        if "properties" in definition:
            definition.pop("description", None)  # model docstrings are for developers, in English
    schema.pop("description", None)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "部门预算公开录入文件"
    return schema


def schema_text() -> str:
    """The JSON Schema as indented text, Chinese kept readable."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def field_reference() -> str:
    """docs/fields.md: every field, nested, with its type, whether it is required, and its description."""
    schema = json_schema()
    definitions = schema.get("$defs", {})
    lines = [
        "# 字段参考（由输入模型生成，请勿手改）",
        "",
        "由 `disclosure-gen schema` 的同一份模型生成；`tests/load/test_schema.py` 保证本文件与代码一致。",
        "金额的单位由文件顶部的 `单位` 统一规定（万元 或 元），最多两位小数；没有写的金额按 0 处理。",
        "重新生成：`.venv/bin/python scripts/make_field_reference.py`。",
        "",
        "「模板中写作」是正文模板（docs/templates.md）读这个字段的写法。",
        "",
        "| 字段 | 类型 | 必填 | 说明 | 模板中写作 |",
        "| --- | --- | --- | --- | --- |",
    ]
    named = DisclosureInput.model_json_schema(by_alias=False, mode="validation")
    _describe((schema, named), (definitions, named.get("$defs", {})), ("", "d"), lines, set())
    return "\n".join(lines) + "\n"


Pair = tuple[dict[str, Any], dict[str, Any]]  # the same schema node by YAML keys and by Python attribute names


def _describe(node: Pair, definitions: Pair, prefix: tuple[str, str], lines: list[str], seen: set[str]) -> None:
    """One row per field of `node`, then its nested models' fields; `prefix` is the (YAML, template) path so far."""
    aliased, named = node
    required = set(aliased.get("required", ()))
    for (name, prop), attribute in zip(aliased.get("properties", {}).items(), named.get("properties", {})):
        path = f"{prefix[0]}.{name}" if prefix[0] else name
        template_path = f"{prefix[1]}.{attribute}"
        description = (prop.get("description") or "").replace("\n", " ").replace("|", "／")
        title = prop.get("title", "")
        note = "；".join(part for part in (title if title != name else "", description) if part)
        lines.append(f"| `{path}` | {_type_of(prop, definitions[0])} | {'是' if name in required else ''} | {note} | `{template_path}` |")
        for suffix, nested in _nested_models(prop):
            if nested not in seen:
                inner = (definitions[0][nested], definitions[1][nested])
                _describe(inner, definitions, (path + suffix, template_path + suffix), lines, seen | {nested})


def _nested_models(prop: dict[str, Any]) -> list[tuple[str, str]]:
    """The models a field holds: directly, as list items ([]), or as values of a keyed table (.<键>)."""
    found = []
    for option in [prop, *prop.get("anyOf", [])]:
        if option.get("$ref") or option.get("allOf"):
            found.append(("", _ref_name(option)))
        elif option.get("type") == "array" and _ref_name(option.get("items", {})):
            found.append(("[]", _ref_name(option["items"])))
        else:
            values = [option.get("additionalProperties"), *option.get("patternProperties", {}).values()]
            found += [(".<编码>", _ref_name(v)) for v in values if isinstance(v, dict) and _ref_name(v)]
    return found


def _ref_name(prop: dict[str, Any]) -> str | None:
    for candidate in [prop, *prop.get("anyOf", []), *prop.get("allOf", [])]:
        ref = candidate.get("$ref")
        if ref:
            return ref.rsplit("/", 1)[-1]
    return None


def _type_of(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    options = prop.get("anyOf") or [prop]
    if "x-kind" in prop:
        return prop["x-kind"]
    names = []
    for option in options:
        if "x-kind" in option:
            names.append(option["x-kind"])
            continue
        ref = _ref_name(option)
        if ref:
            kind = definitions[ref].get("enum") and "可选值：" + "、".join(definitions[ref]["enum"]) or "下一级字段"
        else:
            kind = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否", "array": "列表",
                    "object": "键值表", "null": "可不填"}.get(option.get("type", ""), option.get("type", "金额"))
            if option.get("format") == "date":
                kind = "日期（如 2023-02-15）"
        names.append(kind)
    return " 或 ".join(dict.fromkeys(names))
