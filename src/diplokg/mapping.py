"""The map stage: an :class:`~diplokg.extract.Extraction` becomes one named graph of RDF.

* Entities get stable IRIs from their coarse group and normalized name
  (:func:`diplokg.vocab.entity_iri`), so the same entity in many articles is one node.
* Each article's triples live in the named graph :func:`diplokg.vocab.graph_iri` of its id,
  so loading an article again replaces its graph.
* Every relation is backed by a :data:`DKG.Assertion` (``rdf:subject/predicate/object``)
  carrying the article, sentence, offsets, confidence and rule; summits and commitments carry
  the same evidence on their own node.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from .dates import PartialDate
from .extract.records import Commitment, Entity, Evidence, Extraction, Relation, Summit
from .vocab import DKG, WD, article_iri, entity_iri, fact_iri, graph_iri

_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(value: PartialDate) -> Literal:
    """``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, by the date's precision."""
    return Literal(value.isoformat(), datatype=_DATE_TYPES[value.precision])


# literals that recur from article to article, made once (rdflib takes microseconds a literal)
@functools.lru_cache(maxsize=16384)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@functools.lru_cache(maxsize=1024)
def _confidence(value: float) -> Literal:
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


@functools.lru_cache(maxsize=1024)
def _string(value: str) -> Literal:
    return Literal(value)


def _n3(term: Node) -> str:
    # an IRI as <...> (what URIRef.n3() gives, without its validity check on every call)
    return f"<{term}>" if type(term) is URIRef else term.n3()


class _Triples(list[tuple[Node, Node, Node]]):
    """Where the mapper writes: a list with a graph's ``add`` (see :class:`ArticleGraph`)."""

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.append(triple)


class _Mapper:
    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.g = _Triples()
        self.doc_id = extraction.document.id
        self.article = article_iri(self.doc_id)
        self.iris: dict[str, URIRef] = {}
        # one IRI, one label, one piece of evidence: names that mint the same IRI ("|Boston Tea
        # Party" beside "Boston Tea Party") are one node, the first named keeps the label
        self.labelled: dict[URIRef, str] = {}
        self.titled: set[URIRef] = set()
        self.evidenced: set[URIRef] = set()

    def article_node(self) -> None:
        doc, g, a = self.x.document, self.g, self.article
        g.add((a, RDF.type, DKG.Article))
        g.add((a, DCTERMS.identifier, Literal(doc.id)))
        if doc.title:
            g.add((a, DCTERMS.title, Literal(doc.title)))
        if doc.date:
            g.add((a, DCTERMS.date, date_literal(doc.date)))
        if doc.source:
            g.add((a, DCTERMS.source, Literal(doc.source)))
        if doc.url:
            g.add((a, DCTERMS.references, URIRef(doc.url)))

    def entity(self, entity: Entity) -> URIRef:
        # the key's name part is what tells entities apart (usually the normalized label)
        iri = entity_iri(entity.kind.group, entity.key.split(":", 1)[1], entity.qid)
        self.iris[entity.key] = iri
        g = self.g
        g.add((iri, RDF.type, DKG[entity.kind.value]))
        label = self.labelled.setdefault(iri, entity.label)
        if label == entity.label:
            g.add((iri, RDFS.label, Literal(label)))
        # the article's other names for it: as the text gives them, in this article's graph
        for alias in sorted({entity.label, *entity.aliases} - {label}):
            g.add((iri, SKOS.altLabel, Literal(alias)))
        if entity.title and iri not in self.titled:
            # the title is data, not to be cut back out of the label (relinking reads it)
            g.add((iri, DKG.officeTitle, Literal(entity.title)))
            self.titled.add(iri)
        g.add((iri, DKG.mentionedIn, self.article))
        if entity.qid:
            g.add((iri, OWL.sameAs, WD[entity.qid]))
        return iri

    def evidence(self, node: URIRef, evidence: Evidence) -> None:
        if node in self.evidenced:
            return  # the first evidence of a fact stands
        self.evidenced.add(node)
        g = self.g
        g.add((node, DKG.extractedFrom, self.article))
        g.add((node, DKG.sentence, Literal(evidence.sentence)))
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores derived integer types as
        # xsd:integer, and what is read back must validate as what was written
        g.add((node, DKG.charStart, _integer(evidence.start)))
        g.add((node, DKG.charEnd, _integer(evidence.end)))
        g.add((node, DKG.confidence, _confidence(round(evidence.confidence, 3))))
        g.add((node, DKG.extractor, _string(evidence.rule)))

    def fact(self, subject: URIRef, predicate: URIRef, obj: URIRef, evidence: Evidence) -> None:
        """The triple itself and the assertion that supports it."""
        self.g.add((subject, predicate, obj))
        node = fact_iri("assertion", self.doc_id, str(subject), str(predicate), str(obj))
        self.g.add((node, RDF.type, DKG.Assertion))
        self.g.add((node, RDF.subject, subject))
        self.g.add((node, RDF.predicate, predicate))
        self.g.add((node, RDF.object, obj))
        self.evidence(node, evidence)

    def run(self) -> None:
        self.article_node()
        for entity in self.x.entities:
            self.entity(entity)
        for fact in self.x.facts:
            self.MAPPERS[type(fact)](self, fact)

    def relation(self, rel: Relation) -> None:
        self.fact(self.iris[rel.subject], DKG[rel.kind.value], self.iris[rel.object], rel.evidence)

    def commitment(self, c: Commitment) -> None:
        party = self.iris[c.party]
        # one sentence may hold two undertakings of one party ("will end aid and cut trade")
        node = fact_iri("commitment", self.doc_id, str(party), str(c.value), str(c.deadline), c.evidence.sentence,
                        *((c.unit or "", c.topic or "") if c.value is None else ()))
        if node in self.evidenced:
            return  # the same undertaking twice
        self.g.add((node, RDF.type, DKG.Commitment))
        if c.value is not None:
            self.g.add((node, DKG.commitmentValue, Literal(c.value, datatype=XSD.decimal)))
        if c.unit:
            self.g.add((node, DKG.commitmentUnit, Literal(c.unit)))
        if c.topic:
            self.g.add((node, DKG.commitmentTopic, Literal(c.topic)))
        if c.deadline:
            self.g.add((node, DKG.deadline, date_literal(c.deadline)))
        self.evidence(node, c.evidence)
        self.fact(party, DKG.hasCommitment, node, c.evidence)

    def summit(self, s: Summit) -> None:
        node = fact_iri("summit", self.doc_id, s.label, str(s.start), str(s.organizer), str(s.location))
        if node in self.evidenced:
            return
        self.g.add((node, RDF.type, DKG.Summit))
        self.g.add((node, RDFS.label, Literal(s.label)))
        if s.organizer:
            self.g.add((node, DKG.organizedBy, self.iris[s.organizer]))
        if s.location:
            self.g.add((node, DKG.location, self.iris[s.location]))
        if s.start:
            self.g.add((node, DKG.startDate, date_literal(s.start)))
        if s.end:
            self.g.add((node, DKG.endDate, date_literal(s.end)))
        for participant in s.participants:
            self.g.add((node, DKG.participant, self.iris[participant]))
        self.evidence(node, s.evidence)

    # each kind of fact's mapping (a kind without one fails loudly, here)
    MAPPERS: ClassVar[dict[type, Callable[[_Mapper, Any], None]]] = {
        Relation: relation, Commitment: commitment, Summit: summit}


Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class ArticleGraph:
    """One article's triples, as mapped: what the pipeline passes from mapping to validation and
    storing. Lighter than an rdflib graph (whose indexed adds cost more than the mapping itself);
    :meth:`graph` makes one where it is needed."""

    identifier: URIRef
    triples: tuple[Triple, ...]  # without repeats, in mapping order

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def graph(self) -> Graph:
        """The triples as an rdflib graph named by :attr:`identifier`."""
        # SimpleMemory: an article graph is small and read whole; its adds cost half of Memory's
        graph = Graph(store="SimpleMemory", identifier=self.identifier)
        graph.addN((s, p, o, graph) for s, p, o in self.triples)
        bind_prefixes(graph)
        return graph

    @functools.cached_property
    def lines(self) -> list[str]:
        """See :func:`statement_lines` (made once: the digest, TriG and the store read them)."""
        return _sorted_lines(self.triples)

    @property
    def digest(self) -> str:
        """A digest of the content, independent of the order the triples were made in."""
        return hashlib.sha256("\n".join(self.lines).encode("utf-8")).hexdigest()


