"""`albumen import html` on the output of real gallery makers (tests/old_site_styles.py) and on the real old
sites of ../shared/corpus/old-sites/: each is imported through the command line, then built, and the tests
read the written archive (items/*.md, topics/*.md, import-report.md) and the built _site/.

What "done" means for the importer, per style: every photo one item whose image is the biggest version the
old site has; captions verbatim and never chrome or a file name; no navigation or chrome image as an item;
photo pages merged into their photo's item and one topic per gallery; a caption's link to another photo's
page becomes `item:ID`; every old page and image URL still leads to the right page or picture; a report
that maps every URL and says each kind of problem once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from PIL import Image, ImageChops, ImageStat

from albumen.markup import plain_text
from conftest import parse_html, problem_lines, resolve, run_cli, squash
from old_site_styles import STYLES, Photo, StyleSpec, handmade_table, iview_mediapro

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "old-sites"
SMALL_WIDTHS = 'title = "Imported"\n[images]\nwidths = [200]\n'
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


# -- the imported archive, read back --------------------------------------------------------------------------

@dataclass
class Record:
    id: str
    front: dict[str, Any]
    body: str

    @property
    def caption(self) -> str:
        return squash(plain_text(self.body))


@dataclass
class Imported:
    old: Path
    archive: Path
    items: dict[str, Record]
    topics: dict[str, Record]
    report: str
    result: Result

    @property
    def site(self) -> Path:
        return self.archive / "_site"

    def image_of(self, item: Record) -> Path:
        image = item.front.get("image") or (item.front.get("images") or [None])[0]
        if isinstance(image, dict):
            image = image.get("path")
        assert isinstance(image, str), f"items/{item.id}.md names no image: {item.front}"
        return self.archive / "images" / image

    def members(self) -> dict[str, list[str]]:
        """topic id -> its item ids (its `items:` list, else the items that name it)."""
        return {topic.id: list(topic.front.get("items") or [
            item.id for item in self.items.values() if topic.id in (item.front.get("topics") or [])])
            for topic in self.topics.values()}


def read_record(path: Path) -> Record:
    text = path.read_text(encoding="utf-8")
    front, body = ("", text)
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
    return Record(path.stem, yaml.safe_load(front) or {}, body)


def import_and_build(old: Path, archive: Path) -> Imported:
    archive.mkdir(parents=True)
    (archive / "albumen.toml").write_text(SMALL_WIDTHS, encoding="utf-8")
    result = run_cli("import", "html", old, "-C", archive)
    assert result.exit_code == 0, f"import exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    built = run_cli("build", "-q", "--executor", "inline", "-C", archive)
    assert built.exit_code == 0, f"build exit {built.exit_code}\n{built.stderr}"
    report = archive / "import-report.md"
    return Imported(old, archive, {p.stem: read_record(p) for p in sorted((archive / "items").glob("*.md"))},
                    {p.stem: read_record(p) for p in sorted((archive / "topics").glob("*.md"))},
                    report.read_text(encoding="utf-8") if report.is_file() else "", result)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Callable[[Path], StyleSpec]],
                                                                     tuple[StyleSpec, Imported]]:
    """imported(style) -> (spec, the import): the style's old site, imported and built once per module."""
    done: dict[str, tuple[StyleSpec, Imported]] = {}

    def make(style: Callable[[Path], StyleSpec]) -> tuple[StyleSpec, Imported]:
        if style.__name__ not in done:
            base = tmp_path_factory.mktemp(style.__name__)
            spec = style(base / "old")
            done[style.__name__] = (spec, import_and_build(spec.root, base / "archive"))
        return done[style.__name__]

    return make


# -- pictures ------------------------------------------------------------------------------------------------

def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def same_picture(a: Path, b: Path) -> bool:
    """The same picture at any size or JPEG quality: equal shape, and alike at 16x16 in grey."""
    try:
        with Image.open(a) as one, Image.open(b) as two:
            if abs(one.width / one.height - two.width / two.height) > 0.03:
                return False
            small = [im.convert("L").resize((16, 16), Image.Resampling.BOX) for im in (one, two)]
    except OSError:
        return False
    return float(ImageStat.Stat(ImageChops.difference(*small)).mean[0]) < 8


def items_with_bytes(imp: Imported, old_file: Path) -> list[str]:
    wanted = sha(old_file)
    return [item.id for item in imp.items.values() if imp.image_of(item).is_file()
            and sha(imp.image_of(item)) == wanted]


