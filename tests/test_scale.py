"""Scale: the same output from one process, several processes and a Dask cluster; streaming
inputs; bad articles counted and passed over."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from diplokg.cli import cli
from diplokg.config import Settings
from diplokg.document import collect_sources
from diplokg.errors import EnvironmentProblem, InputError
from diplokg.extract import parallel
from diplokg.pipeline import Status, extract_to_files, load
from diplokg.store import open_store
from diplokg.validate import Gate, parse_rdf

SENTENCES = [
    "{c}'s foreign minister, {p}, met NATO Secretary General Jens Stoltenberg in Brussels on Monday.",
    "{c} pledged to spend 2 percent of its gross domestic product on defence by 2025.",
    "Leaders will meet at the NATO summit in Madrid on June 28-30.",
    "The strike was carried out by three NATO members — Britain, France, and the United States.",
]
PEOPLE = [("Portugal", "Maria Santos"), ("Canada", "John Miller"), ("Spain", "Carlos Ruiz"),
          ("Norway", "Peter Hansen"), ("Sweden", "Anna Lindqvist"), ("Ireland", "James Wilson")]


def corpus(folder: Path, n: int = 12) -> Path:
    """JSON Lines (gzipped) of ``n`` articles written for the tests, with one bad line among them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(n):
            country, person = PEOPLE[i % len(PEOPLE)]
            text = " ".join(s.format(c=country, p=person) for s in SENTENCES[: 2 + i % 3])
            handle.write(json.dumps({"id": f"a{i:03d}", "text": text, "date": f"2022-0{1 + i % 9}-15"}) + "\n")
            if i == 5:
                handle.write("{this line is broken\n")
    return path


def graphs(folder: Path) -> dict[str, set[tuple[object, ...]]]:
    """Each article's quads (diplokg writes no blank nodes, so equal sets are equal graphs)."""
    out: dict[str, set[tuple[object, ...]]] = {}
    for path in sorted(folder.glob("*.trig")):
        ds = Dataset()
        ds.parse(path, format="trig")
        out[path.stem] = {tuple(quad) for quad in ds.quads()}
    return out


def same(a: dict[str, set[tuple[object, ...]]], b: dict[str, set[tuple[object, ...]]]) -> bool:
    return a.keys() == b.keys() and all(a[k] == b[k] and a[k] for k in a)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[tuple[object, ...]]]]:
    folder = tmp_path_factory.mktemp("scale")
    source = corpus(folder / "in")
    report = extract_to_files([source], folder / "one", settings=Settings.resolve({"store": folder / "kg"}),
                              overlap=False)
    assert report.count(Status.WRITTEN) == 12 and report.count(Status.UNREADABLE) == 1
    assert [p.origin for p in report.problems] == [f"{source}:7"]  # the bad line, named; the rest went on
    return source, graphs(folder / "one")


def test_workers_give_the_same_graphs(one_process, tmp_path):
    source, expected = one_process
    report = extract_to_files([source], tmp_path / "two", settings=Settings.resolve({"store": tmp_path / "kg"}),
                              workers=2)
    assert report.count(Status.WRITTEN) == 12
    assert same(graphs(tmp_path / "two"), expected)


def test_extracting_beside_writing_gives_the_same_graphs(one_process, tmp_path):
    source, expected = one_process
    report = extract_to_files([source], tmp_path / "beside", settings=Settings.resolve({"store": tmp_path / "kg"}),
                     overlap=True)
    assert report.count(Status.WRITTEN) == 12 and report.count(Status.UNREADABLE) == 1
    assert same(graphs(tmp_path / "beside"), expected)


