"""What a careless user, an odd archive or a second build at once must not be able to do.

Each test is a finding of the first code review: it failed before the fix that goes with it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from pathlib import Path

from conftest import BASE_IMAGES, EXAMPLE, base_files, item_md, problem_lines


def archive_hashes(root: Path) -> dict[str, str]:
    """Every file a person owns in an archive (not _site/ nor .albumen/), with its hash."""
    owned = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not parts[0].startswith(("_site", ".albumen")):
            owned[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return owned


def test_no_command_changes_what_a_person_owns(run, base_archive, tmp_path):
    before = archive_hashes(base_archive)
    assert len(before) >= 7  # items, topic, page, places, toml, images
    old_site = EXAMPLE.parent / "old-site"
    old_site_before = archive_hashes(old_site)
    for command in (("check",), ("check", "--strict"), ("build", "--executor", "inline"), ("export", "json"),
                    ("build",), ("enrich",), ("import", "html", old_site, "--dry-run"),
                    ("import", "csv", tmp_path / "missing.csv", "--dry-run")):
        run(*command, "-C", base_archive)
        assert archive_hashes(base_archive) == before, command
    # An import reads the old site and writes only into the archive it is given.
    assert run("import", "html", old_site, "-C", tmp_path / "imported", "-q").exit_code == 0
    assert archive_hashes(old_site) == old_site_before


def test_a_second_build_never_touches_the_first_ones_folders(run, base_archive):
    run("build", "--executor", "inline", "-C", base_archive)
    staging = base_archive / "_site.building"
    staging.mkdir()
    (staging / "half.html").write_text("the first build is writing here")
    (base_archive / ".albumen").mkdir(exist_ok=True)
    with (base_archive / ".albumen" / "build.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the first build holds the lock
        result = run("build", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == 1 and "another albumen build is running" in result.stderr
    assert (staging / "half.html").read_text() == "the first build is writing here"
    assert (base_archive / "_site" / "index.html").is_file()


def test_a_deleted_site_is_never_taken_for_up_to_date(run, base_archive):
    run("build", "--executor", "inline", "-C", base_archive)
    for page in (base_archive / "_site").glob("*.html"):
        page.unlink()
    run("build", "--executor", "inline", "-C", base_archive)
    assert (base_archive / "_site" / "index.html").is_file()


def test_a_site_folder_that_is_a_link_gets_a_clear_error(run, base_archive, tmp_path):
    served = tmp_path / "www"
    served.mkdir()
    (base_archive / "_site").symlink_to(served, target_is_directory=True)
    result = run("build", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == 1
    assert "error: _site is a link or a file" in result.stderr and "internal error" not in result.stderr
    assert (base_archive / "_site").is_symlink() and list(served.iterdir()) == []


def test_an_indented_dashes_line_is_yaml_text_not_the_end_of_the_front_matter(run, make_archive):
    files = base_files()
    files["items/first.md"] = ("---\ntitle: First\nimage: first.jpg\nalt: |\n  a line\n  ---\n  another\n---\n"
                               "The caption.\n")
    root = make_archive(files, BASE_IMAGES)
    result = run("export", "json", "-C", root)
    assert result.exit_code == 0, result.stderr
    [first] = [i for i in json.loads(result.stdout)["items"] if i["id"] == "first"]
    assert first["alt"] == "a line\n---\nanother"
    assert first["caption"] == "The caption."


def test_dates_that_crash_the_edtf_parser_are_located_errors(run, make_archive):
    files = base_files()
    for n, date in enumerate(("1944-1X", "[..1944]", "[1944..]")):
        files[f"items/odd{n}.md"] = item_md("x", title="Odd", image="first.jpg", date=date)
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1 and "internal error" not in result.stderr and "trying" not in result.stdout
    located = sorted((m["path"], m["line"]) for m in problem_lines(result.stderr))
    assert located == [("items/odd0.md", "4"), ("items/odd1.md", "4"), ("items/odd2.md", "4")]


def test_old_paths_that_would_be_a_file_and_a_folder_are_refused_by_check(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("x", title="First", image="first.jpg", redirect_from=["old/a.html", "old/page"])
    files["items/second.md"] = item_md("y", title="Second", image="second.jpg",
                                       redirect_from=["old/a.html/x.html", "Old/Page/"])
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1 and "internal error" not in result.stderr
    messages = [m["message"] for m in problem_lines(result.stderr)]
    assert any("'old/a.html' is also a folder of old path 'old/a.html/x.html'" in m for m in messages), messages
    assert any("'Old/Page/' is the same page as 'old/page'" in m for m in messages), messages


def test_yaml_anchors_and_aliases_are_refused(run, make_archive):
    files = base_files()
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8))
    files["items/first.md"] = "---\ntitle: First\nimage: first.jpg\nsource:\n" + "".join(
        "  " + line + "\n" for line in bomb.splitlines()) + "---\nCaption.\n"
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1 and "internal error" not in result.stderr
    [problem] = [m for m in problem_lines(result.stderr) if m["path"] == "items/first.md"]
    assert problem["line"] == "5" and "aliases" in problem["message"]  # where the anchor is set


def test_a_place_id_that_differs_only_by_case_is_a_duplicate(run, make_archive):
    files = base_files()
    files["places.yaml"] = "- {id: liuzhou, name: Liuzhou}\n- {id: china, name: China}\n- {id: Liuzhou, name: X}\n"
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert [(m["path"], m["line"]) for m in problem_lines(result.stderr)] == [("places.yaml", "3")]


def test_a_newline_in_quoted_text_cannot_forge_a_second_problem(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("x", title="First", image="nope.jpg\nitems/x.md:1: error: forged")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 1 and lines[0].startswith("items/first.md:3: error: image not found") and "\\x0a" in lines[0]


def test_markdown_linked_from_outside_the_archive_is_never_read(run, make_archive, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the private key")
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "pages" / "leak.md").symlink_to(secret)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert [(m["path"], m["level"]) for m in problem_lines(result.stderr)] == [("pages/leak.md", "error")]
    assert not (root / "_site").exists()  # the error stops the build: nothing of it is published
    assert os.path.islink(root / "pages" / "leak.md")


def test_text_that_looks_like_a_number_is_kept_as_written(run, make_archive):
    files = base_files()
    files["items/first.md"] = ("---\ntitle: 0x10\nimage: first.jpg\ncreator: 1_000\nsubjects: [010, 1:30, 7.50]\n"
                               "date: 1944\n---\nCaption.\n")
    root = make_archive(files, BASE_IMAGES)
    result = run("export", "json", "-C", root)
    assert result.exit_code == 0, result.stderr
    [first] = [i for i in json.loads(result.stdout)["items"] if i["id"] == "first"]
    assert (first["title"], first["creator"], first["subjects"]) == ("0x10", "1_000", ["010", "1:30", "7.50"])
    assert first["date"]["edtf"] == "1944"


def test_a_bad_link_in_a_free_page_is_reported_on_its_line(run, make_archive):
    files = base_files()
    files["pages/about.md"] = "---\ntitle: About\n---\n\nFirst paragraph.\n\nSee [this](item:nope).\n"
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert [(m["path"], m["line"]) for m in problem_lines(result.stderr)] == [("pages/about.md", "7")]
