"""urls.py owns every URL of the built site: one `url_for(record)` and its friends, for Python and templates
alike; no other module of the site's making, and no template, builds a path."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from albumen import urls
from albumen.dates import parse_date
from albumen.discovery import Creator, Decade, timeline
from albumen.records import Item, Page, Place, Subject, Topic

SRC = Path(urls.__file__).parent
# The modules that make the site (pages, data files, IIIF, the site model): none may build a site path itself.
SITE_MODULES = ["site.py", "iiif.py", "discovery.py", "citation.py", "theme_files.py", *(
    str(p.relative_to(SRC)) for p in (SRC / "stages").glob("*.py")
    if p.stem.startswith("render") or p.stem in {"page_list", "templates", "page_context", "cards", "media",
                                                 "redirects"})]
SECTIONS = ("items/", "topics/", "places/", "subjects/", "creators/", "decades/", "timeline/", "media/", "iiif/",
            "map/", "search/")


def test_every_record_has_its_stable_url():
    item = Item("liuzhou-mother", "items/liuzhou-mother.md", "a.jpg", "Mother", "")
    pages = timeline([item, Item("b", "", "b.jpg", "b", "", date=parse_date("1950"))]).pages(per_page=1)
    assert [urls.url_for(r) for r in (
        item, Topic("ichigo", "topics/ichigo.md", "Ichigo", ""), Place("liuzhou", "Liuzhou"),
        Subject("railway-stations", "Railway stations"), Creator("unknown", "Unknown"), Decade(1940),
        Page("about", "pages/about.md", "About", ""), *pages)] == [
        "items/liuzhou-mother/", "topics/ichigo/", "places/liuzhou/", "subjects/railway-stations/",
        "creators/unknown/", "decades/1940s/", "about/", "timeline/", "timeline/2/"]
    assert urls.item_url("x") == urls.url_for(item).replace("liuzhou-mother", "x")
    assert urls.scheme_url("place", "liuzhou") == "places/liuzhou/"
    assert {s: urls.scheme_url(s, "x") for s in urls.SCHEMES} == {
        "item": "items/x/", "topic": "topics/x/", "place": "places/x/"}


def test_a_subject_or_creator_name_is_its_page_by_the_one_slug_rule():
    assert urls.subject_url("Railway Stations") == "subjects/railway-stations/"
    assert urls.creator_url("Unknown  American serviceman") == "creators/unknown-american-serviceman/"
    assert urls.subject_url("?!") == "subjects/subject/"  # no letter or digit: the fallback
    assert urls.subject_url("Café Müller") == "subjects/café-müller/"


def test_gallery_pages_files_and_folders():
    assert [urls.paged_url("topics/x/", n) for n in (1, 2)] == ["topics/x/", "topics/x/page-2.html"]
    assert [urls.page_file(u) for u in ("", "items/x/", "items/page-2.html")] == [
        "index.html", "items/x/index.html", "items/page-2.html"]
    assert [urls.folder_of(u) for u in ("", "items/x/", "items/page-2.html", "old.html")] == [
        "", "items/x/", "items/", ""]
    assert urls.relative_url(urls.folder_of("topics/x/page-2.html"), "items/y/") == "../../items/y/"
    assert urls.on_map(Place("liuzhou", "Liuzhou")) == "map/#place-liuzhou"
    assert urls.full_size_url(Item("x", "", "x.jpg", "x", "")) == "iiif/items/x/image/full/max/0/default.jpg"


def _built_paths(module: Path) -> list[str]:
    """Every string constant or f-string of a module that starts like a path in the built site."""
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
            if any(s in text for s in SECTIONS) or re.search(r"page-\d*|index\.html", text):
                found.append(f"{module.name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(SECTIONS):
            found.append(f"{module.name}:{node.lineno}: {node.value!r}")
    return found


def test_no_module_of_the_site_builds_a_path():
    assert "site.py" in SITE_MODULES and "stages/render.py" in SITE_MODULES
    built = [path for name in SITE_MODULES for path in _built_paths(SRC / name)]
    assert not built, "build these with albumen.urls:\n" + "\n".join(built)


def test_the_importers_and_the_studio_build_no_site_path():
    """They link to the new site's pages too (an imported caption's links, the studio's thumbnails): through
    urls. Their paths of the archive's own files (items/ID.md) and the studio's own routes (/_studio/) are theirs."""
    modules = sorted([*(SRC / "importers").glob("*.py"), *(SRC / "studio").glob("*.py")])
    assert any(m.name == "html_site.py" for m in modules) and any(m.name == "editing.py" for m in modules)
    built = [path for module in modules for path in _built_paths(module)
             if "f'" in path or 'f"' in path if ".md" not in path and "/_studio/" not in path]
    assert not built, "build these with albumen.urls:\n" + "\n".join(built)


def test_no_template_builds_a_path():
    """A template links with link(url_for(record)) and friends; it never joins a path with `~`, nor makes a
    subject's slug."""
    built = []
    for template in sorted((SRC / "theme" / "templates").glob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            for call in re.findall(r"link\(([^{}]*?)\)\s*}}", line):
                if "~" in call:
                    built.append(f"{template.name}:{number}: link({call})")
            if "slugify" in line or re.search(r"\}\}#", line):
                built.append(f"{template.name}:{number}: {line.strip()}")
    assert not built, "build these with albumen.urls' functions:\n" + "\n".join(built)
