"""Starting a department file: a commented skeleton, or this year's file from last year's."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any


from .load import UNFILLED
from .model.prior import IncomeComparisons
from .money import YUAN_PER_WAN, Unit
from .pipeline import Prepared
from .schema import schema_text
from .templateset import BUILTIN_TEMPLATES, TemplateSet, default_template_name, load_template_set, search_folders
from .writers.archive import write_atomically
from .yamlcomments import Comment, read_comments, with_comments
from .yamlwriter import dump_yaml

SCHEMA_FILE = "department.schema.json"
_LANGUAGE_SERVER = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
_COMPARISON_NOTE = "# 上年对比中的「上年」是去年公开的数字；把每个「待填」换成今年的内容，运行 disclosure-gen check 核对。"
_OUR_HEADER = re.compile(r"# yaml-language-server: .*|# .* \d+ 年部门预算公开：由 \d+ 年的文件生成。|" + re.escape(_COMPARISON_NOTE))


class ExistingFileError(FileExistsError):
    """init never overwrites a file the user already has."""


def skeleton() -> str:
    """The commented skeleton for a new department, with the editor's schema line on top."""
    return _LANGUAGE_SERVER + (BUILTIN_TEMPLATES / "_init" / "skeleton.yaml").read_text(encoding="utf-8")


def write_new_file(target: Path, text: str) -> None:
    """Writes an init file (refusing to overwrite) and the schema file beside it if it is missing."""
    if target.exists():
        raise ExistingFileError(f"{target} 已存在；init 不会覆盖已有文件，请换一个文件名")
    write_atomically(target, text.encode("utf-8"))
    schema = target.parent / SCHEMA_FILE
    if not schema.exists():
        write_atomically(schema, schema_text().encode("utf-8"))


def from_last_year(last: Prepared) -> str:
    """This year's file started from last year's: what carries over is kept; amounts and reasons are 待填.

    Last year's printed figures become this year's 上年 figures. Parts that this year's template
    set requires (部门整体绩效目标, 上年结转结余明细) are added for filling. The comments of last year's
    file are kept at the same fields (the header init wrote last year is written anew).
    """
    assert last.data is not None
    data = last.data
    year = data.department.year + 1
    raw = last_year_raw(last)
    header = (
        f"# {data.department.name} {year} 年部门预算公开：由 {year - 1} 年的文件生成。\n{_COMPARISON_NOTE}\n"
    )
    text = _LANGUAGE_SERVER + header + dump_yaml(_plain(raw))
    return with_comments(text, _accountants_comments(last.path), last.path)


def _accountants_comments(path: Path) -> list[Comment]:
    """The comments of last year's file, without the header init itself wrote there."""
    return [c for c in read_comments(path) if c.end_of_line or not _OUR_HEADER.fullmatch(c.text)]


def last_year_raw(last: Prepared) -> dict[str, Any]:
    """The data of `from_last_year`, before it is written out."""
    assert last.data is not None and last.figures is not None
    data, fig = last.data, last.figures
    year = data.department.year + 1
    template = load_template_set(default_template_name(year, search_folders()))
    raw: dict[str, Any] = {
        "单位": data.unit.value,
        "部门": {k: v for k, v in {"名称": data.department.name, "编码": data.department.code, "年度": year, "公开日期": UNFILLED}.items() if v is not None},
        "概况": _overview(data),
        "收入": _unfilled_tree(_present_income(fig)),
        "基本支出": {code: UNFILLED for code in data.basic},
        "基本支出经济分类": {code: UNFILLED for code in data.basic_economic},
        "项目": [_continuing(project, year) for project in data.projects],
        "三公经费": {e.label: UNFILLED for e in fig.three_public if e.amount},
        "上年对比": _comparisons(fig, YUAN_PER_WAN if data.unit is Unit.YUAN else Decimal(1)),
        "支出用途": dict(data.class_purposes),
        "其他事项": _other_matters(data),
    }
    raw.update(_required_by(template, data, raw["收入"]))
    if data.glossary:
        raw["名词解释"] = dict(data.glossary)
    if data.extra_codes:
        raw["补充科目"] = dict(data.extra_codes)
    return raw


