"""The feed of recent additions: items say the day they joined the archive (`added:`), the feed lists the
newest first; `albumen new` and the importers write the day, and importing again keeps the first one."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

from conftest import BASE_IMAGES, EXAMPLE, base_files, item_md, problem_lines

ATOM = "{http://www.w3.org/2005/Atom}"
TOML = 'title = "Feed"\nbase_url = "https://example.org/photos/"\n[images]\nwidths = [200]\n'


def feed_entries(root) -> list[tuple[str, str]]:
    feed = ET.parse(root / "_site" / "feed.xml").getroot()
    return [(e.find(f"{ATOM}id").text.rsplit("/", 2)[-2], e.find(f"{ATOM}updated").text)
            for e in feed.findall(f"{ATOM}entry")]


def test_the_feed_lists_the_latest_additions_first(run, make_archive):
    files = {**base_files(), "albumen.toml": TOML}
    files["items/first.md"] = item_md("Added long ago.", image="first.jpg", date="1944", added="2021-03-01")
    files["items/second.md"] = item_md("Added last.", image="second.jpg", date="1930", added="2024-11-02")
    files["items/third.md"] = item_md("Added between.", image="first.jpg", date="1945-06", added="2023-05-17")
    files["items/older.md"] = item_md("No added day: not a recent addition.", image="first.jpg", date="1946")
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    # Newest addition first, whatever the photos' own dates; the entry's <updated> is the day it was added.
    assert feed_entries(root) == [("second", "2024-11-02T00:00:00Z"), ("third", "2023-05-17T00:00:00Z"),
                                  ("first", "2021-03-01T00:00:00Z")]
    feed = ET.parse(root / "_site" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated").text == "2024-11-02T00:00:00Z"


def test_an_added_day_that_is_not_a_day_is_a_located_error(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("A caption.", image="first.jpg", raw_added="2024-02-30")
    files["items/second.md"] = item_md("A caption.", image="second.jpg", raw_added="last week")
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    found = {(m["path"], m["line"]): m["message"] for m in problem_lines(result.stderr)}
    assert "YYYY-MM-DD" in found[("items/first.md", "3")] and "2024-02-30" in found[("items/first.md", "3")]
    assert "last week" in found[("items/second.md", "3")]


def test_new_archives_and_imports_write_the_day_and_a_second_import_keeps_it(run, tmp_path):
    today = datetime.date.today().isoformat()
    result = run("new", tmp_path / "new")
    assert result.exit_code == 0, result.stderr
    assert f"added: {today}" in (tmp_path / "new" / "items" / "example-photo.md").read_text(encoding="utf-8")

    archive = tmp_path / "imported"
    old_site = EXAMPLE.parent / "old-site"
    assert run("import", "html", old_site, "-C", archive, "-q").exit_code == 0
    with (archive / "albumen.toml").open("a", encoding="utf-8") as toml:
        toml.write('base_url = "https://example.org/"\n')
    items = sorted((archive / "items").glob("*.md"))
    assert items and all(f"added: '{today}'" in p.read_text(encoding="utf-8") for p in items)
    # A photo imported last year stays a photo added last year when the old site is imported again.
    first = items[0]
    first.write_text(re.sub(r"added: .*", "added: '2020-01-02'", first.read_text(encoding="utf-8")),
                     encoding="utf-8")
    again = run("import", "html", old_site, "-C", archive, "-q", "--force")
    assert again.exit_code == 0, again.stderr
    assert "added: '2020-01-02'" in first.read_text(encoding="utf-8")
    assert run("build", "-q", "--executor", "inline", "-C", archive).exit_code == 0
    assert feed_entries(archive)[-1] == (first.stem, "2020-01-02T00:00:00Z")
