"""`albumen check`: every problem of a broken archive, each as `path:line: level: message`, in one run.

Each case below breaks a valid archive in one way and names the lines it must cause. A case is run alone
(exactly its problems, nothing else) and all cases together (every problem reported, not just the first).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import (
    BASE_IMAGES,
    PLACES_YAML,
    base_files,
    item_md,
    make_jpeg,
    problem_lines,
)

FILE = "whole file"  # a problem about a whole file: printed with no line, or line 1


@dataclass(frozen=True)
class Expect:
    path: str  # a regular expression for the path
    line: int | str | None  # the exact line, or FILE
    level: str
    fragments: tuple[str, ...]  # texts the message must contain

    def matches(self, match: re.Match[str]) -> bool:
        if not re.fullmatch(self.path, match["path"]) or match["level"] != self.level:
            return False
        line = match["line"]
        if self.line == FILE:
            if line not in (None, "1"):
                return False
        elif line != (None if self.line is None else str(self.line)):
            return False
        return all(f in match["message"] for f in self.fragments)


def error(path: str, line: int | str | None, *fragments: str) -> Expect:
    return Expect(path, line, "error", fragments)


def warning(path: str, line: int | str | None, *fragments: str) -> Expect:
    return Expect(path, line, "warning", fragments)


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def append(root: Path, rel: str, text: str) -> int:
    """Add lines to the end of a file; returns the line number of the first line added."""
    path = root / rel
    old = path.read_text(encoding="utf-8")
    assert old.endswith("\n")
    path.write_text(old + text, encoding="utf-8")
    return len(old.splitlines()) + 1


# -- the cases: each breaks the archive at `root` and returns what must be reported ------------------------

def yaml_syntax_error(root: Path) -> list[Expect]:
    write(root, "items/yaml-error.md", '---\ntitle: "A YAML error"\nimage: first.jpg\nalt: a: b\n---\nCaption.\n')
    return [error(r"items/yaml-error\.md", 4, "YAML")]


def unknown_place(root: Path) -> list[Expect]:
    write(root, "items/bad-place.md", item_md("Caption.", title="Bad place", image="first.jpg",
                                              date="1944", places=["liuzhou", "atlantis"]))
    return [error(r"items/bad-place\.md", 5, "unknown place 'atlantis'")]


def unknown_item_link_in_caption(root: Path) -> list[Expect]:
    write(root, "items/bad-link.md", item_md(
        "The first line of the caption.\nThe second line links [there](item:nowhere).\nA third line.",
        title="Bad link", image="first.jpg"))
    # ---, title, image, --- are lines 1-4: the caption's second line is line 6.
    return [error(r"items/bad-link\.md", 6, "nowhere")]


def unknown_topic(root: Path) -> list[Expect]:
    write(root, "items/bad-topic.md", item_md("Caption.", title="Bad topic", image="first.jpg",
                                              topics=["jurney"]))
    return [error(r"items/bad-topic\.md", 4, "unknown topic 'jurney'", "did you mean 'journey'")]


def unknown_item_in_topic(root: Path) -> list[Expect]:
    write(root, "topics/other.md", item_md("Another topic.", title="Other", items=["first", "nope"]))
    return [error(r"topics/other\.md", 3, "'nope'")]


def duplicate_ids_by_case(root: Path) -> list[Expect]:
    write(root, "items/Bridge.md", item_md("One bridge.", title="Bridge", image="first.jpg"))
    write(root, "items/bridge.md", item_md("Another bridge.", title="bridge", image="second.jpg"))
    return [error(r"items/(Bridge|bridge)\.md", FILE, "duplicate id")]


def missing_image(root: Path) -> list[Expect]:
    write(root, "items/no-image.md", item_md("Caption.", title="Missing image", image="frist.jpg"))
    return [error(r"items/no-image\.md", 3, "images/frist.jpg", "did you mean 'first.jpg'")]


def image_path_with_dotdot(root: Path) -> list[Expect]:
    write(root, "items/dotdot.md", item_md("Caption.", title="Dot dot", image="../albumen.toml"))
    return [error(r"items/dotdot\.md", 3, "images/")]


def image_path_absolute(root: Path) -> list[Expect]:
    write(root, "items/absolute.md", item_md("Caption.", title="Absolute", image=str(root / "images/first.jpg")))
    return [error(r"items/absolute\.md", 3, "images/")]


def image_symlink_outside(root: Path) -> list[Expect]:
    outside = make_jpeg(root.parent / f"{root.name}-outside" / "secret.jpg", (64, 48))
    (root / "images" / "linked.jpg").symlink_to(outside)
    write(root, "items/linked.md", item_md("Caption.", title="Linked", image="linked.jpg"))
    return [error(r"items/linked\.md", 3, "outside images/")]


def not_an_image(root: Path) -> list[Expect]:
    write(root, "images/noise.jpg", random.Random(3).randbytes(5000))
    write(root, "items/noise.md", item_md("Caption.", title="Noise", image="noise.jpg"))
    return [error(r"images/noise\.jpg", FILE, "items/noise.md")]


def invalid_edtf(root: Path) -> list[Expect]:
    write(root, "items/bad-date.md", item_md("Caption.", title="Bad date", image="first.jpg",
                                             date="autumn 1944"))
    return [error(r"items/bad-date\.md", 4, "autumn 1944", "EDTF")]


def unknown_field(root: Path) -> list[Expect]:
    write(root, "items/typo.md", item_md("Caption.", titel="Typo", image="first.jpg"))
    return [warning(r"items/typo\.md", 2, "titel", "did you mean 'title'")]


def cyclic_place_parents(root: Path) -> list[Expect]:
    first = append(root, "places.yaml", "- id: loop-a\n  name: Loop A\n  parent: loop-b\n"
                                        "- id: loop-b\n  name: Loop B\n  parent: loop-a\n")
    return [error(r"places\.yaml", first, "loop-a"), error(r"places\.yaml", first + 3, "loop-b")]


def place_latitude_out_of_range(root: Path) -> list[Expect]:
    first = append(root, "places.yaml", "- id: far-north\n  name: Far North\n  lat: 95.5\n  lon: 10\n")
    return [error(r"places\.yaml", first + 2, "'lat'")]


def place_with_unknown_parent(root: Path) -> list[Expect]:
    first = append(root, "places.yaml", "- id: orphan\n  name: Orphan\n  parent: guangxii\n")
    return [error(r"places\.yaml", first, "orphan", "guangxii")]


def front_matter_not_fields(root: Path) -> list[Expect]:
    write(root, "items/a-list.md", "---\n- just\n- a list\n---\nCaption.\n")
    return [error(r"items/a-list\.md", 2, "field")]


def field_of_the_wrong_kind(root: Path) -> list[Expect]:
    write(root, "items/wrong-kinds.md", item_md("Caption.", image="first.jpg", title=["a", "list"],
                                                subjects={"not": "a list"}))
    return [error(r"items/wrong-kinds\.md", 3, "'title'"), error(r"items/wrong-kinds\.md", 4, "'subjects'")]


def not_utf8(root: Path) -> list[Expect]:
    write(root, "items/latin1.md", b'---\ntitle: "Latin-1"\nalt: "caf\xe9"\nimage: first.jpg\n---\nCaption.\n')
    return [error(r"items/latin1\.md", 3, "UTF-8")]


def empty_file(root: Path) -> list[Expect]:
    write(root, "items/empty.md", b"")
    return [error(r"items/empty\.md", FILE, "empty")]


def no_closing_dashes(root: Path) -> list[Expect]:
    write(root, "items/unclosed.md", '---\ntitle: "Unclosed"\nimage: first.jpg\nThe caption.\n')
    return [error(r"items/unclosed\.md", 1, "---")]


def space_in_file_name(root: Path) -> list[Expect]:
    write(root, "items/my photo.md", item_md("Caption.", title="Spaced", image="first.jpg"))
    return [error(r"items/my photo\.md", FILE, "my-photo")]


def missing_required_image(root: Path) -> list[Expect]:
    write(root, "items/imageless.md", item_md("Caption.", title="No image field"))
    return [error(r"items/imageless\.md", FILE, "'image'")]


def page_named_like_the_site_own_pages(root: Path) -> list[Expect]:
    # pages/decades.md once replaced the Decades index without a word
    for name in ("decades", "creators", "map"):
        write(root, f"pages/{name}.md", f"---\ntitle: My {name}\n---\nText.\n")
    return [error(rf"pages/{name}\.md", FILE, f"'{name}'", "rename") for name in ("decades", "creators", "map")]


CASES: list[Callable[[Path], list[Expect]]] = [
    yaml_syntax_error, unknown_place, unknown_item_link_in_caption, unknown_topic, unknown_item_in_topic,
    duplicate_ids_by_case, missing_image, image_path_with_dotdot, image_path_absolute, image_symlink_outside,
    not_an_image, invalid_edtf, unknown_field, cyclic_place_parents, not_utf8, empty_file, no_closing_dashes,
    space_in_file_name, missing_required_image, place_latitude_out_of_range, place_with_unknown_parent,
    front_matter_not_fields, field_of_the_wrong_kind, page_named_like_the_site_own_pages,
]


def assert_no_traceback(result: object) -> None:
    for stream in (result.stdout, result.stderr):  # type: ignore[attr-defined]
        assert "Traceback" not in stream
        assert "internal error" not in stream


def summary_counts(stdout: str) -> tuple[int, int]:
    match = re.search(r"(\d+) errors?, (\d+) warnings?\s*$", stdout)
    assert match, f"no summary line on stdout: {stdout!r}"
    return int(match[1]), int(match[2])


def check_archive(run: Callable[..., object], root: Path) -> tuple[object, list[re.Match[str]]]:
    result = run("check", "-C", root)
    assert_no_traceback(result)
    return result, problem_lines(result.stderr)  # type: ignore[attr-defined]


def unmatched(expected: list[Expect], found: list[re.Match[str]]) -> list[Expect]:
    return [e for e in expected if not any(e.matches(m) for m in found)]


# -- tests -----------------------------------------------------------------------------------------------------

def test_clean_archive_exits_0_with_summary(run, base_archive):
    result, found = check_archive(run, base_archive)
    assert result.exit_code == 0, result.stderr
    assert found == []
    assert summary_counts(result.stdout) == (0, 0)
    assert "2 items" in result.stdout and "1 topic" in result.stdout


def test_the_example_archive_is_clean(run, example_copy):
    result, found = check_archive(run, example_copy)
    assert result.exit_code == 0, result.stderr
    assert [m.group(0) for m in found] == []
    assert "10 items" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_each_problem_alone(run, make_archive, case):
    root = make_archive(base_files(), BASE_IMAGES)
    expected = case(root)
    result, found = check_archive(run, root)
    assert not unmatched(expected, found), "\n".join(["expected:", *map(repr, expected), "got:", result.stderr])
    # Nothing else is reported: each printed problem is one that the case called for.
    extra = [m.group(0) for m in found if not any(e.matches(m) for e in expected)]
    assert extra == [], result.stderr
    errors = sum(e.level == "error" for e in expected)
    assert result.exit_code == (1 if errors else 0)
    assert summary_counts(result.stdout) == (errors, len(expected) - errors)


def test_every_problem_reported_in_one_run(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    expected = [e for case in CASES for e in case(root)]
    result, found = check_archive(run, root)
    assert result.exit_code == 1
    missing = unmatched(expected, found)
    assert not missing, "\n".join(["not reported:", *map(repr, missing), "got:", result.stderr])
    errors = [m for m in found if m["level"] == "error"]
    warnings = [m for m in found if m["level"] == "warning"]
    assert len(errors) == sum(e.level == "error" for e in expected), result.stderr
    assert summary_counts(result.stdout) == (len(errors), len(warnings))
    # Problems go to stderr, and only the summary to stdout.
    assert problem_lines(result.stdout) == []


def test_every_stderr_line_is_a_located_problem(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    for case in CASES:
        case(root)
    result = run("check", "-q", "-C", root)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "no problems printed"
    bad = [line for line in lines if not problem_lines(line)]
    assert bad == [], "lines that are not `path:line: level: message`"


def test_caption_after_a_blank_line_reports_the_right_line(run, make_archive):
    """A blank line between the front matter and the caption is common; the line must still be right."""
    files = base_files()
    files["items/spaced.md"] = '---\ntitle: "Spaced"\nimage: first.jpg\n---\n\nSee [this](item:nowhere).\n'
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert [(m["path"], m["line"]) for m in found] == [("items/spaced.md", "6")], result.stderr


def test_unclosed_quote_reports_the_line_it_opens_on(run, make_archive):
    """PyYAML finds the end of the text first; the line to fix is where the quote was opened."""
    files = base_files()
    files["items/quote.md"] = '---\ntitle: "An unclosed quote\nimage: first.jpg\nalt: fine\n---\nCaption.\n'
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert [(m["path"], m["line"], m["level"]) for m in found] == [("items/quote.md", "2", "error")], result.stderr


def test_topic_narrative_link_line(run, make_archive):
    files = base_files()
    files["topics/story.md"] = item_md("Para one.\n\nPara two with [a link](item:ghost).", title="Story")
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert [(m["path"], m["line"], m["level"]) for m in found] == [("topics/story.md", "6", "error")]
    assert "ghost" in found[0]["message"]


def test_two_identical_problems_are_counted_as_printed(run, make_archive):
    """The summary's count agrees with the problems printed (two bad links on one line)."""
    files = base_files()
    files["items/twice.md"] = item_md("See [a](item:gone) and [b](item:gone).", title="Twice", image="first.jpg")
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    assert summary_counts(result.stdout)[0] == len([m for m in found if m["level"] == "error"])


