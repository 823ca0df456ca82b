"""Extraction at scale: batches through one process, several processes, or a Dask cluster.

Whatever runs it, the stream keeps the input order, holds only a bounded number of batches in
flight (memory stays flat however long the input), and passes read errors through in place, so
one bad article never stops a run.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..document import Document
from ..errors import EnvironmentProblem, InputError
from ..processes import die_with_parent
from .records import Extraction

# articles a batch: nlp.pipe is about 7% faster on 64 than on 16 (and as fast as on 1,000)
BATCH = 64
# articles extracted ahead of the caller, at most, when extraction runs in other processes
IN_FLIGHT = 256

Item = Document | InputError
Result = Extraction | InputError


@functools.lru_cache(maxsize=2)
def _extractor(model: str) -> Any:
    # one pipeline per process (a pool worker, a Dask worker), loaded on its first batch
    from . import Extractor

    return Extractor(model)


def _ready(model: str) -> None:
    _extractor(model)


def extract_batch(batch: list[Item], model: str) -> list[Result]:
    """Extract one batch in order; read errors stay errors. Runs in workers: module-level and
    picklable on purpose."""
    extractor = _extractor(model)
    documents = (item for item in batch if isinstance(item, Document))
    try:
        extractions = list(extractor.extract_many(documents))
    except Exception:  # one article's failure is that article's, not the run's
        return [item if isinstance(item, InputError) else _alone(extractor, item) for item in batch]
    found = iter(extractions)
    return [item if isinstance(item, InputError) else next(found) for item in batch]


def _alone(extractor: Any, document: Document) -> Result:
    """One article extracted by itself; an error in it becomes that article's reported error."""
    try:
        return extractor.extract(document)
    except Exception as err:
        where = document.origin or document.id
        return InputError(f"{where}: extraction failed ({type(err).__name__}: {err}); the other articles go on, "
                          f"please report this article")


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches of ``size`` items; the first ones smaller (8, 16, ...), so that whoever waits for
    the first results gets them soon."""
    batch: list[Item] = []
    limit = min(8, size)
    for item in items:
        batch.append(item)
        if len(batch) >= limit:
            yield batch
            batch = []
            limit = min(2 * limit, size)
    if batch:
        yield batch


def _windowed(submit: Callable[[list[Item]], Any], wait: Callable[[Any], list[Result]],
              batches: Iterator[list[Item]], window: int) -> Iterator[Result]:
    """Keep ``window`` batches in flight; yield results in input order."""
    in_flight: deque[Any] = deque()
    for batch in batches:
        in_flight.append(submit(batch))
        if len(in_flight) >= window:
            yield from wait(in_flight.popleft())
    while in_flight:
        yield from wait(in_flight.popleft())


@contextlib.contextmanager
def extraction(items: Iterable[Item], *, model: str, workers: int = 1, dask: str | None = None,
               overlap: bool = False, batch_size: int | None = None) -> Iterator[Iterator[Result]]:
    """Extractions (or read errors) in input order, from processes started on entering (before
    the caller opens stores or starts threads) and stopped on leaving.

    ``workers`` > 1 runs that many processes on this machine; with ``overlap``, one worker runs in
    a process of its own too, so that the caller's work on the results (linking, mapping,
    validating, storing) runs alongside spaCy instead of after it. ``dask`` is a Dask
    scheduler's address (``tcp://host:8786``) or ``local`` for a local cluster of ``workers``
    processes.
    """
    if dask:
        # small batches keep every Dask worker busy
        yield _dask_stream(_batches(items, batch_size or 4), model, workers, dask)
    elif workers > 1 or overlap:
        # fork: the workers start with this process's memory, the loaded pipeline included;
        # batches of 16 keep every worker busy and the caller's results coming (measured: the
        # last 64 articles of a load took 1.5 s to validate and store after extraction ended)
        size = batch_size or 16
        _extractor(model)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=die_with_parent)
        try:
            pool.submit(_ready, model).result()  # the processes start now, not at the first batch
            # enough in flight that the workers keep going while the caller validates a window
            yield _windowed(lambda b: pool.submit(extract_batch, b, model), _result,
                            _batches(items, size), max(2 * workers, IN_FLIGHT // size))
        except BrokenProcessPool:
            raise _died() from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        yield (result for batch in _batches(items, batch_size or BATCH) for result in extract_batch(batch, model))


def _died() -> EnvironmentProblem:
    return EnvironmentProblem("an extraction process died (killed, or out of memory) and the run stopped; "
                              "the articles reported before were kept: run again (load --resume skips them), "
                              "with fewer --workers if memory is short")


def _result(future: Future[list[Result]]) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _died() from None


def _dask_stream(batches: Iterator[list[Item]], model: str, workers: int, address: str) -> Iterator[Result]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EnvironmentProblem("--dask needs dask.distributed, an optional part of diplokg; install it with "
                                 "'pip install \"diplokg[dask]\"' (or 'pip install distributed')") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=10)
    except OSError as err:
        raise EnvironmentProblem(f"cannot reach the Dask scheduler at {address} ({err}); start it with "
                                 f"'dask scheduler' and workers with 'dask worker {address}'") from None
    try:
        window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _windowed(lambda b: client.submit(extract_batch, b, model, pure=False), lambda f: f.result(),
                             batches, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
