"""Commitments: party, value and unit, deadline and topic; amounts in news forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from diplokg.dates import PartialDate as D
from diplokg.document import Document
from diplokg.extract import Extraction, Extractor
from diplokg.extract.amounts import find_amounts

ARTICLE_DATE = D(2019, 5, 2)


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date=ARTICLE_DATE))


def commitments(x: Extraction) -> set[tuple[str, Decimal | None, str | None, str | None]]:
    return {(x.entity(c.party).label, c.value, c.unit, c.deadline.isoformat() if c.deadline else None)
            for c in x.commitments}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany pledged to spend 2 percent of its gross domestic product on defence by 2024.",
         {("Germany", Decimal(2), "percent of GDP", "2024")}),
        ("NATO wants allies, particularly Germany, to meet their commitments to spend 2 percent of their GDP "
         "on defence by 2024.", {("Germany", Decimal(2), "percent of GDP", "2024")}),
        ("Japan has offered dollars 1.8bn to the vaccine fund.", {("Japan", Decimal(1800000000), "USD", None)}),
        ("The EU also confirmed a new dollars 21m aid package.",
         {("European Union", Decimal(21000000), "USD", None)}),
        ("Canada committed 3.15 billion dlrs in fresh funds.", {("Canada", Decimal(3150000000), "USD", None)}),
        ("The United States was more forceful, committing to send more troops to Saudi Arabia.",
         {("United States of America", None, None, None)}),
        ("He also signed a communique stressing the EU's commitment to a stable Iraq.",
         {("European Union", None, None, None)}),
        ("Spain and Portugal signed an agreement to build the pipeline by 2025.",
         {("Spain", None, None, "2025"), ("Portugal", None, None, "2025")}),
    ],
)
def test_commitments_found(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


def test_a_minister_commits_the_state(extractor):
    x = run(extractor, "UK Chancellor Gordon Brown has offered pounds 960m to the immunisation fund.")
    assert commitments(x) == {("United Kingdom", Decimal(960000000), "GBP", None)}


def test_donors_at_an_organization_meeting_commit_the_organization(extractor):
    x = run(extractor, "Aid donors pledged 2 billion dlrs after a meeting of the Paris Club in Paris.")
    assert {label for label, *_ in commitments(x)} == {"Paris Club"}


@pytest.mark.parametrize(
    "text",
    [
        "Lord Carrington offered himself as a mediator.",  # an offer without money is no pledge
        "France did not pledge any money.",
        "The pounds 1bn commitment is part of a plan.",  # no party
        "Ministers agreed with the report.",
    ],
)
def test_no_commitment_without_one(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_one_commitment_per_party_and_value(extractor):
    text = "Britain pledged pounds 960m over 15 years. The UK has offered pounds 960m to the fund."
    assert commitments(run(extractor, text)) == {("United Kingdom", Decimal(960000000), "GBP", None)}


def test_commitment_keeps_a_topic_and_evidence(extractor):
    text = "Talks ended. Germany pledged to spend 2 percent of its GDP on defence by 2024."
    c = run(extractor, text).commitments[0]
    assert c.topic and "defence" in c.topic
    assert text[c.evidence.start:c.evidence.end] == c.evidence.sentence
    assert c.evidence.rule == "commitments.pledge-verb"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("pounds 960m", Decimal(960000000), "GBP"),
        ("dollars 1.8bn", Decimal(1800000000), "USD"),
        ("3.15 billion dlrs", Decimal(3150000000), "USD"),
        ("£3bn", Decimal(3000000000), "GBP"),
        ("US$400 million", Decimal(400000000), "USD"),
        ("six billion euros", Decimal(6000000000), "EUR"),
        ("2 percent of gross domestic product", Decimal(2), "percent of GDP"),
        ("0.7% of national income", Decimal("0.7"), "percent of national income"),
        ("three million Africans", Decimal(3000000), "africans"),
    ],
)
def test_amounts(text, value, unit):
    amounts = find_amounts(f"They gave {text} last year.")
    assert [(a.value, a.unit) for a in amounts] == [(value, unit)]


def test_no_amount_in_plain_numbers():
    assert find_amounts("In 2004, 25 nations met for 3 days.") == []
