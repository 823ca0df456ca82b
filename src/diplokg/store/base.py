"""The store protocol: what every backend (embedded Oxigraph, SPARQL endpoint) offers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self
from typing import Literal as Kind
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError
from ..mapping import ArticleGraph
from ..vocab import GRAPH_PREFIX

if TYPE_CHECKING:
    from ..validate import Violation

Bindings = Mapping[str, Node | tuple[Node, ...]]
"""Query parameters: one term per variable, or several (the answers for each of them)."""


def bind_values(sparql: str, bindings: Bindings | None) -> str:
    """The query with a ``VALUES`` block binding each variable, opened right after the first
    ``WHERE {`` (the outermost group, so FILTERs there see the values). Values enter as RDF terms
    in their escaped N-Triples form (``Literal.n3()``), never as raw text; a variable given
    several terms gets a row for each."""
    if not bindings:
        return sparql
    end = _outer_where(sparql)
    if end is None:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } clause")
    names = " ".join(f"?{name}" for name in bindings)
    choices = [value if isinstance(value, tuple) else (value,) for value in bindings.values()]
    rows = " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in itertools.product(*choices))
    block = f" VALUES ({names}) {{ {rows} }} "
    return sparql[:end] + block + sparql[end:]


# what is not the query's own words: comments, strings (long ones first) and IRIs
_NOT_CODE = re.compile(
    r"""#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>""", re.S)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def is_update(sparql: str) -> bool:
    """Whether the text is a SPARQL Update request (not a query), whatever its comments say."""
    masked = re.sub(r"#[^\n]*", " ", sparql)
    return _UPDATE.match(masked) is not None


def _outer_where(sparql: str) -> int | None:
    """The offset right after the query's first ``WHERE {`` that is code (not in a comment, a
    string or an IRI): the outermost group pattern."""
    masked = _NOT_CODE.sub(lambda m: " " * len(m.group()), sparql)
    match = _WHERE.search(masked)
    return match.end() if match else None


_SELECT = re.compile(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", re.IGNORECASE | re.S)


def projected(sparql: str) -> frozenset[str] | None:
    """The variables the query's outermost ``SELECT`` returns (``(COUNT(?a) AS ?n)`` returns
    ``n``); None for ``SELECT *`` and for what is not a SELECT query."""
    masked = _NOT_CODE.sub(lambda m: " " * len(m.group()), sparql)
    match = _SELECT.search(masked)
    if match is None or "*" in match.group(1):
        return None
    clause = match.group(1)
    while "(" in clause:  # innermost brackets first: an expression gives only its AS variable
        clause = re.sub(r"\(([^()]*)\)", lambda m: " ".join(re.findall(r"\bAS\s+(\?\w+)", m.group(1), re.I)),
                        clause)
    return frozenset(re.findall(r"[?$](\w+)", clause))


@dataclass
class QueryResult:
    """A SPARQL answer in rdflib terms: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT."""

    kind: Kind["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    """Whether more rows follow the ones given (a page of a longer answer: ``diplokg query --limit``)."""


class Store(Protocol):
    """A quad store holding one named graph per article.

    Like rdflib's stores (``context_aware``, ``transaction_aware``), a backend says what it can
    do: :attr:`batches`. A store is a context manager that closes itself.
    """

    @property
    def batches(self) -> bool:
        """Whether :meth:`replace_graphs` sends several graphs in one request (so that a loader
        gathers small graphs into batches), rather than one request each."""

    def replace_graph(self, graph: Graph | ArticleGraph) -> None:
        """Atomically replace the named graph ``graph.identifier`` with ``graph``'s triples."""

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` are substituted for variables, never spliced as text."""

    def replace_graphs(self, graphs: Sequence[Graph | ArticleGraph]) -> None:
        """Replace several named graphs, in as few requests as the backend allows."""

    def get_graph(self, name: URIRef) -> Graph:
        """The triples of one named graph."""

    def graph_names(self) -> list[URIRef]:
        """diplokg's article graphs in the store, sorted."""

    def triple_count(self, graph: URIRef | None = None) -> int:
        """Triples in one named graph, or in the store (see each backend for which graphs count)."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Self:
        """The store itself."""

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Close the store."""


_UNION = ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
          f"FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()})) }}")


def article_union(store: Store, into: Graph | None = None) -> Graph:
    """The union of diplokg's article graphs, added to ``into`` (a new graph by default): the
    store as a whole, without what is not an article's (the inferred graph of ``reason
    --materialize``, a server's graphs of its own). One query, on every backend."""
    graph = into if into is not None else Graph()
    answer = store.query(_UNION).graph
    if answer is not None:
        graph.addN((s, p, o, graph) for s, p, o in answer)
    return graph


_VALUES = ("SELECT ?node ?path ?value ?g WHERE { GRAPH ?g { ?node ?path ?value } "
           f"FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()})) }}")
# violations located in the store's graphs, the first of a report (one query for them)
LOCATED = 50


def located(violations: Sequence[Violation], store: Store, shown: int = 3) -> list[Violation]:
    """The violations of a check of the store's union, each told where the store holds its
    node's values on its path: which articles' graphs say what (``"Bush" in a, b; "George W.
    Bush" in c``), so that one knows which articles disagree and what to load again."""
    wanted = {(v.node, v.path_iri) for v in violations[:LOCATED] if v.node and v.path_iri}
    if not wanted:
        return list(violations)
    nodes = tuple(URIRef(n) for n in sorted({n for n, _ in wanted if n}))
    paths = tuple(URIRef(p) for p in sorted({p for _, p in wanted if p}))
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    for node, path, value, graph in store.query(_VALUES, {"node": nodes, "path": paths}).rows:
        if (str(node), str(path)) in wanted and value is not None and graph is not None:
            article = unquote(str(graph)[len(GRAPH_PREFIX):])
            found.setdefault((str(node), str(path)), {}).setdefault(value.n3(), []).append(article)
    out = []
    for violation in violations:
        values = found.get((violation.node or "", violation.path_iri or ""))
        if values:
            told = [f"{value} in {', '.join(sorted(ids)[:shown])}"
                    + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
                    for value, ids in sorted(values.items())]
            violation = replace(violation, found_in="; ".join(told))
        out.append(violation)
    return out
