"""The tests' HTML tree is the one a browser builds: each case here was built differently by html.parser, which only
nests tags as they come and knows no implied or misnested ones."""

from __future__ import annotations

from pathlib import Path

from conftest import Node, parse_html


def path_of(node: Node) -> str:
    """'html > body > p': the tags from the document down to `node`."""
    tags = []
    current: Node | None = node
    while current is not None and current.tag != "#document":
        tags.append(current.tag)
        current = current.parent
    return " > ".join(reversed(tags))


def test_the_document_holds_html_head_and_body_even_when_implied() -> None:
    document = parse_html("<title>t</title><p>one")
    assert document.tag == "#document"
    assert [child.tag for child in document.children if isinstance(child, Node)] == ["html"]
    assert path_of(document.find("title")) == "html > head > title"
    assert path_of(document.find("p")) == "html > body > p"


def test_a_div_closes_the_open_paragraph() -> None:
    # html.parser put the div inside the p; a p cannot hold a div, so a browser closes the p first.
    document = parse_html("<p>one<div>two</div>")
    assert path_of(document.find("div")) == "html > body > div"
    assert document.find("p").text() == "one"


def test_a_table_row_goes_into_an_implied_tbody() -> None:
    document = parse_html("<table><tr><td>x")
    assert path_of(document.find("td")) == "html > body > table > tbody > tr > td"


def test_an_unclosed_list_item_is_closed_by_the_next() -> None:
    # html.parser nested each unclosed li inside the one before.
    document = parse_html("<ul><li>one<li>two<li>three</ul>")
    items = document.find_all("li")
    assert [item.text() for item in items] == ["one", "two", "three"]
    assert all(item.parent is document.find("ul") for item in items)


def test_a_link_inside_a_link_closes_the_first() -> None:
    document = parse_html('<a href="a.html">one <a href="b.html">two</a></a>')
    first, second = document.find_all("a")
    assert first.text() == "one " and second.text() == "two"
    assert second.parent is not first and second.parent is not None and second.parent.tag == "body"


def test_a_paragraph_end_tag_without_a_start_makes_an_empty_paragraph() -> None:
    # A browser shows a stray </p> as an empty paragraph; html.parser dropped it.
    document = parse_html("<div>text</p></div>")
    assert [p.text() for p in document.find_all("p")] == [""]


def test_svg_and_attributes_read_as_written(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><input hidden><!-- a note --><svg viewBox="0 0 1 1"><use xlink:href="#s"/></svg>'
                    "<p>caf&eacute; <!-- left out -->Müller", encoding="utf-8")
    document = parse_html(page)
    assert document.find("input").get("hidden") == ""
    assert document.find("svg").get("viewBox") == "0 0 1 1"
    assert document.find("use").get("xlink:href") == "#s"
    assert document.find("p").text() == "café Müller"
