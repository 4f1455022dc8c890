"""Engines that run the pipeline beyond one process. `wirewatch.engine.dask.run_dask` runs
ingest's clean and extract steps on a Dask cluster (a LocalCluster by default)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dask import run_dask

__all__ = ["run_dask"]


def __getattr__(name: str) -> Any:
    # Dask is imported only when an engine is asked for
    if name == "run_dask":
        from .dask import run_dask
        return run_dask
    raise AttributeError(f"module 'wirewatch.engine' has no attribute {name!r}")
