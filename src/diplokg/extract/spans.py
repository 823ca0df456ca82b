"""Shared span and tree helpers for diplokg's components.

Every walk over the dependency tree compares tokens by index (``token.i``): spaCy makes a new
``Token`` object on each access, so an identity test (``node.head is node``) never ends a walk.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import numpy as np
from numpy.typing import NDArray
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

_KEY = "dkg_entity_index"
_STARTS = "dkg_entity_starts"


def entity_at(token: Token, labels: frozenset[str] | None = None) -> Span | None:
    """The entity span covering ``token`` (with one of ``labels``, if given), in O(1).

    The index is built once per document, after the entity fix-ups; ``doc.ents`` builds every
    span anew on each access, which a per-token scan cannot afford.
    """
    if labels is not None and token.ent_type_ not in labels:
        return None  # cheap: no lookup for tokens outside the wanted entities
    doc = token.doc
    index: dict[int, Span] | None = doc.user_data.get(_KEY)
    if index is None:
        index = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data[_KEY] = index
    ent = index.get(token.i)
    if ent is None or (labels is not None and ent.label_ not in labels):
        return None
    return ent


def entity_starting(doc: Doc, start: int, labels: frozenset[str]) -> Span | None:
    """The entity span that starts at token ``start`` (with one of ``labels``)."""
    if start >= len(doc):
        return None
    ent = entity_at(doc[start], labels)
    return ent if ent is not None and ent.start == start else None


def entity_ending(doc: Doc, end: int, labels: frozenset[str]) -> Span | None:
    """The entity span that ends right before token ``end`` (with one of ``labels``)."""
    if end <= 0:
        return None
    ent = entity_at(doc[end - 1], labels)
    return ent if ent is not None and ent.end == end else None


def reset_index(doc: Doc) -> None:
    """Forget the entity index (call after changing ``doc.ents``)."""
    doc.user_data.pop(_KEY, None)
    doc.user_data.pop(_STARTS, None)


def word_ids(words: Iterable[str], *, any_case: bool = False) -> NDArray[np.uint64]:
    """The string ids of ``words`` (and, with ``any_case``, of their title and upper case), for
    :func:`tokens_with`."""
    forms = {form for w in words for form in ((w, w.title(), w.upper()) if any_case else (w,))}
    return np.array(sorted(get_string_id(form) for form in forms), dtype=np.uint64)


def tokens_with(doc: Doc, ids: NDArray[np.uint64], attrs: tuple[str, ...]) -> list[Token]:
    """The tokens whose ``attrs`` (spaCy attribute names: "ORTH", "LOWER", "LEMMA") hold one of
    ``ids``, in order: picked from the document's arrays, for a test that would otherwise run on
    every token."""
    picked = np.zeros(len(doc), dtype=bool)
    for attr in attrs:
        picked |= np.isin(doc.to_array(attr), ids)
    return [doc[int(i)] for i in np.flatnonzero(picked)]


def heads(token: Token, limit: int = 64) -> Iterator[Token]:
    """The token's heads, nearest first, up to the root (never the token itself)."""
    node = token
    for _ in range(limit):
        head = node.head
        if head.i == node.i:
            return
        yield head
        node = head


def conjuncts(token: Token, deps: frozenset[str] = frozenset({"conj"}), limit: int = 64) -> list[Token]:
    """The token and every token coordinated with it ("Britain, France, and the United States")."""
    out = [token]
    stack = [token]
    seen = {token.i}
    while stack and len(out) < limit:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in deps and child.i not in seen:
                seen.add(child.i)
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _sorted_ents(doc: Doc) -> tuple[list[int], list[Span]]:
    """The document's entities in order, with their start tokens (built once, like the index)."""
    cached: tuple[list[int], list[Span]] | None = doc.user_data.get(_STARTS)
    if cached is None:
        ents = sorted(doc.ents, key=lambda e: e.start)
        cached = ([e.start for e in ents], ents)
        doc.user_data[_STARTS] = cached
    return cached


def ents_in(tokens: Iterator[Token] | list[Token] | Span, labels: frozenset[str]) -> list[Span]:
    """The entities of ``labels`` that ``tokens`` touch, once each, in order."""
    if isinstance(tokens, Span):
        # a span: the entities that overlap it, found by bisection rather than token by token
        starts, ents = _sorted_ents(tokens.doc)
        first = bisect.bisect_left(starts, tokens.start)
        if first > 0 and ents[first - 1].end > tokens.start:
            first -= 1  # an entity that starts before the span and runs into it
        return [span for span in ents[first:bisect.bisect_left(starts, tokens.end)]
                if span.end > tokens.start and span.label_ in labels]
    found: list[Span] = []
    seen: set[int] = set()
    for t in tokens:
        ent = entity_at(t, labels)
        if ent is not None and ent.start not in seen:
            seen.add(ent.start)
            found.append(ent)
    return sorted(found, key=lambda e: e.start)


_PREPOSITION_LIKE = frozenset({"including", "excluding", "concerning", "regarding", "following"})


def verb_of(token: Token) -> Token | None:
    """The nearest verb (or auxiliary) above ``token``; "including" and its kind, which the parser
    may call verbs, are prepositions here ("attend conferences including the IMF meetings")."""
    return next((h for h in heads(token) if h.pos_ in {"VERB", "AUX"} and h.lower_ not in _PREPOSITION_LIKE), None)
