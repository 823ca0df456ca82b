"""Background knowledge: which countries belong to which international organizations, and who
held which office, when.

General resources: ``data/memberships.csv``, used to check memberships that a text implies rather
than states ("allies, particularly Germany"), never to invent them; ``data/officeholders.csv``,
used to give a bare title its country ("President Bush" in 2004) and to link its holder.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from ..vocab import normalize_name


@dataclass(frozen=True)
class _Period:
    country: str
    joined: int
    left: int | None


class MembershipBook:
    """Organizations' members over time, looked up by any name of the organization."""

    def __init__(self, rows: list[tuple[tuple[str, ...], str, int, int | None]]) -> None:
        self._canonical: dict[str, str] = {}
        self._periods: dict[str, list[_Period]] = {}
        for names, country, joined, left in rows:
            canonical = names[0]
            for name in names:
                self._canonical[normalize_name(name)] = canonical
            self._periods.setdefault(canonical, []).append(_Period(normalize_name(country), joined, left))

    def organization(self, name: str) -> str | None:
        """The canonical name of the organization called ``name``, if the book knows it."""
        return self._canonical.get(normalize_name(name))

    def size(self, organization: str, year: int | None) -> int:
        """How many members the organization had in ``year`` (ever, when None); 0 if unknown."""
        canonical = self.organization(organization)
        if canonical is None:
            return 0
        return len({p.country for p in self._periods[canonical]
                    if year is None or (p.joined <= year and (p.left is None or year < p.left))})

    def is_member(self, country: str, organization: str, year: int | None) -> bool | None:
        """Whether ``country`` belonged to ``organization`` in ``year`` (any time when None);
        None when the book does not know the organization."""
        canonical = self.organization(organization)
        if canonical is None:
            return None
        key = normalize_name(country)
        for period in self._periods[canonical]:
            if period.country != key:
                continue
            if year is None or (period.joined <= year and (period.left is None or year < period.left)):
                return True
        return False


@functools.lru_cache(maxsize=2)
def membership_book(path: Path) -> MembershipBook:
    """The book in ``path`` (CSV: organization names separated by "|", country, joined, left)."""
    rows: list[tuple[tuple[str, ...], str, int, int | None]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            rows.append((
                tuple(n.strip() for n in row["organization"].split("|")),
                row["country"].strip(),
                int(row["joined"]),
                int(row["left"]) if row["left"] else None,
            ))
    return MembershipBook(rows)


@dataclass(frozen=True)
class Tenure:
    """One person's time in one office (years, both included; ``end`` None: still in office)."""

    office: str
    """The office's QID."""
    office_label: str
    """The office's name in the gazetteer ("Chancellor of the Exchequer")."""
    title: str
    """The bare title news writes before the name, normalized ("chancellor")."""
    country: str
    """The state or organization of the office, as the gazetteer names it."""
    person: str
    """The holder's QID."""
    person_name: str
    start: int
    end: int | None

    @property
    def surname(self) -> str:
        return self._own_name[-1]

    @functools.cached_property
    def _own_name(self) -> list[str]:
        """The holder's name, folded, word by word (made once: every article's titles test it);
        without what a comma adds to it: "George Younger, 4th Viscount Younger of Leckie" is
        George Younger, "Malcolm Baldrige, Jr." Malcolm Baldrige."""
        return normalize_name(self.person_name.split(",")[0]).split()

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def names(self, label: str, aliases: set[str] | frozenset[str], qid: str | None) -> bool:
        """Whether this tenure is of the person called ``label`` (or ``aliases``): by QID, else by
        full name, by the same first and last name ("Recep Erdogan"), or by surname alone ("Mr
        Blair"); another first name is another person ("Nancy Reagan")."""
        if qid:
            return qid == self.person
        own = self._own_name
        named = normalize_name(label).split()
        if len(named) >= 2 and named[-1] == own[-1] and named[0] != own[0]:
            return False  # "Michael Howard", also called "Howard", is not John Howard
        for name in (label, *aliases):
            parts = normalize_name(name).split()
            if parts == own or (len(parts) == 1 and parts[0] == own[-1]):
                return True
            if len(parts) >= 2 and parts[0] == own[0] and parts[-1] == own[-1]:
                return True
        return False


@functools.lru_cache(maxsize=4)
def office_holders(path: Path, gazetteer: Path) -> tuple[Tenure, ...]:
    """The office holders table (``data/officeholders.csv``), with each office's gazetteer label."""
    with gazetteer.open(encoding="utf-8", newline="") as handle:
        labels = {row["qid"]: row["label"] for row in csv.DictReader(handle) if row["kind"] == "office"}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            Tenure(r["office_qid"], labels.get(r["office_qid"], r["title"]), normalize_name(r["title"]),
                   r.get("country") or "", r["person_qid"], r["person"], int(r["start"]),
                   int(r["end"]) if r["end"] else None)
            for r in rows
        )


