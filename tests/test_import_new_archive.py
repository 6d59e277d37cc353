"""`albumen new` then `albumen import html`: the skeleton's untouched example files give way to the import;
a person's edit of one of them is still never replaced without --force. And the report tells each kind of
problem once, with its count."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, problem_lines, run_cli
from importers_support import write
from old_site_styles import photoshop_table

OLD_SITE_EXAMPLE = REPO / "examples" / "old-site"


def test_import_into_a_new_archive_replaces_the_untouched_example_files(tmp_path: Path) -> None:
    archive = tmp_path / "family"
    assert run_cli("new", archive).exit_code == 0
    result = run_cli("import", "html", OLD_SITE_EXAMPLE, "-C", archive, "-q")
    assert result.exit_code == 0, result.stderr
    assert not (archive / "items" / "example-photo.md").exists()
    assert not (archive / "topics" / "first-topic.md").exists()
    assert not (archive / "images" / "example.jpg").exists()
    assert "example-town" not in (archive / "places.yaml").read_text(encoding="utf-8") if (
        archive / "places.yaml").exists() else True
    assert (archive / "items" / "bridge-setting.md").is_file()
    backups = list((archive / ".albumen" / "backups").rglob("example-photo.md"))
    assert len(backups) == 1
    assert run_cli("build", "-q", "--executor", "inline", "-C", archive).exit_code == 0


def test_a_persons_edit_of_an_example_file_is_not_replaced_silently(tmp_path: Path) -> None:
    archive = tmp_path / "family"
    assert run_cli("new", archive).exit_code == 0
    about = archive / "pages" / "about.md"
    about.write_text("---\ntitle: About us\n---\nWe are the Millers.\n", encoding="utf-8")
    old = tmp_path / "old"
    write(old, {"index.html": "<html><head><title>Us</title></head><body><h1>Us</h1><p>Hello.</p>"
                              "<p><a href='about.html'>About</a></p></body></html>",
                "about.html": "<html><head><title>About</title></head><body><h2>About</h2>"
                              "<p>Who we are.</p></body></html>"})
    result = run_cli("import", "html", old, "-C", archive, "-q")
    assert about.read_text(encoding="utf-8").endswith("We are the Millers.\n")
    if result.exit_code != 0:
        assert any(p["path"].endswith("about.md") for p in problem_lines(result.stderr))
        assert (archive / "items" / "example-photo.md").is_file()  # nothing was written: the examples are back


def test_a_gallery_without_text_is_one_line_in_the_report_not_one_per_photo(tmp_path: Path) -> None:
    spec = photoshop_table(tmp_path / "old")
    archive = tmp_path / "archive"
    result = run_cli("import", "html", spec.root, "-C", archive)
    messages = [p["message"] for p in problem_lines(result.stderr)]
    assert len(messages) == len(set(messages)), messages
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    lines = [line for line in report.splitlines() if line.strip()]
    repeated = {line for line in lines if lines.count(line) > 1 and not set(line) <= set("-#| ")}
    assert not repeated
