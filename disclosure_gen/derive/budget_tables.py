"""表 1, 表 4 and 表 10: the overview tables of fixed lines (every other table is a query, see pivot.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..catalogue import Catalogue
from ..model import BudgetKind, DisclosureInput, Source
from ..money import ZERO, round_half_up
from ..tablespec import FIXED_TABLES
from ..templateset import Rules
from .figures import Row, RowLevel, Table, Tail
from .ledger import Line, income_by_source

AMOUNT = FIXED_TABLES["t1_income"]
BY_KIND = FIXED_TABLES["t10"]


def everything(line: Line) -> bool:
    """Keeps every line."""
    return True


def of_kind(kind: BudgetKind, with_carryover: bool) -> Callable[[Line], bool]:
    """Keeps the lines of one budget kind, with or without carried-over money."""
    return lambda line: line.source.kind is kind and (with_carryover or not line.source.is_carryover)


def fiscal(with_carryover: bool) -> Callable[[Line], bool]:
    """Keeps 财政拨款 lines, with or without carried-over money."""
    return lambda line: line.source.is_fiscal and (with_carryover or not line.source.is_carryover)


def income_lines(data: DisclosureInput) -> tuple[Row, ...]:
    """The income side of 表 1, line for line (every line, zero or not)."""
    inc = data.income
    by = income_by_source(data)
    general = by[Source.GENERAL] + by[Source.GENERAL_TRANSFER]
    fund = by[Source.FUND] + by[Source.FUND_TRANSFER]
    capital = by[Source.CAPITAL] + by[Source.CAPITAL_TRANSFER]
    unit = by[Source.UNIT_FUNDS]
    u, fc, oc = inc.unit_funds, inc.carryover.fiscal, inc.carryover.other
    fiscal_carry = by[Source.CARRYOVER_GENERAL] + by[Source.CARRYOVER_FUND] + by[Source.CARRYOVER_CAPITAL]
    other_carry = by[Source.CARRYOVER_SPECIAL_ACCOUNT] + by[Source.CARRYOVER_UNIT_FUNDS]
    lines = (
        ("income_current", "一、本年收入", general + fund + capital + inc.special_account + unit),
        ("general", "1. 一般公共预算拨款", general),
        ("general_own", "其中：一般财力", inc.general.own),
        ("general_transfer", "上级一般公共预算安排转移支付", inc.general.transfer),
        ("fund", "2. 基金预算拨款", fund),
        ("fund_own", "其中：政府性基金收入", inc.fund.own),
        ("fund_transfer", "上级政府性基金安排转移支付", inc.fund.transfer),
        ("capital", "3. 国有资本经营预算拨款", capital),
        ("capital_own", "其中：国有资本经营收入", inc.capital.own),
        ("capital_transfer", "上级国有资本经营预算安排转移支付", inc.capital.transfer),
        ("special_account", "4. 财政专户核拨", inc.special_account),
        ("unit_funds", "5. 单位资金", unit),
        ("unit_operations", "其中：事业收入", u.operations),
        ("unit_grants", "上级补助收入", u.grants_from_above),
        ("unit_subsidiaries", "附属单位上缴收入", u.from_subsidiaries),
        ("unit_business", "事业单位经营收入", u.business),
        ("unit_other", "其他收入", u.other),
        ("carryover", "二、上年结转结余", fiscal_carry + other_carry),
        ("fiscal_carryover", "1. 财政拨款结转", fiscal_carry),
        ("fiscal_carryover_general", "其中：一般公共预算拨款", fc.general),
        ("fiscal_carryover_fund", "基金预算拨款", fc.fund),
        ("fiscal_carryover_capital", "国有资本经营预算拨款", fc.capital),
        ("other_carryover", "2. 非财政拨款结转结余", other_carry),
        ("other_carryover_special_account", "其中：财政专户核拨", oc.special_account),
        ("other_carryover_unit_funds", "单位资金", oc.unit_funds),
    )
    return tuple(Row(key, RowLevel.LINE, label, (round_half_up(amount),), columns=AMOUNT) for key, label, amount in lines)


def overview_table(data: DisclosureInput, ledger: tuple[Line, ...], names: Catalogue, class_rows: tuple[str, ...]) -> tuple[Table, Table]:
    """表 1 部门收支总体情况表: income lines, and spending by every 类 the template lists."""
    income = income_lines(data)
    income_total = round_half_up(sum(income_by_source(data).values(), ZERO))
    shown = {r.code: r.value("amount") for r in income}
    income_table = Table(
        "t1_income", AMOUNT, income, Row("", RowLevel.TOTAL, "收入总计", (income_total,), columns=AMOUNT),
        _tail_if("t1_income", "收入总计", income_total, shown["income_current"] + shown["carryover"]),
    )
    by_class = _class_totals(ledger, everything)
    classes = tuple(
        Row(code, RowLevel.CLASS, names.function_name(code) or code, (round_half_up(by_class.get(code, ZERO)),), columns=AMOUNT)
        for code in _class_codes(class_rows, by_class)
    )
    total = round_half_up(sum(by_class.values(), ZERO))
    spending = Table(
        "t1_expenditure", AMOUNT, classes, Row("", RowLevel.TOTAL, "支出总计", (total,), columns=AMOUNT),
        _tail_if("t1_expenditure", "支出总计", total, sum((r.value("amount") for r in classes), ZERO)),
    )
    return income_table, spending


def fiscal_overview_table(ledger: tuple[Line, ...], names: Catalogue, rules: Rules, class_rows: tuple[str, ...]) -> tuple[Table, Table]:
    """表 4 财政拨款收支总体情况表: 财政拨款 by budget kind, and spending by 类 × kind."""
    carry = rules.fiscal_tables_include_carryover
    kinds = (BudgetKind.GENERAL, BudgetKind.FUND, BudgetKind.CAPITAL)
    keeps = [fiscal(carry)] + [of_kind(kind, carry) for kind in kinds]
    sums = [_class_totals(ledger, keep) for keep in keeps]
    totals = tuple(round_half_up(sum(s.values(), ZERO)) for s in sums)
    income_rows = tuple(
        Row(key, RowLevel.LINE, label, (totals[i],), columns=AMOUNT)
        for i, (key, label) in enumerate(
            (("fiscal", "一、财政拨款（补助）"), ("general", "一般公共预算"), ("fund", "政府性基金预算"), ("capital", "国有资本经营预算"))
        )
    )
    income = Table("t4_income", AMOUNT, income_rows, Row("", RowLevel.TOTAL, "收入总计", (totals[0],), columns=AMOUNT))
    classes = tuple(
        Row(code, RowLevel.CLASS, names.function_name(code) or code, tuple(round_half_up(s.get(code, ZERO)) for s in sums), columns=BY_KIND)
        for code in _class_codes(class_rows, sums[0])
    )
    spending = Table("t4_expenditure", BY_KIND, classes, Row("", RowLevel.TOTAL, "支出总计", totals, columns=BY_KIND))
    return income, spending


def three_public_table(data: DisclosureInput) -> Table:
    """表 10 财政拨款“三公”经费支出情况表: items × 合计 / 一般公共预算 / 政府性基金 / 国有资本经营预算."""
    tp = data.three_public
    kinds = (BudgetKind.GENERAL, BudgetKind.FUND, BudgetKind.CAPITAL)

    def by_kind(*items: dict[BudgetKind, Decimal]) -> tuple[Decimal, ...]:
        per_kind = [sum((item.get(kind, ZERO) for item in items), ZERO) for kind in kinds]
        return tuple(round_half_up(v) for v in (sum(per_kind, ZERO), *per_kind))

    everything_ = (tp.overseas, tp.reception, tp.vehicle_purchase, tp.vehicle_running)
    rows = (
        ("overseas", "因公出国（境）费", by_kind(tp.overseas)),
        ("reception", "公务接待费", by_kind(tp.reception)),
        ("vehicles", "公务用车购置及运行费（小计）", by_kind(tp.vehicle_purchase, tp.vehicle_running)),
        ("vehicle_purchase", "其中：公务用车购置费", by_kind(tp.vehicle_purchase)),
        ("vehicle_running", "公务用车运行费", by_kind(tp.vehicle_running)),
    )
    return Table(
        "t10", BY_KIND, tuple(Row(key, RowLevel.LINE, label, values, columns=BY_KIND) for key, label, values in rows),
        Row("", RowLevel.TOTAL, "合计", by_kind(*everything_), columns=BY_KIND),
    )


def _class_totals(ledger: tuple[Line, ...], keep: Callable[[Line], bool]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for line in ledger:
        if keep(line):
            totals[line.code[:3]] = totals.get(line.code[:3], ZERO) + line.amount
    return totals


def _class_codes(class_rows: tuple[str, ...], with_money: dict[str, Decimal]) -> list[str]:
    """The template's 类 rows, plus any 类 with money the template does not list."""
    return sorted(set(class_rows) | {c for c, v in with_money.items() if v})


def _tail_if(table: str, row: str, shown: Decimal, parts: Decimal) -> tuple[Tail, ...]:
    return (Tail(table, row, "amount", shown, parts),) if shown != parts else ()
