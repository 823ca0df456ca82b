"""The library API behind every command: whole runs over many articles.

Each function does one job and returns a report; failures of single articles are results in the
report (the run goes on), failures of the run itself raise :class:`~diplokg.errors.DiplokgError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.term import Node

from .config import Settings
from .dates import PartialDate
from .document import Document, collect_sources
from .errors import EXIT_INVALID, EXIT_OK, EndpointRefused, InputError, QueryError
from .extract import Extraction, Extractor
from .extract.parallel import extraction
from .link import build_linker
from .mapping import ArticleGraph, map_article, to_dataset, write_trig, write_turtle
from .outcomes import OUTPUT_FORMATS, PROBLEMS, ArticleOutcome, RunReport, Status  # noqa: F401
from .query import NAMES_QUERY, NamedQuery, match_names, name_params, named_queries, resolve_query
from .reason import ConsistencyReport
from .store import open_target, target_identity
from .store.base import QueryResult, Store, is_update
from .validate import Gate, ValidationReport, parse_rdf
from .vocab import GRAPH_PREFIX

log = logging.getLogger(__name__)

# a batch of article graphs pushed in one request holds about this many triples
BATCH_TRIPLES = 5000
# articles are validated together in one SHACL run of about this many triples (a run costs ~20 ms
# besides its triples; small windows keep the validating in step with extraction)
GATE_TRIPLES = 5_000


Progress = Callable[[ArticleOutcome], None]


def read_documents(paths: Iterable[str | Path], date: PartialDate | None = None) -> Iterator[Document | InputError]:
    """Every article named by ``paths``, or the error that kept one from being read.

    Missing paths fail at once, when this is called (before any work); a bad file or JSON line is
    yielded as an error and the rest are still read. Two articles with one id would share a
    graph, so the second is an error too.
    """
    sources = collect_sources(paths)

    def generate() -> Iterator[Document | InputError]:
        seen: dict[str, str] = {}
        for source in sources:
            try:
                for document in source.documents(date):
                    if isinstance(document, InputError):
                        yield document
                        continue
                    if document.id in seen:
                        yield InputError(
                            f"{document.origin}: article id {document.id!r} is already used by "
                            f"{seen[document.id]}; rename one of them (the id names the article's graph)"
                        )
                        continue
                    seen[document.id] = document.origin
                    yield document
            except InputError as err:
                yield err

    return generate()


def overlaps(overlap: bool | None) -> bool:
    """Whether spaCy runs in a process of its own beside the one that links, maps and writes or
    validates and stores (by default, when this machine has more than one core)."""
    return overlap if overlap is not None else (os.cpu_count() or 1) > 1


@contextlib.contextmanager
def _extracted(settings: Settings, items: Iterator[Document | InputError], *, workers: int = 1,
               dask: str | None = None, overlap: bool | None = None) -> Iterator[Iterator[Extraction | InputError]]:
    """Linked extractions in input order (in this process, ``workers`` processes, or on Dask);
    read errors passed through. Linking stays here: one linker, one cache, one rate limit."""
    if workers < 1:
        raise InputError(f"--workers {workers}: give 1 or more processes")
    linker = build_linker(settings)
    Extractor(settings.model)  # fail early, here, if the model is missing

    def linked(results: Iterator[Extraction | InputError]) -> Iterator[Extraction | InputError]:
        for result in results:
            if not isinstance(result, InputError):
                linker.link(result)
            yield result

    with extraction(items, model=settings.model, workers=workers, dask=dask,
                    overlap=overlaps(overlap)) as results:
        yield linked(results)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private; give it the permissions of an ordinary new file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_filename(article_id: str) -> str:
    """A file name for an article id (ids from JSON Lines may hold any character): the id itself
    when it is a safe name, else its safe characters and a digest of the whole id, so that two
    ids never share a file ("x/y", "x_y" and "x y" are three files)."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id).strip(".")
    if cleaned == article_id and 0 < len(cleaned) <= 200:
        return cleaned
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{cleaned[:200] or 'article'}-{digest}"


def extract(paths: Iterable[str | Path], out_dir: Path, *, settings: Settings, date: PartialDate | None = None,
            fmt: str = "trig", progress: Progress | None = None, workers: int = 1,
            dask: str | None = None, overlap: bool | None = None) -> RunReport:
    """Extract each article into ``out_dir/<id>.<fmt>`` (one named graph per article).

    The files are what extraction found, before the SHACL gate (use ``validate`` on them).
    ``overlap`` runs spaCy in a process of its own, beside this one's linking, mapping and
    writing (see :func:`overlaps`).
    """
    if fmt not in OUTPUT_FORMATS:
        raise InputError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    items = read_documents(paths, date)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{out_dir}: cannot create the output folder ({err.strerror}); choose another --out") from None
    report = RunReport()
    with _extracted(settings, items, workers=workers, dask=dask, overlap=overlap) as results:
        for result in results:
            _write_one(result, out_dir, fmt, report, progress)
    return report


