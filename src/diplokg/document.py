"""Articles in, as :class:`Document`: text files with an optional header, folders, JSON Lines, stdin.

A text file may start with a header block, as in the shared corpus::

    title: Pompeo plunges into NATO diplomacy
    date: 2018-04-27
    source: Associated Press, https://example.org/story

    BRUSSELS — Less than 24 hours after ...

JSON Lines hold one article per line: ``{"id": ..., "text": ..., "date": ..., "url": ...}``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from .dates import PartialDate
from .errors import InputError

HEADER_KEYS = ("title", "date", "source", "url", "id")
_HEADER_LINE = re.compile(rf"^({'|'.join(HEADER_KEYS)}):[ \t]*(.*)$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def clean_url(url: object) -> str | None:
    """An article's address as a valid absolute IRI: characters an IRI cannot hold (spaces,
    ``<>"{}|\\^`` and controls) percent-encoded; None when it is not an absolute address at all."""
    if not isinstance(url, str) or not _SCHEME.match(url.strip()):
        return None
    return quote(url.strip(), safe="".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '<>"{}|\\^`'))
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# header values that say the date is not known: the article is then undated (or takes --date)
UNKNOWN_DATES = frozenset({"unknown", "none", "n/a", "na", "-", "?"})
# an article larger than this is almost certainly not an article (a log, a dump)
MAX_ARTICLE_CHARS = 2_000_000


@dataclass(frozen=True)
class Document:
    """One article: its identifier, body text (header removed) and metadata."""

    id: str
    text: str
    date: PartialDate | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""
    """Where it was read from, for messages: a path, ``path:line`` or ``<stdin>``."""


