"""Importing a department's amounts from a workbook of its published tables into a new input file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..catalogue import builtin_catalogue
from ..init import SCHEMA_FILE, last_year_raw
from ..load import UNFILLED
from ..model import Comparison, DisclosureInput, Project
from ..model.paths import aliased, key_path
from ..money import YUAN_PER_WAN
from ..pipeline import Prepared
from ..problems import Problem
from ..yamlwriter import dump_yaml
from ..templateset import BUILTIN_TEMPLATES, default_template_name, load_template_set, search_folders
from .rebuild import Imported, rebuild
from .tables import Comparisons, lines
from .workbook import Workbook, WorkbookError, normalised

__all__ = ["ImportOptions", "WorkbookError", "import_workbook"]

TABLE_KEYS = ("t1", "t2", "t3", "t5", "t6", "t7", "t10")  # and t11 where the set prints it
UNITS = ("元", "万元")
_YEAR = re.compile(r"(20\d\d)\s*年?")
_DEPARTMENT = re.compile(r"编制部门[:：]\s*(.+)")
_SECTION_NOTES = aliased(DisclosureInput, {
    "unit": "金额单位：按工作簿的「单位」行（或 --unit）",
    "department": "部门名称取自工作簿的「编制部门」行；公开日期待填",
    "income": "由表1导入（只取明细行；小计、合计由工具计算）",
    "basic": "由表2、表3导入：每个功能分类项的基本支出，按资金来源分列",
    "basic_economic": "由表6导入：一般公共预算基本支出按经济分类款",
    "projects": "由表7导入项目名称、科目、金额和经济分类；表7 不列的项目支出（非一般公共预算）以「待填」项目列出；说明文字待填",
    "three_public": "由表10导入",
    "carryover_items": "由表11导入；用途待填，来源默认为本级（上级安排的写 来源: 上级）",
    "overview": "第一部分 部门概况：职能、机构和人员，工作簿中没有，待填",
    "department_performance": "部门整体绩效目标表：联系人、年度目标和指标待填",
    "prior": "上年预算数和增减原因：工作簿中没有，待填（不写「主要原因是」）",
    "class_purposes": "说明四：每类支出的主要用途",
    "other": "政府采购、国有资产等，按实际填写",
})


@dataclass(frozen=True)
class ImportOptions:
    """How to read the workbook: the template set, the amounts' unit, and last year's file to start from."""

    template: str | None = None
    unit: str | None = None
    last_year: Prepared | None = None
    templates: tuple[Path, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """The new input file's text and the warnings found while reading."""

    text: str
    problems: tuple[Problem, ...]


def import_workbook(path: Path, options: ImportOptions = ImportOptions()) -> ImportResult:
    """Reads the department's tables from the workbook; raises WorkbookError (in Chinese) if it cannot."""
    book = Workbook(path)
    folders = search_folders(options.templates)
    year = options.last_year.data.department.year + 1 if options.last_year and options.last_year.data else None
    template_name = options.template or default_template_name(year or _year_of(book, path), folders)
    template = load_template_set(template_name, folders)
    keys = TABLE_KEYS + (("t11",) if "t11" in template.tables else ())
    missing = [key for key in keys if key not in template.tables]
    if missing:
        raise WorkbookError(f"模板「{template.name}」没有定义表 {'、'.join(missing)}，不能据以导入")
    found = {key: book.find(key, template.tables[key]) for key in keys}
    unit = options.unit or _unit_of(found.values(), options.last_year)
    checks = Comparisons(path)
    tables = {key: lines(table, _scale(table.unit or "万元", unit)) for key, table in found.items()}
    imported = rebuild(tables, template, builtin_catalogue(template.year), checks, path)
    department = _department_of(book)
    raw = _input(imported, unit, department, template.year, options, template)
    return ImportResult(_text(raw, path), tuple(imported.problems))


def _year_of(book: Workbook, path: Path) -> int:
    for text in (path.stem, book.title, *(str(v) for grid in book.grids.values() for (r, _), v in grid.items() if r <= 3)):
        match = _YEAR.search(normalised(text))
        if match and ("年" in match.group(0) or text in (path.stem, book.title)):
            return int(match.group(1))
    raise WorkbookError(f"{path}：看不出预算年度（文件名或表头中没有「2024年」这样的年度），请用 --template 指定格式，如 --template changji-2024")


