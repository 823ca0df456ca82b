"""The store as a whole: one name per entity across articles, and ``validate --store`` /
``--endpoint`` on the union of the article graphs (real model, real stores)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from diplokg.cli import cli
from diplokg.config import Settings
from diplokg.extract import Entity, EntityKind, Relation, RelationKind
from diplokg.link import offline_linker
from diplokg.mapping import ArticleGraph, to_graph
from diplokg.names import StoreNames
from diplokg.pipeline import Status, load, validate_store
from diplokg.store import EndpointConfig, EndpointStore, open_store
from diplokg.vocab import DKG, article_iri, entity_iri, fact_iri, graph_iri

from .servers import Server
from .test_link import EV, extraction

DEV_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"

# two articles written for the tests: one linked person under two names, one unlinked company
# written with and without the full stop of its "Corp."
FIRST = """\
date: 2021-03-02

DAMASCUS, March 2 - Syrian President Bashar Assad met the Iraqi prime minister in Damascus on Tuesday.
Assad said the talks were useful. Halvorsen Shipping Corp. said it would open an office in the city.
"""
SECOND = """\
date: 2021-04-07

Bashar al-Assad told reporters that the reconstruction would take years. Halvorsen Shipping Corp said
its ships would call at Latakia.
"""
ASSAD = entity_iri("person", "", "Q44329")
HALVORSEN = entity_iri("organization", "Halvorsen Shipping Corp")


def run(*args: str | Path, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def names(graph: Graph, node: URIRef) -> tuple[set[str], set[str]]:
    """The node's labels and alternative labels in ``graph``."""
    return {str(o) for o in graph.objects(node, RDFS.label)}, {str(o) for o in graph.objects(node, SKOS.altLabel)}


@pytest.fixture()
def two_articles(write: Callable[..., Path]) -> list[Path]:
    return [write("first.txt", FIRST), write("second.txt", SECOND)]


def test_a_linked_entity_is_named_by_the_gazetteer_and_keeps_the_articles_names():
    x = extraction(Entity("person:bashar assad", EntityKind.PERSON, "Bashar Assad", {"Assad"}))
    offline_linker().link(x)
    (assad,) = x.entities
    assert (assad.qid, assad.label, assad.aliases) == ("Q44329", "Bashar al-Assad", {"Bashar Assad", "Assad"})
    assert names(to_graph(x), ASSAD) == ({"Bashar al-Assad"}, {"Bashar Assad", "Assad"})
    y = extraction(Entity("person:bashar al assad", EntityKind.PERSON, "Bashar al-Assad"))
    offline_linker().link(y)
    assert names(to_graph(y), ASSAD) == ({"Bashar al-Assad"}, set())  # no alias that repeats the label


def test_a_linked_office_is_named_by_the_gazetteer_not_by_the_articles_wording():
    for label, country in (("Secretary of State of United States", "United States"),
                           ("Secretary of State of the US", "US")):
        office = Entity(f"office:{label.lower()}", EntityKind.OFFICE, label, title="Secretary of State")
        state = Entity(f"country:{country.lower()}", EntityKind.COUNTRY, country)
        x = extraction(office, state, relations=(Relation(RelationKind.OFFICE_OF, office.key, state.key, EV),))
        offline_linker().link(x)
        assert (office.qid, office.label) == ("Q14213", "United States Secretary of State")
        assert names(to_graph(x), entity_iri("office", "", "Q14213"))[1] == {label}


def test_a_linked_office_keeps_the_one_state_of_the_office_holders_table():
    def relations(country: str, year: int) -> set[RelationKind]:
        office = Entity(f"office:chancellor of {country.lower()}", EntityKind.OFFICE, f"Chancellor of {country}",
                        qid="Q4970706", title="Chancellor")
        state = Entity(f"country:{country.lower()}", EntityKind.COUNTRY, country)
        person = Entity("person:helmut kohl", EntityKind.PERSON, "Helmut Kohl")
        x = extraction(office, state, person, year=year, relations=(
            Relation(RelationKind.OFFICE_OF, office.key, state.key, EV),
            Relation(RelationKind.HOLDS_OFFICE, person.key, office.key, EV)))
        offline_linker().link(x)
        assert state.qid is not None
        return {r.kind for r in x.relations}

    # the table's office of Germany: a 1987 story's West Germany (another item) is not its state
    assert relations("West Germany", 1987) == {RelationKind.HOLDS_OFFICE}
    assert relations("Germany", 1996) == {RelationKind.HOLDS_OFFICE, RelationKind.OFFICE_OF}


def test_two_articles_one_person_two_names_one_label_in_the_store(two_articles, tmp_path):
    store = tmp_path / "kg"
    run("load", *two_articles, "--store", store)
    with open_store(store, read_only=True) as kg:
        first, second = kg.get_graph(graph_iri("first")), kg.get_graph(graph_iri("second"))
        union = Graph()
        for graph in (first, second):
            union += graph
    # each article keeps its own names for him, in its own graph; the label is the gazetteer's
    assert names(first, ASSAD) == ({"Bashar al-Assad"}, {"Bashar Assad", "Assad"})
    assert names(second, ASSAD) == ({"Bashar al-Assad"}, set())
    # the unlinked company: the name the store gave it first, the other spelling an alias
    assert names(first, HALVORSEN) == ({"Halvorsen Shipping Corp."}, set())
    assert names(second, HALVORSEN) == ({"Halvorsen Shipping Corp."}, {"Halvorsen Shipping Corp"})
    for node in (ASSAD, HALVORSEN):
        assert len(set(union.objects(node, RDFS.label))) == 1
    assert run("validate", "--store", store).stdout == f"{store} (the union of 2 article graphs): conforms\n"


