"""The Wikidata-facing named queries: by QID (offline) and the federated one (SERVICE), the
latter against a local server standing in for Wikidata."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from diplokg.cli import cli
from diplokg.query import resolve_query
from diplokg.store import open_store

from .samples import ARTICLE
from .servers import wikidata_stand_in

WIKIDATA_FACTS = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
wd:Q57665 wdt:P569 "1959-03-16"^^xsd:date ; wdt:P27 wd:Q20 .
wd:Q20 rdfs:label "Norway"@en .
"""


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_entity_by_qid(write, tmp_path):
    store = tmp_path / "kg"
    article = write("vienna.txt", ARTICLE)
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(article), "--store", str(store)]).exit_code == 0
    result = runner.invoke(cli, ["query", "entity-by-qid", "--param", "wd=http://www.wikidata.org/entity/Q7184",
                                 "--store", str(store), "--format", "csv"])
    found = rows(result.stdout)
    assert [(r["class"], r["name"], r["articles"]) for r in found] == [("Alliance", "NATO", "1")]
    assert "alliance" in found[0]["aliases"]


@pytest.mark.services
def test_the_federated_query_joins_local_facts_with_the_endpoint(write, tmp_path):
    store = tmp_path / "kg"
    article = write("vienna.txt", ARTICLE)
    assert CliRunner().invoke(cli, ["load", str(article), "--store", str(store)]).exit_code == 0
    text = resolve_query("wikidata-office-holders").text
    assert "SERVICE <https://query.wikidata.org/sparql>" in text
    with wikidata_stand_in(tmp_path / "wd", WIKIDATA_FACTS) as url:
        local = text.replace("https://query.wikidata.org/sparql", url)
        with open_store(store, read_only=True) as s:
            result = s.query(local)
    answers = {(str(r[0]), str(r[3]) if r[3] else None, str(r[4]) if r[4] else None) for r in result.rows}
    assert ("Jens Stoltenberg", "1959-03-16", "Norway") in answers
    assert all(isinstance(r[2], URIRef) for r in result.rows)
    assert Literal("Jens Stoltenberg") in {r[0] for r in result.rows}
