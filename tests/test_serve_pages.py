"""The pages of `diplokg serve`: a page per entity and per article, a search by name, beside the
SPARQL endpoint on one port.

Real components throughout: articles written for these tests, extracted by the real pipeline
into a real embedded store (and tracked), `diplokg serve` started as a user starts it (the
Oxigraph server behind it), and the pages read in Debian's Chromium, headless, driven by
Playwright, with JavaScript off (the pages must not need it).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplokg.cli import cli
from diplokg.dates import PartialDate
from diplokg.document import Document
from diplokg.extract import Entity, EntityKind, Evidence, Extraction, Relation, RelationKind
from diplokg.mapping import map_article
from diplokg.pages import entity_page, lookup, render, search_page
from diplokg.store import open_store

from .servers import free_port

pytestmark = pytest.mark.services

# Articles written for these tests (people, places and events made up or public, sentences our own).
ARTICLES = {
    "a1-brussels.txt": """\
title: Allies meet in Brussels
date: 2019-06-03

BRUSSELS — NATO Secretary General Jens Stoltenberg met U.S. Secretary of State Mike Pompeo in Brussels on Monday.
Germany, a member of NATO, pledged to spend 2 percent of GDP on defence by 2024.
Leaders will meet at the NATO summit in London on December 3-4, Stoltenberg said.
""",
    "a2-berlin.txt": """\
title: Berlin restates its pledge
date: 2020-02-10

Germany reaffirmed its pledge to spend 2 percent of GDP on defence by 2024, German Chancellor Angela Merkel said.
NATO Secretary General Jens Stoltenberg welcomed the promise.
""",
    "a3-warsaw.txt": """\
title: A new envoy in Warsaw
date: 2021-09-14

WARSAW — Polish Foreign Minister Zoë O'Brien-Łukasiewicz met Russian Foreign Minister Сергей Лавров in Warsaw.
O'Brien-Łukasiewicz said Poland would host the talks.
""",
    "a4-weather.txt": """\
title: A mild week
date: 2021-09-15

