"""Online linking against a real local Oxigraph server holding Wikidata-shaped test data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplokg.cli import cli
from diplokg.dates import PartialDate
from diplokg.document import Document
from diplokg.extract import Entity, EntityKind, Extraction
from diplokg.link import offline_linker
from diplokg.link.online import WikidataLinker

from .servers import free_port, wikidata_stand_in

# Items written for the tests (QIDs in a range Wikidata has not reached for these names).
WIKIDATA_SHAPED = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

wd:Q987650001 rdfs:label "Ana Veloso"@en ; skos:altLabel "Ana M. Veloso"@en ; wdt:P31 wd:Q5 .
wd:Q987650002 rdfs:label "Ana Veloso"@en ; wdt:P31 wd:Q515 .          # a town of that name: not a person
wd:Q987650003 rdfs:label "Porto Lindo"@en ; wdt:P31 wd:Q515 .
wd:Q987650004 rdfs:label "Rui Gemeo"@en ; wdt:P31 wd:Q5 .
wd:Q987650005 rdfs:label "Rui Gemeo"@en ; wdt:P31 wd:Q5 .             # two people, one name
wd:Q987650006 rdfs:label "Atlantic Fisheries Council"@en ; wdt:P31 wd:Q484652 .
"""


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with wikidata_stand_in(tmp_path_factory.mktemp("wikidata"), WIKIDATA_SHAPED) as url:
        yield url


def extraction(*entities: Entity) -> Extraction:
    x = Extraction(Document(id="t", text="text", date=PartialDate(2021)))
    x.entities = list(entities)
    return x


def online(endpoint: str, cache: Path, **kwargs: object) -> WikidataLinker:
    options = {"min_interval": 0.0, "attempts": 2, "timeout": 5.0} | kwargs
    return WikidataLinker(endpoint, cache, offline_linker(), **options)  # type: ignore[arg-type]


@pytest.mark.services
def test_entities_the_gazetteer_lacks_are_linked_online(wikidata, tmp_path):
    x = extraction(
        Entity("person:ana veloso", EntityKind.PERSON, "Ana Veloso"),
        Entity("place:porto lindo", EntityKind.CITY, "Porto Lindo"),
        Entity("organization:afc", EntityKind.ORGANIZATION, "Atlantic Fisheries Council"),
        Entity("country:germany", EntityKind.COUNTRY, "Germany"),
    )
    linker = online(wikidata, tmp_path)
    linker.link(x)
    assert {e.label: e.qid for e in x.entities} == {
        "Ana Veloso": "Q987650001",  # the person, not the town
        "Porto Lindo": "Q987650003",
        "Atlantic Fisheries Council": "Q987650006",
        "Germany": "Q183",  # from the gazetteer: the endpoint is not asked
    }


@pytest.mark.services
def test_ambiguous_and_unknown_names_stay_unlinked(wikidata, tmp_path):
    x = extraction(Entity("person:rui gemeo", EntityKind.PERSON, "Rui Gemeo"),
                   Entity("person:nobody", EntityKind.PERSON, "Nobody Atall"),
                   Entity("person:quote", EntityKind.PERSON, 'O"Brien } DROP ALL'))
    online(wikidata, tmp_path).link(x)
    assert [e.qid for e in x.entities] == [None, None, None]


@pytest.mark.services
def test_a_second_run_asks_nothing(wikidata, tmp_path):
    first = online(wikidata, tmp_path)
    first.link(extraction(Entity("person:ana veloso", EntityKind.PERSON, "Ana Veloso")))
    assert first.requests >= 1
    # the cache is keyed by endpoint and name: the same lookup again makes no request
    second = online(wikidata, tmp_path)
    x = extraction(Entity("person:ana veloso", EntityKind.PERSON, "Ana Veloso"))
    second.link(x)
    assert x.entities[0].qid == "Q987650001"
    assert second.requests == 0


def test_an_unreachable_endpoint_degrades_to_offline_with_a_warning(tmp_path, caplog):
    dead = f"http://127.0.0.1:{free_port()}/query"
    linker = online(dead, tmp_path)
    x = extraction(Entity("person:ana veloso", EntityKind.PERSON, "Ana Veloso"),
                   Entity("country:france", EntityKind.COUNTRY, "France"))
    with caplog.at_level(logging.WARNING, logger="diplokg"):
        linker.link(x)
        linker.link(extraction(Entity("person:other", EntityKind.PERSON, "Other Person")))
    assert {e.label: e.qid for e in x.entities} == {"Ana Veloso": None, "France": "Q142"}
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1  # one warning, then offline for the rest of the run
    assert linker.requests == 2  # the bounded retries of the first lookup, nothing after


@pytest.mark.services
def test_load_with_an_endpoint_from_the_cli(wikidata, write, tmp_path):
    article = write("veloso.txt", "date: 2021-05-05\n\nForeign Minister Ana Veloso met President Joe Biden.\n")
    store = tmp_path / "kg"
    runner = CliRunner()
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = runner.invoke(cli, ["load", str(article), "--store", str(store), "--wikidata-endpoint", wikidata],
                           env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer = runner.invoke(cli, ["query", "--sparql",
                                 "SELECT ?x WHERE { ?p <http://www.w3.org/2002/07/owl#sameAs> ?x }",
                                 "--store", str(store), "--format", "csv"])
    assert "http://www.wikidata.org/entity/Q987650001" in answer.stdout
    assert "http://www.wikidata.org/entity/Q6279" in answer.stdout  # Joe Biden, from the gazetteer
