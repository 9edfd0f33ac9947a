"""Shared field types of the input model: amounts, codes, funding sources."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationInfo, WithJsonSchema

from ..money import ZERO, Unit, decimals_of

UNIT_CONTEXT_KEY = "unit"
ABSURD_WAN = Decimal("100000000")  # 1 万亿元: no county department's budget comes near it
AREA_DECIMALS = 2
_UNIT_WORDS = {"金额": "万元", "面积": "平方米"}  # the unit word people append to each kind of number
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _title_from_alias(name: str, info: Any) -> str:
    """A field's title in the JSON Schema is its Chinese key unless a title is given."""
    return info.alias or name


class InputModel(BaseModel):
    """Base of every input model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, field_title_generator=_title_from_alias)


def parse_amount(value: Any, info: ValidationInfo) -> Decimal:
    """Reads an amount in the file's unit and returns it in 万元, exactly.

    Accepted: YAML numbers, and text holding a number written with full-width digits or with
    thousands separators in the right places (1,159.04). Refused: negatives, more than two
    decimals, anything else.
    """
    number = _non_negative(value, "金额")
    unit = Unit.WAN
    if info.context and UNIT_CONTEXT_KEY in info.context:
        unit = info.context[UNIT_CONTEXT_KEY]
    if decimals_of(number) > unit.max_decimals:
        raise ValueError(f"以{unit.value}为单位的金额最多 {unit.max_decimals} 位小数，这里是 {value}")
    wan = unit.to_wan(number)
    if wan > ABSURD_WAN:
        raise ValueError(f"金额 {value} {unit.value} 超过 1 万亿元，不合常理；请检查单位（万元/元）和小数点")
    return wan


def parse_area(value: Any) -> Decimal:
    """Reads a floor area in 平方米: a non-negative number with at most two decimals, whatever the money unit."""
    number = _non_negative(value, "面积")
    if decimals_of(number) > AREA_DECIMALS:
        raise ValueError(f"面积最多 {AREA_DECIMALS} 位小数，这里是 {value}")
    return number


def _non_negative(value: Any, what: str) -> Decimal:
    """A finite, non-negative number read from YAML or text; `what` names it in messages."""
    number = _to_decimal(value, what)
    if not number.is_finite():
        raise ValueError(f"{what}必须是有限的数字")
    if number < ZERO:
        raise ValueError(f"{what}不能为负数")
    return number


def _to_decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"应当填写{what}数字")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if _GROUPED.match(text):
            text = text.replace(",", "")
        if _PLAIN.match(text):
            try:
                return Decimal(text)
            except InvalidOperation:
                pass
        raise ValueError(f"「{value}」不是{what}数字（只写数字，如 1159.04，不要带“{_UNIT_WORDS[what]}”等文字）")
    raise ValueError(f"应当填写{what}数字")


def _kind(kind: str, **schema: Any) -> WithJsonSchema:
    """A JSON Schema for a field type, with its kind in Chinese (x-kind) for the field reference."""
    return WithJsonSchema({**schema, "x-kind": kind})


Amount = Annotated[
    Decimal,
    BeforeValidator(parse_amount),
    _kind("金额", anyOf=[{"type": "number", "minimum": 0}, {"type": "string"}]),
]
"""An amount of money, held in 万元 whatever unit the file declares."""

Area = Annotated[
    Decimal,
    BeforeValidator(parse_area),
    _kind("面积", anyOf=[{"type": "number", "minimum": 0}, {"type": "string"}]),
]
"""A floor area in 平方米: never scaled by the file's money unit."""

