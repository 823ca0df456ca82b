"""diplokg: a knowledge-graph loader for diplomatic news.

The library API (the CLI is a thin layer over it)::

    from diplokg import Settings, load, query
    settings = Settings.resolve({"store": "kg"})
    report = load(["examples/"], settings=settings)
    result = query("office-holders", settings=settings)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import DiplokgError
from .outcomes import RunReport

if TYPE_CHECKING:
    from .pipeline import extract, list_queries, load, query, validate

_PIPELINE = frozenset({"extract", "list_queries", "load", "query", "validate"})


def __getattr__(name: str) -> Any:
    """The entry points load the pipeline (spaCy, rdflib, pySHACL) on first use, so that
    ``import diplokg`` and ``diplokg --version`` stay fast."""
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'diplokg' has no attribute {name!r}")


__all__ = [
    "DiplokgError", "RunReport", "Settings", "__version__", "extract", "list_queries", "load", "query",
    "validate",
]
