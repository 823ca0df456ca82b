"""Extraction at scale: batches through one process, several processes, or a Dask cluster.

Whatever runs it, the stream keeps the input order, holds only a bounded number of batches in
flight (memory stays flat however long the input), and passes read errors through in place, so
one bad article never stops a run.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..document import Document
from ..errors import EnvironmentProblem, InputError
from .records import Extraction

Item = Document | InputError
Result = Extraction | InputError


@functools.lru_cache(maxsize=2)
def _extractor(model: str) -> Any:
    # one pipeline per process (a pool worker, a Dask worker), loaded on its first batch
    from . import Extractor

    return Extractor(model)


def extract_batch(batch: list[Item], model: str) -> list[Result]:
    """Extract one batch in order; read errors stay errors. Runs in workers: module-level and
    picklable on purpose."""
    extractor = _extractor(model)
    documents = (item for item in batch if isinstance(item, Document))
    extractions = extractor.extract_many(documents)
    return [item if isinstance(item, InputError) else next(extractions) for item in batch]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
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


def extract_stream(items: Iterable[Item], *, model: str, workers: int = 1, dask: str | None = None,
                   batch_size: int | None = None) -> Iterator[Result]:
    """Extractions (or read errors) in input order.

    ``workers`` > 1 runs that many processes on this machine; ``dask`` is a Dask scheduler's
    address (``tcp://host:8786``) or ``local`` for a local cluster of ``workers`` processes.
    """
    # in one process, batches feed nlp.pipe; across processes, smaller ones keep every worker busy
    batches = _batches(items, batch_size or (16 if workers == 1 and not dask else 4))
    if dask:
        yield from _dask_stream(batches, model, workers, dask)
    elif workers > 1:
        # fork: the workers start with this process's memory, the loaded pipeline included
        context = multiprocessing.get_context("fork")
        _extractor(model)
        with context.Pool(workers) as pool:
            yield from _windowed(lambda b: pool.apply_async(extract_batch, (b, model)), lambda f: f.get(),
                                 batches, 2 * workers)
    else:
        for batch in batches:
            yield from extract_batch(batch, model)


def _dask_stream(batches: Iterator[list[Item]], model: str, workers: int, address: str) -> Iterator[Result]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EnvironmentProblem("--dask needs dask.distributed; install it with 'pip install distributed'") from None
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
