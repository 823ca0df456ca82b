"""diplokg: a knowledge-graph loader for diplomatic news.

The library API (the CLI is a thin layer over it)::

    from diplokg import Settings, load, run_query
    settings = Settings.resolve({"store": "kg"})
    report = load(["examples/"], settings=settings)
    result = run_query("office-holders", settings=settings)

No entry point shares its name with a module of the package (``diplokg.extract``,
``diplokg.query`` ...): importing the module would replace the function on the package.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import DiplokgError
from .outcomes import RunReport

if TYPE_CHECKING:
    from .pipeline import (
        draw,
        extract_to_files,
        list_queries,
        load,
        relink_store,
        run_query,
        run_reasoner,
        validate_files,
    )

_PIPELINE = frozenset({"draw", "extract_to_files", "list_queries", "load", "relink_store", "run_query",
                       "run_reasoner", "validate_files"})


def __getattr__(name: str) -> Any:
    """The entry points load the pipeline (spaCy, rdflib, pySHACL) on first use, so that
    ``import diplokg`` and ``diplokg --version`` stay fast."""
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'diplokg' has no attribute {name!r}")


__all__ = [
    "DiplokgError", "RunReport", "Settings", "__version__", "draw", "extract_to_files", "list_queries", "load",
    "relink_store", "run_query", "run_reasoner", "validate_files",
]
