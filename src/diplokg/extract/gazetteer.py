"""Names the pipeline must know around the NER: entity rulers over the Wikidata gazetteer and the
office titles, and fix-ups of the trained NER's spans.

``diplokg_titles``, ``diplokg_gazetteer``
    Entity rulers placed before the trained NER: office titles, singular and plural (``TITLE``,
    case-insensitive); country names and demonyms (``COUNTRY``), alliances (``ALLIANCE``),
    international organizations (``INTL_ORG``), cities (``CITY``), places, regions and seats of
    government (``PLACE``), parties and news agencies (``ORG``) and the full names of the
    gazetteer's people (``PERSON``), from the gazetteer and ``rules/entities.toml``. The NER then
    respects these spans, so "State" in "Secretary of State" is never an organization. Each
    gazetteer span's ``ent_id_`` is ``kind|canonical name|QID|demonym``.

``diplokg_dateline``
    Wire copy opens with a dateline in capitals ("BRUSSELS —", "SINGAPORE, June 19 -") that the
    NER takes for an organization; this component makes it the place (the city, where a country
    bears the same name) it is.

``diplokg_abbreviations``
    "Inter Governmental Group on Indonesia (IGGI)", "GATT (General Agreement on Tariffs and
    Trade)": the long form becomes one entity (whatever the NER cut it into), and every mention
    of the short form is that entity.

``diplokg_entity_fixes``
    Domain corrections of the NER: a demonym or place that opens an organization's name is part
    of it ("Turkish Foreign Ministry", "Paris Club"); "Name (ABBR)" ends at the parenthesis;
    ordinary words the NER took for names ("Media reports said") are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IS_ALPHA, IS_TITLE, LOWER, ORTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resources import gazetteer_path
from ..vocab import normalize_name
from .lexicon import (
    HEAD_WORDS,
    NOT_PERSON_HEADS,
    PORTFOLIOS,
    RANK_WORDS,
    RULER_LABELS,
    GazetteerName,
    city_names,
    first_names,
    gazetteer_index,
    gazetteer_names,
    office_titles,
    plural,
)
from .rules import lexicon
from .spans import reset_index, tokens_with, word_ids

ABBREVIATIONS = "dkg_abbreviations"
"""``doc.user_data`` key: short form -> the long form's entity span (as ``(start, end)``)."""


def ruler_id(entry: GazetteerName) -> str:
    """The ``ent_id_`` of a gazetteer span."""
    return f"{entry.kind}|{entry.label}|{entry.qid}|{int(entry.demonym)}"


def ruler_info(span: Span) -> tuple[str, str, str, bool] | None:
    """``(kind, canonical name, QID, demonym)`` of a span the gazetteer made, else None."""
    parts = span.ent_id_.split("|")
    return (parts[0], parts[1], parts[2], parts[3] == "1") if len(parts) == 4 else None


class _Ruler(EntityRuler):
    """spaCy's entity ruler, without its count of every pattern on each call (made only to warn
    when there is none: thousands of labels summed per document)."""

    def _require_patterns(self) -> None:
        if not (self.token_patterns or self.phrase_patterns):
            super()._require_patterns()

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """spaCy's, but the phrases are only tokenized: spaCy runs every pattern text through the
        components before the ruler (when the ruler is made, all of them: tagger, parser and
        their tok2vec, 20 s for the gazetteer's 37,000 names), while matching on ``ORTH`` or
        ``LOWER`` reads the tokens alone."""
        if self.phrase_matcher_attr not in {"ORTH", "LOWER", ORTH, LOWER}:
            super().add_patterns(patterns)
            return
        with self.nlp.select_pipes(disable=[n for n in self.nlp.pipe_names if n not in self.nlp.disabled]):
            super().add_patterns(patterns)


@Language.factory("diplokg_titles", assigns=["doc.ents", "token.ent_type"])
def make_titles(nlp: Language, name: str) -> EntityRuler:
    """Office titles (``TITLE``), singular and plural, matched case-insensitively as phrases."""
    ruler = _Ruler(nlp, name, phrase_matcher_attr="LOWER", overwrite_ents=False, validate=False)
    titles = office_titles()
    ruler.add_patterns([{"label": "TITLE", "pattern": t} for t in (*titles, *(plural(t) for t in titles))])
    return ruler


@Language.factory("diplokg_gazetteer", default_config={"gazetteer": None}, assigns=["doc.ents", "token.ent_type"])
def make_gazetteer(nlp: Language, name: str, gazetteer: str | None) -> EntityRuler:
    """Entity ruler over the Wikidata gazetteer (``gazetteer``: a CSV path; default: shipped)."""
    ruler = _Ruler(nlp, name, phrase_matcher_attr="ORTH", overwrite_ents=False, validate=False)
    label_of = dict(RULER_LABELS)
    patterns: list[dict[str, Any]] = []
    for entry in gazetteer_names(Path(gazetteer) if gazetteer else gazetteer_path()):
        # the id carries kind, canonical name and QID to the assembler
        patterns.append({"label": label_of[entry.kind], "pattern": entry.text, "id": ruler_id(entry)})
    ruler.add_patterns(patterns)
    return ruler


