"""The library API behind every command: whole runs over many articles.

Each function does one job and returns a report; failures of single articles are results in the
report (the run goes on), failures of the run itself raise :class:`~diplokg.errors.DiplokgError`.
The stages they run live in modules of their own: reading (:mod:`.document`), extraction
(:mod:`.extract`), linking (:mod:`.link`), mapping (:mod:`.mapping`), files (:mod:`.files`), the
gate (:mod:`.validate`), loading (:mod:`.loader`, :mod:`.journal`, :mod:`.quarantine`), stores
(:mod:`.store`), queries (:mod:`.query`), pictures (:mod:`.show`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.term import Node

from .config import Settings
from .dates import PartialDate
from .document import Document, read_documents
from .errors import InputError, QueryError
from .extract import Extraction, Extractor
from .extract.parallel import extraction
from .files import output_folder, write_article
from .index import mark_stale
from .journal import Journal
from .link import build_linker
from .loader import Loader
from .mapping import bind_prefixes, map_article
from .outcomes import OUTPUT_FORMATS, ArticleOutcome, Progress, RelinkReport, RunReport, Status, TrackReport
from .query import (
    FORMS_QUERY,
    NAMES_QUERY,
    NamedQuery,
    match_names,
    name_forms,
    name_params,
    named_queries,
    paged,
    resolve_query,
)
from .reason import ConsistencyReport
from .store import open_target
from .store.base import QueryResult, article_union, is_update, located
from .validate import Gate, ValidationReport, parse_rdf

__all__ = [
    "draw", "extract_to_files", "list_queries", "load", "overlaps", "relink_store", "run_query", "run_reasoner",
    "validate_files", "validate_store",
]


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


def extract_to_files(paths: Iterable[str | Path], out_dir: Path, *, settings: Settings,
                     date: PartialDate | None = None, fmt: str = "trig", progress: Progress | None = None,
                     workers: int = 1, dask: str | None = None, overlap: bool | None = None) -> RunReport:
    """Extract each article into ``out_dir/<id>.<fmt>`` (one named graph per article).

    The files are what extraction found, before the SHACL gate (use :func:`validate_files` on
    them). ``overlap`` runs spaCy in a process of its own, beside this one's linking, mapping and
    writing (see :func:`overlaps`).
    """
    if fmt not in OUTPUT_FORMATS:
        raise InputError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    items = read_documents(paths, date)
    output_folder(out_dir)
    report = RunReport()
    with _extracted(settings, items, workers=workers, dask=dask, overlap=overlap) as results:
        for result in results:
            if isinstance(result, InputError):
                outcome = ArticleOutcome.unreadable(result)
            else:
                article = map_article(result)
                written = write_article(article, result.document.id, out_dir, fmt)
                outcome = ArticleOutcome.of(result, len(article), Status.WRITTEN, str(written))
            report.add(outcome)
            if progress:
                progress(outcome)
    return report


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
    reached stops the run (raising :class:`~diplokg.errors.EndpointError`); a store that refuses
    one article fails that article only.
    """
    if jobs < 1:
        raise InputError(f"--jobs {jobs}: give 1 or more concurrent pushes")
    items = read_documents(paths, date)
    gate = Gate(settings.shapes)
    # the extraction processes start first: forked before the store and the push threads exist
    with _extracted(settings, items, workers=workers, dask=dask, overlap=overlap) as results, \
            open_target(settings) as store, Journal.of_target(settings, store, resume=resume) as journal, \
            Loader(store, gate, journal, quarantine=settings.quarantine, jobs=jobs, progress=progress) as loader:
        mark_stale(store)  # the listings kept by 'track' would not show what this load stores
        for result in results:
            if isinstance(result, InputError):
                loader.record(ArticleOutcome.unreadable(result))
                continue
            article = map_article(result)
            if resume and journal.committed(str(article.identifier), article.digest):
                loader.record(ArticleOutcome.of(result, len(article), Status.SKIPPED))
                continue
            loader.add(result, article)
        loader.finish()
    return loader.report


def validate_files(paths: Iterable[str | Path], *, shapes: Path | None = None) -> list[ValidationReport]:
    """Validate RDF files against the shapes (diplokg's own unless ``shapes`` is given).

    Raises :class:`InputError` for a file that cannot be read, before validating any.
    """
    given = [Path(p) for p in paths]
    if not given:
        raise InputError("no file given; name the Turtle/TriG files to validate")
    graphs = [(parse_rdf(p, "data"), str(p)) for p in given]
    gate = Gate(shapes)
    return [gate.check(graph, source) for graph, source in graphs]


def validate_store(*, settings: Settings) -> ValidationReport:
    """Validate the store as a whole (the union of its article graphs, on the embedded store or
    the endpoint the settings name) against the shapes (diplokg's own unless ``settings.shapes``).

    Each article conformed when it was stored; the union may still not, where articles disagree
    about a node they share (two labels of one entity, two countries of one office). The report's
    source names the store and how many article graphs it joins.
    """
    gate = Gate(settings.shapes)
    with open_target(settings, read_only=True, must_exist=True) as store:
        graphs = len(store.graph_names())
        union = article_union(store, into=gate.graph())
        bind_prefixes(union)  # the report's paths as dkg:officeOf, rdfs:label
        where = settings.endpoint or str(settings.store)
        report = gate.check_prepared(union, f"{where} (the union of {graphs} article graph{'s' * (graphs != 1)})")
        return replace(report, violations=located(report.violations, store))