def test_yaml_error_in_places_has_its_line(run, make_archive):
    files = base_files()
    files["places.yaml"] = PLACES_YAML + "- id: broken\n  name: [unclosed\n  lat: 1\n"
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    lines = [(m["path"], m["level"]) for m in found]
    assert ("places.yaml", "error") in lines
    place_error = next(m for m in found if m["path"] == "places.yaml")
    # The flow list opened on line 12 is never closed: the error is on line 12 or the lines after it.
    assert place_error["line"] is not None and int(place_error["line"]) >= 12


def test_invalid_toml_has_its_line(run, make_archive):
    files = base_files()
    files["albumen.toml"] = 'title = "ok"\ndescription = \n'
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    assert [(m["path"], m["line"], m["level"]) for m in found] == [("albumen.toml", "2", "error")]


def test_warnings_only_exit_0_and_strict_exits_1(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    unknown_field(root)
    assert run("check", "-C", root).exit_code == 0
    strict = run("check", "--strict", "-C", root)
    assert strict.exit_code == 1
    assert [m["level"] for m in problem_lines(strict.stderr)] == ["warning"]


def test_check_writes_nothing(run, base_archive):
    before = sorted(p.relative_to(base_archive) for p in base_archive.rglob("*"))
    assert run("check", "-C", base_archive).exit_code == 0
    assert sorted(p.relative_to(base_archive) for p in base_archive.rglob("*")) == before


def test_hidden_files_are_not_records(run, make_archive):
    """Dot files (macOS '._x.md' resource forks, editor files) are not items; they are skipped quietly."""
    files = base_files()
    files["items/._first.md"] = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "
    files["items/.draft.md"] = item_md("Not ready.", title="Draft")
    files["images/.DS_Store"] = b"\x00\x00\x00\x01Bud1"
    result, found = check_archive(run, make_archive(files, BASE_IMAGES))
    assert [m.group(0) for m in found] == []
    assert result.exit_code == 0


def test_folder_without_albumen_toml_is_an_archive_error(run, make_archive):
    root = make_archive({"albumen.toml": None})
    result, found = check_archive(run, root)
    assert result.exit_code == 1
    assert [(m["path"], m["level"]) for m in found] == [("albumen.toml", "error")]


@pytest.mark.parametrize("args", [
    ["check", "--no-such-option"],
    ["check", "-C", "{tmp}/does-not-exist"],
    ["check", "-C", "{tmp}/a-file.txt"],
    ["frobnicate"],
    ["build", "--executor", "warp-drive", "-C", "{tmp}/archive"],
    ["export", "yaml"],
], ids=["unknown-option", "missing-dir", "file-not-dir", "unknown-command", "bad-executor", "bad-export"])
def test_wrong_usage_exits_2(run, make_archive, tmp_path, args):
    make_archive(base_files(), BASE_IMAGES, name="archive")
    (tmp_path / "a-file.txt").write_text("not a folder")
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)
    assert result.stderr.strip(), "a usage error says what is wrong"


def test_a_problem_on_line_100_keeps_its_line_number(run, make_archive):
    # rich turns ':100:' and ':1234:' into emoji unless told not to (found by tests/test_properties.py).
    padding = "".join(f"# line {n}\n" for n in range(2, 99))
    files = base_files()
    files["items/first.md"] = "---\n" + padding + "image: first.jpg\nplaces: [nowhere]\n---\nA caption.\n"
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert "items/first.md:100: error: unknown place 'nowhere'" in result.stderr, result.stderr


def test_every_folder_the_site_writes_at_its_top_is_a_reserved_page_name(built_example):
    # A page's id is a folder at the site's top: a name the site uses for its own pages must be refused.
    from albumen.stages.check import RESERVED_PAGE_IDS

    own_pages = {path.stem for path in (built_example / "pages").glob("*.md")}
    folders = {path.name for path in (built_example / "_site").iterdir() if path.is_dir()}
    assert folders - own_pages <= RESERVED_PAGE_IDS
