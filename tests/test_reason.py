"""diplokg reason: HermiT's verdict in words, and materialized inferences in their own graph."""

from __future__ import annotations

from click.testing import CliRunner

from diplokg.cli import cli

from .samples import ARTICLE

INFERRED = "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/diplokg/inferred> { ?s ?p ?o } }"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_materialize_writes_inferences_into_their_own_graph(write, tmp_path):
    store = tmp_path / "kg"
    assert invoke("load", str(write("vienna.txt", ARTICLE)), "--store", str(store)).exit_code == 0
    result = invoke("reason", "--store", str(store), "--materialize")
    assert result.exit_code == 0 and result.stdout.startswith("consistent;")
    def inferred() -> list[str]:
        csv = invoke("query", "--sparql", INFERRED, "--store", str(store), "--format", "csv").stdout
        return sorted(csv.splitlines()[1:])

    rows = inferred()
    # persons holding offices are Diplomats; offices are heldBy their holders (owl:inverseOf)
    assert any(r.endswith("#type,https://w3id.org/diplokg/ontology#Diplomat") for r in rows)
    assert any(",https://w3id.org/diplokg/ontology#heldBy," in r for r in rows)
    again = invoke("reason", "--store", str(store), "--materialize")
    assert again.exit_code == 0
    assert inferred() == rows  # replaced, not added to
    # the inferred graph is no article: the article queries do not see it as one
    articles = invoke("query", "articles", "--store", str(store), "--format", "csv").stdout.splitlines()
    assert len(articles) == 2


def test_an_inconsistency_is_told_in_words(write):
    bad = write("bad.ttl", """
        @prefix dkg: <https://w3id.org/diplokg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/diplokg/id/country/x> a dkg:Country ; rdfs:label "Freedonia" ;
            dkg:holdsOffice <https://w3id.org/diplokg/id/office/y> .
    """)
    result = invoke("reason", str(bad))
    assert result.exit_code == 1
    assert "Freedonia" in result.stdout and "both a Country and a Person" in result.stdout
    assert "uses holdsOffice (whose subjects are Persons)" in result.stdout and str(bad) in result.stdout


def test_materialize_needs_a_store(write):
    result = invoke("reason", str(write("x.ttl", "")), "--materialize")
    assert result.exit_code == 2 and "writes into a store" in result.stderr
