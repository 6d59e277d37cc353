"""`albumen import html`: old hand-made sites, built in tmp_path, are imported and then built; the tests read
the built pages back: every caption verbatim on its item page, cross-links to the right item, the big images
(not the thumbnails) copied byte for byte, no chrome as an item, old URLs redirecting, the report, and the
safety of importing twice, of --dry-run, and of links that lead outside the old site's folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from PIL import Image

from albumen.importers.decoding import decode_page
from albumen.importers.drafts import Draft, DraftItem, ImageCopy
from albumen.importers.html_text import escape_markdown
from albumen.importers.writer import write_draft
from albumen.markup import plain_text, render_markdown
from albumen.problems import AlbumenError
from conftest import REPO, parse_html, problem_lines, resolve, run_cli, snapshot, squash
from importers_support import (
    BANNER,
    FOOTER,
    NAV_BAR,
    OldSiteSpec,
    generated_site,
    mixed_site,
    paragraph_site,
    table_site,
    trouble_site,
)

OLD_SITE_EXAMPLE = REPO / "examples" / "old-site"
SMALL_WIDTHS = 'title = "Imported"\n[images]\nwidths = [200]\n'


# -- helpers -------------------------------------------------------------------------------------------------

def import_html(old: Path, archive: Path, *options: str, status: int = 0) -> Result:
    result = run_cli("import", "html", old, "-C", archive, *options)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result


def build(archive: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", archive)
    assert result.exit_code == 0, result.stderr


def catalog(archive: Path) -> dict[str, Any]:
    result = run_cli("export", "json", "-C", archive)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def item_of(document: dict[str, Any], big: str) -> dict[str, Any]:
    """The imported item whose photo is the old site's file `big`."""
    found = [item for item in document["items"] if item["source"]["image"] == big]
    assert len(found) == 1, f"{len(found)} items for {big}: {[i['source'] for i in document['items']]}"
    return found[0]


def figcaption(archive: Path, item_id: str) -> Any:
    page = parse_html(archive / "_site" / "items" / item_id / "index.html")
    return page.find("figcaption")


def redirect_target(site: Path, old: str) -> Path:
    page = parse_html(site / old)
    refresh = page.find("meta", **{"http-equiv": "refresh"}).get("content")
    return resolve(site, site / old, refresh.split("url=", 1)[1])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Callable[[Path], OldSiteSpec]], tuple]:
    """imported(layout) -> (spec, archive, catalog, stdout): the layout's old site, imported and built once."""
    done: dict[str, tuple] = {}

    def make(layout: Callable[[Path], OldSiteSpec]) -> tuple:
        if layout.__name__ not in done:
            base = tmp_path_factory.mktemp(layout.__name__)
            spec = layout(base / "old")
            archive = base / "archive"
            result = import_html(spec.root, archive)
            build(archive)
            done[layout.__name__] = (spec, archive, catalog(archive), result)
        return done[layout.__name__]

    return make


def assert_captions_and_images(spec: OldSiteSpec, archive: Path, document: dict[str, Any]) -> None:
    """Every photo is one item: its caption verbatim on its page, its big image copied byte for byte."""
    assert len(document["items"]) == len(spec.photos), [i["source"]["image"] for i in document["items"]]
    for photo in spec.photos:
        item = item_of(document, photo.big)
        assert squash(figcaption(archive, item["id"]).text()) == photo.caption
        copied = archive / "images" / item["image"]["path"]
        assert copied.read_bytes() == (spec.root / photo.big).read_bytes()
        if photo.thumbnail:
            assert copied.read_bytes() != (spec.root / photo.thumbnail).read_bytes()
        if photo.links_to:
            target = item_of(document, photo.links_to)["id"]
            page = archive / "_site" / "items" / item["id"] / "index.html"
            links = [a.get("href") for a in figcaption(archive, item["id"]).find_all("a")]
            assert [resolve(archive / "_site", page, href) for href in links] == [
                archive / "_site" / "items" / target / "index.html"]


