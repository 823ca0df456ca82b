"""diplokg reason: HermiT's verdict in words, and materialized inferences in their own graph."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, URIRef

from diplokg.cli import cli
from diplokg.mapping import to_graph
from diplokg.reason import check_consistency, reasoner_form
from diplokg.resources import ontology_path
from diplokg.vocab import DKG

from .samples import ARTICLE, sample

INFERRED = "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/diplokg/inferred> { ?s ?p ?o } }"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.services
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


@pytest.mark.services
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


# ----- how dates reach the reasoner -----

SUMMIT = URIRef("https://w3id.org/diplokg/id/summit/test")


def test_dates_reach_the_reasoner_as_the_datetime_they_begin_at():
    data = Graph()
    for value, kind in [("2019-10-27", XSD.date), ("2019-10", XSD.gYearMonth), ("2024", XSD.gYear),
                        ("2024Z", XSD.gYear), ("-0044-03", XSD.gYearMonth)]:
        data.add((SUMMIT, DKG.startDate, Literal(value, datatype=kind)))
    data.add((SUMMIT, DKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    data.add((SUMMIT, RDF.subject, DKG.Person))
    given, notes = reasoner_form(data)
    assert sorted(str(o) for o in given.objects(SUMMIT, DKG.startDate)) == [
        "-0044-03-01T00:00:00", "2019-10-01T00:00:00", "2019-10-27T00:00:00", "2024-01-01T00:00:00",
        "2024-01-01T00:00:00+00:00"]  # a timezone is kept (rdflib writes Z as +00:00)
    assert {o.datatype for o in given.objects(SUMMIT, DKG.startDate)} == {XSD.dateTime}  # type: ignore[attr-defined]
    assert (SUMMIT, DKG.confidence, Literal("0.9", datatype=XSD.decimal)) in given  # in the OWL 2 map: as it is
    assert (SUMMIT, RDF.subject, None) not in given  # reification links are not OWL 2 DL
    assert notes == []


def test_what_the_reasoner_cannot_take_is_said_not_hidden():
    data = Graph()
    data.add((SUMMIT, DKG.deadline, Literal("P3Y", datatype=XSD.duration)))
    data.add((SUMMIT, DKG.startDate, Literal("2019-13-45-x", datatype=XSD.date)))
    given, notes = reasoner_form(data)
    assert set(given.objects(SUMMIT, None)) == {Literal("P3Y"), Literal("2019-13-45-x")}
    assert notes == ["1 literal(s) of type date (ill-formed) reached the reasoner as plain strings",
                     "1 literal(s) of type duration (outside the OWL 2 datatype map) reached the reasoner as plain "
                     "strings"]


@pytest.mark.services
def test_hermit_accepts_mapped_data_with_every_kind_of_date():
    # the sample writes an xsd:date (article, summit) and an xsd:gYear (deadline); a month too
    data = to_graph(sample())
    pledge = URIRef("https://w3id.org/diplokg/id/commitment/x")
    data.add((pledge, DKG.deadline, Literal("2024-06", datatype=XSD.gYearMonth)))
    assert {o.datatype for o in data.objects() if isinstance(o, Literal)} >= {XSD.date, XSD.gYear, XSD.gYearMonth}
    report = check_consistency(data)
    assert report.consistent, str(report)
    assert report.notes == []


@pytest.mark.services
def test_two_start_dates_of_one_summit_are_a_contradiction_hermit_sees(write):
    bad = write("two-starts.ttl", """
        @prefix dkg: <https://w3id.org/diplokg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/diplokg/id/summit/s> a dkg:Summit ; rdfs:label "Vienna talks" ;
            dkg:startDate "2021-03-05"^^xsd:date, "2021-04"^^xsd:gYearMonth .
    """)
    result = invoke("reason", str(bad))
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "inconsistent:\n"
        '  - Vienna talks <https://w3id.org/diplokg/id/summit/s> has 2 values of startDate ("2021-03-05", "2021-04"), '
        f'which the ontology says can have one: startDate "2021-03-05" in {bad}; startDate "2021-04" in {bad}\n')
    # one value at two precisions that begin together is one value to the reasoner
    same = write("same-start.ttl", bad.read_text().replace('"2021-04"', '"2021-03"').replace("03-05", "03-01"))
    assert invoke("reason", str(same)).stdout == "consistent\n"


@pytest.mark.services
def test_the_owl_api_finds_the_ontology_and_the_reasoners_data_owl2_dl(tmp_path):
    """The OWL API (inside HermiT's jar), not diplokg's own check, says the ontology and the data
    as the reasoner gets it are OWL 2 DL: no undeclared term (there were 30 in the ontology)."""
    if shutil.which("javac") is None:
        pytest.skip("the OWL API's profile check is compiled from tests/ProfileCheck.java: needs a JDK's javac")
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    given, _ = reasoner_form(to_graph(sample()))
    owl = tmp_path / "combined.owl"
    (Graph().parse(ontology_path()) + given).serialize(owl, format="xml")
    classes = tmp_path / "classes"
    source = Path(__file__).parent / "ProfileCheck.java"
    subprocess.run(["javac", "-nowarn", "-cp", str(jar), "-d", str(classes), str(source)],
                   check=True, capture_output=True, text=True)
    result = subprocess.run(["java", "-cp", f"{jar}{os.pathsep}{classes}", "ProfileCheck", str(owl)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "OWL 2 DL violations: 0", result.stdout
