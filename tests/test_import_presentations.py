"""`albumen import html` on presentations saved as web pages (PowerPoint's "Save as Web Page", issue 13): one topic
per presentation, its slides' photos in the outline's order, whatever a slide holds; its masters' pictures no photos.

A real Swedish site (ahnlund) held 27 such talks: read page by page they made 178 topics, 100 of one photo. The
presentation is written here by code, as PowerPoint 2003 writes it, with real JPEGs; no file of the site is here.
"""

from __future__ import annotations

from pathlib import Path

from albumen.importers.drafts import DraftTopic
from test_import_real_photos import HtmlImport, import_site, item_of, photo, words, write

HEAD = ("<html><head><meta name=ProgId content=PowerPoint.Slide><link id=Main-File rel=Main-File "
        "href=\"../{main}\"><title>Bild {n}</title></head><body>")
# Each slide: its file, its title, the words under its pictures, its pictures. The outline lists them 1, 3, 2;
# slide 4 is hidden (in no outline: its file was kept).
SLIDES = [
    ("slide0001.htm", "Paris 1965", "", ["slide0001_image001.jpg"]),
    ("slide0003.htm", "Eiffeltornet", "Kickan och Gösta vid tornet, maj 1965", ["slide0003_image004.jpg",
                                                                                  "slide0003_image005.jpg"]),
    ("slide0002.htm", "Louvren", "Mamma och pappa framför Louvren", ["slide0002_image002.jpg"]),
    ("slide0004.htm", "Hemresan", "Tåget hem från Gare du Nord", ["slide0004_image006.jpg"]),
    ("slide0005.htm", "Minnen", "Vi bodde på ett litet hotell vid Seine och åt croissanter varje morgon.", []),
]
OUTLINE_ORDER = ["slide0001.htm", "slide0003.htm", "slide0002.htm", "slide0005.htm"]


def presentation_site(old: Path, folder: str = "Paris-filer", main: str | None = "Paris.htm") -> Path:
    """The family's home page links the talk's main page; the main page's script opens FOLDER/frame.htm, a frameset
    of the outline and the first slide; every part names the main page as its Main-File."""
    main_name = main or "Paris.htm"
    files = {
        "index.html": f"<html><head><title>Familjen</title></head><body><h1>Familjen</h1><p>"
                      f"<a href='{main_name}'>Resan till Paris</a></p></body></html>",
        f"{folder}/frame.htm": HEAD.format(main=main_name, n=1).replace("<body>", "") + (
            "<frameset cols='25%,*'><frame src=outline.htm name=PPTOtl><frame src=slide0001.htm name=PPTSld>"
            "</frameset></html>"),
        f"{folder}/outline.htm": HEAD.format(main=main_name, n=1) + "".join(
            f"<p><a href=\"javascript:GoToSld('{name}');\">{title}</a></p>"
            for name in OUTLINE_ORDER for file, title, _, _ in SLIDES if file == name)
            + "<a href=master01.htm></a></body></html>",
        f"{folder}/master01.htm": HEAD.format(main=main_name, n=1) + (
            "<img src='master01_background.jpg' width=720 height=540><div>Klicka här för att ändra format på "
            "bakgrundstexten</div><div>Nivå två</div></body></html>"),
    }
    if main:
        files[main] = ("<html><head><link rel=File-List href='Paris-filer/filelist.xml'><title>Bild 1</title>"
                       "</head><body><p>Presentationen innehåller grafik som din webbläsare kanske inte kan visa."
                       f"</p><p>Om du vill fortsätta klickar du <a href='{folder}/frame.htm'>här</a>.</p>"
                       "</body></html>")
    for n, (file, title, words_under, pictures) in enumerate(SLIDES, 1):
        shown = "".join(f"<div><img src='{picture}' width=320 height=240></div>" for picture in pictures)
        under = f"<div><p>{words_under}</p></div>" if words_under else ""
        files[f"{folder}/{file}"] = (HEAD.format(main=main_name, n=n)
                                     + f"<div class=T><p>{title}</p></div>{shown}{under}</body></html>")
        for picture in pictures:
            photo(old, f"{folder}/{picture}", size=(640, 480))
    photo(old, f"{folder}/master01_background.jpg", size=(720, 540))
    return write(old, files)


