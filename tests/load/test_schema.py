"""The JSON Schema and the field reference come from the model and stay in sync with it."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.load import load_input
from disclosure_gen.model import Source
from disclosure_gen.schema import field_reference, json_schema

from ..conftest import EXAMPLES, ROOT

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_docs_field_reference_is_generated_from_the_model():
    assert (ROOT / "docs" / "fields.md").read_text(encoding="utf-8") == field_reference()


def test_schema_command_prints_the_schema_with_chinese_titles():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema == json_schema()
    assert set(schema["properties"]) >= {"单位", "部门", "概况", "收入", "基本支出", "基本支出经济分类", "项目", "上年对比"}
    titles = [p.get("title", "") for d in [schema, *schema["$defs"].values()] for p in d.get("properties", {}).values()]
    assert titles and all(_CJK.search(t) for t in titles), [t for t in titles if not _CJK.search(t)]


_SOURCE_NAMES = {source.value for source in Source}


def test_every_field_of_the_examples_is_in_the_reference():
    """Every key the examples use has a row in docs/fields.md (codes and keys of keyed tables as <编码>)."""
    reference = field_reference()
    keyed = {row.split("`")[1] for row in reference.splitlines() if row.startswith("| `") and "键值表" in row.split("|")[2]}
    for path in EXAMPLES.glob("*.yaml"):
        for field_path in load_input(path).source.lines:
            if not field_path or not isinstance(field_path[-1], str):
                continue
            documented = ""
            for part in field_path:
                if documented in keyed or (documented.endswith("<编码>") and part in _SOURCE_NAMES):
                    part = "<编码>"  # a code, or the funding source of a 基本支出 line
                documented = f"{documented}[]" if isinstance(part, int) else f"{documented}.{part}" if documented else part
            if not documented.endswith("<编码>"):
                assert f"`{documented}`" in reference, documented
