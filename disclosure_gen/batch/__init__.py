"""Whole-county batches: every department checked, built in parallel, incrementally, with a summary."""

from .manifest import MANIFEST_NAME, County, ManifestError, load_county
from .runner import BUILT, FAILED, UNCHANGED, run_batch, run_counties
from .summary import county_rollup, write_summary

__all__ = [
    "BUILT", "FAILED", "MANIFEST_NAME", "UNCHANGED", "County", "ManifestError", "county_rollup",
    "load_county", "run_batch", "run_counties", "write_summary",
]