def assert_no_chrome_items(spec: OldSiteSpec, document: dict[str, Any]) -> None:
    old_images = {item["source"]["image"] for item in document["items"]}
    assert not old_images & {*spec.chrome_images, "images/spacer.gif", "images/banner.jpg", "images/seal.gif"}
    words = " ".join(item["caption"] for item in document["items"])
    words += " ".join(topic["narrative"] for topic in document["topics"])
    words += " ".join(page["body"] for page in document["pages"])
    for text in (BANNER, FOOTER, "Back to the gallery"):
        assert text not in words


# -- the layouts ---------------------------------------------------------------------------------------------

def test_a_1998_table_site_in_windows_1252(imported: Callable) -> None:
    spec, archive, document, result = imported(table_site)
    assert_captions_and_images(spec, archive, document)
    assert_no_chrome_items(spec, document)
    [topic] = document["topics"]
    assert topic["title"] == "The war years"
    assert topic["items"] == [item_of(document, p.big)["id"] for p in spec.photos]
    assert "Grandpa’s photographs from Guangxi province, 1944." in topic["narrative"]
    assert topic["links"] == [{"title": "Operation Ichi-Go", "url": "http://en.wikipedia.org/wiki/Operation_Ichi-Go"}]
    assert [p["title"] for p in document["pages"]] == ["About us", "The Miller family photographs"]
    assert document["site"]["notice"] == BANNER
    assert document["site"]["rights"] == FOOTER
    assert document["site"]["title"] == "The Miller family photographs"
    assert "read 3 pages" in result.stdout and "2 links became item links" in result.stdout


def test_old_addresses_keep_working(imported: Callable) -> None:
    spec, archive, document, _ = imported(table_site)
    site = archive / "_site"
    topic = document["topics"][0]["id"]
    assert redirect_target(site, "war.html") == site / "topics" / topic / "index.html"
    assert redirect_target(site, "about.html") == site / "about" / "index.html"
    for photo in spec.photos:
        for old in (photo.big, photo.thumbnail):
            assert old is not None
            with Image.open(site / old) as image:  # the photo itself, at its largest size on the site
                assert image.size == (480, 360)
    with Image.open(site / "photos/big/refugees.jpg") as image:  # as the old page spelled it
        assert image.size == (480, 360)


def test_the_report_says_what_was_done_and_left_out(imported: Callable) -> None:
    _, archive, _, _ = imported(table_site)
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    for expected in ("read 3 pages", "1 topic", "2 free pages", "3 items", "2 links became item links",
                     "`images/seal.gif` (on 3 pages)", "`images/logo.gif`", "`images/banner.jpg`",
                     "`images/spacer.gif`",
                     f"“{BANNER}” (on 3 pages)", f"“{NAV_BAR}” (on 3 pages)", f"notice = “{BANNER}”",
                     "`war.html` → topics/war.md", "`photos/big/bridge_result.jpg` → items/bridge-result.md",
                     "`war.html` (cp1252, Windows-1252 (the last resort))", "new: images/old/photos/big/Refugees.JPG"):
        assert expected in report, expected


def test_paragraphs_and_a_page_per_photo(imported: Callable) -> None:
    spec, archive, document, _ = imported(paragraph_site)
    assert_captions_and_images(spec, archive, document)
    assert_no_chrome_items(spec, document)
    site = archive / "_site"
    for photo in spec.photos:
        item = item_of(document, photo.big)
        assert photo.page is not None
        assert item["title"] == photo.big.split("/")[1][:-4].title()  # the photo page's heading
        assert item["source"]["photo_page"] == photo.page and item["source"]["page"] == "war.html"
        assert redirect_target(site, photo.page) == site / "items" / item["id"] / "index.html"
    boy = item_of(document, "big/boy.jpg")
    assert figcaption(archive, boy["id"]).find("em").text() == "discarded"  # real emphasis kept
    assert document["topics"][0]["title"] == "Liuzhou, 1944"
    assert document["topics"][0]["narrative"] == "These were taken at the *Liuzhou* railway station."


