"""Summits and ministerial meetings: the ``diplokg_summits`` component and its assembler.

A mention is a noun that the text calls a summit; a meeting noun qualified as one of several
parties' leaders or ministers ("a meeting of foreign ministers", "their trilateral meeting", "an
emergency OPEC meeting", "the annual meeting of the United Nations General Assembly"); an
organization's ministers or leaders acting together ("EC farm ministers agreed", "Commonwealth
leaders in Vancouver"); a body that is itself a meeting ("at the European Council last week").
Bilateral talks and visits ("a meeting with Nakasone"), company, board and shareholder meetings,
news conferences and names ("Summit Savings and Loan") are not summits.

For each mention the finder notes, from the sentence, the organizer, the place, the date
expressions and the tense; the assembler resolves the date against the article's date, merges
the mentions of one summit, and keeps only meetings of states or international organizations.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..dates import PartialDate
from ..resources import gazetteer_path, memberships_path
from .entities import ORGANIZATION_KINDS, Article, Mention
from .knowledge import membership_book
from .lexicon import NOT_PERSON_HEADS, city_names
from .records import Entity, EntityKind, Evidence, RelationKind, Summit
from .rules import lexicon, rule
from .spans import any_in, entity_at, ents_in, heads, reset_index, token_mask, tokens_in, verb_of
from .temporal import DateRange, resolve

_LEX = lexicon("summits")
SUMMIT_NOUNS = _LEX.words("summit_nouns")
MEETING_NOUNS = _LEX.words("meeting_nouns")
MULTI_PARTY = _LEX.words("multi_party")
NOT_A_SUMMIT = _LEX.words("not_a_summit")
PARTICIPANTS = _LEX.words("participants")
GROUP_HEADS = _LEX.words("group_heads")
DELEGATES = _LEX.words("delegates")
GROUP_VERBS = _LEX.words("group_verbs")
NOT_GROUP = _LEX.words("not_group")
UNREAL = _LEX.words("unreal")
TWO = _LEX.words("two")
ORGANIZATION_NOUNS = _LEX.words("organization_nouns")
DEFINITE = _LEX.words("definite")
MEETING_BODIES = _LEX.table("meeting_bodies")
SUMMITLESS = _LEX.words("summitless")
CITY_STATES = _LEX.words("city_states")
VENUES = _LEX.words("venues")
ORGANIZING_VERBS = _LEX.words("organizing_verbs")
GROUP_NAMES = _LEX.table("group_names")
INSTITUTIONS = _LEX.table("institutions")
COMMUNITY = _LEX.words("community")
_MEETING_WORDS = SUMMIT_NOUNS | MEETING_NOUNS
ATTEND_VERBS = _LEX.words("attend_verbs")
HOLDING_VERBS = _LEX.words("holding_verbs")
CALLED_OFF = _LEX.words("called_off")
TRAVEL_VERBS = _LEX.words("travel_verbs")
AWAY_VERBS = _LEX.words("away_verbs")
NEGOTIATING = _LEX.words("negotiating")
NEGOTIATION_TALKS = _LEX.words("negotiation_talks")
PLACED_ACCORDS = _LEX.words("placed_accords")
MEETING_VERBS = frozenset({"meet", "gather", "convene", "reconvene", "hold", "resume", "open", "begin", "start",
                           "attend", "host"})
MAKING_VERBS = frozenset({"reach", "sign", "conclude", "strike", "negotiate", "agree", "seal", "forge", "make"})
DESCRIBED_GROUPS = tuple((re.compile(rf"\b{pattern}\b", re.I), tuple(names))
                         for pattern, names in _LEX.table("described_groups").items())
# nouns whose place or date is their own, not the meeting's: "the Tokyo accord", "events in Paris"
OTHER_EVENTS = frozenset({"accord", "agreement", "pact", "treaty", "deal", "declaration", "communique", "event",
                          "election", "vote", "referendum", "visit", "trip", "talks", "attack", "war"})
# a meeting so qualified is before the one the article reports: "an earlier session", "the previous meeting"
BEFORE_WORDS = frozenset({"earlier", "previous", "prior", "former"})
NUMBERED = frozenset({"trilateral", "quadrilateral", "multilateral", "tripartite", "quadripartite"})
ORGANIZER_LABELS = frozenset({"ALLIANCE", "INTL_ORG", "ORG"})
PLACE_LABELS = frozenset({"CITY", "PLACE", "GPE", "LOC", "FAC", "COUNTRY"})
SETTING_PREPS = frozenset({"at", "during", "after", "following"})
NAMING_PLACES = frozenset({"CITY", "LOC", "FAC"})
DATE = frozenset({"DATE"})
FUTURE_WORDS = frozenset({"will", "shall", "'ll", "next", "upcoming", "coming", "scheduled", "due", "planned", "set",
                          "expected", "ahead", "before", "forthcoming", "later", "tomorrow", "prepare", "preparation",
                          "would", "plan", "proposed"})
PAST_WORDS = frozenset({"last", "ago", "earlier", "yesterday", "previous", "past", "recent", "held", "ended"})
NOW_WORDS = frozenset({"today", "here", "opened", "began", "begin", "open", "ended", "continued", "closed",
                       "tonight", "now"})
# a name part: "Summit Savings and Loan", "Summit Petroleum Corp"
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "GPE", "PRODUCT", "WORK_OF_ART", "EVENT", "INTL_ORG", "LAW"})
# the words the per-sentence rules start from, for :func:`~.spans.token_mask` (a rule visits only
# the tokens that can start it)
_NOUNS = frozenset({"NOUN", "PROPN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_GROUP_WORDS = GROUP_HEADS | {"minister", "leader"}
_TALKS = frozenset({"talks"})
_NAMING_DEPS = frozenset({"compound", "nmod"})
_PROPN = frozenset({"PROPN"})


def _placed_accord_word(lower: str) -> bool:
    return lower.rstrip("s") in PLACED_ACCORDS

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
    """Countries said to take part: "a meeting of Cyprus, Greece and Israel"."""
    numbered: bool
    """Called trilateral, quadrilateral ...: a meeting of countries, not of an organization."""
    tense: str
    """``past``, ``future`` or ``present``: when the sentence places the meeting."""
    anaphoric: bool
    """A definite mention ("the summit") with nothing of its own: it refers to one named earlier."""
    here: bool
    """Placed "here" or told as under way today: where the article was filed."""
    rule: str
    leaders: bool = False
    """Leaders, ministers or delegations are said to take part (not an organization's own name)."""
    body: str | None = None
    """For a meeting body ("the European Council"): the organization it meets for ("" its own)."""
    described: tuple[str, ...] = ()
    """Organizations its participants are described as ("of leading industrial nations"), in
    order of preference; the assembler takes the first the article names."""
    earlier: bool = False
    """Told as before the events the article reports ("had pledged at the meeting") or as a kind
    of meeting ("at G-7 meetings"): of no known day, and not where the article was filed."""
    named_accord: bool = False
    """An accord that only bears the place's name ("the Plaza agreement"): no meeting of its own."""
    away: bool = False
    """The purpose of a journey away ("the minister leaves on April 7 to attend the IMF
    meetings"): held elsewhere than the article was filed."""


def _modifiers(trigger: Token) -> list[Token]:
    return [c for c in trigger.children if c.dep_ in {"amod", "compound", "nmod", "poss", "nummod"}]


def _of_phrase(trigger: Token) -> list[Token]:
    """Tokens under "of ..." after the trigger ("meeting of [NATO foreign ministers]")."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "between", "among"}:
            return [t for pobj in child.children for t in pobj.subtree]
    return []


def _participant_noun(token: Token) -> bool:
    """"ministers", "Finance Ministers" (a proper noun keeps its plural as its lemma)."""
    lemma = token.lemma_.lower()
    return lemma in PARTICIPANTS or (token.tag_ in {"NNPS", "NNS"} and lemma.removesuffix("s") in PARTICIPANTS)


def _from_phrase(trigger: Token) -> list[Token]:
    """"the meetings of finance ministers from the Group of Seven": who they come from."""
    return [t for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
            for t in p.subtree]


def _words_before(trigger: Token, n: int = 3) -> set[str]:
    doc = trigger.doc
    return {t.lower_.strip("'s") for t in doc[max(trigger.i - n, trigger.sent.start):trigger.i]}


def _group_subject(sent: Span) -> Token | None:
    """An organization's ministers or leaders as the subject of the sentence ("NATO foreign
    ministers agreed"), or the organization itself meeting ("the Group of Seven will meet")."""
    for token in tokens_in(sent, token_mask(sent.doc, "DEP", _SUBJECTS)):
        if _group(token):
            return token
        if _group_name(token) and token.head.lemma_.lower() in GROUP_VERBS and not any(
                c.dep_ == "prep" and c.lower_ == "with" for c in token.head.children):
            return token  # "the Seven meet in Paris", "the Twelve agreed"
        if token.ent_type_ in ORGANIZER_LABELS and token.head.lemma_.lower() in {"meet", "convene", "gather"} and \
                not any((c.dep_ == "prep" and c.lower_ == "with") or c.dep_ == "dobj" for c in token.head.children):
            return token  # (not "X met with world leaders", "X met the panel": talks with others, not X's
            # own meeting)
    return None


def _group_name(token: Token) -> tuple[str, ...]:
    """"the Seven", "the Twelve": what news calls an organization by its number of members (the
    organizations it may be, for the assembler to pick the one the article names)."""
    names = GROUP_NAMES.get(token.text) if token.text not in COMMUNITY else None
    doc = token.doc
    if not names or token.i == 0 or doc[token.i - 1].lower_ != "the" or (
            token.ent_type_ and len(entity_at(token) or ()) > 1):
        return ()  # (not "the European Community", a name of its own)
    return tuple(names)


def _group(token: Token, *, anaphoric: bool = True) -> bool:
    """An organization's ministers or leaders: "EC farm ministers", "NATO leaders", "the
    Commonwealth heads of government"; not "EC business leaders" or "farm leaders". With
    ``anaphoric``, also ministers the article named as an organization's before ("EC farm
    ministers ended a meeting ... the ministers meet again in Brussels on May 18")."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return False
    # (a proper noun keeps its plural as its lemma: "Ministers of the European Union agreed")
    lemma = token.lemma_.lower() if token.tag_ == "NNS" else token.lemma_.lower().removesuffix("s")
    if lemma not in GROUP_HEADS:
        return False
    lefts = list(token.lefts)
    if not any(t.ent_type_ in ORGANIZER_LABELS for t in lefts for t in t.subtree) and not any(
            t.ent_type_ in ORGANIZER_LABELS for t in token.subtree) and not any(
            t.text in COMMUNITY for t in lefts):
        # (but "Community ministers": the European Community's)
        return anaphoric and lemma == "minister" and _named_before(token)
    return lemma == "minister" or not any(t.lower_ in NOT_GROUP for t in lefts)


def _named_before(ministers: Token) -> bool:
    """Plain "ministers" ("the ministers", "agriculture ministers", no country's) after an
    organization's ministers were named in an earlier sentence."""
    if any(t.ent_type_ for t in ministers.lefts) or any(c.dep_ == "prep" and c.lower_ in {"of", "from"}
                                                       for c in ministers.children):
        return False  # "Japanese ministers", "ministers of Brazil and Mexico"
    doc = ministers.doc
    return any(_group(t, anaphoric=False) for t in tokens_in(doc[:ministers.sent.start], token_mask(
        doc, "LEMMA", _GROUP_WORDS, lower=True)) if t.lemma_.lower() == "minister" and t.tag_ in {"NNS", "NNPS"})


def _meeting_rule(trigger: Token, sent: Span) -> str | None:
    """Why this meeting noun is a summit (a rule name), or None."""
    mods = {m.lower_ for m in _modifiers(trigger)} | {m.lower_ for m in trigger.lefts} | _words_before(trigger, 2)
    blocked = mods & NOT_A_SUMMIT
    if blocked and blocked <= NEGOTIATING and _held_by_group(trigger):
        blocked = set()  # "EC farm ministers, who ended another marathon negotiating session"
    if blocked == {"committee"} and any(entity_at(m, ORGANIZER_LABELS) for m in _modifiers(trigger)
                                        for m in m.subtree):
        blocked = set()  # "the IMF interim committee meeting": an organization's committee
    if blocked or any(c.lower_ == "with" for c in trigger.children):
        return None
    of_tokens = _of_phrase(trigger)
    if any(t.lower_ in TWO for t in of_tokens):
        return None  # "a meeting of foreign ministers of both countries": bilateral
    talks = trigger.lower_ == "talks"
    if talks and (any(c.dep_ == "prep" and c.lower_ in {"between", "on", "about", "over"} for c in trigger.children)
                  or any("-" in m.text or (m.dep_ == "amod" and m.ent_type_) for m in _modifiers(trigger))
                  or _pair_holds(trigger)
                  or (any(m.dep_ == "compound" and m.pos_ == "NOUN" and not _participant_noun(m)
                          and m.lemma_.lower() not in SUMMIT_NOUNS | MULTI_PARTY for m in _modifiers(trigger))
                      and not any(entity_at(m, ORGANIZER_LABELS) for m in _modifiers(trigger)))):
        return None  # talks between sides, on a subject, "U.S.-Japanese talks", "A and B held talks",
        # "multilateral trade talks" (a negotiation named by its subject; but "ICO quota talks" are
        # the organization's meeting)
    if talks and mods & NEGOTIATION_TALKS and not any(_participant_noun(t) for t in of_tokens):
        return None  # "the multilateral talks under the GATT": a negotiating round
    if any(t.lower_ in {"shareholders", "stockholders", "directors", "analysts", "creditors", "investors",
                        "board", "bankers"} for t in of_tokens):
        return None
    if len(ents_in(of_tokens, frozenset({"COUNTRY"}))) == 2 and not any(t.ent_type_ in ORGANIZER_LABELS
                                                                      for t in of_tokens):
        return None  # "the meeting of the Peruvian and Mexican central bank heads": bilateral
    # "the NATO meeting", and "an EU council meeting" (the organization names the body that meets)
    named = _modifiers(trigger) + [c for m in _modifiers(trigger) if m.dep_ == "compound" for c in m.children
                                   if c.dep_ == "compound"]
    organized = any(t.ent_type_ in ORGANIZER_LABELS for t in _organized_by(trigger)) or any(
        entity_at(m, ORGANIZER_LABELS) for m in named) or any(
        t.ent_type_ in ORGANIZER_LABELS for t in of_tokens) or (
        bool(of_tokens) and any(t.ent_type_ in ORGANIZER_LABELS for t in _from_phrase(trigger)))
    if mods & MULTI_PARTY and (organized or mods & NUMBERED or mods & {"ministerial", "summit"}):
        return "summits.qualified-meeting"
    heads_of = [t for t in of_tokens if t.dep_ == "pobj" and t.head.head.i == trigger.i]
    if any(c.dep_ == "prep" and c.lower_ == "with" for h in heads_of for c in h.children):
        return None  # "a meeting of farm leaders with the Danish ministers": talks with others
    # "a meeting of farm leaders", "of business leaders": no organization's
    heads_of = [h for h in heads_of if not any(t.lower_ in NOT_GROUP for t in h.lefts)]
    if len(_participants(trigger)) >= 3 and not talks:
        return "summits.meeting-of-parties"  # "the meeting, attended by West Germany, France ..." (two
        # countries' ministers meeting is bilateral)
    # "a foreign ministers' meeting", "agriculture ministers meeting in Luxembourg" (but not one
    # country's: "a Japanese ministers' meeting" is its cabinet's)
    held_by = [m for m in _modifiers(trigger) if m.dep_ in {"compound", "poss"} and m.tag_ in {"NNS", "NNPS"}
               and _participant_noun(m)]
    if held_by and not organized and ents_in([t for m in held_by for t in m.subtree], frozenset({"COUNTRY"})):
        held_by = []
    if organized or held_by or any(_participant_noun(h) for h in heads_of) or (
            of_tokens and _described(trigger, None)):
        return "summits.meeting-of-parties"  # (also "the meeting of the seven leading industrial nations")
    # "the Louvre meeting", "the Paris monetary conference": named after where it was held (a
    # city or a venue, not a country: "the Japan talks" are about Japan)
    if any(entity_at(m, NAMING_PLACES) is not None for m in _modifiers(trigger) if m.dep_ in {"compound", "nmod"}) \
            and any(c.dep_ in {"det", "poss"} for c in trigger.children) and not trigger.ent_type_:
        return "summits.place-named"
    if any(c.lower_ == "here" for c in trigger.children) or (
            trigger.dep_ == "pobj" and any(c.lower_ == "here" for c in trigger.head.head.children)):
        return "summits.meeting-of-parties"  # "the talks here": where the article was filed
    if trigger.lower_ == "talks":
        return None  # talks of an organization's ministers count; a negotiation process does not
    if _group_subject(sent) is not None or any(
            _group(t) for t in tokens_in(sent, token_mask(sent.doc, "LEMMA", _GROUP_WORDS, lower=True))):
        return "summits.ministers-meet"  # "not adopted by EU ministers ... at a Brussels meeting"
    return None


def _pair_holds(trigger: Token) -> bool:
    """"The EC and Comecon ended talks here": two parties, joined, hold it (bilateral)."""
    verb = verb_of(trigger)
    if verb is None:
        return False
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        joined = [c for c in subject.children if c.dep_ == "conj"]
        if len(joined) == 1 and not any(c.dep_ == "conj" for c in joined[0].children) and subject.ent_type_ and \
                joined[0].ent_type_:
            return True
    return False


def _held_by_group(trigger: Token) -> bool:
    """The meeting is held by an organization's ministers or leaders: they are the subject of its
    verb, or the noun a relative clause about it describes."""
    verb = trigger.head
    if trigger.dep_ not in {"dobj", "nsubj", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    for child in verb.children:
        if child.dep_ == "nsubj":
            holder = verb.head if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl" else child
            return _group(holder)
    return False


def _tense(trigger: Token) -> str:
    """``future``, ``past`` or ``present``: what the sentence says of the meeting's time."""
    doc = trigger.doc
    sent = trigger.sent
    verb = verb_of(trigger)
    after = doc[trigger.right_edge.i + 1] if trigger.right_edge.i + 1 < sent.end else None
    if trigger.dep_ == "conj" and after is not None and after.pos_ == "VERB" and \
            after.tag_ in {"VBD", "VBZ", "VBP"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in after.children):
        verb = after  # "will not stop the slide and the February meeting produced ...": the parser
        # joined the meeting to the noun before and its verb to the verb before
    if any(h.lower_ in {"ahead", "run-up", "leading", "build-up"} for h in heads(trigger, 4)):
        return "future"  # "ahead of an EC summit on December 6", "the processes leading to the summit"
    near = {t.lower_ for t in doc[max(trigger.i - 4, sent.start):min(trigger.i + 3, sent.end)]}
    near |= {t.lemma_.lower() for t in doc[max(trigger.i - 4, sent.start):trigger.i]}
    if verb is not None:
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        near |= aux | {verb.lemma_.lower(), verb.lower_}
        if aux & {"will", "shall", "'ll"} or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in
                                              {"be", "due", "expect", "schedule", "plan", "set"}):
            return "future"
        # "planned to visit the U.S. to attend IMF meetings": a meeting a plan is for is to come
        node = verb
        for _ in range(3):
            if node.dep_ not in {"xcomp", "advcl"} or node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in {"plan", "intend", "schedule", "due"}:
                return "future"
        # "will urge Tokyo and Bonn to meet commitments ... at Wednesday's meetings": the time of
        # the verb the infinitive hangs from
        node = verb
        for _ in range(8):
            infinitive = node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if not (infinitive or node.pos_ in {"NOUN", "PROPN"}) or node.head.i == node.i:
                break
            node = node.head
            if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in node.children):
                return "future"
    if near & FUTURE_WORDS:
        return "future"
    if near & PAST_WORDS:
        return "past"
    if verb is not None and verb.tag_ in {"VBD", "VBN"}:
        return "past"
    if verb is not None and any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"was", "were", "had"}
                                for c in verb.children):
        return "past"  # "he was referring to the meetings"
    # "the meetings ... which reaffirmed the pact": what the meeting itself did
    if any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in trigger.children):
        return "past"
    return "present"


