"""Engines that run the pipeline beyond one process. `wirewatch.engine.dask.run_dask` runs
ingest's clean and extract steps on a Dask cluster (a LocalCluster by default)."""
from __future__ import annotations

__all__ = ["run_dask"]


def run_dask(*args, **kwargs):  # type: ignore[no-untyped-def]
    from .dask import run_dask as _run_dask
    return _run_dask(*args, **kwargs)
