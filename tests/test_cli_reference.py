"""The README's CLI reference is generated from the commands' --help, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplokg.cli import cli
from diplokg.cli_reference import BEGIN, END, main, render

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_reference_is_what_the_commands_say():
    assert main(["--check", str(README)]) == 0


def test_every_command_and_option_is_in_the_reference():
    reference = render()
    for name, command in cli.commands.items():
        assert f"<code>diplokg {name} --help</code>" in reference
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in reference, (name, opt)


def test_a_stale_reference_fails_the_check_and_is_regenerated(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nbefore\n\n{BEGIN}\n| `diplokg load PATH...` | stale |\n{END}\n\nafter\n",
                      encoding="utf-8")
    assert main(["--check", str(readme)]) == 1
    assert "the CLI reference is stale" in capsys.readouterr().err
    assert main([str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"# Title\n\nbefore\n\n{BEGIN}\n| command |") and text.endswith(f"{END}\n\nafter\n")
    assert "--workers N" in text
    assert main(["--check", str(readme)]) == 0


@pytest.mark.parametrize("content", ["# no markers\n", f"{END}\n{BEGIN}\n"])
def test_a_file_without_the_markers_is_named(tmp_path, capsys, content):
    readme = tmp_path / "README.md"
    readme.write_text(content, encoding="utf-8")
    assert main(["--check", str(readme)]) == 2
    assert f"{readme}: no CLI reference markers" in capsys.readouterr().err