def _unreal(trigger: Token) -> bool:
    """The meeting is only tried, planned or refused ("trying to hold a meeting"), ruled out ("no
    plans for an emergency OPEC meeting", "is unlikely to be held"), or its verb is negated ("did
    not attend the summit")."""
    doc = trigger.doc
    before = {t.lower_ for t in doc[max(trigger.i - 7, trigger.sent.start):trigger.i]}
    if ("no" in before and (before & {"plans", "plan", "need", "question", "intention"})) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return True  # "no plans for", "there was no need for an emergency meeting"
    if any(t.lower_ in {"unlikely", "postponed", "cancelled", "canceled", "called off"} for t in
           doc[trigger.i:min(trigger.i + 6, trigger.sent.end)]):
        return True
    verb = verb_of(trigger)
    if verb is None:
        return False
    if trigger.head.i == verb.i and any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "acomp" and c.lemma_.lower() in UNREAL for c in verb.children):
        return True  # "a meeting of EC ministers is unlikely to be held next week"
    # "if the proposed meeting took place", "unless the summit goes ahead": only a condition
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in verb.children):
        return True
    # "if the meeting took place it would open the way for summit talks": what would follow
    if any(c.dep_ == "aux" and c.lower_ in {"would", "could", "might"} for c in verb.children) and any(
            t.dep_ == "mark" and t.lower_ in {"if", "unless"} for t in trigger.sent):
        return True
    # "may finally sit down at a budget summit": only possible
    if any(c.dep_ == "aux" and c.lower_ in {"may", "might", "could"} for c in verb.children) and \
            verb.lemma_.lower() not in HOLDING_VERBS:
        return True
    if trigger.dep_ == "dobj" and trigger.head.i == verb.i and verb.lemma_.lower() not in HOLDING_VERBS and any(
            c.dep_ == "aux" and c.lower_ in {"would", "could", "might", "may"} for c in verb.children):
        return True  # "deviations would trigger consultations": only supposed
    if trigger.dep_ == "pobj" and trigger.head.lower_ in SETTING_PREPS and trigger.head.head.i == verb.i:
        return False  # "urged partners to act at a meeting": where the urging was done, not what is urged
    return verb.lemma_.lower() in UNREAL or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNREAL)


