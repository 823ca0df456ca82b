"""General resources for extraction: office titles and the Wikidata gazetteer's names.

Nothing here is taken from a particular article: the titles are the common English titles of
offices in state and international affairs; names come from the shipped Wikidata gazetteer.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

# portfolios that combine with "minister"/"secretary" ("foreign minister", "minister of defence")
PORTFOLIOS = (
    "foreign", "foreign affairs", "defence", "defense", "finance", "trade", "economy", "economic affairs",
    "interior", "home affairs", "energy", "oil", "agriculture", "health", "justice", "transport",
    "transportation", "environment", "education", "industry", "commerce", "labour", "labor", "culture",
    "development", "international development", "european affairs", "treasury", "state", "security",
    "immigration", "information", "tourism", "communications",
)

HEAD_TITLES = (
    "president", "vice president", "vice-president", "prime minister", "premier", "chancellor",
    "vice chancellor", "secretary of state", "secretary general", "secretary-general",
    "high representative", "king", "queen", "emir", "crown prince", "sultan", "supreme leader",
    "ambassador", "envoy", "special envoy", "special representative", "national security adviser",
    "national security advisor", "secretary of defense", "secretary of the treasury",
    "secretary of commerce", "secretary of transportation", "secretary of homeland security",
    "chancellor of the exchequer", "trade representative", "attorney general", "commissioner",
    "director general", "director-general", "foreign secretary", "home secretary",
    "defence secretary", "defense secretary", "first minister", "taoiseach", "governor", "mayor",
    "chief of staff", "minister", "director", "chairman", "chairwoman", "spokesman", "spokeswoman",
    "spokesperson", "press secretary", "chief executive", "secretary",
)
# titles of envoys, which may name where they are sent: "US Ambassador to Germany"
ENVOY_TITLES = frozenset({"ambassador", "envoy", "special envoy", "special representative", "representative",
                          "permanent representative", "high commissioner"})

RANK_PREFIXES = ("", "deputy ", "acting ", "assistant ", "under ", "interim ")

# titles that name an office only before a person's name ("Soviet leader Mikhail Gorbachev")
LEADER_TITLES = ("leader", "opposition leader", "party leader")

# news organizations (they sign wire copy: "(Reuters)", "the Associated Press reported")
NEWS_ORGANIZATIONS = (
    "Reuters", "REUTER", "Associated Press", "AP", "Agence France-Presse", "AFP", "Kyodo", "Kyodo News",
    "Kyodo News Service", "Xinhua", "TASS", "Tass", "Interfax", "RIA Novosti", "BBC", "BBC News", "CNN",
    "Al Jazeera", "Bloomberg", "dpa", "ANSA", "Yonhap", "Anadolu Agency", "IRNA", "Press TV", "The Times",
    "The New York Times", "The Washington Post", "The Guardian", "Financial Times", "Le Monde",
)

# organizations that news names but the gazetteer lacks (see its "Known gaps"): name -> canonical
EXTRA_ORGANIZATIONS = {
    "G8": "G8", "G-8": "G8", "Group of Eight": "G8",
    "European Community": "European Community", "European Communities": "European Community",
    "European Economic Community": "European Economic Community", "EEC": "European Economic Community",
    "Warsaw Pact": "Warsaw Pact", "NATO-Russia Council": "NATO-Russia Council",
    "ANZUS": "ANZUS", "Commonwealth of Independent States": "Commonwealth of Independent States",
}

# seats of government, named for the government but places all the same
SEATS_OF_GOVERNMENT = (
    "White House", "Downing Street", "Kremlin", "Elysee Palace", "Élysée Palace", "Elysee", "Élysée",
    "Zhongnanhai", "Blue House", "Quai d'Orsay", "Capitol Hill", "Foggy Bottom", "Whitehall",
)


def office_titles() -> list[str]:
    """Every office title, lower case, in the spellings this lexicon knows."""
    titles: set[str] = set()
    for head in HEAD_TITLES:
        titles.add(head)
    for portfolio in PORTFOLIOS:
        titles.update({
            f"{portfolio} minister", f"minister of {portfolio}", f"minister for {portfolio}",
            f"{portfolio} secretary",
        })
    titles.update(LEADER_TITLES)
    return sorted(prefix + title for title in titles for prefix in RANK_PREFIXES)


# gazetteer kinds -> entity ruler labels; higher in this tuple wins when a name is ambiguous
RULER_LABELS = (("country", "COUNTRY"), ("alliance", "ALLIANCE"), ("organization", "INTL_ORG"), ("city", "CITY"),
                ("place", "PLACE"))


@dataclass(frozen=True)
class GazetteerName:
    """A name (label or alias) that the gazetteer knows, with the entity it names."""

    text: str
    label: str  # the canonical name: the gazetteer's label
    kind: str  # gazetteer kind: country, alliance, organization, city
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


@functools.lru_cache(maxsize=4)
def gazetteer_names(path: Path) -> tuple[GazetteerName, ...]:
    """Names of countries, alliances, organizations and cities, each once (ambiguity goes to the
    kind listed first in :data:`RULER_LABELS`)."""
    priority = {kind: i for i, (kind, _) in enumerate(RULER_LABELS)}
    best: dict[str, GazetteerName] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = row["kind"]
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
                name = GazetteerName(text, row["label"], kind, row["qid"],
                                     demonym=text in demonyms or text.rstrip("s") in demonyms)
                held = best.get(text)
                if held is None or priority[kind] < priority[held.kind]:
                    best[text] = name
    for text, canonical in EXTRA_ORGANIZATIONS.items():
        best.setdefault(text, GazetteerName(text, canonical, "organization", ""))
    for text in NEWS_ORGANIZATIONS:
        best.setdefault(text, GazetteerName(text, "Reuters" if text == "REUTER" else text, "organization", ""))
    for text in SEATS_OF_GOVERNMENT:
        best.setdefault(text, GazetteerName(text, text, "place", ""))
    return tuple(sorted(best.values(), key=lambda n: n.text))


@functools.lru_cache(maxsize=4)
def gazetteer_index(path: Path) -> dict[str, GazetteerName]:
    """:func:`gazetteer_names` by text."""
    return {name.text: name for name in gazetteer_names(path)}