The weather in Gdańsk was mild all week.
""",
}
ZOE = "Zoë O'Brien-Łukasiewicz"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("pages")
    with pytest.MonkeyPatch.context() as env:  # (conftest's isolation is per test)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env.setenv(name, str(folder / name.lower()))
        yield _loaded(folder)


def _loaded(folder: Path) -> Path:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = folder / "kg"
    result = CliRunner().invoke(cli, ["load", *(str(folder / n) for n in ARTICLES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["track", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def _get(url: str, accept: str = "text/html") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture(scope="module")
def base(store) -> Iterator[str]:
    """`diplokg serve --read-only` on the store, as a user starts it: its base URL."""
    with serving(store) as url:
        yield url


@contextlib.contextmanager
def serving(store: Path) -> Iterator[str]:
    """`diplokg serve --read-only` on a store, started as a user starts it: its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "diplokg", "serve", "--store", str(store), "--port", str(port),
                               "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{url}/search")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "diplokg serve did not come up"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0
    assert server.stderr is not None
    said = server.stderr.read().decode("utf-8")
    assert "Traceback" not in said and "Warning" not in said, said


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    """A tab with JavaScript off: what the pages show must not need it."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


def entity_url(base: str, name: str) -> str:
    return f"{base}/entity?{urllib.parse.urlencode({'name': name})}"


def test_an_entity_page_shows_memberships_and_commitments_with_their_tracked_status(base, page):
    response = page.goto(entity_url(base, "Germany"))
    assert response.status == 200
    assert page.inner_text("h1") == "Germany"
    assert page.get_attribute("#wikidata", "href") == "https://www.wikidata.org/wiki/Q183"
    memberships = page.locator("#memberships li.fact")
    assert memberships.count() == 1 and "NATO" in memberships.first.inner_text()
    # the pledge and its restatement are one tracked commitment: pledged, then reaffirmed
    tracked = page.locator("#commitments li.commitment:not(.untracked)")
    assert tracked.count() == 1
    assert tracked.locator("> .status").inner_text() == "reaffirmed"
    reports = tracked.locator("ol.reports > li")
    assert [reports.nth(i).locator(".status").inner_text() for i in range(reports.count())] == ["pledged", "reaffirmed"]
    assert "2019-06-03" in reports.nth(0).inner_text() and "2020-02-10" in reports.nth(1).inner_text()
    assert "pledged to spend 2 percent of GDP" in reports.nth(0).inner_text()
    assert page.locator("#picture svg").count() == 1
    assert page.locator("script").count() == 0


def test_offices_come_with_their_dates_and_summits_with_theirs(base, page):
    page.goto(entity_url(base, "Jens Stoltenberg"))
    office = page.locator("#offices li.fact").first
    assert office.locator("a.entity").inner_text() == "Secretary General of NATO"
    assert office.locator(".dates").inner_text() == "2019-06-03 – 2020-02-10"  # the articles that say so
    assert office.locator(".count").inner_text() == "(2 articles)"
    page.goto(entity_url(base, "NATO"))
    assert {page.locator("#members li.fact a.entity").nth(i).inner_text()
            for i in range(page.locator("#members li.fact").count())} >= {"Germany"}
    summit = page.locator("#summits li.summit").first
    assert "NATO summit" in summit.inner_text() and "2019-12-03" in summit.locator(".dates").inner_text()
    assert "London" in summit.inner_text()


def test_every_evidence_sentence_links_to_its_sentence_on_the_article_page(base, page):
    page.goto(entity_url(base, "Germany"))
    first = page.locator("#memberships ol.evidence li").first
    sentence = first.locator("q.sentence").inner_text()
    first.locator("a.article").click()
    assert urllib.parse.urlsplit(page.url).path == "/article"
    assert page.inner_text("h1") == "Allies meet in Brussels"
    fragment = urllib.parse.urlsplit(page.url).fragment
    target = page.locator(f"[id='{fragment}']")
    assert target.locator("q.sentence").inner_text() == sentence
    assert "Germany member of NATO" in target.inner_text()
    # and the article's entities link back to their pages
    page.locator("#entities a.entity", has_text="Mike Pompeo").click()
    assert page.inner_text("h1") == "Mike Pompeo"


@pytest.mark.parametrize("asked", ["Stoltenberg", "jens stoltenberg", "JENS STOLTENBERG", "Q57665",
                                   "https://w3id.org/diplokg/id/wd/Q57665", "http://www.wikidata.org/entity/Q57665"])
def test_an_entity_is_found_by_alias_qid_or_iri_in_any_case(base, page, asked):
    assert page.goto(entity_url(base, asked)).status == 200
    assert page.inner_text("h1") == "Jens Stoltenberg"
    assert page.inner_text("#iri") == "https://w3id.org/diplokg/id/wd/Q57665"


def test_the_search_box_works_without_javascript(base, page):
    page.goto(f"{base}/search")
    assert page.locator("#matches a.entity").count() > 5  # the most mentioned, for a start
    page.fill("input[name=q]", "angela merkel")
    page.click("button[type=submit]")
    assert urllib.parse.urlsplit(page.url).path == "/entity"
    assert page.inner_text("h1") == "Angela Merkel"
    assert "Federal Chancellor of Germany" in page.inner_text("#offices")


def test_a_name_not_found_is_a_404_with_near_matches(base, page):
    response = page.goto(entity_url(base, "stolten"))
    assert response.status == 404
    assert page.locator("#not-found").count() == 1
    page.locator("#near a.entity", has_text="Jens Stoltenberg").click()
    assert page.inner_text("h1") == "Jens Stoltenberg"


def test_an_entity_with_no_facts_has_a_page(base, page):
    assert page.goto(entity_url(base, "gdańsk")).status == 200
    assert page.inner_text("h1") == "Gdańsk"
    assert "no facts" in page.inner_text("#no-facts")
    assert page.inner_text("#mentions") == "1 article"
    assert page.locator("section#offices, section#memberships, section#commitments, section#summits").count() == 0


def test_a_name_with_quotes_and_non_latin_letters_round_trips(base, page):
    page.goto(f"{base}/search")
    page.fill("input[name=q]", ZOE)
    page.click("button[type=submit]")
    assert page.inner_text("h1") == ZOE
    assert page.title() == f"{ZOE} · diplokg"
    assert page.locator("#offices a.entity").inner_text() == "Minister of Foreign Affairs"
    # by the other name the article gives her, lower case
    page.goto(entity_url(base, "o'brien-łukasiewicz"))
    assert page.inner_text("h1") == ZOE
    # a Cyrillic name, whose IRI is a digest
    page.goto(entity_url(base, "сергей лавров"))
    assert page.inner_text("h1") == "Сергей Лавров"
    assert "Minister of Foreign Affairs" in page.inner_text("#offices")


def test_markup_in_a_search_is_text(base, page):
    hostile = """<script>alert("x")</script> O'Brien & <b>co</b>"""
    response = page.goto(entity_url(base, hostile))
    assert response.status == 404
    assert page.locator("script, b").count() == 0
    assert hostile in page.inner_text("#not-found")
    assert page.input_value("input[name=q]") == hostile