def _earlier(trigger: Token, verb: Token | None) -> bool:
    """The undated meeting is told in the pluperfect ("had pledged at G-7 meetings", "ministers
    had agreed"), or as a kind of meeting, a bare plural ("at G-7 meetings"): it is not the
    meeting the article reports."""
    if verb is not None and verb.tag_ == "VBN" and any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "'d"}
                                                        for c in verb.children):
        return True
    if any(c.dep_ == "amod" and c.lower_ in BEFORE_WORDS for c in trigger.children):
        return True  # "after being excluded from an earlier session of talks"
    return trigger.tag_ == "NNS" and trigger.lemma_.lower() in _MEETING_WORDS and not any(
        c.dep_ in {"det", "poss", "nummod"} or (c.dep_ == "amod" and c.lower_ in {"latest", "recent", "last"})
        for c in trigger.children) and trigger.dep_ in {"pobj", "dobj"}


def _called_off(trigger: Token) -> bool:
    """The meeting is the one postponed or cancelled ("the planned meeting March 7 of OPEC's
    committee has been postponed"): whatever its date, it is not held then."""
    verb = trigger.head
    return trigger.dep_ in {"nsubjpass", "dobj"} and verb.lemma_.lower() in CALLED_OFF


def _organizer(trigger: Token, group: Token | None) -> Span | None:
    """The organization named in the mention itself: "the NATO summit", "a meeting of the UN
    General Assembly", "the WTO's summit"; or whose ministers meet. (Left to the article's
    context otherwise.)"""
    of_tokens = _of_phrase(trigger)
    # the of-phrase's own head first: "the meeting of the U.N. Economic Commission for Africa" is
    # the commission's, not the U.N.'s
    for token in (c for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"of", "between", "among"}
                  for c in p.children if c.dep_ == "pobj"):
        ent = entity_at(token, ORGANIZER_LABELS)
        if ent is not None:
            return ent
    for token in [*_modifiers(trigger), *of_tokens, *(_from_phrase(trigger) if of_tokens else []),
                  *_organized_by(trigger)]:
        for t in token.subtree:
            ent = entity_at(t, ORGANIZER_LABELS)
            if ent is not None:
                return ent
    # "EU leaders gather for a summit", "the WTO's members gather for a summit": who meets
    subjects: list[Token] = [group] if group is not None else []
    verb = verb_of(trigger)
    if verb is not None:
        subjects += [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for subject in subjects:
        if subject.lemma_.lower() in PARTICIPANTS | GROUP_HEADS or subject.ent_type_ in ORGANIZER_LABELS:
            for t in subject.subtree:
                ent = entity_at(t, ORGANIZER_LABELS)
                if ent is not None:
                    return ent
    return None


def _organized_by(trigger: Token) -> list[Token]:
    """"a meeting organised by the Economic Commission for Africa": who holds it."""
    return [t for clause in trigger.children if clause.dep_ == "acl" and clause.lemma_.lower() in ORGANIZING_VERBS
            for c in clause.children if c.dep_ == "agent" for t in c.subtree]


def _described(trigger: Token, group: Token | None) -> tuple[str, ...]:
    """The organizations that the meeting's participants are described as: "meetings of leading
    industrial nations", "officials of the seven major industrial countries met"."""
    tokens = _of_phrase(trigger) + (list(group.subtree) if group is not None else [])
    if not tokens:
        return ()
    doc = trigger.doc
    text = doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1].text
    for pattern, names in DESCRIBED_GROUPS:
        if pattern.search(text):
            return names
    for token in tokens:
        names = _group_name(token) or (tuple(GROUP_NAMES[token.text]) if token.text in COMMUNITY and
                                       token.dep_ == "compound" else ())
        if names:
            return names
    return ()


