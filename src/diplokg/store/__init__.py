"""The store stage: one protocol (:class:`Store`), several backends."""

from __future__ import annotations

from pathlib import Path

from .base import QueryResult, Store
from .embedded import EmbeddedStore

__all__ = ["EmbeddedStore", "QueryResult", "Store", "open_store"]


def open_store(path: Path, *, read_only: bool = False) -> EmbeddedStore:
    """The embedded store in folder ``path``."""
    return EmbeddedStore(path, read_only=read_only)
