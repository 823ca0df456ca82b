"""The store's index: the rows of the named queries that list the whole store, kept by ``diplokg track``.

A query that lists every article, entity or fact groups or sorts thousands of rows over every
article graph: seconds on the whole real corpus however it is written (Oxigraph reads each row's
terms through its indexes, about 20 µs a term). The rows themselves change only when articles
do. So ``track`` runs each query marked ``# index:`` in its header once and keeps its answer in
the store's index graph (:data:`~diplokg.vocab.INDEX_GRAPH`): one ``dkg:Listing`` per query (its
columns and row count) and one ``dkg:ListingPage`` per :data:`PAGE_ROWS` rows, in the query's own
order, the rows as JSON. ``diplokg query`` then reads the pages it shows (a page is found by its
IRI) instead of computing the listing again.

The index is never stale: ``load`` and ``link`` empty it before they write an article graph
(:func:`mark_stale`), and a query whose listing is not in the index is computed as before
(:func:`read_listing` answers None), until the next ``track`` makes it again.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .query import NamedQuery
from .store.base import QueryResult, Store
from .vocab import DKG, INDEX_GRAPH, listing_iri, listing_page_iri

__all__ = ["PAGE_ROWS", "build_index", "listed", "mark_stale", "read_listing"]

PAGE_ROWS = 100
"""Rows a ``dkg:ListingPage`` holds: a page read costs one look-up, however long the listing."""

Cell = list[str] | None


def encode(term: Node | None) -> Cell:
    """A cell of a page's JSON: null for an unbound value, else the term's kind and parts."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ["uri", str(term)]
    if isinstance(term, BNode):
        return ["bnode", str(term)]
    assert isinstance(term, Literal)
    return ["literal", str(term), str(term.datatype or ""), term.language or ""]


def decode(cell: Cell) -> Node | None:
    """The RDF term of a cell (see :func:`encode`)."""
    if cell is None:
        return None
    return _term(tuple(cell))


@functools.lru_cache(maxsize=1 << 16)
def _term(cell: tuple[str, ...]) -> Node:
    # (a listing repeats its names, classes, predicates and datatypes from row to row: rdflib's
    # terms are immutable, and making one checks its IRI or casts its value, so each is made once)
    if cell[0] == "uri":
        return URIRef(cell[1])
    if cell[0] == "bnode":
        return BNode(cell[1])
    text, datatype, language = cell[1], cell[2], cell[3]
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


def listing_graph(answers: Iterable[tuple[str, QueryResult]]) -> Graph:
    """The index graph of the given queries' answers: a listing each, its rows in pages."""
    graph = Graph(identifier=INDEX_GRAPH)
    for name, result in answers:
        listing = listing_iri(name)
        graph.add((listing, RDF.type, DKG.Listing))
        graph.add((listing, DKG.queryName, Literal(name)))
        graph.add((listing, DKG.columns, Literal(" ".join(result.variables))))
        graph.add((listing, DKG.rowCount, Literal(len(result.rows))))
        for number, start in enumerate(range(0, len(result.rows), PAGE_ROWS)):
            page = listing_page_iri(name, number)
            rows = [[encode(term) for term in row] for row in result.rows[start:start + PAGE_ROWS]]
            graph.add((page, RDF.type, DKG.ListingPage))
            graph.add((page, DKG.pageOf, listing))
            graph.add((page, DKG.pageNumber, Literal(number)))
            graph.add((page, DKG.rows, Literal(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))))
    return graph


def listed(graph: Graph) -> dict[str, int]:
    """The rows of each listing an index graph holds, by query name."""
    return {str(graph.value(listing, DKG.queryName)): int(str(count))
            for listing, count in graph.subject_objects(DKG.rowCount)}


def build_index(store: Store, queries: Sequence[NamedQuery]) -> Graph:
    """Run each indexed query on the store (every row) and make the index graph of their answers.
    The queries read the article graphs only, so the old index does not change their answers."""
    return listing_graph((named.name, store.query(named.text)) for named in queries if named.indexed)


_PREFIXES = f"PREFIX dkg: <{DKG._NS}>\n"
_LISTING = _PREFIXES + f"""SELECT ?columns ?count WHERE {{
  GRAPH {INDEX_GRAPH.n3()} {{ ?listing dkg:queryName ?name ; dkg:columns ?columns ; dkg:rowCount ?count }}
}}"""
_PAGE = _PREFIXES + f"SELECT ?page ?rows WHERE {{ GRAPH {INDEX_GRAPH.n3()} {{ ?page dkg:rows ?rows }} }}"
_ANY = f"ASK {{ GRAPH {INDEX_GRAPH.n3()} {{ ?s ?p ?o }} }}"


def read_listing(store: Store, name: str, limit: int | None = None, offset: int = 0,
                 on_or_before: dict[str, Node] | None = None) -> QueryResult | None:
    """The rows ``offset + 1`` to ``offset + limit`` (every row from ``offset`` on when ``limit``
    is None) of the named query's listing in the index, with ``truncated`` set when more follow;
    None when the index does not hold that listing (never made, or made stale by a load).

    ``on_or_before`` keeps only the rows whose column (a key) has a value that is, by its text,
    on or before the term given (an ``# index-filter:`` of the query: what its own FILTER does
    with that parameter); the pages are then read whole."""
    answer = store.query(_LISTING, {"name": Literal(name)}).rows
    if not answer or answer[0][0] is None or answer[0][1] is None:
        return None
    variables = str(answer[0][0]).split()
    count = int(str(answer[0][1]))
    if on_or_before:
        if any(column not in variables for column in on_or_before):
            return None
        whole = read_listing(store, name)
        if whole is None:
            return None
        columns = {variables.index(column): str(bound) for column, bound in on_or_before.items()}
        kept = [row for row in whole.rows
                if all(row[i] is not None and str(row[i]) <= bound for i, bound in columns.items())]
        shown = kept[offset:] if limit is None else kept[offset:offset + limit]
        return QueryResult("select", variables=variables, rows=shown,
                           truncated=limit is not None and offset + limit < len(kept))
    end = count if limit is None else min(count, offset + limit)
    rows: list[tuple[Node | None, ...]] = []
    for number in range(offset // PAGE_ROWS, -(-end // PAGE_ROWS)):
        # one page a query, its IRI given: a look-up (the page's rows are the only long text read)
        found = store.query(_PAGE, {"page": listing_page_iri(name, number)}).rows
        if not found or found[0][1] is None:
            return None  # a page missing: the listing is not whole, so it is not used
        first = number * PAGE_ROWS
        for index, row in enumerate(json.loads(str(found[0][1])), start=first):
            if offset <= index < end:
                rows.append(tuple(decode(cell) for cell in row))
    return QueryResult("select", variables=variables, rows=rows, truncated=end < count)


def mark_stale(store: Store) -> bool:
    """Empty the store's index (before articles are written, which would make it wrong); whether
    there was one. The listing queries are computed from the articles until ``track`` runs again."""
    if not store.query(_ANY).boolean:
        return False
    store.replace_graph(Graph(identifier=INDEX_GRAPH))
    return True