def _code_text(value: Any) -> Any:
    """Codes are written as bare numbers in YAML; read them as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


FunctionCode = Annotated[
    str, BeforeValidator(_code_text), StringConstraints(pattern=r"^\d{7}$"),
    _kind("功能分类项编码（7 位）", type="string", pattern=r"^\d{7}$"),
]
"""A 功能分类 项 code: 7 digits (类 3 + 款 2 + 项 2)."""

EconomicItemCode = Annotated[
    str, BeforeValidator(_code_text), StringConstraints(pattern=r"^\d{5}$"),
    _kind("经济分类款编码（5 位）", type="string", pattern=r"^\d{5}$"),
]
"""A 部门预算支出经济分类 款 code: 5 digits."""

EconomicClassCode = Annotated[
    str, BeforeValidator(_code_text), StringConstraints(pattern=r"^\d{3}$"),
    _kind("经济分类类编码（3 位）", type="string", pattern=r"^\d{3}$"),
]
"""A 部门预算支出经济分类 类 code: 3 digits."""

UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(value: str) -> str:
    """Refuses characters a DOCX or PDF cannot hold (control characters, lone surrogates)."""
    bad = UNPRINTABLE.search(value)
    if bad:
        raise ValueError(f"文字中有不可打印的控制字符 U+{ord(bad.group()):04X}（位置 {bad.start() + 1}），请删去")
    return value


LINE_BREAK = re.compile("[\n\r\u2028\u2029\x85]")
_LINE_BREAK_NAMES = {"\n": "换行符", "\r": "回车符", "\u2028": "行分隔符 U+2028", "\u2029": "段分隔符 U+2029", "\x85": "下一行符 U+0085"}


def one_line(value: str) -> str:
    """Refuses a line break in text printed inside a sentence, a heading or a cell, where it has no place."""
    bad = LINE_BREAK.search(value)
    if bad:
        raise ValueError(
            f"这一项印在句子、标题或表格中，应写成一行，而第 {bad.start() + 1} 个字符是{_LINE_BREAK_NAMES[bad.group()]}；"
            "请删去换行（只有「其他说明」「不予公开说明」可以分段）"
        )
    return value


_FREE_TEXT = StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)

Text = Annotated[str, _FREE_TEXT, AfterValidator(printable), AfterValidator(one_line)]
"""Free text printed on one line: inside a sentence, a heading or a table cell."""

Paragraphs = Annotated[str, _FREE_TEXT, AfterValidator(printable), _kind("文字（可分段，每行一段）", type="string")]
"""Free text printed as its own paragraphs, one per line."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), AfterValidator(printable), AfterValidator(one_line)]
"""Free text that may be left empty, where the document's sentence reads right without it."""


class BudgetKind(str, Enum):
    """The three kinds of 财政拨款 budget, and money that is not 财政拨款."""

    GENERAL = "一般公共预算"
    FUND = "政府性基金预算"
    CAPITAL = "国有资本经营预算"
    NON_FISCAL = "非财政拨款"


class Source(str, Enum):
    """Where an expenditure's money comes from, as the columns of 表 2 split it."""

    GENERAL = "一般公共预算"
    GENERAL_TRANSFER = "上级一般公共预算转移支付"
    FUND = "政府性基金预算"
    FUND_TRANSFER = "上级政府性基金转移支付"
    CAPITAL = "国有资本经营预算"
    CAPITAL_TRANSFER = "上级国有资本经营预算转移支付"
    SPECIAL_ACCOUNT = "财政专户"
    UNIT_FUNDS = "单位资金"
    CARRYOVER_GENERAL = "一般公共预算结转"
    CARRYOVER_FUND = "政府性基金预算结转"
    CARRYOVER_CAPITAL = "国有资本经营预算结转"
    CARRYOVER_SPECIAL_ACCOUNT = "财政专户结转结余"
    CARRYOVER_UNIT_FUNDS = "单位资金结转结余"

    @property
    def kind(self) -> BudgetKind:
        """The budget kind this money belongs to."""
        return _SOURCE_KIND[self]

    @property
    def is_fiscal(self) -> bool:
        """True for 财政拨款 money (any of the three budget kinds, current or carried over)."""
        return self.kind is not BudgetKind.NON_FISCAL

    @property
    def is_carryover(self) -> bool:
        """True for money carried over from earlier years (上年结转结余)."""
        return self in _CARRYOVER


_SOURCE_KIND = {
    Source.GENERAL: BudgetKind.GENERAL,
    Source.GENERAL_TRANSFER: BudgetKind.GENERAL,
    Source.FUND: BudgetKind.FUND,
    Source.FUND_TRANSFER: BudgetKind.FUND,
    Source.CAPITAL: BudgetKind.CAPITAL,
    Source.CAPITAL_TRANSFER: BudgetKind.CAPITAL,
    Source.SPECIAL_ACCOUNT: BudgetKind.NON_FISCAL,
    Source.UNIT_FUNDS: BudgetKind.NON_FISCAL,
    Source.CARRYOVER_GENERAL: BudgetKind.GENERAL,
    Source.CARRYOVER_FUND: BudgetKind.FUND,
    Source.CARRYOVER_CAPITAL: BudgetKind.CAPITAL,
    Source.CARRYOVER_SPECIAL_ACCOUNT: BudgetKind.NON_FISCAL,
    Source.CARRYOVER_UNIT_FUNDS: BudgetKind.NON_FISCAL,
}
_CARRYOVER = {
    Source.CARRYOVER_GENERAL,
    Source.CARRYOVER_FUND,
    Source.CARRYOVER_CAPITAL,
    Source.CARRYOVER_SPECIAL_ACCOUNT,
    Source.CARRYOVER_UNIT_FUNDS,
}


def _sourced(value: Any) -> Any:
    """A bare amount means money from the 一般公共预算 (本级)."""
    if isinstance(value, dict):
        return value
    return {Source.GENERAL.value: value}


SourcedAmounts = Annotated[dict[Source, Amount], BeforeValidator(_sourced)]
"""Amounts by funding source; a bare number stands for 一般公共预算 money."""