def test_figures_lists_captions_above_rows_and_shift_jis(imported: Callable) -> None:
    spec, archive, document, _ = imported(mixed_site)
    assert_captions_and_images(spec, archive, document)
    assert_no_chrome_items(spec, document)
    titles = {t["title"]: t for t in document["topics"]}
    assert set(titles) == {"Figures", "A list", "Captions above", "Rows", "The USS Example", "Posts", "京都"}
    assert titles["京都"]["narrative"] == "父の写真です。"
    assert item_of(document, "posts/attic.jpg")["title"] == "In the attic"  # the heading over each post's photo
    assert item_of(document, "posts/lake.jpg")["title"] == "At the lake" and titles["Posts"]["narrative"] == ""
    assert titles["Rows"]["items"] == [item_of(document, f"rows/r{n}.jpg")["id"] for n in (1, 2, 3)]


def test_gallery_programs_popups_body_images_and_slide_shows(imported: Callable) -> None:
    spec, archive, document, _ = imported(generated_site)
    assert_captions_and_images(spec, archive, document)
    assert_no_chrome_items(spec, document)
    site = archive / "_site"
    for photo in spec.photos:
        if photo.page:  # each photo's own page (a gallery program's pages/N.htm, a slide) leads to its item
            item = item_of(document, photo.big)
            assert redirect_target(site, photo.page) == site / "items" / item["id"] / "index.html"
    titles = {t["title"]: t for t in document["topics"]}
    assert set(titles) == {"Summer at the lake", "Pop-ups", "Inline", "Slides"}
    assert titles["Inline"]["narrative"] == "Some words first about these pictures."
    assert "A second line" not in titles["Inline"]["narrative"]


def test_the_example_old_site_becomes_the_ichigo_archive(tmp_path: Path) -> None:
    archive = tmp_path / "ichigo"
    import_html(OLD_SITE_EXAMPLE, archive)
    build(archive)
    document = catalog(archive)
    expected = {}
    for path in sorted((REPO / "examples" / "ichigo" / "items").glob("*.md")):
        expected[path.stem] = plain_text(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    assert sorted(item["id"] for item in document["items"]) == sorted(expected)
    for item_id, caption in expected.items():
        assert squash(figcaption(archive, item_id).text()) == caption
    site = archive / "_site"
    links = figcaption(archive, "bridge-result").find_all("a")
    assert [resolve(site, site / "items/bridge-result/index.html", a.get("href")) for a in links] == [
        site / "items" / "bridge-setting" / "index.html"]
    assert redirect_target(site, "bridge-setting.html") == site / "items" / "bridge-setting" / "index.html"
    assert redirect_target(site, "ichigo.html") == site / "topics" / "ichigo" / "index.html"
    [topic] = document["topics"]
    assert topic["title"] == "Ichigo Campaign" and len(topic["items"]) == 10
    assert "一号作戦" in topic["narrative"]
    assert document["site"]["notice"] == BANNER


def test_the_example_old_site_is_small() -> None:
    total = sum(path.stat().st_size for path in OLD_SITE_EXAMPLE.rglob("*") if path.is_file())
    assert total < 1_500_000


# -- what needs a person's look, and what must never be touched ------------------------------------------------

def test_places_that_need_a_look_are_reported(tmp_path: Path) -> None:
    spec = trouble_site(tmp_path / "site" / "old")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "albumen.toml").write_text(SMALL_WIDTHS, encoding="utf-8")
    result = import_html(spec.root, archive)
    warnings = [(m["path"], m["message"]) for m in problem_lines(result.stderr)]
    where = str(spec.root)

    def warned(page: str, words: str) -> bool:
        return any(path == f"{where}/{page}" and words in message for path, message in warnings)

    assert warned("trouble.html", "only a small version of small/only.jpg was found")
    assert warned("trouble.html", "broken/big.jpg can't be read as an image")
    assert warned("between.html", "could be the caption of the photo before it or after it")
    for href in ("../secret.jpg", "../../../../etc/passwd", "file:///etc/passwd", "C:\\Windows\\win.ini"):
        assert warned("trouble.html", f"link '{href}' leads outside the old site's folder"), href
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert "## Needs a person's look" in report and "small/only.jpg" in report
    # Nothing from outside the old site's folder was read or copied, not even through a symlink.
    secret = (tmp_path / "site" / "secret.jpg").read_bytes()
    assert all(path.read_bytes() != secret for path in archive.rglob("*.jpg"))
    assert "passwd" not in " ".join(str(p) for p in archive.rglob("*"))
    document = catalog(archive)
    assert squash(document and item_of(document, "small/only.jpg")["caption"]) == "A small photo, and all we have."
    assert item_of(document, "broken/thumb.jpg")["caption"] == "The big one is damaged."
    assert (archive / "albumen.toml").read_text(encoding="utf-8") == SMALL_WIDTHS  # a person's file: kept


