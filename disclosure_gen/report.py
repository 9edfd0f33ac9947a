"""The derived figures for review: a readable summary, or JSON with stable keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from .derive import Figures
from .derive.figures import Explained, Table
from .money import Change


def to_jsonable(value: Any) -> Any:
    """Figures as JSON-ready data: amounts and percentages become strings as printed (2 decimals)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Change):
        return {k: to_jsonable(getattr(value, k)) for k in ("current", "previous", "amount", "rate", "direction")}
    if isinstance(value, Table):
        return _table_json(value)
    if dataclasses.is_dataclass(value):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _table_json(table: Table) -> dict[str, Any]:
    def row(r: Any) -> dict[str, Any]:
        out = {"code": r.code, "level": r.level, "name": r.name, "values": dict(zip(table.columns, map(str, r.values)))}
        if r.detail:
            out["detail"] = r.detail
        return out

    return {"columns": list(table.columns), "rows": [row(r) for r in table.rows], "total": row(table.total)}


def figures_json(figures: Figures) -> str:
    """The figures as indented JSON, keys in a fixed order, Chinese kept readable."""
    return json.dumps(to_jsonable(figures), ensure_ascii=False, indent=2)


def summary_lines(fig: Figures) -> list[str]:
    """A plain-text review of the key figures, section by section, for an accountant."""
    lines = [f"{fig.department} {fig.year} 年部门预算（模板 {fig.template}）", ""]
    lines.append(f"收入总计 {fig.income_total} 万元；支出总计 {fig.expenditure_total} 万元")
    lines += ["", "说明二 收入："] + [_explained(e) for e in fig.income if e.arranged]
    lines += ["", "说明三 支出："] + [_explained(e) for e in fig.spending]
    lines += ["", f"说明四 财政拨款收支总预算 {fig.fiscal_total} 万元"]
    lines += [f"  {c.label} {c.amount} 万元" for c in fig.fiscal_classes]
    lines += ["", f"说明五 一般公共预算当年拨款 {fig.general_total} 万元"] + [_explained(e) for e in fig.general_allocation]
    lines += [f"  {c.label}（类）{c.amount} 万元，占 {c.share}%" for c in fig.general_classes]
    lines += [
        f"  {i.code} {i.item_name} {i.amount} 万元，{_change(i.change)}，原因：{i.reason or '（未填）'}"
        for i in fig.general_items
    ]
    lines += ["", f"说明六 基本支出 {fig.basic_total} 万元：人员经费 {fig.personnel} 万元，公用经费 {fig.public} 万元"]
    lines += ["", "说明七 项目："] + [f"  {p.name} {p.total} 万元（{p.code} {p.code_name}）" for p in fig.projects]
    lines += ["", f"说明十 “三公”经费 {fig.three_public_total.current} 万元，{_change(fig.three_public_total)}"]
    lines += [_explained(e) for e in fig.three_public]
    lines += ["", "说明十一 其他重要事项：", _explained(fig.running_costs)]
    p = fig.procurement
    lines.append(f"  政府采购 {p.total} 万元（货物 {p.goods}，工程 {p.works}，服务 {p.services}）")
    a = fig.assets
    lines.append(f"  车辆 {a.vehicle_count} 辆，价值 {a.vehicle_value} 万元")
    perf = fig.performance
    lines.append(f"  绩效管理项目：财政拨款 {perf.fiscal_count} 个 {perf.fiscal_amount} 万元；非财政拨款 {perf.other_count} 个 {perf.other_amount} 万元")
    if fig.tails:
        lines += ["", f"尾差 {len(fig.tails)} 处（文中将注明）"]
    return lines


def _explained(e: Explained) -> str:
    share = f"，占 {e.share}%" if e.share is not None else ""
    reason = f"，原因：{e.reason}" if e.reason else ""
    return f"  {e.label} {e.amount} 万元{share}，{_change(e.change)}{reason}"


def _change(c: Change) -> str:
    return f"比上年{c.amount_word} {c.amount} 万元，{c.rate_word} {c.rate}%"
