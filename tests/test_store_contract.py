"""One contract, every store: the embedded store, an Oxigraph server and Virtuoso, each real.

Load, reload (idempotent), query, relink, quarantine, injection, and resume after the server is
killed mid-run and restarted: nothing lost, nothing twice. And every named query gives the same
rows on every store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

from diplokg.cli import cli
from diplokg.config import Settings
from diplokg.errors import EndpointError
from diplokg.pipeline import ArticleOutcome, Status, load, run_query, track_store
from diplokg.query import named_queries, parse_param
from diplokg.store import open_target

from .servers import Server

NAMES = [("Maria Santos", "Portugal"), ("John Miller", "Canada"), ("Carlos Ruiz", "Spain"),
         ("Peter Hansen", "Norway"), ("Anna Lindqvist", "Sweden"), ("James Wilson", "Ireland")]

# the embedded store runs in the fast loop; the two servers are services (pytest -m "not services")
STORES = ["embedded", pytest.param("oxigraph", marks=pytest.mark.services),
          pytest.param("virtuoso", marks=pytest.mark.services)]


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


@pytest.fixture(params=STORES)
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
    # the gazetteer's label of the office (Q4294919), its state beside it
    assert "Maria Santos,Minister of Foreign Affairs,Portugal" in holders
    assert "Jens Stoltenberg,Secretary General of NATO" in holders


def test_batched_updates_without_graph_store_protocol(target, tmp_path):
    args, server = target
    if server is None:
        pytest.skip("the embedded store batches in any case: there is no Graph Store Protocol to do without")
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
        pytest.skip("an embedded store cannot be killed under a run: its writes are transactions")
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


# -- every named query on every store ---------------------------------------------------------
# A small set of articles written for the tests, loaded in two runs (a store grows: Virtuoso 7.2
# once answered `articles` with 15 of 41 rows on a grown store), every named query run after
# each, and the rows compared with the embedded store's: in order where the ORDER BY keys
# differ, as a multiset where they tie.

GROWN = {
    "nato-1.txt": """title: Allies meet in Brussels
date: 2018-04-27

NATO Secretary General Jens Stoltenberg met Germany's foreign minister, Heiko Maas, in Brussels on Friday. The strike
was carried out by three NATO members — Britain, France, and the United States. Germany pledged to spend 2 percent of
its gross domestic product on defence by 2024. Germany also committed 1 billion euros to the vaccine fund by 2024.
Leaders will meet at the NATO summit in Brussels on July 11-12.
""",
    "nato-2.txt": """title: Allies meet again
date: 2018-04-27

German Chancellor Angela Merkel met NATO Secretary General Jens Stoltenberg in Berlin on Friday. Leaders will meet at
the NATO summit in Brussels on July 11-12.
""",
    "washington.txt": """title: Talks in Washington
date: 2019-06

NATO Secretary General Jens Stoltenberg met Secretary of State Mike Pompeo in Washington on Monday. Canada committed
3 billion dollars to the fund by 2030.
""",
    "undated.txt": """title: Ministers speak

Spain's foreign minister, Carlos Ruiz, met NATO Secretary General Jens Stoltenberg in Madrid.
""",
    "untitled.txt": """date: 2019

Norway's foreign minister, Peter Hansen, met Secretary of State Mike Pompeo in Oslo. Norway pledged 1 billion
dollars to the fund by 2025.
""",
    "bare.txt": "Foreign Minister Anna Lindqvist of Sweden met Secretary General Jens Stoltenberg in Stockholm.\n",
    "minister.txt": """title: Another minister
date: 2018-04-27

Germany's foreign minister, Klaus Brandt, met union leaders in Bonn on Friday.
""",
}
# the parameters of the queries that take them (the online one runs against a stand-in for Wikidata)
PARAMS: dict[str, list[str]] = {
    "office-history": ["office=Secretary General of NATO"],
    "alliance-members": ["organization=NATO"],
    "commitments": ["party=Germany"],
    "commitment-tracker": ["party=Germany"],
    "commitments-due": ["year=2030"],
    "summits": ["from=2018-01-01", "to=2019-12-31"],
    "mentions": ["name=Jens Stoltenberg"],
    "timeline": ["name=NATO"],
    "entity-facts": ["name=Germany"],
    "entity-by-qid": ["wd=http://www.wikidata.org/entity/Q7184"],
    "office-holders": ["date=2019-12-31"],
}


def _variables(expression: object) -> list[str]:
    names: list[str] = []
    traverse(expression, lambda n: names.append(str(n)) if isinstance(n, Variable) else None)
    return names


def _order_keys(text: str) -> list[tuple[str, ...]]:
    """The variables of each ORDER BY condition of a query (the keys its rows are sorted by)."""
    found: list[tuple[str, ...]] = []

    def visit(node: object) -> None:
        if isinstance(node, CompValue) and node.name == "OrderBy" and not found:
            for condition in node.expr:
                found.append(tuple(dict.fromkeys(_variables(condition))))

    traverse(prepareQuery(text).algebra, visit)
    return found


def _groups(variables: list[str], rows: list[tuple[Node | None, ...]], keys: list[tuple[str, ...]]) -> list[list[str]]:
    """Rows in their order, as runs of rows whose ORDER BY keys tie (each run sorted)."""
    columns = [variables.index(name) for key in keys for name in key if name in variables]
    runs: list[tuple[tuple[Node | None, ...], list[str]]] = []
    for row in rows:
        key = tuple(row[i] for i in columns)
        shown = "|".join("" if t is None else t.n3() for t in row)
        if runs and runs[-1][0] == key:
            runs[-1][1].append(shown)
        else:
            runs.append((key, [shown]))
    return [sorted(run) for _, run in runs]


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A stand-in for the Wikidata endpoint of the federated query."""
    from .servers import wikidata_stand_in
    from .test_federated import WIKIDATA_FACTS

    with wikidata_stand_in(tmp_path_factory.mktemp("wikidata"), WIKIDATA_FACTS) as url:
        yield url


