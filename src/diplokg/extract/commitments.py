"""Pledges, commitments, decided measures, agreements and obligations: the ``diplokg_commitments``
component and its assembler.

The finder reads, into ``doc._.dkg_commitments``, each undertaking with the words that name its
party and the words it governs:

* a verb of undertaking with its subject ("pledged", "committed", "promised", "vowed", "agreed to",
  "decided to"), an obligation ("is required to", "is bound by the treaty to");
* a verb of giving with an amount of money or a measure ("offered pounds 960m", "confirmed a new
  aid package", "announced a complete withdrawal");
* a measure the party will carry out, or has decided ("will end all military cooperation", "will
  not renew the agreement", "imposed sanctions", "the quota will be raised to 34,300 tonnes");
* an agreement signed, reached or entered into, one fact per party ("signed an agreement to
  construct the pipeline", "entered into an agreement with the government of Syria");
* a noun of undertaking and its party ("the EU's commitment to", "his target for", "the decision
  by India and Pakistan to open"), or the party that keeps or breaks it ("in breach of an
  undertaking");
* what the other side will receive under a deal ("Under the deal, Argentina will benefit from
  ..."): the deal's maker commits it.

Hopes, calls on others ("urged X to"), conditions ("if"), proposals and "should"/"could" are not
commitments. The assembler resolves the party (a minister's pledge is their state's, "the
Community" the European Community, pronouns their antecedent, "I"/"we" in a quote the speaker,
"both sides" the two parties of the article), and reads value, unit, deadline and topic from
the undertaking's own clause only.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..dates import PartialDate
from .amounts import Amount, find_amounts
from .entities import ORGANIZATION_KINDS, Article
from .records import Commitment, Entity, EntityKind
from .rules import factor, lexicon, rule
from .spans import conjuncts, entity_at, ents_in, heads, tokens_with, word_ids
from .temporal import resolve

_LEX = lexicon("commitments")
PLEDGE_VERBS = _LEX.words("pledge_verbs")
NEEDS_COMPLEMENT = _LEX.words("needs_complement")
GIVING_VERBS = _LEX.words("giving_verbs")
MARKET_OPERATIONS = _LEX.words("market_operations")
MEASURE_VERBS = _LEX.words("measure_verbs")
WEAK_MEASURE_VERBS = _LEX.words("weak_measure_verbs")
NOT_SPEAKERS = _LEX.words("not_speakers")
CAMPAIGN_WORDS = _LEX.words("campaign_words")
HEAD_TITLES = _LEX.words("head_titles")
NOT_HEAD_OFFICES = _LEX.words("not_head_offices")
_CAMPAIGN = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, CAMPAIGN_WORDS))) + r")(?:s|es|ing|ed)?\b", re.I)
DECISION_VERBS = _LEX.words("decision_verbs")
OUTLAY_VERBS = _LEX.words("outlay_verbs")
STATE_PLAN_VERBS = _LEX.words("state_plan_verbs")
STATE_PARTY_LABELS = frozenset({"COUNTRY", "INTL_ORG", "ALLIANCE"})
OFFERING_VERBS = _LEX.words("offering_verbs")
GOVERNMENT_BODIES = _LEX.words("government_bodies")
TARGET_VERBS = _LEX.words("target_verbs")
MEASURE_NOUNS = _LEX.words("measure_nouns")
ACTION_OBJECTS = _LEX.words("action_objects")
DEAL_NOUNS = _LEX.words("deal_nouns")
DEAL_VERBS = _LEX.words("deal_verbs")
JOINT_DEAL_VERBS = _LEX.words("joint_deal_verbs")
PLEDGE_NOUNS = _LEX.words("pledge_nouns")
PLEDGE_NOUNS_NEEDING_COMPLEMENT = _LEX.words("pledge_nouns_needing_complement")
QUALITY_PLEDGES = _LEX.words("quality_pledges")
NOT_PLEDGING_HEADS = _LEX.words("not_pledging_heads")
PRICED_VERBS = _LEX.words("priced_verbs")
STATE_COMPLEMENTS = _LEX.words("state_complements")
STATE_TARGETS = _LEX.words("state_targets")
CONTENT_OF_NOUNS = _LEX.words("content_of_nouns")
ASKED_NOUNS = _LEX.words("asked_nouns")
KEEPING_VERBS = _LEX.words("keeping_verbs")
DEAL_KEEPING_VERBS = _LEX.words("deal_keeping_verbs")
AGREED_OBJECTS = _LEX.words("agreed_objects")
RECEIVING_VERBS = _LEX.words("receiving_verbs")
COLLECTIVES = _LEX.words("collectives")
PAIRS = _LEX.words("pairs")
PRONOUNS = _LEX.words("pronouns")
NOT_COMMITTED = _LEX.words("not_committed")
MODALS_NOT_COMMITTED = _LEX.words("modals_not_committed")
NOT_COMMITMENT_OBJECTS = _LEX.words("not_commitment_objects")
DEADLINE_WORDS = _LEX.words("deadline_words")
START_WORDS = _LEX.words("start_words")
OBLIGATION_WORDS = _LEX.words("obligation_words")
OBLIGATION_BY = _LEX.words("obligation_by")
_OBLIGATIONS = OBLIGATION_WORDS | OBLIGATION_BY
QUOTA_NOUNS = _LEX.words("quota_nouns")
OWNED_MEASURES = _LEX.words("owned_measures")
GIVING_NOUNS = _LEX.words("giving_nouns")
BUDGET_NOUNS = _LEX.words("budget_nouns")
BUDGET_SUBJECTS = _LEX.words("budget_subjects")
BUDGET_VERBS = _LEX.words("budget_verbs")
NOT_STATE_SPENDING = _LEX.words("not_state_spending")
PENDING_BUDGET_WORDS = _LEX.words("pending_budget_words")
RULE_NOUNS = _LEX.words("rule_nouns")
BINDING_PREPS = _LEX.words("binding_preps")
RECEIVED_WORDS = _LEX.words("received_words")
CHANGE_VERBS = _LEX.words("change_verbs")
MEETING_WORDS = _LEX.words("meeting_words")
NEAREST_COLLECTIVES = _LEX.words("nearest_collectives")
GIVEN_NOUNS = _LEX.words("given_nouns")
PAST_MEASURE_VERBS = _LEX.words("past_measure_verbs")
PAST_MEASURE_OBJECTS = _LEX.words("past_measure_objects")
LAUNCH_VERBS = _LEX.words("launch_verbs")
HOLDING_VERBS = _LEX.words("holding_verbs")
TAKING_VERBS = _LEX.words("taking_verbs")
TAKEN_MEASURES = _LEX.words("taken_measures")
EFFECT_VERBS = _LEX.words("effect_verbs")
EFFECT_WORDS = _LEX.words("effect_words")
NOT_CURRENT = _LEX.words("not_current")
PENDING_DEAL_WORDS = _LEX.words("pending_deal_words")
ORGANIZATION_DEALS = _LEX.words("organization_deals")
OWN_DEAL_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# names that may hold a number of their own ("the Group of Seven", "the Group of 77")
NAME_LABELS = frozenset({"ALLIANCE", "INTL_ORG", "ORG"})
_TRIGGERS = (PLEDGE_VERBS | GIVING_VERBS | MEASURE_VERBS | WEAK_MEASURE_VERBS | DEAL_NOUNS | DEAL_VERBS | PLEDGE_NOUNS
             | RECEIVING_VERBS | OBLIGATION_WORDS | OBLIGATION_BY | TARGET_VERBS | QUOTA_NOUNS | OWNED_MEASURES
             | BUDGET_NOUNS | BUDGET_VERBS | BINDING_PREPS | TAKING_VERBS | {"committed"})
_TRIGGER_IDS = word_ids(_TRIGGERS, any_case=True)
_BUDGET_IDS = word_ids(BUDGET_NOUNS, any_case=True)
SPEECH_VERBS = _LEX.words("speech_verbs")
PARTY_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "ORG", "PERSON", "GPE", "CITY"})
REFERENCES = frozenset(lexicon("entities").table("references"))
STATE_NOUNS = lexicon("entities").words("state_nouns")
_NEWS = frozenset(lexicon("entities").table("news_organizations").values())
FUTURE = frozenset({"will", "shall", "'ll", "wo"})
FIRST_PERSON = frozenset({"i", "we", "my", "our", "us"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# links along which a clause is the complement of the verb above it ("urged X to contribute")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
# links along which a verb shares the subject of the verb above it
SHARED_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "acomp"})

if not Doc.has_extension("dkg_commitments"):
    Doc.set_extension("dkg_commitments", default=None)


@dataclass(frozen=True)
class CommitmentMatch:
    """A party's undertaking as found in one sentence (spans and tokens; never leaves extract)."""

    parties: tuple[Span | Token, ...]
    """Entity spans, or tokens for the assembler to resolve (pronouns, "both sides", "donors",
    "the Community", "the sanctions")."""
    trigger: Token
    scope: Span
    """The words the undertaking governs: value, deadline and topic are read from them."""
    topic: Span | None
    deadlines: tuple[Span, ...]
    rule: str
    recipient: Span | None = None
    """For ``commitments.beneficiary``: who receives, so not the party."""
    change: bool = False
    """A verb of change ("raised by 4,500 tonnes to 34,300 tonnes"): the value is the one after "to"."""
    split: bool = False
    """Each amount joined by "and" is a commitment of its own ("a quota of 5,000 tonnes and levies
    on 550,000 tonnes")."""
    valued: bool = True
    """The amounts of its words are what it commits; not for a measure lifted or suspended, whose
    sums are what it applies to ("suspended interest payments on 68 billion dlrs of debt")."""
    future: bool = False
    """What is undertaken is still to come ("will end", "promised to ask"): a date it names
    without "by" or "until" is its deadline too ("next year")."""
    states_only: bool = False
    """An undertaking only of a state or an international organization: "a commitment to
    growth" is a country's policy, "a commitment to good design" a company's virtue."""


def _definite(token: Token) -> bool:
    """The noun is definite: "the Community", not "a group"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _party_of(token: Token) -> Span | Token | None:
    """The party a noun names: an entity, a pronoun, a collective or a reference to resolve."""
    ent = entity_at(token, PARTY_LABELS)
    if ent is not None:
        return ent
    lower = token.lower_
    if lower in PRONOUNS or (token.text in REFERENCES and _definite(token)):
        return token  # "the bloc", not "a group of other industrial nations"
    if lower == "member" and _definite(token):
        return token  # "the OPEC member": the country the text just named, not OPEC
    # "the government of Greece", "the U.S. government", "Japan's government", "EC ministers"
    # (but "German firms" are no state's own body)
    state_body = token.lower_ in STATE_NOUNS or token.lemma_.lower() in STATE_NOUNS
    for child in token.children:
        if child.dep_ in {"compound", "poss", "amod", "nmod"} and state_body:
            ent = entity_at(child, PARTY_LABELS - {"PERSON"})
            if ent is not None:
                return ent
        if child.dep_ == "prep" and child.lower_ in {"of", "from"} and state_body:
            for pobj in child.children:
                ent = entity_at(pobj, PARTY_LABELS)
                if ent is not None:
                    return ent
    lemma = token.lemma_.lower()
    if lemma in {"country", "government", "nation", "state", "administration"}:
        # "his country will provide": the state of the one it belongs to
        own = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
        if own is not None:
            return own
    if lemma in PAIRS and any(c.lower_ in {"both", "two"} for c in token.children):
        return token  # "both sides": the assembler finds the two
    if lower == "country" and _definite(token):
        return token  # "the country": the country the text just named
    own = next((c for c in token.children if c.dep_ == "compound" and c.lower_ == "government"), None)
    if own is not None and lemma in GOVERNMENT_BODIES:
        return own  # "a government task force": the government's
    if lemma in COLLECTIVES or lemma in MEASURE_NOUNS | DEAL_NOUNS or lower in MEASURE_NOUNS:
        return token
    if _sum_given(token):
        return token  # "A further 15m euros will be made available": the giver of the sums before
    if lemma in MEETING_WORDS and token.dep_ == "nsubj":
        # "the OPEC meeting agreed to", "EC ministers meeting here agreed": the organization that met
        for left in token.lefts:
            ent = next((entity_at(t, PARTY_LABELS - {"PERSON"}) for t in left.subtree
                        if entity_at(t, PARTY_LABELS - {"PERSON"}) is not None), None)
            if ent is not None and ent.label_ in {"INTL_ORG", "ALLIANCE"}:
                return ent
    return None


def _sum_given(token: Token) -> bool:
    """A sum as the subject of a passive with no agent: "about 40m euros will be offered in the
    form of loans", or as what a passive is raised by: "efforts are to be boosted by an extra 3.5m
    euros" (who gives it is the party of the commitment just before)."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        # the sum itself, not a clause about the agent ("by Glidden, which ICI bought for 580 mln dlrs")
        clauses = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
        own = [t for t in token.subtree if t.i not in clauses]
        return token.ent_type_ == "MONEY" or any(a.kind == "money" for a in _amounts(_span(token.doc, own)))
    if token.dep_ != "nsubjpass" or any(c.dep_ == "agent" for c in token.head.children):
        return False
    return any(a.kind == "money" for a in _amounts(_span(token.doc, list(token.subtree))))


