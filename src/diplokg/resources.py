"""Where the ontology, shapes, queries and gazetteer live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # a wheel carries the top-level folders under diplokg/_data; an editable install and a
    # source checkout read them from the repository root
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.exists() else _PACKAGE.parents[1] / name


def ontology_path() -> Path:
    """The OWL ontology (``ontology/diplokg.ttl``)."""
    return _shipped("ontology") / "diplokg.ttl"


def shapes_path() -> Path:
    """The SHACL shapes (``shapes/diplokg.shapes.ttl``)."""
    return _shipped("shapes") / "diplokg.shapes.ttl"


def queries_dir() -> Path:
    """The folder of named queries (``queries/*.rq``)."""
    return _shipped("queries")


def gazetteer_path() -> Path:
    """The offline Wikidata gazetteer shipped as package data."""
    return _PACKAGE / "data" / "gazetteer.csv"


def memberships_path() -> Path:
    """Countries' memberships of international organizations over time (package data)."""
    return _PACKAGE / "data" / "memberships.csv"


def officeholders_path() -> Path:
    """Holders of major offices by year (package data)."""
    return _PACKAGE / "data" / "officeholders.csv"


def tracking_path() -> Path:
    """The words by which articles report a commitment's status (package data)."""
    return _PACKAGE / "data" / "tracking.toml"


def templates_dir() -> Path:
    """The Jinja2 templates of the pages of ``diplokg serve`` (package data)."""
    return _PACKAGE / "templates"