def _participants(trigger: Token) -> tuple[Span, ...]:
    tokens = list(_of_phrase(trigger))
    verb = verb_of(trigger)
    if verb is not None:
        tokens += [t for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    # "the meeting, which will be attended by West Germany, France ... as well as the U.S."
    for clause in trigger.children:
        if clause.dep_ in {"relcl", "acl"} and clause.lemma_.lower() in ATTEND_VERBS:
            tokens += [t for c in clause.children if c.dep_ == "agent" for t in c.subtree]
    return tuple(ents_in(tokens, frozenset({"COUNTRY"})))


def _own(trigger: Token, span: Span) -> bool:
    """The date or place modifies the mention itself ("the July 11-12 summit", "summit in Rome"),
    not a clause inside it."""
    head = span.root.head
    return head.i == trigger.i or (head.dep_ == "prep" and head.head.i == trigger.i)


def _clause_ents(trigger: Token, labels: frozenset[str]) -> list[Span]:
    """Entities said of the mention: in its own phrase first, then in its clause (the subtree of
    the nearest verb above it), then an entity the mention itself hangs from ("in December,
    when members gather for a summit")."""
    found = ents_in(trigger.subtree, labels)
    verb = verb_of(trigger)
    if verb is not None:
        found += sorted((e for e in ents_in(verb.subtree, labels) if e not in found),
                        key=lambda e: abs(e.start - trigger.i))
    return found + [e for e in ents_in(list(heads(trigger)), labels) if e not in found]


_RELATIVE = re.compile(r"\b(?:(?:later|earlier)\s+(?:this|in\s+the|next)\s+(?:week|month|year)|"
                       r"(?:next|this|last|coming)\s+(?:week|weekend|month|year)|tomorrow|yesterday|today|"
                       r"tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b", re.I)


# "for a third day", "two weeks": a stretch of time, not a date
_SPAN_OF_TIME = re.compile(r"^(?:(?:a|an|the)\s+)?(?:\d+|one|two|three|four|five|six|seven|several|few|first|second|"
                           r"third|fourth|fifth|\w+th)\s+(?:days?|weeks?|months?|years?|hours?)$", re.I)


def _relative_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Relative date words the NER left untagged in doc[start:end] ("This week's", "later in the week")."""
    if start >= end:
        return []
    span = doc[start:end]
    found = []
    for match in _RELATIVE.finditer(span.text):
        sub = doc.char_span(span.start_char + match.start(), span.start_char + match.end(), alignment_mode="expand")
        if sub is not None:
            found.append(sub)
    return found


def _when_date(trigger: Token) -> Span | None:
    """"toward early April, when the Group of Seven meets": the date a "when" clause of the
    meeting's verb describes."""
    verb = verb_of(trigger)
    if verb is None or verb.dep_ not in {"relcl", "advcl"}:
        return None
    when = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"), None)
    if when is None:
        return None
    # the date the clause hangs from, or the one right before "when" (however the parser hung it)
    before = when.i - 1 - (1 if when.i > 1 and when.doc[when.i - 1].text == "," else 0)
    return entity_at(verb.head, DATE) or (entity_at(when.doc[before], DATE) if before >= 0 else None)


def _dates(trigger: Token) -> tuple[Span, ...]:
    """Date expressions said of the mention: in its own phrase first ("This week's G-7 meeting"),
    then in its clause (see :func:`_clause_ents`), then relative words anywhere in its sentence
    ("later in the week")."""
    doc = trigger.doc
    subtree = list(trigger.subtree)
    own = ents_in(subtree, DATE) + _relative_in(doc, subtree[0].i, subtree[-1].i + 1)
    if own:
        return tuple(sorted(own, key=lambda sp: abs(sp.start - trigger.i)))
    when = _when_date(trigger)
    if when is not None:
        return (when,)
    found = [e for e in _clause_ents(trigger, DATE) if not _belongs_elsewhere(e, trigger)
             and not _SPAN_OF_TIME.match(e.text)]
    if found:
        return tuple(found)
    sent = trigger.sent
    spans = _relative_in(doc, sent.start, sent.end)
    return tuple(sorted(spans, key=lambda sp: abs(sp.start - trigger.i)))


def _location(trigger: Token) -> Span | None:
    """The place said of the meeting: "in Luxembourg", "the Venice summit"; a country, a region or
    a place the NER found only after "in" or "at" ("a GCC summit in Saudi Arabia"); never the
    place of another meeting in the sentence ("the OECD meeting in May and the G-7 meeting in
    Venice")."""
    doc = trigger.doc
    for ent in _clause_ents(trigger, PLACE_LABELS):
        if _belongs_elsewhere(ent, trigger) or ent.ent_id_.endswith("|1"):
            continue  # (a demonym says whose summit, not where: "the European HDTV Summit")
        first = ent.root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "in Bonn and Tokyo": the list's first place says how it is joined
        start = min(ent.start, first.left_edge.i if first.i != ent.root.i else ent.start)
        before = doc[start - 1] if start > 0 else None
        compound = first.head.i == trigger.i and first.dep_ in {"compound", "nmod", "amod", "poss"}
        # a city stands alone as the host ("Venice will host the summit"), other places need "in"/"at"
        host = ent.label_ == "CITY" and first.dep_ in {"nsubj", "nsubjpass", "npadvmod", "appos", "dobj"}
        travelled = ent.label_ == "CITY" and _travelled_to(ent) and _purpose(trigger, ent.root.head.head)
        if not (compound or host or travelled) and (before is None or before.lower_ not in {"in", "at"}) \
                and not _placed(ent):
            continue
        return ent
    return _where(trigger) or _destination(trigger)


def _where(trigger: Token) -> Span | None:
    """"from New Zealand, where he is attending a GATT meeting": the place a "where" clause of the
    meeting's verb describes."""
    verb = verb_of(trigger)
    if verb is None or verb.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where"
                                                        for c in verb.children):
        return None
    return entity_at(verb.head, PLACE_LABELS)


def _travelled_to(ent: Span) -> bool:
    """"flew to Brussels for the summit", "leaves for Washington": the city a participant travels to."""
    head = ent.root.head
    verb = head.head.lemma_.lower()
    return head.dep_ == "prep" and verb in TRAVEL_VERBS and (
        head.lower_ == "to" or (head.lower_ == "for" and verb in AWAY_VERBS))


def _away(trigger: Token) -> Token | None:
    """The journey away a meeting is what for: "leaves on April 7 to attend the IMF meetings",
    "flew out for the summit" (not "arrived here for the summit")."""
    verb = verb_of(trigger)
    if verb is None:
        return None
    for head in (verb, *heads(verb, 2)):
        if head.lemma_.lower() in AWAY_VERBS and head.i != trigger.i and _purpose(trigger, head):
            return head
    return None


def _purpose(trigger: Token, journey: Token) -> bool:
    """The meeting is what the journey is for: "flew to Rome for the summit", "to attend the
    summit" (not "flew to Rome after the summit")."""
    head = trigger.head
    if head.dep_ == "prep" and head.lower_ == "for" and head.head.i == journey.i:
        return True
    verb = verb_of(trigger)
    return verb is not None and verb.head.i == journey.i and verb.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _destination(trigger: Token) -> Span | None:
    """"prepared to head to Brussels to meet NATO leaders": the meeting is the purpose of a journey
    (the meeting's verb hangs from a verb of travel); the meeting is where the journey goes."""
    verb = verb_of(trigger)
    if verb is None:
        return None
    for head in heads(verb, 2):
        if head.lemma_.lower() in TRAVEL_VERBS:
            for ent in ents_in(head.subtree, frozenset({"CITY"})):
                if _travelled_to(ent) and ent.root.head.head.i == head.i and _purpose(trigger, head):
                    return ent
        if head.pos_ in {"VERB", "AUX"} and verb.dep_ not in {"xcomp", "advcl"}:
            break
        verb = head
    return None


def _placed(ent: Span) -> bool:
    """"at the foreign secretary's official Kent house, Chevening": in apposition to a place after
    "in" or "at"."""
    node = ent.root
    for head in heads(node, 5):
        if node.dep_ not in {"appos", "pobj", "compound"} and not (node.dep_ == "prep" and node.lower_ == "of"):
            return False  # ("in the Swiss resort of Davos")
        if head.lower_ in {"in", "at"}:
            return True
        node = head
    return False


def _belongs_elsewhere(ent: Span, trigger: Token) -> bool:
    """The entity is said of something else in the sentence: another meeting ("the OECD meeting in
    May and the G-7 meeting in Venice"), or a noun phrase of its own ("events in Paris in
    February", "the Tokyo accord"), not of the mention or of the verb it hangs from."""
    verb = verb_of(trigger)
    dated = ent.label_ == "DATE"
    inside = {t.i for t in trigger.subtree}
    node = ent.root
    for head in heads(ent.root, 8):
        if head.i == trigger.i or (verb is not None and head.i == verb.i):
            return False
        if head.pos_ in {"VERB", "AUX"} and head.i not in inside and node.dep_ in {"nsubj", "nsubjpass"}:
            return True  # the subject of another clause ("progress Bonn and Tokyo have made")
        if head.pos_ in {"VERB", "AUX"} and head.dep_ in {"relcl", "acl"} and head.i not in inside:
            return True  # said in a clause about another noun ("the farm year, which started on April 1")
        if dated and head.pos_ == "VERB" and head.dep_ in {"xcomp", "ccomp"} and head.i not in inside and \
                head.lemma_.lower() not in MEETING_VERBS:
            return True  # "ministers agreed to extend the marketing years to the end of May": the
            # date of what they undertook ("agreed to meet on March 30" is the meeting's own)
        if dated and head.tag_ == "VBN" and head.dep_ in {"advcl", "conj"} and head.i not in inside and not any(
                c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in head.children):
            return True  # "..., suspended one year ago": a participle said of another noun (however parsed)
        node = head
        lemma = head.lemma_.lower()
        if head.ent_type_ in ORGANIZER_LABELS | PLACE_LABELS:
            continue  # a name's own words ("the General Agreement on Tariffs and Trade")
        if head.pos_ in {"NOUN", "PROPN"} and (
                lemma in SUMMIT_NOUNS | MEETING_NOUNS | OTHER_EVENTS
                or (dated and head.ent_type_ not in PLACE_LABELS | DATE and head.dep_ != "npadvmod")):
            return True
    return False


