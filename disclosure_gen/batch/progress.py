"""A batch's progress on the terminal: departments done and failed, time left, and the Dask dashboard."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .runner import FAILED
from .summary import STATUS_LABELS


class BatchProgress:
    """A progress bar on a terminal; elsewhere (a log, a pipe) one line per department."""

    def __init__(self, total: int, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.failed = 0
        self._bar: Progress | None = None
        if self.stream.isatty():
            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("失败 {task.fields[failed]}"), TextColumn("剩余"), TimeRemainingColumn(),
                console=Console(file=self.stream),
            )
            self._task = self._bar.add_task("生成中", total=total, failed=0)

    def __enter__(self) -> "BatchProgress":
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def on_result(self, record: dict[str, Any], done: int, total: int) -> None:
        """One more department finished (built, unchanged or failed)."""
        self.failed += record["status"] == FAILED
        if self._bar is not None:
            self._bar.update(self._task, completed=done, failed=self.failed)
        else:
            print(f"[{done}/{total}] {record['department']}：{STATUS_LABELS[record['status']]}", file=self.stream, flush=True)

    def on_start(self, dashboard: str | None) -> None:
        """The cluster is up: where its dashboard is, if it has one."""
        if dashboard:
            line = f"Dask 集群监控页面：{dashboard}"
            if self._bar is not None:
                self._bar.console.print(line, markup=False, highlight=False)
            else:
                print(line, file=self.stream, flush=True)
