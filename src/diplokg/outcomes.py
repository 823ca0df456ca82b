"""What a run reports: each article's outcome and the run's counts and exit code (no heavy
imports: the CLI renders these before, and without, loading the pipeline)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .errors import EXIT_ENDPOINT, EXIT_INPUT, EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from .errors import InputError
    from .extract.records import Extraction
    from .validate import ValidationReport

OUTPUT_FORMATS = {"trig": "trig", "ttl": "turtle", "nq": "nquads"}
"""``diplokg extract --format``: file suffix -> rdflib serializer."""


class Status(StrEnum):
    """What became of one article."""

    STORED = "stored"
    WRITTEN = "written"
    REJECTED = "rejected"  # failed the SHACL gate: not stored, quarantined
    UNREADABLE = "unreadable"  # could not be read: nothing extracted
    FAILED = "failed"  # the store refused it
    SKIPPED = "skipped"  # --resume: committed unchanged before


@dataclass
class ArticleOutcome:
    """One article's result."""

    origin: str
    status: Status
    article_id: str | None = None
    triples: int = 0
    entities: int = 0
    facts: int = 0
    message: str = ""
    report: ValidationReport | None = None

    @classmethod
    def of(cls, extraction: Extraction, triples: int, status: Status, message: str = "") -> ArticleOutcome:
        """The outcome of an article that was extracted and mapped into ``triples`` triples."""
        return cls(origin=extraction.document.origin, status=status, article_id=extraction.document.id,
                   triples=triples, entities=len(extraction.entities), facts=len(extraction.facts),
                   message=message)

    @classmethod
    def unreadable(cls, error: InputError) -> ArticleOutcome:
        """The outcome of an input that could not be read (its error names it first)."""
        return cls(str(error).split(": ", 1)[0], Status.UNREADABLE, message=str(error))


Progress = Callable[[ArticleOutcome], None]
"""What a run calls with each article's outcome as it ends."""

PROBLEMS = frozenset({Status.REJECTED, Status.UNREADABLE, Status.FAILED})


@dataclass
class RunReport:
    """The outcome of a run over many articles: counts, and the articles that had a problem
    (the others are counted, not kept, so a long run's memory stays flat)."""

    counts: dict[Status, int] = field(default_factory=dict)
    problems: list[ArticleOutcome] = field(default_factory=list)

    def add(self, outcome: ArticleOutcome) -> None:
        """Count one article's outcome (and keep it if it had a problem)."""
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.status in PROBLEMS:
            self.problems.append(outcome)

    def count(self, status: Status) -> int:
        """How many articles ended with ``status``."""
        return self.counts.get(status, 0)

    @property
    def exit_code(self) -> int:
        """2 if any input was unreadable, else 5 if the store refused an article, else 1 if any
        article failed the gate, else 0."""
        if self.count(Status.UNREADABLE):
            return EXIT_INPUT
        if self.count(Status.FAILED):
            return EXIT_ENDPOINT
        if self.count(Status.REJECTED):
            return EXIT_INVALID
        return EXIT_OK


@dataclass
class RelinkReport:
    """What relinking a store changed."""

    graphs: int = 0
    rewritten: int = 0
    linked: int = 0
    rejected: list[ValidationReport] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 if a rewritten graph failed validation (it was left as it was), else 0."""
        return EXIT_INVALID if self.rejected else EXIT_OK


@dataclass
class TrackReport:
    """What tracking the store's commitments and reconciling its offices found."""

    statements: int = 0
    tracked: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    """Tracked commitments by their latest status."""
    holdings: int = 0
    """Articles' office holdings and former holdings read."""
    tenures: int = 0
    conflicts: dict[str, int] = field(default_factory=dict)
    """Office conflicts by kind (same-day, after-term, former-credited)."""
    listings: dict[str, int] = field(default_factory=dict)
    """Rows kept in the store's index, by listing query."""
    rejected: ValidationReport | None = None
    """The verdict on the tracked or the tenures graph, if one failed validation (the store was left as it was)."""

    @property
    def exit_code(self) -> int:
        """1 if the tracked or the tenures graph failed validation, else 0."""
        return EXIT_INVALID if self.rejected is not None else EXIT_OK
