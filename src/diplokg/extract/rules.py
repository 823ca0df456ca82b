"""Extraction rules as data: the rule table and each fact kind's lexicon (``rules/*.toml``).

A new trigger word, title or organization name is a line in a data file (and a test); the code
reads the lexicons through :func:`lexicon` and names every fact's rule through :func:`rule`, so
that the names and confidences of all rules stand in one table, ``rules/rules.toml``.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).resolve().parent / "rules"


@dataclass(frozen=True)
class Rule:
    """A rule that makes facts: its name (``kind.rule``), the confidence of its facts, what it finds."""

    name: str
    confidence: float
    says: str


@functools.cache
def _table() -> dict[str, Any]:
    with (RULES_DIR / "rules.toml").open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def rule_table() -> dict[str, Rule]:
    """Every rule by name."""
    rules: dict[str, Rule] = {}
    for kind, entries in _table().items():
        if kind == "factors":
            continue
        for name, entry in entries.items():
            full = f"{kind}.{name}"
            rules[full] = Rule(full, float(entry["confidence"]), entry["says"])
    return rules


def rule(name: str) -> Rule:
    """The rule called ``name`` (``"commitments.pledge-verb"``); ``KeyError`` names the known ones."""
    try:
        return rule_table()[name]
    except KeyError:
        known = ", ".join(sorted(rule_table()))
        raise KeyError(f"no extraction rule {name!r} in rules/rules.toml; known rules: {known}") from None


def factor(name: str) -> float:
    """How much confidence is left when a fact's argument had to be inferred (``rules.toml [factors]``)."""
    return float(_table()["factors"][name])


class Lexicon:
    """One fact kind's word lists and tables, read from ``rules/<kind>.toml``.

    Lists come back as frozensets (``lexicon("summits").words("meeting_nouns")``), tables as dicts.
    """

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self._data = data

    def words(self, key: str) -> frozenset[str]:
        """A word list, as a set."""
        return frozenset(self._list(key))

    def ordered(self, key: str) -> tuple[str, ...]:
        """A word list, in its file order."""
        return tuple(self._list(key))

    def table(self, key: str) -> dict[str, Any]:
        """A table (``[key]`` section)."""
        value = self._get(key)
        if not isinstance(value, dict):
            raise TypeError(f"rules/{self.name}.toml: {key!r} is not a table")
        return value

    def _list(self, key: str) -> list[str]:
        value = self._get(key)
        if not isinstance(value, list):
            raise TypeError(f"rules/{self.name}.toml: {key!r} is not a list")
        return value

    def _get(self, key: str) -> Any:
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(f"rules/{self.name}.toml has no {key!r}; it has {', '.join(sorted(self._data))}") from None


@functools.cache
def lexicon(name: str) -> Lexicon:
    """The lexicon ``rules/<name>.toml`` (read once per process)."""
    with (RULES_DIR / f"{name}.toml").open("rb") as handle:
        return Lexicon(name, tomllib.load(handle))