def run_query(name_or_file: str | None, *, settings: Settings, sparql: str | None = None,
              params: dict[str, Node] | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Run a named query (or a ``.rq`` file, or ``sparql`` text) on the store. A parameter that
    names an entity is bound to every entity of that name, alias or surname.

    With ``limit`` (or ``offset``), the rows ``offset + 1`` to ``offset + limit`` of a SELECT
    query's answer, ``truncated`` telling whether more follow. A listing query that ``diplokg
    track`` keeps in the store's index (:mod:`diplokg.index`), asked without parameters, is read
    from there: the same rows, a page at a time."""
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError(f"--limit {limit} --offset {offset}: give 0 or more rows")
    if (name_or_file is None) == (sparql is None):
        raise InputError("give either a query name or file, or --sparql TEXT (not both)")
    named: NamedQuery | None = None
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
        filters = dict(named.index_filters) if named is not None else {}
        if named is not None and named.indexed and set(params or {}) <= set(filters):
            from .index import read_listing

            bound = {filters[param]: value for param, value in (params or {}).items()}
            listed = read_listing(store, named.name, limit, offset, on_or_before=bound)
            if listed is not None:
                return listed
        bindings: dict[str, Node | tuple[Node, ...]] = dict(params or {})
        wanted = [p for p in name_params(named) if isinstance(bindings.get(p), Literal)] if named is not None else []
        names: list[tuple[Node | None, Node | None]] | None = None
        for param in wanted:
            value = str(bindings[param])
            # the likely spellings first, looked up in the index; every name only if they find none
            # (a surname alone, an odd spelling): on the whole real corpus 0.01 s against 4 s
            rows = store.query(FORMS_QUERY, {"form": name_forms(value)}).rows
            found = match_names(value, [(row[0], row[1]) for row in rows])
            if isinstance(found, list):
                if names is None:
                    names = [(row[0], row[1]) for row in store.query(NAMES_QUERY).rows]
                found = match_names(value, names)
            if isinstance(found, list):
                close = f"; close names: {', '.join(map(repr, found))}" if found else ""
                raise InputError(f"--param {param}={value!r}: no entity of that name, alias or surname in the "
                                 f"store{close} (list them with 'diplokg query entities')")
            bindings[param] = found
        result = store.query(paged(text, limit, offset), bindings)
        if limit is not None and len(result.rows) > limit:
            del result.rows[limit:]
            result.truncated = True
        return result


def relink_store(*, settings: Settings, progress: Callable[[str, int], None] | None = None) -> RelinkReport:
    """Link the entities already in the store and rewrite the graphs that change (each one
    validated, and replaced atomically)."""
    from .link.relink import relink_graph
    from .mapping import ArticleGraph
    from .names import StoreNames

    report = RelinkReport()
    with open_target(settings, must_exist=True) as store:
        linker = build_linker(settings)
        gate = Gate(settings.shapes)
        names = StoreNames(store)
        stale = False
        for name in store.graph_names():
            report.graphs += 1
            graph, linked = relink_graph(store.get_graph(name), linker)
            if not linked:
                continue
            # a node the graph now shares with others is named as they name it
            article = names.settle([ArticleGraph(name, tuple(graph))])[0]
            verdict = gate.check(article.graph(), str(name))
            if not verdict.conforms:
                report.rejected.append(verdict)
                continue
            if not stale:  # before the first graph is rewritten: the index would not show it
                mark_stale(store)
                stale = True
            store.replace_graph(article)
            report.rewritten += 1
            report.linked += linked
            if progress:
                progress(str(name), linked)
    return report


def track_store(*, settings: Settings) -> TrackReport:
    """Track the store's commitments across articles (:mod:`diplokg.track`), reconcile its
    offices (:mod:`diplokg.tenures`), and replace the store's tracked and tenures graphs with the
    results, both validated first (neither is replaced unless both conform)."""
    from .index import build_index, listed
    from .tenures import read_holdings, reconcile, tenures_graph
    from .track import read_statements, track, tracked_graph

    report = TrackReport()
    with open_target(settings, must_exist=True) as store:
        statements = read_statements(store)
        tracked = track(statements)
        graph = tracked_graph(tracked)
        holdings, stated = read_holdings(store)
        reconciled = reconcile(holdings, stated)
        offices = tenures_graph(reconciled)
        listings = build_index(store, named_queries())
        gate = Gate(settings.shapes)
        for made in (graph, offices, listings):
            verdict = gate.check(made, str(made.identifier))
            if not verdict.conforms:
                report.rejected = verdict
                return report
        store.replace_graphs([graph, offices, listings])
    report.listings = listed(listings)
    report.holdings, report.tenures = len(holdings), len(reconciled.tenures)
    report.conflicts = reconciled.counts()
    report.statements, report.tracked = len(statements), len(tracked)
    for item in tracked:
        report.statuses[item.status.value] = report.statuses.get(item.status.value, 0) + 1
    return report


def run_reasoner(files: Iterable[str | Path] = (), *, settings: Settings,
                 materialize: bool = False) -> ConsistencyReport:
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


def draw(target: str, out: Path, *, settings: Settings, commitments: bool = False) -> Path:
    """Draw one article's graph (by its id) or an entity's neighbourhood (by name, IRI or Wikidata
    ID) into ``out`` (.svg or .html); with ``commitments``, the party's tracked commitments over time."""
    from .show import commitment_timeline, draw_target

    with open_target(settings, read_only=True, must_exist=True) as store:
        return commitment_timeline(store, target, out) if commitments else draw_target(store, target, out)


def list_queries() -> list[NamedQuery]:
    """The named queries shipped in ``queries/``."""
    return named_queries()
