"""Issue 15, sections 4 and 5: output that parses everywhere, and hostile or broken input.

Each test is a finding of a red-team pass: it failed before the fix that goes with it. Inputs that used to
hang (FIFOs) run the command in a child process with a time limit, so a regression fails instead of hanging.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import BASE_IMAGES, PLACES_YAML, base_files, item_md, problem_lines

LOCATED = r"^[^:\n]+(:\d+)?: (error|warning|note): .+$"


def run_child(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`albumen ARGS` in a child process: a hang becomes a TimeoutExpired, not a stuck test run."""
    return subprocess.run([sys.executable, "-m", "albumen", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, errors="backslashreplace")


def assert_located_only(stderr: str) -> None:
    """No traceback, no internal error: every line of stderr is a located problem (or the summary)."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for line in stderr.splitlines():
        assert problem_lines(line) or line.startswith(("checked ", "not built", "error: ")), line


# -- settings ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["../../images/x", "en/../../x", "en us", "x" * 40, "e", "en_US", ""])
def test_a_language_that_is_no_bcp47_tag_is_refused(run, make_archive, language):
    root = make_archive({**base_files(), "albumen.toml": f'title = "T"\nlanguage = {json.dumps(language)}\n'},
                        BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "albumen.toml" and "language" in m["message"] and "BCP 47" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr
    assert not (root / "_site").exists()
    assert sorted(p.name for p in (root / "images").iterdir()) == ["first.jpg", "second.jpg"]
    assert not (root.parent / "x").exists()


@pytest.mark.parametrize("language", ["en", "zh-Hant-TW", "de-CH-1996", "sr-Latn", "es-419", "ja"])
def test_a_bcp47_language_is_accepted(run, make_archive, language):
    root = make_archive({**base_files(), "albumen.toml": f'title = "T"\nlanguage = "{language}"\n'}, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 0, result.stderr


def test_a_base_url_that_is_no_web_address_is_refused(run, make_archive):
    root = make_archive({**base_files(), "albumen.toml": 'base_url = "javascript:alert(1)//"\n'}, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "albumen.toml" and "base_url" in m["message"] for m in problem_lines(result.stderr))


def test_serve_refuses_a_port_out_of_range(run, base_archive):
    for port in ("70000", "0", "-1"):
        result = run("serve", "--port", port, "--no-watch", "-C", base_archive)
        assert result.exit_code == 2, (port, result.stderr)
        assert "port" in result.stderr.lower() and "internal error" not in result.stderr
    assert not (base_archive / "_site").exists()  # refused before anything was built


# -- ids and fields ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["pages/feed.xml.md", "pages/index.html.md", "items/page-2.html.md",
                                 "topics/sitemap.xml.md", "pages/robots.txt.md", "items/search-data.js.md"])
def test_an_id_that_looks_like_a_file_the_site_writes_is_refused(run, make_archive, rel):
    files = base_files()
    files[rel] = item_md("Text.", title="A title", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == rel and m["level"] == "error" and "rename" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr


def test_an_id_with_a_trailing_newline_is_refused(run, make_archive):
    files = base_files()
    files["items/third\n.md"] = item_md("Text.", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert "can't be used as an id" in result.stderr
    assert_located_only(result.stderr)


@pytest.mark.parametrize("image", [".", "", " ", "./", "images/..", "/"])
def test_an_image_that_names_no_file_is_a_located_error(run, make_archive, image):
    files = base_files()
    files["items/first.md"] = item_md("Text.", title="T", image=image)
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "items/first.md" and m["line"] == "3" and "image" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr
    assert_located_only(result.stderr)


def test_a_300_level_place_chain_is_a_located_error_not_a_crash(run, make_archive):
    chain = "".join(f"- id: p{n}\n  name: P{n}\n" + (f"  parent: p{n - 1}\n" if n else "") for n in range(300))
    files = base_files()
    files["places.yaml"] = PLACES_YAML + chain
    files["items/first.md"] = item_md("Text.", title="T", image="first.jpg", places=["p299"])
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "places.yaml" and "deep" in m["message"] for m in problem_lines(result.stderr))
    assert_located_only(result.stderr)


# -- the file system's oddities ------------------------------------------------------------------------------

def test_symlink_loops_in_items_and_images_are_located_errors(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items" / "loop.md").symlink_to("loop.md")
    (root / "items" / "a.md").symlink_to("b.md")
    (root / "items" / "b.md").symlink_to("a.md")
    (root / "items" / "again").symlink_to(".", target_is_directory=True)
    (root / "images" / "loop.jpg").symlink_to("loop.jpg")
    (root / "images" / "again").symlink_to("..", target_is_directory=True)
    (root / "items" / "uses-loop.md").write_text(item_md("Text.", title="T", image="loop.jpg"))
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {(m["path"], m["level"]) for m in problem_lines(done.stderr)}
    assert {("items/loop.md", "error"), ("items/a.md", "error"), ("items/b.md", "error"),
            ("items/uses-loop.md", "error")} <= located, done.stderr
    assert "loop" in done.stderr


def test_fifos_in_items_images_and_places_never_hang(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    os.mkfifo(root / "items" / "fifo.md")
    os.mkfifo(root / "topics" / "fifo.md")
    os.mkfifo(root / "images" / "fifo.jpg")
    (root / "items" / "third.md").write_text(item_md("Text.", title="T", image="fifo.jpg"))
    done = run_child("build", "--executor", "inline", "-C", root, timeout=120)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not a regular file" in located["items/fifo.md"]
    assert "not a regular file" in located["topics/fifo.md"]
    assert "not a regular file" in located["items/third.md"]


def test_a_fifo_as_places_yaml_or_albumen_toml_never_hangs(make_archive):
    files = base_files()
    del files["places.yaml"]
    files["items/first.md"] = item_md("Text.", title="T", image="first.jpg")
    files["items/second.md"] = item_md("Text.", title="T", image="second.jpg")
    root = make_archive({**files, "albumen.toml": None}, BASE_IMAGES)
    os.mkfifo(root / "places.yaml")
    os.mkfifo(root / "albumen.toml")
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not a regular file" in located["places.yaml"] and "not a regular file" in located["albumen.toml"]


def test_latin1_file_names_are_located_errors_that_print(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items").joinpath(os.fsdecode(b"caf\xe9.md")).write_text(item_md("Text.", image="first.jpg"))
    (root / "images").joinpath(os.fsdecode(b"gar\xe7on.jpg")).write_bytes((root / "images/first.jpg").read_bytes())
    (root / "items" / "third.md").write_text(item_md("Text.", title="T", image="garcon.jpg"))
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not UTF-8" in located["items/caf\\xe9.md"], done.stderr
    assert "items/third.md" in located


def test_unreadable_files_are_located_errors(make_archive):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items" / "first.md").chmod(0)
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1
    assert_located_only(done.stderr)
