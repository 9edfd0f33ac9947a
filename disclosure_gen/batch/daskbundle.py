"""A Dask worker plugin that hands each worker a template bundle once, including workers that join or restart later."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from .templates import ShippedTemplates, receive


class TemplateBundle(WorkerPlugin):
    """Registered once per digest: the scheduler keeps it and sets it up on every worker, present and future."""

    idempotent = True  # registering the same digest again sends nothing to the workers

    def __init__(self, bundle: ShippedTemplates):
        self.bundle: ShippedTemplates | None = bundle
        self.name = plugin_name(bundle.digest)

    def setup(self, worker: Any) -> None:
        if self.bundle is not None:
            receive(self.bundle)
        self.bundle = None  # the files are on the worker's disk now; the scheduler keeps the bytes for new workers


def plugin_name(digest: str) -> str:
    return f"disclosure-gen-templates-{digest}"
