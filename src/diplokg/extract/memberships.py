"""Who is a member of which organization: the ``diplokg_memberships`` component.

Finds, into ``doc._.dkg_members``, countries said to belong to an organization:

* a members noun with its organization and the members named ("three NATO members — Britain,
  France, and the United States"; "Norway, a member of NATO"; "France is a member of the EU");
* joining ("Poland joined NATO"), but not a bid, a hope or a plan to join;
* allies named in an alliance's context ("allies, particularly Germany"; "Greece and Turkey, and
  the other allies"): the organization is left to the article's context (``organization`` None);
* holding an organization's rotating presidency ("the UK's goals for its EU and G8 presidencies").

Implied memberships (``implied``) are kept only when the membership book confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .spans import entity_at

MEMBER_NOUNS = frozenset({"member", "ally", "signatory", "partner"})
ORG_LABELS = frozenset({"ALLIANCE", "INTL_ORG", "ORG"})
NOT_YET = frozenset({"hope", "want", "seek", "bid", "apply", "aim", "plan", "try", "wait", "wish", "expect",
                     "push", "prepare", "ask", "block", "veto", "oppose", "reject", "refuse", "aspire"})
LIST_MARKERS = frozenset({"particularly", "especially", "including", "notably", "such", "like", "namely"})

if not Doc.has_extension("dkg_members"):
    Doc.set_extension("dkg_members", default=None)


@dataclass(frozen=True)
class MemberMatch:
    """A country said or implied to be a member (spans; never leaves extract)."""

    country: Span
    organization: Span | None
    sentence: Span
    rule: str
    confidence: float
    implied: bool
    context: str = "alliance"
    """Where to look for the organization when ``organization`` is None: the article's
    ``alliance``, or its main ``organization``."""



def _countries_in(tokens: list[Token]) -> list[Span]:
    found: list[Span] = []
    for t in tokens:
        ent = entity_at(t, frozenset({"COUNTRY"}))
        if ent is not None and ent not in found:
            found.append(ent)
    return found


def _conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Britain, France, and the United States")."""
    out = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"}:
            out.extend(_conjuncts(child))
    return out


def _organization(noun: Token) -> Span | None:
    """The organization a members noun is of: "NATO members", "NATO's members", "members of NATO"."""
    for child in noun.children:
        if child.dep_ in {"compound", "nmod", "poss", "amod"}:
            ent = entity_at(child, ORG_LABELS)
            if ent is not None:
                return ent
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                ent = entity_at(pobj, ORG_LABELS)
                if ent is not None:
                    return ent
    return None


def _negated_or_wished(token: Token) -> bool:
    """Under a negation, or only hoped, planned or bid for ("hopes to become a member")."""
    for node in [token, *token.ancestors]:
        if any(c.dep_ == "neg" for c in node.children) or node.lemma_.lower() in NOT_YET:
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"xcomp", "ccomp"}:
            return False
    return False


