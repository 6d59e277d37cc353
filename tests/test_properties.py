"""Property tests: whatever a person (or a broken copy, or a careless import) puts in an archive, albumen
answers with located problems, never with a traceback.

For random front matter, places and pages (a) and random or damaged image files (b), `albumen check` and
`albumen build` must exit 0 or 1 (never 3, the internal error), every line they print on stderr must be a
`path:line: level: message` problem about a file that exists in the archive, at a line inside that file,
and the build must still publish what is good.

hypothesis runs derandomized (the same examples on every run, in CI too) and with no example database.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import DEFAULT_TOML, PLACES_YAML, base_files, item_md, make_jpeg, run_cli

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: with a build per example it can take minutes. A failure prints the example as generated
    # (add Phase.shrink here to get a minimal one while debugging).
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)

# A problem line, with the notes `albumen check` prints too (suggestions read from captions).
LOCATED = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<level>error|warning|note): (?P<message>.+)$")
# The one line on stderr that is not a problem: a build stopped by errors says so, after them.
NOT_BUILT = re.compile(r"^not built: \d+ errors?, \d+ warnings?(, \d+ notes?)?; the previous _site/ is unchanged$")

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Tiny originals: the image work of a build is then a few milliseconds.
SMALL_IMAGES = {"first.jpg": (120, 80), "second.jpg": (80, 120)}


# -- archives ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base archive (two items, a topic, two places, a page) with tiny images, copied for each example."""
    root = tmp_path_factory.mktemp("template") / "archive"
    for rel, content in {"albumen.toml": DEFAULT_TOML, **base_files()}.items():
        assert isinstance(content, str)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    for name, size in SMALL_IMAGES.items():
        make_jpeg(root / "images" / name, size)
    return root


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("examples")


@contextmanager
def fresh_archive(template: Path, scratch: Path, files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        root = Path(folder) / "archive"
        shutil.copytree(template, root)
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)
        yield root


# -- what every command must do with any archive ---------------------------------------------------------------

def file_lines(path: Path) -> int:
    """How many lines an editor shows for the file (any of \\n, \\r\\n, \\r ends a line)."""
    data = path.read_bytes()
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def assert_located(root: Path, command: str) -> tuple[int, list[re.Match[str]]]:
    """Run `albumen COMMAND -q -C root`; the exit status, and the problems printed, all checked."""
    args = ["build", "-q", "--executor", "inline"] if command == "build" else [command, "-q"]
    result = run_cli(*args, "-C", root)  # an exception that escapes the CLI fails the test here
    where = f"albumen {command}: exit {result.exit_code}\nstderr:\n{result.stderr}"
    assert result.exit_code in (0, 1), where
    assert "Traceback" not in result.stderr + result.stdout, where
    assert "internal error" not in result.stderr, where
    # Bidi overrides and isolates would reorder the rest of a printed line: quoted text shows them escaped.
    assert not BIDI_CONTROLS.search(result.stderr), f"a bidi control character is printed raw\n{where}"
    found = []
    for line in result.stderr.splitlines():  # str.splitlines: U+2028, NEL, VT and FF end lines too
        if command == "build" and NOT_BUILT.match(line):
            continue
        match = LOCATED.match(line)
        assert match, f"not a located problem: {line!r}\n{where}"
        path = root / match["path"]
        assert match["path"] != "." and path.exists(), f"no such file in the archive: {line!r}\n{where}"
        if match["line"] is not None:
            assert path.is_file(), line
            assert 1 <= int(match["line"]) <= file_lines(path), f"line outside the file: {line!r}\n{where}"
        found.append(match)
    errors = [m for m in found if m["level"] == "error"]
    assert (result.exit_code == 1) == bool(errors), f"exit status and errors disagree\n{where}"
    return result.exit_code, found


def check_then_build(root: Path) -> tuple[int, int, list[re.Match[str]]]:
    check_status, _ = assert_located(root, "check")
    build_status, found = assert_located(root, "build")
    if check_status == 0:
        # check reads image headers only: an image that fails to decode is found by the build, which then
        # reports it and publishes the rest. Any other error after a clean check is a bug.
        not_images = [m.group(0) for m in found if m["level"] == "error" and not m["path"].startswith("images/")]
        assert not_images == [], "check found nothing wrong, but the build did"
        assert (root / "_site" / "index.html").is_file()
    return check_status, build_status, found


