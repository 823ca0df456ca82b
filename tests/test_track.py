"""Commitments tracked across articles: restatements found, a different pledge kept apart, the
status each later article reports, on articles written for the tests and loaded into a real store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from diplokg.cli import cli
from diplokg.track import Statement, Status, same_goal, status_of, track

from .stores import load_and_track, query_rows

ARTICLES = {
    "pledge": ("2018-04-27", "Germany pledged to spend 2 percent of its gross domestic product on defence by 2024."),
    "restated": ("2019-02-10", "Germany reaffirmed its commitment to spend 2 percent of GDP on defence by 2024."),
    "other": ("2019-05-01", "Germany pledged 500 million euros in aid for Syrian refugees."),
    "raised": ("2019-09-03", "Germany raised its aid pledge for Syrian refugees to 800 million euros."),
    "missed": ("2025-01-15", "Germany missed its target of spending 2 percent of GDP on defence by 2024."),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kg, printed = load_and_track(tmp_path_factory.mktemp("track"), ARTICLES)
    assert "5 commitments tracked as 2" in printed
    return kg


def tracker(store: Path, *params: str) -> list[dict[str, str]]:
    return query_rows(store, "commitment-tracker", *params)


def test_a_restatement_in_other_words_and_a_later_miss_are_one_commitment(store):
    rows = [r for r in tracker(store, "party=Germany") if "percent" in r["commitment"]]
    assert [(r["article"], r["reported"]) for r in rows] == [
        ("pledge", "pledged"), ("restated", "reaffirmed"), ("missed", "missed")]
    assert {(r["status"], r["first"], r["last"]) for r in rows} == {("missed", "2018-04-27", "2025-01-15")}
    assert rows[0]["commitment"] == "Germany: to spend 2 percent of its gross domestic product on defence by 2024"


def test_another_pledge_of_the_same_party_is_tracked_apart_and_raised(store):
    rows = [r for r in tracker(store, "party=Germany") if "percent" not in r["commitment"]]
    assert [(r["article"], r["reported"], r["status"]) for r in rows] == [
        ("other", "pledged", "raised"), ("raised", "raised", "raised")]


def test_the_tracker_filters_by_status_and_date(store):
    assert {r["article"] for r in tracker(store, "status=missed")} == {"pledge", "restated", "missed"}
    assert tracker(store, "status=withdrawn") == []
    assert {r["article"] for r in tracker(store, "from=2019-01-01", "to=2019-06-30")} == {"restated", "other"}


def test_tracking_again_replaces_the_tracked_graph(store):
    before = tracker(store)
    result = CliRunner().invoke(cli, ["track", "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert tracker(store) == before


def statement(article: str, value: str | None, unit: str | None, topic: str, deadline: str | None = None,
              party: str = "http://x/germany", date: str = "2020-01-01", sentence: str = "") -> Statement:
    return Statement(URIRef(f"http://x/c/{article}"), URIRef(party), "Germany", URIRef(f"http://x/a/{article}"),
                     article, Literal(date), sentence, Decimal(value) if value else None, unit, topic, deadline)


def test_restatements_need_the_same_party_unit_deadline_and_value_or_topic():
    base = statement("a", "2", "percent of GDP", "defence spending", "2024")
    assert same_goal(base, statement("b", "2", "percent of GDP", "defence budget", "2024")) > 0  # same sum
    assert same_goal(base, statement("q", "2", "percent of GDP", "aid to Africa", "2024")) == 0  # a sum alone
    assert same_goal(base, statement("c", "2", "percent of GDP", "defence spending", "2030")) == 0  # deadline
    assert same_goal(base, statement("d", "2", "EUR", "defence spending", "2024")) == 0  # unit
    assert same_goal(base, statement("e", "3", "percent of GDP", "defence spending", "2024")) == 0  # value
    assert same_goal(statement("m", "100", "percent", "broadband cover"),
                     statement("n", "99.4", "percent", "broadband cover")) == 0  # small numbers: equal
    assert same_goal(statement("o", "26000000000", "USD", "farm support"),
                     statement("p", "25800000000", "USD", "support to farms")) > 0  # sums: within 1%
    assert same_goal(base, statement("f", "2", "percent of GDP", "defence spending", "2024",
                                     party="http://x/france")) == 0
    # a raised pledge may change its value, not its topic
    assert same_goal(base, statement("g", "3", "percent of GDP", "defence spending", "2024"), Status.RAISED) > 0
    bare = statement("h", None, None, "a ban on whaling")
    assert same_goal(bare, statement("i", None, None, "the whaling ban")) > 0
    assert same_goal(bare, statement("j", None, None, "new embassy in Riga")) == 0
    # one word in common is not enough: "the new policies" is not "to coordinate economic policies"
    assert same_goal(statement("k", None, None, "the new policies"),
                     statement("l", None, None, "to coordinate economic policies")) == 0


def test_an_article_that_states_a_pledge_twice_makes_one_report_of_it():
    first = statement("a", "2", "percent", "aid")
    again = Statement(URIRef("http://x/c/a2"), first.party, "Germany", first.article, "a", first.date, "",
                      Decimal("2"), "percent", "aid")
    later = statement("b", "2", "percent", "aid", date="2021-01-01")
    (tracked,) = track([first, again, later])
    assert tracked.statuses == [Status.PLEDGED, Status.PLEDGED, Status.REAFFIRMED]


def test_statuses_come_from_the_sentence_in_order():
    assert status_of("Germany fell short of its 2 percent pledge.") is Status.MISSED
    assert status_of("Japan has met its aid target two years early.") is Status.MET
    assert status_of("The government went back on its pledge to cut taxes.") is Status.WITHDRAWN
    assert status_of("Britain reaffirmed the pledge.") is None  # a restatement: no outcome word
    assert status_of("France withdrew the offer and missed the deadline.") is Status.WITHDRAWN


def test_statements_are_taken_in_date_order_and_a_first_report_of_a_miss_is_a_miss():
    tracked = track([
        statement("late", "2", "percent", "aid", date="2021-01-01", sentence="Spain missed its aid target."),
        statement("early", "2", "percent", "aid", date="2019-01-01", sentence="Spain promised aid."),
        statement("miss", "5", "EUR", "trade fund", date="2019-01-01", sentence="Spain fell short of its pledge."),
    ])
    by_first = {t.statements[0].article_id: t for t in tracked}
    assert [s.article_id for s in by_first["early"].statements] == ["early", "late"]
    assert by_first["early"].statuses == [Status.PLEDGED, Status.MISSED]
    assert by_first["miss"].status is Status.MISSED


def test_a_party_s_tracked_commitments_are_drawn_as_a_timeline(store, tmp_path):
    out = tmp_path / "timeline.svg"
    result = CliRunner().invoke(cli, ["show", "Germany", "--commitments", "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    # a dot per article's report, coloured and classed by the status it reports, its sentence the tooltip
    assert svg.count("<circle") == 5
    assert [svg.count(f'class="{s}"') for s in ("pledged", "reaffirmed", "missed", "raised")] == [2, 1, 1, 1]
    assert "Germany missed its target of spending 2 percent" in svg
    assert ">2018<" in svg and ">2025<" in svg  # the years it spans


def test_a_timeline_before_tracking_says_what_to_run(tmp_path):
    text = "title: t\ndate: 2019-01-01\n\nGermany pledged 5 million euros in aid for Syrian refugees.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(tmp_path / "a.txt"), "--store", str(tmp_path / "kg")]).exit_code == 0
    result = runner.invoke(cli, ["show", "Germany", "--commitments", "--out", str(tmp_path / "t.svg"),
                                 "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2 and "run 'diplokg track'" in result.output
    assert not (tmp_path / "t.svg").exists()
