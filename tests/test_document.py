"""Reading articles: headers, plain text, folders, JSON Lines, stdin, and every bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from diplokg.dates import PartialDate
from diplokg.document import (
    MAX_ARTICLE_CHARS,
    Document,
    Source,
    collect_sources,
    parse_article,
    read_documents,
    read_jsonl,
    read_stdin,
    read_text_file,
)
from diplokg.errors import InputError


def test_header_is_parsed_and_removed(write):
    path = write("a.txt", "title: T\ndate: 2020-01-10\nsource: Wikinews, https://example.org/x (CC BY 2.5)\n"
                          "\nBody text.\n")
    doc = read_text_file(path)
    assert doc.id == "a"
    assert doc.title == "T"
    assert doc.date == PartialDate(2020, 1, 10)
    assert doc.url == "https://example.org/x"
    assert doc.text == "Body text.\n"


@pytest.mark.parametrize(("header", "expected"), [("2004", PartialDate(2004)), ("2005-12", PartialDate(2005, 12)),
                                                  ("2018-04-27", PartialDate(2018, 4, 27))])
def test_header_dates_at_any_precision(write, header, expected):
    assert read_text_file(write("d.txt", f"date: {header}\n\nText.")).date == expected


def test_plain_text_takes_the_given_date(write):
    path = write("plain.txt", "Leaders met in Paris.\nThey agreed.")
    doc = read_text_file(path, date=PartialDate(2019, 5, 1))
    assert doc.date == PartialDate(2019, 5, 1)
    assert doc.text.startswith("Leaders met")


def test_an_unknown_header_date_leaves_the_given_one(write):
    path = write("u.txt", "title: T\ndate: unknown\n\nText.")
    assert read_text_file(path).date is None
    assert read_text_file(path, date=PartialDate(2005)).date == PartialDate(2005)


def test_header_date_wins_over_the_given_date(write):
    path = write("h.txt", "date: 2018-04-27\n\nText.")
    assert read_text_file(path, date=PartialDate(2000, 1, 1)).date == PartialDate(2018, 4, 27)


def test_a_first_line_that_only_looks_like_a_header_stays_text():
    doc = parse_article("Title: a headline\nmore text without blank line\nrest", article_id="x", origin="x")
    assert doc.text.startswith("Title: a headline")
    assert doc.title is None


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "no article text"),
        (b"title: only a header\n\n   \n", "no article text"),
        (b"\x00\x01\x02binary", "binary"),
        ("Caf\u00e9 talks".encode("latin-1"), "not valid UTF-8"),
        (b"date: 27/04/2018\n\nText.", "invalid date"),
        (b"date: 2019-02-30\n\nText.", "invalid date"),
    ],
)
def test_bad_text_files_name_the_file_and_the_fix(write, content, fragment):
    path = write("bad.txt", content)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert str(path) in str(err.value)
    assert fragment in str(err.value)


def test_an_oversized_article_is_refused(write):
    path = write("huge.txt", "word " * (MAX_ARTICLE_CHARS // 5 + 10))
    with pytest.raises(InputError, match="more than an article"):
        read_text_file(path)


def test_jsonl_reads_good_lines_and_reports_bad_ones(write):
    lines = [
        json.dumps({"id": "one", "text": "Leaders met.", "date": "2020-02-02", "url": "https://example.org/1"}),
        "{not json",
        "",
        json.dumps({"text": "No id here."}),
        json.dumps({"id": "x", "body": "wrong key"}),
    ]
    path = write("batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_jsonl(path))
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["one", "batch-4"]
    assert docs[0].date == PartialDate(2020, 2, 2)
    assert docs[0].url == "https://example.org/1"
    assert any(f"{path}:2" in e and "not valid JSON" in e for e in errors)
    assert any(f"{path}:5" in e and '"text"' in e for e in errors)


def test_gzipped_jsonl(tmp_path: Path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": "Ministers met."}) + "\n")
    assert [d.id for d in read_jsonl(path)] == ["g1"]  # type: ignore[union-attr]


def test_stdin_article_gets_a_stable_id():
    a = read_stdin(io.BytesIO(b"Leaders met in Rome."))
    b = read_stdin(io.BytesIO(b"Leaders met in Rome."))
    assert a.id == b.id and a.id.startswith("stdin-")
    assert a.origin == "<stdin>"


def test_folders_are_walked_for_articles(write, tmp_path: Path):
    write("dir/b.txt", "Text b.")
    write("dir/sub/a.txt", "Text a.")
    write("dir/notes.md", "ignored")
    sources = collect_sources([tmp_path / "dir"])
    assert [s.path.name for s in sources if s.path] == ["b.txt", "a.txt"]


def test_missing_paths_and_empty_folders_fail_early(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or folder"):
        collect_sources([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no articles"):
        collect_sources([tmp_path / "empty"])
    with pytest.raises(InputError, match="no input given"):
        collect_sources([])


def test_a_second_article_with_the_same_id_is_an_error(write, tmp_path: Path):
    write("one/same.txt", "First.")
    write("two/same.txt", "Second.")
    items = list(read_documents([tmp_path / "one", tmp_path / "two"]))
    assert not isinstance(items[0], InputError)
    assert isinstance(items[1], InputError) and "already used" in str(items[1])


def test_source_of_stdin_is_named():
    assert str(Source(None)) == "<stdin>"


def test_an_address_that_is_no_iri_is_encoded_or_dropped(write, tmp_path: Path):
    """A url with spaces or angle brackets would break the stored graph (or add triples to it):
    it is percent-encoded; one without a scheme is not an address and is left out."""
    lines = [json.dumps({"id": "a", "text": "Leaders met.", "url": "http://example.org/a b> <http://evil"}),
             json.dumps({"id": "b", "text": "Leaders met.", "url": "www.example.org/b"})]
    docs = list(read_jsonl(write("urls.jsonl", "\n".join(lines) + "\n")))
    assert [d.url for d in docs] == ["http://example.org/a%20b%3E%20%3Chttp://evil", None]  # type: ignore[union-attr]
    header = write("h.txt", "url: https://example.org/x y\n\nLeaders met.\n")
    assert read_text_file(header).url == "https://example.org/x%20y"


def test_jsonl_records_dated_unknown_are_undated_stories(write):
    """The BBC stories of the real corpus say "date": "unknown"; they are read, undated."""
    path = write("bbc.jsonl", '{"id": "b1", "date": "unknown", "text": "Ministers met."}\n')
    (doc,) = list(read_jsonl(path))
    assert isinstance(doc, Document) and doc.date is None
    (given,) = list(read_jsonl(path, date=PartialDate(2005)))
    assert isinstance(given, Document) and given.date == PartialDate(2005)


def test_reads_stop_at_the_bound(tmp_path, monkeypatch):
    from diplokg import document as doc_module
    monkeypatch.setattr(doc_module, "MAX_ARTICLE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="more than 100 bytes, more than an article"):
        read_text_file(big)
    with pytest.raises(InputError, match="<stdin>: more than 100 bytes"):
        read_stdin(io.BytesIO(b"x" * 10_000))
    lines = tmp_path / "batch.jsonl"
    lines.write_text('{"text": "' + "w " * 500 + '"}\n{"text": "NATO met."}\n', encoding="utf-8")
    out = list(read_jsonl(lines, PartialDate(2020, 1, 1)))
    assert isinstance(out[0], InputError) and "a line of more than 100 bytes" in str(out[0])
    assert isinstance(out[1], Document) and out[1].text == "NATO met." and out[1].id == "batch-2"


def test_a_pipe_is_read_as_an_article(tmp_path):
    import os
    import threading
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    threading.Thread(target=lambda: fifo.write_text("NATO met in Brussels.", encoding="utf-8")).start()
    (source,) = collect_sources([str(fifo)])
    (document,) = list(source.documents(PartialDate(2020, 1, 1)))
    assert isinstance(document, Document) and document.text.startswith("NATO met in Brussels.")


def test_utf16_is_read_with_its_byte_order_mark_and_named_without(tmp_path):
    marked = tmp_path / "marked.txt"
    marked.write_bytes("NATO met in Brussels.".encode("utf-16"))
    assert read_text_file(marked, PartialDate(2020, 1, 1)).text.startswith("NATO met in Brussels.")
    bare = tmp_path / "bare.txt"
    bare.write_bytes("NATO met in Brussels.".encode("utf-16-le"))
    with pytest.raises(InputError, match="looks like UTF-16 without a byte order mark"):
        read_text_file(bare, PartialDate(2020, 1, 1))