def test_sparql_and_its_ui_still_answer_on_the_same_port(base):
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    status, body = _get(f"{base}/query?{query}", accept="application/sparql-results+json")
    assert status == 200
    # 4 articles, the tracked, tenures and index graphs
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "7"
    status, body = _get(f"{base}/")
    assert status == 200 and "<html" in body.lower()


def test_the_endpoint_through_the_front_serves_diplokg_queries(base, runner):
    result = runner.invoke(cli, ["query", "entity-facts", "--param", f"name={ZOE}", "--endpoint", f"{base}/query",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "holdsOffice,Minister of Foreign Affairs" in result.output


def test_read_only_still_refuses_updates(base):
    update = urllib.parse.urlencode({"update": "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"})
    request = urllib.request.Request(f"{base}/update", data=update.encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert 400 <= refused.value.code < 500
    query = urllib.parse.urlencode({"query": "ASK { <http://example.org/a> ?p ?o }"})
    assert json.loads(_get(f"{base}/query?{query}", accept="application/sparql-results+json")[1])["boolean"] is False


# -- the page library on an embedded store (no server) ----------------------------------------------

SENTENCE = "Georgia's president met the governor of Georgia."


def _georgias() -> Extraction:
    doc = Document(id="georgias", text=SENTENCE, date=PartialDate(2022, 5, 1), title="Two Georgias")
    x = Extraction(doc)
    x.entities = [Entity("country:georgia", EntityKind.COUNTRY, "Georgia", mentions=[(0, 7)]),
                  Entity("place:georgia", EntityKind.PLACE, "Georgia", mentions=[(40, 47)]),
                  Entity("office:president of georgia", EntityKind.OFFICE, "President of Georgia")]
    x.relations = [Relation(RelationKind.OFFICE_OF, "office:president of georgia", "country:georgia",
                            Evidence(SENTENCE, 0, len(SENTENCE), 0.8, "test.rule"))]
    return x


def test_a_name_of_several_entities_is_a_choice(tmp_path):
    with open_store(tmp_path / "kg") as store:
        store.replace_graph(map_article(_georgias()))
        found = lookup(store, "GEORGIA")
        assert sorted(link.kind for link in found.found) == ["Country", "Place"]
        html = render("search.html", page=search_page(store, "georgia"), query="georgia")
        assert "Which" not in html  # a search lists them; /entity asks which one
        page = entity_page(store, next(link.iri for link in found.found if link.kind == "Country"))
        assert [(s.title, [g.other.label for g in s.groups]) for s in page.sections] == [
            ("Offices", ["President of Georgia"])]
        assert page.sections[0].groups[0].evidence[0].sentence == SENTENCE


def test_user_text_enters_sparql_as_a_literal(tmp_path):
    with open_store(tmp_path / "kg") as store:
        store.replace_graph(map_article(_georgias()))
        # a SPARQL injection attempt is only a name nobody has
        assert lookup(store, '" } } SELECT * WHERE { ?s ?p ?o } #').found == []
        assert lookup(store, "Georgia\" . ?x ?y ?z . #").found == []
        assert [link.label for link in lookup(store, "Georgia").found] == ["Georgia", "Georgia"]


# one membership stated in 30 articles, a year apart: more sentences than a page shows
MEMBER_SENTENCE = "Estonia is a member of NATO."


def _membership(year: int) -> Extraction:
    doc = Document(id=f"member-{year}", text=MEMBER_SENTENCE, date=PartialDate(year, 5, 1), title=f"Year {year}")
    x = Extraction(doc)
    x.entities = [Entity("country:estonia", EntityKind.COUNTRY, "Estonia", mentions=[(0, 7)]),
                  Entity("alliance:nato", EntityKind.ALLIANCE, "NATO", mentions=[(23, 27)])]
    x.relations = [Relation(RelationKind.MEMBER_OF, "country:estonia", "alliance:nato",
                            Evidence(MEMBER_SENTENCE, 0, len(MEMBER_SENTENCE), 0.9, "test.rule"))]
    return x


def test_a_section_shows_its_newest_sentences_and_pages_to_the_rest(tmp_path, browser):
    from diplokg.pages import SECTION_SENTENCES

    years = range(1991, 2021)
    with open_store(tmp_path / "kg") as opened:
        opened.replace_graphs([map_article(_membership(year)) for year in years])
    assert SECTION_SENTENCES == 25 < len(years)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        with serving(tmp_path / "kg") as url:
            assert tab.goto(f"{url}/entity?name=Estonia").status == 200
            fact = tab.locator("#memberships li.fact")
            assert fact.count() == 1 and fact.locator(".count").inner_text() == "(30 articles)"  # counts are whole
            assert fact.locator(".dates").inner_text() == "1991-05-01 – 2020-05-01"
            shown = tab.locator("#memberships ol.evidence li")
            assert shown.count() == 25
            # (the sentences after the third are behind a <details>: their text, not what is drawn)
            assert "2020-05-01" in shown.first.text_content() and "1996-05-01" in shown.last.text_content()
            note = tab.locator("#memberships-window")
            assert note.inner_text() == "Sentences 1–25 of 30, newest first; page 2 of 2."
            note.locator("a.next").click()
            assert urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)["page"] == ["2"]
            shown = tab.locator("#memberships ol.evidence li")
            assert [shown.nth(i).locator(".source").text_content().split(", ")[-1].split(";")[0]
                    for i in range(shown.count())] == [f"{y}-05-01" for y in (1995, 1994, 1993, 1992, 1991)]
            assert tab.locator("#memberships-window").inner_text() == "Sentences 26–30 of 30, newest first; page 1."
            tab.locator("#memberships-window a.previous").click()
            assert tab.locator("#memberships ol.evidence li").count() == 25
            # a page past the last shows the last; one that is no number, the first
            tab.goto(f"{url}/entity?name=Estonia&page=99")
            assert tab.locator("#memberships ol.evidence li").count() == 5
            assert tab.goto(f"{url}/entity?name=Estonia&page=x%22").status == 200
            assert tab.locator("#memberships ol.evidence li").count() == 25
            # NATO's page: the same sentences under its members
            tab.goto(f"{url}/entity?name=NATO")
            assert tab.locator("#members ol.evidence li").count() == 25
    finally:
        context.close()
