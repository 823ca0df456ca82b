"""Pledges, commitments, promises, targets and obligations: the ``diplokg_commitments`` component.

A verb of undertaking ("pledged", "committed", "promised", "vowed", "agreed to", "offered" money,
"signed a deal to") with its subject, or a noun ("the EU's commitment to", "his target for",
"their commitments to") with its possessor, names the party; the words it governs give the value
("2 percent of GDP", "pounds 960m"), the deadline ("by 2024") and the topic. The assembler turns
persons into the state they speak for and pronouns into the party named before them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .amounts import find_amounts
from .spans import entity_at

PLEDGE_VERBS = frozenset({"pledge", "commit", "promise", "vow", "undertake", "guarantee", "agree"})
GIVING_VERBS = frozenset({"offer", "provide", "give", "donate", "contribute", "allocate", "earmark", "grant",
                          "confirm", "announce", "approve", "unveil"})
# collective subjects that stand for the organization of the sentence ("donors pledged ... at a
# meeting of the Inter Governmental Group") or for the two countries of a bilateral story
COLLECTIVES = frozenset({"donor", "member", "creditor", "lender"})
PAIRS = frozenset({"side", "country", "nation", "government"})
DEAL_NOUNS = frozenset({"agreement", "deal", "accord", "memorandum", "treaty", "pact"})
PLEDGE_NOUNS = frozenset({"commitment", "pledge", "promise", "target", "obligation", "undertaking"})
PARTY_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "ORG", "PERSON"})
PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "we", "our"})
DEADLINE_WORDS = frozenset({"by", "before", "until", "till"})

if not Doc.has_extension("dkg_commitments"):
    Doc.set_extension("dkg_commitments", default=None)


@dataclass(frozen=True)
class CommitmentMatch:
    """A party's undertaking as found in one sentence (spans and tokens; never leaves extract)."""

    parties: tuple[Span | Token, ...]
    """Entity spans, or pronoun tokens for the assembler to resolve."""
    trigger: Token
    scope: Span
    """The words the undertaking governs: value, deadline and topic are read from them."""
    topic: Span | None
    deadlines: tuple[Span, ...]
    rule: str
    confidence: float


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _party_of(token: Token) -> Span | Token | None:
    ent = entity_at(token, PARTY_LABELS)
    if ent is not None:
        return ent
    if token.lower_ in PRONOUNS:
        return token
    # "the government of Greece", "delegations of Cyprus": the entity the noun is of
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                ent = entity_at(pobj, PARTY_LABELS)
                if ent is not None:
                    return ent
    return None