def _name_part(trigger: Token) -> bool:
    """"Summit Savings and Loan", "Summit Petroleum Corp": the word is part of a name."""
    ent = entity_at(trigger)
    if ent is not None and ent.label_ in NAME_LABELS and len(ent) > 1 and ent.root.i != trigger.i:
        return True
    if trigger.text[:1].isupper() and trigger.i > trigger.sent.start:
        doc = trigger.doc
        nxt = doc[trigger.i + 1] if trigger.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            return True
        # "the United Nations Conference on Trade and Development": a standing body's name (a
        # summit so named is still one: "the World Summit on the Information Society")
        words = [t for t in doc[trigger.sent.start:min(trigger.i + 4, trigger.sent.end)] if not t.is_space]
        at = next(k for k, t in enumerate(words) if t.i == trigger.i)
        return 0 < at < len(words) - 2 and words[at + 1].lower_ in {"on", "for"} and words[at + 2].is_title and \
            words[at - 1].is_title and trigger.lemma_.lower() not in SUMMIT_NOUNS
    return False


class SummitFinder:
    """The ``diplokg_summits`` component."""

    @staticmethod
    def _meeting_places(doc: Doc) -> None:
        """"the G8 summit in Gleneagles in Perthshire": a capitalised name right after a meeting's
        "in" or "at" that the NER left unlabelled is the place it is held (a place entity)."""
        found: list[Span] = []
        relabelled: set[int] = set()
        for token in tokens_in(doc, token_mask(doc, "LEMMA", _MEETING_WORDS, lower=True)
                               & token_mask(doc, "POS", _NOUNS)):
            for prep in token.children:
                if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"} or prep.i + 1 >= len(doc):
                    continue
                start = end = prep.i + 1
                ent = entity_at(doc[start])
                if prep.lower_ == "in" and ent is not None and ent.start == start and ent.label_ == "ORG" and \
                        not ent.ent_id_ and all(t.pos_ == "PROPN" and t.text not in NOT_PERSON_HEADS for t in ent):
                    # an unknown name the NER took for an organization: one is not met "in" it
                    found.append(Span(doc, ent.start, ent.end, label="LOC"))
                    relabelled.add(ent.start)
                    continue
                while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].is_alpha \
                        and not doc[end].ent_type_:
                    end += 1
                if end > start and not (end < len(doc) and doc[end].ent_type_ and doc[end].ent_iob_ == "I"):
                    found.append(Span(doc, start, end, label="LOC"))
        # "the Taupo meeting", "the Louvre accord": a name before a meeting or an accord is its
        # place when the article names that place elsewhere (its dateline) or it is a known venue
        places = {e.text.lower() for e in doc.ents if e.label_ in {"CITY", "LOC", "GPE"}}
        for token in tokens_in(doc, token_mask(doc, "DEP", _NAMING_DEPS) & token_mask(doc, "POS", _PROPN)):
            if not token.is_title or (
                    token.head.lemma_.lower() not in SUMMIT_NOUNS | MEETING_NOUNS | PLACED_ACCORDS
                    and token.head.lower_ != "talks") or token.i in relabelled:
                continue
            ent = entity_at(token)
            if ent is not None and (ent.label_ != "PERSON" or len(ent) > 1):
                continue
            if token.text in VENUES or token.lower_ in places:
                found.append(Span(doc, token.i, token.i + 1, label="LOC"))
                relabelled.add(token.i)
        if found:
            doc.ents = filter_spans([*(e for e in doc.ents if e.start not in relabelled), *found])
            reset_index(doc)

    def __call__(self, doc: Doc) -> Doc:
        self._meeting_places(doc)
        mentions: list[SummitMention] = []
        triggers = (token_mask(doc, "LEMMA", _MEETING_WORDS, lower=True) | token_mask(doc, "LOWER", _TALKS)) \
            & token_mask(doc, "POS", _NOUNS)
        for sent in doc.sents:
            group = _group_subject(sent)
            found_meeting = False
            for token in tokens_in(sent, triggers):
                lemma = token.lemma_.lower()
                if token.lower_ == "talks" and token.tag_ == "NNS":
                    lemma = "talks"  # (the lemma is "talk")
                if lemma not in _MEETING_WORDS or token.pos_ not in {"NOUN", "PROPN"} or _name_part(token):
                    continue
                if lemma in SUMMIT_NOUNS:
                    rule_name = "summits.summit"
                    if self._metaphor(token):
                        continue
                    if token.dep_ == "compound" and token.head.lemma_.lower() in MEETING_NOUNS:
                        continue  # "their summit meeting": the meeting is the mention
                elif lemma in MEETING_NOUNS and token.tag_ in {"NN", "NNS", "NNP"}:
                    found = _meeting_rule(token, sent)
                    if found is None:
                        continue
                    rule_name = found
                else:
                    continue
                mention = self._mention(token, rule_name, group)
                if mention is not None:
                    mentions.append(mention)
                    found_meeting = True
            if not found_meeting:
                mentions.extend(self._acting_groups(sent, group))
            mentions.extend(self._delegates_meet(sent, [m.trigger for m in mentions
                                                        if m.trigger.sent.start == sent.start]))
            mentions.extend(self._bodies(sent))
            mentions.extend(self._placed_accords(sent))
        doc._.dkg_summits = mentions
        return doc

    @staticmethod
    def _placed_accords(sent: Span) -> list[SummitMention]:
        """"A February 22 agreement in Paris": an accord told as made in a city was made at a
        meeting there (past; its own date, if it has one, is the meeting's; an organization named
        on it is the meeting's). An accord that only bears a place's name ("the Paris accord",
        "the Plaza agreement") tells of no meeting."""
        found: list[SummitMention] = []
        doc = sent.doc
        for token in tokens_in(sent, token_mask(doc, "LOWER", _placed_accord_word) & token_mask(doc, "POS", _NOUNS)):
            own = list(token.children)
            places = [e for c in own if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                      for e in [entity_at(g, frozenset({"CITY"}))] if e]
            # a place in the accord's name tells of no meeting ("the Paris accord", "the September
            # 1985 Plaza agreement" name a pact; "a February 22 agreement in Paris" tells where it
            # was made): it only dates a meeting the text tells of ("who hosted the Louvre meeting")
            named = not places
            places += [e for c in own if c.dep_ == "compound" for e in [entity_at(c, NAMING_PLACES)] if e
                       and (e.label_ == "CITY" or e.text in VENUES)]
            if not places or (any(c.dep_ == "det" and c.lower_ in {"a", "an", "no"} for c in own) and not any(
                    c.ent_type_ == "DATE" for c in own)):
                continue  # "a Paris accord" (some accord yet to be made); but "a February 22 agreement in Paris"
            verb = verb_of(token)
            # an accord still to be made ("hope to reach a Paris accord", "will sign the Paris pact")
            making = verb is not None and verb.lemma_.lower() in MAKING_VERBS and token.dep_ in {"dobj", "pobj"}
            modal = verb is not None and any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "might", "may",
                                                                            "shall"} for c in verb.children)
            if (making and modal) or (verb is not None and (verb.lemma_.lower() in UNREAL or (
                    verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNREAL))):
                continue
            organizer = next((e for c in own if c.dep_ in {"compound", "poss", "nmod"}
                              for e in [entity_at(c, ORGANIZER_LABELS)] if e), None)
            dates = tuple(e for e in ents_in(list(token.subtree), DATE) if not _SPAN_OF_TIME.match(e.text))
            found.append(SummitMention(token, organizer, places[0], dates, (), False, "past", False, False,
                                       "summits.accord-place", leaders=True, named_accord=named))
        return found

    @staticmethod
    def _metaphor(token: Token) -> bool:
        """"rugby's summit", "the summit of the charts": a summit of no party."""
        for child in token.children:
            if child.dep_ == "poss" and child.ent_type_ not in ORGANIZER_LABELS | {"COUNTRY", "GPE", "PERSON"} \
                    and child.lower_ not in {"its", "their", "this", "next", "last"} \
                    and child.lemma_.lower() not in ORGANIZATION_NOUNS:
                return child.pos_ in {"NOUN", "PROPN"} and not child.ent_type_
        of_tokens = _of_phrase(token)
        return bool(of_tokens) and not any(t.ent_type_ or t.lemma_.lower() in PARTICIPANTS for t in of_tokens)

    def _mention(self, token: Token, rule_name: str, group: Token | None, *, leaders: bool = False,
                 body: str | None = None) -> SummitMention | None:
        if any(m.lower_ in TWO for m in _modifiers(token)):
            return None
        organizer = _organizer(token, group)
        location = _location(token)
        accord = token.dep_ == "compound" and token.head.lemma_.lower() in OTHER_EVENTS
        if accord and location is None:
            # "the Venice summit accord": the summit's place sits beside it on the accord
            location = next((e for c in token.head.children if c.dep_ == "compound" and c.i != token.i
                             for e in [entity_at(c, PLACE_LABELS)] if e is not None), None)
        dates = _dates(token)
        dated = any(_own(token, d) for d in dates)
        if (_unreal(token) and not dated) or _called_off(token):
            return None  # "trying to hold a meeting"; but "the July 11-12 summit" is scheduled
            # (unless it was called off: "the meeting March 7 has been postponed")
        determiner = next((c.lower_ for c in token.children if c.dep_ in {"det", "poss"}), "")
        own_modifiers = any(m.lower_ in MULTI_PARTY for m in _modifiers(token))
        anaphoric = determiner in DEFINITE and not own_modifiers and not dated and organizer is None and not (
            location is not None and _own(token, location))
        numbered = any(m.lower_ in NUMBERED for m in _modifiers(token))
        doc = token.doc
        window = {t.lower_ for t in doc[max(token.i - 6, token.sent.start):min(token.i + 6, token.sent.end)]}
        tense = "past" if accord else _tense(token)  # an accord comes after its summit
        verb = verb_of(token)
        # "when EC ministers meet for a third day of discussions here": said of the meeting's verb
        said_here = verb is not None and any(t.lower_ == "here" and (t.head.i == verb.i or t.head.head.i == verb.i)
                                             for t in verb.subtree)
        here = "here" in window or said_here or (tense == "present" and bool(window & NOW_WORDS))
        participants = _participants(token)
        leaders = leaders or any(_participant_noun(t) for t in _of_phrase(token)) or group is not None
        if body is not None:
            own = entity_at(token, ORGANIZER_LABELS)
            organizer, anaphoric = (own if not body else None), False
        described = _described(token, group) if organizer is None and body is None else ()
        if described:
            anaphoric = False
        earlier = not dates and not here and _earlier(token, verb)
        journey = _away(token) if location is None and not here else None
        if journey is not None and not dates:
            # "leaves on April 7 to attend": the day of the journey is the nearest the text gives
            dates = tuple(e for c in journey.children if c.dep_ in {"prep", "npadvmod"}
                          for e in ents_in(list(c.subtree), DATE) if not _SPAN_OF_TIME.match(e.text))
        away = journey is not None
        return SummitMention(token, organizer, location, dates, participants, numbered, tense, anaphoric, here,
                             rule_name, leaders, body, described, earlier, away=away)

    def _acting_groups(self, sent: Span, group: Token | None) -> list[SummitMention]:
        """"EC farm ministers agreed ...", "the statement from Commonwealth leaders in Vancouver":
        an organization's ministers or leaders together stand for their meeting."""
        words = token_mask(sent.doc, "LEMMA", _GROUP_WORDS, lower=True)
        if group is None and not any_in(sent, token_mask(sent.doc, "LEMMA", GROUP_HEADS, lower=True)):
            return []  # (the cheap test first: no ministers or leaders, no group acting)
        candidates: list[Token] = []
        if group is not None and group.head.lemma_.lower() in GROUP_VERBS:
            candidates.append(group)
        for token in tokens_in(sent, words):
            if not _group(token) or token in candidates or not any(t.ent_type_ in ORGANIZER_LABELS
                                                                    for t in token.lefts):
                continue
            # "EC foreign ministers" as the agent of a decision, or placed "in Vancouver", "here"
            agent = token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.lemma_.lower() in GROUP_VERBS
            placed = any(c.dep_ == "prep" and c.lower_ in {"in", "at"} and any(
                entity_at(p, PLACE_LABELS) is not None or p.lower_ == "here" for p in c.children)
                for c in token.children)
            if agent or placed:
                candidates.append(token)
        out = []
        for token in candidates[:1]:
            mention = self._mention(token, "summits.ministers-act", token, leaders=True)
            if mention is not None and (mention.organizer is not None or mention.described):
                out.append(mention)
        if out:
            return out
        # "When ministers met on March 30 and 31 in Brussels": the ministers of the organization
        # the article is about (the assembler decides which)
        # (or "told agriculture ministers meeting in Luxembourg": the ministers' own clause says they meet)
        for token in tokens_in(sent, words):
            if token.lemma_.lower() not in {"minister", "leader"} or token.tag_ not in {"NNS", "NNPS"}:
                continue
            meeting = next((c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBG"
                            and c.lemma_.lower() in {"meet", "gather", "convene"}), None)
            own = [t for t in token.subtree
                   if meeting is None or not meeting.left_edge.i <= t.i <= meeting.right_edge.i]
            if (meeting is not None or (token.dep_ in {"nsubj", "nsubjpass"} and
                                        token.head.lemma_.lower() in {"meet", "gather", "convene"})) and \
                    not ents_in(own, frozenset({"COUNTRY", "PERSON"})):
                mention = self._mention(token, "summits.ministers-act", None, leaders=True)
                if mention is not None:
                    return [mention]
        # "Shultz told the foreign ministers of Brunei, Indonesia, Malaysia ...": ministers of
        # several countries, met together
        for token in tokens_in(sent, words):
            if token.lemma_.lower() not in GROUP_HEADS or token.tag_ not in {"NNS", "NNPS"} or (
                    token.dep_ not in {"dobj", "pobj", "dative"} and not (
                        token.dep_ == "nsubj" and token.head.lemma_.lower() in GROUP_VERBS)):
                continue  # (or "the finance ministers of ... reaffirmed the accord": they acted together)
            countries = ents_in(_of_phrase(token), frozenset({"COUNTRY"}))
            if len(countries) >= 3:
                mention = self._mention(token, "summits.ministers-act", None, leaders=True)
                if mention is not None:
                    out.append(mention)
                break
        return out

    def _delegates_meet(self, sent: Span, found: list[Token]) -> list[SummitMention]:
        """"Senior officials from the Group of Seven countries will meet next week", "officials of
        the Cartagena group met here": an organization's officials meeting are its meeting (not
        when they meet with others, or are two countries' or one's: "U.S. and Japanese officials
        met"). A meeting noun the meeting verb itself governs is that meeting ("officials met at
        the summit")."""
        doc = sent.doc
        out = []
        for token in tokens_in(sent, token_mask(doc, "LEMMA", DELEGATES, lower=True)):
            verb = token.head
            if token.tag_ not in {"NNS", "NNPS"} or token.dep_ not in {"nsubj", "nsubjpass"} or \
                    verb.lemma_.lower() not in {"meet", "gather", "convene"} or any(
                    (c.dep_ == "prep" and c.lower_ == "with") or c.dep_ == "dobj" for c in verb.children) or any(
                    verb_of(t) is verb for t in found):
                continue
            own = list(token.subtree)
            if ents_in(own, frozenset({"COUNTRY", "PERSON"})) or any(t.lower_ in TWO for t in own) or not (
                    any(t.ent_type_ in ORGANIZER_LABELS for t in own) or _described(token, token)):
                continue
            mention = self._mention(token, "summits.ministers-act", token, leaders=True)
            if mention is not None and (mention.organizer is not None or mention.described):
                out.append(mention)
        return out

    @staticmethod
    def _body_meets(ent: Span) -> bool:
        """"The European Council, meeting in Brussels, ...", "the General Assembly, which took place
        this week", "travelled to New York for the UN General Assembly": the body as a meeting,
        told by the words that hang on it (however the parser split its name)."""
        node = ent.root
        while node.dep_ == "appos" and node.head.i != node.i:
            node = node.head  # "the United Nations (UN) General Assembly"
        for child in (*ent.root.children, *node.children):
            if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in {"meet", "gather", "convene", "take"}:
                return True
        prep = node.head if node.dep_ == "pobj" else None
        return prep is not None and prep.lower_ == "for" and prep.head.lemma_.lower() in TRAVEL_VERBS | ATTEND_VERBS

    def _bodies(self, sent: Span) -> list[SummitMention]:
        """"at the European Council last week", "the IMF's interim committee meets"."""
        out = []
        for ent in ents_in(sent, ORGANIZER_LABELS):
            if ent.text not in MEETING_BODIES and ent.text.removeprefix("the ") not in MEETING_BODIES:
                continue
            before = sent.doc[ent.start - 1].lower_ if ent.start > sent.start else ""
            if before in {"the", "this", "its"} and ent.start - 1 > sent.start:
                before = sent.doc[ent.start - 2].lower_
            if before == "of" and ent.start - 2 > sent.start and sent.doc[ent.start - 2].lemma_.lower() in {
                    "day", "opening", "start", "end", "session", "eve", "close", "sideline", "margin", "meeting"}:
                before = "at"  # "the first day of the World Economic Forum"
            after = sent.doc[ent.end].lemma_.lower() if ent.end < sent.end else ""
            dated = any(e.start >= ent.end and e.start - ent.end <= 2 for e in ents_in(sent, DATE))
            if before in {"at", "after", "before", "during", "since", "until"} or dated or after in {
                    "meet", "meeting", "summit", "session"} or self._body_meets(ent):
                body = MEETING_BODIES.get(ent.text, MEETING_BODIES.get(ent.text.removeprefix("the "), ""))
                mention = self._mention(ent.root, "summits.meeting-body", None, body=body)
                if mention is not None:
                    out.append(mention)
        return out


@Language.factory("diplokg_summits", assigns=["doc._.dkg_summits", "doc.ents"], requires=["doc.ents", "token.dep"])
def make_summits(nlp: Language, name: str) -> SummitFinder:
    """Summit and ministerial-meeting mentions."""
    return SummitFinder()


# -- the assembler ---------------------------------------------------------------------------

@dataclass
class _Draft:
    organizer: Entity | None
    location: Entity | None
    dates: DateRange | None
    evidence: Evidence
    noun: str
    participants: list[Entity]
    of_countries: bool
    """Numbered (trilateral ...) or with countries as participants, or of a group the article does
    not name ("the Tokyo summit of seven leading industrial powers" in a story of the EC): not the
    summit of an organization named beside it."""
    numbered: bool
    tense: str
    here: bool
    leaders: bool
    sentences: list[int] = field(default_factory=list)
    attended: list[Span] = field(default_factory=list)
    """The sentences that name its participants."""
    recent: bool = False
    """Told as held in the days before the article ("earlier this week", "yesterday", "on Tuesday"),
    or as due in the next ones ("tomorrow", "this week")."""
    earlier: bool = False
    """Told as before the article's events, or as a kind of meeting: of no known day or place."""
    placed: bool = False
    """The text says where it is held, though perhaps only the country ("in New Zealand"): not
    where the article was filed, unless it is that place."""
    timeless: bool = False
    """Known only through what it made ("the Paris accord"): without a date of its own it is of no
    known day, not the article's."""
    named: bool = False
    """Known only through an accord that bears its place's name ("the Plaza agreement"): no
    meeting the text tells of."""

    def compatible(self, other: _Draft, today: PartialDate | None) -> bool:
        """No attribute conflicts, and at least one is shared: two mentions of one summit. A
        mention without a date is taken to be of the article's day (``today``)."""
        shared = False
        if {self.tense, other.tense} == {"future", "past"} and (self.dates is None or other.dates is None):
            return False  # one still to come, one held: two meetings, unless their dates say otherwise
        for mine, theirs in ((self.organizer, other.organizer), (self.location, other.location)):
            if mine is not None and theirs is not None:
                if mine.key != theirs.key:
                    return False
                shared = True
        for x, y in ((self, other), (other, self)):
            if x.dates is None and y.dates is not None and not x.here and x.tense != "past" and shared and \
                    x.organizer is not None and today is not None and _later_month(y.dates.start, today):
                return True  # "next week's IMF meetings" and "during the IMF meetings": the one to
                # come (an undated mention is the article's day only when nothing else dates it)
        a = self.dates.start if self.dates is not None else (
            today if self.tense != "future" and not self.timeless and not self.placed_past and not self.earlier
            else None)
        b = other.dates.start if other.dates is not None else (
            today if other.tense != "future" and not other.timeless and not other.placed_past and not other.earlier
            else None)
        if not shared and self.tense == other.tense == "future" and any(
                x.organizer is not None and x.location is None and x.dates is None and y.organizer is None
                and y.location is not None and (y.noun != "summit" or x.organizer.label not in SUMMITLESS)
                for x, y in ((self, other), (other, self))):
            return True  # "next week's Venice summit" and "the annual meeting of the major industrial
            # democracies will take place": the one meeting to come, its place and its organizer
        if a is not None and b is not None:
            if a.year != b.year or (a.month and b.month and a.month != b.month):
                return False
            # the article's day taken for an undated mention agrees with "this month" without
            # saying it is the same meeting ("told a conference of ASEAN ministers" and "the
            # Venice summit this month")
            assumed = (self.dates is None) != (other.dates is None)
            explicit = self.dates or other.dates
            if a.day and b.day and abs(_days(a, b)) > (2 if assumed else 4):
                return False  # days apart: the meeting under way is not the one due later ("the
                # meeting foundered ... a summit on June 29 and 30"); a meeting lasts a few days
            shared = shared or not (assumed and explicit is not None and explicit.start.precision != "day")
        return shared

    @property
    def placed_past(self) -> bool:
        """Told as held somewhere, without a date ("who hosted the Louvre meeting"): of any time."""
        return self.dates is None and self.location is not None and self.tense == "past"

    def absorb(self, other: _Draft) -> None:
        self.organizer = self.organizer or other.organizer
        self.location = self.location or other.location
        self.participants += [p for p in other.participants if p not in self.participants]
        self.attended += [s for s in other.attended if s not in self.attended]
        self.of_countries = self.of_countries or other.of_countries
        self.numbered = self.numbered or other.numbered
        self.here = self.here or other.here
        self.recent = self.recent or other.recent
        self.timeless = self.timeless and other.timeless
        self.named = self.named and other.named
        self.earlier = self.earlier and other.earlier
        self.placed = self.placed or other.placed
        self.leaders = self.leaders or other.leaders
        self.sentences += other.sentences
        if other.dates is not None and (self.dates is None or _precision_rank(other.dates.start)
                                        > _precision_rank(self.dates.start)):
            self.dates = other.dates


