"""Starting a department file: a commented skeleton, or this year's file from last year's."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any


from .load import UNFILLED
from .model import DisclosureInput
from .model.fieldpath import is_missing, resolve
from .model.other import threshold_key
from .model.paths import aliased
from .money import YUAN_PER_WAN, Unit
from .derive import derive
from .model.consolidation import unit_view
from .pipeline import Prepared, catalogue_for
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


def skeleton(template: TemplateSet | None = None) -> str:
    """The commented skeleton for a new department, with the editor's schema line on top.

    With a chosen template set, the file names it and its head lists the fields that set requires, and why.
    """
    text = (BUILTIN_TEMPLATES / "_init" / "skeleton.yaml").read_text(encoding="utf-8")
    if template is None:
        return _LANGUAGE_SERVER + text
    published = _PUBLISHED_ON_LINE
    assert text.count(published) == 1, "the skeleton's 公开日期 line moved"
    text = text.replace(published, f"{published}  模板: {template.name}         # 公开格式：{template.title}\n")
    return _LANGUAGE_SERVER + requirements_note(template) + text


_PUBLISHED_ON_LINE = "  公开日期: 待填        # 如 2024-02-15（年-月-日）\n"


def requirements_note(template: TemplateSet) -> str:
    """Comment lines naming the fields `template` requires and its reasons (check required-field reports them)."""
    lines = [f"# 模板「{template.name}」要求填写下列字段（检查 required-field）："]
    for path, requirement in template.required_fields().items():
        waiver = f"；「{requirement.unless}」已填写（是非字段为 true）时可以不填" if requirement.unless else ""
        lines.append(f"#   {path}：{requirement.reason}{waiver}")
    if template.rules.change_reasons_required:
        lines.append("#   上年对比 中每个有增减的数的「原因」（检查 reason-missing）")
    return "\n".join(lines) + "\n"


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
    """The data of `from_last_year`, before it is written out (keyed as the YAML file is)."""
    assert last.data is not None and last.figures is not None
    data, fig = last.data, last.figures
    year = data.department.year + 1
    template = load_template_set(default_template_name(year, search_folders()))
    department = {"name": data.department.name, "code": data.department.code, "year": year, "published_on": UNFILLED}
    scale = YUAN_PER_WAN if data.unit is Unit.YUAN else Decimal(1)
    raw: dict[str, Any] = {
        "unit": data.unit.value,
        "department": {k: v for k, v in department.items() if v is not None},
        "overview": _overview(data),
        **({"units": _units(last, year, template, scale)} if data.units else _money(data, fig, year, template)),
        "prior": _comparisons(fig, scale),
        "class_purposes": dict(data.class_purposes),
        "other": _other_matters(data, template.rules.equipment_thresholds),
    }
    if template.rules.department_performance_required:
        raw["department_performance"] = _department_targets(data, template.rules.department_performance_weight_total)
    if data.glossary:
        raw["glossary"] = dict(data.glossary)
    if data.extra_codes:
        raw["extra_codes"] = dict(data.extra_codes)
    written = aliased(DisclosureInput, raw)
    ask_for_required(written, template)
    return written


def ask_for_required(raw: dict[str, Any], template: TemplateSet) -> None:
    """Writes 待填 in `raw` wherever `template` requires a field that is not there (and not waived by its `unless`)."""
    for text, requirement in template.required_fields().items():
        path = resolve(text, DisclosureInput)
        for owner in _raw_owners(raw, path.owner):
            waived = requirement.unless is not None and owner.get(requirement.unless) not in (None, False)
            if not waived and is_missing(owner.get(path.field.key)):
                owner[path.field.key] = UNFILLED


def _raw_owners(node: Any, steps: tuple) -> Any:
    """The mappings of `node` (plain YAML data) at `steps` (a FieldPath's owner steps)."""
    if not steps:
        if isinstance(node, dict):
            yield node
        return
    step, rest = steps[0], steps[1:]
    value = node.get(step.key) if isinstance(node, dict) else None
    for item in (value if step.each and isinstance(value, list) else [value] if not step.each else []):
        yield from _raw_owners(item, rest)


def _money(data, fig, year: int, template: TemplateSet) -> dict[str, Any]:
    """The money of a department (or of one of its units) to fill: last year's lines, codes and projects kept."""
    money: dict[str, Any] = {
        "income": _unfilled_tree(_present_income(fig)),
        "basic": {code: UNFILLED for code in data.basic},
        "basic_economic": {code: UNFILLED for code in data.basic_economic},
        "projects": [_continuing(project, year) for project in data.projects],
        "three_public": {e.key: UNFILLED for e in fig.three_public if e.amount},
    }
    if template.rules.carryover_items_required and "carryover" in money["income"]:
        money["carryover_items"] = [{"name": UNFILLED, "use": UNFILLED, "fiscal": {"project": UNFILLED}}]
    return money


def _units(last: Prepared, year: int, template: TemplateSet, scale: Decimal) -> list[dict[str, Any]]:
    """Each budget unit with its money to fill, written in the new file (a unit of its own file too), and its own
    概况 and 上年对比 (last year's figures of its own disclosure) when it had them."""
    assert last.data is not None and last.template is not None
    units = []
    for index, unit in enumerate(last.data.units):
        view = unit_view(last.data, index).data
        fig = derive(view, last.template, catalogue_for(view, last.template))
        written = {"code": unit.code, "name": unit.name, "kind": unit.kind.value if unit.kind else None,
                   **_money(view, fig, year, template)}
        if unit.overview is not None:
            written["overview"] = _overview(view)
        if unit.prior is not None:
            written["prior"] = _comparisons(fig, scale)
        units.append(written)
    return units


def _department_targets(data, weight_total: int) -> dict[str, Any]:
    last = data.department_performance
    if last is None:
        indicator = {"first_level": UNFILLED, "second_level": UNFILLED, "name": UNFILLED, "target": UNFILLED,
                     "basis": UNFILLED, "weight": weight_total}
        return {"contact": UNFILLED, "phone": UNFILLED, "goal": UNFILLED, "indicators": [indicator]}
    return {
        "contact": last.contact, "phone": last.phone, "goal": UNFILLED,
        "indicators": [{"first_level": i.first_level, "second_level": i.second_level, "name": i.name, "target": i.target,
                        "basis": i.basis, "weight": i.weight} for i in last.indicators],
    }


def _overview(data) -> dict[str, Any]:
    overview = data.overview
    result: dict[str, Any] = {"functions": list(overview.functions)}
    if overview.withheld_statement:
        result["withheld_statement"] = overview.withheld_statement
        return result
    org, staff = overview.organisation, overview.staffing
    if org is not None:
        result["organisation"] = {
            k: v for k, v in {
                "sub_units": list(org.sub_units), "admin_units": org.admin_units, "public_institutions": org.public_institutions,
                "division_word": org.division_word, "divisions": list(org.divisions),
            }.items() if v is not None
        }
    if staff is not None:
        kinds = ("serving", "retired", "veteran_retired")
        result["staffing"] = {
            "authorised": UNFILLED,
            **{kind: {"current": UNFILLED, "previous": getattr(staff, kind).current} for kind in kinds if getattr(staff, kind) is not None},
        }
    return result


def _present_income(fig) -> dict[str, Any]:
    """The income lines of last year's 表 1 that had money, as a nested mapping of the income model's fields."""
    shown = {row.code: row.value("amount") for row in fig.tables["t1_income"].rows}
    places = {
        "general_own": ("general", "own"), "general_transfer": ("general", "transfer"),
        "fund_own": ("fund", "own"), "fund_transfer": ("fund", "transfer"),
        "capital_own": ("capital", "own"), "capital_transfer": ("capital", "transfer"),
        "special_account": ("special_account",), "unit_operations": ("unit_funds", "operations"),
        "unit_grants": ("unit_funds", "grants_from_above"), "unit_subsidiaries": ("unit_funds", "from_subsidiaries"),
        "unit_business": ("unit_funds", "business"), "unit_other": ("unit_funds", "other"),
        "fiscal_carryover_general": ("carryover", "fiscal", "general"),
        "fiscal_carryover_fund": ("carryover", "fiscal", "fund"),
        "fiscal_carryover_capital": ("carryover", "fiscal", "capital"),
        "other_carryover_special_account": ("carryover", "other", "special_account"),
        "other_carryover_unit_funds": ("carryover", "other", "unit_funds"),
    }
    tree: dict[str, Any] = {"general": {"own": 0}}
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
    return [{"use": item.use, "amount": UNFILLED} for item in allocation]


def _continuing(project, year: int) -> dict[str, Any]:
    """A project carried into the new year: its description and targets kept, its money to fill."""
    result: dict[str, Any] = {
        "name": project.name,
        "function_code": project.function_code,
        "sources": {source.value: UNFILLED for source in project.sources},
        "economic": {code: UNFILLED for code in project.economic},
        "basis": project.basis,
        "unit": project.unit,
        "allocation": _allocation_to_fill(project.allocation),
        "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
    }
    if project.allocation_note:
        result["allocation_note"] = project.allocation_note
    if project.secret:
        result["secret"] = True
    target = project.performance
    if target is not None:
        described = {"goal": target.goal, "purpose": target.purpose, "content": target.content, "outcome": target.outcome}
        result["performance"] = {
            "manager": target.manager,
            **{field: value for field, value in described.items() if value},
            "indicators": [
                {"second_level": i.second_level, "name": i.name, "target": i.target, "basis": i.basis,
                 "last_result": UNFILLED, "weight": i.weight, "scoring": i.scoring, "evidence": i.evidence}
                for i in target.indicators
            ],
        }
    return result


def _comparisons(fig, scale: Decimal) -> dict[str, Any]:
    """Last year's printed figures (in the file's unit), each with its reason to fill."""
    def compared(amount: Decimal) -> dict[str, Any]:
        return {"previous": (amount * scale).normalize() if scale != 1 else amount, "reason": UNFILLED}

    return {
        "income": {e.key: compared(e.amount) for e in fig.income if e.amount},
        "spending": {e.key: compared(e.amount) for e in fig.spending},
        "general_allocation": {e.key: compared(e.amount) for e in fig.general_allocation},
        "items": {i.code: compared(i.amount) for i in fig.general_items if i.amount},
        "three_public": {e.key: compared(e.amount) for e in fig.three_public},
        "running_costs": compared(fig.running_costs.amount),
    }


def _other_matters(data, thresholds: tuple[int, ...]) -> dict[str, Any]:
    other = data.other
    return {
        "running_costs_scope": other.running_costs_scope,
        "procurement": dict.fromkeys(("goods", "works", "services", "sme_reserved", "small_micro_reserved"), UNFILLED),
        "assets": {
            "buildings": {"area": UNFILLED, "value": UNFILLED},
            "vehicles": {"official": {"count": UNFILLED, "value": UNFILLED}},
            "furniture": UNFILLED,
            "other": UNFILLED,
            "equipment": {threshold_key(threshold): UNFILLED for threshold in thresholds},
        },
        **({"notes": other.notes} if other.notes else {}),
    }


def _plain(value: Any) -> Any:
    """Model values as YAML-ready data (Decimal kept exact; dates kept)."""
    if isinstance(value, dict):  # a field left out (None) stays out, rather than written as null
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
