"""The embedded Oxigraph store: atomic replacement, union queries, safe bindings, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from diplokg.errors import QueryError, StoreError
from diplokg.mapping import to_graph
from diplokg.store import EmbeddedStore, open_store
from diplokg.vocab import DKG, graph_iri

from .samples import sample


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(tmp_path / "kg") as s:
        yield s


def test_replacing_a_graph_never_duplicates(store: EmbeddedStore):
    graph = to_graph(sample())
    store.replace_graph(graph)
    store.replace_graph(graph)
    assert store.graph_names() == [graph_iri("art-1")]
    assert store.triple_count(graph_iri("art-1")) == len(graph)


def test_replacing_removes_what_the_new_version_lacks(store: EmbeddedStore):
    graph = to_graph(sample())
    store.replace_graph(graph)
    smaller = Graph(identifier=graph.identifier)
    for triple in list(graph)[:5]:
        smaller.add(triple)
    store.replace_graph(smaller)
    assert store.triple_count(URIRef(graph.identifier)) == 5


def test_queries_see_the_union_of_article_graphs(store: EmbeddedStore):
    store.replace_graph(to_graph(sample()))
    result = store.query("PREFIX dkg: <https://w3id.org/diplokg/ontology#> "
                         "SELECT ?p WHERE { ?p dkg:holdsOffice ?o }")
    assert result.kind == "select"
    assert [str(r[0]) for r in result.rows] == ["https://w3id.org/diplokg/id/person/jens-stoltenberg"]
    ask = store.query("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert ask.kind == "ask" and ask.boolean is True
    construct = store.query("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3")
    assert construct.kind == "graph" and construct.graph is not None and len(construct.graph) == 3


def test_hostile_values_are_bound_not_spliced(store: EmbeddedStore):
    hostile = '"} ; DROP ALL ; {"'
    g = Graph(identifier=URIRef("https://w3id.org/diplokg/graph/hostile"))
    thing = URIRef("https://w3id.org/diplokg/id/person/x")
    g.add((thing, RDF.type, DKG.Person))
    g.add((thing, RDFS.label, Literal(hostile)))
    store.replace_graph(g)  # the literal is escaped on the way in
    store.replace_graph(to_graph(sample()))
    result = store.query("SELECT ?s ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
                         {"name": Literal(hostile)})
    assert [str(r[0]) for r in result.rows] == [str(thing)]
    assert len(store.graph_names()) == 2  # nothing was dropped


def test_a_parameter_reaches_filters_and_need_not_be_selected(store: EmbeddedStore):
    store.replace_graph(to_graph(sample()))
    query = ("SELECT ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name "
             "FILTER (!BOUND(?wanted) || ?name = ?wanted) } ORDER BY ?name")
    everything = [str(r[0]) for r in store.query(query).rows]
    assert len(everything) > 3
    assert [str(r[0]) for r in store.query(query, {"wanted": Literal("NATO")}).rows] == ["NATO"]


def test_invalid_sparql_is_a_query_error(store: EmbeddedStore):
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELEC ?x WHERE {")


def test_a_store_under_a_file_cannot_be_opened(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as err:
        open_store(blocker / "kg")
    assert str(blocker / "kg") in str(err.value)
    assert "--store" in str(err.value)


def test_a_store_in_use_by_another_handle_is_refused(tmp_path: Path):
    with open_store(tmp_path / "kg"), pytest.raises(StoreError, match="no other diplokg process"):
        open_store(tmp_path / "kg")


def test_read_only_needs_an_existing_store(tmp_path: Path):
    with pytest.raises(StoreError, match="load articles first"):
        open_store(tmp_path / "missing", read_only=True)


def test_data_survives_reopening(tmp_path: Path):
    with open_store(tmp_path / "kg") as s:
        s.replace_graph(to_graph(sample()))
    with open_store(tmp_path / "kg", read_only=True) as s:
        assert s.graph_names() == [graph_iri("art-1")]


def test_what_is_stored_reads_back_as_the_same_graph(store: EmbeddedStore):
    """A new graph goes in as Turtle text: what comes back is what went in, line breaks, quotes
    and backslashes in literals included."""
    graph = to_graph(sample())
    node = URIRef("https://w3id.org/diplokg/id/person/x")
    graph.add((node, RDFS.label, Literal('two\nlines, "quoted" \\ and """ triple')))
    graph.add((node, RDFS.comment, Literal("ends with a quote\"")))
    graph.add((node, RDFS.comment, Literal("ein Satz", lang="de")))
    store.replace_graph(graph)
    assert set(store.get_graph(URIRef(graph.identifier))) == set(graph)


def test_an_iri_that_is_no_iri_fails_that_write_and_changes_nothing(store: EmbeddedStore):
    graph = to_graph(sample())
    store.replace_graph(graph)
    bad = to_graph(sample())
    bad.add((URIRef("http://example.org/a> <http://example.org/b"), RDF.type, DKG.Person))
    with pytest.raises(StoreError, match="cannot write graph"):
        store.replace_graph(bad)
    fresh = Graph(identifier=graph_iri("never"))
    fresh.add((URIRef("http://example.org/a b"), RDF.type, DKG.Person))
    with pytest.raises(StoreError, match="cannot write graph"):
        store.replace_graph(fresh)
    assert store.graph_names() == [graph_iri("art-1")]
    assert set(store.get_graph(URIRef(graph.identifier))) == set(graph)
