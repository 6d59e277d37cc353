"""`albumen import html` on the kinds of old site the eighth round of real sites showed misread (issue 13,
/work/notes/realsites8_report.md): a NetObjects Fusion site, whose menu shows the page it is on as a highlighted
button of its own (a different small GIF on each page, leading to that page itself), and whose pictures are all
published under assets/images/.
Each old site is written here by code, with real JPEG and GIF files; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from albumen.importers.drafts import DraftItem
from conftest import make_jpeg
from test_import_real_photos import import_site, words, write
from test_import_real_sites8 import by_old_page, text_of

# -- 2. a menu button highlighted for the page it is on is navigation, never a photo ----------------------------

SECTIONS = ["Produkte", "Preise", "Service", "Aktuelles", "Technik", "Wissen", "Montage", "Kontakt", "Impressum",
            "Restposten"]
WITH_PHOTO = ["Preise", "Aktuelles"]  # the others are text alone, but for the menu


def button_gif(path: Path, label: str, lit: bool) -> None:
    """A NetObjects Fusion navigation button: the section's name on a flat face, 102x27, lit for the current page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shade = sum(map(ord, label))
    face = (240, 180, 40) if lit else (20 + shade % 60, 60 + shade % 80, 120 + shade % 100)
    image = Image.new("RGB", (102, 27), face)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 101, 26), outline=(255, 255, 255))
    draw.text((8, 7), label, fill=(0, 0, 0) if lit else (255, 255, 255))
    image.quantize(16).save(path)


def nof_menu(current: str | None, extra: str = "") -> str:
    """The row of buttons: each section's plain button, the current page's own lit one (leading to itself)."""
    cells = []
    for name in SECTIONS:
        state = "Hbuttonover" if name == current else "Nbutton"
        cells.append(f'<td><a href="../html/{name.lower()}.html" class="nof-navButtonAnchor"><img height="27" '
                     f'width="102" src="../assets/images/autogen/{name}_{state}.gif" border="0" alt="{name}" '
                     f'title="{name}"></a></td>')
    return f"<table><tr>{''.join(cells)}{extra}</tr></table>"


def nof_page(title: str, menu: str, body: str) -> str:
    return (f"<html><head><meta name='GENERATOR' content='NetObjects Fusion 9 for Windows'><title>{title}</title>"
            "</head><body><table><tr><td><img src='../assets/images/logo.jpg' width='150' height='60'></td></tr>"
            f"</table>{menu}<table><tr><td><img src='../assets/images/start.jpg' width='612' height='170'></td></tr>"
            f"<tr><td>{body}</td></tr></table></body></html>")


def section_text(name: str) -> str:
    return (f"<p><b>{name} der Firma</b></p><p>Auf dieser Seite finden Sie alles über {name}: wie wir arbeiten, was "
            f"es kostet und wen Sie fragen können. Wir beraten Sie gern und kommen auch zu Ihnen nach Hause.</p>")


def nof_site(old: Path) -> Path:
    """Ten section pages under the site's banner, each with its text, two with one photo under it; a sitemap with
    one more button (Home) that no other page shows, and a home page."""
    pages = {f"html/{name.lower()}.html": nof_page(name, nof_menu(name), section_text(name) + (
        f"<p><img src='../assets/images/{name.lower()}.jpg' width='400' height='266'></p>" if name in WITH_PHOTO
        else "")) for name in SECTIONS}
    home = ('<td><a href="../index.html" class="nof-navButtonAnchor"><img height="27" width="102" '
            'src="../assets/images/autogen/Home_Nbutton.gif" alt="Home"></a></td>')
    links = " | ".join(f"<a href='{name.lower()}.html'>{name.upper()}</a>" for name in SECTIONS)
    pages["html/sitemap.html"] = nof_page("Sitemap", nof_menu(None, home), f"<p>{links} | SITEMAP</p>")
    pages["index.html"] = ("<html><head><title>Solarstadl</title></head><body><img src='assets/images/logo.jpg' "
                           "width='150' height='60'><img src='assets/images/sonne.jpg' width='200' height='200'>"
                           "<img src='assets/images/start.jpg' width='612' height='170'>"
                           "<h1>Solarstadl</h1><p>Willkommen. "
                           "<a href='html/produkte.html'>Unsere Produkte</a> und <a href='html/service.html'>unser "
                           "Service</a>, <a href='html/sitemap.html'>Sitemap</a>.</p></body></html>")
    write(old, pages)
    make_jpeg(old / "assets/images/logo.jpg", (150, 60), seed="logo")
    make_jpeg(old / "assets/images/start.jpg", (612, 170), seed="start")  # the banner over every page
    make_jpeg(old / "assets/images/sonne.jpg", (200, 200), seed="sonne")
    for name in WITH_PHOTO:
        make_jpeg(old / f"assets/images/{name.lower()}.jpg", (400, 266), seed=name)
    for name in SECTIONS:
        button_gif(old / f"assets/images/autogen/{name}_Nbutton.gif", name, lit=False)
        button_gif(old / f"assets/images/autogen/{name}_Hbuttonover.gif", name, lit=True)
    button_gif(old / "assets/images/autogen/Home_Nbutton.gif", "Home", lit=False)
    return old


def test_a_menu_button_lit_for_its_own_page_is_no_photo(tmp_path: Path) -> None:
    found = import_site(nof_site(tmp_path / "old"), tmp_path)
    assert [item.image for item in found.draft.items if "button" in item.image.lower()] == []
    assert sorted(item.image.rpartition("/")[2] for item in found.draft.items) == [
        "aktuelles.jpg", "preise.jpg", "sonne.jpg"]


def test_each_section_page_stays_its_own_with_its_text(tmp_path: Path) -> None:
    found = import_site(nof_site(tmp_path / "old"), tmp_path)
    led_to = by_old_page(found)
    records = [led_to[f"html/{name.lower()}.html"] for name in SECTIONS]
    assert len({record.id for record in records}) == len(SECTIONS)
    items = {item.id: item for item in found.draft.items}
    for name, record in zip(SECTIONS, records, strict=True):
        assert not isinstance(record, DraftItem), name
        shown = [text_of(record)] + [text_of(items[key]) for key in getattr(record, "items", ())]
        assert any("wie wir arbeiten" in text for text in shown), name  # its text, or its one photo's caption


def test_links_to_a_section_lead_to_its_page_never_to_a_buttons_item(tmp_path: Path) -> None:
    found = import_site(nof_site(tmp_path / "old"), tmp_path)
    texts = [words(t.narrative) for t in found.draft.topics] + [words(p.body) for p in found.draft.pages]
    assert not any("(item:" in text for text in texts), texts