def topics_holding(found: HtmlImport, item_ids: set[str]) -> list[DraftTopic]:
    return [topic for topic in found.draft.topics if item_ids & set(topic.items)]


def slide_items(found: HtmlImport, folder: str = "Paris-filer") -> list[str]:
    """The items of the slides' pictures, in the outline's order, the hidden slide last."""
    order = [*OUTLINE_ORDER, "slide0004.htm"]
    pictures = [picture for name in order for file, _, _, shown in SLIDES if file == name for picture in shown]
    return [item_of(found, f"{folder}/{picture}").id for picture in pictures]


def test_a_presentation_is_one_topic_of_all_its_slides_photos_in_the_outlines_order(tmp_path: Path) -> None:
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    items = slide_items(found)
    topics = topics_holding(found, set(items))
    assert len(topics) == 1, [(t.title, t.items) for t in found.draft.topics]
    assert list(topics[0].items) == items  # a slide of two photos is no topic of its own
    assert topics[0].title == "Paris 1965"  # the first slide's title, not <title>Bild 1</title>


def test_a_slides_words_stay_its_photos_captions(tmp_path: Path) -> None:
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    assert "Mamma och pappa framför Louvren" in words(item_of(found, "Paris-filer/slide0002_image002.jpg").caption)
    assert "Tåget hem från Gare du Nord" in words(item_of(found, "Paris-filer/slide0004_image006.jpg").caption)


def test_the_topic_tells_the_slides_of_words_and_the_words_beside_several_photos(tmp_path: Path) -> None:
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    topic = topics_holding(found, set(slide_items(found)))[0]
    told = words(topic.narrative)
    assert "Vi bodde på ett litet hotell vid Seine och åt croissanter varje morgon." in told
    assert "Paris-filer/slide0005.htm" in topic.redirect_from  # a slide of words is no page of its own
    assert not [page for page in found.draft.pages if "slide" in page.id or page.title.startswith("Bild")]
    shown_twice = [item_of(found, f"Paris-filer/slide0003_image00{n}.jpg") for n in (4, 5)]
    assert "Eiffeltornet" in told or any("Eiffeltornet" in words(item.caption) for item in shown_twice)


def test_a_masters_background_is_no_photo_and_is_told(tmp_path: Path) -> None:
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    assert not [item.image for item in found.draft.items if "master01" in item.image]
    assert "Paris-filer/master01_background.jpg" in [image for image, _ in found.report.chrome_images]
    assert not [t for t in found.draft.topics if "Klicka" in t.title or t.title.startswith("Bild")]


def test_every_part_of_a_presentation_keeps_its_address(tmp_path: Path) -> None:
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    topic = topics_holding(found, set(slide_items(found)))[0]
    for old in ("Paris.htm", "Paris-filer/frame.htm", "Paris-filer/outline.htm", "Paris-filer/master01.htm",
                "Paris-filer/slide0003.htm"):
        assert old in topic.redirect_from, (old, topic.redirect_from)
    one_photo_slide = item_of(found, "Paris-filer/slide0002_image002.jpg")
    assert "Paris-filer/slide0002.htm" in one_photo_slide.redirect_from  # a slide of one photo is its page
    assert not found.report.unmapped


def test_a_presentation_whose_main_page_was_not_saved_is_still_one_topic(tmp_path: Path) -> None:
    """The parts name a main page that is not in the folder (saved apart, renamed: 'Avslå' vs 'Avsla')."""
    found = import_site(presentation_site(tmp_path / "old", folder="Resa-filer", main=None), tmp_path)
    items = slide_items(found, "Resa-filer")
    topics = topics_holding(found, set(items))
    assert len(topics) == 1 and list(topics[0].items) == items


