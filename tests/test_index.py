"""The store's index: the listing queries' rows kept by ``track``, read a page at a time, the
same rows as computed from the articles; made stale by a load, made again by ``track``; and
``diplokg query --limit/--offset`` paging every named query."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from diplokg.cli import cli
from diplokg.config import Settings
from diplokg.index import PAGE_ROWS, listing_graph, mark_stale, read_listing
from diplokg.pipeline import run_query
from diplokg.query import DEFAULT_LIMIT, named_queries, resolve_query
from diplokg.store.base import QueryResult
from diplokg.store.embedded import EmbeddedStore
from diplokg.validate import Gate
from diplokg.vocab import DKG, INDEX_GRAPH, listing_page_iri

from .stores import load_and_track, query_rows
from .test_named_queries import FIRST, SECOND, THIRD

INDEXED = sorted(q.name for q in named_queries() if q.indexed)


def _body(text: str) -> tuple[str, str]:
    header, _, body = text.partition("\n\n")
    date = next(line.split(": ", 1)[1] for line in header.splitlines() if line.startswith("date:"))
    return date, body


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kg, printed = load_and_track(tmp_path_factory.mktemp("index"),
                                 {"first": _body(FIRST), "second": _body(SECOND), "third": _body(THIRD)})
    assert "listings indexed" in printed
    return kg


def computed(store: Path, name: str) -> QueryResult:
    """The query's answer computed from the article graphs (its text run as ad-hoc SPARQL)."""
    return run_query(None, settings=Settings(store=store), sparql=resolve_query(name).text)


def test_the_listing_queries_are_indexed():
    assert INDEXED == ["articles", "diplomats-together", "entities", "facts-with-evidence", "office-holders"]


@pytest.mark.parametrize("name", INDEXED)
def test_an_indexed_listing_gives_the_rows_computed_from_the_articles(store, name):
    with EmbeddedStore(store, read_only=True) as opened:
        listed = read_listing(opened, name)
    assert listed is not None, "track made no listing"
    want = computed(store, name)
    assert want.rows, f"{name}: nothing to compare"
    assert (listed.variables, listed.rows) == (want.variables, want.rows)
    assert run_query(name, settings=Settings(store=store)).rows == want.rows


@pytest.mark.parametrize("name", INDEXED)
def test_pages_of_a_listing_join_up_to_the_whole_from_the_index_and_from_the_articles(store, tmp_path, name):
    runner = CliRunner()
    full = runner.invoke(cli, ["query", name, "--store", str(store), "--format", "csv", "--limit", "0"])
    whole = list(csv.reader(io.StringIO(full.stdout)))[1:]
    assert whole and full.stderr == ""
    pages: list[list[str]] = []
    for offset in range(0, len(whole) + 2, 2):
        result = runner.invoke(cli, ["query", name, "--store", str(store), "--format", "csv", "--limit", "2",
                                     "--offset", str(offset)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        pages += list(csv.reader(io.StringIO(result.stdout)))[1:]
        more = offset + 2 < len(whole)
        assert ("more follow: the next page with --offset" in result.stderr) == more, result.stderr
    assert pages == whole
    # the same pages from the articles, with the index gone
    copy = tmp_path / "kg"
    with EmbeddedStore(store, read_only=True) as source, EmbeddedStore(copy) as target:
        target.replace_graphs([source.get_graph(g) for g in source.graph_names()])
    settings = Settings(store=copy)
    with EmbeddedStore(copy, read_only=True) as opened:
        assert read_listing(opened, name) is None
    for offset in (0, 1, 3):
        assert (run_query(name, settings=settings, limit=2, offset=offset).rows
                == run_query(name, settings=Settings(store=store), limit=2, offset=offset).rows)


def test_a_named_query_shows_its_first_rows_by_default(store):
    assert DEFAULT_LIMIT == 100
    result = CliRunner().invoke(cli, ["query", "entities", "--store", str(store), "--limit", "3"])
    assert result.exit_code == 0
    assert "(3 rows)" in result.stdout
    assert "(rows 1-3; more follow: the next page with --offset 3, every row with --limit 0)" in result.stderr
    quiet = CliRunner().invoke(cli, ["-q", "query", "entities", "--store", str(store), "--limit", "3"])
    assert quiet.stderr == ""


def test_paging_a_query_that_cannot_be_paged_is_refused(store):
    runner = CliRunner()
    own = runner.invoke(cli, ["query", "--sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", "--limit", "2",
                              "--store", str(store)])
    assert own.exit_code == 2 and "has a LIMIT or OFFSET of its own" in own.output
    ask = runner.invoke(cli, ["query", "--sparql", "ASK { ?s ?p ?o }", "--limit", "2", "--store", str(store)])
    assert ask.exit_code == 2 and "page the rows of a SELECT query" in ask.output
    assert "Traceback" not in own.output + ask.output
    plain = runner.invoke(cli, ["query", "--sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store", str(store),
                                "--format", "csv"])
    assert len(plain.stdout.splitlines()) > DEFAULT_LIMIT + 1  # ad-hoc SPARQL: every row unless told


def test_a_load_makes_the_index_stale_and_track_makes_it_again(tmp_path):
    kg, _ = load_and_track(tmp_path, {"first": _body(FIRST)})
    assert {r["article"] for r in query_rows(kg, "articles")} == {"first"}
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(second), "--store", str(kg)]).exit_code == 0
    with EmbeddedStore(kg, read_only=True) as opened:
        assert read_listing(opened, "articles") is None  # emptied before the load stored anything
    # computed from the articles meanwhile: the new one is there
    assert {r["article"] for r in query_rows(kg, "articles")} == {"first", "second"}
    assert runner.invoke(cli, ["track", "--store", str(kg)]).exit_code == 0
    with EmbeddedStore(kg, read_only=True) as opened:
        listed = read_listing(opened, "articles")
    assert listed is not None and {str(row[0]) for row in listed.rows} == {"first", "second"}


