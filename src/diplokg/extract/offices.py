"""Who holds which office: the ``diplokg_offices`` component.

Finds, into ``doc._.dkg_offices``: title before name ("NATO Secretary General Jens
Stoltenberg", "Syria's president, Bashar Assad", "President Hassan Rouhani of Iran") and
apposition ("Jens Stoltenberg, NATO's secretary general"). Former offices are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import ENVOY_TITLES

QUALIFIER_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "ORG", "GPE"})
FORMER_WORDS = frozenset({"former", "ex", "then", "late", "erstwhile", "onetime", "one-time", "past"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'"})

if not Doc.has_extension("dkg_offices"):
    Doc.set_extension("dkg_offices", default=None)


@dataclass(frozen=True)
class OfficeMatch:
    """A person holding an office, as found in one sentence (spaCy spans; never leaves extract)."""

    person: Span
    title: Span
    qualifier: Span | None
    rule: str
    confidence: float
    destination: Span | None = None
    """Where an envoy is sent: "Ambassador to Germany"."""


class OfficeFinder:
    """The ``diplokg_offices`` component."""

    def __init__(self, name: str, allow_comma: bool) -> None:
        self.name = name
        self.allow_comma = allow_comma

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        index = {ent.start: i for i, ent in enumerate(ents)}
        matches: list[OfficeMatch] = []
        for i, ent in enumerate(ents):
            if ent.label_ != "TITLE":
                continue
            found = self._title_first(doc, ents, index, i) or self._apposition(doc, ents, i)
            if found is not None:
                matches.append(found)
        doc._.dkg_offices = matches
        return doc

    @staticmethod
    def _ent_at(ents: list[Span], index: dict[int, int], start: int, labels: frozenset[str]) -> Span | None:
        pos = index.get(start)
        return ents[pos] if pos is not None and ents[pos].label_ in labels else None

    @staticmethod
    def _ent_ending_at(ents: list[Span], upto: int, end: int, labels: frozenset[str]) -> Span | None:
        for ent in reversed(ents[:upto]):
            if ent.end == end and ent.label_ in labels:
                return ent
            if ent.end < end:
                break
        return None

    def _pre_qualifier(self, doc: Doc, ents: list[Span], i: int) -> tuple[Span | None, int]:
        """A country or organization right before the title ("NATO", "Germany's"); returns it
        and the first token of the whole office phrase."""
        title = ents[i]
        start = title.start
        if start > 0 and doc[start - 1].lower_ in FORMER_WORDS | {"-"}:
            start -= 1  # "Germany's former foreign minister": keep looking past "former"
        qualifier = self._ent_ending_at(ents, i, start, QUALIFIER_LABELS)
        if qualifier is None and start > 0 and doc[start - 1].text in POSSESSIVE:
            qualifier = self._ent_ending_at(ents, i, start - 1, QUALIFIER_LABELS)
        return qualifier, qualifier.start if qualifier is not None else title.start

    def _post_qualifier(self, doc: Doc, ents: list[Span], index: dict[int, int], end: int) -> Span | None:
        """``of (the) COUNTRY`` right after ``end``."""
        if end < len(doc) and doc[end].lower_ == "of":
            nxt = end + 1
            if nxt < len(doc) and doc[nxt].lower_ == "the":
                nxt += 1
            return self._ent_at(ents, index, nxt, QUALIFIER_LABELS)
        return None

    @staticmethod
    def _is_former(doc: Doc, start: int, title: Span) -> bool:
        window = [t.lower_ for t in doc[max(start - 3, title.sent.start):title.start]]
        window += [t.lower_ for t in title]
        return any(w in FORMER_WORDS for w in window)

    def _destination(self, doc: Doc, ents: list[Span], index: dict[int, int], title: Span) -> Span | None:
        """``to (the) COUNTRY`` after an envoy's title."""
        if title.text.lower().split()[-1] not in {t.split()[-1] for t in ENVOY_TITLES}:
            return None
        end = title.end
        if end < len(doc) and doc[end].lower_ == "to":
            nxt = end + 1 + (1 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else 0)
            return self._ent_at(ents, index, nxt, QUALIFIER_LABELS)
        return None

    def _title_first(self, doc: Doc, ents: list[Span], index: dict[int, int], i: int) -> OfficeMatch | None:
        title = ents[i]
        qualifier, phrase_start = self._pre_qualifier(doc, ents, i)
        after = title.end
        post = self._post_qualifier(doc, ents, index, after)
        if post is not None and qualifier is None:
            qualifier, after = post, post.end
        destination = self._destination(doc, ents, index, title)
        if destination is not None and after == title.end:
            after = destination.end
        rule, confidence = "offices.title-before-name", 0.9
        if self.allow_comma and after < len(doc) and doc[after].text == ",":
            after += 1
            rule, confidence = "offices.title-comma-name", 0.8
        person = self._ent_at(ents, index, after, frozenset({"PERSON"}))
        if person is None or person.sent.start != title.sent.start:
            return None
        if qualifier is None:
            # "President Hassan Rouhani of Iran"
            qualifier = self._post_qualifier(doc, ents, index, person.end)
        if self._is_former(doc, phrase_start, title):
            return None
        return OfficeMatch(person, title, qualifier, rule, confidence, destination)

    def _apposition(self, doc: Doc, ents: list[Span], i: int) -> OfficeMatch | None:
        """``PERSON, (the) (QUALIFIER('s)) TITLE (of QUALIFIER)``."""
        title = ents[i]
        qualifier, phrase_start = self._pre_qualifier(doc, ents, i)
        start = phrase_start
        if start > 0 and doc[start - 1].lower_ in {"the", "a"}:
            start -= 1
        if start < 2 or doc[start - 1].text != ",":
            return None
        person = self._ent_ending_at(ents, i, start - 1, frozenset({"PERSON"}))
        if person is None or person.sent.start != title.sent.start:
            return None
        if qualifier is None:
            index = {ent.start: k for k, ent in enumerate(ents)}
            qualifier = self._post_qualifier(doc, ents, index, title.end)
        if self._is_former(doc, phrase_start, title):
            return None
        return OfficeMatch(person, title, qualifier, "offices.apposition", 0.8)


@Language.factory("diplokg_offices", default_config={"allow_comma": True})
def make_offices(nlp: Language, name: str, allow_comma: bool) -> OfficeFinder:
    """Office holdings (``allow_comma``: also "Syria's president, Bashar Assad")."""
    return OfficeFinder(name, allow_comma)
