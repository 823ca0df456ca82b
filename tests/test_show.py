"""diplokg show: pictures of an article and of an entity's neighbourhood, drawn by Graphviz."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from diplokg.cli import cli

from .samples import ARTICLE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture()
def store(write, tmp_path):
    store = tmp_path / "kg"
    result = CliRunner().invoke(cli, ["load", str(write("vienna-meeting.txt", ARTICLE)), "--store", str(store)])
    assert result.exit_code == 0
    return store


def texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_an_article_as_svg(store, tmp_path):
    out = tmp_path / "article.svg"
    result = CliRunner().invoke(cli, ["show", "vienna-meeting", "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    svg = ET.parse(out).getroot()
    labels = texts(svg)
    for wanted in ("Antony Blinken", "Secretary General of NATO", "NATO", "holds office", "office of"):
        assert wanted in labels
    # classes are told apart: a person is an ellipse, an office a note (a polygon), NATO a hexagon
    shapes = {g.findtext(f"{SVG}title", ""): g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"}
    assert len(shapes) >= 5
    assert any(next(node.iter(f"{SVG}ellipse"), None) is not None for node in shapes.values())
    assert any(next(node.iter(f"{SVG}polygon"), None) is not None for node in shapes.values())
    fills = {p.get("fill") for p in svg.iter() if p.get("fill", "").startswith("#")}
    assert {"#fde2c8", "#fff2cc", "#b6d7a8"} <= fills


def test_an_entity_neighbourhood_as_html(store, tmp_path):
    out = tmp_path / "nato.html"
    result = CliRunner().invoke(cli, ["show", "NATO", "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<h1>NATO</h1>" in page and "<svg" in page
    assert "Secretary General of NATO" in page and "alliance</li>" in page
    assert "Antony Blinken" not in page  # one step out from NATO only


@pytest.mark.parametrize(("target", "out", "fragment"), [
    ("Nobody Atall", "x.svg", "no entity with that name"),
    ("NATO", "x.png", "as .svg or .html"),
])
def test_mistakes(store, tmp_path, target, out, fragment):
    result = CliRunner().invoke(cli, ["show", target, "--out", str(tmp_path / out), "--store", str(store)])
    assert result.exit_code == 2 and fragment in result.stderr