def _agreed_measure(verb: Token) -> Token | None:
    """"EC ministers agreed (that) member states would have to cut emissions by 20 pct": a measure
    the parties themselves (their members, "they") will or must take, agreed as a clause."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    act = clause
    if clause.lemma_.lower() == "have":
        act = next((c for c in clause.children if c.dep_ == "xcomp" and c.tag_ == "VB"), clause)
    if not aux & (FUTURE | {"would", "must"}) or act.lemma_.lower() not in MEASURE_VERBS | WEAK_MEASURE_VERBS:
        return None
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    own = subject is not None and (subject.lower_ in {"they", "we"} or subject.lemma_.lower() in {
        "state", "member", "country", "government", "nation"})
    return act if own else None


def _parties(subject: Token) -> tuple[Span | Token, ...]:
    found: list[Span | Token] = []
    # "The United States, Japan, West Germany ... agreed": the parser hangs the list on an apposition
    listed = [t for t in conjuncts(subject, frozenset({"conj", "appos"}))
              if t.i == subject.i or t.dep_ == "conj" or entity_at(t, PARTY_LABELS - {"PERSON"}) is not None]
    for token in listed:
        party = _party_of(token)
        if party is not None and party not in found:
            found.append(party)
        # "international organisations such as the World Bank pledged": the ones named
        for child in token.children:
            such = any(c.lower_ == "such" for c in child.children) or (
                child.i > 0 and child.doc[child.i - 1].lower_ == "such")
            if child.dep_ == "prep" and child.lower_ == "as" and such:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    for t in conjuncts(pobj):
                        ent = entity_at(t, PARTY_LABELS - {"PERSON"})
                        if ent is not None and ent not in found:
                            found.append(ent)
        # "the delegations of Cyprus, Greece and Israel": every country of the list
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    for t in conjuncts(pobj)[1:]:
                        ent = entity_at(t, PARTY_LABELS)
                        if ent is not None and ent not in found:
                            found.append(ent)
    if not found and subject.dep_ == "nsubjpass":
        # "3.15 billion dlrs in fresh funds were pledged": the measure given, for the assembler to
        # find its giver
        measure = next((t for t in subject.subtree if _one_of(t, MEASURE_NOUNS)), None)
        if measure is not None:
            found.append(measure)
    return tuple(found)


def _subject(verb: Token) -> Token | None:
    """The verb's subject (or passive agent), or that of the clause it hangs from ("Britain urged
    ..., pledging"); for a relative clause, the noun it describes; for "the accord commits Brazil
    to reduce", the one committed."""
    binding = verb.lemma_.lower() in {"commit", "oblige", "obligate", "bind", "require", "compel"}
    if binding and any(c.dep_ == "xcomp" or (c.dep_ == "advcl" and c.tag_ == "VB" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)) for c in verb.children):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in {"itself", "themselves"}),
                   None)
        if obj is not None and _party_of(obj) is not None:
            return obj
    bound = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if binding else None
    if bound is not None:
        return bound  # "Britain is bound by the treaty to": the one bound, not what binds it
    node = verb
    for _ in range(8):
        # "raised by 4,500 tonnes": a quantity after "by" is no agent
        agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                      and not g.like_num and not any(n.dep_ == "nummod" for n in g.children)
                      and g.ent_type_ not in {"QUANTITY", "CARDINAL", "DATE", "MONEY", "PERCENT"}
                      and not _sum_given(g)), None)
        # the subject, or one the parser hung on an auxiliary ("Saudi Arabia is committed")
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS] + [
            g for c in node.children if c.dep_ in {"aux", "auxpass"} for g in c.children if g.dep_ in SUBJECT_DEPS]
        for child in subjects:
            if child.lower_ in {"that", "which", "who"} and node.dep_ == "relcl":
                return node.head
            if child.dep_ == "nsubjpass" and agent is not None:
                return agent
            return child
        if agent is not None:
            return agent
        glued = _glued_subject(node)
        if glued is not None:
            return glued
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "pcomp" and node.head.lower_ in {"for", "of"} and node.head.head.pos_ == "VERB":
            # "defended President Bush for guaranteeing resources": the one defended guarantees
            obj = next((c for c in node.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if node.dep_ not in SHARED_SUBJECT_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp":
            # "will urge Tokyo and Bonn to meet commitments": the one urged does it
            obj = next((c for c in node.head.children if c.dep_ == "dobj" and c.i < node.i), None)
            if obj is not None and _party_of(obj) is not None:
                return obj
        node = node.head
    return None


def _glued_subject(verb: Token) -> Token | None:
    """"Under the Louvre Accord West Germany and Japan pledged": the parser glues the subject to
    the opening phrase's name ("the Louvre Accord West Germany"); the party at its end is the
    subject."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i:
            continue
        for pobj in prep.children:
            ent = entity_at(pobj, PARTY_LABELS - {"PERSON"}) if pobj.dep_ == "pobj" else None
            if ent is not None and any(c.dep_ in {"compound", "det"} and c.i < ent.start for c in pobj.children):
                return pobj
            # "Under the Madrid accord Italy and Spain, which ..., pledged": the list hung on the
            # phrase's noun as an apposition
            if pobj.dep_ == "pobj":
                glued = next((c for c in pobj.children if c.dep_ == "appos" and c.i == pobj.i + 1
                              and entity_at(c, PARTY_LABELS - {"PERSON"}) is not None), None)
                if glued is not None:
                    return glued
    return None


def _aux(verb: Token) -> set[str]:
    """The verb's auxiliaries, and those of the verb it is coordinated with ("will end ... and cut")."""
    found = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.dep_ == "conj":
        found |= {c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}}
    return found


def _negated(verb: Token) -> bool:
    """"did not agree", and "neither the U.S. nor the Soviet Union has ratified it", "no country
    has signed"."""
    nodes = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if any(c.dep_ == "neg" for n in nodes for c in n.children):
        return True
    subjects = [c for n in nodes for c in n.children if c.dep_ in SUBJECT_DEPS]
    return any(g.lower_ in {"neither", "no", "none"} and g.dep_ in {"preconj", "det", "dep"} and g.i <= s.i
               for s in subjects for g in s.children)


def _reported(verb: Token) -> bool:
    """Told as what someone said ("said it would provide"): a complement of a speech verb."""
    for head in heads(verb):
        if head.pos_ not in {"VERB", "AUX"}:
            return False
        if head.lemma_.lower() in SPEECH_VERBS or head.lemma_.lower() in PLEDGE_VERBS - {"aim", "sign"}:
            return True  # "said it would provide", "agreed that it would cut"
        if head.dep_ not in COMPLEMENT_DEPS | {"conj"}:
            return False
    return False


CONDITIONS = frozenset({"if", "unless", "whether", "before", "once", "until", "till", "lest"})
# links up which a clause stays inside what the verb above it says ("urged X to contribute", "the
# attempt to have the directive adopted"); not advcl ("Britain urged ..., pledging")
EMBEDDING_DEPS = COMPLEMENT_DEPS | frozenset({"conj", "relcl", "acl", "pcomp", "prep", "pobj", "dobj", "nsubj",
                                              "nsubjpass", "attr"})


def _held_back(verb: Token) -> bool:
    """Only hoped, urged, proposed, conditional, modal or said by an onlooker: no commitment."""
    aux = _aux(verb)
    if aux & MODALS_NOT_COMMITTED and not _bound(verb):
        return True
    if "would" in aux and not _reported(verb):
        return True  # "would breach": a condition, unless reported ("said it would")
    if {"to", "have"} <= aux and verb.tag_ == "VBN":
        return True  # "were due to have adopted a package": what should have been, and was not
    node = verb
    for head in heads(verb, 12):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children):
            return True
        if node.dep_ not in EMBEDDING_DEPS:
            return False
        lemma = head.lemma_.lower()
        if lemma in NOT_COMMITTED or head.lower_ in NOT_COMMITTED:
            return True
        if head.pos_ in {"VERB", "AUX"}:
            if _aux(head) & MODALS_NOT_COMMITTED:
                return True
            if any(c.dep_ == "neg" for c in head.children) and node.dep_ in COMPLEMENT_DEPS:
                return True  # "did not agree to", "refused to pledge"
            speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if lemma in SPEECH_VERBS and speaker is not None and speaker.lemma_.lower() in NOT_SPEAKERS and (
                    aux & (FUTURE | {"would"}) or verb.tag_ == "VB"):
                return True  # "analysts said OPEC will keep the ceiling": a forecast, not a pledge
        node = head
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children)


def _conditional(verb: Token) -> bool:
    """A condition hangs on the verb or on a verb above it ("if circumstances changed, ... will
    take measures"), as a clause of its own."""
    chain = {verb.i, *(h.i for h in heads(verb, 12))}
    return any(t.dep_ == "mark" and t.lower_ in {"if", "unless"} and t.head.head.i in chain for t in verb.sent)


def _bound(verb: Token) -> bool:
    """"Under the agreement, Iran must suspend enrichment": what a deal obliges its party to do."""
    if "must" not in _aux(verb):
        return False
    return any(prep.dep_ == "prep" and prep.lower_ == "under" and any(
        p.lemma_.lower() in DEAL_NOUNS for p in prep.children) for prep in verb.children)


def _future(verb: Token) -> bool:
    """Will happen: "will end", "is to end", "said it would end", or the complement of an
    undertaking ("agreed to end")."""
    aux = _aux(verb)
    if aux & FUTURE or ("would" in aux and _reported(verb)) or _bound(verb):
        return True
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLEDGE_VERBS | GIVING_VERBS:
        return True
    # "Britain is to double its aid", "the aid is to be doubled": the news form of a decided future
    passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in verb.children)
    return (verb.tag_ == "VB" or passive) and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "be" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _span(doc: Doc, tokens: list[Token]) -> Span:
    end = max(t.i for t in tokens) + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1  # keep "960m" whole when the parser hangs "m" elsewhere
    return doc[min(t.i for t in tokens):end]


def _scope(verb: Token, subject: Token | None) -> Span | None:
    """The words a verb governs after it, without its subject or the clauses of verbs coordinated
    with it (each of those is an undertaking of its own); in the passive, what was undertaken
    comes first ("A 50 mln dlr aid package was approved by the World Bank")."""
    excluded: set[int] = set()
    if subject is not None:
        excluded.update(t.i for t in subject.subtree)
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            if infinitive is not None and child.tag_ == "VB" and verb.tag_ != "VB" and child.i > infinitive.i and \
                    not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
                continue  # "agreed to back the bill and allow its passage by July 1": the infinitive's conjunct
            excluded.update(t.i for t in child.subtree)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    undertaken = {t.i for t in passive.subtree} if passive is not None and subject is not None and \
        subject.i != passive.i else set()
    tokens = [t for t in verb.subtree if t.i not in excluded and (t.i >= verb.i or t.i in undertaken)]
    if _given_by(verb, subject):
        # "the pounds 50m given by the government": what was given is the noun the participle describes
        tokens = list(_described(verb)) + tokens
    if len(tokens) <= 1:
        return None
    return _span(verb.doc, tokens)