def refuse_constant(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")


# -- strategies: text --------------------------------------------------------------------------------------------

# Texts that have broken parsers before, or could: YAML syntax, Markdown links, HTML, paths, control
# characters, bidi marks, Unicode line separators, BOMs.
NASTY = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u200f", "\u200b", "\ufeff", "\ufffe",
    "\t", "\r", "\x0b", "\x0c", "\\", "\"", "'", ":", ": ", "- ", "? ", "#", "&a", "*a", "!!binary", "!!python/tuple",
    "!local", "%YAML 1.2", "{", "}", "[", "]", "|", ">", "---", "...", "~", "null", "yes", "no", "0x1F", "1e400",
    ".nan", "-.inf", "0o17", "2001-12-14t21:59:43.10-05:00", "1944-23", "1944?", "19XX", "[1944..1945]", "-0044",
    "item:first", "item:", "[a](item:first)", "[b](item:ghost)", "[c](topic:journey)", "[d](place:liuzhou)",
    "<item:first>", "<script>alert(1)</script>", "<!--", "]]>", "&amp;", "&#0;", "javascript:alert(1)",
    "..", "../albumen.toml", "/etc/passwd", "C:\\photo.jpg", "first.jpg", "images/first.jpg", "a/b/../c.jpg",
    "CON", "nul.jpg", "%2e%2e/x", "caf\u00e9", "cafe\u0301", "\u05e9\u05dc\u05d5\u05dd",
    "\u0627\u0644\u0635\u0648\u0631\u0629",
    "\U0001f4f7", "\U0001f3f3\ufe0f\u200d\U0001f308", "\u4e2d\u6587", "\ud7ff", "\U0010ffff", "Ⅻ", "ﬁ", "ß",
]
nasty = st.sampled_from(NASTY)
# Any character UTF-8 can hold (every code point but the surrogates), control characters and NUL included.
any_char_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=24)
long_line = st.builds(lambda part, n: (part or "x") * n, st.sampled_from(["x", "ab ", "\u00e9", "\U0001f4f7", "a:"]),
                      st.sampled_from([300, 2_000, 40_000]))
short_text = st.one_of(
    any_char_text,
    nasty,
    st.lists(st.one_of(nasty, any_char_text), min_size=2, max_size=6).map("".join),
)
text = st.one_of(short_text, long_line)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates(),  # yaml.safe_dump writes a date; albumen reads it back as the text written
    st.datetimes(),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(-9999, 99999), st.integers(0, 99)),
    st.builds(lambda y, s: f"{y}{s}", st.integers(0, 3000),
              st.sampled_from(["", "?", "~", "%", "X", "-XX", "/", ".."])),
    st.sampled_from(["1944-02-30", "1944-13", "1944-21/1945-24", "../1944", "1944/..", "{1944,1945}", "Y-170000002",
                     "Y170000002", "1944-00-00", "2004-06-11T24:00:00", "1985-04-12T23:20:30Z", "0000", "-0000",
                     "1944-23~", "%1944", "1944-10-05T", "unknown", "", " ", "19", "194", "1e3"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2**70, 2**70), st.floats(), text, dates,
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(text, st.integers()), children, max_size=4)),
    max_leaves=12,
)

ITEM_KEYS = ["title", "image", "date", "places", "subjects", "topics", "creator", "rights", "alt", "source",
             "redirect_from"]
TOPIC_KEYS = ["title", "date", "links", "items", "redirect_from"]
PLACE_KEYS = ["id", "name", "other_names", "lat", "lon", "parent"]
keys = st.one_of(st.sampled_from(ITEM_KEYS + TOPIC_KEYS + PLACE_KEYS), text)


def yaml_dump(data: Any, unicode: bool, flow: bool | None, width: int) -> str | None:
    try:
        return yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, width=width, sort_keys=False)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None


# Front matter that is valid YAML (of any shape, with values of any type)...
dumped_yaml = st.builds(
    yaml_dump,
    st.one_of(st.dictionaries(keys, values, max_size=8), values),
    st.booleans(), st.sampled_from([None, True, False]), st.sampled_from([20, 80, 10_000]),
).filter(lambda s: s is not None)

