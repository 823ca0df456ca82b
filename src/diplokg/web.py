"""The HTTP front of ``diplokg serve``: the pages of :mod:`diplokg.pages` at ``/entity``,
``/article`` and ``/search``, and every other request passed on to the Oxigraph server behind it
(its query UI at ``/``, ``/query``, ``/update``, ``/store``), which stays the store's one owner.

A standard-library :class:`~http.server.ThreadingHTTPServer`: the pages are plain HTML made on
the server, so no web framework and no build step. The pages read the store through the
Oxigraph server's SPARQL endpoint (:class:`~diplokg.store.endpoint.EndpointStore`), like any
client; what the Oxigraph server refuses (an update to a ``--read-only`` store) it refuses here too.
"""

from __future__ import annotations

import http.client
import logging
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .errors import DiplokgError
from .pages import (
    NotFound,
    SearchPage,
    article_page,
    entity_page,
    lookup,
    render,
    search_page,
)
from .store.endpoint import EndpointConfig, EndpointStore
from .vocab import graph_iri

log = logging.getLogger("diplokg.serve")

PAGES = frozenset({"/entity", "/article", "/search"})
# headers that belong to one connection, not to the request passed on (RFC 9110, 7.6.1)
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
                         "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length"})
_CHUNK = 1 << 16


class Page:
    """An answer of the front: status, HTML, and where to go instead (a redirect)."""

    def __init__(self, status: int, html: str = "", location: str | None = None) -> None:
        self.status, self.html, self.location = status, html, location


def answer(path: str, query: dict[str, list[str]], store: EndpointStore) -> Page:
    """The page for one GET of ``/entity``, ``/article`` or ``/search`` (query parameters parsed)."""

    def arg(*names: str) -> str:
        return next((query[n][0] for n in names if query.get(n)), "")

    try:
        if path == "/article":
            graph = arg("graph") or (str(graph_iri(arg("id"))) if arg("id") else "")
            if not graph:
                return _error(400, "Which article?", "Give the article as /article?graph=GRAPH-IRI or /article?id=ID.")
            return Page(200, render("article.html", page=article_page(store, graph), query=""))
        if path == "/search":
            text = arg("q", "name")
            found = lookup(store, text)
            if len(found.found) == 1:  # a search that names one entity goes to its page
                return Page(303, location=found.found[0].href)
            results = search_page(store, text, found)
            status = 404 if text and not results.matches else 200
            return Page(status, render("search.html", page=results, query=text))
        # /entity: by ?iri=, ?qid= or ?name= (each of them takes any of the three)
        text = arg("iri", "qid", "name")
        if not text:
            return Page(200, render("search.html", page=search_page(store, ""), query=""))
        found = lookup(store, text)
        if len(found.found) == 1:
            number = arg("page")  # which of the sections' sentences (a page past the last: the last)
            shown = int(number) if number.isascii() and number.isdecimal() else 1
            page = entity_page(store, found.found[0].iri, page=shown)
            return Page(200, render("entity.html", page=page, query=""))
        if found.found:
            choice = SearchPage(found.query, found.found, choose=True)
            return Page(200, render("search.html", page=choice, query=found.query))
        return Page(404, render("search.html", page=SearchPage(found.query, [], found.near), query=found.query))
    except NotFound as err:
        return _error(404, "Not found", str(err))
    except DiplokgError as err:
        log.warning("%s: %s", path, err)
        return _error(502, "The store did not answer", str(err))


def _error(status: int, heading: str, message: str) -> Page:
    return Page(status, render("error.html", heading=heading, message=message, query=""))


class FrontHandler(BaseHTTPRequestHandler):
    """Pages for GET and HEAD of :data:`PAGES`; everything else goes to the Oxigraph server."""

    server: FrontServer
    protocol_version = "HTTP/1.0"  # one request a connection: a proxied answer streams until closed

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._proxy()

    def do_PUT(self) -> None:
        self._proxy()

    def do_DELETE(self) -> None:
        self._proxy()

    def do_PATCH(self) -> None:
        self._proxy()

    def do_OPTIONS(self) -> None:
        self._proxy()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the server prints nothing per request."""

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        if parts.path not in PAGES:
            self._proxy()
            return
        store = self.server.store()
        try:
            page = answer(parts.path, parse_qs(parts.query), store)
        except Exception as err:  # a bug of ours: the browser gets a page, the terminal one line
            log.warning("%s failed: %s: %s", self.path, type(err).__name__, err)
            page = _error(500, "Internal error", f"{type(err).__name__}: {err}")
        finally:
            store.close()
        body = page.html.encode("utf-8")
        self.send_response(page.status)
        if page.location is not None:
            self.send_header("Location", page.location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():  # trailers
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = self.headers.get("Content-Length")
        return self.rfile.read(int(length)) if length else None

    def _proxy(self) -> None:
        body = self._body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        if body is not None:
            headers["Content-Length"] = str(len(body))
        backend = http.client.HTTPConnection("127.0.0.1", self.server.backend_port)
        try:
            backend.request(self.command, self.path, body=body, headers=headers)
            response = backend.getresponse()
        except OSError as err:
            backend.close()
            page = _error(502, "The Oxigraph server did not answer", f"{type(err).__name__}: {err}")
            data = page.html.encode("utf-8")
            self.send_response(page.status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        try:
            self.send_response_only(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP or (key.lower() == "content-length" and not response.chunked):
                    self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                while chunk := response.read(_CHUNK):
                    self.wfile.write(chunk)
        finally:
            backend.close()


class FrontServer(ThreadingHTTPServer):
    """The front on the user's address; ``backend_port`` is the Oxigraph server's, on loopback."""

    daemon_threads = True

    def __init__(self, host: str, port: int, backend_port: int, family: socket.AddressFamily) -> None:
        self.address_family = family
        self.backend_port = backend_port
        super().__init__((host, port), FrontHandler)

    def store(self) -> EndpointStore:
        """A client of the Oxigraph server's endpoint (one a request: a session is not shared
        between threads)."""
        return EndpointStore(EndpointConfig.from_url(f"http://127.0.0.1:{self.backend_port}/query", attempts=2))


def front_server(host: str, port: int, backend_port: int) -> FrontServer:
    """The front server, bound to ``host:port`` (not yet serving)."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    return FrontServer(host, port, backend_port, family)

