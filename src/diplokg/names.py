"""One name per node across the store: the article graphs that share a node give it the same
``rdfs:label``, so that the store's union conforms to the shapes as each article does.

A linked entity is named by the gazetteer (see :class:`~diplokg.link.Linker`), the same in every
article. An unlinked one is named by the article, and articles differ in how they write one name
("SYRACUSE" in a dateline, "Syracuse" in the text; "The Guardian", "Guardian": one normalized
name, so one IRI). Its name is the one the store gave it first: an article whose label differs
from the store's takes the store's, and keeps its own as ``skos:altLabel``. The articles being
replaced do not count (reloading an article whose new extraction names a node otherwise renames
it, when no other article names it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import RDFS, Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

from .mapping import ArticleGraph, Triple
from .store.base import Store
from .vocab import GRAPH_PREFIX

_LABELS = ("SELECT ?node ?label ?g WHERE { GRAPH ?g { ?node " + RDFS.label.n3() + " ?label } "
           f"FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()})) }}")
# nodes asked about in one query (a VALUES block of this many IRIs)
CHUNK = 400


class StoreNames:
    """The labels that the store's other article graphs give nodes, asked once a node and kept
    for the run: :meth:`settle` gives articles those labels before they are validated and stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.labels: dict[Node, Node] = {}

    def settle(self, articles: Sequence[ArticleGraph]) -> list[ArticleGraph]:
        """The articles, each with every node it labels under the store's label for it (or the
        label of the first of these articles that names it); the article's own label, where it
        differs, becomes a ``skos:altLabel``. One query for the nodes the run has not met yet."""
        replaced = {article.identifier for article in articles}
        unknown = sorted({s for article in articles for s, p, _ in article
                          if p == RDFS.label and s not in self.labels}, key=str)
        for start in range(0, len(unknown), CHUNK):
            found: dict[Node, list[Node]] = {}
            answer = self.store.query(_LABELS, {"node": tuple(unknown[start:start + CHUNK])})
            for node, label, graph in answer.rows:
                if node is not None and label is not None and graph not in replaced:
                    found.setdefault(node, []).append(label)
            for node, labels in found.items():
                # a store that already holds two labels (loaded before names were settled): one of
                # them, the same every time
                self.labels[node] = min(labels, key=lambda term: (str(term), term.n3()))
        return [self._settled(article) for article in articles]

    def _settled(self, article: ArticleGraph) -> ArticleGraph:
        renamed: dict[Node, Node] = {}
        for s, p, o in article:
            if p == RDFS.label and self.labels.setdefault(s, o) != o:
                renamed[s] = self.labels[s]
        if not renamed:
            return article
        triples: list[Triple] = []
        for s, p, o in article:
            if s in renamed:
                if p == RDFS.label:
                    triples += [(s, p, renamed[s]), (s, SKOS.altLabel, o)]
                    continue
                if p == SKOS.altLabel and o == renamed[s]:
                    continue  # the store's name, which the article had as another name
            triples.append((s, p, o))
        return ArticleGraph(article.identifier, tuple(dict.fromkeys(triples)))
