"""The command line: thin commands that call the library and turn problems into messages."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .batch import BUILT, FAILED, ManifestError, load_county, run_counties, write_summary
from .batch.province import is_province, load_province
from .batch.summary import county_row, write_province_summary
from .batch.engines import ENGINES, open_engine
from .batch.progress import BatchProgress
from .cli_messages import ChineseGroup
from .build import DEFAULT_FORMATS, FORMATS, BuildOptions, rehearse, write_outputs
from .errors import DisclosureError
from .pipeline import Prepared, prepare
from .problems import Level
from .init import ExistingFileError, from_last_year, skeleton, write_new_file
from .ownership import claim_of, contested
from .schema import schema_text
from .templateset import TemplateError, load_template_set, search_folders
from .report import figures_json, summary_lines

_FILE = click.Path(exists=False, dir_okay=False, path_type=Path)
_FORMATS = click.option(
    "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
    help="输出格式：docx、pdf、xlsx，可用逗号组合，如 docx,pdf,xlsx",
)
_TEMPLATES = click.option(
    "--templates", "user_templates", multiple=True, type=click.Path(file_okay=False, path_type=Path),
    help="自定义模板文件夹（先于内置模板查找，可给多次）",
)
_BUDGET_UNIT = click.option(
    "--budget-unit", "unit", default=None, metavar="单位编码",
    help="部门由几个预算单位组成时：只处理其中一个单位自己的公开（按单位编码或名称），而不是部门汇总",
)


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="disclosure-gen", help="显示版本并退出", message="%(prog)s %(version)s")
def main() -> None:
    """disclosure-gen：由 YAML 预算数据生成部门预算公开文件。

    \b
    例：disclosure-gen check examples/*.yaml
        disclosure-gen figures examples/changji-cpc-office-2023.yaml
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE, metavar="部门文件...")
@_TEMPLATES
@_BUDGET_UNIT
def check(files: tuple[Path, ...], user_templates: tuple[Path, ...], unit: str | None) -> None:
    """检查一个或多个部门文件，列出全部错误和警告。

    没有错误时退出码为 0，有错误时为 1。

    \b
    例：disclosure-gen check examples/*.yaml
    """
    failed = False
    for path in files:
        prepared = rehearse(prepare(path, user_templates, unit=unit))
        _report(prepared)
        failed |= not prepared.ok
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("file", type=_FILE, metavar="部门文件")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（键名稳定，金额和百分比为两位小数的字符串）")
@_TEMPLATES
@_BUDGET_UNIT
def figures(file: Path, as_json: bool, user_templates: tuple[Path, ...], unit: str | None) -> None:
    """列出由数据计算出的全部数字，供核对。

    \b
    例：disclosure-gen figures examples/changji-cpc-office-2023.yaml
        disclosure-gen figures --json examples/changji-cpc-office-2023.yaml > figures.json
    """
    prepared = prepare(file, user_templates, unit=unit)
    if prepared.figures is None:
        _report(prepared)
        sys.exit(1)
    if as_json:
        click.echo(figures_json(prepared.figures))
    else:
        _report_warnings(prepared)
        click.echo("\n".join(summary_lines(prepared.figures)))


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE, metavar="部门文件...")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True, help="输出文件夹")
@_FORMATS
@click.option("--pdf-a", is_flag=True, help="PDF 采用 PDF/A-2b 归档格式")
@click.option("--tagged", is_flag=True, help="生成带标签（无障碍）的 PDF")
@_TEMPLATES
@_BUDGET_UNIT
def build(
    files: tuple[Path, ...], output: Path, formats: str, pdf_a: bool, tagged: bool, user_templates: tuple[Path, ...],
    unit: str | None,
) -> None:
    """检查并生成部门预算公开文件（<部门名称>-<年度>.docx / .pdf / .xlsx）。

    有错误的文件不生成，并列出错误；已有的同名文件只会被完整的新文件替换，
    一个部门的各个文件全部写成或全部不写（写不成时保留旧文件，并说明路径和原因）。
    两个文件是同一部门同一年度时，两个都不生成。

    \b
    例：disclosure-gen build examples/*.yaml -o out
        disclosure-gen build 部门.yaml --format docx
        disclosure-gen build 部门.yaml --format docx,pdf,xlsx
        disclosure-gen build 教育局.yaml --budget-unit 301002   （只生成其中一个预算单位自己的公开文件）
    """
    options = BuildOptions(_formats(formats), pdf_a=pdf_a, tagged=tagged)
    refused = contested(claim for claim in map(claim_of, files) if claim)
    failed = bool(refused)
    for path in files:
        if path in refused:
            click.echo(str(refused[path]), err=True)
            continue
        prepared = prepare(path, user_templates, unit=unit)
        if not prepared.ok:
            _report(prepared)
            failed = True
            continue
        _report_warnings(prepared)
        try:
            written = write_outputs(prepared, options, output)
        except DisclosureError as exc:
            click.echo(f"{path}：未生成：{exc}", err=True)
            failed = True
            continue
        for target in written:
            click.echo(f"已生成 {target}")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("file", type=_FILE, default=Path("部门预算.yaml"), metavar="[新文件]")
@click.option("--from", "last_year", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="从上一年的文件开始")
@click.option("--template", "template", default=None, help="公开格式模板名，如 bayingol-2023：文件开头列出它要求填写的字段")
@_TEMPLATES
def init(file: Path, last_year: Path | None, template: str | None, user_templates: tuple[Path, ...]) -> None:
    """新建一个部门的录入文件（带中文注释的模板），或从上一年的文件开始。

    不会覆盖已有文件。旁边同时写出 department.schema.json，供编辑器补全和校验。
    每个需要填写的地方写着「待填」，check 会逐个列出。

    \b
    例：disclosure-gen init 财政局2024.yaml
        disclosure-gen init 财政局2024.yaml --from 财政局2023.yaml
        disclosure-gen init 财政局2023.yaml --template bayingol-2023
    """
    if last_year is None:
        try:
            chosen = load_template_set(template, search_folders(user_templates)) if template else None
        except TemplateError as exc:
            raise click.ClickException(str(exc)) from None
        text = skeleton(chosen)
    else:
        prepared = prepare(last_year, user_templates)
        if not prepared.ok:
            _report(prepared)
            raise click.ClickException(f"上一年的文件 {last_year} 有错误，请先改正")
        try:
            text = from_last_year(prepared)
        except DisclosureError as exc:  # last year's file could not be read again, or a comment not placed
            raise click.ClickException(str(exc)) from None
    try:
        write_new_file(file, text)
    except ExistingFileError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已新建 {file}：把「待填」换成实际内容后，运行 disclosure-gen check {file}")


@main.command("import")
@click.argument("workbook", type=_FILE, metavar="工作簿")
@click.option("-o", "--output", "output", type=_FILE, default=None, help="新建的录入文件（默认与工作簿同名，扩展名 .yaml）")
@click.option("--template", "template", default=None, help="公开格式模板名，如 changji-2024（默认按年度选用）")
@click.option("--unit", type=click.Choice(["元", "万元"]), default=None, help="录入文件的金额单位（默认按工作簿的「单位」行）")
@click.option("--from", "last_year", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="从上一年的文件开始（沿用说明文字）")
@_TEMPLATES
def import_(workbook: Path, output: Path | None, template: str | None, unit: str | None, last_year: Path | None,
            user_templates: tuple[Path, ...]) -> None:
    """从 Excel 工作簿（预算公开表）导入一个部门的金额，新建录入文件。

    按表头文字识别表1、2、3、5、6、7、10（2024 年格式还有表11），只取明细行；
    工作簿中的合计与工具算出的不一致时逐个警告。说明文字写「待填」，不会覆盖已有文件。

    \b
    例：disclosure-gen import 统计局2024.xlsx -o 统计局2024.yaml
        disclosure-gen import 统计局2024.xlsx --from 统计局2023.yaml --unit 元
    """
    from .importer import ImportOptions, WorkbookError, import_workbook

    target = output or workbook.with_suffix(".yaml")
    if target.exists():
        raise click.ClickException(f"{target} 已存在；import 不会覆盖已有文件，请用 -o 换一个文件名")
    prepared = None
    if last_year is not None:
        prepared = prepare(last_year, user_templates)
        if not prepared.ok:
            _report(prepared)
            raise click.ClickException(f"上一年的文件 {last_year} 有错误，请先改正")
    try:
        result = import_workbook(workbook, ImportOptions(template, unit, prepared, user_templates))
        write_new_file(target, result.text)
    except (DisclosureError, ExistingFileError) as exc:
        raise click.ClickException(str(exc)) from None
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"已新建 {target}（{len(result.problems)} 个警告）：把「待填」换成实际内容后，运行 disclosure-gen check {target}")


@main.command()
def schema() -> None:
    """输出录入文件的 JSON Schema（含中文标题和说明），供编辑器补全和校验。

    \b
    例：disclosure-gen schema > department.schema.json
    然后在 YAML 文件第一行写：
        # yaml-language-server: $schema=department.schema.json
    """
    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("target", type=click.Path(exists=True, path_type=Path), metavar="县文件夹或清单")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True, help="输出文件夹")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="并行进程数（默认为本机核数；--engine dask 且未给 --scheduler 时为本机集群的进程数）")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local：本机进程池；dask：Dask 集群（需 pip install 'disclosure-gen[dask]'）")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="已运行的 Dask 集群的调度器地址（如 tcp://10.0.0.5:8786）；不给则在本机启动一个集群")
@click.option("--force", is_flag=True, help="全部重新生成（默认只生成有变化的部门）")
@_FORMATS
@_TEMPLATES
def batch(target: Path, output: Path, workers: int | None, engine: str, scheduler: str | None, force: bool, formats: str,
          user_templates: tuple[Path, ...]) -> None:
    """生成一个县全部部门的预算公开文件，并写出汇总表 index.html / index.xlsx。

    县文件夹或清单：部门 YAML 文件所在的文件夹（可含县清单 county.yaml），或县清单文件本身；
    也可以是省清单 province.yaml 或它所在的文件夹：各县一起生成（共用工作进程）到输出文件夹中与县文件夹同名的
    子文件夹（各有汇总表），输出文件夹中再写出按县汇总的全省汇总表。
    先逐个检查，有错误的部门跳过并在汇总中列出，其余部门并行生成；输入、模板和工具版本都
    没有变化的部门不重新生成。全部成功时退出码为 0，否则为 1。

    \b
    例：disclosure-gen batch 示范县/ -o 输出/
        disclosure-gen batch 示范县/county.yaml -o 输出/ --workers 2 --force
        disclosure-gen batch 示范县/ -o 输出/ --engine dask --scheduler tcp://10.0.0.5:8786
        disclosure-gen batch 全省/province.yaml -o 输出/
    """
    if scheduler and engine != "dask":
        raise click.BadParameter("只有 --engine dask 才能连接调度器", param_hint="--scheduler")
    try:
        province = load_province(target) if is_province(target) else None
        counties = province.counties if province else (("", load_county(target)),)
    except ManifestError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    options = BuildOptions(_formats(formats))
    total = sum(len(county.files) for _, county in counties)
    started = time.perf_counter()
    rows, failed = [], False
    try:
        with BatchProgress(total) as progress:
            runner = open_engine(engine, workers or os.cpu_count() or 1, scheduler, progress.on_start)
            try:
                built = run_counties([(county, output / folder) for folder, county in counties], options, runner, force,
                                     user_templates, progress.on_result)
            finally:
                runner.close()
        for (folder, county), records in zip(counties, built):
            summary = write_summary(county.name, records, output / folder)
            failed |= _report_county(county.name, records, summary[0])
            rows.append(county_row(county.name, folder, records))
        if province:
            summary = write_province_summary(province.name, rows, output)
            click.echo(f"{province.name}：{len(rows)} 个县；汇总 {summary[0]}")
    except DisclosureError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"用时 {time.perf_counter() - started:.1f} 秒")
    sys.exit(1 if failed else 0)


def _report_county(name: str, records: list[dict], summary: Path) -> bool:
    """Prints the county's failed departments and its one-line result; True if any failed."""
    failed = [r for r in records if r["status"] == FAILED]
    for record in failed:
        click.echo(f"未生成：{record['department']}（{record['file']}）", err=True)
        for message in record["errors"]:
            click.echo(f"  {message}", err=True)
    built = sum(r["status"] == BUILT for r in records)
    click.echo(f"{name}：{len(records)} 个部门，新生成 {built} 个，未变 {len(records) - built - len(failed)} 个，未生成 {len(failed)} 个；汇总 {summary}")
    return bool(failed)


def _formats(formats: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"不支持的格式：{'、'.join(unknown) or '（空）'}；可选 {', '.join(FORMATS)}", param_hint="--format")
    return chosen


def _report(prepared: Prepared) -> None:
    errors = [p for p in prepared.problems if p.level is Level.ERROR]
    warnings = [p for p in prepared.problems if p.level is Level.WARNING]
    for problem in prepared.problems:
        click.echo(str(problem), err=True)
    verdict = "不能生成" if errors else "可以生成"
    click.echo(f"{prepared.path}：{len(errors)} 个错误，{len(warnings)} 个警告（{verdict}）", err=True)


def _report_warnings(prepared: Prepared) -> None:
    for problem in prepared.problems:
        click.echo(str(problem), err=True)


if __name__ == "__main__":
    main()
