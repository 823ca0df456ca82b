"""The OWL ontology: the contract's terms, documentation, alignment, and HermiT's verdicts."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from diplokg.mapping import to_graph
from diplokg.reason import check_consistency, reasoner_form
from diplokg.resources import ontology_path
from diplokg.vocab import DKG

from .samples import sample

EVAL_README = Path(__file__).resolve().parents[2] / "shared" / "eval" / "README.md"
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path())


def declared(onto: Graph, term: URIRef) -> bool:
    return any((term, RDF.type, t) in onto for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))


CONTRACT = ["Person", "Diplomat", "Country", "Organization", "Alliance", "Office", "Place", "City", "Summit",
            "Commitment", "holdsOffice", "memberOf", "hasCommitment", "commitmentValue", "deadline",
            "commitmentUnit", "commitmentTopic", "organizedBy", "startDate", "location"]
EXTRA = ["officeOf", "participant", "endDate", "Article", "Assertion", "extractedFrom", "sentence", "charStart",
         "charEnd", "confidence", "mentionedIn", "officeTitle"]


@pytest.mark.parametrize("name", CONTRACT + EXTRA)
def test_every_required_term_is_declared_and_documented(onto, name):
    term = getattr(DKG, name)  # DKG is closed: a misspelled name raises
    assert declared(onto, term), f"dkg:{name} is not declared"
    assert onto.value(term, RDFS.label) is not None, f"dkg:{name} has no label"
    assert onto.value(term, RDFS.comment) is not None, f"dkg:{name} has no comment"


@pytest.mark.shared
def test_the_eval_contract_names_no_term_we_lack(onto):
    if not EVAL_README.exists():
        pytest.skip(f"{EVAL_README} is absent: this test needs ../shared (the eval contract) beside the project")
    used = set(re.findall(r"dkg:([A-Za-z]+)", EVAL_README.read_text()))
    missing = sorted(n for n in used if not declared(onto, DKG[n]))
    assert not missing, f"terms of the output contract missing from the ontology: {missing}"


def test_every_declared_term_is_in_the_namespace_module(onto):
    # vocab.DKG is closed: a term the ontology declares but the module lacks could not be written
    ns = str(DKG._NS)
    for term in set(onto.subjects(RDF.type, None)):
        if isinstance(term, URIRef) and str(term).startswith(ns):
            assert DKG[str(term)[len(ns):]] == term


@pytest.mark.parametrize(
    ("sub", "relation", "sup"),
    [
        (DKG.Diplomat, RDFS.subClassOf, DKG.Person),
        (DKG.Alliance, RDFS.subClassOf, DKG.Organization),
        (DKG.City, RDFS.subClassOf, DKG.Place),
        (DKG.Office, RDFS.subClassOf, ORG.Post),
        (DKG.holdsOffice, RDFS.subPropertyOf, ORG.holds),
        (DKG.memberOf, RDFS.subPropertyOf, ORG.memberOf),
        (DKG.extractedFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (DKG.Summit, RDFS.subClassOf, SDO.Event),
        (DKG.Summit, RDFS.subClassOf, TIME.TemporalEntity),
        (DKG.startDate, RDFS.subPropertyOf, SDO.startDate),
    ],
)
def test_alignment_with_standard_vocabularies(onto, sub, relation, sup):
    assert (sub, relation, sup) in onto


def test_person_and_country_are_disjoint(onto):
    members = set()
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(onto.items(onto.value(axiom, OWL.members)))
    assert {DKG.Person, DKG.Country, DKG.Organization, DKG.Office} <= members


@pytest.mark.services
def test_hermit_finds_the_ontology_consistent():
    report = check_consistency()
    assert report.consistent, report.explanation
    assert report.explanation == "", report.explanation  # and no unsatisfiable class


@pytest.mark.services
def test_hermit_finds_a_person_who_is_a_country_inconsistent():
    data = Graph()
    thing = URIRef("https://w3id.org/diplokg/id/test/chimera")
    data.add((thing, RDF.type, DKG.Person))
    data.add((thing, RDF.type, DKG.Country))
    data.add((thing, RDFS.label, Literal("Chimera")))
    report = check_consistency(data)
    assert not report.consistent


@pytest.mark.services
def test_hermit_accepts_ordinary_data():
    data = Graph()
    person = URIRef("https://w3id.org/diplokg/id/person/test")
    office = URIRef("https://w3id.org/diplokg/id/office/test")
    data.add((person, RDF.type, DKG.Person))
    data.add((office, RDF.type, DKG.Office))
    data.add((person, DKG.holdsOffice, office))
    assert check_consistency(data).consistent


# ----- OWL 2 DL: every term used as a class or a property is declared as one -----

RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))
# the reserved IRIs that OWL 2 DL lets one use as properties: the RDF mapping's own vocabulary
# and the built-in annotation properties
MAPPING = {RDF.type, RDF.first, RDF.rest, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
           RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso, OWL.equivalentClass, OWL.inverseOf,
           OWL.intersectionOf, OWL.unionOf, OWL.onProperty, OWL.someValuesFrom, OWL.members, OWL.versionInfo,
           OWL.sameAs}
PROPERTY_KINDS = {OWL.ObjectProperty: "object", OWL.DatatypeProperty: "datatype", OWL.AnnotationProperty: "annotation"}
CLASS_OBJECTS = (RDFS.subClassOf, OWL.equivalentClass, RDFS.domain, OWL.someValuesFrom)


def owl_dl_problems(graph: Graph) -> list[str]:
    """What makes ``graph`` (ontology and data together) not OWL 2 DL for want of declarations:
    a term used as a class or a property and not declared as one, a property used as a kind
    it is not, a term declared as two kinds of property, reserved vocabulary used as a property."""
    problems: list[str] = []
    classes = set(graph.subjects(RDF.type, OWL.Class))
    kinds: dict[object, set[str]] = {}
    for declaration, kind in PROPERTY_KINDS.items():
        for term in graph.subjects(RDF.type, declaration):
            kinds.setdefault(term, set()).add(kind)
    problems += [f"{t} is declared as {' and '.join(sorted(k))} property" for t, k in kinds.items() if len(k) > 1]

    def reserved(term: object) -> bool:
        return isinstance(term, URIRef) and str(term).startswith(RESERVED)

    def need_class(term: object, where: str) -> None:
        if isinstance(term, URIRef) and not reserved(term) and term not in classes:
            problems.append(f"{term} is used as a class ({where}) and not declared owl:Class")

    def need_property(term: object, allowed: set[str], where: str) -> None:
        if not isinstance(term, URIRef) or reserved(term):
            return
        if term not in kinds:
            problems.append(f"{term} is used as a property ({where}) and not declared as one")
        elif not kinds[term] & allowed:
            problems.append(f"{term} is used as a {' or '.join(sorted(allowed))} property ({where}) "
                            f"and declared {' and '.join(sorted(kinds[term]))}")

    for s, p, o in graph:
        if reserved(p) and p not in MAPPING:
            problems.append(f"{p} is reserved vocabulary, which OWL 2 DL does not allow as a property")
        need_property(p, {"annotation", "datatype"} if isinstance(o, Literal) else {"annotation", "object"},
                      f"{s} {p} {o}"[:200])
        if p == RDF.type:
            need_class(o, f"the type of {s}")
        elif p in CLASS_OBJECTS:
            need_class(o, f"{p} of {s}")
            if p in (RDFS.subClassOf, OWL.equivalentClass):
                need_class(s, f"{p} {o}")
        elif p == RDFS.range and not reserved(o):
            need_class(o, f"the range of {s}")
            need_property(s, {"object"}, f"it has the class range {o}")
        elif p == RDFS.range:
            need_property(s, {"datatype"}, f"it has the datatype range {o}")
        elif p == RDFS.subPropertyOf:
            for kind in kinds.get(s, set()):
                need_property(o, {kind}, f"the super-property of {s}")
        elif p in (OWL.inverseOf, OWL.onProperty):
            need_property(o, {"object"}, f"{p} of {s}")
        elif p in (OWL.unionOf, OWL.intersectionOf, OWL.members):
            for member in graph.items(o):
                need_class(member, f"in the {p} of {s}")
    return problems


def mapped_sample() -> Graph:
    """A mapped article that writes every kind of triple diplokg writes: article metadata (title,
    date, source, address), aliases, a Wikidata link, an office title, each kind of fact."""
    x = sample()
    x.document = dataclasses.replace(x.document, source="written for the tests", url="https://example.org/news/1")
    stoltenberg = x.entities[0]
    stoltenberg.qid = "Q57"
    x.entities[1].title = "Secretary General"
    x.summits[0] = dataclasses.replace(x.summits[0], participants=(stoltenberg.key, "country:germany"))
    return to_graph(x)


def test_the_ontology_and_the_data_use_no_undeclared_term(onto):
    data = mapped_sample()
    used = set(data.predicates())
    assert {DCTERMS.references, DCTERMS.source, SKOS.altLabel, OWL.sameAs, DKG.officeTitle, DKG.participant,
            DKG.deadline, DKG.endDate, RDF.subject} <= used, "the sample no longer writes what it is for"
    # the data as stored: every term outside the reserved namespaces is declared, of the kind used
    stored = [p for p in owl_dl_problems(onto + data) if "reserved vocabulary" not in p]
    assert not stored, "\n".join(stored)
    # and what the reasoner is given is OWL 2 DL: no reserved IRI as a property either
    given, notes = reasoner_form(data)
    problems = owl_dl_problems(onto + given)
    assert not problems and not notes, "\n".join(problems + notes)


def test_the_check_finds_undeclared_and_misused_terms(onto):
    ex = Namespace("https://example.org/")
    graph = onto + Graph()
    graph.add((DKG.Person, RDFS.subClassOf, ex.Human))
    graph.add((ex.p, ex.undeclared, Literal("x")))
    graph.add((DKG.officeTitle, RDFS.subPropertyOf, ex.name))
    graph.add((ex.name, RDF.type, OWL.ObjectProperty))
    graph.add((ex.s, RDF.subject, ex.o))
    found = "\n".join(owl_dl_problems(graph))
    assert f"{ex.Human} is used as a class" in found
    assert f"{ex.undeclared} is used as a property" in found
    assert f"{ex.name} is used as a datatype property" in found
    assert f"{RDF.subject} is reserved vocabulary" in found
