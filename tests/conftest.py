"""Shared fixtures: archives with real JPEGs in tmp_path, the CLI run in-process, the example built once.

Helpers that tests import (`from conftest import ...`) live here too: item files with known line numbers,
the HTML tree a browser builds (html5lib runs the WHATWG parsing algorithm), and a byte snapshot of a built site.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import html5lib
import pytest
from click.testing import CliRunner, Result
from PIL import Image, ImageDraw

from albumen.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ichigo"

# Small widths keep the image work quick; an 800-wide original still gets three sizes.
DEFAULT_TOML = """\
title = "Test archive"
description = "An archive made by the tests."
rights = "Test rights."

[images]
widths = [200, 400, 800]
"""

# Images given as (width, height) are written under images/ as real JPEGs.
ImageSpec = tuple[int, int]

# A problem line as the contract says: `path:line: level: message` (line absent for whole-file problems).
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<level>error|warning): (?P<message>.+)$")


# -- archives ------------------------------------------------------------------------------------------------

def make_jpeg(path: Path, size: ImageSpec, *, seed: str | None = None, exif: Image.Exif | None = None,
              quality: int = 90) -> Path:
    """A deterministic JPEG: a solid colour from `seed` (default: the file name) with an ellipse and stripes."""
    width, height = size
    digest = hashlib.sha256((seed or path.name).encode()).digest()
    background = (digest[0], digest[1], digest[2])
    accent = (255 - digest[0], 255 - digest[1], 255 - digest[2])
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 8, height // 8, width * 5 // 8, height * 7 // 8), fill=accent)
    for x in range(0, width, max(4, width // 40)):
        draw.line((x, 0, width - x, height), fill=(digest[3], digest[4], digest[5]), width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"quality": quality}
    if exif is not None:
        options["exif"] = exif
    image.save(path, "JPEG", **options)
    return path


def item_md(caption: str = "A caption.", **meta: Any) -> str:
    """An item (or topic/page) file: '---', one `key: value` line per field in the order given, '---', body.

    The first field is on line 2, the n-th on line n+1; values are written as JSON (valid YAML flow),
    except `raw_` prefixed keys whose value is written as is (`raw_date="1944-23"` -> `date: 1944-23`).
    """
    lines = ["---"]
    for key, value in meta.items():
        if key.startswith("raw_"):
            lines.append(f"{key[4:]}: {value}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + caption + "\n"


PLACES_YAML = """\
- id: china
  name: China
  lat: 35.0
  lon: 103.0
- id: liuzhou
  name: Liuzhou
  other_names: [Liuchow]
  lat: 24.3264
  lon: 109.4281
  parent: china
"""


def base_files() -> dict[str, str | bytes | None]:
    """A small valid archive: two items in one topic, two places, an about page (images: BASE_IMAGES)."""
    return {
        "places.yaml": PLACES_YAML,
        "topics/journey.md": item_md("The journey south, told briefly.", title="The journey",
                                     date="1944", items=["second", "first"]),
        "items/first.md": item_md("The first photograph, by the river.", title="First photo",
                                  image="first.jpg", date="1944-21", places=["liuzhou"],
                                  subjects=["rivers"], topics=["journey"], creator="A. Person",
                                  alt="A river bank"),
        "items/second.md": item_md("The second photograph; see [the first](item:first).",
                                   title="Second photo", image="second.jpg", date="1944-23",
                                   places=["china"], subjects=["roads"], topics=["journey"]),
        "pages/about.md": item_md("About this test archive.", title="About"),
    }


BASE_IMAGES: dict[str, ImageSpec] = {"first.jpg": (640, 480), "second.jpg": (480, 640)}


@pytest.fixture
def make_archive(tmp_path: Path) -> Callable[..., Path]:
    """make_archive(files, images) -> a new archive folder in tmp_path.

    files: path inside the archive -> text (written as UTF-8, exactly) or bytes; None leaves a file out
    (e.g. {"albumen.toml": None}). albumen.toml defaults to DEFAULT_TOML.
    images: path inside images/ -> (width, height) of a real JPEG made with Pillow.
    """
    counter = itertools.count()

    def make(files: dict[str, str | bytes | None] | None = None,
             images: dict[str, ImageSpec] | None = None, *, name: str | None = None) -> Path:
        root = tmp_path / (name or f"archive{next(counter)}")
        root.mkdir(parents=True)
        for rel, content in {"albumen.toml": DEFAULT_TOML, **(files or {})}.items():
            if content is None:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        (root / "images").mkdir(exist_ok=True)
        for rel, size in (images or {}).items():
            make_jpeg(root / "images" / rel, size)
        return root

    return make


@pytest.fixture
def base_archive(make_archive: Callable[..., Path]) -> Path:
    return make_archive(base_files(), BASE_IMAGES)


def copy_example(dest: Path) -> Path:
    """The example archive without anything generated (_site/, .albumen/)."""
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    return dest


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of examples/ichigo that a test may change."""
    return copy_example(tmp_path / "ichigo")


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/ichigo built once for the session (read only!); returns the archive folder."""
    root = copy_example(tmp_path_factory.mktemp("built") / "ichigo")
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, f"building the example failed:\n{result.stderr}"
    assert (root / "_site" / "index.html").is_file()
    return root


# -- the command line ----------------------------------------------------------------------------------------

def run_cli(*args: object) -> Result:
    """Run `albumen ARGS...` in this process; stdout and stderr are kept apart (click >= 8.2).

    An exception that escapes the CLI (not SystemExit) is re-raised: the CLI must never leak one.
    """
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"albumen {' '.join(map(str, args))} raised {result.exception!r}\n"
                             f"stderr:\n{result.stderr}") from result.exception
    return result


@pytest.fixture
def run() -> Callable[..., Result]:
    return run_cli


def problem_lines(stderr: str) -> list[re.Match[str]]:
    """The `path:line: level: message` lines of an output (progress and other messages skipped)."""
    return [m for line in stderr.splitlines() if (m := PROBLEM_LINE.match(line))]


# -- HTML ----------------------------------------------------------------------------------------------------

@dataclass(eq=False)
class Node:
    """An element of the tree a browser builds: `tag` lower-case without namespace, `attrs` as written (an
    attribute without a value is ""), `children` elements and text strings in document order (comments left out)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if cls is not None and cls not in (node.attrs.get("class") or "").split():
                continue
            if any(node.attrs.get(k.rstrip("_").replace("_", "-")) != v for k, v in attrs.items()):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}{f' class={cls}' if cls else ''} {attrs}> in <{self.tag}>"
        return found[0]

    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)