class MembershipFinder:
    """The ``diplokg_memberships`` component."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[MemberMatch] = []
        for sent in doc.sents:
            for token in sent:
                lemma = token.lemma_.lower()
                if lemma in MEMBER_NOUNS and token.pos_ == "NOUN":
                    found.extend(self._members_noun(token, sent))
                elif lemma == "join" and token.pos_ == "VERB":
                    found.extend(self._joined(token, sent))
                elif lemma == "presidency" and token.pos_ == "NOUN":
                    found.extend(self._presidency(token, sent))
            found.extend(self._country_lists(sent))
        doc._.dkg_members = found
        return doc

    def _members_noun(self, noun: Token, sent: Span) -> list[MemberMatch]:
        if any(c.dep_ == "neg" or c.lower_ in {"non", "former", "prospective", "candidate", "associate", "would-be"}
               for c in noun.children):
            return []
        org = _organization(noun)
        ally = noun.lemma_.lower() == "ally"
        countries: list[Span] = []
        # members named after the noun: "NATO members — Britain, France", "allies, particularly Germany"
        for child in noun.children:
            if child.dep_ in {"appos", "conj"} or (child.dep_ == "prep" and child.lower_ in {"including", "like"}):
                countries += [c for t in _conjuncts(child) for c in _countries_in(list(t.subtree))]
            elif child.dep_ == "prep" and child.lower_ == "as" and any(a.lower_ == "such" for a in child.children):
                countries += _countries_in(list(child.subtree))
        # the noun said of countries: "Norway, a member of NATO"; "France is a member of the EU";
        # "Greece and Turkey, and the other allies"
        head = noun.head
        if noun.dep_ in {"appos", "conj"} and entity_at(head, frozenset({"COUNTRY"})) is not None:
            countries += [c for t in _conjuncts(head) if t is not noun for c in _countries_in([t])]
        elif noun.dep_ == "attr" and head.lemma_.lower() in {"be", "become", "remain"} and not _negated_or_wished(head):
            for subj in head.children:
                if subj.dep_ in {"nsubj", "nsubjpass"}:
                    countries += [c for t in _conjuncts(subj) for c in _countries_in([t])]
        if not countries or (org is None and not ally):
            return []
        implied = org is None or ally
        rule = "memberships.allies" if org is None else "memberships.members-named"
        return [MemberMatch(c, org, sent, rule, 0.65 if implied else 0.85, implied) for c in dict.fromkeys(countries)]

    def _country_lists(self, sent: Span) -> list[MemberMatch]:
        """Countries named together ("Italy and Germany", "Brunei, Indonesia, Malaysia ..."): the
        assembler keeps them when all are members of the organization the article is about."""
        out: list[MemberMatch] = []
        seen: set[int] = set()
        countries = [e for t in sent if (e := entity_at(t, frozenset({"COUNTRY"}))) is not None and e.start == t.i]
        for ent in countries:
            if ent.root.i in seen or ent.root.dep_ == "conj":
                continue
            group = [c for t in _conjuncts(ent.root) for c in _countries_in([t])]
            seen.update(c.root.i for c in group)
            if len(group) >= 2:
                out += [MemberMatch(c, None, sent, "memberships.known-members-listed", 0.6, True, "organization")
                        for c in group]
        return out

    def _joined(self, verb: Token, sent: Span) -> list[MemberMatch]:
        if _negated_or_wished(verb) or verb.tag_ not in {"VBD", "VBN"}:
            return []  # "hopes to join", "will join", "wants to join": not (yet) a member
        org = next((e for c in verb.children if c.dep_ == "dobj" for e in [entity_at(c, ORG_LABELS)] if e), None)
        if org is None:
            return []
        countries = [c for s in verb.children if s.dep_ == "nsubj" for t in _conjuncts(s) for c in _countries_in([t])]
        return [MemberMatch(c, org, sent, "memberships.joined", 0.8, False) for c in countries]

    def _presidency(self, noun: Token, sent: Span) -> list[MemberMatch]:
        # "its EU and G8 presidencies" parses either way round: take the whole coordination
        top = noun.head if noun.dep_ == "conj" else noun
        group = _conjuncts(top)
        orgs: list[Span] = []
        for token in group:
            modifiers = [m for c in token.children if c.dep_ in {"compound", "nmod"} for m in _conjuncts(c)]
            for t in [token, *modifiers]:
                ent = entity_at(t, ORG_LABELS)
                if ent is not None and ent not in orgs:
                    orgs.append(ent)
        holder: Span | None = None
        for child in (c for t in group for c in t.children if c.dep_ == "poss"):
            holder = entity_at(child, frozenset({"COUNTRY"}))
            if holder is None and child.lower_ in {"its", "their"}:
                # "its": the nearest country named before it in the sentence
                before = [e for e in sent.ents if e.label_ == "COUNTRY" and e.end <= child.i]
                holder = before[-1] if before else None
            if holder is not None:
                break
        if holder is None:
            return []
        return [MemberMatch(holder, org, sent, "memberships.presidency", 0.7, True) for org in orgs]


@Language.factory("diplokg_memberships")
def make_memberships(nlp: Language, name: str) -> MembershipFinder:
    """Membership statements and implications."""
    return MembershipFinder()
