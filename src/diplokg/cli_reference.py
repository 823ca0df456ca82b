"""The README's CLI reference, generated from the commands' own ``--help`` (as sqlite-utils does
with cog), so that it cannot drift from the commands::

    python -m diplokg.cli_reference README.md           # rewrite the reference in place
    python -m diplokg.cli_reference --check README.md   # exit 1 if it is stale (make lint)

The reference is what lies between the two marker lines :data:`BEGIN` and :data:`END`; the rest
of the file is left as it is.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .cli import cli
from .errors import InputError

BEGIN = "<!-- cli-reference: generated from each command's --help by `python -m diplokg.cli_reference`; " \
        "do not edit by hand -->"
END = "<!-- /cli-reference -->"
WIDTH = 100
"""The width --help is wrapped at here, whatever the terminal."""


def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    settings = dict(command.context_settings) if parent is None else {}
    return click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH,
                         **settings)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a pipe escaped, on one line."""
    return " ".join(text.split()).replace("|", "\\|")


def _synopsis(command: click.Command, ctx: click.Context) -> str:
    """``diplokg NAME ARG... [--option VALUE] ...``: every argument and option, from the command's
    own parameters."""
    parts = [ctx.command_path]
    help_names = set(ctx.help_option_names)
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(ctx))
            continue
        if not isinstance(param, click.Option) or help_names & set(param.opts):
            continue
        name = max(param.opts, key=len)  # the long form
        if param.is_flag:
            part = name
        else:
            metavar = param.metavar or param.make_metavar(ctx).strip("[]")
            part = f"{name} {'N' if metavar == 'INTEGER RANGE' else metavar}"
        parts.append(part if param.required else f"[{part}]" + ("..." if param.multiple else ""))
    return " ".join(parts)


def _summary(command: click.Command) -> str:
    """The first paragraph of the command's help."""
    return inspect.cleandoc(command.help or "").split("\n\n", 1)[0]


def render() -> str:
    """The reference: a table of the commands, the global options, and each command's ``--help``."""
    root = _context(cli, "diplokg")
    lines = ["| command | what it does |", "|---|---|"]
    helps = []
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is None:
            continue
        ctx = _context(command, name, root)
        lines.append(f"| `{_cell(_synopsis(command, ctx))}` | {_cell(_summary(command))} |")
        helps.append(f"<details><summary><code>diplokg {name} --help</code></summary>\n\n```text\n"
                     f"{command.get_help(ctx)}\n```\n\n</details>")
    options = []
    for param in cli.get_params(root):
        if isinstance(param, click.Option):
            names = "/".join(param.opts) + (f" {param.metavar}" if param.metavar else "")
            options.append(f"`{names}` ({(param.help or '').rstrip('.')})")
    return "\n".join([
        *lines, "",
        "Global options, before the command: " + "; ".join(options) + ".", "",
        *helps,
    ])


def refreshed(text: str, where: str = "README.md") -> str:
    """``text`` with the reference between the markers made anew."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise InputError(f"{where}: no CLI reference markers; put the lines {BEGIN} and {END} "
                         f"where the reference goes")
    return text[:start + len(BEGIN)] + "\n" + render() + "\n" + text[end:]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the reference in the file, or with ``--check`` say whether it is up to date."""
    parser = argparse.ArgumentParser(prog="python -m diplokg.cli_reference", description=__doc__.split("\n\n")[0])
    parser.add_argument("readme", nargs="?", default="README.md", type=Path, help="the file (default README.md)")
    parser.add_argument("--check", action="store_true", help="do not write: exit 1 if the reference is stale")
    args = parser.parse_args(argv)
    try:
        text = args.readme.read_text(encoding="utf-8")
        new = refreshed(text, str(args.readme))
    except OSError as err:
        print(f"Error: {args.readme}: cannot read ({err.strerror})", file=sys.stderr)
        return 2
    except InputError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    if args.check:
        if new != text:
            print(f"{args.readme}: the CLI reference is stale (a command's --help changed); "
                  f"regenerate it with 'python -m diplokg.cli_reference {args.readme}'", file=sys.stderr)
            return 1
        return 0
    if new != text:
        args.readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
