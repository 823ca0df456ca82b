"""General resources for extraction: office titles and the names the entity rulers know.

Nothing here is taken from a particular article: titles and the extra names come from
``rules/offices.toml`` and ``rules/entities.toml`` (common English titles of offices in state and
international affairs, news agencies, parties, regions), the rest from the shipped Wikidata
gazetteer.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from .rules import lexicon

_OFFICES = lexicon("offices")
_ENTITIES = lexicon("entities")

ENVOY_HEADS = _OFFICES.words("envoy_heads")
LEADER_TITLES = _OFFICES.ordered("leader_titles")
PORTFOLIOS = _OFFICES.words("portfolios")
HEAD_WORDS = _OFFICES.words("head_words")
PORTFOLIO_HEADS = _OFFICES.words("portfolio_heads")
# one-word ranks that may stand apart from their title: "assistant U.S. trade representative",
# "Vice-Finance Minister" (not "under", which only a secretary has)
RANK_WORDS = frozenset(r.strip() for r in _OFFICES.ordered("ranks") if r.strip() and " " not in r.strip()) - \
    _OFFICES.words("secretary_ranks")
HONORIFICS = _ENTITIES.words("honorifics")
NOT_PERSON_HEADS = _ENTITIES.words("not_person_heads")

# plural of a title's head noun: "ministers", "secretaries", "chiefs of staff"
_IRREGULAR_PLURALS = {"secretary": "secretaries", "attorney": "attorneys", "chief": "chiefs",
                      "chairman": "chairmen", "chairwoman": "chairwomen", "spokesman": "spokesmen",
                      "spokeswoman": "spokeswomen", "congressman": "congressmen", "congresswoman": "congresswomen",
                      "whip": "whips", "speaker": "speakers"}
_NO_PLURAL_AFTER = ("of", "for", "in", "to")


def plural(title: str) -> str:
    """The plural of a title: its head noun (the word before "of"/"for", else the last) in the plural.

    >>> plural("foreign minister"), plural("secretary of state"), plural("prime minister")
    ('foreign ministers', 'secretaries of state', 'prime ministers')
    """
    words = title.split(" ")
    head = next((i - 1 for i, w in enumerate(words) if w in _NO_PLURAL_AFTER and i > 0), len(words) - 1)
    word = words[head]
    if word in _IRREGULAR_PLURALS:
        words[head] = _IRREGULAR_PLURALS[word]
    elif word.endswith(("s", "x", "ch", "sh")):
        words[head] = word + "es"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        words[head] = word[:-1] + "ies"
    else:
        words[head] = word + "s"
    return " ".join(words)


@functools.cache
def office_titles() -> tuple[str, ...]:
    """Every office title, lower case, in the spellings this lexicon knows (singular)."""
    titles: set[str] = set(_OFFICES.ordered("head_titles"))
    for portfolio in _OFFICES.ordered("portfolios"):
        for head in _OFFICES.ordered("portfolio_heads"):
            titles.update({f"{portfolio} {head}", f"{head} of {portfolio}", f"{head} for {portfolio}"})
    titles.update(LEADER_TITLES)
    secretary_ranks = _OFFICES.words("secretary_ranks")
    return tuple(sorted(prefix + title for title in titles for prefix in _OFFICES.ordered("ranks")
                        if prefix not in secretary_ranks or title.startswith("secretary")))


@functools.cache
def plural_titles() -> frozenset[str]:
    """The plurals of :func:`office_titles`."""
    return frozenset(plural(t) for t in office_titles())


# gazetteer kinds -> entity ruler labels; higher in this tuple wins when a name is ambiguous
RULER_LABELS = (("country", "COUNTRY"), ("alliance", "ALLIANCE"), ("organization", "INTL_ORG"), ("city", "CITY"),
                ("place", "PLACE"), ("party", "ORG"), ("national", "ORG"), ("news", "ORG"), ("person", "PERSON"))
RULER_KINDS = frozenset(kind for kind, _ in RULER_LABELS)


@dataclass(frozen=True)
class GazetteerName:
    """A name (label or alias) that the gazetteer knows, with the entity it names."""

    text: str
    label: str  # the canonical name: the gazetteer's label
    kind: str  # one of RULER_KINDS
    qid: str
    demonym: bool = False


def _demonyms(label: str, aliases: list[str]) -> set[str]:
    # the gazetteer appends the demonym as the last alias of a country ("...|German")
    if not aliases:
        return set()
    last = aliases[-1]
    if last and last[0].isupper() and last.endswith(("an", "ese", "ish", "ian", "i", "ch", "ic")) and last != label:
        return {last}
    return set()


def _person_name(text: str) -> bool:
    """A full name that can only be a person's: two or more words, each capitalised."""
    words = text.split()
    return len(words) >= 2 and all(w[0].isupper() for w in words) and not any(c.isdigit() for c in text)


