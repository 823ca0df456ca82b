"""The OWL ontology: the contract's terms, documentation, alignment, and HermiT's verdicts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from diplokg.reason import check_consistency
from diplokg.resources import ontology_path
from diplokg.vocab import DKG

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
    term = DKG[name]
    assert declared(onto, term), f"dkg:{name} is not declared"
    assert onto.value(term, RDFS.label) is not None, f"dkg:{name} has no label"
    assert onto.value(term, RDFS.comment) is not None, f"dkg:{name} has no comment"


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


def test_hermit_finds_the_ontology_consistent():
    report = check_consistency()
    assert report.consistent, report.explanation
    assert report.explanation == "", report.explanation  # and no unsatisfiable class


def test_hermit_finds_a_person_who_is_a_country_inconsistent():
    data = Graph()
    thing = URIRef("https://w3id.org/diplokg/id/test/chimera")
    data.add((thing, RDF.type, DKG.Person))
    data.add((thing, RDF.type, DKG.Country))
    data.add((thing, RDFS.label, Literal("Chimera")))
    report = check_consistency(data)
    assert not report.consistent


def test_hermit_accepts_ordinary_data():
    data = Graph()
    person = URIRef("https://w3id.org/diplokg/id/person/test")
    office = URIRef("https://w3id.org/diplokg/id/office/test")
    data.add((person, RDF.type, DKG.Person))
    data.add((office, RDF.type, DKG.Office))
    data.add((person, DKG.holdsOffice, office))
    assert check_consistency(data).consistent