def test_pages_that_name_no_main_file_are_read_as_before(tmp_path: Path) -> None:
    """Without the Main-File links, a slide of two photos is a gallery of its own: the rule rests on that link."""
    old = presentation_site(tmp_path / "old")
    for page in (old / "Paris-filer").glob("*.htm"):
        page.write_text(page.read_text(encoding="utf-8").replace("rel=Main-File", "rel=stylesheet"), encoding="utf-8")
    found = import_site(old, tmp_path)
    assert len(topics_holding(found, set(slide_items(found)))) >= 2


def test_a_workbooks_sheets_are_no_presentation(tmp_path: Path) -> None:
    """Excel's "Save as Web Page" names its Main-File in every sheet too: each sheet of photos stays its own topic."""
    old = tmp_path / "old"
    link = "<meta name=ProgId content=Excel.Sheet><link rel=Main-File href='../Book1.htm'>"
    sheets = {"sheet001.htm": ("Smiths", ["John Smith, 1920", "Mary Smith, 1925"]),
              "sheet002.htm": ("Joneses", ["Tom Jones, 1930", "Ann Jones, 1932"])}
    files = {"index.html": "<html><head><title>Home</title></head><body><h1>Home</h1>"
                           "<a href='Book1.htm'>Our list</a></body></html>",
             "Book1.htm": "<html><head><meta name=ProgId content=Excel.Sheet><title>Book1</title></head><frameset "
                          "rows='*,39'><frame src='Book1_files/sheet001.htm'><frame src='Book1_files/tabstrip.htm'>"
                          "</frameset></html>",
             "Book1_files/tabstrip.htm": f"<html><head>{link}</head><body><a href='sheet001.htm'>Smiths</a> "
                                         "<a href='sheet002.htm'>Joneses</a></body></html>"}
    for n, (file, (family, people)) in enumerate(sheets.items()):
        rows = "".join(f"<tr><td><img src='image{n}{k}.jpg' width=320 height=240></td><td>{who}</td></tr>"
                       for k, who in enumerate(people))
        files[f"Book1_files/{file}"] = (f"<html><head>{link}<title>{family}</title></head><body><table><tr><td>"
                                        f"{family} family</td></tr>{rows}</table></body></html>")
        for k in range(len(people)):
            photo(old, f"Book1_files/image{n}{k}.jpg", size=(640, 480))
    found = import_site(write(old, files), tmp_path)
    smiths = {item_of(found, f"Book1_files/image0{k}.jpg").id for k in (0, 1)}
    joneses = {item_of(found, f"Book1_files/image1{k}.jpg").id for k in (0, 1)}
    assert not [topic for topic in found.draft.topics if smiths & set(topic.items) and joneses & set(topic.items)]


def test_a_slide_of_words_is_a_section_of_the_topics_story_headed_by_its_title(tmp_path: Path) -> None:
    """ahnlund's talks told their slides as one run of paragraphs: a slide's title is the heading of its words."""
    found = import_site(presentation_site(tmp_path / "old"), tmp_path)
    topic = topics_holding(found, set(slide_items(found)))[0]
    blocks = topic.narrative.split("\n\n")
    assert "## Minnen" in blocks
    assert blocks[blocks.index("## Minnen") + 1].startswith("Vi bodde på ett litet hotell")
    assert "## Paris 1965" not in blocks  # the first slide's title is the topic's own


def test_a_slides_first_line_is_no_heading_unless_it_is_the_slides_title(tmp_path: Path) -> None:
    """A slide of who came along, no title placeholder: its first name is no heading (review 11)."""
    old = presentation_site(tmp_path / "old")
    slide = old / "Paris-filer" / "slide0005.htm"
    slide.write_text(slide.read_text(encoding="utf-8").replace(
        "<div class=T><p>Minnen</p></div>", "<div class=B><p>Kickan och Gösta</p><p>Mamma och pappa</p></div>"),
        encoding="utf-8")
    found = import_site(old, tmp_path)
    narrative = topics_holding(found, set(slide_items(found)))[0].narrative
    assert "Kickan och Gösta" in narrative and "## " not in narrative
