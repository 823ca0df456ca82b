"""Who is a member of which organization: the ``diplokg_memberships`` component and its assembler.

The finder puts into ``doc._.dkg_members`` the countries that a sentence places in an
organization:

* a members noun with its organization and the members named ("three NATO members — Britain,
  France, and the United States"; "Norway, a member of NATO"; "France is a member of the EU";
  "OPEC members Saudi Arabia and Kuwait"; "its G-7 partners - the United States, Japan");
* the organization with its members in apposition ("the Group of Seven -- the United States,
  Japan, ..."; "G-5, grouping the United States, Japan ...");
* joining ("Poland joined NATO"; "the entry of Spain and Portugal into the Community"), but not
  a bid, a hope or a plan to join;
* allies named in an alliance's context ("allies, particularly Germany"): the organization is
  left to the article's context (``organization`` None);
* holding an organization's rotating presidency or chair ("the UK's goals for its EU and G8
  presidencies");
* countries named together in an article about an organization ("the foreign ministers of
  Brunei, Indonesia, Malaysia ...");
* a country, or a person speaking for it, acting in a sentence about an organization ("West
  Germany withdrew objections" in "The deal was agreed by a majority of EC states after ...").

The assembler keeps the implied ones only when the membership book (``data/memberships.csv``)
confirms them, and never one the book denies.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..resources import memberships_path
from ..vocab import normalize_name
from .entities import ORGANIZATION_KINDS, Article
from .knowledge import MembershipBook, membership_book
from .records import Entity, EntityKind, Evidence, RelationKind
from .rules import lexicon, rule
from .spans import conjuncts, entity_at, entity_ending, entity_starting, ents_in, heads, token_mask, tokens_in

_LEX = lexicon("memberships")
MEMBER_NOUNS = _LEX.words("member_nouns")
STRONG_MEMBER_NOUNS = _LEX.words("strong_member_nouns")
NOT_MEMBERS = _LEX.words("not_members")
NOT_YET = _LEX.words("not_yet")
GROUPING_VERBS = _LEX.words("grouping_verbs")
ENTRY_NOUNS = _LEX.words("entry_nouns")
PRESIDENCY_NOUNS = _LEX.words("presidency_nouns")
LENDER_WORDS = _LEX.words("lender_words")
SPEAKER_NOUNS = _LEX.words("speaker_nouns")
MEMBER_SHARES = _LEX.words("member_shares")
MEMBER_ROLES = _LEX.words("member_roles")
PEER_NOUNS = _LEX.words("peer_nouns")
LEAVE_VERBS = _LEX.words("leave_verbs")
HOLDING_VERBS = _LEX.words("holding_verbs")
LEAVE_NOUNS = _LEX.words("leave_nouns")
LEAVE_WORDS = LEAVE_VERBS | LEAVE_NOUNS | _LEX.words("withdraw_verbs")
RELATIVES = frozenset({"which", "that", "who"})
APPOSITION_MARKS = frozenset({",", "-", "--", "\u2014", "\u2013"})
# implied by the sentence itself, whatever the article is about (the book still confirms them)
SAID_OF_MEMBERS = frozenset({"memberships.allies", "memberships.member-role", "memberships.leaving"})
SPEAKING_CLUB_SIZE = 40  # a club (G7, EC, OPEC, NATO), whose meetings its members attend; not GATT or the UN
ORG_LABELS = frozenset({"ALLIANCE", "INTL_ORG", "ORG"})
COUNTRY = frozenset({"COUNTRY"})
LIST_GAPS = frozenset({",", "and", "the", "&"})
REFERENCES = frozenset(k for k in lexicon("entities").table("references"))
_TRIGGERS = MEMBER_NOUNS | PRESIDENCY_NOUNS | ENTRY_NOUNS | LEAVE_WORDS | {"join"}
"""The lemmas the finder's word rules start from (the tokens it visits)."""

if not Doc.has_extension("dkg_members"):
    Doc.set_extension("dkg_members", default=None)


