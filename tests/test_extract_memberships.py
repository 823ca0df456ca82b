"""Memberships: stated, joined, implied by allies and presidencies, confirmed by the membership book."""

from __future__ import annotations

import pytest

from diplokg.dates import PartialDate as D
from diplokg.document import Document
from diplokg.extract import Extraction, Extractor, RelationKind
from diplokg.extract.knowledge import membership_book
from diplokg.resources import gazetteer_path, memberships_path

ARTICLE_DATE = D(2021, 3, 5)


def run(extractor: Extractor, text: str, date: D | None = ARTICLE_DATE) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date=date))


def members(x: Extraction) -> set[tuple[str, str]]:
    return {(x.entity(r.subject).label, x.entity(r.object).label)
            for r in x.relations if r.kind is RelationKind.MEMBER_OF}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike was carried out by three NATO members — Britain, France, and the United States.",
         {("United Kingdom", "NATO"), ("France", "NATO"), ("United States of America", "NATO")}),
        ("Norway, a member of NATO, objected to the plan.", {("Norway", "NATO")}),
        ("Croatia is a member of the European Union.", {("Croatia", "European Union")}),
        ("Poland joined NATO in 1999.", {("Poland", "NATO")}),
        ("NATO wants allies, particularly Germany, to spend more on defence.", {("Germany", "NATO")}),
        ("The minister set out the UK's goals for its EU and G7 presidencies.",
         {("United Kingdom", "European Union"), ("United Kingdom", "G7")}),
        ("NATO ministers met. Canada said it would send troops to NATO.", {("Canada", "NATO")}),
        ("ASEAN ministers met. The foreign ministers of Indonesia, Malaysia and Thailand agreed with ASEAN.",
         {(country, "Association of Southeast Asian Nations") for country in ("Indonesia", "Malaysia", "Thailand")}),
    ],
)
def test_memberships_found(extractor, text, expected):
    assert members(run(extractor, text, D(2019, 5, 1))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia has been waiting for a decade to join the WTO and hopes to become a member.",
        "Ukraine hopes to join NATO one day.",
        "Turkey's bid to join the European Union has stalled.",
        "Switzerland is not a member of the European Union.",
        # "a member of" as one more item of the list: an unnamed member, not the countries before it
        "Producers Ghana, Peru and a member of the Andean Pact will attend.",
        # allies without an alliance in the article: whose allies is unknown
        "The US has been encouraging allies such as Germany to act.",
        # a country list is not membership when one of them is no member
        "The EU met Greece, Cyprus and Israel about the pipeline. The EU welcomed the deal.",
        # the countries a development bank speaks of are its clients, whatever it counts as members
        "The Asian Development Bank said growth would slow. The Asian Development Bank expects Thailand "
        "and Vietnam to recover soon. The Asian Development Bank warned of risks.",
        # the subject of a clause about something else does not act in the organization
        "NATO leaders backed a NATO fund modelled on the plan used by Canada after the war. NATO will meet again.",
    ],
)
def test_no_membership_without_one(extractor, text):
    assert members(run(extractor, text)) == set()


def test_implied_memberships_respect_dates(extractor):
    text = "NATO ministers met. The allies, particularly Poland, agreed with NATO."
    assert members(run(extractor, text, D(1995, 1, 1))) == set()  # Poland joined in 1999
    assert members(run(extractor, text, D(2005, 1, 1))) == {("Poland", "NATO")}


def test_membership_book():
    book = membership_book(memberships_path())
    assert book.is_member("Colombia", "ICO", 1987) is True
    assert book.is_member("United States of America", "International Coffee Organization", 2000) is False
    assert book.is_member("United Kingdom", "EU", 2004) is True
    assert book.is_member("United Kingdom", "European Union", 2021) is False  # left in 2020
    assert book.is_member("Russia", "G8", 2010) is True
    assert book.is_member("Russia", "Group of Eight", 2016) is False
    assert book.is_member("Russia", "World Trade Organization", 2010) is False  # joined in 2012
    assert book.is_member("Russia", "World Trade Organization", 2013) is True
    assert book.is_member("Russia", "Organization of Nowhere", 2010) is None  # not in the book