def _department_of(book: Workbook) -> str:
    for grid in book.grids.values():
        for (r, _), value in sorted(grid.items()):
            match = _DEPARTMENT.search(str(value))
            if match and match.group(1).strip():
                return match.group(1).strip()
    return UNFILLED


def _unit_of(tables, last_year: Prepared | None) -> str:
    """The output unit: last year's file's, else the one most sheets state, else 万元."""
    if last_year is not None and last_year.data is not None:
        return last_year.data.unit.value
    stated = [t.unit for t in tables if t.unit]
    return max(UNITS, key=stated.count) if stated else "万元"


def _scale(sheet_unit: str, unit: str) -> Decimal:
    if sheet_unit == unit:
        return Decimal(1)
    return YUAN_PER_WAN if unit == "元" else 1 / YUAN_PER_WAN


def _input(imported: Imported, unit: str, department: str, year: int, options: ImportOptions, template) -> dict[str, Any]:
    """The input file's data: the imported amounts in last year's file or in the skeleton."""
    amounts = {
        _key("income"): imported.income,
        _key("basic"): imported.basic,
        _key("basic_economic"): imported.basic_economic,
        _key("projects"): imported.projects,
        _key("three_public"): imported.three_public,
    }
    if imported.carryover_items:
        amounts[_key("carryover_items")] = imported.carryover_items
    unit_key, projects, prior = _key("unit"), _key("projects"), _key("prior")
    if options.last_year is not None:
        raw = last_year_raw(options.last_year)
        raw[projects] = _with_last_year_projects(imported.projects, raw[projects])
        amounts[projects] = raw[projects]
        if raw[unit_key] != unit:
            raw[prior] = _rescaled(raw[prior], _scale(raw[unit_key], unit))
    else:
        raw = yaml.safe_load((BUILTIN_TEMPLATES / "_init" / "skeleton.yaml").read_text(encoding="utf-8"))
        department_fields = {"name": department, "year": year, "published_on": UNFILLED}
        if options.template:
            department_fields["template"] = template.name
        raw |= aliased(DisclosureInput, {"department": department_fields})
        raw[prior][_key("prior", "items")] = {
            code: aliased(Comparison, {"previous": UNFILLED, "reason": UNFILLED}) for code in _codes(imported)
        }
        raw[_key("class_purposes")] = {code[:3]: UNFILLED for code in _codes(imported)}
        if not template.rules.department_performance_required:
            raw.pop(_key("department_performance"), None)
    raw[unit_key] = unit
    raw.update(amounts)
    order = [_key(field) for field in ("unit", "department", "overview", "income", "basic", "basic_economic", "projects", "carryover_items")]
    return {key: raw[key] for key in order if key in raw} | {k: v for k, v in raw.items() if k not in order}


def _key(*fields: str) -> str:
    """The YAML key of a field of the input (the last step of its path)."""
    return key_path(DisclosureInput, *fields)[-1]


def _project_key(field: str) -> str:
    return key_path(Project, field)[0]


def _codes(imported: Imported) -> list[str]:
    return sorted({*imported.basic, *(p[_project_key("function_code")] for p in imported.projects)})


def _with_last_year_projects(projects: list[dict[str, Any]], last: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each imported project with last year's description where last year had one of the same name."""
    name = _project_key("name")
    imported = [_project_key(field) for field in ("function_code", "sources", "economic")]
    by_name = {p[name]: p for p in last}
    merged = []
    for project in projects:
        before = by_name.get(project[name])
        merged.append(project if before is None else before | {k: project[k] for k in imported})
    return merged


def _rescaled(value: Any, factor: Decimal) -> Any:
    previous = key_path(Comparison, "previous")[0]
    if isinstance(value, dict):
        return {k: (v * factor if k == previous and isinstance(v, Decimal) else _rescaled(v, factor)) for k, v in value.items()}
    return value


def _text(raw: dict[str, Any], path: Path) -> str:
    """The YAML text, each imported section under a comment saying where it came from."""
    parts = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
        f"# 由工作簿 {path.name} 导入（disclosure-gen import）：金额取自各表的明细行，合计由工具计算。\n"
        "# 把每个「待填」换成实际内容，运行 disclosure-gen check 核对。\n"
    ]
    for key, value in raw.items():
        note = f"\n# {_SECTION_NOTES[key]}\n" if key in _SECTION_NOTES else "\n"
        parts.append(note + dump_yaml({key: _plain(value)}))
    return "".join(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal) and value == value.to_integral():
        return int(value)  # 30, not 30.00 (which the YAML dumper would have to tag)
    return value