def _antecedent(drafts: list[_Draft], draft: _Draft, today: PartialDate | None) -> _Draft:
    """The summit an anaphoric mention ("the meeting") refers to: the latest one on its side of
    the article's date ("which will be attended by" is of the meeting to come)."""
    def ahead(d: _Draft) -> bool:
        if d.dates is not None and today is not None:
            return d.dates.start >= today if d.dates.start.precision == today.precision else \
                d.dates.start.year >= today.year
        return d.tense == "future"
    return next((d for d in reversed(drafts) if ahead(d) == ahead(draft)), drafts[-1])


_RECENT = re.compile(r"\b(?:this\s+week|yesterday|last\s+night|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                     re.I)
# a meeting due in the next days is reported from where it will be held ("at the G-7 meeting
# tomorrow", datelined Washington)
_SOON = re.compile(r"\b(?:this\s+week|tomorrow|tonight)\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _ahead(mention: SummitMention, date: Span) -> bool:
    """The date is still to come: the sentence says so, or it tells of a weekday in the present
    ("EU leaders meet on Friday", "ministers are meeting on Tuesday": news says the coming one)."""
    return mention.tense == "future" or (mention.tense == "present" and bool(_WEEKDAY.search(date.text)))


def _noun(mention: SummitMention) -> str:
    """What the text calls the meeting: "summit" for "their summit meeting"."""
    trigger = mention.trigger
    if mention.rule == "summits.ministers-act":
        return "meeting"
    if any(c.lemma_.lower() in SUMMIT_NOUNS for c in trigger.children if c.dep_ in {"compound", "amod", "nmod"}):
        return "summit"
    return trigger.lemma_.lower()


def _later_month(value: PartialDate, today: PartialDate) -> bool:
    """``value`` falls in a month (or year) after ``today``'s."""
    if value.year != today.year:
        return value.year > today.year
    return value.month is not None and today.month is not None and value.month > today.month


def _days(a: PartialDate, b: PartialDate) -> int:
    """Days from ``a`` to ``b`` (both dated to the day)."""
    return (dt.date(b.year, b.month or 1, b.day or 1) - dt.date(a.year, a.month or 1, a.day or 1)).days


def _precision_rank(value: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[value.precision]


class SummitAssembler:
    """Summits of one article from their mentions."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.elsewhere: list[Entity | None] = []
        self.book = membership_book(memberships_path())
        self.cities = city_names(gazetteer_path())

    def intergovernmental(self, org: Entity) -> bool:
        """An organization of states: one the gazetteer or the membership book knows, or a
        meeting body; not a company, a party or an association."""
        if self.article.intergovernmental(org):
            return True
        if self.article.press_or_party(org):
            return False
        names = (org.label, *org.aliases)
        return any(self.book.organization(n) for n in names) or any(n in MEETING_BODIES for n in names)

    def _place(self, span: Span | None) -> Entity | None:
        """The meeting place; a country that shares its name with a city is the city there
        ("Luxembourg"), any other country is no place (a summit's location is a dkg:Place: "the
        summit in Chile" says the country, not where in it)."""
        a = self.article
        if span is None:
            return None
        mention = a.mention(span)
        if mention is None:
            return None
        if mention.kind is EntityKind.COUNTRY:
            city = self.cities.get(mention.name) or self.cities.get(mention.surface)
            if city is None:
                # a city state is its own meeting place ("SINGAPORE, June 18 -")
                return a.add(Mention(EntityKind.PLACE, mention.name, mention.surface, mention.start, mention.end)) \
                    if mention.name in CITY_STATES else None
            return a.add(Mention(EntityKind.CITY, city.label, mention.surface, mention.start, mention.end))
        return a.add(mention) if mention.kind in {EntityKind.CITY, EntityKind.PLACE} else None

    @functools.cached_property
    def dateline(self) -> Entity | None:
        """Where the article was filed: its dateline city, or the city of a city state
        ("SINGAPORE, June 18 -" names the country)."""
        a = self.article
        if a.dateline is not None:
            return a.dateline
        first = a.doc.ents[0] if a.doc.ents else None
        return self._place(first) if first is not None and first.start == 0 else None

    @functools.cached_property
    def dateline_country(self) -> Entity | None:
        """The country the article was filed from: named after its dateline city ("TAUPO, New
        Zealand, March 24 -"), or the one whose capital that city is."""
        a = self.article
        if self.dateline is None:
            return None
        first = a.doc.ents[0] if a.doc.ents else None
        second = a.doc.ents[1] if len(a.doc.ents) > 1 else None
        if first is not None and second is not None and second.start - first.end <= 1:
            country = a.entity_of(second, {EntityKind.COUNTRY})
            if country is not None:
                return country
        return a.country_of_capital(self.dateline)

    def _filed_in(self, span: Span) -> bool:
        """The place named (a country) is the one the article was filed from."""
        country = self.article.entity_of(span, {EntityKind.COUNTRY})
        home = self.dateline_country
        return country is not None and home is not None and country.key == home.key

    def _held_elsewhere(self, mentions: list[SummitMention]) -> list[Entity | None]:
        """The organizers (None: not one of states) of the meetings still to come or under way that
        the article places somewhere other than its dateline ("ahead of the IMF meeting in
        Washington this week", datelined Hong Kong), with those no summit of their own."""
        dateline = self.dateline
        found: list[Entity | None] = []
        for m in mentions:
            if m.organizer is None or m.tense == "past":
                continue  # (a summit of no organization named, or one held before, is another meeting)
            place = self._place(m.location)
            if place is None or (dateline is not None and place.key == dateline.key):
                continue
            # (and the others its name joins: "any G-5 or G-7 meeting in Washington")
            spans = [m.organizer, *(e for c in _modifiers(m.trigger) for e in ents_in(list(c.subtree), ORGANIZER_LABELS)
                                    if e.start != m.organizer.start)]
            for span in spans:
                org = self.article.entity_of(span, ORGANIZATION_KINDS)
                found.append(org if org is not None and self.intergovernmental(org) else None)
        return found

    def run(self, mentions: list[SummitMention]) -> None:
        a = self.article
        base = a.date
        self.elsewhere = self._held_elsewhere(mentions)
        drafts: list[_Draft] = []
        for m in mentions:
            organizer = a.entity_of(m.organizer, ORGANIZATION_KINDS)
            if m.body:
                organizer = self._named_org(m.body)
            for name in m.described if organizer is None else ():
                organizer = self._named_org(name)
                if organizer is not None:
                    break
            if organizer is not None and not self.intergovernmental(organizer):
                continue  # a company's or an association's meeting
            r = rule(m.rule)
            location = self._place(m.location)
            draft = _Draft(
                organizer=organizer,
                location=location,
                dates=next((d for d in (resolve(s.text, base, m.tense == "past", future=_ahead(m, s))
                                        for s in m.dates) if d is not None), None),
                evidence=a.evidence(m.trigger.sent, r.confidence, r.name),
                noun=_noun(m),
                participants=[e for e in (a.entity_of(p, {EntityKind.COUNTRY}) for p in m.participants) if e],
                of_countries=m.numbered or len(m.participants) >= 2 or (bool(m.described) and organizer is None),
                numbered=m.numbered,
                tense=m.tense,
                here=m.here,
                leaders=m.leaders,
                sentences=[m.trigger.sent.start],
                attended=[m.trigger.sent] if m.participants else [],
                recent=any((_RECENT if m.tense == "past" else _SOON).search(s.text) for s in m.dates),
                timeless=m.rule == "summits.accord-place",
                named=m.named_accord,
                earlier=m.earlier,
                placed=(m.location is not None and location is None and not self._filed_in(m.location)) or m.away,
            )
            if m.anaphoric and drafts:
                # "the summit": one named before; who attends it is said of that one
                meant = _antecedent(drafts, draft, base)
                meant.participants += [p for p in draft.participants if p not in meant.participants]
                meant.attended += [s for s in draft.attended if s not in meant.attended]
                continue
            same = next((d for d in reversed(drafts) if d.compatible(draft, base)), None)
            if same is not None:
                same.absorb(draft)
            else:
                drafts.append(draft)
        main_org = a.main_organization()
        for d in drafts:
            if (d.timeless and d.dates is None) or d.named:
                continue  # known only by the accord made there ("an agreement in Paris", "the
                # Plaza agreement"): the text speaks of the agreement, not of a meeting it tells of
            if d.earlier and d.location is None:
                continue  # "had agreed", "at G-7 meetings": no meeting the text tells of
            self._add(d, self._near_organization(d), main_org, base)

    def _near_organization(self, draft: _Draft) -> Entity | None:
        """An international organization named in the mention's sentence or the one before ("...
        to meet with other NATO leaders. He is the only non-Nato leader invited to the summit.")."""
        doc = self.article.doc
        first = min(draft.sentences)
        sent = doc[first].sent
        for span in (sent, doc[sent.start - 1].sent if sent.start > 0 else None):
            if span is None:
                continue
            for ent in reversed(ents_in(span, ORGANIZER_LABELS)):
                org = self.article.entity_of(ent, ORGANIZATION_KINDS)
                if org is not None and self.article.intergovernmental(org) and self.book.size(org.label, None) < 100:
                    return org
        return None

    def _named_org(self, name: str) -> Entity | None:
        """The article's organization called ``name`` (a meeting body's organization)."""
        wanted = self.book.organization(name) or name
        for entity in self.article.organizations():
            if any((self.book.organization(n) or n) == wanted for n in (entity.label, *entity.aliases)):
                return entity
        return None

    def _members_of(self, org: Entity | None, countries: list[Entity], most: bool = False) -> bool:
        """All of ``countries`` (two or more) belong to ``org`` (and, with ``most``, they are at
        least half of its members: six of the OECD's members may meet as the Group of Six)."""
        if org is None or len(countries) < 2:
            return False
        year = self.article.date.year if self.article.date else None
        if most and 2 * len(countries) < self.book.size(org.label, year):
            return False
        return all(self.book.is_member(c.label, org.label, year) for c in countries)

    def _add(self, d: _Draft, near: Entity | None, main_org: Entity | None, base: PartialDate | None) -> None:
        a = self.article
        # a summit the text does not attribute is the summit of the organization named beside it
        # or the article is about, unless it is a meeting of countries: of no organization, or of
        # the one named beside it when all of them are its members (not the article's: six
        # countries that all belong to the OECD may meet as the Group of Six)
        if d.noun == "summit":
            # a summit is of leaders: not of an organization that holds none
            near, main_org = (None if o is not None and o.label in SUMMITLESS else o for o in (near, main_org))
        organizer = d.organizer or ((near or main_org) if not d.of_countries else None)
        if organizer is not None and organizer.label in INSTITUTIONS:
            # "the ministers ... split on the EC Commission's proposals": the Community's meeting
            organizer = next((o for o in map(self._named_org, INSTITUTIONS[organizer.label]) if o is not None), None)
        if organizer is None and not d.numbered:
            organizer = next((org for org in (near, main_org)
                              if self._members_of(org, d.participants, most=org is not near)), None)
        if organizer is None and not (d.of_countries or d.noun == "summit" or d.leaders or
                                      d.evidence.rule == "summits.place-named"):
            return  # a meeting of no organization, not called a summit, without leaders or countries
            # (but one known by its place: "the Paris monetary conference")
        acting = d.evidence.rule == "summits.ministers-act" and d.tense != "future"
        # undated: today's when it is under way or told as just held; but a past one held
        # elsewhere than the article was filed ("agreed at the Tokyo summit", from Washington) may
        # be of any time, so its date is not the article's
        dateline = self.dateline
        elsewhere = (d.location is not None and (dateline is None or d.location.key != dateline.key)) or (
            d.placed and d.location is None)  # (said to be in a country: "held in New Zealand")
        # "during the Paris meeting", from Washington: a meeting known by its place, held there
        # at a time the text does not give
        named_elsewhere = d.evidence.rule == "summits.place-named" and d.dates is None and elsewhere and not d.here
        now = not d.timeless and not d.earlier and not named_elsewhere and (
            d.tense == "present" or d.here or acting or (d.tense == "past" and not elsewhere))
        start = d.dates.start if d.dates else (base if now else None)
        location = d.location
        today = d.dates is None or d.dates.start == base
        # a meeting the text dates to the article's own day ("on the eve of a two-day meeting",
        # "opens today") is under way where the article was filed, whatever its tense
        dated_today = d.dates is not None and base is not None and base.day is not None and d.dates.start == base
        # an undated meeting told as just held is the article's own ("Clark told a conference of
        # ASEAN ministers"): news reports it from where it is held
        undated_past = d.dates is None and d.tense == "past" and now
        # (not when the article places this meeting, or one of no known organization, elsewhere)
        moved = not d.here and any(o is None or (organizer is not None and o.key == organizer.key)
                                   for o in self.elsewhere)
        if location is None and dateline is not None and not d.earlier and not d.placed and not moved and (
                (today and (d.here or d.tense == "present" or acting or undated_past)) or d.recent or dated_today
                or (d.here and d.dates is not None)):  # ("the Interim Committee here next week")
            location = dateline  # happening now or just held, where the article was filed
        label = " ".join(p for p in (
            organizer.label if organizer else None, d.noun,
            f"in {location.label}" if location else None,
            f"({start.isoformat()})" if start else None) if p)
        if organizer is not None and start is not None and any(
                (s.organizer, s.location, s.start) == (organizer.key, location.key if location else None, start)
                for s in a.extraction.summits):
            return  # the same organization's meeting, place and day: one summit told twice
        a.extraction.summits.append(Summit(
            label=label, evidence=d.evidence,
            organizer=organizer.key if organizer else None,
            location=location.key if location else None,
            start=start, end=d.dates.end if d.dates else None,
            participants=tuple(p.key for p in d.participants),
        ))
        if organizer is not None and d.attended:
            self._attending_members(organizer, d)

    def _attending_members(self, org: Entity, d: _Draft) -> None:
        """Countries attending an organization's summit take part as its members, when the
        membership book confirms every one of them (guests and observers attend too)."""
        year = self.article.date.year if self.article.date else None
        if self.book.size(org.label, year) >= 100 or not all(
                self.book.is_member(c.label, org.label, year) for c in d.participants):
            return
        r = rule("memberships.summit-participant")
        for country in d.participants:
            self.article.relate(RelationKind.MEMBER_OF, country, org,
                                self.article.evidence(d.attended[0], r.confidence, r.name))


def assemble_summits(article: Article, mentions: list[SummitMention]) -> None:
    """The summits of one article (``mentions`` from ``doc._.dkg_summits``)."""
    SummitAssembler(article).run(mentions)