@dataclass(frozen=True)
class MemberMatch:
    """A country said or implied to be a member (spans; never leaves extract)."""

    country: Span
    """A country's span, or a person's (``person`` True) who speaks for a country."""
    organization: Span | Token | None
    """The organization's span, a definite reference to it ("the Community"), or None: the
    article's context decides (see ``context``)."""
    sentence: Span
    rule: str
    implied: bool
    context: str = "alliance"
    """Where to look for the organization when ``organization`` is None: the article's
    ``alliance``, or its main ``organization``."""
    group: tuple[Span, ...] = ()
    """All the countries named together with this one (a list counts only when all belong)."""
    person: bool = False
    speaker: Span | None = None
    """The name a country is said of ("France's Francois Guillaume"): it counts only as a person's."""


def _countries(tokens: list[Token]) -> list[Span]:
    return ents_in(tokens, COUNTRY)


def _list_after(doc: Doc, start: int, sent_end: int) -> list[Span]:
    """The countries listed from token ``start`` on ("the United States, Japan, ... and Canada")."""
    found: list[Span] = []
    i = start
    while i < sent_end:
        country = entity_starting(doc, i, COUNTRY)
        if country is None and (doc[i].lower_ in LIST_GAPS or doc[i].text in LIST_GAPS):
            i += 1
            continue
        if country is None:
            break
        found.append(country)
        i = country.end
    return found


def _another_item(noun: Token) -> bool:
    """A members noun that is one more item of a list, not said of the countries before it:
    "Ghana, Chile and a member of the Andean Pact" (but "Greece and Turkey, and the other allies")."""
    before = noun.left_edge.i - 1
    return (noun.dep_ == "conj" and before >= 0 and noun.doc[before].dep_ == "cc"
            and any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in noun.children))


def _wished(token: Token) -> bool:
    """Under a negation, or only hoped, planned or bid for ("hopes to become a member")."""
    for node in [token, *heads(token)]:
        if any(c.dep_ == "neg" for c in node.children) or node.lemma_.lower() in NOT_YET:
            return True
        if any(c.lower_ in NOT_YET and c.dep_ == "aux" for c in node.children):
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"xcomp", "ccomp"}:
            return False
    return False


SPATIAL = frozenset({"in", "at", "to", "from", "into", "across", "within", "near", "throughout", "outside",
                     "inside", "around", "between", "against", "on", "over", "with", "toward", "towards"})
STATE_NOUNS = lexicon("entities").words("state_nouns")


def _acts(ent: Span, org_tokens: set[int]) -> bool:
    """The country (or person) of ``ent`` acts in its sentence: a subject or agent (or coordinated
    with one), or the state of a minister, delegation or government; never a place, nor
    coordinated with the organization itself."""
    root = ent.root
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        if node.head.i in org_tokens:
            return False  # "Sri Lanka and the IMF": a party the organization deals with
        node = node.head
    if any(c.dep_ == "conj" and c.i in org_tokens for c in root.children):
        return False
    if ent.label_ == "PERSON":
        return not (node.dep_ == "pobj" and node.head.lower_ in SPATIAL)
    if node.dep_ in {"nsubj", "nsubjpass"} or (node.dep_ == "pobj" and node.head.lower_ == "by"):
        verb = node.head if node.dep_ != "pobj" else node.head.head
        # the subject of a clause that tells of something else ("a G8 package like the Marshall
        # Plan used by the United States") acts there, not in the organization's (unless the
        # organization is only in the sentence before, which the whole sentence continues)
        sent = ent.sent
        if verb.dep_ not in {"relcl", "acl"} or not any(sent.start <= i < sent.end for i in org_tokens):
            return True
        return any(t.i in org_tokens for t in verb.subtree)
    if node.dep_ in {"compound", "amod", "poss", "nmod"}:
        head = node.head
        if head.ent_type_ in {"PERSON", "TITLE"}:
            return True  # "France's Francois Guillaume", "the French minister"
        return head.lower_ in STATE_NOUNS or head.lemma_.lower() in STATE_NOUNS
    return False


def _organizations_in(sent: Span) -> list[Span | Token]:
    """The organizations a sentence names, and its definite references to one ("the Community")."""
    orgs: list[Span | Token] = list(ents_in(sent, ORG_LABELS))
    orgs += [t for t in tokens_in(sent, token_mask(sent.doc, "ORTH", REFERENCES))
             if t.i > 0 and t.doc[t.i - 1].lower_ == "the" and not t.ent_type_]
    return orgs


