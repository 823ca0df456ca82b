"""Turn an annotated spaCy ``Doc`` into an :class:`Extraction`: one entity per real-world entity,
relations between their keys, evidence for every fact.

Each fact kind's assembler lives beside its finder (``offices``, ``summits``, ``memberships``,
``commitments``); this module only runs them in order: offices first (a minister's pledge is
their state's), summits before memberships (a leader at an organization's summit speaks for a
member).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Document
from .commitments import assemble_commitments
from .entities import Article
from .memberships import assemble_memberships
from .offices import assemble_offices
from .records import Extraction
from .summits import assemble_summits
from .text import PreparedText


def assemble(doc: Doc, document: Document, prepared: PreparedText) -> Extraction:
    """The :class:`Extraction` of one processed article (``doc`` is of ``prepared.text``)."""
    article = Article(doc, document, prepared)
    article.add_all()
    assemble_offices(article, doc._.dkg_offices or [])
    assemble_summits(article, doc._.dkg_summits or [])
    assemble_memberships(article, doc._.dkg_members or [])
    assemble_commitments(article, doc._.dkg_commitments or [])
    return article.extraction