def test_every_country_in_the_book_is_a_gazetteer_country():
    import csv

    countries = {r["label"] for r in csv.DictReader(gazetteer_path().open(encoding="utf-8")) if r["kind"] == "country"}
    lines = [line for line in memberships_path().read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    named = {row["country"] for row in csv.DictReader(lines)}
    assert named <= countries, named - countries


def test_an_acronym_in_title_case_is_the_organization(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 3, 5), text=(
        "Opec ministers met in Vienna. Qatar, Nigeria and Iran had all produced below their Opec quotas.")))
    opec = [e for e in x.entities if e.label == "Organization of the Petroleum Exporting Countries"]
    assert len(opec) == 1 and opec[0].aliases == {"Opec"}
    assert {("Qatar", opec[0].label), ("Nigeria", opec[0].label), ("Iran", opec[0].label)} <= members(x)


EC, OPEC, NATO = "European Community", "Organization of the Petroleum Exporting Countries", "NATO"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun the organization's name modifies, said of a member
        ("EC farm ministers from Denmark and Portugal opposed the levy.", {("Denmark", EC), ("Portugal", EC)}),
        ("Prices slipped after Kuwait's OPEC quota was cut.", {("Kuwait", OPEC)}),
        ("Ireland will tell its EC partners of the decision.", {("Ireland", EC)}),
        ("OPEC's Venezuela raised prices.", {("Venezuela", OPEC)}),
        ("Canadian Prime Minister Brian Mulroney and other NATO leaders gathered in Brussels.", {("Canada", NATO)}),
        # a member's place among the members, by the dash however it parses
        ("Iraq - OPEC's second-largest exporter - resumed shipments.", {("Iraq", OPEC)}),
        # the members in a relative clause
        ("Portugal and Ireland, which are EC members, abstained.", {("Portugal", EC), ("Ireland", EC)}),
        # only a member can leave
        ("Denmark would leave the EC if the treaty changed.", {("Denmark", EC)}),
        # the presidency taken over from its holder
        ("Spain takes over the presidency of the EC from Belgium in July.", {("Spain", EC), ("Belgium", EC)}),
        # ministers of two members speaking in an article about the club's meeting
        ("EC agriculture ministers met in Brussels on Monday. The EC talks were tense. Danish minister Jens Hansen "
         "said the proposal was unfair. Greek minister Nikos Petrou said the cuts went too far. The EC is expected "
         "to decide next week.", {("Denmark", EC), ("Greece", EC)}),
        # a member's minister named as its own ("Belgium's Paul Dubois"), two members speaking
        ("EC farm ministers met in Brussels. The EC talks were tense. Belgium's Paul Dubois said the levy was "
         "unfair. Ireland's Sean Walsh disagreed with him. The EC will decide next week.",
         {("Belgium", EC), ("Ireland", EC)}),
        ("French Finance Minister Jean Dupont was the only one of the G7 finance ministers to reply.",
         {("France", "G7")}),
        ("Britain is among the EC members that oppose the tax.", {("United Kingdom", EC)}),
    ],
)
def test_memberships_implied_by_the_sentence(extractor, text, expected):
    assert members(run(extractor, text, D(1987, 5, 1))) == expected


@pytest.mark.parametrize(
    "text",
    [
        # one member's minister alone may speak at home about the meeting
        "EC agriculture ministers met in Brussels on Monday. The EC talks were tense. Nobody spoke. Danish minister "
        "Jens Hansen said the proposal was unfair. The EC is expected to decide next week.",
        # GATT is no club: a minister speaking in an article about it says nothing of membership
        "GATT trade ministers met in Geneva on Monday. The GATT talks were tense. Nobody spoke. Danish minister Jens "
        "Hansen said the proposal was unfair. Greek minister Nikos Petrou said the cuts went too far. GATT is "
        "expected to decide next week.",
        # a member's companies do not speak for it
        "EC farm ministers met in Brussels. The EC talks were tense. Britain's BP said oil prices would rise. "
        "France's Total said the plan was bad. The EC will decide next week.",
        # a bid is no share in the organization
        "Turkey's EC bid was turned down.",
        # a noun that says nothing of a share in the organization
        "West Germany's EC farm exports rose sharply.",
    ],
)
def test_no_membership_implied(extractor, text):
    assert members(run(extractor, text, D(1987, 5, 1))) == set()