def _local_name(name: str) -> str:
    """'{http://www.w3.org/2000/svg}svg' -> 'svg': SVG and MathML elements keep a namespace in html5lib's tree."""
    return name.rpartition("}")[2]


def _attribute_name(name: str) -> str:
    """'{http://www.w3.org/1999/xlink}href' -> 'xlink:href', the name as written in the page."""
    if not name.startswith("{"):
        return name
    namespace, _, local = name[1:].partition("}")
    prefix = html5lib.constants.prefixes.get(namespace)
    return f"{prefix}:{local}" if prefix else local


def _node_of(element: ElementTree.Element, parent: Node | None) -> Node:
    node = Node(_local_name(element.tag).lower(), {_attribute_name(k): v for k, v in element.attrib.items()},
                parent=parent)
    if element.text:
        node.children.append(element.text)
    for child in element:
        # A comment is an element whose tag is the Comment factory; its text is not the page's, its tail is.
        if child.tag is not ElementTree.Comment and child.tag is not ElementTree.ProcessingInstruction:
            node.children.append(_node_of(child, node))
        if child.tail:
            node.children.append(child.tail)
    return node


def parse_html(source: Path | str) -> Node:
    """The document tree a browser builds from an HTML file (or text): html5lib runs the WHATWG algorithm, so
    html, head, body and tbody are there even when implied, and a misnested tag lands where a browser puts it.
    The root is "#document", with the html element as its one child."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    html = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    root = Node("#document")
    root.children.append(_node_of(html, root))
    return root


def squash(text: str) -> str:
    """Whitespace runs to one space, ends stripped: how a browser shows text."""
    return " ".join(text.split())


def srcset_urls(srcset: str) -> list[tuple[str, str]]:
    """'a.jpg 400w, b.jpg 800w' -> [('a.jpg', '400w'), ('b.jpg', '800w')]."""
    pairs = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            pairs.append((parts[0], parts[1] if len(parts) > 1 else ""))
    return pairs


def resolve(site: Path, page: Path, url: str) -> Path:
    """The file a relative URL on `page` points at; a URL ending in '/' means that folder's index.html."""
    target = url.split("#", 1)[0].split("?", 1)[0]
    if not target:
        return page
    here = page.parent.relative_to(site).as_posix()
    rel = posixpath.normpath(posixpath.join(here, target))
    assert rel != ".." and not rel.startswith("../"), f"{url!r} on {page.relative_to(site)} leaves the site"
    path = site if rel == "." else site / rel
    if target.endswith("/") or target in (".", ".."):
        path = path / "index.html"
    return path


def page_of(site: Path, url: str) -> Node:
    """The parsed page at a site URL like 'items/x/'."""
    return parse_html(site / url / "index.html" if url.endswith("/") or not url else site / url)


# -- files ---------------------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` -> sha256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }
