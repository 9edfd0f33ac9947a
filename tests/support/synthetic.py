"""A seeded generator of realistic, valid departments, for tests and benchmarks of whole counties."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any


from disclosure_gen.catalogue import builtin_catalogue
from disclosure_gen.yamlwriter import dump_yaml

CENT = Decimal("0.01")
_NAMES = (
    "财政局", "教育局", "卫生健康委员会", "民政局", "人力资源和社会保障局", "住房和城乡建设局", "农业农村局",
    "自然资源局", "交通运输局", "水利局", "市场监督管理局", "统计局", "审计局", "司法局", "文化体育广播电视和旅游局",
    "应急管理局", "林业和草原局", "发展和改革委员会", "商务和工业信息化局", "生态环境分局", "退役军人事务局",
    "医疗保障局", "档案馆", "机关事务服务中心", "融媒体中心", "人民代表大会常务委员会办公室", "政协委员会办公室",
    "党委组织部", "党委宣传部", "党委统一战线工作部", "信访局", "科学技术局", "总工会", "妇女联合会", "共青团委员会",
)
_PERSONNEL_ITEMS = {"2080505": "30108", "2080506": "30109", "2101101": "30110", "2101102": "30110",
                    "2101103": "30111", "2101199": "30114", "2210201": "30113"}
_OTHER_ECONOMIC = ("30101", "30102", "30103", "30107", "30112", "30201", "30202", "30205", "30206", "30207",
                   "30211", "30215", "30216", "30228", "30229", "30239", "30299", "30302")
_CLASSES = ("201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "220", "221", "224")
_REASONS = {"up": "人员增加及工资标准调整", "down": "压减一般性支出", "same": "与上年预算一致"}
_LEVELS = (("数量指标", 30), ("质量指标", 10), ("时效指标", 10), ("经济成本指标", 10), ("社会效益指标", 20), ("满意度指标", 10))


def write_county(folder: Path, count: int, seed: int = 2023, year: int = 2023) -> list[Path]:
    """Writes `count` department files into `folder`; the same seed gives the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"dept-{index + 1:03d}.yaml"
        text = dump_yaml(department(rng, index, year))
        path.write_text(f"单位: 万元\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def department(rng: random.Random, index: int, year: int) -> dict[str, Any]:
    """One valid department: 5 to 40 项 lines, 0 to 12 projects, sometimes carry-over or fund money."""
    name = f"示范县{_NAMES[index % len(_NAMES)]}" + (f"（{index // len(_NAMES) + 1}）" if index >= len(_NAMES) else "")
    codes = _item_codes(rng, year)
    basic_codes, project_codes = _split_codes(rng, codes)
    basic = {code: _money(rng, 3, 400) for code in basic_codes}
    projects = [_project(rng, i, code, year) for i, code in enumerate(project_codes)]
    rest = sum((v for c, v in basic.items() if c not in _PERSONNEL_ITEMS), Decimal(0))
    vehicles = min(_money(rng, 0, 20), (rest * Decimal("0.3")).quantize(CENT)) if rng.random() < 0.7 else Decimal(0)
    economic = _economic(rng, basic, vehicles)
    income = _income(basic, projects)
    data: dict[str, Any] = {
        "部门": {"名称": name, "年度": year, "公开日期": dt.date(year, 2, 15)},
        "概况": _overview(rng, name),
        "收入": income,
        "基本支出": basic,
        "基本支出经济分类": economic,
        "项目": projects,
        "三公经费": {"公务用车运行费": vehicles, "公务接待费": _money(rng, 0, 3)} if vehicles else {},
        "支出用途": {code: "保障机构正常运转和履行职能" for code in sorted({c[:3] for c in codes})},
        "其他事项": _other_matters(rng),
    }
    data["上年对比"] = _prior(rng, data)
    return data


def _item_codes(rng: random.Random, year: int) -> list[str]:
    items = [c for c in builtin_catalogue(year).functional if len(c) == 7 and c[:3] in _CLASSES]
    personnel = [c for c in _PERSONNEL_ITEMS if c in builtin_catalogue(year).functional]
    chosen = set(rng.sample(personnel, rng.randint(3, len(personnel))))
    size = rng.randint(5, 40)
    chosen |= set(rng.sample(items, max(0, size - len(chosen))))
    return sorted(chosen)


def _split_codes(rng: random.Random, codes: list[str]) -> tuple[list[str], list[str]]:
    others = [c for c in codes if c not in _PERSONNEL_ITEMS]
    count = min(len(others), rng.randint(0, 12))
    project_codes = rng.sample(others, count) if count else []
    return [c for c in codes if c not in project_codes], project_codes


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def _economic(rng: random.Random, basic: dict[str, Decimal], vehicles: Decimal) -> dict[str, Decimal]:
    """Ties 308/309/310/311/313/314 to their 项; 30231 is the vehicle cost; the rest spreads over other 款."""
    economic: dict[str, Decimal] = {}
    for code, amount in basic.items():
        if code in _PERSONNEL_ITEMS:
            key = _PERSONNEL_ITEMS[code]
            economic[key] = economic.get(key, Decimal(0)) + amount
    if vehicles:
        economic["30231"] = vehicles
    rest = sum(v for c, v in basic.items() if c not in _PERSONNEL_ITEMS) - vehicles
    kinds = rng.sample(_OTHER_ECONOMIC, rng.randint(4, len(_OTHER_ECONOMIC)))
    if "30201" not in kinds:
        kinds.append("30201")
    weights = [rng.randint(1, 10) for _ in kinds]
    cents = int(rest * 100)
    shares = [cents * w // sum(weights) for w in weights]
    shares[kinds.index("30201")] += cents - sum(shares)
    economic.update({k: Decimal(s) / 100 for k, s in zip(kinds, shares) if s})
    return dict(sorted(economic.items()))


def _project(rng: random.Random, index: int, code: str, year: int) -> dict[str, Any]:
    amount = _money(rng, 2, 300)
    kind = rng.random()
    source = "一般公共预算" if kind < 0.7 else "上级一般公共预算转移支付" if kind < 0.85 else "一般公共预算结转" if kind < 0.95 else "政府性基金预算"
    parts = max(1, min(4, int(amount)))
    cents = [int(amount * 100) // parts] * parts
    cents[0] += int(amount * 100) - sum(cents)
    uses = [{"用途": f"项目内容{i + 1}", "金额": Decimal(c) / 100} for i, c in enumerate(cents)]
    project: dict[str, Any] = {
        "名称": f"专项工作经费{index + 1}",
        "科目": code,
        "资金来源": {source: amount},
        "经济分类": {"302": amount} if source != "政府性基金预算" else {},
        "政策依据": f"示范县财发〔{year - 1}〕{rng.randint(1, 99)}号",
        "承担单位": "本部门",
        "资金分配": uses,
        "执行期": {"开始": dt.date(year, 1, 1), "结束": dt.date(year, 12, 31)},
        "绩效目标": {
            "项目负责人": rng.choice(("张明", "李华", "王芳", "赵强", "刘洋")),
            "主要内容": "按计划完成年度工作任务",
            "预期效果": "保障工作顺利开展，服务对象满意度达到 90%。",
            "指标": [_indicator(level, weight) for level, weight in _LEVELS],
        },
    }
    return project


def _indicator(level: str, weight: int) -> dict[str, Any]:
    return {"二级指标": level, "三级指标": f"{level}完成情况", "指标值": "≥90%", "设置依据": "计划标准",
            "分值权重": weight, "赋分规则": "按照完成比例赋分", "佐证资料": "工作资料"}


def _income(basic: dict[str, Decimal], projects: list[dict[str, Any]]) -> dict[str, Any]:
    by_source: dict[str, Decimal] = {"一般公共预算": sum(basic.values(), Decimal(0))}
    for project in projects:
        for source, amount in project["资金来源"].items():
            by_source[source] = by_source.get(source, Decimal(0)) + amount
    income: dict[str, Any] = {"一般公共预算": {"一般财力": by_source["一般公共预算"]}}
    if "上级一般公共预算转移支付" in by_source:
        income["一般公共预算"]["上级转移支付"] = by_source["上级一般公共预算转移支付"]
    if "政府性基金预算" in by_source:
        income["政府性基金预算"] = {"政府性基金收入": by_source["政府性基金预算"]}
    if "一般公共预算结转" in by_source:
        income["上年结转结余"] = {"财政拨款结转": {"一般公共预算": by_source["一般公共预算结转"]}}
    return income


def _overview(rng: random.Random, name: str) -> dict[str, Any]:
    serving = rng.randint(5, 120)
    return {
        "主要职能": [f"负责{name}职责范围内的工作。", "承办上级交办的其他事项。"],
        "机构设置": {"内设机构": [f"第{i + 1}科" for i in range(rng.randint(2, 8))]},
        "人员情况": {
            "编制数": serving + rng.randint(0, 10),
            "在职": {"本年": serving, "上年": serving + rng.randint(-3, 3)},
            "退休": {"本年": (r := rng.randint(0, 60)), "上年": max(0, r - rng.randint(0, 3))},
            "离休": {"本年": 0, "上年": 0},
        },
    }


def _other_matters(rng: random.Random) -> dict[str, Any]:
    goods, services = _money(rng, 0, 80), _money(rng, 0, 120)
    total = goods + services
    return {
        "政府采购": {"货物": goods, "服务": services, "面向中小企业预留": total, "面向小微企业预留": total},
        "国有资产": {
            "车辆": {"一般公务用车": {"数量": (n := rng.randint(0, 6)), "价值": _money(rng, 0, 30) if n else Decimal(0)}},
            "办公家具价值": _money(rng, 1, 100),
            "其他资产价值": _money(rng, 1, 500),
        },
    }


def _prior(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    """Last year's figures near this year's, each with a reason that matches its direction."""

    def compared(current: Decimal) -> dict[str, Any]:
        previous = max(Decimal(0), (current * Decimal(rng.uniform(0.8, 1.2))).quantize(CENT)) if rng.random() < 0.8 else current
        direction = "up" if current > previous else "down" if current < previous else "same"
        return {"上年": previous, "原因": _REASONS[direction]}

    basic_total = sum(data["基本支出"].values(), Decimal(0))
    general_projects = [p for p in data["项目"] if set(p["资金来源"]) & {"一般公共预算", "上级一般公共预算转移支付"}]
    items = {code: compared(amount) for code, amount in data["基本支出"].items()}
    items = _merge_project_items(general_projects, items, compared)
    basic_previous = sum((items[c]["上年"] for c in data["基本支出"]), Decimal(0))
    project_previous = sum((v["上年"] for c, v in items.items() if c not in data["基本支出"]), Decimal(0))
    income = data["收入"]["一般公共预算"]
    general = income["一般财力"] + income.get("上级转移支付", Decimal(0))
    spending_project = sum((sum(p["资金来源"].values()) for p in data["项目"]), Decimal(0))
    prior = {
        "收入": {"一般公共预算": compared(general)},
        "支出": {"基本支出": _with_direction(basic_total, basic_previous), "项目支出": compared(spending_project)},
        "一般公共预算当年拨款": {
            "基本支出": _with_direction(basic_total, basic_previous),
            "项目支出": _with_direction(sum((sum(v for s, v in p["资金来源"].items() if s in ("一般公共预算", "上级一般公共预算转移支付")) for p in general_projects), Decimal(0)), project_previous),
        },
        "功能分类项": dict(sorted(items.items())),
        "机关运行经费": compared(sum(v for c, v in data["基本支出经济分类"].items() if c.startswith("302"))),
    }
    if "上级转移支付" in income:
        prior["收入"]["上级一般公共预算转移支付"] = compared(income["上级转移支付"])
    if "政府性基金预算" in data["收入"]:
        prior["收入"]["政府性基金预算"] = compared(data["收入"]["政府性基金预算"]["政府性基金收入"])
    if "上年结转结余" in data["收入"]:
        prior["收入"]["财政拨款结转"] = {"上年": Decimal(0), "原因": "本年新增财政拨款结转资金"}
    three = data["三公经费"]
    prior["三公经费"] = {key: compared(value) for key, value in three.items()}
    return prior


def _merge_project_items(projects: list[dict[str, Any]], items: dict[str, Any], compared) -> dict[str, Any]:
    """Projects sharing a 项 are compared as one item."""
    totals: dict[str, Decimal] = {}
    for project in projects:
        amount = sum(v for s, v in project["资金来源"].items() if s in ("一般公共预算", "上级一般公共预算转移支付"))
        totals[project["科目"]] = totals.get(project["科目"], Decimal(0)) + amount
    for code, amount in totals.items():
        items[code] = compared(amount)
    return items


def _with_direction(current: Decimal, previous: Decimal) -> dict[str, Any]:
    direction = "up" if current > previous else "down" if current < previous else "same"
    return {"上年": previous, "原因": _REASONS[direction]}