Answer = tuple[list[str], list[tuple[Node | None, ...]], str]
"""A named query's variables, rows and text (as run)."""


def _answers(settings: Settings, wikidata: str) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for named in named_queries():
        params = dict(parse_param(p) for p in PARAMS.get(named.name, []))
        if named.description.startswith("ONLINE ONLY"):
            text = named.text.replace("https://query.wikidata.org/sparql", wikidata)
            result = run_query(None, settings=settings, sparql=text, params=params)
        else:
            text = named.text
            result = run_query(named.name, settings=settings, params=params)
        answers[named.name] = (result.variables, result.rows, text)
    return answers


def _two_loads(folder: Path) -> tuple[list[Path], list[Path]]:
    """The articles of the first load (the six, and one with a summit, commitments and
    memberships) and of the second (the rest)."""
    (folder / "second").mkdir(parents=True, exist_ok=True)
    grown = []
    for name, text in GROWN.items():
        path = folder / "second" / name
        path.write_text(text, encoding="utf-8")
        grown.append(path)
    return [*articles(folder / "first"), grown[0]], grown[1:]


def _grow(settings: Settings, folder: Path, wikidata: str) -> list[dict[str, Answer]]:
    stages = []
    for paths in _two_loads(folder):
        report = load(paths, settings=settings)
        assert report.count(Status.STORED) == len(paths)
        assert track_store(settings=settings).exit_code == 0  # for commitment-tracker
        stages.append(_answers(settings, wikidata))
    return stages


@pytest.fixture(scope="module", params=STORES)
def grown(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          wikidata: str) -> Iterator[tuple[str, list[dict[str, Answer]]]]:
    """One store of each kind, loaded in two runs; the answers of every named query after each."""
    folder = tmp_path_factory.mktemp(f"grown-{request.param}")
    if request.param == "embedded":
        yield request.param, _grow(Settings.resolve({"store": folder / "kg"}), folder, wikidata)
        return
    server = Server(request.param, folder / request.param)
    server.start()
    try:
        yield request.param, _grow(Settings.resolve({"endpoint": server.endpoint}), folder, wikidata)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, wikidata: str) -> list[dict[str, Answer]]:
    """The embedded store's answers on the same loads: what every store must give."""
    folder = tmp_path_factory.mktemp("reference")
    return _grow(Settings.resolve({"store": folder / "kg"}), folder, wikidata)


def test_the_reference_answers_are_worth_comparing(reference):
    """Every named query answers something on the grown store, and its ORDER BY keys are total
    (no two rows tie), so that its rows come in one order on any store."""
    final = reference[-1]
    assert len(final["articles"][1]) == len(NAMES) + len(GROWN)
    assert [name for name, (_, rows, _) in final.items() if not rows] == []
    ties = {name: [run for run in _groups(variables, rows, _order_keys(text)) if len(run) > 1][:1]
            for name, (variables, rows, text) in final.items()}
    assert {name: runs for name, runs in ties.items() if runs} == {}


@pytest.mark.parametrize("name", sorted(q.name for q in named_queries()))
@pytest.mark.services  # the federated query needs a stand-in Wikidata server
def test_every_named_query_gives_the_same_rows_on_every_store(grown, reference, name):
    kind, stages = grown
    for stage, (answers, expected) in enumerate(zip(stages, reference, strict=True), start=1):
        variables, rows, text = answers[name]
        want_variables, want_rows, _ = expected[name]
        keys = _order_keys(text)
        assert variables == want_variables
        got, want = _groups(variables, rows, keys), _groups(want_variables, want_rows, keys)
        assert got == want, f"{name} on {kind} after load {stage}: {len(rows)} rows, expected {len(want_rows)}"
