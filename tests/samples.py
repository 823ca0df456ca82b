"""Test data written for the tests: short articles and a hand-built extraction (no corpus text)."""

from __future__ import annotations

from decimal import Decimal

from diplokg.dates import PartialDate
from diplokg.document import Document
from diplokg.extract import Commitment, Entity, EntityKind, Evidence, Extraction, Relation, RelationKind, Summit

# Sentences written for the tests (not taken from any corpus article).
ARTICLE = """\
title: Ministers meet in Vienna
date: 2021-03-05
source: written for the diplokg tests

VIENNA — Secretary of State Antony Blinken met NATO Secretary General Jens Stoltenberg in Vienna on Friday.
Stoltenberg said the alliance would stay united. Blinken later spoke with Germany's foreign minister, Heiko Maas.
"""

SECOND_ARTICLE = """\
title: Talks in Ankara
date: 2021-04-01

German Chancellor Angela Merkel met Jens Stoltenberg, NATO's secretary general, in Ankara.
"""


SENTENCE = "NATO Secretary General Jens Stoltenberg said Germany pledged 2 percent by 2024."
EV = Evidence(SENTENCE, 10, 10 + len(SENTENCE), 0.9, "test.rule")


def sample() -> Extraction:
    doc = Document(id="art-1", text="x" * 200, date=PartialDate(2018, 4, 27), title="A title")
    x = Extraction(doc)
    x.entities = [
        Entity("person:jens stoltenberg", EntityKind.PERSON, "Jens Stoltenberg", {"Stoltenberg"}, [(0, 5)]),
        Entity("office:secretary general of nato", EntityKind.OFFICE, "Secretary General of NATO"),
        Entity("organization:nato", EntityKind.ALLIANCE, "NATO"),
        Entity("country:germany", EntityKind.COUNTRY, "Germany"),
        Entity("place:brussels", EntityKind.CITY, "Brussels"),
    ]
    x.relations = [
        Relation(RelationKind.HOLDS_OFFICE, "person:jens stoltenberg", "office:secretary general of nato", EV),
        Relation(RelationKind.OFFICE_OF, "office:secretary general of nato", "organization:nato", EV),
        Relation(RelationKind.MEMBER_OF, "country:germany", "organization:nato", EV),
    ]
    x.commitments = [Commitment("country:germany", EV, Decimal("2"), "percent of GDP", "defence spending",
                                PartialDate(2024))]
    x.summits = [Summit("NATO summit", EV, organizer="organization:nato", location="place:brussels",
                        start=PartialDate(2018, 7, 11), end=PartialDate(2018, 7, 12))]
    return x


