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
from test_import_real_photos import import_site, photo, words, write
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


# -- 5. pages under one title, led to by the menu's buttons, are no later pages of a gallery -----------------------

SITE_TITLE = "Der Solaranlagen-Experte---Solarstadl Hemmetter"
ADDRESS = "Solarstadl Hemmetter, Hauptstraße 5, 91177 Thalmässing, Telefon 09173 1234"


def small_gif(path: Path, seed: str) -> None:
    """A small picture saved as a GIF (a firm's 125x75 emblem on its contact page)."""
    make_jpeg(path.with_suffix(".jpg"), (125, 75), seed=seed)
    with Image.open(path.with_suffix(".jpg")) as image:
        image.quantize(64).save(path)
    path.with_suffix(".jpg").unlink()


def one_title_site(old: Path) -> Path:
    """The site above with every page under the site's title (NetObjects Fusion's default): Produkte a gallery of
    four thumbnails of place names leading to their photos, Kontakt the firm's address between three emblems."""
    nof_site(old)
    thumbs = "".join(f"<td><a href='../assets/images/db_images/db_00{n}ort1.jpg'><img src='../assets/images/"
                     f"db_images/db_00{n}ort.jpg' width='100' height='66'></a><br>Ort {n}</td>" for n in range(1, 5))
    emblems = "".join(f"<p><img src='../assets/images/0000{n}.gif' width='125' height='75'></p>" for n in range(1, 4))
    bodies = {"Produkte": f"<p>Hier sehen Sie einige unserer Anlagen.</p><table><tr>{thumbs}</tr></table>",
              "Kontakt": f"<p><b>Kontakt</b></p>{emblems}<p>{ADDRESS}</p>"}
    for name in SECTIONS:
        body = bodies.get(name, section_text(name) + ("<a href='pt30k.html'>PT30k</a>" if name == "Preise" else "") + (
            f"<p><img src='../assets/images/{name.lower()}.jpg' width='400' height='266'></p>" if name in WITH_PHOTO
            else ""))
        write(old, {f"html/{name.lower()}.html": nof_page(SITE_TITLE, nof_menu(name), body)})
    lit = ('<td><a href="../html/pt30k.html"><img height="27" width="102" src="../assets/images/autogen/'
           'PT30k_Hbuttonover.gif" alt="PT30k"></a></td>')  # a sub-page's own button, lit, beside the menu's
    write(old, {"html/pt30k.html": nof_page(SITE_TITLE, nof_menu(None, lit), "<p>Wechselrichter sorgen dafür, dass "
                                            "der Gleichstrom umgewandelt wird. <a href='aktuelles.html'>Fragen Sie "
                                            "uns!</a></p><p><img src='../assets/images/pt30k.jpg' width='300' "
                                            "height='200'></p>")})
    make_jpeg(old / "assets/images/pt30k.jpg", (300, 200), seed="pt30k")
    button_gif(old / "assets/images/autogen/PT30k_Hbuttonover.gif", "PT30k", lit=True)
    for n in range(1, 5):
        photo(old, f"assets/images/db_images/db_00{n}ort1.jpg", f"assets/images/db_images/db_00{n}ort.jpg",
              size=(400, 266))
    for n in range(1, 4):
        small_gif(old / f"assets/images/0000{n}.gif", f"emblem{n}")
    return old


def test_pages_the_menu_leads_to_are_no_later_pages_of_a_gallery(tmp_path: Path) -> None:
    found = import_site(one_title_site(tmp_path / "old"), tmp_path)
    led_to = by_old_page(found)
    gallery = led_to["html/produkte.html"]
    assert sorted(gallery.redirect_from) == ["html/produkte.html"]
    assert len({led_to[f"html/{name.lower()}.html"].id for name in SECTIONS}) == len(SECTIONS)
    assert len(getattr(gallery, "items", ())) == 4
    assert not isinstance(led_to["html/pt30k.html"], DraftItem)  # a page showing its own button lit: a section's


def test_a_contact_pages_address_is_no_emblems_caption(tmp_path: Path) -> None:
    found = import_site(one_title_site(tmp_path / "old"), tmp_path)
    contact = by_old_page(found)["html/kontakt.html"]
    assert not any("Hauptstraße" in item.caption for item in found.draft.items)
    assert "Hauptstraße 5" in text_of(contact)



ALBUM_SECTIONS = {"family": ["Grandma Elsa in her garden", "Dad with the new Volvo", "Our wedding day"],
                  "travels": ["The harbour at Visby", "Climbing in the Alps", "Aunt Karin in Rome"],
                  "pets": ["Fido asleep on the porch", "The kittens in a basket", "Our horse Blixten"]}


def small_photos_album(old: Path, suffix: str = ".jpg") -> Path:
    """A 1997 hand-made album: a menu of GIF buttons on every page; each section page shows three scans at
    180x135 with a caption under each, and no bigger versions (the scanner's only output)."""
    for name in ["index", *ALBUM_SECTIONS]:
        button_gif(old / f"buttons/{name}.gif", name.title(), lit=False)
    menu = "".join(f'<a href="{name}.html"><img src="buttons/{name}.gif" width="102" height="27"></a>'
                   for name in ["index", *ALBUM_SECTIONS])
    pages = {"index.html": f"<html><head><title>The Anderssons</title></head><body><p>{menu}</p>"
                           "<h1>The Anderssons</h1><p>Welcome to our family pages.</p></body></html>"}
    for name, captions in ALBUM_SECTIONS.items():
        body = ""
        for n, caption in enumerate(captions):
            make_jpeg(old / f"{name}{n}.jpg", (180, 135), seed=f"{name}{n}")
            if suffix == ".gif":  # saved for the web as a GIF, as many 1997 sites did
                with Image.open(old / f"{name}{n}.jpg") as image:
                    image.quantize(256).save(old / f"{name}{n}.gif")
                (old / f"{name}{n}.jpg").unlink()
            body += f'<p><img src="{name}{n}{suffix}" width="180" height="135"><br>{caption}</p>'
        pages[f"{name}.html"] = (f"<html><head><title>{name.title()}</title></head><body><p>{menu}</p>"
                                 f"<h1>{name.title()}</h1>{body}</body></html>")
    write(old, pages)
    return old