YEARS_BEFORE_OFFICE = 10
"""A person the table first puts in office more than this many years after an article's year, and
whom the article names by an alias, not by the gazetteer's label, is not that person: "George
Bush" in 1987 is not George W. Bush (President from 2001). (By the label, the table may only lack
their earlier offices: "Mike Moore" in 1987 was New Zealand's trade minister, WTO head from 1999.)"""


def first_years(tenures: tuple[Tenure, ...]) -> dict[str, int]:
    """Person QID -> the first year ``tenures`` have them in any office."""
    first: dict[str, int] = {}
    for tenure in tenures:
        first[tenure.person] = min(first.get(tenure.person, tenure.start), tenure.start)
    return first


@functools.lru_cache(maxsize=4)
def first_years_in_office(path: Path, gazetteer: Path) -> dict[str, int]:
    """:func:`first_years` of the office holders table."""
    return first_years(office_holders(path, gazetteer))


def before_their_time(first_years: dict[str, int], qid: str, year: int) -> bool:
    """Whether an article of ``year`` is too early to name the person ``qid`` (see above)."""
    first = first_years.get(qid)
    return first is not None and first > year + YEARS_BEFORE_OFFICE


@functools.lru_cache(maxsize=4)
def holders_by_title(path: Path, gazetteer: Path) -> dict[str, tuple[Tenure, ...]]:
    """:func:`office_holders` by normalized title (a lookup is a dictionary hit)."""
    index: dict[str, list[Tenure]] = {}
    for tenure in office_holders(path, gazetteer):
        index.setdefault(title_key(tenure.title), []).append(tenure)
    return {key: tuple(found) for key, found in index.items()}


@functools.lru_cache(maxsize=4)
def _holders_by_surname(path: Path, gazetteer: Path) -> tuple[dict[str, tuple[Tenure, ...]],
                                                               dict[str, tuple[Tenure, ...]]]:
    by_surname: dict[str, list[Tenure]] = {}
    by_qid: dict[str, list[Tenure]] = {}
    for tenure in office_holders(path, gazetteer):
        by_surname.setdefault(tenure.surname, []).append(tenure)
        by_qid.setdefault(tenure.person, []).append(tenure)
    return ({k: tuple(v) for k, v in by_surname.items()}, {k: tuple(v) for k, v in by_qid.items()})


def tenures_of(path: Path, gazetteer: Path, label: str, aliases: set[str] | frozenset[str],
               qid: str | None) -> list[Tenure]:
    """The tenures of the person called ``label`` (see :meth:`Tenure.names`), found through an
    index by QID or surname rather than a walk over the whole table."""
    by_surname, by_qid = _holders_by_surname(path, gazetteer)
    if qid:
        return list(by_qid.get(qid, ()))
    surnames = {normalize_name(n).split()[-1] for n in (label, *aliases) if normalize_name(n).split()}
    return [t for s in surnames for t in by_surname.get(s, ()) if t.names(label, aliases, qid)]


def title_key(title: str) -> str:
    """A title folded to what tells titles apart ("Secretary-General" is "secretary general")."""
    return normalize_name(title.replace("-", " "))