def test_importing_twice_refuses_to_overwrite_edits_unless_forced(tmp_path: Path) -> None:
    spec = paragraph_site(tmp_path / "old")
    archive = tmp_path / "archive"
    import_html(spec.root, archive, "-q")
    again = import_html(spec.root, archive)  # nothing changed: nothing to do, no complaint
    assert "nothing new" in again.stdout
    item = archive / "items" / "mother.md"
    edited = item.read_text(encoding="utf-8").replace("tenderly", "gently")
    item.write_text(edited, encoding="utf-8")
    (spec.root / "war.html").write_text((spec.root / "war.html").read_text(encoding="utf-8").replace(
        "These were taken", "These photographs were taken"), encoding="utf-8")
    before = snapshot(archive)
    refused = import_html(spec.root, archive, status=1)
    assert [(m["path"], m["level"]) for m in problem_lines(refused.stderr)] == [("items/mother.md", "error")]
    assert "--force" in refused.stderr
    assert snapshot(archive) == before  # nothing at all was written
    forced = import_html(spec.root, archive, "--force")
    assert "replaced" in forced.stdout or "updated" in forced.stdout
    assert "tenderly" in item.read_text(encoding="utf-8")
    assert "These photographs were taken" in (archive / "topics" / "war.md").read_text(encoding="utf-8")
    backups = list((archive / ".albumen" / "backups").rglob("mother.md"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [edited]


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    spec = table_site(tmp_path / "old")
    archive = tmp_path / "archive"
    archive.mkdir()
    result = import_html(spec.root, archive, "--dry-run")
    assert list(archive.iterdir()) == []
    assert "would write (create): items/bridge-result.md" in result.stdout
    assert "would write (create): images/old/photos/big/bridge setting.jpg" in result.stdout


def test_the_archive_inside_the_old_site_is_not_read_as_part_of_it(tmp_path: Path) -> None:
    spec = table_site(tmp_path / "old")
    archive = spec.root / "new-archive"
    import_html(spec.root, archive, "-q")
    import_html(spec.root, archive, "-q")  # the first import's files are not taken for old pages
    assert len(list((archive / "items").glob("*.md"))) == len(spec.photos)


def test_the_command_line_refuses_misuse_with_exit_2(tmp_path: Path) -> None:
    assert run_cli("import", "html", tmp_path / "nowhere", "-C", tmp_path / "a").exit_code == 2
    (tmp_path / "old").mkdir()
    bad = run_cli("import", "html", tmp_path / "old", "--encoding", "klingon", "-C", tmp_path / "a")
    assert bad.exit_code == 2 and "unknown encoding" in bad.stderr
    empty = run_cli("import", "html", tmp_path / "old", "-C", tmp_path / "a")
    assert empty.exit_code == 1 and empty.stderr.startswith("error: no .html or .htm pages")
    assert "Traceback" not in bad.stderr + empty.stderr


# -- the parts -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "given", "text", "encoding"), [
    ('<meta charset="ISO-8859-1"><p>“Café”'.encode("cp1252"), None, "“Café”", "cp1252"),
    ("\ufeff<p>Café".encode(), None, "Café", "utf-8-sig"),
    ("<p>Café “quoted”".encode(), "cp1252", "Café “quoted”", "utf-8"),  # UTF-8 before a guess
    ("<p>Zdjęcie z Łodzi".encode("cp1250"), "cp1250", "Zdjęcie z Łodzi", "cp1250"),
    ("<p>Grandpa’s café".encode("cp1252"), None, "Grandpa’s café", "cp1252"),
    ("<html><body><p>東京の駅で待つ人々。これは父の写真です。</p></body></html>".encode("shift_jis"), None,
     "東京の駅で待つ人々", "cp932"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>caf\xe9'.encode("latin-1"), None,
     "café", "cp1252"),  # says UTF-8 but isn't
])
def test_pages_are_decoded_in_the_documented_order(raw: bytes, given: str | None, text: str, encoding: str) -> None:
    decoded = decode_page(raw, given)
    assert text in decoded.text and decoded.encoding == encoding