def _required_by(template: TemplateSet, data, income: dict[str, Any]) -> dict[str, Any]:
    """The parts this year's template set requires, to fill (last year's department targets kept)."""
    parts: dict[str, Any] = {}
    if template.rules.carryover_items_required and "上年结转结余" in income:
        parts["上年结转结余明细"] = [{"名称": UNFILLED, "用途": UNFILLED, "财政拨款": {"项目支出": UNFILLED}}]
    if template.rules.department_performance_required:
        parts["部门整体绩效目标"] = _department_targets(data, template.rules.department_performance_weight_total)
    return parts


def _department_targets(data, weight_total: int) -> dict[str, Any]:
    last = data.department_performance
    if last is None:
        indicator = {"一级指标": UNFILLED, "二级指标": UNFILLED, "三级指标": UNFILLED, "指标值": UNFILLED,
                     "设定依据": UNFILLED, "分值权重": weight_total}
        return {"联系人": UNFILLED, "联系电话": UNFILLED, "年度目标": UNFILLED, "指标": [indicator]}
    return {
        "联系人": last.contact, "联系电话": last.phone, "年度目标": UNFILLED,
        "指标": [{"一级指标": i.first_level, "二级指标": i.second_level, "三级指标": i.name, "指标值": i.target,
                  "设定依据": i.basis, "分值权重": i.weight} for i in last.indicators],
    }


def _overview(data) -> dict[str, Any]:
    overview = data.overview
    result: dict[str, Any] = {"主要职能": list(overview.functions)}
    if overview.withheld_statement:
        result["不予公开说明"] = overview.withheld_statement
        return result
    org, staff = overview.organisation, overview.staffing
    result["机构设置"] = {
        k: v for k, v in {
            "下属单位": list(org.sub_units), "行政单位数": org.admin_units, "事业单位数": org.public_institutions,
            "内设机构称谓": org.division_word, "内设机构": list(org.divisions),
        }.items() if v is not None
    }
    result["人员情况"] = {
        "编制数": UNFILLED,
        **{label: {"本年": UNFILLED, "上年": h.current} for label, h in (("在职", staff.serving), ("退休", staff.retired), ("离休", staff.veteran_retired))},
    }
    return result


def _present_income(fig) -> dict[str, Any]:
    """The income lines of last year's 表 1 that had money, as a nested mapping of the input's keys."""
    shown = {row.code: row.value("amount") for row in fig.tables["t1_income"].rows}
    places = {
        "general_own": ("一般公共预算", "一般财力"), "general_transfer": ("一般公共预算", "上级转移支付"),
        "fund_own": ("政府性基金预算", "政府性基金收入"), "fund_transfer": ("政府性基金预算", "上级转移支付"),
        "capital_own": ("国有资本经营预算", "国有资本经营收入"), "capital_transfer": ("国有资本经营预算", "上级转移支付"),
        "special_account": ("财政专户核拨",), "unit_operations": ("单位资金", "事业收入"),
        "unit_grants": ("单位资金", "上级补助收入"), "unit_subsidiaries": ("单位资金", "附属单位上缴收入"),
        "unit_business": ("单位资金", "事业单位经营收入"), "unit_other": ("单位资金", "其他收入"),
        "fiscal_carryover_general": ("上年结转结余", "财政拨款结转", "一般公共预算"),
        "fiscal_carryover_fund": ("上年结转结余", "财政拨款结转", "政府性基金预算"),
        "fiscal_carryover_capital": ("上年结转结余", "财政拨款结转", "国有资本经营预算"),
        "other_carryover_special_account": ("上年结转结余", "非财政拨款结转结余", "财政专户"),
        "other_carryover_unit_funds": ("上年结转结余", "非财政拨款结转结余", "单位资金"),
    }
    tree: dict[str, Any] = {"一般公共预算": {"一般财力": 0}}
    for key, path in places.items():
        if shown.get(key):
            node = tree
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = 0
    return tree


