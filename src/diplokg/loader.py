"""The load engine: mapped articles through the SHACL gate a window at a time (their nodes named
as the store names them, see :mod:`.names`), the valid ones pushed to the store in batches on a
few threads, every commit journaled, the rejected quarantined.

Extraction runs ahead (in processes of its own, see :mod:`diplokg.extract.parallel`); this is what
the loading process does with each article it gets.
"""

from __future__ import annotations

import threading
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import EndpointRefused
from .extract.records import Extraction
from .journal import Journal
from .mapping import ArticleGraph
from .names import StoreNames
from .outcomes import ArticleOutcome, Progress, RunReport, Status
from .quarantine import keep_rejected
from .store import Store
from .validate import Gate, ValidationReport

# a batch of article graphs pushed in one request holds about this many triples
BATCH_TRIPLES = 5000
# articles are validated together in one SHACL run of about this many triples (a run costs ~20 ms
# besides its triples; small windows keep the validating in step with extraction)
GATE_TRIPLES = 5_000


@dataclass
class _Mapped:
    """One article on its way to the store."""

    extraction: Extraction
    article: ArticleGraph
    digest: str
    """The article's digest as mapped, before its names were settled: what ``--resume`` compares."""


class Loader:
    """Takes mapped articles (:meth:`add`), gates them a window at a time, pushes the valid ones
    in batches on ``jobs`` threads (at most two batches a thread waiting), and reports each
    article's outcome. :meth:`finish` waits for the last push; leaving the ``with`` block cancels
    what has not started."""

    def __init__(self, store: Store, gate: Gate, journal: Journal, *, quarantine: Path, jobs: int = 1,
                 progress: Progress | None = None) -> None:
        self.store, self.gate, self.journal = store, gate, journal
        self.quarantine = quarantine
        self.jobs = jobs
        self.report = RunReport()
        self._progress = progress
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="diplokg-push")
        self._pending: set[Future[None]] = set()
        self._window: list[_Mapped] = []
        self._window_triples = 0
        self._batch: list[_Mapped] = []
        self._batch_triples = 0
        # many small graphs go in one request where the store takes batches
        self._batch_limit = BATCH_TRIPLES if store.batches else 0
        self.names = StoreNames(store)

    def record(self, outcome: ArticleOutcome) -> None:
        """Count one article's outcome and tell the progress callback (from any thread)."""
        with self._lock:
            self.report.add(outcome)
            if self._progress:
                self._progress(outcome)

    def add(self, extraction: Extraction, article: ArticleGraph) -> None:
        """Queue one mapped article for the gate; a full window is gated at once."""
        self._window.append(_Mapped(extraction, article, article.digest))
        self._window_triples += len(article)
        if self._window_triples >= GATE_TRIPLES:
            self.gate_window()

    def gate_window(self) -> None:
        """Name the window's nodes as the store does, validate the articles: quarantine the
        rejected, queue the valid for pushing."""
        window, self._window, self._window_triples = self._window, [], 0
        if not window:
            return
        for one, settled in zip(window, self.names.settle([one.article for one in window]), strict=True):
            one.article = settled
        verdicts = self.gate.check_many([(one.article, one.extraction.document.origin) for one in window])
        for one, verdict in zip(window, verdicts, strict=True):
            if verdict.conforms:
                self._queue(one)
            else:
                self._reject(one, verdict)

    def _reject(self, one: _Mapped, verdict: ValidationReport) -> None:
        document = one.extraction.document
        kept = keep_rejected(self.quarantine, document.id, one.article, verdict)
        outcome = ArticleOutcome.of(one.extraction, len(one.article), Status.REJECTED,
                                    f"{document.origin}: failed validation, not stored; kept in {kept}")
        outcome.report = verdict
        self.record(outcome)

    def _queue(self, one: _Mapped) -> None:
        self._batch.append(one)
        self._batch_triples += len(one.article)
        if self._batch_triples >= self._batch_limit:
            self.submit()
        while len(self._pending) >= 2 * self.jobs:
            self.settle(wait_all=False)

    def submit(self) -> None:
        """Hand the batch gathered so far to a push thread."""
        if self._batch:
            self._pending.add(self._pool.submit(self.push, self._batch))
            self._batch, self._batch_triples = [], 0

    def push(self, batch: list[_Mapped]) -> None:
        """Replace the batch's graphs in the store and journal them. An article the store refuses
        fails alone (a refused batch is pushed again one article at a time); a store that cannot
        be reached raises."""
        try:
            self.store.replace_graphs([one.article for one in batch])
        except EndpointRefused as err:
            if len(batch) > 1:  # find the article the server refuses: the others still go in
                for one in batch:
                    self.push([one])
                return
            document = batch[0].extraction.document
            self.record(ArticleOutcome(document.origin, Status.FAILED, document.id,
                                       message=f"{document.origin}: {err}"))
            return
        self.journal.add((str(one.article.identifier), one.digest, one.extraction.document.id,
                          len(one.article)) for one in batch)
        for one in batch:
            self.record(ArticleOutcome.of(one.extraction, len(one.article), Status.STORED))

    def settle(self, wait_all: bool) -> None:
        """Wait for one push (or all of them) to end; a push that raised raises here."""
        if not self._pending:
            return
        done, self._pending = wait(self._pending, return_when=ALL_COMPLETED if wait_all else FIRST_COMPLETED)
        for future in done:
            future.result()  # an unreachable store ends the run here

    def finish(self) -> None:
        """Gate and push what is left, and wait until every push has ended."""
        self.gate_window()
        self.submit()
        self.settle(wait_all=True)

    def close(self) -> None:
        """Cancel the pushes that have not started; wait for the others."""
        for future in self._pending:
            future.cancel()
        self._pool.shutdown(wait=True)

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