@pytest.mark.parametrize("text", [
    "1944. The year", "# not a heading", "- not a list", "*not emphasis* and _this_", "[not](a link)",
    "<b>not html</b>", "a \\ backslash", "~~not struck~~", "AT&T &copy; kept", "`code`", "> not a quote",
    "+ plus", "= equals", "100% of 3 * 4 = 12 | a pipe",
])
def test_markdown_escaping_keeps_text_exactly(text: str) -> None:
    markdown = escape_markdown(text, line_start=True)
    assert squash(parse_html(str(render_markdown(markdown, lambda scheme, target: None))).text()) == text


def test_the_writer_never_writes_outside_the_archive(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "images").mkdir(parents=True)
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"jpeg bytes")
    for target in ("../escape.jpg", "/etc/x.jpg", "C:/x.jpg"):
        with pytest.raises(AlbumenError):
            write_draft(archive, Draft(images=(ImageCopy(source, target),)))
    (tmp_path / "elsewhere").mkdir()
    (archive / "items").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(AlbumenError):
        write_draft(archive, Draft(items=(DraftItem(id="x", image="x.jpg"),)))
    assert list((tmp_path / "elsewhere").iterdir()) == [] and not (tmp_path / "escape.jpg").exists()


def test_written_files_read_back_as_written(tmp_path: Path) -> None:
    item = DraftItem(id="x", image="old/a b.jpg", caption="A caption: with *stars*.", title="Title: yes",
                     date="1944-23", topics=("t",), alt="no", source={"site": "s", "also_on": ["a.html"]},
                     redirect_from=("a b.jpg", "on.html"))
    result = write_draft(tmp_path, Draft(items=(item,)))
    assert [p.action for p in result.plan] == ["create"] and result.written
    text = (tmp_path / "items" / "x.md").read_text(encoding="utf-8")
    front, body = text.split("---\n")[1:]
    assert yaml.safe_load(front)["title"] == "Title: yes" and 'date: "1944-23"' in front
    assert yaml.safe_load(front)["redirect_from"] == ["a b.jpg", "on.html"]
    assert "alt: 'no'" in front  # not read back as false
    assert body == "A caption: with *stars*.\n"
    shutil.rmtree(tmp_path / "items")
    assert write_draft(tmp_path, Draft(items=(item,)), dry_run=True).plan[0].action == "create"
    assert not (tmp_path / "items").exists()