def statement_lines(graph: Graph | ArticleGraph) -> list[str]:
    """One line a triple in N-Triples term syntax, sorted: valid Turtle and TriG (a literal with
    a line break is written as a long string), the same for the same triples."""
    return graph.lines if isinstance(graph, ArticleGraph) else _sorted_lines(graph)


def _sorted_lines(triples: Iterable[Triple]) -> list[str]:
    return sorted(f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in triples)


def map_article(extraction: Extraction) -> ArticleGraph:
    """The article's triples, named by the article's named-graph IRI."""
    mapper = _Mapper(extraction)
    mapper.run()
    return ArticleGraph(graph_iri(extraction.document.id), tuple(dict.fromkeys(mapper.g)))


def to_graph(extraction: Extraction) -> Graph:
    """The article's triples as a graph whose identifier is the article's named-graph IRI."""
    return map_article(extraction).graph()


def to_dataset(graphs: list[Graph]) -> Dataset:
    """A dataset with each graph as a named graph (for TriG output)."""
    ds = Dataset()
    bind_prefixes(ds)
    for graph in graphs:
        named = ds.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return ds


def write_trig(graph: Graph | ArticleGraph) -> bytes:
    """One named graph as TriG, one statement a line in N-Triples term syntax, sorted.

    rdflib's pretty TriG serializer computes a prefixed name for every term, which costs more
    than extracting the article; this plain form is valid TriG (and Turtle, inside its block),
    reads back into the same graph, and diffs well.
    """
    lines = statement_lines(graph)
    return (f"{graph.identifier.n3()} {{\n" + "".join(f"  {line}\n" for line in lines) + "}\n").encode("utf-8")


def write_turtle(graph: Graph | ArticleGraph) -> bytes:
    """A graph as Turtle, one statement a line in N-Triples term syntax, sorted. rdflib's Turtle
    serializer writes "2"^^xsd:decimal as the shorthand 2.0, which reads back as another RDF
    term; these lines keep every term as it is."""
    return "".join(f"{line}\n" for line in statement_lines(graph)).encode("utf-8")


def bind_prefixes(graph: Graph) -> None:
    """The prefixes diplokg writes with."""
    graph.bind("dkg", DKG._NS)
    graph.bind("wd", WD)
    graph.bind("dcterms", DCTERMS)
    graph.bind("skos", SKOS)
    graph.bind("owl", OWL)
