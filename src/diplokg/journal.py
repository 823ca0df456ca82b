"""The resume journal: what a run has committed to a store, so that ``load --resume`` after a
crash or a kill loads only what is missing."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rdflib import Literal

from .config import Settings
from .store import Store, target_identity
from .vocab import GRAPH_PREFIX

log = logging.getLogger(__name__)

_GRAPH_SIZES = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "
                f"{Literal(GRAPH_PREFIX).n3()})) }} GROUP BY ?g")


class Journal:
    """The articles a run has committed to a store, with a digest of each graph, so that
    ``--resume`` skips what is already there (one JSON line per commit, flushed to disk before
    the next)."""

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        self.done: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                    self.done[record["graph"]] = record["sha256"]
                    if isinstance(record.get("triples"), int):
                        self.sizes[record["graph"]] = record["triples"]
                except (ValueError, KeyError):
                    continue  # a line cut short by a crash: that commit is not known
        self._handle = path.open("a" if resume else "w", encoding="utf-8")

    @classmethod
    def of_target(cls, settings: Settings, store: Store, *, resume: bool) -> Journal:
        """The journal of the store the settings name (in ``settings.state``); with ``resume``,
        the commits it records and the store still holds (a warning counts the others)."""
        journal = cls(settings.state / f"journal-{target_identity(settings)}.jsonl", resume)
        if resume:
            forgotten = journal.confirm(store)
            if forgotten:
                log.warning("%d journaled article(s) are not in the target (was it deleted or replaced?); "
                            "they are loaded again", forgotten)
        return journal

    def confirm(self, store: Store) -> int:
        """Forget the commits the target does not hold (any more): the store was deleted, or the
        URL now points at another server. One query for all; returns how many were forgotten."""
        if not self.done:
            return 0
        held = {str(row[0]): int(str(row[1])) for row in store.query(_GRAPH_SIZES).rows if row[0] is not None}
        lost = [g for g in self.done if g not in held or held[g] != self.sizes.get(g, held[g])]
        for graph in lost:
            del self.done[graph]
        return len(lost)

    def committed(self, graph: str, digest: str) -> bool:
        """Whether this exact graph was committed before."""
        return self.done.get(graph) == digest

    def add(self, commits: Iterable[tuple[str, str, str, int]]) -> None:
        """Record the commits ``(graph, digest, article id, triples)`` of one transaction durably
        (one ``fsync`` for all of them)."""
        with self._lock:
            for graph, digest, article_id, triples in commits:
                self._handle.write(json.dumps({"graph": graph, "sha256": digest, "id": article_id,
                                               "triples": triples}) + "\n")
                self.done[graph] = digest
                self.sizes[graph] = triples
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        """Close the journal file."""
        self._handle.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