def _organization(noun: Token) -> Span | None:
    """The organization a members noun is of: "NATO members", "NATO's members", "members of NATO"."""
    for child in noun.children:
        if child.dep_ in {"compound", "nmod", "poss", "amod"}:
            ent = entity_at(child, ORG_LABELS)
            if ent is not None:
                return ent
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            for pobj in child.children:
                ent = entity_at(pobj, ORG_LABELS)
                if ent is not None:
                    return ent
    # "EC member states", "the OPEC member": the organization right before the noun
    return entity_ending(noun.doc, noun.i, ORG_LABELS) or (
        entity_ending(noun.doc, noun.i - 1, ORG_LABELS) if noun.i > 0 and noun.doc[noun.i - 1].lemma_ in
        {"member", "state"} else None)


def _antecedent(sent: Span, pronoun: Token) -> Span | None:
    """The country a possessive pronoun stands for: the nearest name before it in the sentence,
    when that is a country's ("Britain will tell its EC partners")."""
    before = [e for e in ents_in(sent, COUNTRY | ORG_LABELS | frozenset({"PERSON"})) if e.end <= pronoun.i]
    return before[-1] if before and before[-1].label_ in COUNTRY else None


class MembershipFinder:
    """The ``diplokg_memberships`` component."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[MemberMatch] = []
        triggers = token_mask(doc, "LEMMA", _TRIGGERS, lower=True)
        for sent in doc.sents:
            for token in tokens_in(sent, triggers):
                lemma = token.lemma_.lower()
                if lemma in MEMBER_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
                    found.extend(self._members_noun(token, sent))
                elif lemma == "join" and token.pos_ == "VERB":
                    found.extend(self._joined(token, sent))
                elif lemma in PRESIDENCY_NOUNS and token.pos_ == "NOUN":
                    found.extend(self._presidency(token, sent))
                elif lemma in ENTRY_NOUNS and token.pos_ == "NOUN":
                    found.extend(self._entry(token, sent))
                elif lemma in LEAVE_WORDS:
                    found.extend(self._leaving(token, sent))
            found.extend(self._organization_words(sent))
            found.extend(self._organization_lists(doc, sent))
            found.extend(self._country_lists(sent))
            found.extend(self._acting(sent))
            found.extend(self._speaking(sent))
        doc._.dkg_members = found
        return doc

    def _members_noun(self, noun: Token, sent: Span) -> list[MemberMatch]:
        if any(c.dep_ == "neg" or c.lower_ in NOT_MEMBERS for c in noun.children):
            return []
        lemma = noun.lemma_.lower()
        org = _organization(noun)
        if lemma not in STRONG_MEMBER_NOUNS and (org is None or noun.tag_ not in {"NNS", "NNPS"}):
            return []  # "states", "countries": only as "EC states", "ACP countries"
        ally = lemma == "ally"
        countries: list[Span] = []
        # members named after the noun: "NATO members — Britain, France", "allies, particularly Germany"
        for child in noun.children:
            if child.dep_ in {"appos", "conj"} or (child.dep_ == "prep" and child.lower_ in {"including", "like"}):
                countries += [c for t in conjuncts(child, frozenset({"conj", "appos"}))
                              for c in _countries(list(t.subtree))]
            elif child.dep_ == "prep" and child.lower_ == "as" and any(a.lower_ == "such" for a in child.children):
                countries += _countries(list(child.subtree))
        # "OPEC members Saudi Arabia and Kuwait": the list right after the noun
        nxt = noun.i + 1
        if nxt < sent.end and sent.doc[nxt].text in {"-", "--", "\u2014", "\u2013", ":", ","}:
            nxt += 1
        countries += _list_after(sent.doc, nxt, sent.end)
        # the noun said of countries: "Norway, a member of NATO"; "France is a member of the EU";
        # "Greece and Turkey, and the other allies"; "part of Cyprus is an EU member"
        head = noun.head
        if noun.dep_ in {"appos", "conj"} and entity_at(head, COUNTRY) is not None and not _another_item(noun):
            countries += [c for t in conjuncts(head, frozenset({"conj", "appos"})) if t.i != noun.i
                          for c in _countries([t])]
        elif noun.dep_ == "attr" and head.lemma_.lower() in {"be", "become", "remain"} and not _wished(head):
            for subj in head.children:
                if subj.dep_ in {"nsubj", "nsubjpass"}:
                    if subj.lower_ in RELATIVES and head.dep_ == "relcl":
                        subj = head.head  # "Italy and Spain, which are EC members"
                    countries += [c for t in conjuncts(subj) for c in _countries(list(t.subtree))]
        if org is not None and lemma in STRONG_MEMBER_NOUNS:
            # "Japan's partners in the Group of Seven": partners have a partner
            countries += [c for child in noun.children if child.dep_ == "poss" for c in _countries([child])]
        if not countries or (org is None and not ally):
            return []
        implied = org is None or ally
        rule_name = "memberships.allies" if org is None else "memberships.members-named"
        if noun.dep_ == "attr":
            rule_name = "memberships.member-of"
        unique = list({c.start: c for c in countries}.values())
        return [MemberMatch(c, org, sent, rule_name, implied, group=tuple(unique)) for c in unique]

    @staticmethod
    def _organization_lists(doc: Doc, sent: Span) -> list[MemberMatch]:
        """``ORG -- the United States, Japan, ...``; ``ORG, grouping the United States, ...``."""
        out: list[MemberMatch] = []
        for org in ents_in(sent, ORG_LABELS):
            i = org.end
            if i < sent.end and doc[i].text in {"(", ")"}:
                i += 1
            if i < sent.end and doc[i].text in {"-", "--", "\u2014", "\u2013", ":", "(", ","}:
                i += 1
            else:
                continue
            if i < sent.end and doc[i].lemma_.lower() in GROUPING_VERBS:
                i += 1
                if i < sent.end and doc[i].lower_ in {"of", "up"}:
                    i += 1 + (1 if i + 1 < sent.end and doc[i + 1].lower_ == "of" else 0)
            elif doc[i - 1].text == ",":
                continue  # "EC, the United States and Japan": a list of parties, not of members
            countries = _list_after(doc, i, sent.end)
            if len(countries) >= 2:
                out += [MemberMatch(c, org, sent, "memberships.organization-list", True, group=tuple(countries))
                        for c in countries]
        return out

    @staticmethod
    def _country_lists(sent: Span) -> list[MemberMatch]:
        """Countries named together ("Italy and Germany", "Brunei, Indonesia, Malaysia ..."): the
        assembler keeps them when all are members of the organization the article is about."""
        out: list[MemberMatch] = []
        seen: set[int] = set()
        for ent in ents_in(sent, COUNTRY):
            if ent.root.i in seen or ent.root.dep_ == "conj":
                continue
            group = [c for t in conjuncts(ent.root) for c in _countries([t])]
            seen.update(c.root.i for c in group)
            if len(group) >= 2:
                out += [MemberMatch(c, None, sent, "memberships.known-members-listed", True, "organization",
                                    group=tuple(group)) for c in group]
        return out

    @staticmethod
    def _acting(sent: Span) -> list[MemberMatch]:
        """A country acting, or a person (who may speak for one), in a sentence that names an
        organization: the assembler keeps those the book confirms, for organizations the article
        is about. Acting: the subject or agent of the sentence, or the state whose minister or
        delegation it is; not a place ("met in Luxembourg"), a market ("Iranian crude") or a party
        the organization deals with ("Sri Lanka and the IMF")."""
        orgs = _organizations_in(sent)
        before = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        # a sentence right after one about the organization is about it too ("... exports to the
        # EC. Britain has threatened to withdraw the licences of Japanese banks")
        carried = not orgs and before is not None
        if before is not None and carried:
            orgs = _organizations_in(before)
        if not orgs:
            return []
        org_tokens = {t.i for o in orgs for t in (o if isinstance(o, Span) else [o])}
        out: list[MemberMatch] = []
        for ent in ents_in(sent, frozenset({"COUNTRY", "PERSON"})):
            if not _acts(ent, org_tokens) or (carried and ent.root.dep_ not in {"nsubj", "nsubjpass"}):
                continue
            group = tuple(c for t in conjuncts(ent.root) for c in _countries([t])) if ent.label_ == "COUNTRY" else ()
            for org in orgs:
                out.append(MemberMatch(ent, org, sent, "memberships.acting-member", True, group=group or (ent,),
                                       person=ent.label_ == "PERSON"))
        return out

    @staticmethod
    def _organization_words(sent: Span) -> list[MemberMatch]:
        """A noun the organization's name modifies, said of a country: its share in the
        organization ("Venezuela's OPEC quota", "Turkey's NATO allies"), its place among the
        members ("Iran, OPEC's second-biggest producer"), or others of the kind ("Reagan and other
        NATO leaders")."""
        out: list[MemberMatch] = []
        doc = sent.doc
        for org in ents_in(sent, ORG_LABELS):
            if org.start - 1 > sent.start and doc[org.start - 1].text in APPOSITION_MARKS and org.root.dep_ == "poss":
                # "Iran - Opec's second-biggest producer - ...", however the parser hangs it
                before = entity_ending(doc, org.start - 1, COUNTRY)
                after = doc[org.end:min(org.end + 7, sent.end)]
                role = next((t for t in after if t.pos_ == "NOUN" and t.dep_ != "compound"), None)
                if before is not None and role is not None and role.lemma_.lower() in MEMBER_ROLES:
                    out.append(MemberMatch(before, org, sent, "memberships.member-role", True))
                    continue
            noun = org.root
            while noun.dep_ == "compound" and noun.head.i > noun.i:
                noun = noun.head  # "Ecuador's OPEC oil output"
            if noun.i == org.root.i:
                if org.root.dep_ not in {"poss", "nmod"} or org.root.head.i <= org.root.i:
                    continue
                noun = org.root.head
            elif noun.head.i > noun.i and noun.dep_ in {"poss", "nmod"}:
                continue
            if noun.pos_ not in {"NOUN", "PROPN"} or noun.i < org.end:
                continue
            if org.root.dep_ == "poss" and noun.ent_type_ in COUNTRY:
                # "OPEC's Saudi Arabia", "NATO's Turkey"
                country = entity_at(noun, COUNTRY)
                if country is not None:
                    out.append(MemberMatch(country, org, sent, "memberships.member-role", True))
                continue
            lemma = noun.lemma_.lower()
            if noun.pos_ == "PROPN" and lemma.endswith("s"):
                lemma = lemma[:-1]  # a title's plural the tagger calls a name: "the G7 Finance Ministers"
            if any(c.dep_ == "neg" or c.lower_ in NOT_MEMBERS for c in noun.children):
                continue
            owners: list[Span] = []
            if lemma in MEMBER_SHARES:
                owners = [c for child in noun.children if child.dep_ == "poss" and child.i < org.start
                          for c in _countries(list(child.subtree))]
                owners += [c for child in noun.children if child.dep_ == "poss" and child.lower_ in {"its", "their"}
                           for c in [_antecedent(sent, child)] if c is not None]
            if lemma in MEMBER_ROLES and noun.dep_ == "appos":
                owners += [c for t in conjuncts(noun.head) for c in _countries([t])]
            elif lemma in MEMBER_ROLES and noun.dep_ == "attr" and noun.head.lemma_ in {"be", "remain"} and not _wished(
                    noun.head):
                owners += [c for subj in noun.head.children if subj.dep_ == "nsubj"
                           for t in conjuncts(subj) for c in _countries([t])]
            if (lemma in PEER_NOUNS or lemma in MEMBER_ROLES) and noun.dep_ == "pobj":
                # "Balladur was the only one of the G7 finance ministers"; "Britain is among the EC members"
                prep, target = noun.head, noun.head.head
                verb = target.head if target.lower_ == "one" and target.dep_ == "attr" else target
                if (prep.lower_ == "of" and target.lower_ == "one") or (prep.lower_ == "among" and verb.lemma_ == "be"):
                    subjects = [t for c in verb.children if c.dep_ == "nsubj" for t in conjuncts(c)] if (
                        verb.lemma_ == "be") else [target.head] if target.dep_ == "appos" else []
                    for subject in subjects:
                        person = entity_at(subject, frozenset({"PERSON"}))
                        if person is not None and lemma in PEER_NOUNS:
                            out.append(MemberMatch(person, org, sent, "memberships.member-role", True, person=True))
                        owners += _countries([subject])
            if lemma in PEER_NOUNS:
                # "EC ministers from France and Britain", "the NATO envoys of Italy and Spain"
                owners += [c for p in noun.children if p.dep_ == "prep" and p.lower_ in {"from", "of"}
                           for q in p.children for t in conjuncts(q) for c in _countries([t])]
            if noun.dep_ == "conj" and any(c.lower_ == "other" for t in (noun, org.root) for c in t.children):
                # "Reagan and other NATO leaders", "Kuwait and the other OPEC producers"
                first = noun.head
                person = entity_at(first, frozenset({"PERSON"}))
                if person is not None and lemma in PEER_NOUNS:
                    out.append(MemberMatch(person, org, sent, "memberships.member-role", True, person=True))
                owners += [c for t in conjuncts(first) if t.i != noun.i for c in _countries([t])]
            out += [MemberMatch(c, org, sent, "memberships.member-role", True)
                    for c in {c.start: c for c in owners}.values()]
        return out

    @staticmethod
    def _leaving(word: Token, sent: Span) -> list[MemberMatch]:
        """Leaving, said of a member: "Britain would leave the EC"; "the withdrawal of the United
        Kingdom from the European Union"; "getting Britain out of the EU"."""
        org: Span | None = None
        countries: list[Span] = []
        if word.pos_ == "VERB":
            for child in word.children:
                if child.dep_ == "dobj" and word.lemma_.lower() in LEAVE_VERBS:
                    org = org or entity_at(child, ORG_LABELS)
                elif child.dep_ in {"nsubj", "nsubjpass"}:
                    countries += [c for t in conjuncts(child) for c in _countries([t])]
                elif child.dep_ == "prep" and child.lower_ in {"from", "of"}:
                    org = org or next((e for p in child.children for e in [entity_at(p, ORG_LABELS)] if e), None)
                elif child.dep_ in {"prt", "advmod"} and child.lower_ == "out":
                    for p in child.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            org = org or next((e for q in p.children for e in [entity_at(q, ORG_LABELS)] if e), None)
        elif word.pos_ == "NOUN" and word.lemma_.lower() in LEAVE_NOUNS:
            for child in word.children:
                if child.dep_ == "poss":
                    countries += [c for t in conjuncts(child) for c in _countries([t])]
                elif child.dep_ == "prep" and child.lower_ == "of":
                    countries += [c for p in child.children for t in conjuncts(p) for c in _countries([t])]
                elif child.dep_ == "prep" and child.lower_ == "from":
                    org = org or next((e for p in child.children for e in [entity_at(p, ORG_LABELS)] if e), None)
        if org is None:
            return []
        return [MemberMatch(c, org, sent, "memberships.leaving", True) for c in countries]

    @staticmethod
    def _speaking(sent: Span) -> list[MemberMatch]:
        """A minister, delegation or ministry of a country, or a person who speaks for one, in a
        sentence that names no organization ("France's Francois Guillaume said the proposals were
        too tough"): in an article about an organization, its members' ministers speak for them
        there; the assembler keeps those the book confirms."""
        out: list[MemberMatch] = []
        for ent in ents_in(sent, frozenset({"COUNTRY", "PERSON"})):
            root = ent.root
            if ent.label_ == "PERSON":
                if root.dep_ == "pobj" and root.head.lower_ in SPATIAL:
                    continue
                out.append(MemberMatch(ent, None, sent, "memberships.speaking-member", True, "organization",
                                       person=True))
            elif root.dep_ in {"compound", "amod", "poss", "nmod"} and root.head.i >= ent.end:
                head = root.head
                if head.ent_type_ == "TITLE" or head.lemma_.lower() in SPEAKER_NOUNS:
                    out.append(MemberMatch(ent, None, sent, "memberships.speaking-member", True, "organization"))
                elif head.pos_ == "PROPN" and head.ent_type_ and head.ent_type_ not in COUNTRY:
                    # "France's Francois Guillaume": the name may be tagged anything; the assembler
                    # keeps it when the article knows it as a person's
                    name = next((e for e in sent.ents if e.start <= head.i < e.end), None)
                    out.append(MemberMatch(ent, None, sent, "memberships.speaking-member", True, "organization",
                                           speaker=name))
        return out

    @staticmethod
    def _joined(verb: Token, sent: Span) -> list[MemberMatch]:
        if _wished(verb) or verb.tag_ not in {"VBD", "VBN"}:
            return []  # "hopes to join", "will join", "wants to join": not (yet) a member
        org = next((e for c in verb.children if c.dep_ == "dobj" for e in [entity_at(c, ORG_LABELS)] if e), None)
        if org is None:
            return []
        countries = [c for s in verb.children if s.dep_ == "nsubj" for t in conjuncts(s) for c in _countries([t])]
        return [MemberMatch(c, org, sent, "memberships.joined", False) for c in countries]

    @staticmethod
    def _entry(noun: Token, sent: Span) -> list[MemberMatch]:
        """"the entry of Spain and Portugal into the group", "Spain's EC membership"."""
        countries: list[Span] = []
        org: Span | Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                countries += [c for t in conjuncts(child) for c in _countries(list(t.subtree))]
            elif child.dep_ == "prep" and child.lower_ == "of":
                countries += [c for pobj in child.children for t in conjuncts(pobj) for c in _countries([t])]
            elif child.dep_ == "prep" and child.lower_ in {"into", "to", "in"}:
                for pobj in child.children:
                    org = entity_at(pobj, ORG_LABELS) or (pobj if pobj.text in REFERENCES else None)
            elif child.dep_ in {"compound", "nmod", "amod"}:
                org = org or entity_at(child, ORG_LABELS)
        if not countries or _wished(noun):
            return []
        return [MemberMatch(c, org, sent, "memberships.entry", True, "organization") for c in countries]

    @staticmethod
    def _presidency(noun: Token, sent: Span) -> list[MemberMatch]:
        # "its EU and G8 presidencies" parses either way round: take the whole coordination
        top = noun.head if noun.dep_ == "conj" else noun
        group = conjuncts(top)
        orgs: list[Span] = []
        for token in group:
            modifiers = [m for c in token.children if c.dep_ in {"compound", "nmod"} for m in conjuncts(c)]
            modifiers += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.subtree]
            for t in [token, *modifiers]:
                ent = entity_at(t, ORG_LABELS)
                if ent is not None and ent not in orgs:
                    orgs.append(ent)
        holder: Span | None = None
        for child in (c for t in group for c in t.children if c.dep_ == "poss"):
            holder = entity_at(child, COUNTRY)
            if holder is None and child.lower_ in {"its", "their"}:
                # "its": the nearest country named before it in the sentence
                before = [e for e in ents_in(sent, COUNTRY) if e.end <= child.i]
                holder = before[-1] if before else None
            if holder is not None:
                break
        holders = [holder] if holder is not None else []
        verb = top.head
        if top.dep_ == "dobj" and verb.lemma_.lower() in HOLDING_VERBS:
            # "Italy holds the presidency of the EC"; "Britain takes over the presidency from Luxembourg"
            if holder is None:
                holders += [c for subj in verb.children if subj.dep_ == "nsubj"
                            for t in conjuncts(subj) for c in _countries([t])]
            # the one it passes from ("from Luxembourg"), or to ("handed the presidency to Denmark")
            holders += [c for t in (verb, top) for p in t.children if p.dep_ in {"prep", "dative"}
                        and p.lower_ in {"from", "to"} for q in p.children for c in _countries([q])]
        return [MemberMatch(h, org, sent, "memberships.presidency", True) for h in holders for org in orgs]