def _given_by(verb: Token, subject: Token | None) -> bool:
    """A participle that describes what its agent gave or decided ("the aid granted by Japan", "a
    loan approved by the World Bank")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and subject is not None and subject.head.dep_ == "agent" \
        and subject.head.head.i == verb.i


def _described(participle: Token) -> Span:
    """The noun phrase a participle describes, up to it ("the 2 billion dlrs in credits [extended]")."""
    noun = participle.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        noun = noun.head.head
    return participle.doc[min(noun.left_edge.i, participle.i):participle.i]


def _deadlines(scope: Span, action: Token | None = None) -> tuple[Span, ...]:
    """Date expressions of the undertaking: those after "by", "until", "within" first, then (for
    an undertaking still to come) the dates of the action undertaken ("to ask Congress next
    year"), then a start still to come ("a ban from January 1": the date the measure takes effect),
    never when it was agreed ("agreed in December to")."""
    marked, other, starts = [], [], []
    inside = {t.i for t in action.subtree} if action is not None else set()
    for ent in ents_in(scope, frozenset({"DATE"})):
        if _asked(ent, scope):
            continue  # "to transmit a request to extend the lines to May 31": what is asked has no deadline
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in {"this", "next"} and before.i >= scope.start:
            # "this year's surplus": the NER leaves the determiner out, without which it resolves to nothing
            ent = ent.doc[before.i:ent.end]
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if ent[0].lower_ in DEADLINE_WORDS or (before is not None and before.lower_ in DEADLINE_WORDS):
            marked.append(ent)
        elif before is not None and before.lower_ in START_WORDS:
            starts.append(ent)
        elif (ent.start in inside or (before is not None and before.lower_ == "for")) and not (
                before is not None and before.lower_ in {"since", "after"}):
            other.append(ent)  # the action's own dates, and the period a measure is for ("for 1987")
    return tuple(marked + other + starts)


def _asked(ent: Span, scope: Span) -> bool:
    """The date is said of what is asked for ("a request to extend the lines to May 31"), under
    the undertaking's own verb."""
    top = scope.root.i
    for head in heads(ent.root, 8):
        if head.i == top or head.dep_ == "ROOT":
            return False
        if head.pos_ == "NOUN" and head.lemma_.lower() in ASKED_NOUNS:
            return True
    return False


def _topic(trigger: Token) -> Span | None:
    """What the trigger governs: its clause or infinitive first ("promised the United States
    [it will import ...]"), else its object or phrase."""
    clause = next((c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}), None)
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and clause is None:
        described = _described(trigger)
        if len(described):
            return described  # "the aid granted by Japan": the aid
    if clause is not None:
        return _span(trigger.doc, list(clause.subtree))
    for child in trigger.children:
        if child.dep_ == "prep" and _time_phrase(child):
            continue  # "On Friday, Congress approved a budget": when, not what
        if child.dep_ in {"xcomp", "ccomp"} or (child.dep_ == "prep" and child.lower_ in {"to", "for", "on"}):
            return _span(trigger.doc, list(child.subtree))
        if child.dep_ in {"dobj", "acl", "nsubjpass"} and trigger.pos_ == "VERB":
            return _span(trigger.doc, list(child.subtree))
    return None


def _time_phrase(prep: Token) -> bool:
    """A phrase of time: "on Friday", "for 1987" (every word after the preposition a date's); or a
    relative pronoun's ("an issue on which the BPI committed to assisting")."""
    words = [t for t in prep.subtree if t.i != prep.i]
    return bool(words) and (all(t.ent_type_ in {"DATE", "TIME"} for t in words) or (
        len(words) == 1 and words[0].lower_ in {"which", "whom", "what"}))


def _object(verb: Token) -> Token | None:
    """What a verb gives or does: its object, or the object of its particle phrase; for a
    participle, the noun it describes ("the aid granted by Japan")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        return verb.head
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr"}:
            return child
    for child in verb.children:
        if child.dep_ in {"prep", "prt"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _one_of(token: Token, words: frozenset[str]) -> bool:
    """The word is one of ``words`` by its lemma or its spelling ("talks", whose lemma is "talk")."""
    return token.lemma_.lower() in words or token.lower_ in words


def _agreed_on(verb: Token) -> bool:
    """"agreed to a ceasefire", "agreed on an output ceiling of 16.6 mln bpd", "agreed a plan to
    write off debts": a measure agreed."""
    for child in verb.children:
        if child.dep_ == "dobj" and _one_of(child, MEASURE_NOUNS | ACTION_OBJECTS | AGREED_OBJECTS):
            return True
        if child.dep_ == "prep" and child.lower_ in {"to", "on", "upon"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _one_of(pobj, MEASURE_NOUNS | DEAL_NOUNS | ACTION_OBJECTS):
                    return True
    return False


def _undertaken(word: Token) -> bool:
    """What one can be committed to: a measure, a deal, an action or a deed ("committed to its
    quota", "to reducing"), not a stance ("committed to these objectives")."""
    return word.dep_ == "pcomp" or _one_of(word, MEASURE_NOUNS | DEAL_NOUNS | ACTION_OBJECTS)


def _a_measure(verb: Token) -> bool:
    """The verb carries out a measure: "freeze debts", "cut its output", "lend 50 mln dlrs"."""
    lemma = verb.lemma_.lower()
    if lemma in MEASURE_VERBS:
        return True
    obj = _object(verb)
    if lemma in TAKING_VERBS:
        # steps for a purpose ("steps to stimulate its economy"), not "such steps" of a threat told before
        purpose = any(c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                      for t in (verb, obj) if t is not None for c in t.children if c.dep_ in {"acl", "advcl", "xcomp"})
        return obj is not None and obj.dep_ == "dobj" and _one_of(obj, TAKEN_MEASURES) and purpose and not any(
            c.lower_ in {"such", "these", "those", "any"} for c in obj.children)
    tokens = list(verb.subtree)
    if any(a.kind == "money" for a in _amounts(_span(verb.doc, tokens))):
        return True
    return lemma in WEAK_MEASURE_VERBS | GIVING_VERBS and obj is not None and (
        _measure_in(list(obj.subtree)) or _one_of(obj, ACTION_OBJECTS))


def _amounts(span: Span) -> list[Amount]:
    """The amounts of ``span``, without numbers inside names ("the Group of Seven dollar agreement")."""
    base = span.start_char
    names = [(e.start_char - base, e.end_char - base) for e in ents_in(span, NAME_LABELS)]
    # (strictly inside: the NER sometimes names the amount itself, "dollars 21" as a law)
    return [a for a in find_amounts(span.text) if not any(start < a.start < end for start, end in names)]


def _asides(scope: Span, trigger: Token) -> list[tuple[int, int]]:
    """Character ranges (in ``scope``'s text) of the relative clauses in the past that tell what
    something was, not what is undertaken: "to cut the trade deficit, which last year reached 169.8
    billion dlrs" commits no 169.8 billion ("a loan which will total 2 billion dlrs" still does)."""
    base = scope.start_char
    out = []
    for token in scope:
        past = (token.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)) and \
            token.lemma_.lower() not in SPEECH_VERBS  # "which, it said, will double its sales to 1.1 billion"
        if token.dep_ == "relcl" and past and not token.left_edge.i <= trigger.i <= token.right_edge.i:
            first, last = token.left_edge, token.right_edge
            out.append((first.idx - base, last.idx + len(last) - base))
    return out


def _money_in(scope: Span) -> bool:
    return any(a.kind == "money" for a in _amounts(scope))


def _measure_in(tokens: list[Token]) -> bool:
    return any(t.lemma_.lower() in MEASURE_NOUNS or t.lower_ in MEASURE_NOUNS for t in tokens)


