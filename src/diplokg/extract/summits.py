"""Summits and ministerial meetings: the ``diplokg_summits`` component.

A mention is a noun that the text calls a summit, or a meeting qualified as one of several
parties' leaders or ministers ("a meeting of foreign ministers", "their trilateral meeting",
"the annual meeting of the United Nations General Assembly", "At a breakfast meeting ...,
NATO foreign ministers agreed"). Bilateral talks and visits ("a meeting with Nakasone") are
not summits. For each mention the component notes, from the sentence, the organizer (an
organization or alliance), the place and the date expression; the assembler resolves the date
against the article's date and merges mentions of one summit.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .spans import entity_at

SUMMIT_NOUNS = frozenset({"summit"})
MEETING_NOUNS = frozenset({"meeting", "conference", "gathering", "session", "talks"})
MULTI_PARTY = frozenset({"trilateral", "quadrilateral", "multilateral", "ministerial", "annual", "summit",
                         "regional", "plenary", "international"})
NOT_A_SUMMIT = frozenset({"bilateral", "private", "closed-door", "one-on-one", "board", "cabinet", "press",
                          "news", "party", "committee", "shareholder", "breakfast"})
PARTICIPANTS = frozenset({"minister", "leader", "head", "president", "premier", "member", "delegation",
                          "ally", "chief"})
ORGANIZER_LABELS = frozenset({"ALLIANCE", "INTL_ORG", "ORG"})
PLACE_LABELS = frozenset({"CITY", "PLACE", "GPE", "LOC", "FAC"})
# a meeting under these verbs did not (or not yet) take place: "trying to hold a meeting"
UNREAL = frozenset({"try", "attempt", "seek", "want", "propose", "fail", "refuse", "cancel", "postpone", "call",
                    "urge", "demand", "plan", "hope", "suggest"})
TWO = frozenset({"both", "two", "bilateral"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})

if not Doc.has_extension("dkg_summits"):
    Doc.set_extension("dkg_summits", default=None)


@dataclass(frozen=True)
class SummitMention:
    """One mention of a summit, with what its sentence says about it (spans; stays in extract)."""

    trigger: Token
    organizer: Span | None
    location: Span | None
    dates: tuple[Span, ...]
    """Date expressions said of it, nearest first (the assembler takes the first that resolves)."""
    participants: tuple[Span, ...]
    """Countries said to take part: "a meeting of Cyprus, Greece and Israel", "the delegations of
    Cyprus, Greece and Israel had met for their summit"."""
    numbered: bool
    """Called trilateral, quadrilateral ...: a meeting of countries, not of an organization."""
    past: bool
    """Told as something that happened (its verb is in a past tense)."""
    anaphoric: bool
    """A definite mention ("the summit") with nothing of its own: it refers to one named earlier."""
    rule: str
    confidence: float



def _modifiers(trigger: Token) -> list[Token]:
    return [c for c in trigger.children if c.dep_ in {"amod", "compound", "nmod", "poss", "nummod"}]


def _of_phrase(trigger: Token) -> list[Token]:
    """Tokens under "of ..." after the trigger ("meeting of [NATO foreign ministers]")."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return [t for pobj in child.children for t in pobj.subtree]
    return []


def _multi_party_meeting(trigger: Token, sent: Span) -> str | None:
    """Why this meeting noun is a summit (a rule name), or None."""
    mods = {m.lower_ for m in _modifiers(trigger)} | {m.lower_ for m in trigger.lefts}
    if mods & NOT_A_SUMMIT - {"breakfast"} or any(c.lower_ == "with" for c in trigger.children):
        return None
    if mods & MULTI_PARTY:
        return "summits.qualified-meeting"
    of_tokens = _of_phrase(trigger)
    if any(t.lower_ in TWO for t in of_tokens):
        return None  # "a meeting of foreign ministers of both countries": bilateral
    heads = [t for t in of_tokens if t.dep_ == "pobj" and t.head.head.i == trigger.i]
    if any(h.lemma_.lower() in PARTICIPANTS or h.ent_type_ in ORGANIZER_LABELS for h in heads):
        return "summits.meeting-of-parties"
    # "At a breakfast meeting ..., NATO foreign ministers agreed": an organization's ministers or
    # leaders are the subject of the sentence the meeting is in
    for token in sent:
        if (token.dep_ in {"nsubj", "nsubjpass"} and token.lemma_.lower() in {"minister", "leader"}
                and token.tag_ == "NNS" and any(t.ent_type_ in ORGANIZER_LABELS for t in token.subtree)):
            return "summits.ministers-meet"
    return None


def _unreal(trigger: Token) -> bool:
    """The meeting is only tried, planned or refused ("trying to hold a meeting"), or its verb is
    negated ("did not attend the summit")."""
    verb = next((a for a in trigger.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    if trigger.head.i == verb.i and any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.lemma_.lower() in UNREAL or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNREAL)


def _organizer(trigger: Token) -> Span | None:
    """The organization named in the mention itself: "the NATO summit", "a meeting of the UN
    General Assembly", "the WTO's summit". (Left to the article's context otherwise.)"""
    for token in [*_modifiers(trigger), *_of_phrase(trigger)]:
        for t in token.subtree:
            ent = entity_at(t, ORGANIZER_LABELS)
            if ent is not None:
                return ent
    # "EU leaders gather for a summit", "the WTO's members gather for a summit": who meets
    verb = next((a for a in trigger.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    for subject in (c for c in (verb.children if verb is not None else ()) if c.dep_ in {"nsubj", "nsubjpass"}):
        if subject.lemma_.lower() in PARTICIPANTS:
            for t in subject.subtree:
                ent = entity_at(t, ORGANIZER_LABELS)
                if ent is not None:
                    return ent
    return None


def _participants(trigger: Token) -> tuple[Span, ...]:
    tokens = list(_of_phrase(trigger))
    verb = next((a for a in trigger.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is not None:
        tokens += [t for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    found: list[Span] = []
    for t in tokens:
        ent = entity_at(t, frozenset({"COUNTRY"}))
        if ent is not None and ent not in found:
            found.append(ent)
    return tuple(found)


def _own(trigger: Token, span: Span) -> bool:
    """The date or place modifies the mention itself ("the July 11-12 summit", "summit in Rome"),
    not a clause inside it."""
    head = span.root.head
    return head.i == trigger.i or (head.dep_ == "prep" and head.head.i == trigger.i)


def _clause_ents(trigger: Token, labels: frozenset[str]) -> list[Span]:
    """Entities said of the mention: in its own phrase first, then in its clause (the subtree of
    the nearest verb above it), then an entity the mention itself hangs from ("in December,
    when members gather for a summit")."""
    def ents_in(tokens: list[Token]) -> list[Span]:
        found: list[Span] = []
        for t in tokens:
            ent = entity_at(t, labels)
            if ent is not None and ent not in found:
                found.append(ent)
        return found

    found = ents_in(list(trigger.subtree))
    verb = next((a for a in trigger.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is not None:
        found += sorted((e for e in ents_in(list(verb.subtree)) if e not in found),
                        key=lambda e: abs(e.start - trigger.i))
    return found + [e for e in ents_in(list(trigger.ancestors)) if e not in found]


def _location(trigger: Token) -> Span | None:
    found = _clause_ents(trigger, PLACE_LABELS)
    return found[0] if found else None


def _dates(trigger: Token) -> tuple[Span, ...]:
    return tuple(_clause_ents(trigger, frozenset({"DATE"})))


class SummitFinder:
    """The ``diplokg_summits`` component."""

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[SummitMention] = []
        for sent in doc.sents:
            for token in sent:
                if token.pos_ not in {"NOUN", "PROPN"}:
                    continue
                lemma = token.lemma_.lower()
                if lemma in SUMMIT_NOUNS:
                    rule, confidence = "summits.summit", 0.85
                elif lemma in MEETING_NOUNS and token.tag_ in {"NN", "NNP"}:
                    found = _multi_party_meeting(token, sent)
                    if found is None:
                        continue
                    rule, confidence = found, 0.7
                else:
                    continue
                if any(m.lower_ in TWO for m in _modifiers(token)):
                    continue
                organizer = _organizer(token)
                location = _location(token)
                dates = _dates(token)
                dated = any(_own(token, d) for d in dates)
                if _unreal(token) and not dated:
                    continue  # "trying to hold a meeting"; but "the July 11-12 summit" is scheduled
                determiner = next((c.lower_ for c in token.children if c.dep_ in {"det", "poss"}), "")
                own_modifiers = any(m.lower_ in MULTI_PARTY for m in _modifiers(token))
                anaphoric = determiner in DEFINITE and not own_modifiers and not dated and not (
                    location is not None and _own(token, location)
                )
                numbered = any(m.lower_ in {"trilateral", "quadrilateral", "multilateral"} for m in _modifiers(token))
                verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                past = verb is not None and verb.tag_ in {"VBD", "VBN"} and not any(
                    c.lower_ in {"will", "would", "shall", "to"} for c in verb.children)
                mentions.append(SummitMention(token, organizer, location, dates, _participants(token), numbered,
                                              past, anaphoric, rule, confidence))
        doc._.dkg_summits = mentions
        return doc


@Language.factory("diplokg_summits")
def make_summits(nlp: Language, name: str) -> SummitFinder:
    """Summit and ministerial-meeting mentions."""
    return SummitFinder()
