"""The map stage: extraction -> RDF, compared by isomorphism; stable IRIs; dates by precision."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.term import Node

from diplokg.document import Document
from diplokg.extract import Commitment, Entity, EntityKind, Evidence, Relation, RelationKind
from diplokg.extract.records import Fact
from diplokg.mapping import _Mapper, to_dataset, to_graph
from diplokg.vocab import DKG, entity_iri, graph_iri

from .samples import EV, SENTENCE, sample

EXPECTED = """
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/diplokg/id/> .
@prefix art: <https://w3id.org/diplokg/article/> .

art:art-1 a dkg:Article ; dcterms:identifier "art-1" ; dcterms:title "A title" ;
    dcterms:date "2018-04-27"^^xsd:date .

<https://w3id.org/diplokg/id/person/jens-stoltenberg> a dkg:Person ; rdfs:label "Jens Stoltenberg" ;
    skos:altLabel "Stoltenberg" ; dkg:mentionedIn art:art-1 ;
    dkg:holdsOffice <https://w3id.org/diplokg/id/office/secretary-general-of-nato> .
<https://w3id.org/diplokg/id/office/secretary-general-of-nato> a dkg:Office ;
    rdfs:label "Secretary General of NATO" ; dkg:mentionedIn art:art-1 ;
    dkg:officeOf <https://w3id.org/diplokg/id/organization/nato> .
<https://w3id.org/diplokg/id/organization/nato> a dkg:Alliance ; rdfs:label "NATO" ; dkg:mentionedIn art:art-1 .
<https://w3id.org/diplokg/id/country/germany> a dkg:Country ; rdfs:label "Germany" ; dkg:mentionedIn art:art-1 ;
    dkg:memberOf <https://w3id.org/diplokg/id/organization/nato> .
<https://w3id.org/diplokg/id/place/brussels> a dkg:City ; rdfs:label "Brussels" ; dkg:mentionedIn art:art-1 .
"""


def literal(graph: Graph, subject: Node, predicate: URIRef) -> Literal:
    """The one literal value of ``predicate`` on ``subject``."""
    value = graph.value(subject, predicate)
    assert isinstance(value, Literal), (subject, predicate, value)
    return value


def test_entities_and_relations_map_to_the_contract():
    graph = to_graph(sample())
    assert graph.identifier == graph_iri("art-1")
    stolt = entity_iri("person", "Jens Stoltenberg")
    office = entity_iri("office", "Secretary General of NATO")
    nato = entity_iri("organization", "NATO")
    germany = entity_iri("country", "Germany")
    assert (stolt, DKG.holdsOffice, office) in graph
    assert (office, DKG.officeOf, nato) in graph
    assert (germany, DKG.memberOf, nato) in graph
    # every relation has exactly one assertion with its evidence
    assertions = set(graph.subjects(RDF.type, DKG.Assertion))
    assert len(assertions) == 4  # three relations + hasCommitment
    for node in assertions:
        assert str(graph.value(node, DKG.sentence)) == SENTENCE
        assert literal(graph, node, DKG.charStart).toPython() == 10
        assert literal(graph, node, DKG.confidence).toPython() == Decimal("0.9")


def test_summit_and_commitment_literals_are_typed_by_precision():
    graph = to_graph(sample())
    summit = next(graph.subjects(predicate=DKG.organizedBy))
    start = literal(graph, summit, DKG.startDate)
    assert str(start) == "2018-07-11" and str(start.datatype).endswith("#date")
    commitment = next(graph.objects(predicate=DKG.hasCommitment))
    deadline = literal(graph, commitment, DKG.deadline)
    assert str(deadline) == "2024" and str(deadline.datatype).endswith("#gYear")
    assert literal(graph, commitment, DKG.commitmentValue).toPython() == Decimal("2")


def test_graph_is_isomorphic_to_a_second_mapping():
    # mapping is deterministic: the same extraction gives the same graph, node for node
    a, b = to_graph(sample()), to_graph(sample())
    assert isomorphic(a, b), graph_diff(to_isomorphic(a), to_isomorphic(b))


def test_entity_part_matches_the_expected_turtle():
    graph = to_graph(sample())
    expected = Graph().parse(data=EXPECTED, format="turtle")
    # the entity and article triples, without the facts' own nodes
    part = Graph()
    for s, p, o in graph:
        if "/assertion/" in str(s) or "/summit/" in str(s) or "/commitment/" in str(s):
            continue
        if p == DKG.hasCommitment:
            continue
        part.add((s, p, o))
    _, only_output, only_expected = graph_diff(to_isomorphic(part), to_isomorphic(expected))
    assert isomorphic(part, expected), (
        f"only in output:\n{only_output.serialize(format='nt')}\nonly expected:\n{only_expected.serialize(format='nt')}"
    )


def test_iris_are_stable_across_articles():
    x1, x2 = sample(), sample()
    x2.document = Document(id="art-2", text="y", date=None)
    g1, g2 = to_graph(x1), to_graph(x2)
    people = {s for s in g1.subjects(DKG.holdsOffice, None)} & {s for s in g2.subjects(DKG.holdsOffice, None)}
    assert people == {entity_iri("person", "Jens Stoltenberg")}
    assert g1.identifier != g2.identifier


def test_identity_ignores_case_accents_and_a_leading_the():
    assert entity_iri("country", "The United States") == entity_iri("country", "united states")
    assert entity_iri("person", "Gerhard Schröder") == entity_iri("person", "Gerhard Schroder")
    assert entity_iri("person", "Wang Yi") != entity_iri("office", "Wang Yi")


def test_dataset_keeps_one_named_graph_per_article():
    x2 = sample()
    x2.document = Document(id="art-2", text="y")
    ds = to_dataset([to_graph(sample()), to_graph(x2)])
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {graph_iri("art-1"), graph_iri("art-2")}


def test_names_that_mint_one_iri_make_one_node_with_one_label_and_one_evidence():
    x = sample()
    # two entities of the article whose names fold to one IRI, and the same fact from both
    x.entities.append(Entity("person:jens stoltenberg!", EntityKind.PERSON, "Jens Stoltenberg!", set(), [(9, 12)]))
    later = Evidence("Later sentence.", 50, 65, 0.5, "test.other")
    x.relations.append(Relation(RelationKind.HOLDS_OFFICE, "person:jens stoltenberg!",
                                "office:secretary general of nato", later))
    g = to_graph(x)
    person = entity_iri("person", "Jens Stoltenberg")
    assert len(list(g.objects(person, RDFS.label))) == 1
    for node in g.subjects(RDF.type, DKG.Assertion):
        assert len(list(g.objects(node, DKG.sentence))) == 1
        assert len(list(g.objects(node, DKG.charStart))) == 1


def test_two_undertakings_of_one_party_in_one_sentence_are_two_nodes():
    x = sample()
    x.commitments = [Commitment("country:germany", EV, None, None, "end military aid"),
                     Commitment("country:germany", EV, None, None, "cut trade credits")]
    g = to_graph(x)
    assert len(set(g.subjects(RDF.type, DKG.Commitment))) == 2


def test_every_kind_of_fact_is_listed_counted_and_mapped():
    x = sample()
    assert x.facts == (*x.relations, *x.commitments, *x.summits)
    # a kind of fact the mapper lacks would fail here, not drop its facts unseen
    assert set(get_args(Fact)) == set(_Mapper.MAPPERS)