def test_reloading_the_article_that_named_a_node_first_may_rename_it(tmp_path):
    """The articles being replaced do not keep their old names; the others' names stand."""
    node = entity_iri("place", "Syracuse")

    def article(name: str, label: str) -> ArticleGraph:
        return ArticleGraph(graph_iri(name), ((node, RDF.type, DKG.Place), (node, RDFS.label, Literal(label)),
                                              (node, DKG.mentionedIn, article_iri(name))))

    with open_store(tmp_path / "kg") as kg:
        kg.replace_graph(article("a", "SYRACUSE"))
        again = StoreNames(kg).settle([article("a", "Syracuse")])[0]
        assert names(again.graph(), node) == ({"Syracuse"}, set())  # a's own old name does not count
        kg.replace_graph(again)
        other = StoreNames(kg).settle([article("b", "SYRACUSE")])[0]
        assert names(other.graph(), node) == ({"Syracuse"}, {"SYRACUSE"})
        one, two = StoreNames(kg).settle([article("c", "Syracuse N.Y."), article("d", "SYRACUSE")])
        assert names(one.graph(), node)[0] == names(two.graph(), node)[0] == {"Syracuse"}


def broken_graph() -> Graph:
    """An article graph that gives the linked person a second name, and an assertion a
    confidence out of range: what no load would store."""
    graph = Graph(identifier=graph_iri("tampered"))
    article, fact = article_iri("tampered"), fact_iri("assertion", "tampered", "x")
    for triple in [
        (article, RDF.type, DKG.Article), (article, DCTERMS.identifier, Literal("tampered")),
        (ASSAD, RDF.type, DKG.Person), (ASSAD, RDFS.label, Literal("B. Assad")), (ASSAD, DKG.mentionedIn, article),
        (fact, RDF.type, DKG.Assertion), (fact, RDF.subject, ASSAD), (fact, RDF.predicate, DKG.memberOf),
        (fact, RDF.object, ASSAD), (fact, DKG.extractedFrom, article), (fact, DKG.sentence, Literal("s")),
        (fact, DKG.charStart, Literal(0)), (fact, DKG.charEnd, Literal(1)), (fact, DKG.extractor, Literal("test")),
        (fact, DKG.confidence, Literal(Decimal("7.5"))),
    ]:
        graph.add(triple)
    return graph


def test_validate_store_reports_a_broken_graph_with_exit_code_1(two_articles, tmp_path):
    store = tmp_path / "kg"
    run("load", *two_articles, "--store", store)
    with open_store(store) as kg:
        kg.replace_graph(broken_graph())  # past the gate, as a hand edit would
    result = run("validate", "--store", store, code=1)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{store} (the union of 3 article graphs): 2 violation(s)"
    assert f'  - Violation: <{ASSAD}> "' in result.stdout
    # which articles say what: the one to load again stands out
    assert ('rdfs:label: An entity needs exactly one non-empty rdfs:label (its name). '
            '["B. Assad" in tampered; "Bashar al-Assad" in first, second]') in result.stdout
    assert "dkg:confidence, an xsd:decimal from 0 to 1" in result.stdout


def test_validate_takes_files_or_a_store_not_both(tmp_path, write):
    given = write("one.ttl", "")
    result = run("validate", given, "--store", tmp_path / "kg", code=2)
    assert "give RDF files or a store (--store/--endpoint), not both" in result.output
    missing = run("validate", "--store", tmp_path / "nowhere", code=3)
    assert "no store here yet" in missing.stderr


@pytest.mark.services
def test_validate_endpoint_on_a_real_oxigraph_server(two_articles, tmp_path):
    server = Server("oxigraph", tmp_path / "oxigraph")
    server.start()
    try:
        run("load", *two_articles, "--endpoint", server.endpoint)
        ok = run("validate", "--endpoint", server.endpoint)
        assert ok.stdout == f"{server.endpoint} (the union of 2 article graphs): conforms\n"
        with EndpointStore(EndpointConfig.from_url(server.endpoint)) as remote:
            remote.replace_graph(broken_graph())
        bad = run("validate", "--endpoint", server.endpoint, code=1)
        assert bad.stdout.splitlines()[0] == f"{server.endpoint} (the union of 3 article graphs): 2 violation(s)"
        assert '["B. Assad" in tampered; "Bashar al-Assad" in first, second]' in bad.stdout
    finally:
        server.stop()


@pytest.mark.shared
def test_the_dev_corpus_loaded_whole_conforms_as_one_graph(tmp_path):
    if not DEV_ARTICLES.is_dir():
        pytest.skip(f"{DEV_ARTICLES} is absent: this test needs ../shared (the dev corpus) beside the project")
    settings = Settings.resolve({"store": tmp_path / "kg", "quarantine": tmp_path / "quarantine"})
    report = load([DEV_ARTICLES], settings=settings)
    stored = report.count(Status.STORED)
    assert stored == len(list(DEV_ARTICLES.glob("*.txt"))) and not report.count(Status.REJECTED)
    verdict = validate_store(settings=settings)
    assert verdict.conforms, str(verdict)
    assert verdict.source.endswith(f"(the union of {stored} article graphs)")
