"""The classification catalogue per budget year: names from cited sources, and what an unknown code says."""

from __future__ import annotations

import re

import pytest

from disclosure_gen.catalogue import available_years, builtin_catalogue, is_economic, read_changes

from ..conftest import SEEDS, edited_example, problems_of

GOVERNMENT_OFFICE = "changji-government-office-2024"
CPC = "changji-cpc-office-2023"
BUREAU = "changji-statistics-bureau-2024"
# A table row of a published document: 类 [款 [项]] codes spaced apart, the name, then amounts.
_CODE_ROW = re.compile(r"^\s*(\d{3})(?: (\d{2}))?(?: (\d{2}))?\s+([^\d\s][^\d]*?)\s+[\d,]+\.\d\d")


def printed_codes(seed: str) -> dict[str, str]:
    """Every classification code a published document prints in a table row, with its printed name."""
    codes: dict[str, str] = {}
    for line in (SEEDS / f"{seed}.txt").read_text(encoding="utf-8").splitlines():
        if match := _CODE_ROW.match(line):
            codes.setdefault("".join(part for part in match.groups()[:3] if part), match.group(4).strip())
    return codes


def catalogue_name(year: int, code: str) -> str | None:
    catalogue = builtin_catalogue(year)
    return catalogue.economic_name(code) if is_economic(code) else catalogue.function_name(code)


def test_every_code_the_2024_document_prints_has_its_printed_name_in_the_2024_catalogue():
    codes = printed_codes(GOVERNMENT_OFFICE)
    assert len(codes) == 50 and {"20140", "2014004", "2299999", "30239"} <= set(codes)
    assert {code: catalogue_name(2024, code) for code in codes} == codes


def test_the_petition_codes_are_new_in_2024():
    assert (catalogue_name(2023, "20140"), catalogue_name(2023, "2014004")) == (None, None)
    assert (catalogue_name(2024, "20140"), catalogue_name(2024, "2014004")) == ("信访事务", "信访业务")
    assert catalogue_name(2024, "2010308") == "信访事务"  # still named in the 2024 document's section 五


def test_each_year_from_2023_to_2026_is_built_in_and_builds_on_the_one_before():
    assert available_years() == [2023, 2024, 2025, 2026]
    assert catalogue_name(2025, "23107") == "中央金融机构注资特别国债还本支出"
    assert catalogue_name(2024, "23107") is None
    assert builtin_catalogue(2026).functional == builtin_catalogue(2025).functional  # no 2026 change is known


@pytest.mark.parametrize("year, used", [(2027, 2026), (2031, 2026), (2022, 2023)])
def test_a_year_without_a_catalogue_uses_the_nearest_and_says_so(year, used):
    catalogue = builtin_catalogue(year)
    assert catalogue.used_year == used
    assert catalogue.functional == builtin_catalogue(used).functional
    assert f"{used} 年分类目录" in catalogue.title() and f"没有 {year} 年" in catalogue.title()


def test_a_change_without_its_source_is_refused(tmp_path):
    path = tmp_path / "changes.tsv"
    path.write_text("+\t20140\t信访事务\n", encoding="utf-8")
    with pytest.raises(ValueError, match="changes.tsv:1"):
        read_changes(path)


def test_a_2024_code_in_a_2023_file_names_the_2023_catalogue_and_how_to_add_it(tmp_path):
    path = edited_example(tmp_path, CPC, ("  2101199: 0.42", "  2014004: 0.42"))
    [message] = [p.message for p in problems_of(path) if p.check == "unknown-code"]
    assert "功能分类款「20140」不在 2023 年分类目录 中" in message
    assert '「补充科目」' in message and '补充科目: {"20140": 科目名称}' in message


def test_an_unknown_code_in_a_year_without_a_catalogue_names_the_year_used(tmp_path):
    path = edited_example(tmp_path, BUREAU, ("年度: 2024", "年度: 2027"), ("  2080506: 14.4", "  2014098: 14.4"))
    [message] = [p.message for p in problems_of(path) if p.check == "unknown-code"]
    assert "功能分类项「2014098」不在 2026 年分类目录（内置目录没有 2027 年的，用的是 2026 年的） 中" in message
    assert '补充科目: {"2014098": 科目名称}' in message
