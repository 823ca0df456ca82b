"""The SHACL gate: a good graph passes; each shape rejects its bad graph with a readable message."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from diplokg.document import parse_article
from diplokg.mapping import to_graph
from diplokg.validate import Gate
from diplokg.vocab import DKG, entity_iri

from .samples import ARTICLE, sample

PERSON = entity_iri("person", "Jens Stoltenberg")
OFFICE = entity_iri("office", "Secretary General of NATO")
NATO = entity_iri("organization", "NATO")
GERMANY = entity_iri("country", "Germany")
BRUSSELS = entity_iri("place", "Brussels")


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate()


def good() -> Graph:
    return to_graph(sample())


def _iri(node: object) -> URIRef:
    assert isinstance(node, URIRef), node
    return node


def summit(g: Graph) -> URIRef:
    return _iri(next(iter(g.subjects(RDF.type, DKG.Summit))))


def commitment(g: Graph) -> URIRef:
    return _iri(next(iter(g.subjects(RDF.type, DKG.Commitment))))


def assertion_of(g: Graph, predicate: URIRef) -> URIRef:
    return _iri(next(iter(g.subjects(RDF.predicate, predicate))))


def test_a_good_graph_conforms(gate):
    report = gate.check(good())
    assert report.conforms, str(report)


def test_extracted_articles_conform(gate, extractor):
    x = extractor.extract(parse_article(ARTICLE, article_id="vienna", origin="test"))
    assert x.relations, "the test article should yield facts"
    report = gate.check(to_graph(x))
    assert report.conforms, str(report)


def _set(g: Graph, s: URIRef, p: URIRef, o: object) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))  # type: ignore[arg-type]


BREAKERS: dict[str, tuple[Callable[[Graph], object], str]] = {
    "entity without label": (lambda g: g.remove((PERSON, RDFS.label, None)), "exactly one non-empty rdfs:label"),
    "entity with two labels": (lambda g: g.add((PERSON, RDFS.label, Literal("J. S."))),
                               "exactly one non-empty rdfs:label"),
    "entity without article": (lambda g: g.remove((NATO, DKG.mentionedIn, None)), "which article mentions it"),
    "country holds an office": (lambda g: g.add((GERMANY, DKG.holdsOffice, OFFICE)),
                                "Only a dkg:Person can hold an office"),
    "person holds a country": (lambda g: g.add((PERSON, DKG.holdsOffice, GERMANY)),
                               "A person can only hold an dkg:Office"),
    "member of a country": (lambda g: g.add((NATO, DKG.memberOf, GERMANY)), "must be of a dkg:Organization"),
    "office of a place": (lambda g: _set(g, OFFICE, DKG.officeOf, BRUSSELS), "at most one country or organization"),
    "office title not a string": (lambda g: g.add((OFFICE, DKG.officeTitle, Literal(3))), "is a non-empty string"),
    "sameAs not wikidata": (lambda g: g.add((GERMANY, OWL.sameAs, URIRef("http://dbpedia.org/resource/Germany"))),
                            "Wikidata item IRI"),
    "summit with two start dates": (
        lambda g: g.add((summit(g), DKG.startDate, Literal("2018-07-13", datatype=XSD.date))),
        "at most one dkg:startDate"),
    "summit date untyped": (lambda g: _set(g, summit(g), DKG.startDate, Literal("July 11")),
                            "typed xsd:date, xsd:gYearMonth or xsd:gYear"),
    "summit ends before it starts": (
        lambda g: _set(g, summit(g), DKG.endDate, Literal("2018-07-01", datatype=XSD.date)),
        "ends before it starts"),
    "summit location not a place": (lambda g: _set(g, summit(g), DKG.location, GERMANY),
                                    "at most one dkg:location, a dkg:Place"),
    "commitment value not decimal": (lambda g: _set(g, commitment(g), DKG.commitmentValue, Literal("two")),
                                     "dkg:commitmentValue, an xsd:decimal"),
    "commitment deadline untyped": (lambda g: _set(g, commitment(g), DKG.deadline, Literal("by 2024")),
                                    "typed xsd:gYear, xsd:gYearMonth or xsd:date"),
    "summit month ill-formed": (
        lambda g: _set(g, summit(g), DKG.startDate, Literal("2024-13", datatype=XSD.gYearMonth)),
        "typed xsd:date, xsd:gYearMonth or xsd:gYear"),
    "deadline year ill-formed": (lambda g: _set(g, commitment(g), DKG.deadline, Literal("24", datatype=XSD.gYear)),
                                 "typed xsd:gYear, xsd:gYearMonth or xsd:date"),
    "commitment value in exponent form": (
        lambda g: _set(g, commitment(g), DKG.commitmentValue, Literal("1e3", datatype=XSD.decimal, normalize=False)),
        "dkg:commitmentValue, an xsd:decimal"),
    "commitment without party": (lambda g: g.remove((None, DKG.hasCommitment, commitment(g))), "needs a party"),
    "fact without assertion": (lambda g: g.add((entity_iri("country", "France"), DKG.memberOf, NATO)) or g.add(
        (entity_iri("country", "France"), RDF.type, DKG.Country)), "has no supporting dkg:Assertion"),
    "assertion without sentence": (lambda g: g.remove((assertion_of(g, DKG.memberOf), DKG.sentence, None)),
                                   "exactly one supporting sentence"),
    "confidence above one": (
        lambda g: _set(g, assertion_of(g, DKG.memberOf), DKG.confidence, Literal(Decimal("1.5"))),
        "an xsd:decimal from 0 to 1"),
    "offsets inverted": (lambda g: _set(g, assertion_of(g, DKG.memberOf), DKG.charEnd,
                                        Literal(1, datatype=XSD.integer)), "offsets are inverted"),
    "negative offset": (lambda g: _set(g, assertion_of(g, DKG.memberOf), DKG.charStart, Literal(-3)),
                        "an xsd:integer, 0 or more"),
    "assertion about an unknown predicate": (
        lambda g: _set(g, assertion_of(g, DKG.memberOf), RDF.predicate, RDFS.seeAlso), "rdf:predicate is one of"),
    "node of two disjoint classes": (lambda g: g.add((GERMANY, RDF.type, DKG.Organization)),
                                     "classes that are disjoint"),
    "article without identifier": (
        lambda g: g.remove((next(iter(g.subjects(RDF.type, DKG.Article))), URIRef("http://purl.org/dc/terms/identifier"),
                            None)), "exactly one identifier"),
}


@pytest.mark.parametrize("case", sorted(BREAKERS))
def test_each_shape_rejects_its_bad_graph(gate, case):
    breaker, message = BREAKERS[case]
    graph = good()
    breaker(graph)
    report = gate.check(graph, source="bad.ttl")
    assert not report.conforms
    text = str(report)
    assert message in text, text
    assert text.startswith("bad.ttl: ")
    # every line names the node it is about
    assert all("<https://w3id.org/diplokg/" in str(v) or "_:" not in str(v) for v in report.violations)


# The verdict does not hang on RDFS inference. pySHACL users often run `pyshacl -i rdfs -e
# ontology/diplokg.ttl`: range and domain inference then type the wrong object of dkg:holdsOffice
# as an Office (and its wrong subject as a Person), so a check of the object's class alone passes.
# Each bad graph here keeps its fact's dkg:Assertion, so that only the class check is at stake.

def _move_fact(g: Graph, s: URIRef, p: URIRef, o: URIRef, *, to_s: URIRef | None = None,
               to_o: URIRef | None = None) -> None:
    """Point the fact (s p o) and its assertion at another subject or object."""
    node = next(a for a in g.subjects(RDF.predicate, p) if (a, RDF.subject, s) in g and (a, RDF.object, o) in g)
    new_s, new_o = to_s or s, to_o or o
    g.remove((s, p, o))
    g.add((new_s, p, new_o))
    g.set((node, RDF.subject, new_s))
    g.set((node, RDF.object, new_o))


INFERENCE_BREAKERS: dict[str, Callable[[Graph], object]] = {
    "person holds a country": lambda g: _move_fact(g, PERSON, DKG.holdsOffice, OFFICE, to_o=GERMANY),
    "country holds an office": lambda g: _move_fact(g, PERSON, DKG.holdsOffice, OFFICE, to_s=GERMANY),
    "member of a person": lambda g: _move_fact(g, GERMANY, DKG.memberOf, NATO, to_o=PERSON),
    "place is the office of nato": lambda g: _move_fact(g, OFFICE, DKG.officeOf, NATO, to_s=BRUSSELS),
    "country has a country as commitment": lambda g: _move_fact(g, GERMANY, DKG.hasCommitment, commitment(g),
                                                                to_o=NATO),
    "summit located in a country": lambda g: _set(g, summit(g), DKG.location, GERMANY),
    "organization mentioned in a person": lambda g: _set(g, NATO, DKG.mentionedIn, PERSON),
    "summit extracted from a country": lambda g: _set(g, summit(g), DKG.extractedFrom, GERMANY),
    "commitment with a start date": lambda g: g.add((commitment(g), DKG.startDate,
                                                     Literal("2020-01-01", datatype=XSD.date))),
    "person with a deadline": lambda g: g.add((PERSON, DKG.deadline, Literal("2020", datatype=XSD.gYear))),
    "summit with a commitment value": lambda g: g.add((summit(g), DKG.commitmentValue, Literal(Decimal("3")))),
}


def _pyshacl(data: Graph, inference: str) -> bool:
    """pySHACL itself, as a user runs it: `pyshacl -s shapes -e ontology -i <inference> data`."""
    from pyshacl import validate

    from diplokg.resources import ontology_path, shapes_path

    plain = Graph()
    plain += data
    conforms, _, _ = validate(plain, shacl_graph=str(shapes_path()), ont_graph=str(ontology_path()),
                              inference=inference, allow_warnings=True)
    return bool(conforms)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_good_data_conforms_with_and_without_inference(inference):
    assert _pyshacl(good(), inference)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("case", sorted(INFERENCE_BREAKERS))
def test_bad_data_is_rejected_with_and_without_inference(case, inference):
    graph = good()
    INFERENCE_BREAKERS[case](graph)
    assert not _pyshacl(graph, inference)


@pytest.mark.parametrize("case", sorted(INFERENCE_BREAKERS))
def test_the_gate_rejects_the_same_bad_data(gate, case):
    graph = good()
    INFERENCE_BREAKERS[case](graph)
    assert not gate.check(graph).conforms