@functools.lru_cache(maxsize=4)
def gazetteer_names(path: Path) -> tuple[GazetteerName, ...]:
    """Names of countries, alliances, organizations, cities, places and people, each once
    (ambiguity goes to the kind listed first in :data:`RULER_LABELS`)."""
    priority = {kind: i for i, (kind, _) in enumerate(RULER_LABELS)}
    best: dict[str, GazetteerName] = {}

    def offer(name: GazetteerName) -> None:
        held = best.get(name.text)
        if held is None or priority[name.kind] < priority[held.kind]:
            best[name.text] = name
        elif held.kind == name.kind and held.qid != name.qid and held.qid:
            # two items of one kind share the name: the name says which kind, not which item
            best[name.text] = GazetteerName(held.text, held.label, held.kind, "", held.demonym)

    # a body that ``extra_organizations`` names keeps that name in extraction ("EC" and "European
    # Communities" are the "European Community" that the bodies and references tables know); the
    # gazetteer gives it its QID (and, once linked, its label)
    body_names = _ENTITIES.table("extra_organizations")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = {"other": "place"}.get(row["kind"], row["kind"])
            if kind not in priority:
                continue
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            demonyms = _demonyms(row["label"], aliases) if kind == "country" else set()
            forms = {row["label"], *aliases}
            for demonym in demonyms:
                forms.add(demonym + "s")  # "Russians"
            for text in forms:
                if len(text) < 2 or not any(c.isupper() for c in text):
                    continue  # lower-case aliases ("eurozone") would fire on ordinary words
                if kind == "person" and not _person_name(text):
                    continue  # a lone surname is anyone's
                label = body_names.get(text, row["label"]) if kind == "organization" else row["label"]
                offer(GazetteerName(text, label, kind, row["qid"],
                                    demonym=text in demonyms or text.rstrip("s") in demonyms))
    # general resources without QIDs: the gazetteer's own entry wins where it has the name, except
    # a person's (these names are not people's)
    def extra(name: GazetteerName) -> None:
        held = best.get(name.text)
        if held is None or held.kind == "person":
            best[name.text] = name

    for text, canonical in _ENTITIES.table("extra_organizations").items():
        extra(GazetteerName(text, canonical, "organization", ""))
    # the other names of the organizations the membership book knows ("GATT", "OECD", "the ACP")
    labels = {n.label: n for n in best.values() if n.kind in {"organization", "alliance"}}
    for names in _book_names():
        canonical = names[0]
        known = labels.get(canonical)
        for text in names:
            if len(text) > 1 and text[0].isupper():
                kind, qid = (known.kind, known.qid) if known else ("organization", "")
                extra(GazetteerName(text, canonical, kind, qid))
    for text, canonical in _ENTITIES.table("news_organizations").items():
        extra(GazetteerName(text, canonical, "news", ""))
    for text, canonical in _ENTITIES.table("parties").items():
        extra(GazetteerName(text, canonical, "party", ""))
    for text, canonical in _ENTITIES.table("national_bodies").items():
        extra(GazetteerName(text, canonical, "national", ""))
    for text in _ENTITIES.ordered("seats_of_government"):
        extra(GazetteerName(text, text, "place", ""))
    countries = {n.label: n for n in best.values() if n.kind == "country"}
    for text, (canonical, demonym) in _ENTITIES.table("country_aliases").items():
        state = countries.get(canonical)
        best[text] = GazetteerName(text, canonical, "country", state.qid if state else "", demonym=demonym)
    for text, (canonical, demonym) in _ENTITIES.table("regions").items():
        extra(GazetteerName(text, canonical, "place", ""))
        if demonym:
            extra(GazetteerName(demonym, canonical, "place", "", demonym=True))
    # British style writes an acronym said as a word in title case ("Nato", "Opec", "Asean"): for
    # the organizations with members that the membership book knows (not "SHARE" -> "Share")
    booked = {n for names in _book_names() for n in names}
    for name in [n for n in best.values() if n.kind in {"organization", "alliance"} and n.text in booked]:
        if len(name.text) >= 4 and name.text.isalpha() and name.text.isupper():
            extra(GazetteerName(name.text.title(), name.label, name.kind, name.qid))
    for text in _ENTITIES.ordered("blocked_aliases"):
        held = best.get(text)
        if held is not None and held.text != held.label:
            del best[text]
    return tuple(sorted(best.values(), key=lambda n: n.text))


def _book_names() -> list[tuple[str, ...]]:
    """The names of each organization of the membership book, its canonical name first."""
    from ..resources import memberships_path

    seen: dict[str, tuple[str, ...]] = {}
    with memberships_path().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            names = tuple(n.strip() for n in row["organization"].split("|"))
            seen.setdefault(names[0], names)
    return list(seen.values())


@functools.lru_cache(maxsize=4)
def gazetteer_index(path: Path) -> dict[str, GazetteerName]:
    """:func:`gazetteer_names` by text."""
    return {name.text: name for name in gazetteer_names(path)}


@functools.lru_cache(maxsize=4)
def city_names(path: Path) -> dict[str, GazetteerName]:
    """The gazetteer's cities by name, including those whose name a country also bears
    ("Luxembourg", "Singapore"): a dateline or a meeting place names the city. With them the
    ``locality`` rows, the cities that the entity ruler leaves to the NER ("Memphis", "Phoenix"):
    a dateline is a place whatever its name."""
    cities: dict[str, GazetteerName] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] in {"city", "locality"}:
                for text in (row["label"], *(a.strip() for a in row["aliases"].split("|") if a.strip())):
                    cities.setdefault(text, GazetteerName(text, row["label"], "city", row["qid"]))
    return cities


@functools.lru_cache(maxsize=4)
def first_names(path: Path) -> frozenset[str]:
    """First names of the gazetteer's people, accents and case folded ("francois", "viktor"): a
    name the NER took for a place or an organization ("Ignaz Kiechle") is a person's when it opens
    with one."""
    from ..vocab import normalize_name

    names: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] != "person":
                continue
            parts = row["label"].split()
            if len(parts) >= 2 and parts[0][:1].isupper() and parts[0].isalpha() and len(parts[0]) > 1:
                names.add(normalize_name(parts[0]))
    return frozenset(names)