def items_showing(imp: Imported, old_file: Path) -> list[str]:
    """The items whose image is the picture of `old_file`, at whatever size."""
    return [item.id for item in imp.items.values() if imp.image_of(item).is_file()
            and same_picture(imp.image_of(item), old_file)]


def item_for(imp: Imported, spec: StyleSpec, photo: Photo) -> str | None:
    """The item of a photo: the one with its biggest version's bytes, else the one showing its picture."""
    found = items_with_bytes(imp, spec.root / photo.big) or items_showing(imp, spec.root / photo.big)
    return found[0] if len(found) == 1 else None


def topic_of(imp: Imported, spec: StyleSpec, gallery: str) -> str | None:
    """The topic holding the items of a gallery's photos (all of them)."""
    wanted = {item_for(imp, spec, p) for p in spec.photos if p.gallery == gallery}
    for topic, members in imp.members().items():
        if wanted and None not in wanted and wanted <= set(members):
            return topic
    return None


def fail_on(problems: list[str], what: str) -> None:
    assert not problems, f"{what}:\n  " + "\n  ".join(problems)


def redirect_target(site: Path, old: str) -> Path | None:
    """The file a page of the site at an old path leads to (its meta refresh), or None if it is no redirect."""
    page = parse_html(site / old)
    refresh = [m for m in page.find_all("meta") if (m.get("http-equiv") or "").lower() == "refresh"]
    if not refresh:
        return None
    content = refresh[0].get("content") or ""
    url = re.split(r"(?i)url\s*=\s*", content, maxsplit=1)[-1].strip("'\" ")
    return resolve(site, site / old, url)


# -- the generator styles ------------------------------------------------------------------------------------

parametrize_styles = pytest.mark.parametrize("style", STYLES, ids=[s.__name__ for s in STYLES])


