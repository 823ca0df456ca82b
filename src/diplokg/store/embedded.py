"""The default store: an embedded Oxigraph database on disk (pyoxigraph), no server needed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..mapping import ArticleGraph, statement_lines
from ..vocab import GRAPH_PREFIX
from .base import Bindings, QueryResult, bind_values, projected

FLUSH_TRIPLES = 20_000

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: object) -> Node | None:
    """A pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # a simple literal in rdflib terms (RDF 1.1: the same thing)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


# what an IRI cannot hold; an IRI with one would end its <...> early in the text loaded
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _turtle(graph: Graph | ArticleGraph) -> str | None:
    """The graph as Turtle, one triple a line (None if an IRI in it is not a valid one: that graph
    goes through pyoxigraph's own terms, which refuse it)."""
    if any(isinstance(t, URIRef) and _NOT_IRI.search(t) for triple in graph for t in triple):
        return None
    return "\n".join(statement_lines(graph))


class EmbeddedStore:
    """An Oxigraph store in a folder. Only one process may open a folder at a time."""

    batches = True
    """Many graphs are written in one call (see :class:`~diplokg.store.base.Store`)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._unflushed = 0
        try:
            if read_only:
                if not self.path.exists():
                    raise no_store_here(self.path)
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except StoreError:
            raise
        except OSError as err:
            raise StoreError(
                f"{self.path}: cannot open the store ({_first_line(err)}); choose a writable folder with "
                f"--store or DIPLOKG_STORE, and make sure no other diplokg process is using it"
            ) from None

    def replace_graph(self, graph: Graph | ArticleGraph) -> None:
        """Drop and refill the named graph in one transaction: readers see the old or the new graph."""
        self.replace_graphs([graph])

    def replace_graphs(self, graphs: Sequence[Graph | ArticleGraph]) -> None:
        """Replace several named graphs: the new ones each loaded in a transaction of its own (the
        fast path: nothing to drop), the ones already here dropped and refilled in one."""
        fresh: list[tuple[Graph | ArticleGraph, str]] = []
        known: list[Graph | ArticleGraph] = []
        try:
            for graph in graphs:
                turtle = _turtle(graph)
                if turtle is not None and not self._store.contains_named_graph(ox.NamedNode(str(graph.identifier))):
                    fresh.append((graph, turtle))
                else:
                    known.append(graph)
            for graph, turtle in fresh:
                self._store.load(turtle, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph.identifier)))
            if known:
                self._update(known)
            # Oxigraph keeps written data in memory until flushed: flush now and then, so that a
            # long load's memory stays flat (measured: it grew ~0.3 MB per 1,000 triples without)
            self._unflushed += sum(len(g) for g in graphs)
            if self._unflushed >= FLUSH_TRIPLES:
                self._store.flush()
                self._unflushed = 0
        except (OSError, SyntaxError, ValueError) as err:
            names = ", ".join(str(g.identifier) for g in graphs)
            raise StoreError(f"{self.path}: cannot write graph(s) {names} ({_first_line(err)})") from None

    def _update(self, graphs: Sequence[Graph | ArticleGraph]) -> None:
        operations = []
        for graph in graphs:
            name = to_ox(graph.identifier)
            # the terms are serialized by pyoxigraph (N-Triples syntax, escaped), never spliced
            # from raw strings
            triples = " .\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in graph)
            operations.append(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{triples} }} }}")
        # one SPARQL Update request runs as one transaction
        self._store.update(" ;\n".join(operations))

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run SPARQL with the union of all named graphs as the default graph."""
        # the same binding as on endpoints: a VALUES block of escaped terms (Oxigraph's own
        # substitutions do not reach FILTERs, which optional parameters need). A variable bound
        # to one term that the query returns is also substituted: Oxigraph joins a VALUES block
        # with the rest of the query only at the end, while a substituted term is a constant in
        # every pattern (the timeline of one entity on the whole real corpus: 0.05 s, not 10 s)
        returned = projected(sparql) or frozenset()
        single = {name: term[0] if isinstance(term, tuple) else term for name, term in (bindings or {}).items()
                  if not isinstance(term, tuple) or len(term) == 1}
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): to_ox(term) for name, term in single.items() if name in returned}
        try:
            answer = self._store.query(bind_values(sparql, bindings), use_default_graph_as_union=True,
                                       substitutions=substitutions or None)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL: {_first_line(err)}") from None
        except OSError as err:
            raise StoreError(f"{self.path}: query failed ({_first_line(err)})") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [tuple(from_ox(sol[v]) for v in variables) for sol in answer]
            return QueryResult("select", variables=variables, rows=rows)
        graph = Graph()
        for triple in answer:
            s, p, o = (from_ox(t) for t in (triple.subject, triple.predicate, triple.object))
            graph.add((s, p, o))  # type: ignore[arg-type]
        return QueryResult("graph", graph=graph)

    def get_graph(self, name: URIRef) -> Graph:
        """The triples of one named graph."""
        graph = Graph(identifier=name)
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
        return graph

    def graph_names(self) -> list[URIRef]:
        """diplokg's article graphs, sorted (not the inferred graph of ``reason --materialize``)."""
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(GRAPH_PREFIX))

    def triple_count(self, graph: URIRef | None = None) -> int:
        """Triples in one named graph, or quads in the whole store."""
        name = ox.NamedNode(str(graph)) if graph is not None else None
        return len(list(self._store.quads_for_pattern(None, None, None, name)))

    def close(self) -> None:
        """Flush and release the store's lock."""
        if getattr(self, "_store", None) is not None:
            if self._unflushed:
                self._store.flush()
            del self._store
            self._store = None  # type: ignore[assignment]

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def no_store_here(path: Path) -> StoreError:
    """The error of a command that reads a store where none was loaded."""
    return StoreError(f"{path}: no store here yet; load articles first ('diplokg load ARTICLE') "
                      f"or point --store at an existing store")


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