@Language.factory("diplokg_memberships", assigns=["doc._.dkg_members"], requires=["doc.ents", "token.dep"])
def make_memberships(nlp: Language, name: str) -> MembershipFinder:
    """Membership statements and implications."""
    return MembershipFinder()


# -- the assembler ---------------------------------------------------------------------------

def assemble_memberships(article: Article, matches: list[MemberMatch]) -> None:
    """Membership relations of one article; implied ones only when the membership book confirms
    them, none that it denies."""
    book = membership_book(memberships_path())
    year = article.date.year if article.date else None
    alliances = [e for e in article.extraction.entities if e.kind is EntityKind.ALLIANCE]
    main = article.main_organization()
    context = {
        "alliance": max(alliances, key=lambda e: len(e.mentions)) if alliances else None,
        "organization": main if main is not None and book.organization(main.label) else None,
    }
    references = lexicon("entities").table("references")
    implied_rules = {"memberships.known-members-listed", "memberships.acting-member", "memberships.allies",
                     "memberships.speaking-member", "memberships.member-role", "memberships.leaving"}
    speakers: dict[str, dict[str, tuple[Entity, Entity, Evidence]]] = {}
    for m in matches:
        if m.person:
            person = article.entity_of(m.country, {EntityKind.PERSON})
            represented = article.speaks_for(person) if person is not None else None
            country = represented if represented is not None and represented.kind is EntityKind.COUNTRY else None
        else:
            country = article.entity_of(m.country, {EntityKind.COUNTRY})
        if country is None or (m.speaker is not None and article.entity_of(m.speaker, {EntityKind.PERSON}) is None):
            continue
        if isinstance(m.organization, Token):
            org = article.reference_target(references[m.organization.text])
        elif m.organization is not None:
            org = article.entity_of(m.organization, ORGANIZATION_KINDS)
        elif m.rule == "memberships.known-members-listed":
            org = _list_organization(article, m, book, year) or context[m.context]
        else:
            org = context[m.context]
        if org is None:
            continue
        if m.rule == "memberships.speaking-member" and book.size(org.label, year) > SPEAKING_CLUB_SIZE:
            continue  # a minister speaks for a member at a club's meeting, not at a world body's
        if m.rule in implied_rules:
            if book.size(org.label, year) >= 100 or _lender(org):
                continue  # the UN, the IMF, a development bank: naming a country with them says nothing of membership
            if m.rule not in SAID_OF_MEMBERS and not article.about(org):
                continue
        if m.group and m.rule in {"memberships.known-members-listed", "memberships.acting-member",
                                  "memberships.organization-list"}:
            # a list counts only when every country in it belongs
            members = [article.entity_of(g, {EntityKind.COUNTRY}) for g in m.group]
            if not all(g is not None and book.is_member(g.label, org.label, year) for g in members):
                continue
        known = book.is_member(country.label, org.label, year)
        if known is False or (m.implied and known is not True):
            continue
        r = rule(m.rule)
        evidence = article.evidence(m.sentence, r.confidence, r.name)
        if m.rule == "memberships.speaking-member":
            speakers.setdefault(org.key, {}).setdefault(country.key, (country, org, evidence))
        else:
            article.relate(RelationKind.MEMBER_OF, country, org, evidence)
    # the ministers of one member alone may speak at home about the meeting; of several, at it
    for by_country in speakers.values():
        if len(by_country) >= 2:
            for country, org, evidence in by_country.values():
                article.relate(RelationKind.MEMBER_OF, country, org, evidence)


def _lender(org: Entity) -> bool:
    """A development bank or fund ("the Asian Development Bank"), whose countries are its clients."""
    return any(w in LENDER_WORDS for w in normalize_name(org.label).split())


def _list_organization(article: Article, match: MemberMatch, book: MembershipBook, year: int | None) -> Entity | None:
    """The organization a list of countries is of: one named in its sentence that the article is
    about and that all of them belong to ("Ivory Coast, Senegal, Nigeria and Papua New Guinea,
    the ACP says")."""
    members = [article.entity_of(g, {EntityKind.COUNTRY}) for g in match.group]
    if any(m is None for m in members):
        return None
    for span in ents_in(match.sentence, ORG_LABELS):
        org = article.entity_of(span, ORGANIZATION_KINDS)
        if org is not None and article.about(org) and all(
                book.is_member(m.label, org.label, year) for m in members if m is not None):
            return org
    return None