def parse_date(value: str, where: str) -> PartialDate:
    """An ISO date at any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); a clear
    :class:`InputError` naming ``where`` otherwise."""
    text = value.strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in match.groups())
        return PartialDate(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        raise InputError(
            f"{where}: invalid date {text!r}; write it as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2018-04-27"
        ) from None


def _decode(data: bytes, where: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")  # with its byte order mark, UTF-16 says what it is
        except UnicodeDecodeError:
            raise InputError(f"{where}: starts like UTF-16 but does not decode as it; save it as UTF-8") from None
    head = data[:8192]
    if b"\x00" in head:
        if len(head) > 3 and head[1::2].count(0) * 2 >= len(head[1::2]):
            raise InputError(f"{where}: looks like UTF-16 without a byte order mark; convert it, e.g. "
                             f"'iconv -f utf-16le -t utf-8 FILE > FILE.utf8'")
        raise InputError(f"{where}: looks like a binary file, not text; give a UTF-8 text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where}: not valid UTF-8 (byte {err.start}); convert it, e.g. "
            f"'iconv -f latin1 -t utf-8 FILE > FILE.utf8'"
        ) from None


def _check_text(text: str, where: str) -> str:
    if not text.strip():
        raise InputError(f"{where}: no article text (the file is empty or has only a header)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{where}: {len(text):,} characters is more than an article "
            f"({MAX_ARTICLE_CHARS:,} at most); split it into articles, e.g. as JSON Lines"
        )
    return text


def parse_article(raw: str, *, article_id: str, origin: str, date: PartialDate | None = None) -> Document:
    """Split a header block (if any) from the body; ``date`` is used when the header has none."""
    lines = raw.splitlines(keepends=True)
    meta: dict[str, str] = {}
    body_start = 0
    if lines and _HEADER_LINE.match(lines[0].rstrip("\r\n")):
        for i, line in enumerate(lines):
            stripped = line.rstrip("\r\n")
            if not stripped.strip():
                body_start = i + 1
                break
            match = _HEADER_LINE.match(stripped)
            if not match:
                # not a header after all: the first line only looked like one
                meta, body_start = {}, 0
                break
            meta[match.group(1).lower()] = match.group(2).strip()
        else:
            body_start = len(lines)
    text = _check_text("".join(lines[body_start:]), origin)
    if meta.get("date") and meta["date"].lower() not in UNKNOWN_DATES:
        date = parse_date(meta["date"], f"{origin}: header 'date:'")
    url = meta.get("url") or None
    if url is None and meta.get("source"):
        found = _URL.search(meta["source"])
        url = found.group(0).rstrip(").,;") if found else None
    return Document(
        id=meta.get("id") or article_id,
        text=text,
        date=date,
        title=meta.get("title") or None,
        source=meta.get("source") or None,
        url=clean_url(url),
        origin=origin,
    )


MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS + 65_536
"""The most bytes read for one article (UTF-8 takes up to four a character, and a header): a read
stops there, so an endless or huge input costs no more memory than an article may."""


def _bounded(stream: BinaryIO, where: str) -> bytes:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{where}: more than {MAX_ARTICLE_BYTES:,} bytes, more than an article "
                         f"({MAX_ARTICLE_CHARS:,} characters at most); split it into articles, e.g. as JSON Lines")
    return data


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return _bounded(handle, str(path))
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None


def read_text_file(path: Path, date: PartialDate | None = None) -> Document:
    """One article from a text file; its id is the file's stem."""
    raw = _decode(_read_bytes(path), str(path))
    return parse_article(raw, article_id=path.stem, origin=str(path), date=date)


def _open_jsonl(path: Path) -> BinaryIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _jsonl_record(line: str, where: str, stem: str, lineno: int, date: PartialDate | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not valid JSON ({err.msg}); one JSON object per line") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: each line needs a JSON object with a \"text\" string")
    given = record.get("date")
    known = bool(given) and str(given).strip().lower() not in UNKNOWN_DATES  # "unknown": an undated story
    if known:
        date = parse_date(str(given), f"{where}: \"date\"")
    doc = parse_article(record["text"], article_id=f"{stem}-{lineno}", origin=where, date=date)
    # the JSON fields win over a header inside the text
    return Document(
        id=str(record["id"]) if record.get("id") not in (None, "") else doc.id,
        text=doc.text,
        date=date if known else doc.date,
        title=record.get("title") or doc.title,
        source=record.get("source") or doc.source,
        url=clean_url(record.get("url")) or doc.url,
        origin=where,
    )


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a file, each read with a bound: a line longer than an article may be is
    passed over (None in its place) without being held in memory."""
    while True:
        line = handle.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
        else:
            yield line


def read_jsonl(path: Path, date: PartialDate | None = None) -> Iterator[Document | InputError]:
    """Articles from JSON Lines, one object per line with ``text`` and optionally ``id``,
    ``date``, ``url``, ``title``. Blank lines are skipped; a bad line is yielded as its error and
    the following lines are still read."""
    stem = path.name.split(".")[0]
    try:
        with _open_jsonl(path) as handle:
            for lineno, raw_line in enumerate(_lines(handle), start=1):
                where = f"{path}:{lineno}"
                try:
                    if raw_line is None:
                        raise InputError(f"{where}: a line of more than {MAX_ARTICLE_BYTES:,} bytes, more than an "
                                         f"article; split it into articles, one JSON object a line")
                    line = _decode(raw_line, where)
                    if line.strip():
                        yield _jsonl_record(line, where, stem, lineno, date)
                except InputError as err:
                    yield err
    except (OSError, EOFError) as err:
        yield InputError(f"{path}: cannot be read ({err}); is it a complete (gzipped) JSON Lines file?")


def read_stdin(stream: BinaryIO, date: PartialDate | None = None) -> Document:
    """One article from standard input; its id is a digest of its text unless the header has ``id:``."""
    raw = _decode(_bounded(stream, "<stdin>"), "<stdin>")
    digest = hashlib.sha1(raw.encode()).hexdigest()[:12]
    return parse_article(raw, article_id=f"stdin-{digest}", origin="<stdin>", date=date)


@dataclass(frozen=True)
class Source:
    """One input named by the user: a text file, a JSON Lines file, or stdin (``-``)."""

    path: Path | None  # None for stdin

    def documents(self, date: PartialDate | None = None) -> Iterator[Document | InputError]:
        """The articles of this source, read lazily; content that cannot be read comes as its
        :class:`InputError` (raised for a text file or stdin, yielded per line for JSON Lines)."""
        if self.path is None:
            yield read_stdin(sys.stdin.buffer, date)
        elif self.path.name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(self.path, date)
        else:
            yield read_text_file(self.path, date)

    def __str__(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)


def collect_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Resolve the paths a user gave into sources, failing early on any that does not exist.

    Folders are walked recursively for ``*.txt`` and JSON Lines files, in sorted order; a glob
    pattern (``"data/**/*.jsonl.gz"``) is expanded in sorted order.
    """
    sources: list[Source] = []
    given = list(paths)
    if not given:
        raise InputError("no input given; name article files, folders, JSON Lines files or '-' for stdin")
    for item in given:
        if str(item) == "-":
            sources.append(Source(None))
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)
            )
            if not found:
                raise InputError(
                    f"{path}: folder holds no articles (*.txt or *.jsonl); name the article files instead"
                )
            sources.extend(Source(p) for p in found)
        elif path.is_file() or path.is_fifo() or path.is_char_device():
            sources.append(Source(path))  # a pipe or a device is read as a text, with the same bound
        elif any(c in str(item) for c in "*?["):
            # a quoted glob ("data/**/*.txt"), expanded here so that no shell limit applies
            base = Path(path.anchor) if path.is_absolute() else Path()
            pattern = str(path.relative_to(path.anchor)) if path.is_absolute() else str(path)
            found = sorted(p for p in base.glob(pattern) if p.is_file())
            if not found:
                raise InputError(f"{item}: the pattern matches no file; check it (quote it so the shell leaves it)")
            sources.extend(Source(p) for p in found)
        else:
            raise InputError(f"{path}: no such file or folder; check the path")
    return sources


def read_documents(paths: Iterable[str | Path], date: PartialDate | None = None) -> Iterator[Document | InputError]:
    """Every article named by ``paths``, or the error that kept one from being read.

    Missing paths fail at once, when this is called (before any work); a bad file or JSON line is
    yielded as an error and the rest are still read. Two articles with one id would share a
    graph, so the second is an error too.
    """
    sources = collect_sources(paths)

    def generate() -> Iterator[Document | InputError]:
        seen: dict[str, str] = {}
        for source in sources:
            try:
                for document in source.documents(date):
                    if isinstance(document, InputError):
                        yield document
                        continue
                    if document.id in seen:
                        yield InputError(
                            f"{document.origin}: article id {document.id!r} is already used by "
                            f"{seen[document.id]}; rename one of them (the id names the article's graph)"
                        )
                        continue
                    seen[document.id] = document.origin
                    yield document
            except InputError as err:
                yield err

    return generate()