def _write_one(result: Extraction | InputError, out_dir: Path, fmt: str, report: RunReport,
               progress: Progress | None) -> None:
    """Write one article's graph (or count its read error)."""
    if isinstance(result, InputError):
        outcome = _unreadable(result)
    else:
        document = result.document
        article = map_article(result)
        if fmt == "ttl":
            data = write_turtle(article)
        elif fmt == "trig":
            data = write_trig(article)
        else:
            data = to_dataset([article.graph()]).serialize(format=OUTPUT_FORMATS[fmt], encoding="utf-8")
        target = out_dir / f"{safe_filename(document.id)}.{fmt}"
        try:
            _atomic_write(target, data)
        except OSError as err:
            raise InputError(f"{target}: cannot write ({err.strerror}); choose a writable --out") from None
        outcome = _outcome(result, len(article), Status.WRITTEN)
        outcome.message = str(target)
    report.add(outcome)
    if progress:
        progress(outcome)


def _unreadable(error: InputError) -> ArticleOutcome:
    return ArticleOutcome(str(error).split(": ", 1)[0], Status.UNREADABLE, message=str(error))


def _outcome(extraction: Extraction, triples: int, status: Status) -> ArticleOutcome:
    return ArticleOutcome(
        origin=extraction.document.origin, status=status, article_id=extraction.document.id,
        triples=triples, entities=len(extraction.entities),
        facts=len(extraction.facts),
    )


_GRAPH_SIZES = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "
                f"{Literal(GRAPH_PREFIX).n3()})) }} GROUP BY ?g")


class Journal:
    """The articles a run has committed to a store, with a digest of each graph, so that
    ``--resume`` after a crash or a kill skips what is already there (one JSON line per commit,
    flushed to disk before the next)."""

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


def _quarantine(folder: Path, extraction: Extraction, graph: ArticleGraph, verdict: ValidationReport) -> Path:
    """Keep a rejected article's graph and report for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_filename(extraction.document.id)
    _atomic_write(folder / f"{stem}.trig", write_trig(graph))
    _atomic_write(folder / f"{stem}.report.txt", (str(verdict) + "\n").encode("utf-8"))
    return folder / f"{stem}.trig"


def load(paths: Iterable[str | Path], *, settings: Settings, date: PartialDate | None = None,
         progress: Progress | None = None, jobs: int = 1, resume: bool = False, workers: int = 1,
         dask: str | None = None, overlap: bool | None = None) -> RunReport:
    """Extract, map, validate and store each article: in the embedded store, or on a SPARQL
    endpoint when ``settings.endpoint`` is set.

    Each article replaces its own named graph atomically, so a store never holds half an article.
    An article that fails the SHACL gate is not stored; its graph and report go to the quarantine
    folder. Every commit is journaled: with ``resume``, articles already committed unchanged are
    skipped. ``jobs`` pushes run at once; ``overlap`` runs spaCy in a process of its own, beside
    this one's mapping, validating and storing (see :func:`overlaps`). A store that cannot be
    reached stops the run (raising :class:`EndpointError`); a store that refuses one article
    fails that article only.
    """
    if jobs < 1:
        raise InputError(f"--jobs {jobs}: give 1 or more concurrent pushes")
    items = read_documents(paths, date)
    gate = Gate(settings.shapes)
    report = RunReport()
    lock = threading.Lock()

    def record(outcome: ArticleOutcome) -> None:
        with lock:
            report.add(outcome)
            if progress:
                progress(outcome)

    # the extraction processes start first: forked before the store and the push threads exist
    with _extracted(settings, items, workers=workers, dask=dask, overlap=overlap) as results, \
            open_target(settings) as store:
        journal = Journal(settings.state / f"journal-{target_identity(settings)}.jsonl", resume)
        if resume:
            forgotten = journal.confirm(store)
            if forgotten:
                log.warning("%d journaled article(s) are not in the target (was it deleted or replaced?); "
                            "they are loaded again", forgotten)
        pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="diplokg-push")
        pending: set[Future[None]] = set()
        # many small graphs go in one request where the store takes batches
        batch: list[_Mapped] = []
        batch_triples = 0
        batch_limit = BATCH_TRIPLES if store.batches else 0

        def submit() -> None:
            nonlocal batch_triples
            if batch:
                pending.add(pool.submit(push, list(batch)))
                batch.clear()
                batch_triples = 0

        def push(batch: list[_Mapped]) -> None:
            try:
                store.replace_graphs([one.article for one in batch])
            except EndpointRefused as err:
                if len(batch) > 1:  # find the article the server refuses: the others still go in
                    for one in batch:
                        push([one])
                    return
                document = batch[0].extraction.document
                record(ArticleOutcome(document.origin, Status.FAILED, document.id,
                                      message=f"{document.origin}: {err}"))
                return
            journal.add((str(one.article.identifier), one.article.digest, one.extraction.document.id, len(one.article))
                        for one in batch)
            for one in batch:
                record(_outcome(one.extraction, len(one.article), Status.STORED))

        def settle(wait_all: bool) -> None:
            nonlocal pending
            if not pending:
                return
            done, pending = wait(pending, return_when=ALL_COMPLETED if wait_all else FIRST_COMPLETED)
            for future in done:
                future.result()  # an unreachable store ends the run here

        try:
            window: list[_Mapped] = []
            window_triples = 0

            def gate_window() -> None:
                """Validate the window's articles, then queue the valid ones for pushing."""
                nonlocal batch_triples
                if not window:
                    return
                for one, verdict in zip(window, _verdicts(gate, window), strict=True):
                    if not verdict.conforms:
                        origin = one.extraction.document.origin
                        kept = _quarantine(settings.quarantine, one.extraction, one.article, verdict)
                        outcome = _outcome(one.extraction, len(one.article), Status.REJECTED)
                        outcome.report = verdict
                        outcome.message = f"{origin}: failed validation, not stored; kept in {kept}"
                        record(outcome)
                        continue
                    batch.append(one)
                    batch_triples += len(one.article)
                    if batch_triples >= batch_limit:
                        submit()
                    while len(pending) >= 2 * jobs:
                        settle(wait_all=False)
                window.clear()

            for result in results:
                if isinstance(result, InputError):
                    record(_unreadable(result))
                    continue
                article = map_article(result)
                if resume and journal.committed(str(article.identifier), article.digest):
                    record(_outcome(result, len(article), Status.SKIPPED))
                    continue
                window.append(_Mapped(result, article))
                window_triples += len(article)
                if window_triples >= GATE_TRIPLES:
                    gate_window()
                    window_triples = 0
            gate_window()
            submit()
            settle(wait_all=True)
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True)
            journal.close()
    return report


@dataclass
class _Mapped:
    """One article on its way to the store."""

    extraction: Extraction
    article: ArticleGraph


def _verdicts(gate: Gate, window: list[_Mapped]) -> list[ValidationReport]:
    """One verdict per article: the articles are checked together, and halved only where that
    fails, down to the articles that fail (whose reports then name their own violations)."""
    if len(window) == 1:
        return [gate.check(window[0].article.graph(), window[0].extraction.document.origin)]
    together = gate.graph()
    for one in window:
        together.addN((s, p, o, together) for s, p, o in one.article)
    verdict = gate.check_prepared(together)
    if verdict.conforms:
        return [verdict] * len(window)
    half = len(window) // 2
    return _verdicts(gate, window[:half]) + _verdicts(gate, window[half:])


def validate(paths: Iterable[str | Path], *, shapes: Path | None = None) -> list[ValidationReport]:
    """Validate RDF files against the shapes (diplokg's own unless ``shapes`` is given).

    Raises :class:`InputError` for a file that cannot be read, before validating any.
    """
    given = [Path(p) for p in paths]
    if not given:
        raise InputError("no file given; name the Turtle/TriG files to validate")
    graphs = [(parse_rdf(p, "data"), str(p)) for p in given]
    gate = Gate(shapes)
    return [gate.check(graph, source) for graph, source in graphs]


def query(name_or_file: str | None, *, settings: Settings, sparql: str | None = None,
          params: dict[str, Node] | None = None) -> QueryResult:
    """Run a named query (or a ``.rq`` file, or ``sparql`` text) on the embedded store."""
    if (name_or_file is None) == (sparql is None):
        raise InputError("give either a query name or file, or --sparql TEXT (not both)")
    if sparql is not None:
        text = sparql
        if is_update(text):
            raise QueryError("SPARQL Update (INSERT, DELETE, DROP, LOAD, CLEAR ...) is refused: 'query' only reads; "
                             "articles enter the store through 'diplokg load' and its gate")
    else:
        named = resolve_query(name_or_file or "")
        named.check_params(params or {})
        text = named.text
    with open_target(settings, read_only=True, must_exist=True) as store:
        bindings: dict[str, Node | tuple[Node, ...]] = dict(params or {})
        wanted = [p for p in name_params(named) if isinstance(bindings.get(p), Literal)] if sparql is None else []
        if wanted:
            names = [(row[0], row[1]) for row in store.query(NAMES_QUERY).rows]
            for param in wanted:
                value = str(bindings[param])
                found = match_names(value, names)
                if isinstance(found, list):
                    close = f"; close names: {', '.join(map(repr, found))}" if found else ""
                    raise InputError(f"--param {param}={value!r}: no entity of that name, alias or surname in the "
                                     f"store{close} (list them with 'diplokg query entities')")
                bindings[param] = found
        return store.query(text, bindings)


@dataclass
class RelinkReport:
    """What ``relink`` changed."""

    graphs: int = 0
    rewritten: int = 0
    linked: int = 0
    rejected: list[ValidationReport] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 if a rewritten graph failed validation (it was left as it was), else 0."""
        return EXIT_INVALID if self.rejected else EXIT_OK


def relink(*, settings: Settings, progress: Callable[[str, int], None] | None = None) -> RelinkReport:
    """Link the entities already in the store and rewrite the graphs that change (each one
    validated, and replaced atomically)."""
    from .link.relink import relink_graph

    report = RelinkReport()
    with open_target(settings, must_exist=True) as store:
        linker = build_linker(settings)
        gate = Gate(settings.shapes)
        for name in store.graph_names():
            report.graphs += 1
            graph, linked = relink_graph(store.get_graph(name), linker)
            if not linked:
                continue
            verdict = gate.check(graph, str(name))
            if not verdict.conforms:
                report.rejected.append(verdict)
                continue
            store.replace_graph(graph)
            report.rewritten += 1
            report.linked += linked
            if progress:
                progress(str(name), linked)
    return report


def reason(files: Iterable[str | Path] = (), *, settings: Settings, materialize: bool = False) -> ConsistencyReport:
    """Run HermiT over the ontology and the data: RDF ``files`` if given, else every article graph
    in the store. With ``materialize`` (stores only), the inferences replace the store's
    inferred graph."""
    from .reason import INFERRED_GRAPH, check_consistency, union

    given = [Path(f) for f in files]
    if given:
        if materialize:
            raise InputError("--materialize writes into a store; run it with --store or --endpoint, not on files")
        sources = {str(p): parse_rdf(p, "data") for p in given}
        return check_consistency(union(sources.values()), sources=sources)
    with open_target(settings, must_exist=True) as store:
        sources = {str(name): store.get_graph(name) for name in store.graph_names()}
        report = check_consistency(union(sources.values()), sources=sources, materialize=materialize)
        if report.inferred is not None:
            inferred = Graph(identifier=INFERRED_GRAPH)
            for triple in report.inferred:
                inferred.add(triple)
            store.replace_graph(inferred)
        return report


def show(target: str, out: Path, *, settings: Settings) -> Path:
    """Draw one article's graph (by its id) or an entity's neighbourhood (by name, IRI or Wikidata
    ID) into ``out`` (.svg or .html)."""
    from rdflib import RDFS, Literal, URIRef

    from .show import facts_query, nodes_query, render
    from .vocab import WD, graph_iri

    with open_target(settings, read_only=True, must_exist=True) as store:
        article = graph_iri(target)
        if article in store.graph_names():
            return render(store.get_graph(article), f"article {target}", out)
        if target.startswith(("http://", "https://")):
            entity = URIRef(target)
        else:
            rows = store.query(
                "SELECT DISTINCT ?e WHERE { GRAPH ?g { { ?e ?label ?name } "
                "UNION { ?e <http://www.w3.org/2002/07/owl#sameAs> ?wd } } }",
                {"name": Literal(target), "label": RDFS.label,
                 "wd": WD[target] if target.startswith("Q") and target[1:].isdigit() else URIRef("urn:none")},
            ).rows
            found = sorted({str(r[0]) for r in rows if r[0] is not None})
            if not found:
                raise InputError(f"{target!r}: no article with that id and no entity with that name, IRI or QID; "
                                 f"see 'diplokg query articles' and 'diplokg query entities'")
            if len(found) > 1:
                raise InputError(f"{target!r} names {len(found)} entities ({', '.join(found[:5])}); give the IRI")
            entity = URIRef(found[0])
        facts = store.query(facts_query(entity)).graph or Graph()
        nodes = sorted({t for s, _, o in facts for t in (s, o) if isinstance(t, URIRef)} | {entity})
        drawn = store.query(nodes_query(nodes)).graph or Graph()
        for triple in facts:
            drawn.add(triple)
        return render(drawn, target, out)


def list_queries() -> list[NamedQuery]:
    """The named queries shipped in ``queries/``."""
    return named_queries()