def _unfilled_tree(tree: dict[str, Any]) -> dict[str, Any]:
    return {k: _unfilled_tree(v) if isinstance(v, dict) else UNFILLED for k, v in tree.items()}


def _allocation_to_fill(allocation) -> Any:
    """Last year's allocation with its uses kept and its amounts to fill (a text is kept as it is)."""
    if allocation is None or isinstance(allocation, str):
        return allocation
    return [{"用途": item.use, "金额": UNFILLED} for item in allocation]


def _continuing(project, year: int) -> dict[str, Any]:
    """A project carried into the new year: its description and targets kept, its money to fill."""
    result: dict[str, Any] = {
        "名称": project.name,
        "科目": project.function_code,
        "资金来源": {source.value: UNFILLED for source in project.sources},
        "经济分类": {code: UNFILLED for code in project.economic},
        "政策依据": project.basis,
        "承担单位": project.unit,
        "资金分配": _allocation_to_fill(project.allocation),
        "执行期": {"开始": dt.date(year, 1, 1), "结束": dt.date(year, 12, 31)},
    }
    if project.secret and project.basis is None:
        del result["政策依据"]
    if project.secret and project.allocation is None:
        del result["资金分配"]
    if project.allocation_note:
        result["资金分配补充说明"] = project.allocation_note
    if project.secret:
        result["涉密"] = True
    target = project.performance
    if target is not None:
        result["绩效目标"] = {
            "项目负责人": target.manager,
            **{alias: value for alias, value in (
                ("总体目标", target.goal), ("用途", target.purpose), ("主要内容", target.content), ("预期效果", target.outcome),
            ) if value},
            "指标": [
                {"二级指标": i.second_level.value, "三级指标": i.name, "指标值": i.target, "设置依据": i.basis,
                 "上年完成值": UNFILLED, "分值权重": i.weight, "赋分规则": i.scoring, "佐证资料": i.evidence}
                for i in target.indicators
            ],
        }
    return result


def _comparisons(fig, scale: Decimal) -> dict[str, Any]:
    """Last year's printed figures (in the file's unit), each with its reason to fill."""
    income_keys = {key: field.alias for key, field in IncomeComparisons.model_fields.items()}

    def compared(amount: Decimal) -> dict[str, Any]:
        return {"上年": (amount * scale).normalize() if scale != 1 else amount, "原因": UNFILLED}

    return {
        "收入": {income_keys[e.key]: compared(e.amount) for e in fig.income if e.amount},
        "支出": {e.label: compared(e.amount) for e in fig.spending},
        "一般公共预算当年拨款": {e.label: compared(e.amount) for e in fig.general_allocation},
        "功能分类项": {i.code: compared(i.amount) for i in fig.general_items if i.amount},
        "三公经费": {e.label: compared(e.amount) for e in fig.three_public},
        "机关运行经费": compared(fig.running_costs.amount),
    }


def _other_matters(data) -> dict[str, Any]:
    other = data.other
    return {
        "机关运行经费范围": other.running_costs_scope,
        "政府采购": {"货物": UNFILLED, "工程": UNFILLED, "服务": UNFILLED, "面向中小企业预留": UNFILLED, "面向小微企业预留": UNFILLED},
        "国有资产": {
            "房屋": {"面积": UNFILLED, "价值": UNFILLED},
            "车辆": {"一般公务用车": {"数量": UNFILLED, "价值": UNFILLED}},
            "办公家具价值": UNFILLED,
            "其他资产价值": UNFILLED,
            "大型设备": {"50万元以上": UNFILLED, "100万元以上": UNFILLED},
        },
        **({"其他说明": other.notes} if other.notes else {}),
    }


def _plain(value: Any) -> Any:
    """Model values as YAML-ready data (Decimal kept exact; dates kept)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