def test_tracking_again_gives_the_same_index(store):
    def index() -> Graph:
        with EmbeddedStore(store, read_only=True) as opened:
            return opened.get_graph(INDEX_GRAPH)

    before = index()
    assert CliRunner().invoke(cli, ["track", "--store", str(store)]).exit_code == 0
    after = index()
    assert len(before) > 0
    _, only_before, only_after = graph_diff(before, after)
    assert isomorphic(before, after), f"{len(only_before)} triples gone, {len(only_after)} new"


def test_pages_are_read_across_their_boundaries_with_every_kind_of_term(tmp_path):
    terms = [URIRef("https://example.org/a"), Literal("Zoë \"O'Brien\"\n", lang="en"), Literal(7),
             Literal("2019-06", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")), BNode("b1"), None]
    rows = [(Literal(f"row {i}"), terms[i % len(terms)]) for i in range(2 * PAGE_ROWS + 50)]
    graph = listing_graph([("sample", QueryResult("select", variables=["name", "value"], rows=list(rows)))])
    assert Gate().check(graph, "index").conforms
    with EmbeddedStore(tmp_path / "kg") as opened:
        opened.replace_graph(graph)
        for offset, limit in [(0, 10), (95, 10), (PAGE_ROWS, PAGE_ROWS), (240, 100), (0, None), (260, 5)]:
            page = read_listing(opened, "sample", limit, offset)
            assert page is not None
            want = rows[offset:] if limit is None else rows[offset:offset + limit]
            assert page.variables == ["name", "value"] and page.rows == want, (offset, limit)
            assert page.truncated == (limit is not None and offset + limit < len(rows))
        # a page gone is a listing not whole: computed again rather than shown with a hole
        broken = Graph(identifier=INDEX_GRAPH)
        for triple in graph:
            if triple[0] != listing_page_iri("sample", 1):
                broken.add(triple)
        opened.replace_graph(broken)
        assert read_listing(opened, "sample", 10, 95) is None
        assert mark_stale(opened) is True
        assert read_listing(opened, "sample") is None and mark_stale(opened) is False


def test_the_gate_refuses_a_page_without_its_rows():
    graph = listing_graph([("sample", QueryResult("select", variables=["x"], rows=[(Literal(1),)]))])
    graph.remove((listing_page_iri("sample", 0), DKG.rows, None))
    verdict = Gate().check(graph, "index")
    assert not verdict.conforms and "dkg:rows" in str(verdict)


@pytest.mark.parametrize("day", ["2018-04-26", "2018-12-31", "2019-06-01", "2030-01-01"])
def test_office_holders_as_of_a_day_from_the_index_are_the_rows_computed(store, day):
    from diplokg.query import parse_param

    params = dict([parse_param(f"date={day}")])
    assert resolve_query("office-holders").index_filters == (("date", "published"),)
    settings = Settings(store=store)
    want = run_query(None, settings=settings, sparql=resolve_query("office-holders").text, params=params)
    got = run_query("office-holders", settings=settings, params=params)
    assert (got.variables, got.rows) == (want.variables, want.rows)
    assert got.rows or day == "2018-04-26"
    assert run_query("office-holders", settings=settings, params=params, limit=1, offset=1).rows == want.rows[1:2]
    with EmbeddedStore(store, read_only=True) as opened:  # (from the index, not computed)
        listed = read_listing(opened, "office-holders", on_or_before={"published": params["date"]})
    assert listed is not None and listed.rows == want.rows