def test_a_sections_small_captioned_photos_keep_their_captions_and_topic(tmp_path: Path) -> None:
    found = import_site(small_photos_album(tmp_path / "old"), tmp_path)
    assert sorted(item.caption for item in found.draft.items) == sorted(
        caption for captions in ALBUM_SECTIONS.values() for caption in captions)
    assert sorted(topic.title for topic in found.draft.topics) == ["Family", "Pets", "Travels"]
    assert all(len(topic.items) == 3 for topic in found.draft.topics)


def test_small_captioned_photos_saved_as_gifs_keep_their_captions(tmp_path: Path) -> None:
    found = import_site(small_photos_album(tmp_path / "old", suffix=".gif"), tmp_path)
    assert sorted(item.caption for item in found.draft.items) == sorted(
        caption for captions in ALBUM_SECTIONS.values() for caption in captions)
    assert len(found.draft.topics) == 3

# -- 6. old picture addresses under assets/ (NetObjects Fusion publishes every picture there) keep working ----------


def test_old_picture_addresses_under_assets_are_kept(tmp_path: Path) -> None:
    found = import_site(nof_site(tmp_path / "old"), tmp_path)
    led_to = by_old_page(found)
    assert isinstance(led_to["assets/images/preise.jpg"], DraftItem)
    assert isinstance(led_to["assets/images/aktuelles.jpg"], DraftItem)
    assert not [look.path for look in found.report.looks if "can't be kept" in look.message]


def test_old_addresses_the_site_takes_are_told_once_as_one_kind(tmp_path: Path) -> None:
    old = tmp_path / "old"
    pages = {f"search/{name}.html": f"<html><head><title>{name}</title></head><body><h1>{name}</h1><p><img "
                                    f"src='../assets/vendor/{name}.jpg' width='400' height='300'></p></body></html>"
             for name in ("one", "two", "three")}
    write(old, {**pages, "index.html": "<html><body><h1>Home</h1>" + "".join(
        f"<a href='search/{name}.html'>{name}</a> " for name in ("one", "two", "three")) + "</body></html>"})
    for name in ("one", "two", "three"):
        make_jpeg(old / f"assets/vendor/{name}.jpg", (400, 300), seed=name)
    found = import_site(old, tmp_path)
    lost = [look for look in found.report.looks if "can't be kept" in look.message]
    assert sorted(look.path for look in lost) == sorted(
        [*pages, "assets/vendor/one.jpg", "assets/vendor/two.jpg", "assets/vendor/three.jpg"])
    assert len({look.kind for look in lost}) == 1 and lost[0].kind  # one line in the summary, a count


def test_a_page_under_the_sites_title_is_named_by_its_own_lit_button(tmp_path: Path) -> None:
    found = import_site(one_title_site(tmp_path / "old"), tmp_path)
    led_to = by_old_page(found)
    assert [led_to[f"html/{name}.html"].title for name in ("produkte", "pt30k")] == ["Produkte", "PT30k"]


# -- a page under the site's title is named by the menu's buttons that lead to it (FrontPage's theme bar) -------

TRIPS = {"viaggi.htm": "Equipaggio", "sardegna.htm": "Sardegna", "francia.htm": "Francia"}


def frontpage_theme_site(old: Path) -> Path:
    """FrontPage's theme buttons (140x50 GIFs with the page's name drawn, alt the name) lead to every page but the
    one they are on; every page's <title> is the site's; each trip page shows its photos under no heading."""
    for target, label in TRIPS.items():
        button_gif(old / "_derived" / f"{target}_cmp_expeditn010_hbtn.gif", label, lit=False)
    pages = {}
    for n, current in enumerate(TRIPS):
        bar = "".join(f"<a href='{target}'><img src='_derived/{target}_cmp_expeditn010_hbtn.gif' width=140 height=50 "
                      f"alt='{label}'></a>" for target, label in TRIPS.items() if target != current)
        shown = ""
        for k in range(3):
            name = f"photos/{current[:-4]}{k}.jpg"
            make_jpeg(old / name, (400, 300), seed=name)
            shown += f"<p><img src='{name}' width=400 height=300></p>"
        pages[current] = (f"<html><head><meta name='GENERATOR' content='Microsoft FrontPage 5.0'><title>Casamuscas"
                          f"</title></head><body><p>{bar}</p>{shown}<p>Foto di famiglia, viaggio {n}.</p>"
                          "</body></html>")
    pages["index.htm"] = ("<html><head><title>Casamuscas</title></head><body><h1>Casamuscas</h1><p>"
                          + "".join(f"<a href='{target}'><img src='_derived/{target}_cmp_expeditn010_hbtn.gif' "
                                    f"width=140 height=50 alt='{label}'></a>" for target, label in TRIPS.items())
                          + "</p><p>Benvenuti nel sito della nostra famiglia.</p></body></html>")
    return write(old, pages)


def test_a_page_under_the_sites_title_is_named_by_the_menu_buttons_leading_to_it(tmp_path: Path) -> None:
    found = import_site(frontpage_theme_site(tmp_path / "old"), tmp_path)
    led_to = by_old_page(found)
    assert {target: led_to[target].title for target in TRIPS} == TRIPS
