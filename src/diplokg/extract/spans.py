"""Shared span and tree helpers for diplokg's components.

Every walk over the dependency tree compares tokens by index (``token.i``): spaCy makes a new
``Token`` object on each access, so an identity test (``node.head is node``) never ends a walk.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

_KEY = "dkg_entity_index"
_STARTS = "dkg_entity_starts"
_ARRAYS = "dkg_token_arrays"
_COLUMNS = "dkg_token_columns"
_MASKS = "dkg_token_masks"
_FIXED = frozenset({"ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP"})
"""Token attributes no diplokg component changes (the trained pipeline has set them all before
the first one that reads them): masks of them are built once per document."""


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


def token_array(doc: Doc, attr: str) -> NDArray[np.uint64]:
    """``doc.to_array(attr)`` for one of the attributes no component changes (kept with the
    document, read once)."""
    if attr not in _FIXED:
        return np.asarray(doc.to_array(IDS[attr]), dtype=np.uint64)
    arrays: dict[str, NDArray[np.uint64]] = doc.user_data.setdefault(_ARRAYS, {})
    array = arrays.get(attr)
    if array is None:
        array = arrays[attr] = np.asarray(doc.to_array(IDS[attr]), dtype=np.uint64)
    return array


def _holds(values: NDArray[np.uint64], ids: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """Per value: is it one of the sorted ``ids`` (a binary search each, where ``np.isin`` would
    sort both arrays; a comparison each for a few ids)."""
    if len(ids) <= 4:
        few = np.zeros(len(values), dtype=bool)
        for one in ids:
            few |= values == one
        return few
    at = np.searchsorted(ids, values)
    at[at == len(ids)] = 0
    held: NDArray[np.bool_] = ids[at] == values
    return held


def tokens_with(doc: Doc, ids: NDArray[np.uint64], attrs: tuple[str, ...]) -> list[Token]:
    """The tokens whose ``attrs`` (spaCy attribute names: "ORTH", "LOWER", "LEMMA") hold one of
    ``ids`` (sorted, as :func:`word_ids` gives them), in order: picked from the document's arrays,
    for a test that would otherwise run on every token."""
    picked = np.zeros(len(doc), dtype=bool)
    for attr in attrs:
        picked |= _holds(token_array(doc, attr), ids)
    return [doc[int(i)] for i in np.flatnonzero(picked)]


def _column(doc: Doc, attr: str) -> tuple[list[int], NDArray[np.intp]]:
    """The distinct string ids of a token attribute in ``doc`` and, per token, the index of its own."""
    columns: dict[str, tuple[list[int], NDArray[np.intp]]] = doc.user_data.setdefault(_COLUMNS, {})
    column = columns.get(attr)
    if column is None:
        values, inverse = np.unique(token_array(doc, attr), return_inverse=True)
        column = (values.tolist(), inverse.reshape(-1))
        columns[attr] = column
    return column


_PASSED: dict[tuple[object, bool], dict[int, bool]] = {}
"""Per test (and case folding): string id -> whether the string passes it, for every process's
documents (a string's id is its hash in every vocabulary); emptied when it grows past
:data:`_PASSED_LIMIT` ids."""
_PASSED_LIMIT = 1 << 18


def token_mask(doc: Doc, attr: str, test: frozenset[str] | Callable[[str], bool], *,
               lower: bool = False) -> NDArray[np.bool_]:
    """Per token of ``doc``: does its ``attr`` ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP"),
    lower-cased with ``lower``, pass ``test`` (a set of strings, or a predicate: module-level, for
    the results are kept per test)? The test runs
    once per distinct string, and the mask is kept with the document: a component picks the few
    tokens a rule can fire on with it, where a loop would visit (and make) every token."""
    if attr not in _FIXED:
        raise ValueError(f"token_mask: {attr!r} is not one of {sorted(_FIXED)}")
    masks: dict[tuple[object, ...], NDArray[np.bool_]] = doc.user_data.setdefault(_MASKS, {})
    key = (attr, test, lower)
    mask = masks.get(key)
    if mask is None:
        values, inverse = _column(doc, attr)
        known = _PASSED.setdefault((test, lower), {})
        if len(known) > _PASSED_LIMIT:
            known.clear()
        check = test.__contains__ if isinstance(test, frozenset) else test
        strings = doc.vocab.strings
        passed: list[bool] = []
        for value in values:
            held = known.get(value)
            if held is None:
                text = strings[value]
                held = known[value] = check(text.lower() if lower else text)
            passed.append(held)
        mask = np.array(passed, dtype=bool)[inverse] if len(doc) else np.zeros(0, dtype=bool)
        masks[key] = mask
    return mask


def tokens_in(tokens: Doc | Span, mask: NDArray[np.bool_]) -> list[Token]:
    """The tokens of ``tokens`` (a document or a span of it) that ``mask`` (of the whole
    document) picks, in order."""
    if isinstance(tokens, Span):
        doc, start, end = tokens.doc, tokens.start, tokens.end
    else:
        doc, start, end = tokens, 0, len(tokens)
    hits = np.flatnonzero(mask[start:end])
    return [doc[i] for i in (hits + start).tolist()] if len(hits) else []


def any_in(tokens: Doc | Span, mask: NDArray[np.bool_]) -> bool:
    """Does ``mask`` (of the whole document) pick any token of ``tokens``?"""
    if isinstance(tokens, Span):
        return bool(mask[tokens.start:tokens.end].any())
    return bool(mask.any())


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
