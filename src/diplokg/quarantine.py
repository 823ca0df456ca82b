"""The quarantine: where an article that fails the SHACL gate goes instead of the store, its graph
and the report of its violations side by side, for a person to look at."""

from __future__ import annotations

from pathlib import Path

from .files import atomic_write, safe_filename
from .mapping import ArticleGraph, write_trig
from .validate import ValidationReport


def keep_rejected(folder: Path, article_id: str, graph: ArticleGraph, verdict: ValidationReport) -> Path:
    """Write ``<id>.trig`` and ``<id>.report.txt`` into ``folder``; returns the graph's file."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_filename(article_id)
    atomic_write(folder / f"{stem}.trig", write_trig(graph))
    atomic_write(folder / f"{stem}.report.txt", (str(verdict) + "\n").encode("utf-8"))
    return folder / f"{stem}.trig"
