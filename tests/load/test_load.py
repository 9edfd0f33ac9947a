"""Loading real YAML files: located Chinese messages for bad fields, and amounts read exactly."""

from decimal import Decimal

from disclosure_gen.load import load_input
from disclosure_gen.pipeline import prepare

from ..conftest import EXAMPLES, edited_example, example_in_yuan, problems_of

CPC = "changji-cpc-office-2023"


def test_examples_load():
    for path in EXAMPLES.glob("*.yaml"):
        assert not isinstance(load_input(path), list), path


def test_unknown_field_suggests_the_nearest(tmp_path):
    path = edited_example(tmp_path, CPC, ("  公开日期: 2023-02-15", "  公开日: 2023-02-15"))
    problems = problems_of(path)
    messages = [str(p) for p in problems]
    assert any("没有「公开日」这个字段" in m and "公开日期" in m for m in messages), messages
    unknown = next(p for p in problems if "公开日" in p.message and "没有" in p.message)
    expected_line = path.read_text(encoding="utf-8").splitlines().index("  公开日: 2023-02-15") + 1
    assert unknown.location.line == expected_line and unknown.location.file == path


def test_missing_field_is_named(tmp_path):
    path = edited_example(tmp_path, CPC, ("    编制数: 85\n", ""))
    problem = problems_of(path)[0]
    assert problem.location.field == "概况.人员情况.编制数" and "缺少" in problem.message


def test_negative_and_overprecise_amounts_are_refused(tmp_path):
    path = edited_example(
        tmp_path, CPC, ("  2013150: 243.92", "  2013150: -243.92"), ("  2101199: 0.42", "  2101199: 0.421")
    )
    messages = {p.location.field: p.message for p in problems_of(path)}
    assert "负数" in messages["基本支出.2013150"]
    assert "2 位小数" in messages["基本支出.2101199"]


def test_amounts_with_separators_and_full_width_digits_are_accepted(tmp_path):
    path = edited_example(
        tmp_path, CPC, ("    一般财力: 1159.04", '    一般财力: "1,159.04"'), ("  2101199: 0.42", '  2101199: "０.４２"')
    )
    prepared = prepare(path)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.figures.income_total == Decimal("1159.04")


def test_amount_with_unit_text_is_refused(tmp_path):
    path = edited_example(tmp_path, CPC, ("  2101199: 0.42", "  2101199: 0.42万元"))
    assert any("不是金额数字" in p.message for p in problems_of(path))


def test_yuan_file_gives_the_same_figures(tmp_path):
    """A file kept in 元 gives the figures of the same file in 万元."""
    path = example_in_yuan(tmp_path, CPC)
    in_yuan, in_wan = prepare(path), prepare(EXAMPLES / f"{CPC}.yaml")
    assert in_yuan.ok, [str(p) for p in in_yuan.problems]
    assert in_yuan.figures == in_wan.figures
