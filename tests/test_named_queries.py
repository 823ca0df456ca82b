"""Every named query, run on a store loaded from articles written for the tests, with the rows
it must give. (The online-only federated query runs against a local stand-in in test_federated.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from diplokg.cli import cli
from diplokg.query import named_queries, parse_param

from .stores import query_rows

FIRST = """title: Allies meet in Brussels
date: 2018-04-27

NATO Secretary General Jens Stoltenberg met Germany's foreign minister, Heiko Maas, in Brussels on Friday. The strike
was carried out by three NATO members — Britain, France, and the United States. Germany pledged to spend 2 percent of
its gross domestic product on defence by 2024. Leaders will meet at the NATO summit in Brussels on July 11-12.
"""
SECOND = """title: Talks in Washington
date: 2019-06-01

NATO Secretary General Jens Stoltenberg met Secretary of State Mike Pompeo in Washington on Monday. Canada committed
3 billion dollars to the fund by 2030.
"""

THIRD = """title: Another minister
date: 2018-04-27

Germany's foreign minister, Klaus Brandt, met union leaders in Bonn on Friday.
"""

EXPECTED: dict[str, tuple[list[str], list[dict[str, str]]]] = {
    # name: (parameters, rows that must be there (subset of each row's columns)); order matters
    "office-holders": (["date=2018-12-31"], [
        # a linked office under the gazetteer's label, not the article's "Germany's foreign minister"
        {"person": "Heiko Maas", "office": "Federal Minister for Foreign Affairs", "of": "Germany", "article": "first"},
        {"person": "Jens Stoltenberg", "office": "Secretary General of NATO", "of": "NATO", "article": "first"}]),
    "office-history": (["office=Secretary General of NATO"], [
        {"holder": "Jens Stoltenberg", "first_seen": "2018-04-27", "last_seen": "2019-06-01", "articles": "2"}]),
    "alliance-members": (["organization=NATO"], [
        {"member": "France"}, {"member": "United Kingdom"}, {"member": "United States of America"}]),
    "memberships": ([], [{"member": "France", "organization": "NATO", "articles": "1"},
                         {"member": "United Kingdom", "organization": "NATO"},
                         {"member": "United States of America", "organization": "NATO"}]),
    "commitments": (["party=Germany"], [{"value": "2", "unit": "percent of GDP", "deadline": "2024"}]),
    "commitment-tracker": (["party=Germany"], [{"party": "Germany", "status": "pledged", "reported": "pledged",
                                                 "first": "2018-04-27", "article": "first"}]),
    "conflicts": ([], [{"holder": "Heiko Maas", "article": "first", "other": "Klaus Brandt", "other_article": "third",
                        "date": "2018-04-27"}]),
    "commitments-due": (["year=2025"], [{"party": "Germany", "deadline": "2024"}]),
    "summits": (["from=2018-07-01", "to=2018-12-31"], [
        {"start": "2018-07-11", "end": "2018-07-12", "organizer": "NATO", "article": "first"}]),
    "mentions": (["name=Jens Stoltenberg"], [{"article": "second"}, {"article": "first"}]),
    "diplomats-together": ([], [{"one": "Heiko Maas", "other": "Jens Stoltenberg", "articles": "1"},
                                {"one": "Jens Stoltenberg", "other": "Mike Pompeo", "articles": "1"}]),
    "timeline": (["name=NATO"], [{"when": "2018-04-27", "what": "mentioned"},
                                 {"when": "2018-07-11"}, {"when": "2019-06-01", "what": "mentioned"}]),
    "entity-facts": (["name=Germany"], [{"fact": "officeOf", "other": "Federal Minister for Foreign Affairs"},
                                        {"fact": "hasCommitment"}]),
    "entity-by-qid": (["wd=http://www.wikidata.org/entity/Q7184"], [
        {"class": "Alliance", "name": "NATO", "articles": "2"}]),
    "entities": ([], [{"name": "Jens Stoltenberg", "class": "Person", "articles": "2"}]),
    "facts-with-evidence": ([], [{"subject": "Jens Stoltenberg", "fact": "holdsOffice", "article": "first"}]),
    "articles": ([], [{"article": "first", "date": "2018-04-27", "title": "Allies meet in Brussels"},
                      {"article": "second", "date": "2019-06-01"}]),
}
# rows that must not be there
ABSENT: dict[str, list[dict[str, str]]] = {
    "office-holders": [{"article": "second"}],
    "commitments-due": [{"party": "Canada"}],
    "commitment-tracker": [{"party": "Canada"}],
    # other days, and offices that several people hold at once, are no contradiction
    "conflicts": [{"other_article": "second"}, {"article": "second"}],
    "summits": [{"start": "2019-06-01"}],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("named")
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    (folder / "third.txt").write_text(THIRD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", str(folder / "first.txt"), str(folder / "second.txt"),
                                      str(folder / "third.txt"), "--store", str(folder / "kg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["track", "--store", str(folder / "kg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "kg"


def run(store: Path, name: str, params: list[str]) -> list[dict[str, str]]:
    return query_rows(store, name, *params)


def contains(rows: list[dict[str, str]], wanted: dict[str, str]) -> int:
    """Index of the first row with the wanted values, or -1."""
    return next((i for i, row in enumerate(rows) if all(row.get(k) == v for k, v in wanted.items())), -1)


def test_every_named_query_is_covered():
    names = {q.name for q in named_queries()}
    online = {q.name for q in named_queries() if q.description.startswith("ONLINE ONLY")}
    assert names - online == set(EXPECTED)
    assert len(names) >= 10
    for query in named_queries():
        for param, description in query.params:
            assert description and f"?{param}" in query.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows(store, name):
    params, wanted = EXPECTED[name]
    rows = run(store, name, params)
    positions = [contains(rows, w) for w in wanted]
    missing = [w for w, p in zip(wanted, positions, strict=True) if p < 0]
    assert not missing, f"{name}: missing {missing}\n{rows}"
    assert positions == sorted(positions), f"{name}: rows out of order"
    for unwanted in ABSENT.get(name, []):
        assert contains(rows, unwanted) == -1, f"{name}: {unwanted} should be filtered out"


@pytest.mark.parametrize(
    ("text", "lexical", "datatype"),
    [("d=2019-12-31", "2019-12-31", "date"), ("y=2025", "2025", "integer"), ("v=0.7", "0.7", "decimal"),
     ("y=2024^^xsd:gYear", "2024", "gYear"), ("n=Jens Stoltenberg", "Jens Stoltenberg", None)],
)
def test_parameter_types(text, lexical, datatype):
    _, term = parse_param(text)
    assert isinstance(term, Literal) and str(term) == lexical
    assert (str(term.datatype).rsplit("#", 1)[-1] if term.datatype else None) == datatype


def test_tagged_and_invalid_parameters():
    from diplokg.errors import InputError

    tagged = parse_param("n=NATO@en")[1]
    assert isinstance(tagged, Literal) and tagged.language == "en"
    with pytest.raises(InputError, match="not a valid IRI"):
        parse_param("p=<http://x/a> } DROP ALL {>")
    with pytest.raises(InputError, match="not a valid"):
        parse_param("d=yesterday^^xsd:date")


def test_tsv_output(store):
    result = CliRunner().invoke(cli, ["query", "articles", "--store", str(store), "--format", "tsv"])
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["article", "date", "title", "triples"]
    assert len(lines) == 4  # the header and the three articles


def test_names_match_without_case_by_alias_and_surname(store):
    assert {r["article"] for r in run(store, "mentions", ["name=stoltenberg"])} == {"first", "second"}
    assert contains(run(store, "alliance-members", ["organization=nato"]), {"member": "France"}) >= 0
    assert contains(run(store, "entity-facts", ["name=the nato"]), {"name": "NATO"}) >= 0


def test_a_name_nothing_matches_is_refused_with_the_close_names(store):
    result = CliRunner().invoke(cli, ["query", "mentions", "--store", str(store), "--param", "name=Stoltenbreg"])
    assert result.exit_code == 2
    assert "no entity of that name, alias or surname" in result.output
    assert "'Jens Stoltenberg'" in result.output and "Traceback" not in result.output
