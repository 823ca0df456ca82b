"""The store protocol: what every backend (embedded Oxigraph, SPARQL endpoint) offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal as Kind
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.term import Node


@dataclass
class QueryResult:
    """A SPARQL answer in rdflib terms: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT."""

    kind: Kind["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(Protocol):
    """A quad store holding one named graph per article."""

    def replace_graph(self, graph: Graph) -> None:
        """Atomically replace the named graph ``graph.identifier`` with ``graph``'s triples."""

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` are substituted for variables, never spliced as text."""

    def replace_graphs(self, graphs: Sequence[Graph]) -> None:
        """Replace several named graphs, in as few requests as the backend allows."""

    def get_graph(self, name: URIRef) -> Graph:
        """The triples of one named graph."""

    def graph_names(self) -> list[URIRef]:
        """The named graphs in the store."""

    def close(self) -> None:
        """Release the store."""
