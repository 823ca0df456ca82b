"""Who holds which office: the ``diplokg_offices`` component and its assembler.

The finder puts into ``doc._.dkg_offices`` every person named with a title: before the name
("NATO Secretary General Jens Stoltenberg", "Syria's president, Bashar Assad", "President Hassan
Rouhani of Iran"), in apposition ("Jens Stoltenberg, NATO's secretary general"), with a copula
("Mr Rao, who is India's finance minister"), several under one plural title ("Presidents A of X
and B of Y"), and "his Spanish counterpart Miguel Moratinos". Offices not held at the article's
time are no holdings: a former one ("Germany's former foreign minister Joschka Fischer") is kept
as a ``formerlyHeld`` relation (what ``diplokg track`` checks later articles against), a future
or then-current one ("President-elect", "then-president") is skipped.

The assembler makes the office entities ("Secretary General of NATO"), the ``holdsOffice`` and
``officeOf`` relations, gives a bare title its country from the office holders table where the
table knows who held it that year, and adds what the table says of people the article names
beside a bare mention of their title ("Mr Blair ... the prime minister").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..resources import gazetteer_path, officeholders_path
from ..vocab import normalize_name
from .entities import Article, Mention, clean
from .gazetteer import ruler_info
from .knowledge import (
    Tenure,
    before_their_time,
    first_years_in_office,
    holders_by_title,
    office_holders,
    tenures_of,
    title_key,
)
from .lexicon import ENVOY_HEADS, HONORIFICS, PORTFOLIO_HEADS, RANK_WORDS, plural_titles
from .records import Entity, EntityKind, RelationKind
from .rules import lexicon, rule
from .spans import entity_at, entity_ending, entity_starting, ents_in, token_mask, tokens_in, verb_of

_LEX = lexicon("offices")
QUALIFIER_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "ORG", "GPE", "CITY", "PLACE"})
PERSON = frozenset({"PERSON"})
# a name the NER mislabelled right after a title is the holder's all the same ("President Thabo Mbeki")
HOLDER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
NOT_HOLDING = _LEX.words("not_holding")
FORMERLY = _LEX.words("formerly")
OUSTED_PASSIVE = _LEX.words("ousted_passive")
FLED = _LEX.words("fled")
THEN = _LEX.words("then_words")
NOT_HOLDING_AFTER = _LEX.words("not_holding_after")
COUNTERPART_TITLES = {k.lower(): v for k, v in _LEX.table("counterpart_titles").items()}
TITLE_NAMES = {k.lower(): v for k, v in _LEX.table("title_names").items()}
LEGISLATOR_TITLES = _LEX.words("legislator_titles")
POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
_COUNTERPART_WORDS = frozenset({"counterpart", "counterparts"})
COPULAS = frozenset({"is", "remains", "'s"})
# verbs by which someone takes an office they then hold: "was elected President", "resumed the
# office of Speaker", "became prime minister"
ASSUMING_VERBS = frozenset({"become", "assume", "resume", "take", "elect", "appoint", "name", "swear", "install",
                            "hold", "remain", "choose", "reelect", "re-elect"})

if not Doc.has_extension("dkg_offices"):
    Doc.set_extension("dkg_offices", default=None)


def _ousted(person: Span) -> str | None:
    """"former" when the sentence ends the holder's time: "President X was ousted", "since
    President X fled Haiti" (fled the country or into exile, not "fled the capital")."""
    root = person.root
    verb = root.head
    if root.dep_ == "nsubjpass" and verb.lemma_.lower() in OUSTED_PASSIVE:
        return "former"
    if root.dep_ == "nsubj" and verb.lemma_.lower() in FLED and verb.tag_ in {"VBD", "VBN"}:
        for child in verb.children:
            target = child if child.dep_ == "dobj" else next(
                (g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if target is not None and (target.ent_type_ in {"COUNTRY", "GPE"} or
                                       target.lemma_.lower() in {"country", "exile"}):
                return "former"
    return None


@dataclass(frozen=True)
class OfficeMatch:
    """A person holding an office, as found in one sentence (spaCy spans; never leaves extract)."""

    person: Span
    title: Span | None
    """None for a counterpart: the title is the counterpart's (see ``counterpart_of``)."""
    qualifier: Span | None
    rule: str
    destination: Span | None = None
    """Where an envoy is sent: "Ambassador to Germany"."""
    complement: str = ""
    """What the title is for: "Director General *for Europe*"."""
    counterpart_of: Token | None = None
    """"his Spanish counterpart": the possessor, whose office the holder has in another country."""
    former: bool = False
    """"former foreign minister X": held before the article's time (a ``formerlyHeld``, not a holding)."""


def _is_plural(title: Span) -> bool:
    return title.text.lower() in plural_titles()


class OfficeFinder:
    """The ``diplokg_offices`` component."""

    def __init__(self, name: str, allow_comma: bool) -> None:
        self.name = name
        self.allow_comma = allow_comma

    def __call__(self, doc: Doc) -> Doc:
        matches: list[OfficeMatch] = []
        for ent in doc.ents:
            if ent.label_ != "TITLE":
                continue
            if _is_plural(ent):
                matches.extend(self._plural(doc, ent))
                continue
            found = self._title_first(doc, ent) or self._apposition(doc, ent) or self._copula(doc, ent) or \
                self._assumed(doc, ent)
            if found is not None:
                matches.append(found)
            elif (definite := self._definite(doc, ent) or self._named_next(doc, ent)) is not None:
                matches.append(definite)
        matches.extend(self._counterparts(doc))
        doc._.dkg_offices = matches
        return doc

    # -- the office phrase -----------------------------------------------------------------

    @staticmethod
    def _pre_qualifier(doc: Doc, title: Span) -> tuple[Span | None, int]:
        """A country or organization right before the title ("NATO", "Germany's", "Italian");
        returns it and the first token of the whole office phrase."""
        start = title.start
        if _hyphened_rank(doc, title) is not None:
            start -= 2  # "Japanese Vice-Finance Minister": the country is before the rank
        if start > 0 and doc[start - 1].lower_ in NOT_HOLDING | THEN | {"-", "outgoing", "new", "current"}:
            start -= 1  # "Germany's former foreign minister": keep looking past "former"
        qualifier = entity_ending(doc, start, QUALIFIER_LABELS)
        if qualifier is None and start > 0 and doc[start - 1].text in POSSESSIVE:
            qualifier = entity_ending(doc, start - 1, QUALIFIER_LABELS)
        if qualifier is None and start > 2 and doc[start - 1].text == ")":
            # "International Monetary Fund (IMF) head": the name before its bracketed short form
            opening = next((i for i in range(start - 2, max(start - 6, 0), -1) if doc[i].text == "("), None)
            if opening is not None:
                qualifier = entity_ending(doc, opening, QUALIFIER_LABELS)
        if qualifier is None:
            return None, start
        # "Deputy U.S. Trade Representative", "the assistant U.S. trade representative"
        return qualifier, qualifier.start - 1 if _rank_before(doc, qualifier) else qualifier.start

    @staticmethod
    def _complement(doc: Doc, end: int) -> int:
        """End of "for Europe", "for Foreign and Commonwealth Affairs" after a title."""
        if end + 1 >= len(doc) or doc[end].lower_ != "for":
            return end
        if not doc[end + 1].is_title:
            # "director-general for agriculture Jean-Marc Lucq": lower-case words, then the holder
            for i in range(end + 1, min(end + 5, len(doc))):
                if entity_starting(doc, i, PERSON) is not None and i > end + 1:
                    return i
                if not (doc[i].is_alpha and doc[i].is_lower) or doc[i].pos_ in {"VERB", "AUX"}:
                    break
            return end
        if entity_at(doc[end + 1], PERSON) is not None:
            return end
        i = end + 1
        last = end
        while i < len(doc) and (doc[i].is_title or (doc[i].lower_ in {"and", "of", "&"} and i + 1 < len(doc)
                                                     and doc[i + 1].is_title)):
            if doc[i].is_title:
                last = i + 1
            i += 1
        return last

    @staticmethod
    def _post_qualifier(doc: Doc, end: int) -> Span | None:
        """``of (the) COUNTRY`` right after ``end``."""
        if end < len(doc) and doc[end].lower_ == "of":
            nxt = end + 1
            if nxt < len(doc) and doc[nxt].lower_ == "the":
                nxt += 1
            qualifier = entity_starting(doc, nxt, QUALIFIER_LABELS)
            if qualifier is not None and qualifier.label_ == "COUNTRY" and qualifier.end < len(doc) and \
                    doc[qualifier.end].pos_ in {"NOUN", "PROPN"} and doc[qualifier.end].ent_type_ != "PERSON":
                return None  # "president of the [American] Federation of ...", "of the [U.S.] sugar association"
            return qualifier
        return None

    @staticmethod
    def _destination(doc: Doc, title: Span, end: int) -> Span | None:
        """``to (the) COUNTRY`` after an envoy's title."""
        if title.text.lower().split()[-1].rstrip("s") not in ENVOY_HEADS:
            return None
        if end < len(doc) and doc[end].lower_ == "to":
            nxt = end + 1 + (1 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else 0)
            return entity_starting(doc, nxt, QUALIFIER_LABELS)
        return None

    @classmethod
    def _not_holding(cls, doc: Doc, phrase_start: int, title: Span) -> bool:
        """"former foreign minister", "then-president", "President-elect": not holding it now."""
        return cls._standing(doc, phrase_start, title) is not None

    @staticmethod
    def _standing(doc: Doc, phrase_start: int, title: Span) -> str | None:
        """None when the title is held at the article's time; "former" when the words before it
        say it was held before ("former", "ex-"); "not" when it is not held for another reason
        ("then-president", "President-elect", "incoming", "under President X" in the past)."""
        sent_start = title.sent.start
        window = [t.lower_ for t in doc[max(phrase_start - 2, sent_start):title.start]]
        if phrase_start - 3 >= sent_start and doc[phrase_start - 2].text == "-":
            window.insert(0, doc[phrase_start - 3].lower_)  # "ex - Conservative chancellor"
        words = [*window, *(t.lower_ for t in title)]
        if any(w in NOT_HOLDING or w.startswith(("ex-", "former-")) for w in window) or \
                any(t.lower_ in NOT_HOLDING for t in title):
            # also "ex-Conservative chancellor Ken Clarke"; "former president-elect" was never president
            others = (NOT_HOLDING - FORMERLY) | THEN
            if any(w in others for w in words) or any(t.lower_ in NOT_HOLDING_AFTER for t in
                                                      doc[title.end:title.end + 2]):
                return "not"
            return "former" if any(w in FORMERLY or w.startswith(("ex-", "former-")) for w in words) else "not"
        if title.start > sent_start and doc[title.start - 1].lower_ in THEN:
            return "not"
        if title.text.lower().startswith("then-"):
            return "not"
        if title.text.lower().startswith("ex-"):
            return "former"
        if phrase_start > sent_start and doc[phrase_start - 1].lower_ == "under" and \
                (verb := verb_of(doc[phrase_start - 1])) is not None and _past(verb):
            return "not"  # "he served as prime minister under President X": X's time, gone
        after = doc[title.end:title.end + 2]
        return "not" if any(t.lower_ in NOT_HOLDING_AFTER for t in after) else None

    def _phrase(self, doc: Doc, title: Span) -> tuple[Span | None, int, int, Span | None, str]:
        """The office phrase around a title: qualifier, first token, end, destination, complement."""
        qualifier, phrase_start = self._pre_qualifier(doc, title)
        end = self._complement(doc, title.end)
        complement = doc[title.end:end].text if end > title.end else ""
        post = self._post_qualifier(doc, end)
        if post is not None and qualifier is None:
            qualifier, end = post, post.end
        destination = self._destination(doc, title, end)
        if destination is not None:
            end = destination.end
        return qualifier, phrase_start, end, destination, complement

    # -- holders ---------------------------------------------------------------------------

    @staticmethod
    def _holder_at(doc: Doc, start: int, title: Span) -> Span | None:
        """A person's name starting at ``start`` (past honorifics), in the title's sentence."""
        while start < len(doc) and doc[start].lower_.rstrip(".") in HONORIFICS and entity_starting(
                doc, start, PERSON) is None:
            start += 1
        person = entity_starting(doc, start, HOLDER_LABELS)
        if person is None or person.sent.start != title.sent.start:
            return None
        if person.label_ != "PERSON" and (len(person) < 2 or not all(t.is_title for t in person)):
            return None
        return person

    def _title_first(self, doc: Doc, title: Span) -> OfficeMatch | None:
        qualifier, phrase_start, after, destination, complement = self._phrase(doc, title)
        rule_name = "offices.title-before-name"
        after = _past_brackets(doc, after)  # "Labour MP (Member of Parliament) Tom Watson"
        if self.allow_comma and after < len(doc) and doc[after].text == ",":
            after += 1
            rule_name = "offices.title-comma-name"
        person = self._holder_at(doc, after, title)
        if person is None and not complement and after < len(doc) and doc[after].lower_ == "of":
            # "speaker of the parliament Ali Larijani", "vice president of women and family affairs
            # Masoumeh Ebtekar": what the title is of, then its holder
            person, portfolio = self._holder_after_portfolio(doc, title, after)
            if person is not None:
                complement = portfolio.text
                qualifier = qualifier or next(iter(ents_in(portfolio, QUALIFIER_LABELS)), None)
        if person is None:
            return None
        if qualifier is None:
            qualifier = self._post_qualifier(doc, person.end)  # "President Hassan Rouhani of Iran"
        standing = self._standing(doc, phrase_start, title) or _ousted(person)
        if standing == "not":
            return None
        return OfficeMatch(person, title, qualifier, rule_name, destination, complement, former=standing == "former")

    def _holder_after_portfolio(self, doc: Doc, title: Span, of: int) -> tuple[Span | None, Span]:
        """The holder right after "of <a few words>" (no verb, no punctuation, no other title)."""
        for i in range(of + 1, min(of + 9, title.sent.end)):
            token = doc[i]
            person = self._holder_at(doc, i, title) if i > of + 1 else None
            if person is not None and person.label_ == "PERSON":
                return person, doc[of:i]
            if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON"} or token.ent_type_ in {"TITLE", "PERSON",
                                                                                              "DATE"}:
                break
        return None, doc[of:of]

    def _apposition(self, doc: Doc, title: Span) -> OfficeMatch | None:
        """``PERSON, (the) (QUALIFIER('s)) TITLE (of QUALIFIER)``."""
        qualifier, phrase_start, _, destination, complement = self._phrase(doc, title)
        start = phrase_start
        if start > 0 and doc[start - 1].lower_ in {"the", "a", "an", "his", "her"}:
            start -= 1
        if start < 2 or doc[start - 1].text != ",":
            return None
        if entity_starting(doc, _past_brackets(doc, title.end), PERSON) is not None:
            return None  # "A, Labour MP B": the title is B's, in a list
        person = entity_ending(doc, start - 1, PERSON)
        if person is None or person.sent.start != title.sent.start:
            return None
        standing = self._standing(doc, phrase_start, title)
        if standing == "not":
            return None
        return OfficeMatch(person, title, qualifier, "offices.apposition", destination, complement,
                           former=standing == "former")

    def _copula(self, doc: Doc, title: Span) -> OfficeMatch | None:
        """``PERSON (, who) is (the) TITLE``: the present tense only (a holder now)."""
        qualifier, phrase_start, _, destination, complement = self._phrase(doc, title)
        i = phrase_start - 1
        if i >= 0 and doc[i].lower_ in {"the", "a", "an"}:
            i -= 1
        if i < 1 or doc[i].lower_ not in COPULAS:
            return None
        i -= 1
        if i >= 1 and doc[i].lower_ == "who" and doc[i - 1].text == ",":
            i -= 1
            person = entity_ending(doc, i, PERSON)
        else:
            person = entity_ending(doc, i + 1, PERSON)
        if person is None or person.sent.start != title.sent.start:
            return None
        standing = self._standing(doc, phrase_start, title)
        if standing == "not":
            return None
        # "Mr X, who is a former minister": held before
        return OfficeMatch(person, title, qualifier, "offices.copula", destination, complement,
                           former=standing == "former")

    def _assumed(self, doc: Doc, title: Span) -> OfficeMatch | None:
        """``PERSON became / was elected / resumed the office of / was sworn in as TITLE``."""
        qualifier, phrase_start, _, destination, complement = self._phrase(doc, title)
        node = title.root
        for _ in range(3):  # title -> "of" -> "office" -> verb, or title -> "as" -> verb
            if node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                break
            if not (node.lower_ in {"of", "as"} or
                    node.lemma_.lower() in {"office", "post", "position", "job", "role"}):
                return None
        lemma = node.lemma_.lower()
        if lemma not in ASSUMING_VERBS or (lemma in {"hold", "remain"} and node.tag_ not in {"VBZ", "VBP", "VBG"}):
            return None
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        person = entity_at(subject, PERSON) if subject is not None else None
        if person is None or self._not_holding(doc, phrase_start, title):
            return None
        return OfficeMatch(person, title, qualifier, "offices.assumed", destination, complement)

    @staticmethod
    def _definite(doc: Doc, title: Span) -> OfficeMatch | None:
        """"Gordon Brown has issued a rallying cry ... The chancellor said ...": a definite title
        as the subject right after a sentence about one person is that person's title."""
        if title.start == 0 or doc[title.start - 1].lower_ != "the" or title.root.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        if title.text.lower() in {"president", "minister", "leader", "secretary", "chairman", "director",
                                  "spokesman", "spokeswoman", "official", "ambassador"}:
            return None  # too common a word to point at one person
        sent = title.sent
        if sent.start == 0 or ents_in(sent, PERSON):
            return None
        previous = doc[sent.start - 1].sent
        people = ents_in(previous, PERSON)
        for _ in range(2):
            # "Gordon Brown is to freeze ... In his report, he increased ... The chancellor said":
            # a sentence told by "he" or "she" continues the one about the person
            if people or previous.start == 0 or not any(
                    t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"} for t in previous):
                break
            previous = doc[previous.start - 1].sent
            people = ents_in(previous, PERSON)
        if len({p.text.split()[-1] for p in people}) != 1 or people[0].root.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        # only where the person has just been introduced: later, "the prime minister" may be another
        surname = people[0].text.split()[-1]
        if any(surname in e.text for e in ents_in(doc[:previous.start], PERSON)):
            return None
        return OfficeMatch(people[0], title, None, "offices.definite-title")

    def _named_next(self, doc: Doc, title: Span) -> OfficeMatch | None:
        """"France's finance minister has said ... Herve Gaymard said he would seek action": a
        qualified title as a sentence's subject, named by the next sentence's new subject."""
        qualifier, phrase_start = self._pre_qualifier(doc, title)
        sent = title.sent
        if qualifier is None or title.root.dep_ not in {"nsubj", "nsubjpass"} or ents_in(sent, PERSON) or \
                sent.end >= len(doc) or self._not_holding(doc, phrase_start, title):
            return None
        if phrase_start > sent.start and doc[phrase_start - 1].lower_ in {"a", "an", "one"}:
            return None  # "a French minister": one of several
        following = doc[sent.end].sent
        people = ents_in(following, PERSON)
        if not people or people[0].root.dep_ not in {"nsubj", "nsubjpass"} or any(
                t.ent_type_ == "TITLE" for t in doc[following.start:people[0].start]):
            return None
        person = people[0]
        if person.start > following.start + 1 or any(
                person.text.split()[-1] in e.text for e in ents_in(doc[:following.start], PERSON)):
            return None  # not the sentence's opening, or someone named before
        return OfficeMatch(person, title, qualifier, "offices.named-next")

    def _plural(self, doc: Doc, title: Span) -> list[OfficeMatch]:
        """``Presidents A of X and B of Y``, ``the foreign ministers, A and B``: one holder each."""
        qualifier, phrase_start, after, _, complement = self._phrase(doc, title)
        standing = self._standing(doc, phrase_start, title)
        if standing == "not":
            return []
        if after < len(doc) and doc[after].text == ",":
            after += 1
        found: list[OfficeMatch] = []
        i = after
        while i < len(doc):
            person = self._holder_at(doc, i, title)
            if person is None or person.label_ != "PERSON":
                break
            own = self._post_qualifier(doc, person.end)
            found.append(OfficeMatch(person, title, own or qualifier, "offices.plural-title", None, complement,
                                     former=standing == "former"))
            i = own.end if own is not None else person.end
            if i < len(doc) and doc[i].text == ",":
                i += 1
            if i < len(doc) and doc[i].lower_ == "and":
                i += 1
            elif found and (i >= len(doc) or doc[i - 1].text != ","):
                break
        return found if len(found) >= 2 else []

    @staticmethod
    def _counterparts(doc: Doc) -> list[OfficeMatch]:
        """``(his|Britain's) Spanish counterpart(,) Miguel Moratinos``."""
        found: list[OfficeMatch] = []
        for token in tokens_in(doc, token_mask(doc, "LOWER", _COUNTERPART_WORDS)):
            country = entity_ending(doc, token.i, frozenset({"COUNTRY"}))
            if country is None:
                continue
            owner = doc[country.start - 1] if country.start > 0 else None
            if owner is not None and owner.text in POSSESSIVE and country.start > 1:
                owner = doc[country.start - 2]
            start = token.i + 1 + (1 if token.i + 1 < len(doc) and doc[token.i + 1].text == "," else 0)
            person = entity_starting(doc, start, PERSON)
            if person is None or owner is None or person.sent.start != token.sent.start:
                continue
            found.append(OfficeMatch(person, None, country, "offices.counterpart", counterpart_of=owner))
        return found


@Language.factory("diplokg_offices", default_config={"allow_comma": True}, assigns=["doc._.dkg_offices"],
                  requires=["doc.ents", "token.dep"])
def make_offices(nlp: Language, name: str, allow_comma: bool) -> OfficeFinder:
    """Office holdings (``allow_comma``: also "Syria's president, Bashar Assad")."""
    return OfficeFinder(name, allow_comma)


# -- the assembler ---------------------------------------------------------------------------

class OfficeAssembler:
    """Office entities and ``holdsOffice``/``officeOf`` relations for one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.tenures = office_holders(officeholders_path(), gazetteer_path())
        self.by_title = holders_by_title(officeholders_path(), gazetteer_path())
        date = article.date
        self.year: int | None = date.year if date else None
        self.seen: list[Tenure] = []
        """The tenures of titles put to names ("Chancellor Gordon Brown"), which date an undated article."""

    def person_qid(self, span: Span) -> str | None:
        """The QID the gazetteer gave a person's name, if it did; not an alias's whom the table
        first puts in office long after the article's year ("Vice President George Bush" in 1987
        is not George W. Bush, so the table's Vice President of 1987 may be him)."""
        info = ruler_info(span)
        if info is None or info[0] != "person" or not info[2]:
            return None
        if self.year is not None and normalize_name(span.text) != normalize_name(info[1]) and before_their_time(
                first_years_in_office(officeholders_path(), gazetteer_path()), info[2], self.year):
            return None
        return info[2]

    def _tenure(self, person: Entity, qid: str | None, title: str, *, attached: bool = True) -> Tenure | None:
        """The one tenure of ``person`` in an office of ``title`` in the article's year. Without
        the article's year, only for a title put to the person's name ("Chancellor Gordon
        Brown"), and only if the table gives them one office of that title at all; a title named
        elsewhere in an undated article says nothing (Gordon Brown was Chancellor, then Prime
        Minister) unless the titles put to names date it (:meth:`_period`)."""
        period = self._period()
        if self.year is None and not attached and period is None:
            return None
        # (the years first: a cheaper test than the names)
        found = {t.office: t for t in self.by_title.get(title_key(title), ())
                 if (t.covers(self.year) if self.year is not None else
                     attached or (period is not None and t.covers(period[0]) and t.covers(period[1])))
                 and t.names(person.label, person.aliases, qid)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _period(self) -> tuple[int, int] | None:
        """The years an undated article can be of: those in which every title it puts to a name
        was that person's ("Chancellor Gordon Brown" and "Prime Minister Tony Blair": 1997-2007).
        Then a title named apart from its holder is theirs only if held through all those years."""
        if self.year is not None or not self.seen:
            return None
        start = max(t.start for t in self.seen)
        ends = [t.end for t in self.seen if t.end is not None]
        end = min(ends) if ends else start
        return (start, end) if start <= end else None

    def _holds_other(self, person: Entity, qid: str | None, title: str) -> bool:
        """The office holders table has the person in office in the article's year, never under ``title``."""
        if self.year is None:
            return False
        held = [t for t in tenures_of(officeholders_path(), gazetteer_path(), person.label, person.aliases, qid)
                if t.covers(self.year)]
        return bool(held) and all(t.title != title_key(title) for t in held)

    def _person(self, span: Span) -> Entity | None:
        mention = self.article.mention(span)
        if mention is None and span.label_ != "PERSON":
            cleaned = clean(span)
            if cleaned is None:
                return None
            text, start, end = cleaned
            mention = Mention(EntityKind.PERSON, text, text, self.article.prepared.original(start),
                              self.article.prepared.original(end))
        elif mention is not None and mention.kind is not EntityKind.PERSON:
            mention = Mention(EntityKind.PERSON, mention.surface, mention.surface, mention.start, mention.end)
        return self.article.add(mention) if mention is not None else None

    def add(self, match: OfficeMatch) -> None:
        """One office holding."""
        a = self.article
        person = self._person(match.person)
        if person is None or person.kind is not EntityKind.PERSON:
            return
        qualifier = a.entity_of(match.qualifier, {EntityKind.COUNTRY, EntityKind.ORGANIZATION,
                                                  EntityKind.ALLIANCE}) if match.qualifier is not None else None
        if match.title is None:  # a counterpart
            title = self._counterpart_title(match)
            if title is None or qualifier is None:
                return
            surface_span = a.doc[match.qualifier.start:match.qualifier.end + 1] if match.qualifier else match.person
        else:
            title = " ".join(t.text for t in match.title)
            if match.qualifier is not None and match.qualifier.end <= match.title.start and \
                    _rank_before(a.doc, match.qualifier) and title.split()[0].lower() not in RANK_WORDS:
                title = f"{a.doc[match.qualifier.start - 1].text} {title}"  # "Deputy [U.S.] Trade Representative"
            elif (rank := _hyphened_rank(a.doc, match.title)) is not None:
                title = f"{rank}-{title}"  # "Vice-Finance Minister"
            if match.complement:
                title = f"{title} {match.complement}"
            title = _title_case(title)
            if _is_plural(match.title):
                title = _singular_title(title)
            if title.lower() in LEGISLATOR_TITLES and qualifier is not None and \
                    qualifier.kind is not EntityKind.COUNTRY:
                qualifier = None  # "Labour MP Tom Watson": the party is not the legislature
            elif qualifier is not None and a.ruler_kinds.get(qualifier.key) == "party" and \
                    title.lower().split()[-1] in PORTFOLIO_HEADS:
                qualifier = None  # "Labour Health Secretary": a government's office, not the party's
            title = TITLE_NAMES.get(title.lower(), title)
            surface_span = match.title
        if match.former and qualifier is None and match.destination is None:
            return  # "former President X": a title without its state is no office to check later articles against
        if match.rule == "offices.named-next" and self._holds_other(person, self.person_qid(match.person), title):
            return  # the table has them in another office that year: the title was someone else's
        destination = a.entity_of(match.destination, {EntityKind.COUNTRY, EntityKind.ORGANIZATION}) \
            if match.destination is not None else None
        name = f"{title} of {qualifier.label}" if qualifier is not None else title
        if destination is not None:
            name = f"{name} to {destination.label}"
        identity = None
        tenure = None
        if qualifier is None and destination is None and not match.former:
            tenure = self._tenure(person, self.person_qid(match.person), title)
            if tenure is not None:
                name = tenure.office_label  # the country the title lacks, from who held it that year
            else:
                # a title without its country ("President") is no name: two people's "President"
                # may be two offices, so such an office is told apart by its holder
                identity = f"{title} held by {person.label}"
        start = a.prepared.original(surface_span.start_char)
        end = a.prepared.original(surface_span.end_char)
        surface = a.extraction.document.text[start:end]
        office = a.add(Mention(EntityKind.OFFICE, name, surface, start, end), identity)
        office.title = office.title or title
        if tenure is not None:
            office.qid = office.qid or tenure.office
            person.qid = person.qid or tenure.person
            qualifier = self._country(tenure)
            self.seen.append(tenure)
        r = rule(match.rule)
        evidence = a.evidence(match.person.sent, r.confidence, r.name)
        a.relate(RelationKind.FORMERLY_HELD if match.former else RelationKind.HOLDS_OFFICE, person, office, evidence)
        if qualifier is not None:
            a.relate(RelationKind.OFFICE_OF, office, qualifier, evidence)

    def _country(self, tenure: Tenure) -> Entity | None:
        """The article's entity for the state or organization of a tenure's office, if it names it."""
        key = normalize_name(tenure.country)
        return self.article.find(f"country:{key}") or self.article.find(f"organization:{key}")

    def _counterpart_title(self, match: OfficeMatch) -> str | None:
        """The title of the possessor's office, as its holder's counterparts are called."""
        owner = match.counterpart_of
        if owner is None:
            return None
        a = self.article
        if owner.lower_ in {"his", "her"}:
            # the nearest person before, in the sentence, whose office the article knows
            people = [e for e in a.ents if e.label_ == "PERSON" and e.end <= owner.i
                      and e.sent.start == owner.sent.start]
            holder = a.entity_of(people[-1], {EntityKind.PERSON}) if people else None
        else:
            holder = a.entity_at(owner, {EntityKind.PERSON})
        offices = a.offices_of(holder) if holder is not None else []
        if not offices or offices[0].title is None:
            return None
        title = offices[0].title
        return COUNTERPART_TITLES.get(title.lower(), title)

    def known_tenures(self) -> None:
        """People the article names beside a bare mention of a title that the table says they
        held in the article's year ("Gordon Brown ... the chancellor"): they hold that office."""
        a = self.article
        if not self.tenures:
            return
        titles: dict[str, Span] = {}
        for ent in a.ents:
            if ent.label_ == "TITLE" and not _is_plural(ent):
                titles.setdefault(title_key(ent.text), ent)
        if not titles:
            return
        people: dict[str, tuple[Entity, str | None, Span]] = {}
        for ent in a.ents:
            if ent.label_ != "PERSON":
                continue
            person = a.entity_of(ent, {EntityKind.PERSON})
            if person is not None and person.key not in people:
                people[person.key] = (person, self.person_qid(ent), ent)
        for person, qid, _span in people.values():
            if any(o.qid for o in a.offices_of(person)):
                continue
            surname_only = not qid and len(person.label.split()) < 2
            for key, title_span in titles.items():
                tenure = self._tenure(person, qid, key, attached=False)
                if tenure is None and not self._held_by_another(person, key):
                    # (undated: a guess from the table, never for a title the article gives another)
                    tenure = self._sole_office(person, qid, key)
                if tenure is None or self._former(title_span):
                    continue
                if surname_only and (self._country(tenure) is None or not self._sole_surname(tenure)):
                    continue  # "Mr Howard": the table's Howard may be another one
                held = [o for o in a.offices_of(person) if title_key(o.title or "") == key]
                if held:
                    continue
                office = a.add(Mention(EntityKind.OFFICE, tenure.office_label, title_span.text,
                                       a.prepared.original(title_span.start_char),
                                       a.prepared.original(title_span.end_char)))
                office.title = office.title or _title_case(title_span.text)
                office.qid = office.qid or tenure.office
                person.qid = person.qid or tenure.person
                r = rule("offices.known-tenure")
                evidence = a.evidence(title_span.sent, r.confidence, r.name)
                a.relate(RelationKind.HOLDS_OFFICE, person, office, evidence)
                country = self._country(tenure)
                if country is not None:
                    a.relate(RelationKind.OFFICE_OF, office, country, evidence)

    def _sole_office(self, person: Entity, qid: str | None, title: str) -> Tenure | None:
        """In an undated article that no title put to a name dates: the tenure of ``title`` if
        it is the only office the table gives the person at all ("Tony Blair ... the prime
        minister"; named by surname alone, only if the article names the office's state too),
        and not for a title the article puts to someone else (Michael Howard, a home secretary
        of 1993-1997, is not "the home secretary" of a 2004 story that makes Charles Clarke it).
        Someone who held two offices (Gordon Brown: Chancellor, then Prime Minister)
        may be in either, so is left alone."""
        if self.year is not None or self._period() is not None:
            return None
        held = tenures_of(officeholders_path(), gazetteer_path(), person.label, person.aliases, qid)
        holders = {t.person for t in held if title_key(t.title) == title_key(title)}
        if len(holders) != 1:
            return None  # (by a surname alone: the one holder of the title with it)
        theirs = [t for t in held if t.person in holders]
        if len({t.office for t in theirs}) != 1:
            return None
        tenure = theirs[0]
        if len(person.label.split()) < 2 and self._country(tenure) is None:
            return None  # "Mr Howard" in a British story is not Australia's John Howard
        return tenure

    def _held_by_another(self, person: Entity, title: str) -> bool:
        """Whether the article has someone other than ``person`` in an office of ``title``."""
        x = self.article.extraction
        return any(r.kind is RelationKind.HOLDS_OFFICE and r.subject != person.key
                   and title_key(x.entity(r.object).title or "") == title for r in x.relations)

    def _sole_surname(self, tenure: Tenure) -> bool:
        """Whether the table has no other holder of the tenure's title with its holder's surname
        who could be meant by the surname alone in the article's year (or at all, undated)."""
        return all(t.person == tenure.person for t in self.by_title.get(title_key(tenure.title), ())
                   if t.surname == tenure.surname and (self.year is None or t.covers(self.year)))

    @staticmethod
    def _former(title: Span) -> bool:
        doc = title.doc
        window = [t.lower_ for t in doc[max(title.start - 2, title.sent.start):title.start]]
        return any(w in NOT_HOLDING for w in window)


def _rank_before(doc: Doc, qualifier: Span) -> bool:
    """Whether a rank stands before the qualifier that stands before a title ("*Deputy* U.S.
    Trade Representative"): the rank is the title's."""
    return qualifier.start > 0 and doc[qualifier.start - 1].lower_ in RANK_WORDS


def _hyphened_rank(doc: Doc, title: Span) -> str | None:
    """"Vice" of "Vice-Finance Minister": a rank joined to the title by a hyphen, which the
    title ruler leaves out (the NER may have taken it into a name before: "[Japanese Vice]")."""
    i = title.start
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and doc[i - 2].lower_ in RANK_WORDS:
        return doc[i - 2].text
    return None


def _past_brackets(doc: Doc, i: int) -> int:
    """The index after a short bracketed aside starting at ``i`` (``i`` if there is none)."""
    if i < len(doc) and doc[i].text == "(":
        for j in range(i + 1, min(i + 8, len(doc))):
            if doc[j].text == ")":
                return j + 1
    return i


def _past(verb: Token) -> bool:
    """"served", "had served": the simple past or past perfect, not "has cut"."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'s", "'ve"}
                                          for c in verb.children)


def _title_case(text: str) -> str:
    return text.replace(" - ", "-").title().replace(" Of ", " of ").replace(" The ", " the ").replace(
        " For ", " for ").replace(" And ", " and ").replace("'S", "'s")


def _singular_title(title: str) -> str:
    """"Foreign Ministers" -> "Foreign Minister" (the plural made by :func:`~.lexicon.plural`)."""
    words = title.split(" ")
    head = next((i - 1 for i, w in enumerate(words) if w in {"of", "for"} and i > 0), len(words) - 1)
    word = words[head]
    lower = word.lower()
    if lower.endswith("men"):
        words[head] = word[:-3] + "man"
    elif lower.endswith("ies"):
        words[head] = word[:-3] + "y"
    elif lower.endswith(("sses", "xes", "ches", "shes")):
        words[head] = word[:-2]
    elif lower.endswith("s"):
        words[head] = word[:-1]
    return " ".join(words)


def assemble_offices(article: Article, matches: list[OfficeMatch]) -> None:
    """The office holdings of one article (``matches`` from ``doc._.dkg_offices``)."""
    assembler = OfficeAssembler(article)
    for match in sorted(matches, key=lambda m: m.title is None):  # counterparts need the others
        assembler.add(match)
    assembler.known_tenures()