def _parties(subject: Token) -> tuple[Span | Token, ...]:
    lemma = subject.lemma_.lower()
    if lemma in PAIRS and any(c.lower_ in {"both", "two"} for c in subject.children):
        return (subject,)  # "both sides": the assembler finds the two
    if lemma in COLLECTIVES and subject.tag_ == "NNS":
        orgs = [e for e in subject.sent.ents if e.label_ in {"INTL_ORG", "ORG", "ALLIANCE"}]
        return (orgs[0],) if orgs else ()
    found: list[Span | Token] = []
    for token in _conjuncts(subject):
        party = _party_of(token)
        if party is not None and party not in found:
            found.append(party)
        # "the delegations of Cyprus, Greece and Israel": every country of the list
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    for t in _conjuncts(pobj)[1:]:
                        ent = entity_at(t, PARTY_LABELS)
                        if ent is not None and ent not in found:
                            found.append(ent)
    return tuple(found)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause it hangs from ("Britain urged ..., pledging")."""
    node: Token | None = verb
    while node is not None:
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in {"that", "which", "who"}:
                return child
        if node.dep_ in {"xcomp", "advcl", "conj", "pcomp", "acl", "relcl"} or node.pos_ not in {"VERB", "AUX"}:
            node = node.head if node.head is not node else None
        else:
            node = None
    return None


def _span(doc: Doc, tokens: list[Token]) -> Span:
    end = max(t.i for t in tokens) + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1  # keep "960m" whole when the parser hangs "m" elsewhere
    return doc[min(t.i for t in tokens):end]


def _deadlines(scope: Span) -> tuple[Span, ...]:
    found = []
    for ent in scope.ents:
        if ent.label_ != "DATE":
            continue
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if ent[0].lower_ in DEADLINE_WORDS or (before is not None and before.lower_ in DEADLINE_WORDS):
            found.append(ent)
    return tuple(found)


def _topic(trigger: Token) -> Span | None:
    for child in trigger.children:
        if child.dep_ in {"xcomp", "ccomp"} or (child.dep_ == "prep" and child.lower_ in {"to", "for", "on"}):
            return _span(trigger.doc, list(child.subtree))
        if child.dep_ in {"dobj", "acl"} and trigger.pos_ == "VERB":
            return _span(trigger.doc, list(child.subtree))
    return None


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


class CommitmentFinder:
    """The ``diplokg_commitments`` component."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[CommitmentMatch] = []
        for token in doc:
            lemma = token.lemma_.lower()
            match = None
            if token.pos_ == "VERB" and (lemma in PLEDGE_VERBS or lemma in GIVING_VERBS or lemma == "sign"):
                match = self._verb(token, lemma)
            elif token.pos_ == "NOUN" and lemma in PLEDGE_NOUNS:
                match = self._noun(token)
            if match is not None:
                found.append(match)
        doc._.dkg_commitments = found
        return doc

    def _verb(self, verb: Token, lemma: str) -> CommitmentMatch | None:
        if _negated(verb):
            return None
        subject = _subject(verb)
        if subject is None:
            return None
        parties = _parties(subject)
        if not parties:
            return None
        subject_ids = {t.i for t in subject.subtree}
        scope_tokens = [t for t in verb.subtree if t.i not in subject_ids and t.i >= verb.i]
        if not scope_tokens:
            return None
        scope = _span(verb.doc, scope_tokens)
        if lemma == "agree" and not any(c.dep_ == "xcomp" for c in verb.children):
            return None  # "agreed with", "agreed that": not an undertaking
        if lemma == "sign":
            deal = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in DEAL_NOUNS), None)
            if deal is None or not any(c.dep_ in {"acl", "relcl"} for c in deal.children):
                return None  # a deal must say what it is for: "an agreement to construct the pipeline"
            topic = _span(verb.doc, list(deal.subtree))
            return CommitmentMatch(parties, verb, scope, topic, _deadlines(scope), "commitments.signed-deal", 0.6)
        if lemma in GIVING_VERBS and not any(a.kind == "money" for a in find_amounts(scope.text)):
            return None  # "offered himself as a mediator"
        rule = "commitments.pledge-verb" if lemma in PLEDGE_VERBS else "commitments.gives-money"
        return CommitmentMatch(parties, verb, scope, _topic(verb), _deadlines(scope), rule, 0.75)

    def _noun(self, noun: Token) -> CommitmentMatch | None:
        party: Span | Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                party = _party_of(child)
            elif child.dep_ in {"compound", "nmod"} and party is None:
                party = entity_at(child, PARTY_LABELS)
            elif child.dep_ == "prep" and child.lower_ == "by" and party is None:
                party = next((p for pobj in child.children for p in [_party_of(pobj)] if p), None)
        if party is None:
            return None
        # "his target for overseas aid - spending 0.7% of national income": what follows the noun
        # in its sentence says what the target is, however the parser attached it
        scope = noun.doc[noun.i:noun.sent.end]
        return CommitmentMatch((party,), noun, scope, _topic(noun), _deadlines(scope), "commitments.pledge-noun", 0.7)


@Language.factory("diplokg_commitments")
def make_commitments(nlp: Language, name: str) -> CommitmentFinder:
    """Pledges and commitments with party, value, deadline and topic."""
    return CommitmentFinder()