class CommitmentFinder:
    """The ``diplokg_commitments`` component."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[CommitmentMatch] = []
        budgets = self._budgets(doc)
        # only the tokens that can trigger (by lemma or spelling, in any case), picked from the
        # document's arrays: the tests below would otherwise run on every token
        for token in tokens_with(doc, _TRIGGER_IDS, ("LEMMA", "LOWER")):
            lemma = token.lemma_.lower()
            match: CommitmentMatch | None = None
            if token.pos_ == "ADJ" and token.lower_ == "committed" and token.dep_ == "acomp" and any(
                    c.dep_ == "prep" and c.lower_ == "to" and any(_undertaken(g) for g in c.children)
                    for c in token.children):
                # "Kuwait was strongly committed to its quota": the clause's verb carries it
                match = self._match(token.head, "commitments.pledge-verb")
            elif token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and _one_of(token, _OBLIGATIONS)):
                if lemma in DEAL_VERBS and self._deal_object(token) is not None:
                    match = self._deal(token)
                elif lemma in PLEDGE_VERBS:
                    match = self._undertaking(token, lemma)
                elif _one_of(token, _OBLIGATIONS):
                    match = self._obligation(token)
                elif lemma in GIVING_VERBS:
                    match = self._giving(token, lemma)
                elif lemma in MEASURE_VERBS or lemma in WEAK_MEASURE_VERBS:
                    match = self._measure(token, lemma)
                elif lemma in RECEIVING_VERBS:
                    match = self._beneficiary(token)
                elif lemma in TARGET_VERBS or token.lower_ in TARGET_VERBS:
                    match = self._target(token)
                elif lemma in TAKING_VERBS:
                    match = self._taking(token)
            elif token.pos_ == "NOUN" and lemma in PLEDGE_NOUNS:
                match = self._noun(token, lemma)
            elif token.pos_ in {"NOUN", "PROPN"} and lemma in DEAL_NOUNS:
                match = self._kept_deal(token)
            elif token.pos_ == "NOUN" and lemma in QUOTA_NOUNS:
                match = self._quota(token, frozenset({"count", "percent"}))
            elif token.pos_ == "NOUN" and lemma in OWNED_MEASURES:
                match = self._quota(token, frozenset({"money"}))
            elif token.pos_ == "NOUN" and lemma in BUDGET_NOUNS:
                match = self._budget(token, budgets)
            elif token.pos_ == "ADP" and token.lower_ in BINDING_PREPS and token.dep_ == "prep":
                match = self._under_rule(token)
            if match is None and token.pos_ in {"VERB", "AUX"} and lemma in BUDGET_VERBS:
                match = self._budget_measure(token, budgets)
            if match is not None:
                found.append(match)
        doc._.dkg_commitments = found
        return doc

    def _under_rule(self, prep: Token) -> CommitmentMatch | None:
        """"Under Mr Brown's rules, the UK budget must be in balance", "Under the treaty, Spain must
        cut its tariffs": what a rule or a deal in force obliges its party to (a rule also by
        "should", the norm it sets); the party is the one the clause names, else the state whose
        minister owns the rule."""
        verb = prep.head
        rule_noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if rule_noun is None or verb.pos_ not in {"VERB", "AUX"} or prep.i > verb.i:
            return None
        aux = _aux(verb)
        binding = _one_of(rule_noun, DEAL_NOUNS) and "must" in aux
        norm = _one_of(rule_noun, RULE_NOUNS) and aux & {"must", "should"}
        if not (binding or norm) or _negated(verb) or any(
                _one_of(c, PENDING_DEAL_WORDS | NOT_CURRENT) for c in rule_noun.children):
            return None  # "under the proposed rules", "under the old treaty"
        held = [h for h in heads(verb, 12)]
        if any(_one_of(h, NOT_COMMITTED) or _aux(h) & MODALS_NOT_COMMITTED for h in held) or any(
                c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        party: Span | Token | None = entity_at(subject, STATE_PARTY_LABELS)
        if party is None:
            party = next((e for c in subject.children if c.dep_ in {"poss", "compound", "nmod", "amod"}
                          for e in [entity_at(c, STATE_PARTY_LABELS)] if e is not None), None)
        owner = next((c for c in rule_noun.children if c.dep_ == "poss"), None)
        if party is None and owner is not None:
            # "Under Mr Brown's rule, government debt should be under 40%": the state he speaks for
            found = entity_at(owner, frozenset({"PERSON", "COUNTRY"}))
            party = found if found is not None and subject.lemma_.lower() in BUDGET_SUBJECTS | {"debt", "deficit"} \
                else None
        scope = _scope(verb, subject)
        if party is None or scope is None:
            return None
        return CommitmentMatch((party,), verb, scope, _span(verb.doc, [*subject.subtree, *scope]), _deadlines(scope),
                               "commitments.under-rule")

    @staticmethod
    def _budget_owner(noun: Token) -> Span | Token | None:
        """The state or organization whose budget the noun is: "its latest budget", "Japan's
        budget", "the EC budget" (not a company's, nor one still a draft)."""
        if noun.dep_ == "compound" or any(_one_of(c, PENDING_BUDGET_WORDS | NOT_CURRENT) for c in noun.children):
            return None  # "the budget deficit", "the draft budget", "last year's budget"
        for child in noun.children:
            if child.dep_ == "poss":
                party = _party_of(child)
                doer = _clause_subject(child) if child.lower_ in PRONOUNS else None
                if doer is not None and doer.i < child.i and _party_of(doer) is not None:
                    party = _party_of(doer)  # "forced the government to compile its budget": the government's
                if isinstance(party, Span) and party.label_ in {"ORG", "PERSON"}:
                    return None  # a company's budget, or a person's
                return party if isinstance(party, Span) or (
                    party is not None and (party.lower_ in PRONOUNS or party.lemma_.lower() in STATE_NOUNS)) else None
            if child.dep_ in {"compound", "amod", "nmod"}:
                ent = entity_at(child, STATE_PARTY_LABELS)
                if ent is not None:
                    return ent
        return None

    def _budgets(self, doc: Doc) -> list[tuple[Token, Span | Token]]:
        """The budgets of the article whose owner it says, and the definite ones that go back to
        them ("its latest budget ... the 2005 budget"), with that owner, in order."""
        found: list[tuple[Token, Span | Token]] = []
        for token in tokens_with(doc, _BUDGET_IDS, ("LEMMA", "LOWER")):
            if token.pos_ != "NOUN":
                continue
            owner = self._budget_owner(token)
            if owner is None and found and token.dep_ != "compound" and any(
                    c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children) and not any(
                    c.dep_ in {"poss", "compound", "amod", "nmod"} and entity_at(c, PARTY_LABELS) is not None
                    for c in token.children):
                owner = found[-1][1]  # "the budget": the one named before
            if owner is not None:
                found.append((token, owner))
        return found

    @staticmethod
    def _budget(noun: Token, budgets: list[tuple[Token, Span | Token]]) -> CommitmentMatch | None:
        """"Unveiling the 418bn-rand budget", "the 7,900 billion yen budget for the first 50 days":
        a state's budget with its own sum (a budget with an owner is the owner's decision)."""
        owner = next((o for b, o in budgets if b.i == noun.i), None)
        if owner is None:
            return None
        doc = noun.doc
        own = _span(doc, [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "poss"
                          and not any(h.dep_ == "poss" for h in (t, *heads(t, 3)) if h.i < noun.i)] or [noun])
        money = [a for a in _amounts(own) if a.kind == "money"]
        verb = next((h for h in heads(noun) if h.pos_ in {"VERB", "AUX"}), None)
        if not money or (verb is not None and (_negated(verb) or _aux(verb) & MODALS_NOT_COMMITTED)):
            return None
        return CommitmentMatch((owner,), noun, own, own, (), "commitments.budget")

    def _budget_measure(self, verb: Token, budgets: list[tuple[Token, Span | Token]]) -> CommitmentMatch | None:
        """"The budget includes 300,000 jobs", "Spending on health will rise by 9.4%", "the tax cuts
        ..., cutting corporate tax from 30% to 29%": a measure of a state's budget, told within
        three sentences of it, with its figure: the budget's owner commits it."""
        if not budgets or _negated(verb) or _held_back(verb):
            return None
        subject = _subject(verb)
        sent = verb.sent
        doc = verb.doc
        if subject is not None and subject.lower_ == "it" and sent.start > 0:
            # "The stop-gap budget is designed to ... It will include 1,800 billion yen": the budget
            previous = doc[sent.start - 1].sent
            subject = next((b for b, _ in budgets if previous.start <= b.i < previous.end
                            and b.dep_ in SUBJECT_DEPS), None)
        if subject is None or not _one_of(subject, BUDGET_SUBJECTS) or entity_at(subject, PARTY_LABELS) is not None \
                or any(_one_of(c, NOT_STATE_SPENDING) or c.ent_type_ in {"ORG", "PERSON"} for c in subject.subtree):
            return None  # "consumer spending will rise", "the company's budget"
        window = sent.start
        for _ in range(3):
            window = doc[window - 1].sent.start if window > 0 else window
        owner = next((o for b, o in reversed(budgets) if window <= b.i < sent.end), None)
        scope = _scope(verb, subject)
        if owner is None or scope is None or not any(a.kind in {"money", "percent", "count"} for a in _amounts(scope)):
            return None
        told = [t for t in subject.subtree if t.i >= sent.start] + list(scope)
        return CommitmentMatch((owner,), verb, scope, _span(doc, told), (),
                               "commitments.budget-measure", change=verb.lemma_.lower() in CHANGE_VERBS, split=True)

    @staticmethod
    def _match(verb: Token, rule_name: str, *, change: bool = False, split: bool = False,
               allow_negation: bool = False) -> CommitmentMatch | None:
        """The undertaking of ``verb`` with its subject's parties, if it has both."""
        if (_negated(verb) and not allow_negation) or _held_back(verb):
            return None
        subject = _subject(verb)
        if subject is None:
            return None
        parties = _parties(subject)
        if not parties and verb.lemma_.lower() in WEAK_MEASURE_VERBS | GIVING_VERBS:
            # "efforts to promote wine are to be boosted by an extra 3.5m euros": the sum's giver
            parties = tuple(g for c in verb.children if c.dep_ == "agent" for g in c.children
                            if g.dep_ == "pobj" and _sum_given(g))
        if not parties:
            return None
        scope = _scope(verb, subject)
        inside = {t.i for t in subject.subtree}
        if subject.dep_ == "nsubjpass" and subject.head.i == verb.i and all(
                isinstance(p, Token) and p.i in inside for p in parties):
            # "3.15 billion dlrs in fresh funds were pledged": the subject is what was given
            scope = _span(verb.doc, [*subject.subtree, *(scope if scope is not None else [verb])])
        if scope is None:
            return None
        # what is undertaken: the verb itself when still to come, else its infinitive ("promised
        # to ask") or the clause it promises ("promised it will import")
        action = verb if _future(verb) else next(
            (c for c in verb.children if (c.dep_ == "xcomp" and c.tag_ == "VB") or (c.dep_ == "ccomp" and any(
                a.dep_ == "aux" and a.lower_ in FUTURE | {"would"} for a in c.children))), None)
        deadlines = _deadlines(scope, action)
        if action is not None:
            # "Next year, the U.S. government has promised to ask Congress ...": a date put first
            # ("that on April 17 he would raise tariffs": the date in a phrase put first, too, when the
            # verb is what is still to come; "on Wednesday offered to freeze" is when it was offered)
            deadlines += tuple(e for e in ents_in(verb.sent, frozenset({"DATE"}))
                               if e.end <= verb.i and (e.root.head.i == verb.i or (
                                   action.i == verb.i and e.root.dep_ == "pobj" and e.root.head.dep_ == "prep"
                                   and e.root.head.head.i == verb.i)))
        return CommitmentMatch(parties, verb, scope, _topic(verb), deadlines, rule_name,
                               change=change, split=split, future=action is not None)

    def _undertaking(self, verb: Token, lemma: str) -> CommitmentMatch | None:
        if lemma in NEEDS_COMPLEMENT and not any(c.dep_ == "xcomp" for c in verb.children) and not _agreed_on(verb) \
                and _agreed_measure(verb) is None:
            return None  # "agreed with", "agreed that": not an undertaking
        if lemma == "aim" and not any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
            return None
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in STATE_COMPLEMENTS for c in verb.children):
            return None  # "it promises to be a boring day", "aims to be the focal point": what will be, no deed
        if lemma in STATE_PLAN_VERBS:
            act = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
            subject = _subject(verb)
            parties = _parties(subject) if subject is not None else ()
            if act is None or not parties or not all(isinstance(p, Span) and p.label_ in STATE_PARTY_LABELS
                                                     for p in parties):
                return None  # a company's or a person's plans; "plans" of no act
            if act.lemma_.lower() in {"announce", "unveil", "propose", "consider", "study"} or not (
                    _money_in(_span(verb.doc, list(act.subtree))) or _a_measure(act)):
                return None  # "plans to study the matter", "plans to announce a package": nothing decided yet
        to = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
        if lemma == "commit" and to and not any(c.dep_ in {"xcomp", "dobj"} for c in verb.children) and not any(
                _undertaken(g) for g in to):
            return None  # "is committed to peace": a stance
        return self._match(verb, "commitments.pledge-verb")

    def _obligation(self, word: Token) -> CommitmentMatch | None:
        """"X is required to", "is obliged to", "is bound by the treaty to"."""
        infinitive = any(t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                         for t in word.subtree if t.i > word.i)
        # passive ("is required to"), or active with the one obliged ("the treaty obliges Spain to")
        active = word.tag_ in {"VBZ", "VBD", "VBP"} and any(c.dep_ == "dobj" for c in word.children)
        if not infinitive or (word.tag_ not in {"VBN", "JJ"} and not active):
            return None
        if word.lemma_.lower() in OBLIGATION_BY and not any(c.dep_ in {"agent", "prep"} and c.lower_ == "by"
                                                             for c in word.children):
            return None  # "is bound to fail": what will happen; "is bound by the treaty to": an obligation
        return self._match(word, "commitments.pledge-verb")

    @staticmethod
    def _deal_object(verb: Token) -> Token | None:
        """The deal a verb makes: "signed an agreement", "entered into an agreement", "agreed a deal"."""
        for child in verb.children:
            if child.dep_ in {"dobj", "npadvmod"} and child.lemma_.lower() in DEAL_NOUNS:
                return child
            if child.dep_ == "prep" and child.lower_ in {"into", "on"}:
                for pobj in child.children:
                    if pobj.lemma_.lower() in DEAL_NOUNS:
                        return pobj
        return None

    def _deal(self, verb: Token) -> CommitmentMatch | None:
        deal = self._deal_object(verb)
        assert deal is not None
        lemma = verb.lemma_.lower()
        purposeful = any(c.dep_ in {"acl", "relcl", "advcl"} or (c.dep_ == "prep" and c.lower_ in {"on", "for", "to"})
                         for c in deal.children)
        if lemma == "sign" and not purposeful:
            return None  # a deal must say what it is for: "an agreement to construct the pipeline"
        if lemma in {"reach", "conclude"} and not purposeful and not any(
                c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            return None
        if _whereby(verb, deal):
            return None  # "the two sides reached an arrangement whereby the committee agreed to ...":
            # the deal says who undertakes what, and that one's own verb says it
        match = self._match(verb, "commitments.signed-deal")
        if match is None:
            return None
        # "entered into an agreement with the government of Syria": the other side commits too
        others: list[Span | Token] = []
        joint = lemma in JOINT_DEAL_VERBS
        for prep in (c for t in (verb, deal) for c in t.children if c.dep_ == "prep" and c.lower_ == "with" and joint):
            for pobj in prep.children:
                for t in conjuncts(pobj):
                    party = _party_of(t)
                    if party is not None and party not in match.parties and not isinstance(party, Token):
                        others.append(party)
        topic = _span(verb.doc, list(deal.subtree))
        return CommitmentMatch(match.parties + tuple(others), verb, match.scope, topic, match.deadlines,
                               match.rule, future=match.future)

    def _kept_deal(self, deal: Token) -> CommitmentMatch | None:
        """"The G-7 reaffirmed the Louvre accord", "Japan will abide by the pact", "remains committed
        to the accord": whoever keeps a deal is bound by it, as is a party that names it as its own
        ("OPEC's accord")."""
        keeper = next((h for h in heads(deal, 3) if h.pos_ in {"VERB", "AUX", "ADJ"}), None)
        if keeper is None or keeper.lemma_.lower() not in DEAL_KEEPING_VERBS:
            return self._own_deal(deal)
        if any(h.pos_ != "ADP" for h in heads(deal, 3) if h.i != keeper.i
               and h.i in range(min(deal.i, keeper.i), max(deal.i, keeper.i))):
            # "reiterated its commitment to the accord": the pledge noun says it (and "OPEC's
            # accord" is OPEC's)
            return self._own_deal(deal)
        if keeper.pos_ == "ADJ" and keeper.dep_ == "acomp":
            keeper = keeper.head  # "remain committed to the treaty"
        match = self._match(keeper, "commitments.kept-deal")
        if match is None:
            return self._own_deal(deal)
        own = [p for c in deal.children if c.dep_ in {"poss", "compound"}
               for p in [entity_at(c, PARTY_LABELS - {"PERSON", "CITY"})] if p is not None and p not in match.parties]
        return CommitmentMatch(match.parties + tuple(own), keeper, match.scope, _span(deal.doc, list(deal.subtree)),
                               match.deadlines, match.rule, future=match.future)

    @staticmethod
    def _own_deal(deal: Token) -> CommitmentMatch | None:
        """"OPEC's pricing and production accord", "the Louvre and Washington G-7 agreements": a deal
        that a state or an organization names as its own binds it; not one still talked of
        ("talks on an EC-Hungary pact", "a proposed U.S.-Canada accord")."""
        if entity_at(deal, PARTY_LABELS) is not None:
            return None  # "the General Agreement on Tariffs and Trade", "the North Atlantic Treaty Organisation"
        own: list[Span | Token] = []
        for child in deal.children:
            ent = entity_at(child, OWN_DEAL_LABELS) if child.dep_ in {"poss", "compound", "nmod"} else None
            if ent is not None and ent.label_ != "COUNTRY" and not _one_of(deal, ORGANIZATION_DEALS):
                continue  # "the NATO treaty", "the EU's Stability Pact": rules that bind its members
            if ent is not None and ent not in own:
                own.append(ent)
        if not own or any(_one_of(c, PENDING_DEAL_WORDS) or (c.dep_ == "det" and c.lower_ not in DEFINITE)
                          for c in deal.children):
            return None  # "any EC-Comecon agreement", "no OPEC accord", "a new G-7 accord": none yet
        for prep in (c for c in deal.children if c.dep_ == "prep" and c.lower_ == "with"):
            # "Japan's agreement with the United States": the other side is bound too
            for pobj in prep.children:
                for t in conjuncts(pobj):
                    ent = entity_at(t, OWN_DEAL_LABELS)
                    if ent is not None and ent not in own:
                        own.append(ent)
        if any(_one_of(h, PENDING_DEAL_WORDS | NOT_COMMITTED) for h in heads(deal, 4)):
            return None
        scope = _span(deal.doc, list(deal.subtree))
        return CommitmentMatch(tuple(own), deal, scope, scope, _deadlines(scope), "commitments.own-deal")

    def _giving(self, verb: Token, lemma: str) -> CommitmentMatch | None:
        if lemma == "make" and not any(c.lower_ == "available" for c in verb.children):
            return None  # only "made available": "make a profit" gives nothing
        if lemma == "have" and not (_future(verb) and any(
                g.lower_ == "available" for c in verb.children if c.dep_ == "dobj" for g in c.children)):
            return None  # only "will have two billion marks available": "has a deficit" gives nothing
        if lemma == "put" and not any(c.dep_ == "prep" and c.lower_ in {"into", "in", "towards"}
                                      for c in verb.children):
            return None  # "put down any idea": only money put into something
        match = self._match(verb, "commitments.gives-money", split=True)
        if match is None:
            return None
        obj = _object(verb)
        obj_tokens = list(obj.subtree) if obj is not None else []
        if obj is not None and obj.i == verb.head.i:
            obj_tokens = [*_described(verb), obj]  # the noun a participle describes, not its clauses
        if obj is not None and obj.lemma_.lower() in NOT_COMMITMENT_OBJECTS:
            return None  # "offered 10 dlrs a share", "gave a profit"
        if any(t.lower_ in NOT_COMMITMENT_OBJECTS for t in obj_tokens[:3]):
            return None
        if any(t.lower_ in {"per", "a"} and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in {"share", "shares"}
               for t in obj_tokens):
            return None  # "offered 71 dlrs cash per share for half of the stock": a bid's price
        if obj is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in obj.children):
            return None  # "it gave no direct comparison": nothing given
        if verb.tag_ in {"VBZ", "VBP"} and not _future(verb) and all(
                isinstance(p, Span) and p.label_ == "ORG" for p in match.parties):
            return None  # "Northwest provides physical therapy services": a company's business, no pledge
        # money, or a count of something sent or lent ("would loan five mln barrels of crude")
        counted = bool(obj_tokens) and any(a.kind == "count" for a in _amounts(_span(verb.doc, obj_tokens)))
        if _money_in(match.scope) or counted:
            # "is to freeze petrol duty and fund a package": the infinitive is shared by the list
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or (
                verb.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.children))
            # "he was providing an extra 1bn": the progressive of a decision made
            progressive = verb.tag_ == "VBG" and bool(_aux(verb) & {"is", "are", "was", "were", "am", "'s", "'re"})
            if verb.tag_ not in {"VBD", "VBN", "VBZ", "VBP"} and not (_future(verb) or infinitive or progressive):
                return None
            if lemma in OUTLAY_VERBS and verb.tag_ in {"VBD", "VBN"} and not (_future(verb) or infinitive):
                return None  # "the U.S. spent 26 billion dlrs": money spent, not pledged
            return match
        if _measure_in(obj_tokens) and ((verb.tag_ in {"VBD", "VBN"} and lemma in DECISION_VERBS) or _future(verb)):
            return CommitmentMatch(match.parties, verb, match.scope, match.topic, match.deadlines,
                                   "commitments.decided-measure", split=True, future=match.future)
        act = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
        if lemma in OFFERING_VERBS and act is not None and _a_measure(act):
            # "offered to freeze debts": the offer undertakes the measure
            return CommitmentMatch(match.parties, verb, match.scope, match.topic, match.deadlines,
                                   "commitments.pledge-verb", future=match.future)
        return None  # "offered himself as a mediator", "offered to help"

    def _target(self, verb: Token) -> CommitmentMatch | None:
        """"South Africa is targeting three pct real growth", "the country was targeting a fall in
        its surplus to 8.0 billion dlrs": a figure set as a goal, by a state or an organization."""
        after = [t for t in verb.subtree if t.i > verb.i]
        if _object(verb) is None or verb.tag_ == "VBN" or not after or not any(
                a.kind in {"money", "percent", "count"} for a in _amounts(_span(verb.doc, after))):
            return None  # "targeted the convoy", "was targeted": no figure set
        match = self._match(verb, "commitments.target-verb")
        if match is None or all(isinstance(p, Span) and p.label_ in {"ORG", "PERSON"} for p in match.parties):
            return None  # a company's sales target is no diplomatic commitment
        # a figure targeted is still to come: a date of the target is its deadline ("this year's surplus")
        return dataclasses.replace(match, deadlines=_deadlines(match.scope, verb), future=True)

    def _measure(self, verb: Token, lemma: str) -> CommitmentMatch | None:
        future = _future(verb)
        decided = verb.tag_ in {"VBD", "VBN"} and lemma in DECISION_VERBS
        given = _object(verb)
        if verb.tag_ in {"VBD", "VBN"} and lemma in CHANGE_VERBS and given is not None and _one_of(given, GIVEN_NOUNS):
            decided = True  # "Japan raised its pledge to 88 billion yen", "Britain trebled its contribution"
        valued = True
        if verb.tag_ in {"VBD", "VBN"} and lemma in PAST_MEASURE_VERBS:
            # "Ghana has lifted a ban on rice imports": decided, when what it lifts is a measure and its
            # doer is said ("the ban was lifted" names none; "suspended two officials" is no measure)
            said = given is not None and (given.dep_ == "dobj" or any(c.dep_ == "agent" for c in verb.children))
            decided = said and given is not None and (_measure_in([given]) or _one_of(given, PAST_MEASURE_OBJECTS))
            valued = future
        if not (future or decided):
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLEDGE_VERBS | GIVING_VERBS:
            return None  # the undertaking above it is the commitment ("agreed to end")
        match = self._match(verb, "commitments.will-measure" if future else "commitments.decided-measure",
                            change=lemma in CHANGE_VERBS,
                            split=True, allow_negation=future)
        if match is None:
            return None
        obj = _object(verb)
        if obj is not None and obj.lemma_.lower() in NOT_COMMITMENT_OBJECTS - {"price"}:
            return None  # a state "will freeze prices": a measure; "offered 20 dlrs a share" is not one
        if lemma in PRICED_VERBS and not any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
            return None  # "the E-40 model will sell for 5,795 dlrs": a price, nothing sold or bought
        if lemma in WEAK_MEASURE_VERBS and not (
                (obj is not None and (_measure_in(list(obj.subtree)) or obj.lemma_.lower() in ACTION_OBJECTS
                                      or obj.lower_ in ACTION_OBJECTS))
                or _amounts(match.scope)):
            return None  # "will begin", "will hold out": no measure said
        if lemma in LAUNCH_VERBS and not future and (not (_money_in(match.scope) or (
                obj is not None and _one_of(obj, MEASURE_NOUNS))) or any(
                isinstance(p, Span) and p.label_ == "ORG" for p in match.parties)):
            return None  # "launched an inquiry", a company's new fund: no state's decision
        if lemma in HOLDING_VERBS and not (obj is not None and (
                _measure_in(list(obj.subtree)) or _one_of(obj, ACTION_OBJECTS))):
            return None  # "the remaining 12% will be retained by the city": a stake kept, no measure
        if not valued:
            match = dataclasses.replace(match, valued=False, deadlines=())  # done: no sum, no date to come
        # a measure needs a party that decides: a state, an organization, or what stands for one
        if all(isinstance(p, Span) and p.label_ == "ORG" for p in match.parties) and not _money_in(match.scope):
            return None  # a company "will cut jobs": no diplomatic commitment
        return match

    def _taking(self, verb: Token) -> CommitmentMatch | None:
        """"Japan will take steps to stimulate its economy": an undertaking of steps or measures
        still to come, by a state or an international body."""
        if not _a_measure(verb) or not _future(verb):
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLEDGE_VERBS | GIVING_VERBS:
            return None  # "agreed to take measures": the undertaking above it is the commitment
        if _conditional(verb):
            return None  # "if circumstances changed, the members will take the necessary measures"
        match = self._match(verb, "commitments.will-measure")
        if match is None or all(isinstance(p, Span) and p.label_ in {"ORG", "PERSON"} for p in match.parties):
            return None  # a company's steps are its business
        return match

    def _beneficiary(self, verb: Token) -> CommitmentMatch | None:
        """"Under the deal, Argentina will benefit from ...": the deal's maker gives it."""
        if not _future(verb) or _held_back(verb):
            return None
        subject = _subject(verb)
        recipient = entity_at(subject, frozenset({"COUNTRY"})) if subject is not None else None
        scope = _scope(verb, subject)
        if recipient is None or scope is None or not _amounts(scope):
            return None
        # "will receive 1.3 billion dlrs ... from the United States": the giver is named
        givers = tuple(party for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "from"
                       for pobj in prep.children for t in conjuncts(pobj)
                       for party in [_party_of(t)] if isinstance(party, Span))
        return CommitmentMatch(givers, verb, scope, _topic(verb), _deadlines(scope, verb), "commitments.beneficiary",
                               recipient=recipient, split=True, future=True)

    @staticmethod
    def _quota(noun: Token, kinds: frozenset[str]) -> CommitmentMatch | None:
        """"its 1.238 mln bpd quota", "Venezuela's output quota is 1.495 mln bpd": a quota its owner
        was set, with its figure (not one sought, refused or no longer in force); likewise what a
        party gives, with its sum ("Japan's 2 billion dlr aid package"). ``kinds``: of the figure."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        have = noun.head
        if owner is None and noun.dep_ == "dobj" and have.lemma_.lower() == "have" and "count" in kinds and (
                have.tag_ in {"VBZ", "VBP"} or (have.tag_ == "VBD" and have.dep_ == "ccomp"
                                                 and have.head.lemma_.lower() in SPEECH_VERBS)):
            # "Ecuador has a production quota of 210,000 bpd" (not "had a quota last year"): the one
            # that has it
            owner = next((c for c in have.children if c.dep_ == "nsubj"), None)
        party = _party_of(owner) if owner is not None else None
        if party is None or (isinstance(party, Token) and party.lower_ not in PRONOUNS | {"member"}) or any(
                c.dep_ == "amod" and c.lower_ in NOT_CURRENT for c in noun.children):
            return None
        if "money" in kinds and isinstance(party, Span) and party.label_ in {"ORG", "PERSON"}:
            return None  # "Texaco's offer of 2 billion dlrs": a company's bid, no state's
        doc = noun.doc
        if isinstance(party, Token) and owner is not None:
            # "Nigeria produced 75,000 bpd below its quota, Saudi Arabia 500,000 bpd less than its
            # allocation": the party named last before the pronoun owns it
            named = [e for e in ents_in(doc[owner.sent.start:owner.left_edge.i], PARTY_LABELS - {"PERSON"})]
            party = named[-1] if named else party
        tokens = _own_words(noun, skip=owner)
        verb = next((h for h in heads(noun) if h.pos_ in {"VERB", "AUX"}), None)
        if not _amounts(_span(doc, tokens)) and verb is not None and noun.dep_ in SUBJECT_DEPS \
                and verb.lemma_.lower() in {"be", "set", "fix", "raise", "increase", "cut", "reduce", "lower"}:
            # "Venezuela's quota is currently 1.495 mln bpd", "Ecuador's quota was set at 210,000 bpd"
            inside = {t.i for t in noun.subtree}
            tokens += [t for t in _own_words(verb) if t.i > noun.i and t.i not in inside]
        scope = _span(doc, tokens)
        # "Rome's provision of a 400m euro loan": what a giving noun gives, its owner gives
        given = {t.i for t in noun.subtree if t.i > noun.i} if _one_of(noun, GIVING_NOUNS) else set()
        if "money" in kinds and any(_one_of(t, RECEIVED_WORDS) for t in tokens if t.i not in given):
            return None  # "Mexico's 77 billion dlr loan and refinancing package": what its owner gets
        if not any(a.kind in kinds for a in _amounts(scope)):
            return None
        # the quota stands whatever is said of its use ("reports may be correct that Nigeria produced
        # below its quota"), unless its own verb refuses, seeks or only may change it
        wanting = verb is not None and any(_one_of(v, NOT_COMMITTED) for v in (verb, verb.head)
                                           if v.i == verb.i or verb.dep_ in COMPLEMENT_DEPS)
        if verb is not None and (_negated(verb) or wanting or _aux(verb) & MODALS_NOT_COMMITTED):
            return None  # "would not honour its quota", "sought to raise its quota"
        return CommitmentMatch((party,), noun, scope, scope, _deadlines(scope), "commitments.quota")

    @staticmethod
    def _noun(noun: Token, lemma: str) -> CommitmentMatch | None:
        party: Span | Token | None = None
        others: tuple[Span | Token, ...] = ()
        for child in noun.children:
            if child.dep_ == "poss":
                party = _party_of(child)
            elif child.dep_ in {"compound", "nmod", "amod"} and party is None:
                party = entity_at(child, PARTY_LABELS - {"PERSON"})
            elif child.dep_ == "prep" and child.lower_ in {"by", "of"} and party is None:
                party = next((p for pobj in child.children for p in [_party_of(pobj)]
                              if p is not None and not (isinstance(p, Token) and p.lemma_.lower() in MEASURE_NOUNS)),
                             None)
        keeper = _keeper(noun)
        if isinstance(party, Token) and party.lower_ == "their" and keeper is not None:
            # "Japan and West Germany made their commitments": the keepers, each named
            verb = keeper if keeper.pos_ in {"VERB", "AUX"} else None
            subject = _subject(verb) if verb is not None else None
            named = _parties(subject) if subject is not None else ()
            if len(named) >= 2 and all(isinstance(p, Span) for p in named):
                party, others = named[0], named[1:]
        if party is None and keeper is not None:
            # "in breach of an undertaking", "will honour its pledge": the clause's subject
            verb = keeper if keeper.pos_ in {"VERB", "AUX"} else next(
                (h for h in heads(keeper) if h.pos_ in {"VERB", "AUX"}), None)
            subject = _subject(verb) if verb is not None else None
            found = _parties(subject) if subject is not None else ()
            party, others = (found[0], found[1:]) if found else (None, ())
        if party is None:
            return None
        if lemma == "target" and not (_amounts(noun.doc[noun.i:noun.sent.end]) or any(
                c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in {"of", "for", "to", "on"})
                for c in noun.children)):
            return None  # "airstrikes on Syrian targets": a target struck, not one set
        if lemma in PLEDGE_NOUNS_NEEDING_COMPLEMENT and not any(
                c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in {"to", "on", "under"})
                or (c.dep_ == "prep" and c.lower_ == "of" and _of_content(noun, c))
                for c in noun.children):
            return None  # "froze all Texaco's obligations", "the deposit obligations of the bank": debts,
            # not an undertaking ("the resolution of its dispute": a settling, not a resolve)
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in noun.children) or \
                _held_back_noun(noun):
            return None  # "made no commitment"
        scope = _noun_scope(noun)
        rule_name = "commitments.kept-pledge" if keeper is not None else "commitments.pledge-noun"
        # "its commitment to good design": a virtue praised, no pledge, but for a state a policy
        # ("the country's commitment to growth"); "its 1987 sugar target" is a company's plan for
        # its output, "his target for overseas aid" a state's pledge
        return CommitmentMatch((party, *others), noun, scope, _topic(noun), _deadlines(scope, noun), rule_name,
                               future=True, states_only=_quality(noun) or lemma in STATE_TARGETS)


def _of_content(noun: Token, prep: Token) -> bool:
    """"a promise of a 35 billion dlr budget", "the decision of cutting": "of" says what is
    undertaken (for a promise or guarantee always; for the others only a deed or a measure: "the
    deposit obligations of the bank" are its debts, "the resolution of its dispute" a settling)."""
    if noun.lemma_.lower() in CONTENT_OF_NOUNS:
        return True
    return any(g.dep_ == "pcomp" or (g.dep_ == "pobj" and _measure_in(list(g.subtree))) for g in prep.children)


def _whereby(verb: Token, deal: Token) -> bool:
    """"reached an arrangement, whereby the committee agreed to transmit a request", "a deal under
    which Japan will cut": the deal's own clause names who undertakes, with a subject of its own."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    for token in (*deal.subtree, *(t for c in verb.children if c.dep_ == "advcl" for t in c.subtree)):
        opener = token.lower_ == "whereby" or (token.lower_ == "which" and token.head.lower_ in {"under", "by"})
        if not opener:
            continue
        clause = next((h for h in heads(token, 3) if h.pos_ in {"VERB", "AUX"}), None)
        own = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None
        if own is not None and (subject is None or own.i != subject.i) and clause is not None and clause.i != verb.i:
            return True
    return False


def _quality(noun: Token) -> bool:
    """"a commitment to good design", "their commitment to free trade": a pledge noun whose "to"
    says a thing held dear (no deed, measure, deal or figure: "commitment to reducing", "to the
    accord", "to spend 2 percent" are pledges)."""
    if noun.lemma_.lower() not in QUALITY_PLEDGES:
        return False
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if prep is None:
        return False
    pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
    if pobj is None or pobj.dep_ == "pcomp" or pobj.pos_ == "VERB" or pobj.tag_ == "VBG":
        return False
    words = list(prep.subtree)
    # (a goal for a named party is one: "the EU's commitment to a stable Iraq")
    named = any(t.ent_type_ in PARTY_LABELS | {"LOC", "NORP", "PLACE"} for t in words)
    return not (named or _undertaken(pobj) or _one_of(pobj, AGREED_OBJECTS) or _measure_in(words)
                or _amounts(_span(noun.doc, words)) or any(t.tag_ == "VBG" for t in words))


def _own_words(word: Token, skip: Token | None = None) -> list[Token]:
    """The words of ``word``'s phrase, without the phrases joined to it by "and" (nor ``skip``'s)."""
    left_out = {t.i for c in word.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    if skip is not None:
        left_out.update(t.i for t in skip.subtree)
    return [t for t in word.subtree if t.i not in left_out]


def _noun_scope(noun: Token) -> Span:
    """What a pledge noun says it is: its own phrase after it ("commitment to spend 2 percent");
    "his target for overseas aid - spending 0.7% of national income": past a dash, the phrase
    that says what the target is, however the parser attached it."""
    doc = noun.doc
    end = max(t.i for t in noun.subtree) + 1
    keeper = _keeper(noun)
    if keeper is not None:
        # "missing his target on providing treatment to three million Africans": the parser may
        # hang the target's own words on the verb that keeps it
        end = max(end, max(t.i for t in keeper.subtree) + 1)
    dash = next((t.i for t in doc[noun.i:min(end + 5, noun.sent.end)] if t.text in
                 {"-", "--", "\u2013", "\u2014", ":"}), None)
    if dash is not None and not _amounts(doc[noun.i:end]):
        end = noun.sent.end
    # "the 500 mln dlr pledge by Japan": the noun's own figure before it (not its owner's words)
    owner = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
    start = min((t.i for t in noun.subtree if t.i < noun.i and t.i not in owner and t.like_num), default=noun.i)
    return doc[start:max(end, noun.i + 1)]


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a word sits in; for "wants allies to meet", the one wanted to."""
    verb = next((h for h in heads(token) if h.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "xcomp":
        subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    return subject


def _keeper(noun: Token) -> Token | None:
    """The word that keeps or breaks a pledge noun: "meet their commitments", "in breach of an
    undertaking" (through prepositions and the nouns they hang on)."""
    for head in heads(noun, 4):
        if head.lemma_.lower() in KEEPING_VERBS | {"breach"}:
            return head
        if head.pos_ not in {"ADP", "NOUN"}:
            return None  # another verb governs it
    return None


def _held_back_noun(noun: Token) -> bool:
    """"urged Japan to make a commitment", "hopes for a pledge", "must renew a commitment"; but a
    pledge someone has exists all the same, whoever wants it kept ("wants allies to meet their
    commitments", "wants others to match his target")."""
    verb = next((h for h in heads(noun) if h.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and (_aux(verb) & MODALS_NOT_COMMITTED or ("would" in _aux(verb) and not _reported(verb))):
        return True
    owned = any(c.dep_ == "poss" for c in noun.children)
    keeper = _keeper(noun)
    if owned or (keeper is not None and keeper.lemma_.lower() not in {"make", "be"}):
        return False
    return verb is not None and (verb.lemma_.lower() in NOT_COMMITTED or _held_back(verb))


@Language.factory("diplokg_commitments", assigns=["doc._.dkg_commitments"], requires=["doc.ents", "token.dep"])
def make_commitments(nlp: Language, name: str) -> CommitmentFinder:
    """Pledges and commitments with party, value, deadline and topic."""
    return CommitmentFinder()


# -- the assembler ---------------------------------------------------------------------------

PARTY_KINDS = frozenset({EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.ALLIANCE, EntityKind.PERSON})
_WITHIN = re.compile(r"\b(?:within|over\s+the\s+next|in\s+the\s+next)\s+(?P<n>\d+|one|two|three|four|five|six|seven|"
                     r"eight|nine|ten)\s+(?P<unit>years?|months?)\b", re.I)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}


@dataclass
class _Made:
    """A commitment made, with the parties and the sentence it came from (for later references)."""

    party: Entity
    sentence: int
    words: frozenset[str]


@dataclass
class CommitmentAssembler:
    """Commitments of one article from their matches."""

    article: Article
    term: PartialDate | None = None
    """When the article's deal runs out, for the deal's commitments that say no deadline."""
    made: list[_Made] = field(default_factory=list)
    triggers: dict[tuple[str, object], Token] = field(default_factory=dict)
    campaign: bool = False
    """The article follows an election campaign: its politicians' promises are their parties'."""

    def _speaker(self, token: Token) -> Entity | None:
        """Who says "I" or "we": the subject of the sentence's speech verb ("... ," he said), or,
        in a quote that runs on, of the sentence before."""
        sent = token.sent
        doc = token.doc
        for candidate in (sent, doc[sent.start - 1].sent if sent.start > 0 else None,
                          doc[sent.end].sent if sent.end < len(doc) else None):
            if candidate is None:
                continue
            for t in candidate:
                if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB":
                    subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
                    if subject is None or subject.lower_ in FIRST_PERSON:
                        continue
                    party = _party_of(subject)
                    if isinstance(party, Span):
                        return self.article.entity_of(party, PARTY_KINDS)
                    if isinstance(party, Token) and party.lower_ in PRONOUNS:
                        return self._antecedent(party)
        return None

    def _named_country(self, noun: Token) -> Entity | None:
        """"The country was thus targeting ...": the last country named before, in the sentence or
        the one before it, else the article's home country."""
        a = self.article
        sent = noun.sent
        start = a.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        before = [e for e in ents_in(a.doc[start:noun.left_edge.i], frozenset({"COUNTRY"}))]
        # a subject before it is what it stands for more often than the nearest name ("Ecuador ...
        # has asked Venezuela to help. The OPEC member has a quota")
        subjects = [e for e in before if e.root.dep_ in SUBJECT_DEPS]
        for ent in reversed(subjects) if noun.lower_ == "member" else ():
            entity = a.entity_of(ent, {EntityKind.COUNTRY})
            if entity is not None:
                return entity
        for ent in reversed(before):
            entity = a.entity_of(ent, {EntityKind.COUNTRY})
            if entity is not None:
                return entity
        return a.home_country()

    def _antecedent(self, pronoun: Token) -> Entity | None:
        """What a pronoun stands for: the nearest party named before it, in its sentence or the one before."""
        a = self.article
        if pronoun.lower_ in FIRST_PERSON:
            return self._speaker(pronoun)
        sent = pronoun.sent
        previous = a.doc[sent.start - 1].sent if sent.start > 0 else None
        window_start = previous.start if previous is not None else sent.start
        plural = pronoun.lower_ in {"they", "their", "them"}
        personal = pronoun.lower_ in {"he", "she", "his", "her", "him"}
        if pronoun.dep_ == "poss":
            # "wants allies, particularly Germany, to meet their commitments": the one that meets them
            owner = _clause_subject(pronoun)
            if owner is not None:
                for ent in ents_in(owner.subtree, frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "ORG", "GPE"})):
                    if ent.end <= pronoun.i:
                        entity = a.entity_of(ent, PARTY_KINDS)
                        if entity is not None and not (personal and entity.kind is not EntityKind.PERSON):
                            return entity
        if not personal:
            # "his company had no plans to change its decision": "its" is the company's, no party's
            nearest = next((t for t in reversed(list(a.doc[sent.start:pronoun.i])) if t.dep_ in {"nsubj", "nsubjpass"}
                            and t.i != pronoun.i), None)
            if nearest is not None and nearest.pos_ == "NOUN" and not nearest.ent_type_ and \
                    nearest.lemma_.lower() not in COLLECTIVES | PAIRS | STATE_NOUNS:
                return None
        if pronoun.lower_ in {"his", "her"}:
            # "accused Mr Brown of missing his target": the one the clause is about
            for head in heads(pronoun, 6):
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < pronoun.i), None)
                if head.pos_ == "VERB" and obj is not None:
                    person = a.entity_at(obj, {EntityKind.PERSON})
                    if person is not None:
                        return person
                    break
        candidates = [e for e in a.ents if window_start <= e.start and e.end <= pronoun.i]
        fitting: list[Entity] = []
        subjects: list[Entity] = []
        for ent in reversed(candidates):
            entity = a.entity_of(ent, PARTY_KINDS)
            if entity is None and ent.label_ == "TITLE" and ent.start > 0:
                # "A British minister said ... and he pledged": the minister's country
                qualifier = next((e for e in candidates if e.end == ent.start and e.label_ == "COUNTRY"), None)
                entity = a.entity_of(qualifier, {EntityKind.COUNTRY}) if qualifier is not None else None
                if entity is not None and personal:
                    fitting.append(entity)
                    if ent.root.dep_ in {"nsubj", "nsubjpass"}:
                        subjects.append(entity)
                    continue
            if entity is None and ent.label_ in {"CITY", "GPE"}:
                place = a.entity_of(ent, {EntityKind.CITY, EntityKind.PLACE})
                entity = a.country_of_capital(place) if place is not None else None
            if entity is None or (personal and entity.kind is not EntityKind.PERSON):
                continue
            if (pronoun.lower_ in {"it", "its"} or plural) and entity.kind is EntityKind.PERSON:
                continue
            fitting.append(entity)
            if ent.root.dep_ in {"nsubj", "nsubjpass"} or ent.root.head.dep_ in {"nsubj", "nsubjpass"}:
                subjects.append(entity)
        # a subject before a pronoun is what it stands for more often than the nearest name
        if subjects or fitting:
            return subjects[0] if subjects else fitting[0]
        return a.protagonist() if personal and pronoun.dep_ in {"nsubj", "nsubjpass"} else None

    def _collective(self, token: Token) -> list[tuple[Entity, float]]:
        """"donors", "EC ministers", "member states", "the government": the organization of the
        sentence (or of the article); the government is the article's country."""
        a = self.article
        lemma = token.lemma_.lower()
        if lemma == "government" and token.tag_ == "NN":
            home = a.home_country()
            return [(home, factor("home-country"))] if home is not None else []
        if token.tag_ not in {"NNS", "NNPS"}:
            return []
        if lemma in NEAREST_COLLECTIVES:
            # "the accord by the Group of Five ... the participants agreed": the organization named
            # last before them, in their sentence or the one before; never the article's at large
            sent = token.sent
            start = a.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            for span in reversed(ents_in(a.doc[start:token.i], frozenset({"INTL_ORG", "ORG", "ALLIANCE"}))):
                entity = a.entity_of(span, ORGANIZATION_KINDS)
                if entity is not None and not a.press_or_party(entity):
                    return [(entity, factor("collective"))]
            return []
        orgs = [e for e in ents_in(token.sent, frozenset({"INTL_ORG", "ORG", "ALLIANCE"}))]
        for span in orgs:
            entity = a.entity_of(span, ORGANIZATION_KINDS)
            if entity is not None and not a.press_or_party(entity):
                return [(entity, factor("collective"))]
        if lemma == "government" and any(c.dep_ in {"amod", "compound"} for c in token.children):
            return []  # "the Western creditor governments": a group of its own, not the article's organization
        main = a.main_organization()
        return [(main, factor("collective"))] if main is not None else []

    def _meeting_organization(self, token: Token) -> list[tuple[Entity, float]]:
        """"a meeting of aid donors grouped in the IGGI, in which 3.15 billion dlrs were pledged":
        what was given at an organization's meeting, with no giver named, the organization gave."""
        sent = token.sent
        passive = any(t.dep_ == "nsubjpass" for t in (token, *heads(token, 3)))
        if not passive or not any(_one_of(t, MEETING_WORDS) for t in sent):
            return []
        if ents_in(sent, frozenset({"COUNTRY", "GPE", "PERSON"})):
            return []  # "Japan's delegate told a GATT meeting that measures adopted ...": the country's
        for span in ents_in(sent, frozenset({"INTL_ORG", "ORG", "ALLIANCE"})):
            entity = self.article.entity_of(span, ORGANIZATION_KINDS)
            if entity is not None and not self.article.press_or_party(entity):
                return [(entity, factor("collective"))]
        return []

    def _earlier(self, token: Token) -> list[tuple[Entity, float]]:
        """"The sanctions will end ...", "the quota will be raised": the party of the latest
        commitment before that spoke of the same thing (or of the latest one)."""
        lemma = token.lemma_.lower()
        before = [m for m in self.made if m.sentence < token.sent.start]
        same = [m for m in before if lemma in m.words]
        chosen = same or before
        if not chosen:
            return []
        last = chosen[-1].sentence
        return [(m.party, factor("pronoun")) for m in chosen if m.sentence == last]

    def parties(self, ref: Span | Token, campaign: bool = False) -> list[tuple[Entity, float]]:
        """The committing states or organizations, and how sure each is (a factor on confidence).
        ``campaign``: the pledge is made on the campaign trail, so a politician's commits no state."""
        a = self.article
        if isinstance(ref, Span) and ref.label_ == "TITLE" and ref.root.lemma_.lower() in COLLECTIVES:
            return self._collective(ref.root)  # "Delegates agreed", "Ministers pledged": a body of them
        if isinstance(ref, Span):
            entity = a.entity_of(ref, PARTY_KINDS)
            if entity is not None and entity.label in _NEWS:
                return []  # a newspaper pledges nothing
            if entity is not None and entity.kind is not EntityKind.PERSON and \
                    entity.label.split()[-1] in NOT_PLEDGING_HEADS:
                return []  # "the U.S. District Court agreed to permit": a ruling, no pledge
            if entity is None:
                # "Washington imposed", "Tokyo pledged": the capital stands for its country
                place = a.entity_of(ref, {EntityKind.CITY, EntityKind.PLACE})
                country = a.country_of_capital(place) if place is not None else None
                return [(country, factor("pronoun"))] if country is not None else []
            return self._person_to_state(entity, 1.0, campaign)
        lower, lemma = ref.lower_, ref.lemma_.lower()
        if ref.text in REFERENCES:
            target = a.reference_target(lexicon("entities").table("references")[ref.text])
            return [(target, factor("collective"))] if target is not None else []
        if lower in PRONOUNS:
            entity = self._antecedent(ref)
            return self._person_to_state(entity, factor("pronoun"), campaign) if entity is not None else []
        if lemma in PAIRS and any(c.lower_ in {"both", "two"} for c in ref.children):
            return [(e, factor("pair")) for e in a.pair()]
        if lower in {"country", "member"}:
            named = self._named_country(ref)
            return [(named, factor("pronoun"))] if named is not None else []
        if lemma in MEASURE_NOUNS | DEAL_NOUNS or lower in MEASURE_NOUNS:
            return self._earlier(ref) or self._meeting_organization(ref)
        if _sum_given(ref):
            return self._earlier(ref) or self._meeting_organization(ref)
        if lemma in COLLECTIVES:
            return self._collective(ref)
        return []

    def _person_to_state(self, entity: Entity, certainty: float, campaign: bool = False) -> list[tuple[Entity, float]]:
        """A person commits the state they speak for, as far as the article tells (an election
        promise is their party's, not yet their state's)."""
        if entity.kind is not EntityKind.PERSON:
            return [(entity, certainty)]
        if campaign and not any((o.title or "").lower() in HEAD_TITLES and o.label not in NOT_HEAD_OFFICES
                                for o in self.article.offices_of(entity)):
            # a head of state or government campaigning still speaks for the state; others, for
            # their party when the article says which
            party = self.article.party_of(entity)
            return [(party, certainty * factor("person-speaks-for"))] if party is not None else []
        represented = self.article.speaks_for(entity)
        if represented is not None:
            return [(represented, certainty * factor("person-speaks-for"))]
        if not self.article.offices_of(entity):
            # no office, here or in the table: the pledge is the person's own ("the activist
            # promised weekly protests"), not their country's; such pledges are not kept
            return []
        home = self.article.home_country()
        return [(home, certainty * factor("home-country"))] if home is not None else []

    def _deadline(self, match: CommitmentMatch) -> PartialDate | None:
        """The undertaking's deadline: "by 2024", "until December 1990", "within five years", or
        a date still to come when it is told ("next year", "in April 2005")."""
        base = self.article.date
        within = _WITHIN.search(match.scope.text)
        if within is not None and base is not None:
            n = within.group("n").lower()
            count = int(n) if n.isdigit() else _SMALL[n]
            if within.group("unit").lower().startswith("year"):
                return PartialDate(base.year + count)
            if base.month is None:
                return None
            months = base.year * 12 + base.month - 1 + count  # "over the next three months"
            return PartialDate(months // 12, months % 12 + 1)
        for span in match.deadlines:
            marked = span[0].lower_ in DEADLINE_WORDS or (
                span.start > 0 and span.doc[span.start - 1].lower_ in DEADLINE_WORDS)
            found = resolve(span.text, base, future=True)
            if found is None:
                continue
            if marked:
                return found.start
            if span.start > 0 and span.doc[span.start - 1].lower_ in START_WORDS:
                if match.rule in {"commitments.pledge-noun", "commitments.kept-pledge"} or (
                        base is not None and _before(found.start, base)):
                    continue  # "the ban in force from 1985": a start already past is no deadline
                if not re.search(r"\b\d{4}\b", span.text) and not _future(match.trigger):
                    continue  # "agreed in December to fix prices from February 1": which February, untold
                return found.start  # "tougher standards from April 1988": when the measure takes effect
            if span.start > 0 and span.doc[span.start - 1].lower_ == "for" and (
                    base is None or found.start.year >= base.year) and found.start.precision != "day":
                return found.start  # "a growth target for 1987", "tax cuts for next year": the period
            if match.rule in {"commitments.pledge-noun", "commitments.kept-pledge"}:
                continue  # "the decision in January", "the December accord": when it was made
            if match.future and base is None:
                return found.start  # an undated article: only a date with its year resolves
            if match.future and base is not None and found.start.year >= base.year and not re.search(
                    r"\b(?:last|ago|earlier|previous|past)\b", span.text, re.I) and (
                    found.start.precision != "day" or found.start >= base):
                return found.start
        return None

    def _taking_effect(self, match: CommitmentMatch) -> PartialDate | None:
        """"South Korea will cut import taxes on 50 goods ... The tariff cuts will take effect on July
        1": the date the next sentence says the measure takes effect (comes into force, becomes
        effective), when its subject is the measure ("it", "they", or a noun of the commitment's
        sentence) and the date is still to come."""
        sent = match.trigger.sent
        doc = sent.doc
        if sent.end >= len(doc):
            return None
        following = doc[sent.end].sent
        told = {t.lemma_.lower() for t in sent if t.pos_ in {"NOUN", "VERB", "PROPN"}}
        for word in following:
            verb = _effect_verb(word)
            if verb is None or _negated(verb) or _held_back(verb):
                continue
            subject = _subject(verb)
            definite = _definite(subject) or any(c.dep_ == "det" and c.lower_ in DEFINITE for c in subject.children) \
                if subject is not None else False
            if subject is None or not (subject.lower_ in {"it", "they", "this", "these"} or (
                    definite and subject.lemma_.lower() in told)):
                continue
            # the verb's own date ("The date on which the rules take effect has not been decided" has none)
            inside = {t.i for t in verb.subtree}
            for ent in (e for e in ents_in(following, frozenset({"DATE"})) if e.start in inside and e.start > verb.i):
                found = resolve(ent.text, self.article.date, future=True)
                if found is not None and ent.text.lower() != "today" and (
                        self.article.date is None or not _before(found.start, self.article.date)):
                    return found.start
        return None

    def _values(self, match: CommitmentMatch) -> list[Amount | None]:
        """The amounts the undertaking commits: the first in its clause; with ``change``, the one
        after "to"; with ``split``, one for each amount joined by "and"."""
        text = match.scope.text
        amounts = _amounts(match.scope) if match.valued else []
        if not amounts and not match.valued:
            return [None]
        asides = _asides(match.scope, match.trigger)
        if amounts and asides:
            amounts = [a for a in amounts if not any(start <= a.start < end for start, end in asides)]
            if not amounts:
                return [None]  # the only amounts are what an aside says of something else
        if not amounts:
            return [_described_amount(match.trigger) or _earlier_amount(match)]
        # "raised by 4,500 tonnes to 34,300 tonnes", "lower its ceiling by 7.25 pct to 15.8 mln bpd":
        # the level committed, not the change
        for first, second in itertools.pairwise(amounts):
            between = text[first.end:second.start]
            if re.fullmatch(r"\s*to\s*", between) and re.search(r"\bby\s*$", text[max(0, first.start - 4):first.start]):
                return [second]
        if match.change:
            to = [a for a in amounts if re.search(r"\bto\s*$", text[max(0, a.start - 6):a.start])]
            if to:
                return [to[0]]
        chosen: list[Amount | None] = [amounts[0]]
        if match.split:
            for previous, amount in itertools.pairwise(amounts):
                gap = text[previous.end:amount.start]
                joined = re.search(r"\band\b", gap) and "(" not in gap and not re.search(
                    r"\bbetween\b", text[:previous.start][-12:])
                if joined and (amount.kind == amounts[0].kind or amount.kind == "count"):
                    chosen.append(amount)
        return chosen

    def add(self, match: CommitmentMatch, best: dict[tuple[str, object], Commitment]) -> None:
        a = self.article
        base_rule = rule(match.rule)
        if match.rule == "commitments.beneficiary" and not match.parties:
            if not self.made:
                return  # no deal before it that someone made
            recipient = a.entity_of(match.recipient, {EntityKind.COUNTRY}) if match.recipient else None
            makers = self._earlier(match.trigger)
            parties = [(p, f) for p, f in makers if recipient is None or p.key != recipient.key]
        else:
            campaign = self.campaign or _campaigning(match.trigger.sent)
            parties = [pf for ref in match.parties for pf in self.parties(ref, campaign)]
        if match.states_only:
            parties = [(p, f) for p, f in parties if p.kind is EntityKind.COUNTRY or a.intergovernmental(p)]
        if not parties:
            return
        deadline = self._deadline(match)
        if deadline is None:
            deadline = self._taking_effect(match)
        if deadline is None and match.rule == "commitments.signed-deal":
            deadline = self.term
        topic = _topic_text(match)
        words = frozenset(t.lemma_.lower() for t in match.trigger.sent)
        values = self._values(match)
        if not _says_what(topic) and not any(values):
            return  # "is guaranteed by France", "our commitment there is not risk free": nothing undertaken
        if topic is not None and topic.lower() in MARKET_OPERATIONS:
            return  # a central bank's market operation of the day
        for amount in values:
            for party, certainty in parties:
                if party.kind is EntityKind.PERSON:
                    continue  # a person commits only personally; a state's pledge needs its state
                commitment = Commitment(
                    party=party.key,
                    evidence=a.evidence(match.trigger.sent, base_rule.confidence * certainty, base_rule.name),
                    value=amount.value if amount else None,
                    unit=amount.unit if amount else None,
                    topic=topic,
                    deadline=deadline,
                )
                # one undertaking per party and value; within a clause, the reading with a value
                # wins ("agreed to spend 2 pct" is one); coordinated measures are each their own
                # ("will end all military cooperation and cut economic aid")
                sentence_key = ("sentence", match.trigger.sent.start, match.trigger.i if amount is None else -1)
                key: tuple[str, object] = (party.key, amount.value if amount else sentence_key)
                if key in best:
                    continue
                same_clause = [k for k, c in best.items() if k[0] == party.key
                               and c.evidence.start == commitment.evidence.start
                               and _one_clause(self.triggers[k], match.trigger)]
                if amount is None and same_clause:
                    continue
                if amount is not None:
                    for k in same_clause:
                        if best[k].value is None:
                            del best[k]
                best[key] = commitment
                self.triggers[key] = match.trigger
                self.made.append(_Made(party, match.trigger.sent.start, words))


def _effect_verb(word: Token) -> Token | None:
    """The verb of "take effect", "come into force", "go into effect", "enter into force", "become
    effective", when ``word`` is its "effect", "force" or "effective"."""
    if word.lower_ not in EFFECT_WORDS:
        return None
    if word.dep_ == "dobj" or word.dep_ == "acomp":
        verb = word.head  # "take effect", "become effective"
    elif word.dep_ == "pobj" and word.head.lower_ == "into":
        verb = word.head.head  # "come into force"
    else:
        return None
    return verb if verb.lemma_.lower() in EFFECT_VERBS and verb.pos_ in {"VERB", "AUX"} else None


def _before(date: PartialDate, base: PartialDate) -> bool:
    """``date`` (as far as it is known) lies before the article's date ``base``."""
    latest = (date.year, date.month or 12, date.day or 31)  # "April 1988": the end of April
    return latest < (base.year, base.month or 1, base.day or 1)


def _described_amount(trigger: Token) -> Amount | None:
    """"his pounds 35bn savings ... which Mr Howard has pledged to plough back": the one sum of the
    noun a relative clause of undertaking describes."""
    if trigger.dep_ != "relcl":
        return None
    doc = trigger.doc
    head = trigger.head
    # (the parser may hang "35bn savings" in apposition to "pounds": the phrase starts there)
    start = head.head.left_edge.i if head.dep_ == "appos" else head.left_edge.i
    before = doc[start:max(trigger.left_edge.i, head.i + 1)]
    money = [a for a in _amounts(before) if a.kind in {"money", "count"}]
    return money[0] if len(money) == 1 else None


def _earlier_amount(match: CommitmentMatch) -> Amount | None:
    """"... had contributed to the package": a measure named with "the" and no amount of its own is
    the one an earlier sentence gave its sum ("secured 25.6 mln dlrs aid ..."), within two
    sentences, when that sentence names money once."""
    noun = next((t for t in match.scope if (t.lemma_.lower() in MEASURE_NOUNS or t.lower_ in MEASURE_NOUNS)
                 and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)), None)
    if noun is None:
        return None
    sent = match.trigger.sent
    for _ in range(2):
        if sent.start == 0:
            return None
        sent = sent.doc[sent.start - 1].sent
        money = [a for a in _amounts(sent) if a.kind == "money"]
        if len(money) == 1 and any(t.lemma_.lower() in MEASURE_NOUNS or t.lower_ in MEASURE_NOUNS for t in sent):
            return money[0]
        if money:
            return None
    return None