@parametrize_styles
def test_every_photo_is_one_item_with_its_biggest_image(style: Callable[[Path], StyleSpec],
                                                        imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    if len(imp.items) != len(spec.photos):
        problems.append(f"{len(imp.items)} items for {len(spec.photos)} photos: {sorted(imp.items)}")
    for photo in spec.photos:
        exact = items_with_bytes(imp, spec.root / photo.big)
        showing = items_showing(imp, spec.root / photo.big)
        if len(exact) != 1:
            sizes = [Image.open(imp.image_of(imp.items[i])).size for i in showing]
            problems.append(f"{photo.big}: {len(exact)} items with its bytes; items showing its picture: "
                            f"{showing} at {sizes}")
        elif len(showing) > 1:
            problems.append(f"{photo.big}: its picture is in {len(showing)} items: {showing}")
    fail_on(problems, f"{spec.name}: photos and items")


@parametrize_styles
def test_captions_are_verbatim_and_never_chrome_or_file_names(style: Callable[[Path], StyleSpec],
                                                              imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    for photo in spec.photos:
        for item_id in items_showing(imp, spec.root / photo.big):
            if imp.items[item_id].caption != photo.caption:
                problems.append(f"{photo.big} (items/{item_id}.md): caption {imp.items[item_id].caption!r}, "
                                f"expected {photo.caption!r}")
    not_captions = {squash(text) for text in spec.chrome_text + spec.file_names}
    for item in imp.items.values():
        if item.caption and item.caption in not_captions:
            problems.append(f"items/{item.id}.md: caption {item.caption!r} is chrome or a file name")
        alt = squash(str(item.front.get("alt") or ""))
        if alt and alt in not_captions:
            problems.append(f"items/{item.id}.md: alt {alt!r} is chrome or a file name")
    fail_on(problems, f"{spec.name}: captions")


@parametrize_styles
def test_navigation_and_chrome_images_never_become_items(style: Callable[[Path], StyleSpec],
                                                         imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    for old in spec.navigation + spec.chrome_images:
        found = items_with_bytes(imp, spec.root / old) + items_showing(imp, spec.root / old)
        if found:
            problems.append(f"{old} became {sorted(set(found))}")
    for item in imp.items.values():
        with Image.open(imp.image_of(item)) as image:
            if min(image.size) < 60:
                problems.append(f"items/{item.id}.md: a {image.size} image is no photograph")
    fail_on(problems, f"{spec.name}: navigation and chrome as items")


@parametrize_styles
def test_photo_pages_are_merged_and_each_gallery_is_one_topic(style: Callable[[Path], StyleSpec],
                                                              imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    members = imp.members()
    if len(imp.topics) != len(spec.galleries):
        problems.append(f"{len(imp.topics)} topics {sorted(imp.topics)} for the galleries {spec.galleries}")
    photo_pages = {photo.page for photo in spec.photos if photo.page} | set(spec.page_of)
    for topic in imp.topics.values():
        if len(members[topic.id]) <= 1:
            problems.append(f"topics/{topic.id}.md holds {members[topic.id]}: a one-photo topic")
        made_from = photo_pages & set(topic.front.get("redirect_from") or [])
        if made_from:
            problems.append(f"topics/{topic.id}.md was made from the photo page(s) {sorted(made_from)}")
    for gallery in spec.galleries:
        if topic_of(imp, spec, gallery) is None:
            problems.append(f"{gallery}: no topic holds all of its photos")
    fail_on(problems, f"{spec.name}: photo pages and topics")


@pytest.mark.parametrize("style", [handmade_table], ids=["handmade_table"])  # the styles whose captions link
def test_caption_links_lead_to_the_other_photos_item(style: Callable[[Path], StyleSpec],
                                                     imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    for photo in spec.photos:
        if not photo.links_to:
            continue
        source, target = item_for(imp, spec, photo), item_for(imp, spec, spec.photo(photo.links_to))
        if source is None or target is None:
            problems.append(f"{photo.big} or {photo.links_to}: no single item (see the item test)")
            continue
        links = [m["target"] for m in LINK.finditer(imp.items[source].body)]
        if links != [f"item:{target}"]:
            problems.append(f"items/{source}.md links {links}, expected ['item:{target}']")
    fail_on(problems, f"{spec.name}: caption links")


@pytest.mark.parametrize("style", [iview_mediapro], ids=["iview_mediapro"])  # the styles with labelled fields
def test_fields_the_generator_keeps_become_the_items_fields(style: Callable[[Path], StyleSpec],
                                                            imported: Callable) -> None:
    """A photo page's table of annotations (Headline, Date Created, Photographer, Location or City and Country)
    gives the item's title, date, creator and places (ids in places.yaml, the gazetteer's where it knows them);
    the place's words are kept in its source (place_text) when the ids alone say less."""
    spec, imp = imported(style)
    problems = []
    places = yaml.safe_load((imp.archive / "places.yaml").read_text(encoding="utf-8")) if (
        imp.archive / "places.yaml").is_file() else []
    known = {place["id"] for place in places or []}
    for photo in spec.photos:
        item_id = item_for(imp, spec, photo)
        if item_id is None:
            problems.append(f"{photo.big}: no single item (see the item test)")
            continue
        front = imp.items[item_id].front
        found = {"title": str(front.get("title") or ""), "date": str(front.get("date") or ""),
                 "creator": str(front.get("creator") or ""),
                 "place": str((front.get("source") or {}).get("place_text") or ""),
                 "places": ",".join(front.get("places") or [])}
        expected = {key: photo.fields.get(key, "") for key in found}
        if found != expected:
            problems.append(f"items/{item_id}.md: {found}, expected {expected}")
        problems += [f"items/{item_id}.md: its place '{place}' is not in places.yaml"
                     for place in front.get("places") or [] if place not in known]
    fail_on(problems, f"{spec.name}: fields")


@parametrize_styles
def test_every_old_page_leads_to_its_new_page(style: Callable[[Path], StyleSpec], imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    for old in spec.pages:
        if old == "index.html":  # the new home page is there now
            continue
        if not (imp.site / old).is_file():
            problems.append(f"{old}: not in _site")
            continue
        target = redirect_target(imp.site, old)
        if target is None or not target.is_file():
            problems.append(f"{old}: {'no redirect' if target is None else 'leads nowhere'}")
            continue
        kind, of = spec.target(old)
        expected = None
        if kind == "item":
            item = item_for(imp, spec, spec.photo(of or ""))
            expected = imp.site / "items" / str(item) / "index.html"
        elif kind == "topic":
            topic = topic_of(imp, spec, of or "")
            expected = imp.site / "topics" / str(topic) / "index.html"
        if expected is not None and target != expected:
            problems.append(f"{old} leads to {target.relative_to(imp.site)}, expected its {kind} "
                            f"{expected.relative_to(imp.site)}")
    fail_on(problems, f"{spec.name}: old pages")


@parametrize_styles
def test_every_old_photo_url_still_shows_its_picture(style: Callable[[Path], StyleSpec],
                                                     imported: Callable) -> None:
    spec, imp = imported(style)
    problems = []
    for photo in spec.photos:
        for url in photo.urls:
            if not (imp.site / url).is_file():
                problems.append(f"{url}: not in _site")
            elif not same_picture(imp.site / url, spec.root / photo.big):
                problems.append(f"{url}: in _site, but not the picture of {photo.big}")
    fail_on(problems, f"{spec.name}: old photo URLs")


@parametrize_styles
def test_every_old_navigation_and_chrome_image_url_is_kept_or_reported(style: Callable[[Path], StyleSpec],
                                                                      imported: Callable) -> None:
    """Buttons, logos and spacers are not the archive's: they are left out, and the report names each one
    (a person who wants one back copies it by hand); none is silently lost."""
    spec, imp = imported(style)
    missing = [url for url in spec.navigation + spec.chrome_images
               if not (imp.site / url).is_file() and f"`{url}`" not in imp.report]
    fail_on(missing, f"{spec.name}: old navigation and chrome image URLs neither in _site nor in the report")


@parametrize_styles
def test_the_report_maps_every_url_and_says_each_thing_once(style: Callable[[Path], StyleSpec],
                                                            imported: Callable) -> None:
    spec, imp = imported(style)
    assert imp.report, "no import-report.md"
    problems = [f"the report says {n} times: {line!r}" for line, n in Counter(
        line.strip() for line in imp.report.splitlines()
        if line.strip() and not set(line.strip()) <= set("-|: #")).items() if n > 1]
    messages = Counter(m["message"] for m in problem_lines(imp.result.stderr))
    problems += [f"the import says {n} times (one line per kind, with a count): {m!r}"
                 for m, n in messages.items() if n > 1]
    problems += [f"unmapped: {line.strip()}" for line in imp.report.splitlines()
                 if re.search(r"(?i)unmapped|could not (be )?map|no redirect", line)
                 and not re.search(r"(?i)\b(0|no|none)\b (old )?(urls? )?unmapped|unmapped: (0|none)", line)]
    fail_on(problems, f"{spec.name}: import-report.md")


# -- the real old sites ----------------------------------------------------------------------------------------

def corpus_site(name: str) -> Path:
    site = CORPUS / name / "site"
    if not site.is_dir():
        pytest.skip(f"{site} is absent (the shared corpus is not here)")
    return site


def old_pages(site: Path) -> list[str]:
    """The old site's HTML pages a browser can open (FrontPage's _borders/ are pieces of pages)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix.lower() in {".htm", ".html"}
                  and not p.relative_to(site).as_posix().startswith(("_borders/", "_vti")))


def assert_pages_kept_and_no_one_photo_topics(imp: Imported, pages: list[str]) -> None:
    problems = [f"{old}: not in _site" for old in pages if not (imp.site / old).is_file()]
    problems += [f"{old}: no redirect" for old in pages if old != "index.html" and (imp.site / old).is_file()
                 and redirect_target(imp.site, old) is None]
    problems += [f"topics/{topic}.md holds {items}: a one-photo topic"
                 for topic, items in imp.members().items() if len(items) <= 1]
    fail_on(problems, "old pages and topics")


def test_the_photoshop_cs_gallery_in_hebrew(tmp_path: Path) -> None:
    """31 photo pages (two orphans whose images are absent), 29 images at 600 px, an unlinked hi-res folder."""
    site = corpus_site("photoshop-cs-gallery-hebrew")
    imp = import_and_build(site, tmp_path / "archive")
    problems = []
    for image in sorted((site / "images").glob("IMG_*.jpg")):
        bigger = site / "images-hi-res-cropped" / f"{image.stem}.JPG"
        found = items_with_bytes(imp, image) or (items_with_bytes(imp, bigger) if bigger.is_file() else [])
        if len(found) != 1:
            problems.append(f"images/{image.name}: {len(found)} items")
    said_missing = [line for line in imp.report.splitlines()
                    if re.search(r"(?i)missing|absent|not found|not in the old site", line)]
    for page in sorted((site / "pages").glob("*.html")):
        if not (site / "images" / f"{page.stem}.jpg").is_file() and not any(page.stem in s for s in said_missing):
            problems.append(f"images/{page.stem}.jpg (shown by pages/{page.name}) is absent; the report does not "
                            "say so")
    fail_on(problems, "photos present and absent")
    assert_pages_kept_and_no_one_photo_topics(imp, old_pages(site))


def test_the_frontpage_personal_web(tmp_path: Path) -> None:
    """The photo album page shows two GIF photos; the logo on every page (top border) is chrome;
    index.htm is the home page and new_page_1.htm an orphan."""
    site = corpus_site("frontpage-photo-album")
    imp = import_and_build(site, tmp_path / "archive")
    problems = []
    for photo in ("images/sunset.gif", "images/city.gif"):
        found = items_with_bytes(imp, site / photo) or items_showing(imp, site / photo)
        if len(found) != 1:
            problems.append(f"{photo}: {len(found)} items")
    for chrome in ("images/moleculelogo.jpg",):
        found = items_with_bytes(imp, site / chrome) + items_showing(imp, site / chrome)
        if found:
            problems.append(f"{chrome} (the logo on every page) became {found}")
    if len(imp.items) != 2:
        problems.append(f"{len(imp.items)} items: {sorted(imp.items)}")
    fail_on(problems, "photos")
    assert_pages_kept_and_no_one_photo_topics(imp, old_pages(site))


def test_script_literals_give_captions_by_file_name_and_nothing_is_run() -> None:
    from albumen.importers.html_scripts import captions_by_file, literal_groups

    script = """<!--
    myImagesIndexed[0] = new Array("IMG_0101.jpg", "Aunt May at the dock", "", "", "", "IMG_0101.jpg");
    myImages[replaceCharacter('IMG_0101.jpg', '%20', '')] = 0; // new Array("x.jpg", "a comment")
    var pattern = /it's "no" string/g; /* ["y.jpg", "in a comment"] */
    var photos = [{src: 'b.JPG', caption: 'Caf\\u00e9 \\x41 it\\'s'}, {src: "c.jpg", caption: "Tom\\nand Jerry"}];
    var mixed = ["d.jpg", someVariable, "not a caption"]; var half = x / 2; var cut = ["e.jpg", "never closed
    -->"""
    assert literal_groups(script)[0] == ["IMG_0101.jpg", "Aunt May at the dock", "", "", "", "IMG_0101.jpg"]
    assert captions_by_file([script]) == {"img_0101.jpg": "Aunt May at the dock", "b.jpg": "Café A it's",
                                          "c.jpg": "Tom and Jerry"}


def test_galleries_that_only_link_to_each_other_are_not_pages_of_one_gallery(tmp_path: Path) -> None:
    """Paged galleries are one topic (the aperture style); two galleries are not one because a link joins them:
    the same title with a link that is no page number ("The lake house") or "Next" between two titles stay two."""
    from old_site_styles import picture, resized, write

    old = tmp_path / "old"
    pages = {"a.html": ("Family album", "b.html", "The lake house"), "b.html": ("Family album", "a.html", "Home"),
             "c.html": ("Summer 1944", "d.html", "Next"), "d.html": ("Summer 1945", "c.html", "Previous")}
    for page, (title, other, words) in pages.items():
        cells = []
        for n in range(2):
            name = f"{page[0]}{n}"
            resized(old, f"thumbs/{name}.jpg", picture(old, f"big/{name}.jpg", (640, 480), f"links-{name}"), 120)
            cells.append(f'<td><a href="big/{name}.jpg"><img src="thumbs/{name}.jpg" width="120" height="90"></a>'
                         f"<br>Photo {name} of the {title.lower()}.</td>")
        write(old, {page: f"<html><head><title>{title}</title></head><body><h1>{title}</h1><table><tr>"
                          f"{''.join(cells)}</tr></table><p><a href=\"{other}\">{words}</a></p></body></html>"})
    write(old, {"index.html": "<html><head><title>Us</title></head><body><h1>Us</h1><p>"
                + " ".join(f'<a href="{page}">{page}</a>' for page in pages) + "</p></body></html>"})
    imp = import_and_build(old, tmp_path / "archive")
    assert sorted(len(items) for items in imp.members().values()) == [2, 2, 2, 2], imp.members()
