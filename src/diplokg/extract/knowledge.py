"""Background knowledge: which countries belong to which international organizations, when.

A general resource (``data/memberships.csv``), used to check memberships that a text implies
rather than states ("allies, particularly Germany"), never to invent them.
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