def _campaign_article(text: str) -> bool:
    """Election campaigning runs through the article's ``text`` (five of its words or more)."""
    return len(_CAMPAIGN.findall(text)) >= 5


def _campaigning(sent: Span) -> bool:
    """The sentence, or the one before, speaks of an election campaign ("the central dividing
    line at the election", "our coming manifesto", "if re-elected")."""
    doc = sent.doc
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    tokens = list(previous) + list(sent) if previous is not None else list(sent)
    return any(t.lemma_.lower() in CAMPAIGN_WORDS or t.lower_ in CAMPAIGN_WORDS for t in tokens)


def _one_clause(a: Token, b: Token) -> bool:
    """Whether one trigger governs the other, other than by coordination ("agreed to spend": one;
    "will end ... and cut": two)."""
    for low, high in ((a, b), (b, a)):
        node = low
        for head in heads(low, 12):
            if node.dep_ == "conj":
                break
            if head.i == high.i:
                return True
            node = head
    return a.i == b.i


def _topic_text(match: CommitmentMatch, words: int = 16) -> str | None:
    """What the undertaking is about, in at most ``words`` words: the phrase it governs."""
    span = match.topic if match.topic is not None and len(match.topic) > 1 else match.scope
    tokens = [t.text for t in span if t.i != match.trigger.i]
    trigger = match.trigger
    if trigger.lemma_.lower() in PAST_MEASURE_VERBS and trigger.pos_ == "VERB" and not \
            span.start <= trigger.i < span.end:
        # a measure that ends or stops something says so: "suspend payments on its debt", never
        # "payments on its debt", the opposite of what was decided
        tokens.insert(0, trigger.lemma_.lower())
    text = " ".join(" ".join(tokens).split()[:words]).strip(" ,.;:-\u2014")
    if match.rule == "commitments.kept-pledge" and text.lower().startswith("by "):
        return None  # "broke a campaign pledge by introducing the tax": how it was broken, not the pledge
    return text or None