# ...and YAML-ish text: key, colon, value lines with random indentation and YAML syntax.
yamlish_line = st.builds(
    lambda indent, key, sep, value: f"{indent}{key}{sep}{value}",
    st.sampled_from(["", "", "", "  ", "    ", "\t", "- ", "  - ", " "]),
    keys,
    st.sampled_from([": ", ":", " : ", ": |\n  ", ": >-\n    ", ": [", ": {", ": \"", ": '", ": &x ", ": *x", "", " "]),
    st.one_of(text, dates.map(str), st.lists(text, max_size=3).map(lambda v: "[" + ", ".join(v) + "]")),
)
yamlish = st.lists(st.one_of(yamlish_line, text), max_size=10).map("\n".join)

# Bodies: Markdown with links between records, HTML, headings, code, and the nasty texts.
body_part = st.one_of(
    text,
    st.sampled_from(["\n", "\n\n", "# ", "## ", "> ", "* ", "1. ", "```\n", "    ", "| a | b |\n|---|---|\n",
                     "![an image](first.jpg)", "[x](item:first)", "[y](item:nowhere)", "[z](topic:journey)",
                     "[w](place:china)", "[v](javascript:alert(1))", "<https://example.org>", "<b>bold</b>",
                     "\\", "*", "_", "`", "[", "](", ")", "&#x2028;", "<!-- x -->"]),
)
bodies = st.lists(body_part, max_size=12).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A Markdown file with front matter of any kind: well formed or not, any line endings, maybe a BOM."""
    head = draw(st.one_of(dumped_yaml, yamlish))
    body = draw(bodies)
    shape = draw(st.sampled_from(["closed", "closed", "closed", "dots", "unclosed", "no front matter", "empty head"]))
    text_ = {
        "closed": f"---\n{head}\n---\n{body}\n",
        "dots": f"---\n{head}\n...\n{body}\n",
        "unclosed": f"---\n{head}\n{body}\n",
        "no front matter": f"{head}\n{body}\n",
        "empty head": f"---\n---\n{body}",
    }[shape]
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text_ = text_.replace("\n", newline)
    bom = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf"]))
    return bom + text_.encode("utf-8")


place_entries = st.lists(
    st.one_of(
        st.dictionaries(st.one_of(st.sampled_from(PLACE_KEYS), text), values, max_size=6),
        st.fixed_dictionaries({"id": st.one_of(st.sampled_from(["liuzhou", "china", "x", "Liuzhou"]), text),
                               "name": text},
                              optional={"lat": scalars, "lon": scalars, "parent": text,
                                        "other_names": st.lists(text, max_size=3)}),
        values,
    ),
    max_size=5,
)


@st.composite
def places_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["added to the good one", "dumped", "yamlish"]))
    if kind == "yamlish":
        text_ = draw(yamlish)
    else:
        dumped = yaml_dump(draw(place_entries), draw(st.booleans()), None, 80) or ""
        text_ = (PLACES_YAML + dumped) if kind == "added to the good one" and dumped.startswith("- ") else dumped
    return text_.replace("\n", draw(st.sampled_from(["\n", "\r\n"]))).encode("utf-8")


# -- (a) random front matter -------------------------------------------------------------------------------------

@SETTINGS
@given(item=documents(), topic=documents(), page=documents(), places=st.one_of(st.none(), places_files()))
@example(item=b"---\nsource: " + b"[" * 2000 + b"]" * 2000 + b"\nimage: first.jpg\n---\nDeeply nested.\n",
         topic=b"---\ntitle: T\n---\n", page=b"---\n---\n", places=None)
@example(item=item_md("A long name.", image="x" * 300 + ".jpg").encode(), topic=b"---\ntitle: T\n---\n",
         page=b"Page.\n", places=None)
@example(item=item_md("Separators.", image="first.jpg", places=["a\u2028b\x85c\u202ed"],
                      subjects="x\u2029y").encode(),
         topic=b"---\ntitle: T\n---\n", page=b"Page.\n", places=None)
@example(item=item_md("Long old path.", image="first.jpg", redirect_from=["old/" + "r" * 300 + ".html"]).encode(),
         topic=b"---\ntitle: T\n---\n", page=b"---\nredirect_from: [" + b"q" * 300 + b"]\n---\n",
         places=PLACES_YAML.encode() + b"- id: " + b"p" * 300 + b"\n  name: P\n  lat: 1\n  lon: 1\n")
def test_random_files_give_located_problems(template: Path, scratch: Path, item: bytes, topic: bytes, page: bytes,
                                            places: bytes | None) -> None:
    files = {"items/x.md": item, "topics/t.md": topic, "pages/p.md": page}
    if places is not None:
        files["places.yaml"] = places
    with fresh_archive(template, scratch, files) as root:
        check_status, build_status, _ = check_then_build(root)
        event(f"check exit {check_status}, build exit {build_status}")


# Values of the right shape but any content: these pass check more often, so the rest of the build
# (catalog, derivatives, pages, search index) meets them.
weird_item = st.fixed_dictionaries(
    {"image": st.sampled_from(["first.jpg", "second.jpg"])},
    optional={
        "title": text, "alt": text, "rights": text, "date": dates.map(str),
        # Long subject and creator names are left to test_long_subject_and_creator_names (a known bug).
        "creator": short_text, "subjects": st.lists(short_text, max_size=4),
        "places": st.lists(st.sampled_from(["liuzhou", "China", "Liuchow"])),
        "topics": st.just(["journey"]), "source": values, "redirect_from": st.lists(text, max_size=2),
    },
)
weird_topic = st.fixed_dictionaries(
    {"title": text},
    optional={"date": dates.map(str), "items": st.lists(st.sampled_from(["first", "second", "x"]), max_size=3),
              "links": st.lists(st.one_of(text, st.fixed_dictionaries({"title": text, "url": text})), max_size=3)},
)


@SETTINGS
@given(item=weird_item, item_body=bodies, topic=weird_topic, topic_body=bodies, page_title=text, page_body=bodies,
       place_name=text)
@example(item={"image": "first.jpg", "source": {"page": 5, 1944: "album", None: [1.5]}}, item_body="",
         topic={"title": "T"}, topic_body="", page_title="P", page_body="", place_name="Liuzhou")
@example(item={"image": "first.jpg", "source": {"scale": float("nan"), "size": float("inf")}}, item_body="",
         topic={"title": "T"}, topic_body="", page_title="P", page_body="", place_name="Liuzhou")
def test_any_text_in_the_right_fields_builds(template: Path, scratch: Path, item: dict[str, Any], item_body: str,
                                            topic: dict[str, Any], topic_body: str, page_title: str, page_body: str,
                                            place_name: str) -> None:
    places = [{"id": "china", "name": "China", "lat": 35.0, "lon": 103.0},
              {"id": "liuzhou", "name": place_name, "other_names": ["Liuchow"], "lat": 24.3, "lon": 109.4,
               "parent": "china"}]
    files = {
        "items/x.md": ("---\n" + yaml.safe_dump(item, allow_unicode=True) + "---\n" + item_body + "\n").encode(),
        "topics/t.md": ("---\n" + yaml.safe_dump(topic, allow_unicode=True) + "---\n" + topic_body + "\n").encode(),
        "pages/p.md": ("---\n" + yaml.safe_dump({"title": page_title}, allow_unicode=True) + "---\n" + page_body
                       + "\n").encode(),
        "places.yaml": yaml.safe_dump(places, allow_unicode=True).encode(),
    }
    with fresh_archive(template, scratch, files) as root:
        check_status, build_status, _ = check_then_build(root)
        event(f"check exit {check_status}, build exit {build_status}")
        if check_status == 0:
            # `albumen export json` is for scripts: strict JSON (no NaN or Infinity), whatever was written.
            exported = run_cli("export", "json", "-C", root)
            assert exported.exit_code == 0, exported.stderr
            json.loads(exported.stdout, parse_constant=refuse_constant)
        if build_status == 0:
            for item_id in ("first", "second", "x"):
                assert (root / "_site" / "items" / item_id / "index.html").is_file(), item_id


@pytest.mark.parametrize("field", ["subjects", "creator"])
def test_long_subject_and_creator_names(template: Path, scratch: Path, field: str) -> None:
    name = "\u00e9" * 200  # 400 bytes of UTF-8: one folder name under subjects/ or creators/
    item = {"image": "first.jpg", field: [name] if field == "subjects" else name}
    files = {"items/x.md": ("---\n" + yaml.safe_dump(item, allow_unicode=True) + "---\nLong.\n").encode()}
    with fresh_archive(template, scratch, files) as root:
        assert check_then_build(root)[:2] == (0, 0)


# -- (b) random and damaged images --------------------------------------------------------------------------------

def encoded(format: str, mode: str = "RGB", size: tuple[int, int] = (48, 32), **options: Any) -> bytes:
    image = Image.new(mode, size)
    for x in range(size[0]):  # something to compress: a diagonal gradient
        for y in range(size[1]):
            value = (x * 5 + y * 3) % 256
            image.putpixel((x, y), value if mode in ("L", "P", "I;16") else (value,) * len(mode))
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


REAL_IMAGES = {
    "jpeg": encoded("JPEG"),
    "progressive jpeg": encoded("JPEG", progressive=True),
    "cmyk jpeg": encoded("JPEG", mode="CMYK"),
    "grey png": encoded("PNG", mode="L"),
    "rgba png": encoded("PNG", mode="RGBA"),
    "palette png": encoded("PNG", mode="P"),
    "16-bit png": encoded("PNG", mode="I;16"),
    "tiff": encoded("TIFF"),
    "lzw tiff": encoded("TIFF", compression="tiff_lzw"),
    "webp": encoded("WEBP"),
    "gif": encoded("GIF", mode="P"),
    "bmp": encoded("BMP"),
}
EXTENSIONS = [".jpg", ".jpeg", ".JPG", ".png", ".tif", ".tiff", ".webp", ".gif", ".bmp", ".heic", ".txt", ".md", ""]


@st.composite
def image_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["random", "prefix", "prefix", "flipped", "appended", "real"]))
    if kind == "random":
        return draw(st.binary(max_size=3000))
    real = REAL_IMAGES[draw(st.sampled_from(sorted(REAL_IMAGES)))]
    if kind == "prefix":
        return real[: draw(st.integers(0, len(real) - 1))]
    if kind == "flipped":
        data = bytearray(real)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "appended":
        return real + draw(st.binary(min_size=1, max_size=200))
    return real


@SETTINGS
@given(images=st.lists(st.tuples(image_files(), st.sampled_from(EXTENSIONS)), min_size=1, max_size=3))
@example(images=[(REAL_IMAGES["jpeg"][:200], ".jpg")])
@example(images=[(REAL_IMAGES["rgba png"], ".jpg"), (REAL_IMAGES["jpeg"], ".png"), (b"", ".tif")])
def test_damaged_images_are_reported_and_the_rest_is_published(template: Path, scratch: Path,
                                                                images: list[tuple[bytes, str]]) -> None:
    files = {}
    for n, (data, extension) in enumerate(images):
        files[f"images/bad{n}{extension}"] = data
        files[f"items/bad{n}.md"] = item_md(f"Photo {n}.", title=f"Bad {n}", image=f"bad{n}{extension}",
                                            topics=["journey"]).encode()
    with fresh_archive(template, scratch, files) as root:
        check_status, build_status, found = check_then_build(root)
        event(f"check exit {check_status}, build exit {build_status}")
        site = root / "_site"
        # Image problems never stop the build: the good photographs are published, with their images.
        assert (site / "index.html").is_file()
        for item_id in ("first", "second"):
            assert (site / "items" / item_id / "index.html").is_file()
            assert list((site / "media" / item_id).glob("w*.jpg")), item_id
        for n, (_, extension) in enumerate(images):
            image_problems = [m for m in found if m["path"] == f"images/bad{n}{extension}"]
            page = site / "items" / f"bad{n}" / "index.html"
            if image_problems:
                # The problem names the item that uses the image, so a person knows which one to fix.
                assert all(f"items/bad{n}.md" in m["message"] for m in image_problems)
            else:
                # An image nobody complained about is on the site, at every size the page asks for.
                assert page.is_file()
                assert list((site / "media" / f"bad{n}").glob("w*.jpg"))