DATELINE_ENDS = frozenset({",", "\u2014", "-", "\u2013", "(", "--"})
DATELINE_DASHES = frozenset({"\u2014", "-", "\u2013", "--"})


def dateline_end(doc: Doc) -> int | None:
    """The token after a wire-copy dateline ("CARACAS, March 8 -", "BRUSSELS \u2014"), if the text
    opens with one."""
    if not doc or not (doc[0].is_alpha and doc[0].is_upper and len(doc[0]) > 1):
        return None
    i = 1
    while i < min(len(doc), 6) and ((doc[i].is_upper and doc[i].is_alpha) or doc[i].text in {".", "'"}):
        i += 1
    for j in range(i, min(i + 8, len(doc) - 1)):  # (", MINN., June 1 -": a state and a day)
        if doc[j].text in DATELINE_DASHES and doc[j - 1].whitespace_:
            return j + 1  # (a hyphen inside a word is none: "GATT director-general said")
        if "\n" in doc[j].text:
            return None
    return None


_HYPHEN = word_ids(["-"])
_OPEN = word_ids(["("])
_HEAD_WORDS = word_ids(HEAD_WORDS)


def _inner_hyphens(doc: Doc) -> list[int]:
    """Indices of hyphens inside a word ("director-general"): no space on either side, letters on
    both (found on the document's arrays, not token by token)."""
    if len(doc) < 3:
        return []
    orth, space, alpha = doc.to_array([ORTH, SPACY, IS_ALPHA]).T
    inner = np.flatnonzero((orth[1:-1] == _HYPHEN[0]) & (space[:-2] == 0) & (space[1:-1] == 0)
                           & (alpha[:-2] == 1) & (alpha[2:] == 1)) + 1
    return [int(i) for i in inner]


@Language.component("diplokg_dateline_break", assigns=["token.is_sent_start"])
def dateline_break(doc: Doc) -> Doc:
    """Ends the first sentence after a wire-copy dateline, before the parser runs: otherwise the
    parser makes the city the subject of the lead ("CARACAS, March 8 - Venezuela agreed"). Also
    keeps a hyphenated word in one sentence ("director-general" was cut after its hyphen)."""
    for i in _inner_hyphens(doc):
        doc[i].is_sent_start = False
        doc[i + 1].is_sent_start = False
    end = dateline_end(doc)
    if end is not None:
        doc[end].is_sent_start = True
        for token in doc[end + 1:end + 3]:
            if token.is_punct:
                break
            token.is_sent_start = False  # the lead's first word is no sentence of its own
    return doc


class Dateline:
    """The ``diplokg_dateline`` component."""

    def __init__(self, gazetteer: Path) -> None:
        self.index = gazetteer_index(gazetteer)
        self.cities = city_names(gazetteer)
        # capitals hide the case of a name's small words ("RIO DE JANEIRO", "DAR ES SALAAM")
        self.folded = {**{k.casefold(): v for k, v in self.index.items()},
                       **{k.casefold(): v for k, v in self.cities.items()}}
        self.label_of = dict(RULER_LABELS)

    @staticmethod
    def _name_end(doc: Doc) -> int:
        """The token after the name in capitals that opens the text: words, with the period of
        an abbreviation ("ST. LOUIS") and the hyphen inside a name ("WINSTON-SALEM")."""
        def word(i: int) -> bool:
            return i < len(doc) and doc[i].is_alpha and doc[i].is_upper and len(doc[i]) > 1

        def joiner(i: int) -> bool:  # "." right after a word, "-" inside one, a word after either
            token = doc[i]
            return i > 0 and not doc[i - 1].whitespace_ and word(i + 1) and (
                token.text == "." or (token.text == "-" and not token.whitespace_))

        end = 0
        while end < len(doc) and (word(end) or joiner(end)):
            end += 1
        return end

    def __call__(self, doc: Doc) -> Doc:
        end = self._name_end(doc)
        if end == 0 or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
            return doc
        name = doc[:end].text.title()
        entry = self.cities.get(name) or self.index.get(name) or self.folded.get(name.casefold())
        if entry is not None:
            span = Span(doc, 0, end, label=self.label_of[entry.kind], span_id=ruler_id(entry))
        else:
            span = Span(doc, 0, end, label="GPE")
        # "WEST LAFAYETTE, IND., April 8 -": the state after the city is a place too, not the
        # organization the NER may take it for
        region_end = end + 1
        while region_end < len(doc) and ((doc[region_end].is_upper and doc[region_end].is_alpha) or (
                doc[region_end].text == "." and region_end > end + 1)):
            region_end += 1
        region = Span(doc, end + 1, region_end, label="GPE") if doc[end].text == "," and region_end > end + 1 and \
            region_end < len(doc) and doc[region_end].text in DATELINE_ENDS and not any(
                e.start <= end + 1 < e.end and e.label_ in {"COUNTRY", "CITY", "PLACE"} for e in doc.ents) else None
        after = region.end if region is not None else end
        others = self._lead_names([e for e in doc.ents if e.end <= 0 or e.start >= after], dateline_end(doc))
        doc.ents = filter_spans([span, *([region] if region is not None else []), *others])
        reset_index(doc)
        return doc

    @staticmethod
    def _lead_names(ents: list[Span], lead: int | None) -> list[Span]:
        """"[June 1 - Minnesota Mining and Manufacturing Co] said": the NER ran the dateline's day
        on into the lead's first name. The date ends at the dash; the name after it is a company
        when it ends like one (else the other components may still find it)."""
        if lead is None:
            return ents
        out = []
        for ent in ents:
            if ent.label_ != "DATE" or not ent.start < lead < ent.end:
                out.append(ent)
                continue
            doc = ent.doc
            if ent.start < lead - 1:
                out.append(Span(doc, ent.start, lead - 1, label="DATE"))
            rest = doc[lead:ent.end]
            if rest[-1].text.rstrip(".") in COMPANY_SUFFIXES | ORG_HEADS and rest[0].is_title and all(
                    t.is_title or t.lower_ in NAME_JOINERS for t in rest):
                out.append(Span(doc, lead, ent.end, label="ORG"))
        return out


@Language.factory("diplokg_dateline", default_config={"gazetteer": None}, assigns=["doc.ents"],
                  requires=["doc.ents"])
def make_dateline(nlp: Language, name: str, gazetteer: str | None) -> Dateline:
    """Dateline fix-up (``gazetteer``: a CSV path; default: shipped)."""
    return Dateline(Path(gazetteer) if gazetteer else gazetteer_path())


NAME_LABELS = frozenset({"ORG", "INTL_ORG", "ALLIANCE", "PERSON", "GPE", "LOC", "FAC", "NORP", "COUNTRY", "CITY",
                         "PLACE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_JOINERS = frozenset({"of", "for", "and", "on", "the", "&", ",", "'s", "de", "du", "des", "la", "le", "in", "to"})


def _spells(short: str, long: str) -> int | None:
    """Schwartz and Hearst's test: where in ``long`` the shortest ending of it starts whose
    characters spell ``short`` in order, its first letter opening a word; None if none does."""
    s, text = short.lower(), long.lower()
    li = len(text) - 1
    for si in range(len(s) - 1, -1, -1):
        c = s[si]
        if not c.isalnum():
            continue
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    return li + 1


def _words(text: str) -> set[str]:
    # "Co-operation" is "Cooperation"
    return {w.lower().replace("-", "") for w in text.replace(",", " ").split() if w.lower() not in _JOINERS}


def _short_form(tokens: Span) -> str | None:
    text = tokens.text
    if len(tokens) > 2 or not 2 <= len(text) <= 10 or not text[0].isalpha() or not any(c.isupper() for c in text):
        return None
    return text if all(c.isalnum() or c in "-&." for c in text) else None


def _named_like(tokens: list[Token]) -> bool:
    """Looks like a name: opens with a capital, and most of its words are capitalised."""
    words = [t for t in tokens if t.is_alpha and t.lower_ not in _JOINERS]
    return bool(words) and tokens[0].text[:1].isupper() and sum(w.text[0].isupper() for w in words) * 2 > len(words)


class Abbreviations:
    """The ``diplokg_abbreviations`` component."""

    def __init__(self, gazetteer: Path) -> None:
        self.index = gazetteer_index(gazetteer)
        self.label_of = dict(RULER_LABELS)

    def _entity(self, doc: Doc, start: int, end: int, short: str, ents: list[Span]) -> Span | None:
        """The span of the long form doc[start:end], labelled as the gazetteer, or the NER, has it."""
        long = doc[start:end]
        entry = self.index.get(long.text)
        by_short = self.index.get(short)
        if entry is None and by_short is not None and _words(long.text) <= _words(by_short.label):
            entry = by_short  # "African, Caribbean and Pacific (ACP)": the gazetteer's ACP, if the words agree
        if entry is not None:
            return Span(doc, start, end, label=self.label_of[entry.kind], span_id=ruler_id(entry))
        inside = [e for e in ents if e.start < end and start < e.end and e.label_ in NAME_LABELS]
        if not inside:
            return None  # "Intermediate Range Nuclear forces (INF)": no name the NER saw
        # a name with an abbreviation is an organization's, unless the NER saw a person or a place
        label = inside[-1].label_ if all(e.label_ in {"PERSON", "GPE", "LOC", "FAC"} for e in inside) else "ORG"
        for token in long:
            token.ent_id_ = ""  # (a span's ent_id_ is its root's: "European" of the European People's Party)
        return Span(doc, start, end, label=label)

    def __call__(self, doc: Doc) -> Doc:
        opens = tokens_with(doc, _OPEN, ("ORTH",))
        if not opens:
            return doc
        ents = list(doc.ents)
        found: dict[str, Span] = {}
        spans: list[Span] = []
        for open_ in opens:
            close = next((t.i for t in doc[open_.i + 1:min(open_.i + 12, len(doc))] if t.text == ")"), None)
            if close is None or close == open_.i + 1:
                continue
            sent_start = open_.sent.start
            inside = doc[open_.i + 1:close]
            short = _short_form(inside)
            if short is not None:  # "Long Name (ABBR)"
                window = max(sent_start, open_.i - min(len(short) + 5, 2 * len(short) + 1))
                long_end = open_.i
                first = self._long_start(doc, window, long_end, short)
                short_span = (inside.start, inside.end)
            else:  # "ABBR (Long Name)"
                before = doc[open_.i - 1:open_.i] if open_.i > sent_start else None
                short = _short_form(before) if before is not None else None
                if short is None or before is None:
                    continue
                long_end = close
                first = self._long_start(doc, open_.i + 1, long_end, short)
                if first != open_.i + 1:
                    continue  # the whole parenthesis must be the long form
                short_span = (before.start, before.end)
            if first is None:
                continue
            entity = self._entity(doc, first, long_end, short, ents)
            if entity is None:
                continue
            spans.append(entity)
            spans.append(Span(doc, *short_span, label=entity.label_, span_id=entity.id_))
            found[short] = entity
        if not found:
            return doc
        # later mentions of the short form are the same entity, whether the NER saw them or not
        # (but not inside a longer name: "EC Commission")
        taken = {i for s in spans for i in range(s.start, s.end)}
        taken |= {i for e in ents if len(e) > 1 and not any(e.start < s.end and s.start < e.end for s in spans)
                  for i in range(e.start, e.end)}
        for token in tokens_with(doc, word_ids(found), ("ORTH",)):
            entity = found.get(token.text)
            if entity is not None and token.i not in taken:
                spans.append(Span(doc, token.i, token.i + 1, label=entity.label_, span_id=entity.id_))
        covered = {i for s in spans for i in range(s.start, s.end)}
        doc.ents = filter_spans([*spans, *(e for e in ents if not any(i in covered for i in range(e.start, e.end)))])
        doc.user_data[ABBREVIATIONS] = {short: entity.text for short, entity in found.items()}
        reset_index(doc)
        return doc

    @staticmethod
    def _long_start(doc: Doc, start: int, end: int, short: str) -> int | None:
        """The first token of the long form of ``short`` within doc[start:end], if it spells it."""
        tokens = doc[start:end]
        if len(tokens) < 2:
            return None
        text = tokens.text
        at = _spells(short, text)
        if at is None:
            return None
        first = next((t.i for t in tokens if t.idx - tokens.start_char >= at), None)
        if first is None or end - first < 2:
            return None
        # the long form starts at a word boundary and looks like a name
        return first if _named_like(list(doc[first:end])) else None


@Language.factory("diplokg_abbreviations", default_config={"gazetteer": None},
                  assigns=["doc.ents", "doc.user_data"], requires=["doc.ents", "doc.sents"])
def make_abbreviations(nlp: Language, name: str, gazetteer: str | None) -> Abbreviations:
    """Abbreviations defined in parentheses, and their later mentions."""
    return Abbreviations(Path(gazetteer) if gazetteer else gazetteer_path())


_ENTITIES = lexicon("entities")
NAME_JOINERS = frozenset({"of", "for", "and", "on", "&"})
# last words of organization names that start with a place: "Paris Club", "Iran Air", "Cyprus Mail"
ORG_HEADS = frozenset({"Club", "Group", "Council", "Committee", "Forum", "Institute", "Foundation", "Agency", "Bank",
                       "Fund", "Organization", "Organisation", "Party", "Union", "Association", "Commission",
                       "Ministry", "Department", "Office", "University", "Airlines", "Airways", "Air", "Mail",
                       "Times", "Post", "News", "Corporation", "Company", "Authority", "Assembly", "Parliament",
                       "Forces", "Army", "Navy", "Front", "Movement", "Embassy", "Court", "Tribunal", "Board"})
COMMON_WORDS = _ENTITIES.words("common_words")
NOT_NAMES = _ENTITIES.words("not_names")
TABLE_WORDS = _ENTITIES.words("table_words")
NAME_HEADS = _ENTITIES.words("name_heads")
COMPANY_SUFFIXES = _ENTITIES.words("company_suffixes")
# continents, seas and regions by the names news gives them ("Pacific", "Gulf", "Europe")
REGION_NAMES = frozenset(_ENTITIES.table("regions"))
# words before a region's name that make a region of it, not a name ("South Pacific")
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "northeast", "northwest", "southeast", "southwest", "far", "near", "upper", "lower"})


PARTICLES = frozenset({"de", "van", "von", "al", "bin", "ibn", "da", "di", "du", "la", "le", "der", "den", "el",
                       "arap", "dos", "del", "della"})


# labels the NER gives a surname cut from its person ("Daniel arap" + "[Moi]")
SWALLOWED_SURNAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _joined_forward(ents: list[Span], join: Callable[[Span, Span | None, set[int]], tuple[Span, int | None] | None]
                    ) -> tuple[list[Span], bool]:
    """``ents`` with each span replaced by the longer one ``join`` makes of it, given the span that
    starts where it ends (or None) and the tokens any span covers; ``join`` also names the start
    of a following span it took in (dropped then), or None. Whether anything changed."""
    starting = {e.start: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    swallowed: set[int] = set()
    changed = False
    for ent in ents:
        if ent.start in swallowed:
            continue
        joined = join(ent, starting.get(ent.end), covered)
        if joined is None:
            out.append(ent)
            continue
        span, taken = joined
        out.append(span)
        changed = True
        if taken is not None:
            swallowed.add(taken)
    return (out, True) if changed else (ents, False)


class EntityFixes:
    """The ``diplokg_entity_fixes`` component: corrections of the NER for this domain.

    * A demonym that starts a capitalised name is part of an organization's name, not a country
      mention: "German Institute for Economic Research", "Turkish Foreign Ministry"; so is a
      place name before an organization's head word: "Paris Club", "Iran Air".
    * "Name (ABBR)": the parenthesis closes the name ("Global Alliance for Vaccines (Gavi)").
    * A lower-case word, or an ordinary word opening a sentence ("Media reports said"), is no name.
    * A known first name and the capitalised words after it are a person the NER missed or cut
      short ("Ignaz Kiechle", "Luiz Lula").
    """

    def __init__(self, gazetteer: Path) -> None:
        self.first_names = first_names(gazetteer)

    def _people(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """``ents`` with the people a first name opens made or extended."""
        covered = {i: e for e in ents for i in range(e.start, e.end)}
        out: list[Span] = []
        changed = False
        title, alpha = doc.to_array([IS_TITLE, IS_ALPHA]).T
        resume = 0  # the first token not yet taken into a person made here
        for i in (int(j) for j in np.flatnonzero((title == 1) & (alpha == 1))):
            if i < resume:
                continue
            token = doc[i]
            ent = covered.get(i)
            single = ent is not None and len(ent) == 1 and not ent.id_ and ent.label_ not in {"DATE", "TITLE",
                                                                                               "CARDINAL"}
            # "[Ignaz Kiechle]" taken for a facility or a place: a first name and a surname, a person
            place = ent is not None and ent.start == i and 2 <= len(ent) <= 3 and not ent.id_ and \
                ent.label_ in {"FAC", "GPE", "LOC"} and all(t.is_title and t.is_alpha for t in ent)
            if token.is_title and token.is_alpha and (ent is None or single or place) and \
                    normalize_name(token.text) in self.first_names:
                if place and ent is not None and not any(t.text in NOT_PERSON_HEADS for t in ent):
                    out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                    changed = True
                    resume = ent.end
                    continue
                end = i + 1
                while end < len(doc) and end not in covered and (
                        (doc[end].is_title and doc[end].is_alpha) or
                        (doc[end].lower_ in PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title)):
                    end += 1
                if end - i >= 2 and doc[end - 1].is_title and not any(t.text in NOT_PERSON_HEADS for t in doc[i:end]):
                    out.append(Span(doc, i, end, label="PERSON"))
                    changed = True
                    resume = end
        if not changed:
            return ents, False
        taken = {i for s in out for i in range(s.start, s.end)}
        return [*out, *(e for e in ents if not any(i in taken for i in range(e.start, e.end)))], True

    def __call__(self, doc: Doc) -> Doc:
        ents, changed = self._people(doc, list(doc.ents))
        ents, joined = self._joined_names(doc, ents)
        ents, titled = self._titles(doc, ents)
        ents, hyphenated = self._hyphenated(doc, ents)
        ents, suffixed = self._suffixed(doc, ents)
        changed = changed or joined or titled or hyphenated or suffixed
        keep: list[Span] = []
        for i, ent in enumerate(ents):
            if ent.label_ in {"COUNTRY", "CITY", "PLACE"}:
                if ent.label_ == "PLACE" and ent.text in REGION_NAMES and self._inside_name(doc, ent):
                    changed = True  # "Cathay Pacific", "the Texas Gulf", "Pacific Telesis": a name of no region
                    end = self._name_after(doc, ent.end, ents[i + 1:])
                    if end < len(doc) and doc[end].text.rstrip(".") in COMPANY_SUFFIXES:
                        end += 1  # "Ltd." at a sentence's end
                    if end > ent.end and (doc[end - 1].text in ORG_HEADS or
                                          doc[end - 1].text.rstrip(".") in COMPANY_SUFFIXES):
                        # "the Pacific Reserve Bank", "Cathay Pacific Airways Ltd": the body it names
                        start = ent.start
                        if keep and keep[-1].end == start and keep[-1].label_ == "ORG" and not keep[-1].id_:
                            start = keep.pop().start
                        while start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and \
                                not doc[start - 1].ent_type_ and doc[start - 1].lower_ not in STOP_WORDS:
                            start -= 1
                        for token in doc[start:end]:
                            token.ent_id_ = ""
                        keep.append(Span(doc, start, end, label="ORG"))
                    continue
                if ent.end < len(doc) and doc[ent.end].text in NAME_HEADS and not ent.id_.endswith("|1"):
                    changed = True  # "the Uruguay Round", "the Lome Convention": a name of no place
                    continue
                if ent.label_ == "COUNTRY" and self._subsidiary(doc, keep, ent):
                    # "[Amoco] [Canada] president": a company's national arm, one organization
                    end = ent.end + (1 if ent.end < len(doc) and doc[ent.end].text.rstrip(".") in COMPANY_SUFFIXES
                                     else 0)
                    for token in doc[ent.start:end]:
                        token.ent_id_ = ""
                    keep[-1] = Span(doc, keep[-1].start, end, label="ORG")
                    changed = True
                    continue
                end = self._name_after(doc, ent.end, ents[i + 1:])
                demonym = ent.id_.endswith("|1")
                company = doc[end - 1].text.rstrip(".") in COMPANY_SUFFIXES
                if end > ent.end and (demonym or company or doc[end - 1].text in ORG_HEADS):
                    # "[Texas] [American] [Bancshares Inc]", "American Telephone and Telegraph Co": a
                    # company's name, with the place names that open it
                    start = ent.start
                    while company and start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and \
                            (doc[start - 1].ent_type_ in {"GPE", "ORG", "NORP", "LOC"} or (
                                not doc[start - 1].ent_type_ and doc[start - 1].tag_ == "NNP")) and \
                            not doc[start - 1].ent_id_ and doc[start - 1].lower_ not in STOP_WORDS:
                        start -= 1
                    for token in doc[start:end]:
                        token.ent_id_ = ""  # (a span's ent_id_ is its root's: the demonym's country)
                    ent = Span(doc, start, end, label="ORG")
                    changed = True
                elif ent.label_ == "COUNTRY" and ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and \
                        doc[ent.start - 2].text in ORG_HEADS and not doc[ent.start - 2].ent_type_:
                    # "Bank of Ireland", "Central Bank of Ireland": a body named after its country
                    start = ent.start - 2
                    while start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and \
                            not doc[start - 1].ent_type_ and doc[start - 1].lower_ not in STOP_WORDS:
                        start -= 1
                    for token in doc[start:ent.end]:
                        token.ent_id_ = ""
                    ent = Span(doc, start, ent.end, label="ORG")
                    changed = True
            elif ent.label_ in {"ORG", "FAC", "GPE", "LOC", "PERSON", "NORP"} and not ent.id_:
                cut = next((t.i for t in ent if t.text == "(" and t.i > ent.start), None)
                if cut is not None:
                    ent = Span(doc, ent.start, cut, label=ent.label_)
                    changed = True
                within = next((t.i for t in ent if t.lower_ == "in" and ent.start < t.i < ent.end - 1), None)
                if within is not None and ent.start > 0 and doc[ent.start - 1].lower_ in {"in", "at"}:
                    # "the summit in [Gleneagles in Perthshire]": a place, then the place it lies in
                    keep.append(Span(doc, within + 1, ent.end, label="LOC"))
                    ent = Span(doc, ent.start, within, label="LOC")
                    changed = True
                two = self._two_companies(doc, ent)
                if two is not None:
                    keep.append(two[0])
                    ent = two[1]
                    changed = True
                if self._not_a_name(ent):
                    changed = True
                    continue
            keep.append(ent)
        if changed:
            doc.ents = filter_spans(keep)
            reset_index(doc)
        return doc

    @staticmethod
    def _joined_names(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"[the Commission for] [Africa]": a name the NER cut at its joiner is one organization."""
        starting = {e.start: e for e in ents}
        merged: dict[int, Span] = {}  # start of the cut name -> the whole name
        for ent in ents:
            rest = starting.get(ent.end)
            if ent.label_ in {"ORG", "INTL_ORG"} and not ent.id_ and len(ent) >= 2 and \
                    ent[-1].lower_ in {"for", "of", "on"} and rest is not None and rest[0].is_title:
                merged[ent.start] = Span(doc, ent.start, rest.end, label="ORG")
        if not merged:
            return ents, False
        swallowed = {merged[s].end - 1 for s in merged}
        out = [merged.get(e.start, e) for e in ents if e.end - 1 not in swallowed or e.start in merged]
        return out, True

    @staticmethod
    def _titles(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """Titles the title ruler cannot see alone, and names that swallowed the word after them:

        * portfolios joined before one title: "Kuwait's [Finance and Planning Minister]";
        * an organization's head: "IMF [chief] Michel Camdessus" (only between the two names);
        * a person's name ending in a joiner: "[Omar Bongo] of Gabon", not "[Omar Bongo of]".
        """
        by_end = {e.end: e for e in ents}
        by_start = {e.start: e for e in ents}
        covered = {i for e in ents for i in range(e.start, e.end)}
        made: list[Span] = []
        dropped: set[int] = set()  # starts of the entities a new title replaces
        for ent in ents:
            if ent.label_ == "TITLE" and ent.start >= 2 and doc[ent.start - 1].lower_ == "and":
                for width in (2, 1):
                    start = ent.start - 1 - width
                    words = doc[max(start, 0):ent.start - 1]
                    if start >= 0 and words.text.lower() in PORTFOLIOS and not any(
                            t.ent_type_ in {"PERSON", "COUNTRY", "CITY"} for t in words):
                        made.append(Span(doc, start, ent.end, label="TITLE"))
                        dropped.update(e.start for e in ents if e.start < ent.end and e.end > start)
                        break
            elif ent.label_ == "PERSON" and not ent.id_ and len(ent) >= 3 and ent[-1].lower_ in {"of", "and", "for"}:
                made.append(Span(doc, ent.start, ent.end - 1, label="PERSON"))
                dropped.add(ent.start)
            elif ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].lower_ in PARTICLES:
                # "[Hans van] den Broek", "[Daniel arap] Moi": the NER stopped at a particle
                end = ent.end
                while end < len(doc) and end not in covered and doc[end].lower_ in PARTICLES:
                    end += 1
                nxt = by_start.get(end)  # the surname the NER took for a name of its own ("Moi")
                if nxt is not None and len(nxt) == 1 and not nxt.id_ and nxt.label_ in SWALLOWED_SURNAMES:
                    covered.discard(end)
                    dropped.add(end)
                if end < len(doc) and end not in covered and doc[end].is_title and doc[end].is_alpha:
                    made.append(Span(doc, ent.start, end + 1, label="PERSON"))
                    dropped.add(ent.start)
        for token in tokens_with(doc, _HEAD_WORDS, ("LOWER",)):
            if token.i not in covered and token.i > 0:
                # "International Monetary Fund (IMF) head": the bracketed short form ends the name
                end = token.i - 1 if doc[token.i - 1].text == ")" else token.i
                before, after = by_end.get(end), by_start.get(token.i + 1)
                if before is not None and after is not None and after.label_ == "PERSON" and \
                        before.label_ in {"ORG", "INTL_ORG", "ALLIANCE"}:
                    made.append(Span(doc, token.i, token.i + 1, label="TITLE"))
        if not made:
            return ents, False
        return [*(e for e in ents if e.start not in dropped), *made], True

    @staticmethod
    def _hyphenated(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """Names the NER cut at a hyphen: "[David Heathcoat]-Amory" is one person, "[Export-Import]
        [Bank of Japan]" one organization."""
        hyphens = set(_inner_hyphens(doc))
        if not hyphens:
            return ents, False

        def join(ent: Span, after: Span | None, covered: set[int]) -> tuple[Span, int | None] | None:
            end = ent.end
            if end in hyphens and ent.label_ == "PERSON" and doc[end + 1].is_title and \
                    end not in covered and end + 1 not in covered:
                return Span(doc, ent.start, end + 2, label="PERSON"), None
            if after is not None and ent.label_ == "ORG" and any(i in hyphens for i in range(ent.start, end)) and \
                    not ent.id_ and \
                    after.label_ in {"ORG", "INTL_ORG"} and bool(doc[end - 1].whitespace_) and \
                    all(t.is_title or t.text == "-" for t in ent):
                for token in doc[ent.start:after.end]:
                    token.ent_id_ = ""  # (a span's ent_id_ is its root's: the short name's gazetteer entry)
                return Span(doc, ent.start, after.end, label="ORG"), after.start
            return None

        return _joined_forward(ents, join)

    @staticmethod
    def _subsidiary(doc: Doc, kept: list[Span], country: Span) -> bool:
        """A country's name right after a company's ("Amoco Canada", "Texaco Canada Inc"): an
        organization the NER found and no gazetteer name, joined by a space, no demonym, and the
        name ends there (not "the Pan American Economic Leadership Conference")."""
        if not kept or country.id_.endswith("|1") or country.start == 0:
            return False
        org = kept[-1]
        last = doc[country.start - 1]
        after = country.end + (country.end < len(doc) and doc[country.end].text.rstrip(".") in COMPANY_SUFFIXES)
        runs_on = after < len(doc) and doc[after].is_title and doc[after].is_alpha  # "Pan American Economic ..."
        return (org.label_ == "ORG" and not org.id_ and org.end == country.start and last.whitespace_ == " "
                and last.is_title and last.is_alpha and last.text.rstrip(".") not in COMPANY_SUFFIXES
                and not runs_on)

    @staticmethod
    def _suffixed(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"[Wells Fargo Bank] [NA]", "[Siemens] AG": a company's legal form ends its name; it is
        no name of its own."""
        def join(ent: Span, after: Span | None, covered: set[int]) -> tuple[Span, int | None] | None:
            end = ent.end
            if ent.label_ == "ORG" and not ent.id_ and end < len(doc) and doc[end].text in COMPANY_SUFFIXES and \
                    doc[end - 1].whitespace_ and (end not in covered or (
                        after is not None and len(after) == 1 and not after.id_)):
                return Span(doc, ent.start, end + 1, label="ORG"), end
            return None

        return _joined_forward(ents, join)

    @staticmethod
    def _two_companies(doc: Doc, ent: Span) -> tuple[Span, Span] | None:
        """"[Sears, Roebuck and Co and Kellwood Co]": two companies, split at the "and" that
        follows a company's last word."""
        for t in ent[1:-1]:
            if t.lower_ in {"and", "&"} and doc[t.i - 1].text.rstrip(".") in COMPANY_SUFFIXES and doc[t.i + 1].is_title:
                return Span(doc, ent.start, t.i, label=ent.label_), Span(doc, t.i + 1, ent.end, label=ent.label_)
        return None

    @staticmethod
    def _inside_name(doc: Doc, ent: Span) -> bool:
        """A region's name with a proper noun of another name right before or after it."""
        def proper(token: Token) -> bool:
            return token.is_title and token.is_alpha and token.pos_ == "PROPN" and token.ent_type_ != "TITLE"
        before = doc[ent.start - 1] if ent.start > ent.sent.start else None
        after = doc[ent.end] if ent.end < ent.sent.end else None
        if before is not None and after is not None and before.text == "(" and after.text == ")" and \
                ent.end + 1 < len(doc) and doc[ent.end + 1].text.rstrip(".") in COMPANY_SUFFIXES:
            return True  # "Yamaichi International (Europe) Ltd"
        return (before is not None and proper(before) and before.lower_ not in DIRECTIONS) or \
            (after is not None and proper(after) and after.lower_ not in {"ocean", "sea"})

    @staticmethod
    def _not_a_name(ent: Span) -> bool:
        if not any(t.text[:1].isupper() for t in ent):
            return True  # "restraint"
        if ent.text in NOT_NAMES:
            return True  # "1500 GMT"
        if ent[0].text in TABLE_WORDS or all(t.text.rstrip(".") in COMPANY_SUFFIXES for t in ent if not t.is_punct):
            return True  # "cts Net" (an earnings table), "Co Inc" (a company's name cut from it)
        if ent[0].lower_ in {"non", "non-"} or ent.text.lower().startswith("non-"):
            return True  # "non-Nato"
        if all(t.like_num or (t.text.lower().endswith(("th", "st", "nd", "rd")) and t.text[:1].isdigit()) for t in ent):
            return True  # "116th"
        return len(ent) == 1 and ent.start == ent.sent.start and ent.text in COMMON_WORDS

    @staticmethod
    def _name_after(doc: Doc, start: int, following: list[Span]) -> int:
        """End of the capitalised name that runs on from ``start`` (``start`` if there is none)."""
        if start >= len(doc) or not (doc[start].is_title and doc[start].is_alpha):
            return start  # (the common case, decided before gathering what the names after take)
        taken = {t.i for e in following if e.label_ in {"TITLE", "PERSON", "COUNTRY", "CITY"} for t in e}
        end = start
        i = start
        while i < len(doc) and i not in taken:
            token = doc[i]
            if token.lower_ in RANK_WORDS and i + 1 < len(doc) and doc[i + 1].text == "-":
                break  # "Japanese [Vice-Finance Minister]": a rank joined to its title
            if token.is_title and token.is_alpha:
                end = i = i + 1
            elif token.lower_ in NAME_JOINERS and i + 1 < len(doc) and doc[i + 1].is_title and end > start:
                i += 1
            else:
                break
        return end


@Language.factory("diplokg_entity_fixes", default_config={"gazetteer": None}, assigns=["doc.ents"],
                  requires=["doc.ents"])
def make_entity_fixes(nlp: Language, name: str, gazetteer: str | None) -> EntityFixes:
    """Domain corrections of the NER's entity spans (``gazetteer``: a CSV path; default: shipped)."""
    return EntityFixes(Path(gazetteer) if gazetteer else gazetteer_path())