def _says_what(topic: str | None) -> bool:
    """Whether a topic names something undertaken: a word that is no function word ("by")."""
    return topic is not None and any(any(c.isalpha() for c in w) and w.lower().strip(".,;:'\"") not in STOP_WORDS
                                     for w in topic.split())


TERM_VERBS = frozenset({"run", "last", "expire", "remain", "continue", "extend"})


def _deal_term(article: Article) -> PartialDate | None:
    """When the article's deal ends, if it says: "the agreement, which runs until December, 1990"."""
    doc = article.doc
    for i in (doc.to_array("DEP") == doc.vocab.strings["relcl"]).nonzero()[0]:
        token = doc[int(i)]
        if token.lemma_.lower() not in TERM_VERBS:
            continue
        if token.head.lemma_.lower() not in DEAL_NOUNS:
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"until", "till", "through", "to"}:
                dates = ents_in(prep.subtree, frozenset({"DATE"}))
                found = resolve(dates[0].text, article.date, future=True) if dates else None
                if found is not None:
                    return found.start
    return None


def assemble_commitments(article: Article, matches: list[CommitmentMatch]) -> None:
    """The commitments of one article (``matches`` from ``doc._.dkg_commitments``)."""
    if not matches:
        return
    campaign = _campaign_article(article.prepared.text)
    assembler = CommitmentAssembler(article, term=_deal_term(article), campaign=campaign)
    best: dict[tuple[str, object], Commitment] = {}
    for match in sorted(matches, key=lambda m: m.trigger.i):
        assembler.add(match, best)
    article.extraction.commitments.extend(best.values())
