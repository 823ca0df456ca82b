"""diplokg: a knowledge-graph loader for diplomatic news.

The library API (the CLI is a thin layer over it)::

    from diplokg import Settings, load, query
    settings = Settings.resolve({"store": "kg"})
    report = load(["examples/"], settings=settings)
    result = query("office-holders", settings=settings)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings
from .errors import DiplokgError
from .pipeline import RunReport, extract, list_queries, load, query, validate

__all__ = [
    "DiplokgError", "RunReport", "Settings", "__version__", "extract", "list_queries", "load", "query",
    "validate",
]
