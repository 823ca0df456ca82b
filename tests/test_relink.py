"""Relinking a store: new gazetteer rows link entities already stored, graphs rewritten once."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import OWL

from diplokg.cli import cli
from diplokg.extract import Entity, EntityKind, Relation, RelationKind
from diplokg.link.relink import graph_to_extraction
from diplokg.mapping import to_graph
from diplokg.store import open_store
from diplokg.vocab import WD

from .samples import EV, sample

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_relinking_after_the_gazetteer_grew(write, tmp_path):
    one = write("one.txt", "date: 2021-05-05\n\nForeign Minister Ana Veloso met Foreign Minister Rui Tavares.\n")
    two = write("two.txt", "date: 2021-06-01\n\nForeign Minister Ana Veloso visited Berlin on Monday.\n")
    store = tmp_path / "kg"
    run("load", str(one), str(two), "--store", str(store))
    before = run("query", "--sparql", COUNT, "--store", str(store), "--format", "csv")
    people = write("people.csv", "qid,label,kind,aliases\nQ987650001,Ana Veloso,person,\n")

    CliRunner().invoke(cli, ["link", "--store", str(store), "--gazetteer", str(people)], catch_exceptions=False)
    with open_store(store, read_only=True) as s:
        nodes = set()
        for name in s.graph_names():
            nodes |= set(s.get_graph(name).subjects(OWL.sameAs, WD["Q987650001"]))
        assert [str(n) for n in nodes] == ["https://w3id.org/diplokg/id/wd/Q987650001"]  # one node, both articles
        assert len(s.graph_names()) == 2
    after = run("query", "--sparql", COUNT, "--store", str(store), "--format", "csv")
    assert int(after.splitlines()[1]) == int(before.splitlines()[1]) + 2  # a sameAs in each graph, nothing else
    # the facts now hang off the new node
    facts = run("query", "entity-facts", "--param", "name=Ana Veloso", "--store", str(store), "--format", "csv")
    assert len(facts.splitlines()) == 3

    # a second run finds nothing more to do and changes nothing
    again = CliRunner().invoke(cli, ["link", "--store", str(store), "--gazetteer", str(people)])
    assert "0 entities newly linked; 0 of 2 graphs rewritten" in again.stderr
    assert run("query", "--sparql", COUNT, "--store", str(store), "--format", "csv") == after


def test_a_stored_graph_reads_back_as_the_records_linking_read():
    x = sample()
    x.entity("office:secretary general of nato").title = "Secretary General"
    # a title with " of " in it and no country: no label cutting could give it back
    x.entities += [Entity("person:antony blinken", EntityKind.PERSON, "Antony Blinken", {"Blinken"}, qid="Q7518"),
                   Entity("office:secretary of state held by antony blinken", EntityKind.OFFICE, "Secretary of State",
                          title="Secretary of State")]
    x.relations.append(Relation(RelationKind.HOLDS_OFFICE, "person:antony blinken",
                                "office:secretary of state held by antony blinken", EV))
    back = graph_to_extraction(to_graph(x))

    def entities(extraction):
        return {(e.kind, e.label, frozenset(e.aliases), e.qid, e.title) for e in extraction.entities}

    def relations(extraction):
        return {(r.kind, extraction.entity(r.subject).label, extraction.entity(r.object).label)
                for r in extraction.relations}

    assert entities(back) == entities(x)
    assert relations(back) == relations(x)
    assert back.document.date == x.document.date