def stored(store_path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Each named graph's triples in an embedded store."""
    with open_store(store_path, read_only=True) as store:
        return {str(name): set(store.get_graph(name)) for name in store.graph_names()}


def test_loading_beside_extraction_stores_what_one_process_stores(one_process, tmp_path):
    source, _ = one_process
    results = {}
    for overlap in (False, True):
        settings = Settings.resolve({"store": tmp_path / f"kg-{overlap}", "state": tmp_path / f"state-{overlap}"})
        report = load([source], settings=settings, overlap=overlap)
        assert report.count(Status.STORED) == 12 and report.count(Status.UNREADABLE) == 1
        results[overlap] = stored(tmp_path / f"kg-{overlap}")
    assert len(results[True]) == 12 and results[True] == results[False]


def test_a_window_rejects_exactly_the_articles_that_fail_alone(one_process, tmp_path, write):
    """Articles are validated many at a time; a window that fails is halved until the failing
    articles are found: the same verdicts as validating each article by itself."""
    source, _ = one_process
    strict = write("strict.ttl", """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix dkg: <https://w3id.org/diplokg/ontology#> .
        <urn:no-summits> a sh:NodeShape ; sh:targetClass dkg:Summit ;
            sh:property [ sh:path dkg:startDate ; sh:maxCount 0 ; sh:message "no dated summits here" ] .
    """)
    extract_to_files([source], tmp_path / "files", settings=Settings.resolve({"store": tmp_path / "x"}))
    gate = Gate(strict)
    alone = {p.stem for p in (tmp_path / "files").glob("*.trig") if not gate.check(parse_rdf(p, "data")).conforms}
    settings = Settings.resolve({"store": tmp_path / "kg", "shapes": strict, "quarantine": tmp_path / "q",
                                 "state": tmp_path / "state"})
    report = load([source], settings=settings)
    rejected = {p.article_id for p in report.problems if p.status is Status.REJECTED}
    assert 0 < len(alone) < 12 and rejected == alone
    assert report.count(Status.STORED) == 12 - len(alone)
    assert all("no dated summits here" in str(p.report) for p in report.problems if p.status is Status.REJECTED)


@pytest.mark.services
def test_a_local_dask_cluster_gives_the_same_graphs(one_process, tmp_path):
    source, expected = one_process
    result = CliRunner().invoke(cli, ["extract", str(source), "--out", str(tmp_path / "dask"), "--dask", "local",
                                      "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 2  # the one bad line
    assert "12 article(s) written" in result.stderr
    assert same(graphs(tmp_path / "dask"), expected)


def test_an_unreachable_dask_scheduler_is_named(one_process, tmp_path):
    source, _ = one_process
    result = CliRunner().invoke(cli, ["extract", str(source), "--out", str(tmp_path / "x"), "--dask",
                                      "tcp://127.0.0.1:9"])
    assert result.exit_code == 4 and "cannot reach the Dask scheduler" in result.stderr


def test_globs_are_expanded(write, tmp_path):
    write("data/a/one.txt", "Text one.")
    write("data/b/two.txt", "Text two.")
    write("data/b/skip.md", "no")
    sources = collect_sources([str(tmp_path / "data" / "**" / "*.txt")])
    assert [s.path.name for s in sources if s.path] == ["one.txt", "two.txt"]
    with pytest.raises(InputError, match="matches no file"):
        collect_sources([str(tmp_path / "nothing" / "*.txt")])


def _die(batch: list[object], model: str) -> list[object]:
    """Stands in for extract_batch in a worker: the process dies as if killed."""
    os._exit(9)


def test_a_dead_extraction_process_stops_the_run_with_a_clear_error(one_process, tmp_path, monkeypatch):
    """A worker killed (out of memory, say) must not hang the run or end it with a traceback."""
    source, _ = one_process
    monkeypatch.setattr(parallel, "extract_batch", _die)
    with pytest.raises(EnvironmentProblem, match="an extraction process died"):
        load([source], settings=Settings.resolve({"store": tmp_path / "kg", "state": tmp_path / "s"}), overlap=True)
    with pytest.raises(EnvironmentProblem, match="an extraction process died"):
        extract_to_files([source], tmp_path / "out", settings=Settings.resolve({"store": tmp_path / "kg"}), workers=2)
