"""One contract, every store: the embedded store, an Oxigraph server and Virtuoso, each real.

Load, reload (idempotent), query, relink, quarantine, injection, and resume after the server is
killed mid-run and restarted: nothing lost, nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diplokg.cli import cli
from diplokg.config import Settings
from diplokg.errors import EndpointError
from diplokg.pipeline import ArticleOutcome, Status, load
from diplokg.store import open_target

from .servers import Server

NAMES = [("Maria Santos", "Portugal"), ("John Miller", "Canada"), ("Carlos Ruiz", "Spain"),
         ("Peter Hansen", "Norway"), ("Anna Lindqvist", "Sweden"), ("James Wilson", "Ireland")]


def articles(folder: Path) -> list[Path]:
    """Six short articles written for the tests."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, country) in enumerate(NAMES):
        path = folder / f"article-{i}.txt"
        path.write_text(f"date: 2021-0{i + 1}-10\n\n{country}'s foreign minister, {name}, met NATO Secretary "
                        f"General Jens Stoltenberg in Brussels on Monday.\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[list[str], Server | None]]:
    """CLI arguments naming the store under test, and its server (None for the embedded store)."""
    if request.param == "embedded":
        yield ["--store", str(tmp_path / "kg")], None
        return
    server = Server(request.param, tmp_path / request.param)
    server.start()
    try:
        yield ["--endpoint", server.endpoint], server
    finally:
        server.stop()


def run(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def count(target_args: list[str]) -> tuple[int, int]:
    """(graphs, triples) of diplokg's graphs in the store."""
    graphs = run("query", *target_args, "--format", "csv", "--sparql",
                 "SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } "
                 "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/diplokg/graph/')) }").stdout
    values = graphs.splitlines()[1].split(",")
    return int(values[0]), int(values[1])


def test_load_reload_and_query(target, tmp_path):
    args, _ = target
    paths = [str(p) for p in articles(tmp_path / "articles")[:2]]
    run("load", *paths, *args)
    first = count(args)
    assert first[0] == 2 and first[1] > 40
    run("load", *paths, *args, "--jobs", "2")  # again, concurrently: replaces, never duplicates
    assert count(args) == first
    holders = run("query", "office-holders", *args, "--format", "csv").stdout
    assert "Maria Santos,Foreign Minister of Portugal" in holders
    assert "Jens Stoltenberg,Secretary General of NATO" in holders


def test_batched_updates_without_graph_store_protocol(target, tmp_path):
    args, server = target
    if server is None:
        return  # the embedded store batches in any case
    paths = [str(p) for p in articles(tmp_path / "articles")]
    run("load", *paths, *args, "--graph-store", "none")
    run("load", *paths[:3], *args, "--graph-store", "none", "--jobs", "2")
    reference = tmp_path / "reference"
    run("load", *paths, "--store", str(reference))
    assert count(args) == count(["--store", str(reference)])


def test_user_values_cannot_break_out_of_the_query(target, tmp_path):
    args, _ = target
    run("load", str(articles(tmp_path / "articles")[0]), *args)
    before = count(args)
    hostile = '"} ; DROP ALL ; {"'
    result = run("query", "office-holders", *args, "--param", f"date={hostile}", "--format", "csv")
    assert result.stdout.splitlines()[1:] == []  # one string literal: no date sorts before it
    run("query", "entity-facts", *args, "--param", f"name={hostile}", "--format", "csv", code=2)  # no such name
    assert count(args) == before


def test_relink_on_the_store(target, tmp_path, write):
    args, _ = target
    run("load", *(str(p) for p in articles(tmp_path / "articles")[:2]), *args)
    people = write("people.csv", "qid,label,kind,aliases\nQ987650001,Maria Santos,person,\n")
    result = run("link", *args, "--gazetteer", str(people))
    assert "1 entities newly linked; 1 of 2 graphs rewritten" in result.stderr
    again = run("link", *args, "--gazetteer", str(people))
    assert "0 entities newly linked" in again.stderr
    found = run("query", "entity-by-qid", *args, "--param", "wd=http://www.wikidata.org/entity/Q987650001",
                "--format", "csv").stdout
    assert ",Person,Maria Santos," in found


def test_invalid_articles_are_quarantined_not_pushed(target, tmp_path, write):
    args, _ = target
    strict = write("strict.ttl", """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix dkg: <https://w3id.org/diplokg/ontology#> .
        <urn:strict> a sh:NodeShape ; sh:targetClass dkg:Office ;
            sh:property [ sh:path dkg:officeOf ; sh:minCount 1 ; sh:message "an office needs its country" ] .
    """)
    good = articles(tmp_path / "articles")[0]
    bare = write("bare.txt", "date: 2021-03-03\n\nForeign Minister John Miller met reporters in Lisbon.\n")
    quarantine = tmp_path / "quarantine"
    result = run("load", str(good), str(bare), *args, "--shapes", str(strict), "--quarantine", str(quarantine),
                 code=1)
    assert "1 article(s) quarantined" in result.stderr
    assert sorted(p.name for p in quarantine.iterdir()) == ["bare.report.txt", "bare.trig"]
    assert "an office needs its country" in (quarantine / "bare.report.txt").read_text()
    assert count(args)[0] == 1  # the valid one loaded


def test_resume_after_the_server_dies_mid_run(target, tmp_path):
    args, server = target
    if server is None:
        return  # an embedded store cannot be killed under a run: its writes are transactions
    paths = articles(tmp_path / "articles")
    settings = Settings.resolve({"endpoint": server.endpoint})
    stored: list[ArticleOutcome] = []

    def kill_after_two(outcome: ArticleOutcome) -> None:
        if outcome.status is Status.STORED:
            stored.append(outcome)
            if len(stored) == 2:
                server.stop()

    with pytest.raises(EndpointError, match="cannot reach"):
        load(paths, settings=settings, progress=kill_after_two)
    server.start()
    assert count(args)[0] == 2
    report = load(paths, settings=settings, resume=True)
    assert (report.count(Status.SKIPPED), report.count(Status.STORED)) == (2, 4)
    # exactly what a clean load gives: each graph once, no triple twice
    reference = Settings.resolve({"store": tmp_path / "reference"})
    load(paths, settings=reference)
    with open_target(reference, read_only=True) as clean:
        expected = (len(clean.graph_names()), clean.triple_count())
    assert count(args) == expected
