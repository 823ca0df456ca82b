"""Offices reconciled across articles: tenures as the news tells them and the conflicts between
articles and the office holders table, on articles written for the tests, loaded into a real
store with the real pipeline (spaCy, the gazetteer, Oxigraph) and tracked by `diplokg track`.

The table's real rows used: Frank-Walter Steinmeier, Germany's foreign minister 2005-2009 and
2013-2017 (Q76658 in Q568605)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from diplokg.cli import cli
from diplokg.extract.knowledge import Tenure
from diplokg.store.embedded import EmbeddedStore
from diplokg.tenures import Holding, reconcile, tenures_graph
from diplokg.vocab import TENURES_GRAPH

from .stores import load_and_track, query_rows

OFFICE = "Federal Minister for Foreign Affairs"  # the gazetteer's label of Q568605
ARTICLES = {
    "in-term": ("2008-05-02", "Germany's foreign minister, Frank-Walter Steinmeier, met French officials in Paris "
                              "on Friday."),
    "in-grace": ("2010-01-20", "German Foreign Minister Frank-Walter Steinmeier arrived in Rome on Wednesday."),
    "former": ("2011-03-01", "Germany's former foreign minister Frank-Walter Steinmeier said the talks had failed."),
    "credited": ("2011-06-01", "German Foreign Minister Frank-Walter Steinmeier flew to Moscow on Wednesday."),
    "back": ("2014-02-01", "German Foreign Minister Frank-Walter Steinmeier met officials in Kiev on Saturday."),
}
SENTENCES = {name: text for name, (_, text) in ARTICLES.items()}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kg, printed = load_and_track(tmp_path_factory.mktemp("tenures"), ARTICLES)
    assert "5 office statements reconciled as 1 tenures; 2 conflicts (1 after-term, 1 former-credited)" in printed
    return kg


def query(store: Path, name: str, *params: str) -> list[dict[str, str]]:
    return query_rows(store, name, *params)


def test_a_person_credited_in_several_articles_gets_first_and_last_seen(store):
    assert query(store, "office-history", f"office={OFFICE}") == [
        {"office": OFFICE, "holder": "Frank-Walter Steinmeier", "first_seen": "2008-05-02",
         "last_seen": "2014-02-01", "articles": "4"}]


def test_a_former_minister_credited_later_is_a_conflict_with_both_sentences(store):
    rows = query(store, "conflicts", "kind=former-credited")
    assert [(r["holder"], r["office"], r["date"], r["article"], r["sentence"], r["other"], r["other_date"],
             r["other_article"], r["other_sentence"]) for r in rows] == [
        ("Frank-Walter Steinmeier", OFFICE, "2011-06-01", "credited", SENTENCES["credited"],
         "Frank-Walter Steinmeier", "2011-03-01", "former", SENTENCES["former"])]


def test_a_holder_after_the_table_ends_the_term_is_a_conflict_and_one_within_it_or_its_grace_is_none(store):
    rows = query(store, "conflicts", "kind=after-term")
    # 2011 is after the first term (to 2009, plus 30 days) and before the second (from 2013);
    # 2008 is within the first, 2010-01-20 within the grace, 2014 within the second
    assert [(r["article"], r["sentence"], r["term_ended"], r["other_article"]) for r in rows] == [
        ("credited", SENTENCES["credited"], "2009", "")]
    assert {r["article"] for r in query(store, "conflicts")} == {"credited"}


def test_the_conflicts_filter_by_office(store):
    assert len(query(store, "conflicts", f"office={OFFICE}")) == 2
    assert query(store, "conflicts", "office=Germany") == []  # a name, but of no office in conflict


def test_tracking_again_changes_nothing(store):
    with EmbeddedStore(store, read_only=True) as kg:
        before = kg.get_graph(TENURES_GRAPH)
    result = CliRunner().invoke(cli, ["track", "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with EmbeddedStore(store, read_only=True) as kg:
        after = kg.get_graph(TENURES_GRAPH)
    assert len(after) > 0
    _, only_before, only_after = graph_diff(to_isomorphic(before), to_isomorphic(after))
    assert isomorphic(before, after), f"before only:\n{sorted(only_before)}\nafter only:\n{sorted(only_after)}"


def test_the_store_still_conforms(store):
    result = CliRunner().invoke(cli, ["validate", "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


# -- the rules, on holdings made by hand ---------------------------------------------------------

def holding(name: str, person: str, office: str, date: str | None, sentence: str = "", *,
            former: bool = False, article: str | None = None, label: str | None = None) -> Holding:
    return Holding(URIRef(f"http://x/assertion/{name}"), URIRef(person), label or person.rsplit("/", 1)[-1],
                   URIRef(office), office.rsplit("/", 1)[-1].replace("-", " "), URIRef(f"http://x/a/{article or name}"),
                   article or name, Literal(date) if date else None, sentence or name, former)


STATE = URIRef("http://x/finance-minister-of-japan")


def test_two_holders_of_a_single_holder_office_on_one_day():
    made = reconcile([holding("a", "http://x/Taro Aso", str(STATE), "2019-06-03"),
                      holding("b", "http://x/Kenji Ono", str(STATE), "2019-06-03"),
                      holding("c", "http://x/Kenji Ono", str(STATE), "2019-06-04")], {STATE}, table=())
    assert [(c.kind, c.holding.person_label, c.other.person_label if c.other else None) for c in made.conflicts] == [
        ("same-day", "Kenji Ono", "Taro Aso")]


@pytest.mark.parametrize(
    ("office", "stated", "people", "same_sentence"),
    [
        ("http://x/president-held-by-someone", False, ("http://x/George Bush", "http://x/Bill Clinton"), False),
        ("http://x/member-of-parliament-of-japan", True, ("http://x/Taro Aso", "http://x/Kenji Ono"), False),
        (str(STATE), True, ("http://x/Aso", "http://x/Taro Aso"), False),  # a surname beside the full name
        (str(STATE), True, ("http://x/Taro", "http://x/Taro Aso"), False),  # a first name
        (str(STATE), True, ("http://x/TaroAso", "http://x/Taro Aso"), False),  # the words run together
        (str(STATE), True, ("http://x/Kiichi Miyazwa", "http://x/Kiichi Miyazawa"), False),  # misspelt
        (str(STATE), True, ("http://x/Taro Aso", "http://x/Kenji Ono"), True),  # one sentence, a plural title
        (str(STATE), True, ("http://x/Taro Aso", "http://x/Kenji Ono"), None),  # a month, not a day
    ],
)
def test_no_same_day_conflict_for_bare_titles_shared_offices_one_person_or_one_sentence(office, stated, people,
                                                                                        same_sentence):
    date = "2019-06" if same_sentence is None else "2019-06-03"
    one = holding("a", people[0], office, date, "Ministers A and B.", article="x" if same_sentence else "a")
    other = holding("b", people[1], office, date, "Ministers A and B.", article="x" if same_sentence else "b")
    assert reconcile([one, other], {URIRef(office)} if stated else set(), table=()).conflicts == []


def test_the_grace_after_the_table_s_last_year():
    table = (Tenure("Q1", "Finance Minister", "finance minister", "Japan", "Q2", "Taro Aso", 2012, 2015),)
    person, office = "https://w3id.org/diplokg/id/wd/Q2", "https://w3id.org/diplokg/id/wd/Q1"
    made = reconcile([holding("in", person, office, "2015-12-01"), holding("grace", person, office, "2016-01-30"),
                      holding("late", person, office, "2016-01-31"), holding("year", person, office, "2016"),
                      holding("undated", person, office, None)], set(), table=table)
    assert [(c.kind, c.holding.article_id, c.term_ended) for c in made.conflicts] == [("after-term", "late", 2015)]
    (tenure,) = made.tenures
    assert (str(tenure.first_seen), str(tenure.last_seen), len(tenure.holdings)) == ("2015-12-01", "2016-01-31", 5)
    assert len(tenures_graph(made)) == len(tenures_graph(reconcile(list(reversed(tenure.holdings)), set(),
                                                                   table=table)))


def test_a_former_holder_credited_before_being_called_former_is_no_conflict():
    made = reconcile([holding("held", "http://x/Taro Aso", str(STATE), "2019-06-03"),
                      holding("former", "http://x/Taro Aso", str(STATE), "2019-07-01", former=True)], {STATE},
                     table=())
    assert made.conflicts == []
    assert [len(t.holdings) for t in made.tenures] == [1]  # a former statement is no tenure's evidence
