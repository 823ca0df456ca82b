"""The store stage: one protocol (:class:`Store`), several backends."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..config import Settings
from .base import QueryResult, Store
from .embedded import EmbeddedStore, no_store_here
from .endpoint import EndpointConfig, EndpointStore

__all__ = ["EmbeddedStore", "EndpointStore", "QueryResult", "Store", "open_store", "open_target", "target_identity"]


def open_store(path: Path, *, read_only: bool = False) -> EmbeddedStore:
    """The embedded store in folder ``path``."""
    return EmbeddedStore(path, read_only=read_only)


def open_target(settings: Settings, *, read_only: bool = False, must_exist: bool = False) -> Store:
    """The store the settings name: a SPARQL endpoint when ``endpoint`` is set, else the
    embedded store. With ``must_exist`` (the commands that read what was loaded), an embedded
    store that is not there yet is a :class:`~diplokg.errors.StoreError` instead of a new, empty
    store."""
    if settings.endpoint:
        return EndpointStore(EndpointConfig.from_url(
            settings.endpoint, update_url=settings.update_endpoint, graph_store_url=settings.graph_store,
            timeout=settings.endpoint_timeout))
    if must_exist and not settings.store.exists():
        raise no_store_here(settings.store)
    return open_store(settings.store, read_only=read_only)


def target_identity(settings: Settings) -> str:
    """A short stable name of the target store, for journals."""
    key = settings.endpoint or str(settings.store.resolve())
    return hashlib.sha256(key.encode()).hexdigest()[:16]
