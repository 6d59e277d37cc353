"""Old photo sites as the gallery makers of 1996-2012 wrote them, built in tmp_path for the import tests.

Each function writes one generator's output (pages and real JPEGs: the thumbnail is the big picture resized,
another size is the same picture again, a re-saved copy has other bytes and the same pixels) and returns a
StyleSpec: what a person browsing the old site sees, and so what a correct import must find.

The markup follows real output seen in public repositories and in ../shared/corpus/old-sites/ (studied, not
copied): Photoshop's Web Photo Gallery (7.0 "Simple" table pages with 30 px arrows in images/; CS's frames
style with iframes, a JavaScript slideshow and captions only in ThumbnailFrame.htm's script), FrontPage 2000
webs (shared borders between <!--msnavigation--> comments, theme buttons in _derived/, Auto Thumbnail's
*_small.jpg with xthumbnail-orig-image and "name (N bytes)" alt texts, new_page_1.htm), JAlbum's classic
slide template (slides/, thumbs/, res/, labels cut to "long_right_profi..."), Picasa's HTML export
(images/ and thumbnails/), iPhoto's web page export (Images/, Thumbnails/, Pages/ImageN.html), Lightroom's
HTML gallery (content/bin/images/large|thumb/, *_large.html, Live Update ids), Dreamweaver's Create Web
Photo Album, a hand-made table site with per-photo pages, and a meta-refresh slideshow.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

# -- what a correct import must find ------------------------------------------------------------------------


@dataclass
class Photo:
    """One picture of the old site, however many files show it."""

    big: str  # its biggest version in the old site (most pixels; then most bytes)
    caption: str  # the words a reader sees as its caption, whitespace normalised; "" when the site has none
    thumbnail: str | None = None
    page: str | None = None  # its own page, if it has one
    links_to: str | None = None  # the big file of the photo its caption links to
    other_sizes: tuple[str, ...] = ()  # the same picture under other names: other sizes, re-saved copies
    gallery: str | None = None  # the gallery page that shows it
    fields: dict[str, str] = field(default_factory=dict)  # title, date (EDTF), creator, place: where kept

    @property
    def urls(self) -> list[str]:
        return [self.big, *([self.thumbnail] if self.thumbnail else []), *self.other_sizes]


@dataclass
class StyleSpec:
    name: str
    root: Path
    generator: str
    photos: list[Photo] = field(default_factory=list)
    galleries: list[str] = field(default_factory=list)  # the pages that are galleries: one topic each
    pages: list[str] = field(default_factory=list)  # every HTML page of the old site a browser can open
    frames: dict[str, str] = field(default_factory=dict)  # a frame's page -> the gallery page that holds it
    continued: dict[str, str] = field(default_factory=dict)  # a paged gallery's later pages -> its first page
    page_of: dict[str, str] = field(default_factory=dict)  # other pages about one photo -> that photo's big
    navigation: list[str] = field(default_factory=list)  # prev/next/home/up images
    chrome_images: list[str] = field(default_factory=list)  # logos, banners, spacers, theme buttons
    chrome_text: list[str] = field(default_factory=list)  # text repeated on many pages: never a caption
    file_names: list[str] = field(default_factory=list)  # shown texts that are only file names (or cut ones)
    missing: list[str] = field(default_factory=list)  # image URLs the pages name that are not in the folder

    def photo(self, big: str) -> Photo:
        return next(p for p in self.photos if p.big == big)

    @property
    def photo_urls(self) -> list[str]:
        return [url for photo in self.photos for url in photo.urls]

    def target(self, old: str) -> tuple[str, str | None]:
        """Where an old page must lead: ("item", big), ("topic", gallery page), or ("any", None)."""
        for photo in self.photos:
            if photo.page == old:
                return "item", photo.big
        if old in self.page_of:
            return "item", self.page_of[old]
        if old in self.galleries:
            return "topic", old
        if old in self.frames:
            return "topic", self.frames[old]
        if old in self.continued:
            return "topic", self.continued[old]
        return "any", None


# -- files --------------------------------------------------------------------------------------------------

def write(root: Path, files: Mapping[str, str | bytes], encoding: str = "utf-8") -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))


def picture(root: Path, rel: str, size: tuple[int, int], seed: str, quality: int = 90) -> Image.Image:
    """A distinct picture per seed: random shapes on a random ground, so that no two seeds look alike even to
    a perceptual hash (make_jpeg's pictures share one layout and differ only in colour)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        box = (x0, y0, x0 + rng.randrange(width // 8, width // 2), y0 + rng.randrange(height // 8, height // 2))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    save(image, root / rel, quality)
    return image


def resized(root: Path, rel: str, image: Image.Image, width: int, quality: int = 85) -> None:
    """The same picture at another width (a thumbnail, a slide, a web copy)."""
    height = round(image.height * width / image.width)
    save(image.resize((width, height), Image.Resampling.LANCZOS), root / rel, quality)


def save(image: Image.Image, path: Path, quality: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality)


def gif(root: Path, rel: str, size: tuple[int, int], colour: tuple[int, int, int]) -> str:
    """A small GIF (an arrow, a button, a spacer): a flat colour with a darker triangle."""
    image = Image.new("RGB", size, colour)
    w, h = size
    if w > 4 and h > 4:
        ImageDraw.Draw(image).polygon([(w // 4, h // 4), (w * 3 // 4, h // 2), (w // 4, h * 3 // 4)],
                                      fill=tuple(c // 3 for c in colour))
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "GIF")
    return rel


def gifs(root: Path, rels: list[str], size: tuple[int, int] = (30, 30)) -> list[str]:
    return [gif(root, rel, size, (60 + 40 * n % 190, 90, 150)) for n, rel in enumerate(rels)]


# -- 1. Photoshop Web Photo Gallery, 7.0 "Simple": a table of thumbnails, a page per photo ------------------

def photoshop_table(root: Path) -> StyleSpec:
    """index.htm (banner table, thumbnails with file names under them) -> pages/IMG_000N.htm (the banner
    again, Previous/Home/Next 30 px GIFs in images/, the photo, its File Info caption, its file name)."""
    title, author, date = "Grandpa's Garden, Summer 2003", "Walter Miller", "08/17/03"
    captions = ["Tomatoes along the back fence, the best year we ever had.",
                "Walter with the prize pumpkin (it weighed 212 pounds).", "",
                "The bean rows after the August storm."]
    names = [f"IMG_000{n}" for n in range(1, 5)]
    generator = "Adobe Photoshop(R) 7.0 Web Photo Gallery"
    spec = StyleSpec("photoshop_table", root, generator, galleries=["index.htm"], pages=["index.htm"])
    spec.navigation = gifs(root, ["images/previous.gif", "images/home.gif", "images/next.gif"])
    banner = f"""<TABLE border="0" cellpadding="5" cellspacing="2" width="100%" bgcolor=#F0F0F0>
<TR>
<TD><FONT size=3 face=Arial><B>{title}</B>
<BR>{author}
<BR>{date}
<BR><A href="mailto:walter@example.net">walter@example.net</A></FONT></TD>
</TR>
</TABLE>"""

    def head(page_title: str, up: str = "") -> str:
        return (f'<HTML>\n<HEAD>\n<TITLE>{page_title}</TITLE>\n<META name="generator" content="{generator}">\n'
                '<META http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n</HEAD>\n'
                "<BODY bgcolor=#FFFFFF text=#000000 link=#0000FF vlink=#800080 alink=#FF0000>\n\n" + banner)

    cells, files = [], {}
    for n, (name, caption) in enumerate(zip(names, captions, strict=True), start=1):
        image = picture(root, f"images/{name}.jpg", (450, 338), f"ps-table-{n}")
        resized(root, f"thumbnails/{name}.jpg", image, 100)
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"thumbnails/{name}.jpg", f"pages/{name}.htm",
                                 gallery="index.htm"))
        spec.pages.append(f"pages/{name}.htm")
        cells.append(f'<TD align="center"><A name={n} href="pages/{name}.htm"><IMG src="thumbnails/{name}.jpg" '
                     f'height="75" width="100" border=0 alt="{name}"></A><BR>'
                     f'<FONT size=2 face="Arial">{name}.jpg</FONT></TD>')
        previous, following = names[(n - 2) % 4], names[n % 4]
        caption_row = (f'<P><CENTER><FONT size=3 face="Arial">{caption}</FONT></CENTER></P>\n' if caption else "")
        files[f"pages/{name}.htm"] = head(name) + f"""
<P><CENTER>
<TABLE border="0" cellpadding="0" cellspacing="2" width="200">
<TR>
<TD width="80" align="center"><A href="{previous}.htm"><IMG src="../images/previous.gif" height="30" width="30" border="0" alt="Previous"></A></TD>
<TD width="80" align="center"><A href="../index.htm#{n}"><IMG src="../images/home.gif" height="30" width="30" border="0" alt="Home"></A></TD>
<TD width="80" align="center"><A href="{following}.htm"><IMG src="../images/next.gif" height="30" width="30" border="0" alt="Next"></A></TD>
</TR>
</TABLE>
</CENTER></P>
<P><CENTER><IMG src="../images/{name}.jpg" border="0" alt="{name}"></CENTER></P>
{caption_row}<P><CENTER><FONT size=2 face="Arial">{name}.jpg</FONT></CENTER></P>
</BODY>
</HTML>
"""  # noqa: E501
    rows = "</TR>\n<TR>\n".join("\n".join(cells[i:i + 3]) for i in range(0, len(cells), 3))
    files["index.htm"] = head(title) + f"""
<P><CENTER>
<TABLE cellspacing=10 cellpadding=0 border=0>
<TR>
{rows}
</TR>
</TABLE>
</CENTER></P>
</BODY>
</HTML>
"""
    files["UserSelections.txt"] = "100 1 450 12 0 0 36 0 100 0 0 0 0 0 1 # Grandpa's Garden\n"
    write(root, files, "cp1252")
    spec.chrome_text = [title, author, date, "walter@example.net"]
    spec.file_names = [*names, *(f"{name}.jpg" for name in names)]
    return spec


# -- 2. Photoshop Web Photo Gallery, CS frames style with a slideshow ---------------------------------------

def photoshop_frames(root: Path) -> StyleSpec:
    """index.htm holds two iframes: TopFrame (pages/IMG_0101.htm) and BottomFrame (ThumbnailFrame.htm).
    The thumbnails' links are javascript:jumpToImage(...); the captions live only in ThumbnailFrame.htm's
    script (myImagesIndexed rows: file, title, description, credits, copyright, file name), which fills the
    photo page's empty TITLE/DESCRIPTION spans; the other photo pages are reached by no <a href> at all. Every
    photo page repeats the gallery's title, and a play button runs a slideshow."""
    title, date = "Lake Placid Reunion 2004", "July 4, 2004"
    captions = {"IMG_0101": "Aunt May at the dock", "IMG_0104": "The whole family on the porch, 4th of July"}
    names = ["IMG_0101", "IMG_0102", "IMG_0103", "IMG_0104", "IMG_0105"]
    generator = "Adobe Photoshop(R) CS Web Photo Gallery"
    spec = StyleSpec("photoshop_frames", root, generator, galleries=["index.htm"],
                     pages=["index.htm", "ThumbnailFrame.htm"], frames={"ThumbnailFrame.htm": "index.htm"})
    spec.navigation = (gifs(root, ["images/previous.gif", "images/previous_disabled.gif", "images/next.gif",
                                   "images/next_disabled.gif"], (36, 19))
                       + gifs(root, ["images/play.gif", "images/pause.gif"], (19, 19)))
    spec.chrome_images = [gif(root, "images/spacer.gif", (1, 1), (51, 51, 51)),
                          *gifs(root, ["images/roundotNW.gif", "images/roundotNE.gif"], (5, 5))]
    head = (f'<html><head>\t<title>{{}}</title> \t<meta name="generator" content="{generator}">\t'
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\t'
            '<link href="{}images/galleryStyle.css" rel="stylesheet" type="text/css">')
    thumbs, files = [], {"images/galleryStyle.css": "#thumbnail { width: 100%; }\n"}
    for n, name in enumerate(names, start=1):
        image = picture(root, f"images/{name}.jpg", (500, 375), f"ps-frames-{n}")
        resized(root, f"thumbnails/{name}.jpg", image, 75)
        caption = captions.get(name, "")
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"thumbnails/{name}.jpg", f"pages/{name}.htm",
                                 gallery="index.htm"))
        spec.pages.append(f"pages/{name}.htm")
        thumbs.append(
            "<!-- Thumbnails with hyperlinks --><td align=\"center\"><a onmouseover=\"window.status='';  return "
            f"true;\"  onmouseout=\"window.status='';  return true;\" href=\"javascript:jumpToImage("
            f"replaceCharacter('{name}.jpg', '%20', ''));\"><img src=\"thumbnails/{name}.jpg\"   border=0 "
            f"alt=\"{name}\"></a></td><script language=\"javascript\">\t\t\tvar newIndex = "
            f"myImagesIndexed.length;\t\tmyImages[replaceCharacter('{name}.jpg', '%20', '')] = newIndex;\t\t\t\t"
            f"myImagesIndexed[newIndex] = new Array(\"{name}.jpg\", \"{caption}\", \"\", \"\", \"\", "
            f"\"{name}.jpg\");\t</script>")
        files[f"pages/{name}.htm"] = head.format(name, "../") + """ \t<script language="javascript">\t<!--\t\t\
var isTopFrameLoaded = false;\t\tfunction init() {\t\t\tif (top.BottomFrame.isBottomFrameLoaded) {\t\t\t\t\
top.BottomFrame.updateMetaData();\t\t\t} else {\t\t\t\tsetTimeout("init()", 10);\t\t\t}\t\t}\t//-->\t</script>\
</head><body leftmargin="0" marginheight="0" marginwidth="0" topmargin="0" bgcolor="#333333" \
onload="isTopFrameLoaded = true; init();"><table width="100%" height="100%" border="0" cellpadding="0" \
cellspacing="0">\t<tr>\t\t<td height="100%" align="center" valign="middle">\t\t\t<table border="0" \
cellspacing="0" cellpadding="0">\t\t\t\t<tr>\t\t\t\t\t<td bgcolor="#FFFFFF" valign="top">\t\t\t\t\t\t\
<div class="titleContent">\t\t\t\t\t\t\t<div class="banner">\t\t\t\t\t\t\t\t<div class="title">\t\t\t\t\t\t\t\t\t\
""" + title + """ \t\t\t\t\t\t\t\t</div>\t\t\t\t\t\t\t\t<div class="info">\t\t\t\t\t\t\t\t\t""" + date + """ \
\t\t\t\t\t\t\t\t</div>\t\t\t\t\t\t\t</div>\t\t\t\t\t\t</div>\t\t\t\t\t\t<div id="imageInfo">\t\t\t\t\t\t\t\
<div class="content"><span class="header">FILE: </span><span id="fileName"></span> </div>\t\t\t\t\t\t\t\
<div class="content"><span class="header">TITLE: </span><span id="captionTitle"></span> </div>\t\t\t\t\t\t\t\
<div class="content"><span class="header">DESCRIPTION: </span><span id="fileInfo"></span> </div>\t\t\t\t\t\t\t\
<div class="content"><span class="header">CREDITS: </span><span id="credits"></span> </div>\t\t\t\t\t\t\t\
<div class="contentLast"><span class="header">COPYRIGHT: </span><span id="copyright"></span> </div>\t\t\t\t\t\t\
</div>\t\t\t\t\t</td>\t\t\t\t\t<td align="center" valign="middle" bgcolor="#FFFFFF"><img name="theImage" \
src="../images/""" + name + """.jpg" border="0" alt=\"""" + name + """\"></td>\t\t\t\t</tr>\t\t\t</table>\
\t\t</td>\t</tr></table></body></html>"""
    files["ThumbnailFrame.htm"] = head.format(title, "") + """\t<script language="javascript">\t<!--\t\
var myImages = new Object();\tvar myImagesIndexed = new Array();\tvar currentImage = 0;\t\
var isBottomFrameLoaded = false;\tfunction jumpToImage(imgName) {\t\tvar index = myImages[imgName];\t\t\
top.TopFrame.document.images["theImage"].src = "../images/" + myImagesIndexed[index][0];\t\tcurrentImage = index;\
\t\tupdateMetaData();\t}\t/*\t\tmyImagesIndexed[currentImage][0] = FILENAMEURL\t\t\
myImagesIndexed[currentImage][1] = CAPTIONTITLE\t\tmyImagesIndexed[currentImage][2] = FILEINFO\t*/\t\
function updateMetaData() {\t\ttop.TopFrame.document.getElementById("fileName").innerHTML = \
myImagesIndexed[currentImage][5];\t\ttop.TopFrame.document.getElementById("captionTitle").innerHTML = \
myImagesIndexed[currentImage][1];\t}\tvar autoAdvance = false;\tfunction startAutoAdvance() {\t\t\
intervalTimer = setInterval("autoNextImage()", 5000);\t\tautoAdvance = true;\t}\t\
function replaceCharacter(str, oldCharacter, newCharacter) {\t\treturn str.split(oldCharacter).join(newCharacter);\
\t}\t//-->\t</script></HEAD><body leftmargin="0" marginheight="0" marginwidth="0" topmargin="0" \
bgcolor="#CCCCCC" onload="isBottomFrameLoaded = true; startAutoAdvance();">\t<div id="thumbnail" \
align="center">\t\t<table height="82" border="0" cellpadding="4" cellspacing="0">\t\t\t<tr align="center">\t\t\t\t\
""" + "".join(thumbs) + "\t\t\t</tr>\t\t</table>\t</div></body></html>"
    buttons = """<table>\t\t\t\t<tr>\t\t\t\t\t<td>\t\t\t\t\t\t<a href="javascript:top.BottomFrame.previousImage();">\
<img name="previous{n}" src="images/previous_disabled.gif" width="36" height="19" vspace="2" hspace="1" border="0" \
alt="Previous Image"></a> \t\t\t\t\t</td>\t\t\t\t\t<td>\t\t\t\t\t\t<a \
href="javascript:top.BottomFrame.togglePlayPauseState();"><img name="pausePlay{n}" src="images/play.gif" \
width="19" height="19" vspace="2" hspace="1" border="0" alt="Play/Pause"></a> \t\t\t\t\t</td>\t\t\t\t\t<td>\t\t\t\
\t\t\t<a href="javascript:top.BottomFrame.nextImage();"><img name="next{n}" src="images/next.gif" width="36" \
height="19" vspace="2" hspace="1" border="0" alt="Next Image"></a> \t\t\t\t\t</td>\t\t\t\t</tr>\t\t\t</table>"""
    files["index.htm"] = head.format(title, "") + """</head><body leftmargin="0" marginheight="0" marginwidth="0" \
topmargin="0" bgcolor="#333333"><div align="center" class="mainCenter">\t<table width="90%" height="97%" \
border="0" cellspacing="0" cellpadding="0">\t\t<tr>\t\t\t<td align="center">""" + buttons.format(n=1) + """</td>\
\t\t</tr>\t\t<tr>\t\t\t<td height="100%">\t\t\t\t<iframe id="TopFrame" name="TopFrame" frameborder="0" \
scrolling="auto" src="pages/IMG_0101.htm">\t\t\t\t\tYour browser does not support iframes. \t\t\t\t</iframe>\
\t\t\t</td>\t\t</tr>\t\t<tr>\t\t\t<td align="center">""" + buttons.format(n=2) + """</td>\t\t</tr>\t\t<tr>\t\t\t\
<td align="center">\t\t\t\t<table width="80%" border="0" cellpadding="0" cellspacing="0">\t\t\t\t\t<tr>\t\t\t\t\t\t\
<td><img src="images/roundotNW.gif" alt="" height="5" width="5" border="0"></td>\t\t\t\t\t\t<td><img \
src="images/spacer.gif" alt="" height="5" width="5" border="0"></td>\t\t\t\t\t\t<td><img \
src="images/roundotNE.gif" alt="" height="5" width="5" border="0"></td>\t\t\t\t\t</tr>\t\t\t\t\t<tr>\t\t\t\t\t\t\
<td width="100%" height="100" colspan="3">\t\t\t\t\t\t\t<iframe id="BottomFrame" name="BottomFrame" \
frameborder="0" src="ThumbnailFrame.htm">\t\t\t\t\t\t\t\tYour browser does not support iframes. \t\t\t\t\t\t\t\
</iframe>\t\t\t\t\t\t</td>\t\t\t\t\t</tr>\t\t\t\t</table>\t\t\t</td>\t\t</tr>\t</table>\t&nbsp;</div></body></html>"""
    write(root, files)
    spec.chrome_text = [title, date, "FILE:", "TITLE:", "DESCRIPTION:", "CREDITS:", "COPYRIGHT:",
                        "Your browser does not support iframes."]
    spec.file_names = [*names, *(f"{name}.jpg" for name in names)]
    return spec


# -- 3. FrontPage 2000 web: shared borders, a theme, Auto Thumbnail --------------------------------------------

def frontpage_shared_borders(root: Path) -> StyleSpec:
    """A FrontPage 4.0 web: every page carries the top and left shared borders inline (the logo, the theme's
    navigation buttons in _derived/, the page banner), index.htm is the home page and shows one photo of the
    album at another size under another name, album.htm holds Auto Thumbnails (images/x_small.jpg, with
    xthumbnail-orig-image and an alt text FrontPage wrote: "lake_small.jpg (3417 bytes)") with a caption
    under each, new_page_1.htm is linked from nowhere."""
    generator = "Microsoft FrontPage 4.0"
    spec = StyleSpec("frontpage_shared_borders", root, generator, galleries=["album.htm"],
                     pages=["index.htm", "interest.htm", "album.htm", "new_page_1.htm"])
    buttons = {"index.htm": "home", "album.htm": "album.htm", "interest.htm": "interest.htm"}
    spec.navigation = gifs(root, [f"_derived/{b}_cmp_arcs010_hbtn.gif" for b in buttons.values()], (95, 24))
    spec.navigation += gifs(root, ["_derived/up_cmp_arcs010_vbtn.gif"], (95, 24))
    logo = Image.new("RGB", (320, 80), (30, 60, 30))
    ImageDraw.Draw(logo).ellipse((10, 10, 70, 70), fill=(200, 200, 40))
    save(logo, root / "images/olsonlogo.jpg", 85)
    spec.chrome_images = ["images/olsonlogo.jpg",
                          *gifs(root, [f"_derived/{p}_cmp_arcs010_bnr.gif" for p in spec.pages], (600, 60))]
    album = [("lake", "Lake Wapello, July 1999. Uncle Bob caught the biggest fish."),
             ("barn", "The old barn before it came down in the spring of 2000."),
             ("picnic", "Picnic at the county fair, everybody came."), ("tractor", "")]
    titles = {"index.htm": "Home Page", "interest.htm": "Interests", "album.htm": "Photo Album",
              "new_page_1.htm": "New Page 1"}

    def nav(here: str) -> str:
        links = []
        for page, button in buttons.items():
            img = f'<img src="_derived/{button}_cmp_arcs010_hbtn.gif" width="95" height="24" border="0" ' \
                  f'alt="{titles[page]}" align="middle">'
            links.append(img if page == here else f'<a href="{page}">{img}</a>')
        return "".join(links)

    def page(here: str, body: str) -> str:
        return f"""<html>

<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta http-equiv="Content-Language" content="en-us">
<title>{titles[here]}</title>
<meta name="GENERATOR" content="{generator}">
<meta name="ProgId" content="FrontPage.Editor.Document">
<meta name="Microsoft Theme" content="arcs 1011, default">
<meta name="Microsoft Border" content="tl, default">
</head>

<body><!--msnavigation--><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td>

<p align="center"><img border="0" src="images/olsonlogo.jpg" width="320" height="80"><br>
<img src="_derived/{here}_cmp_arcs010_bnr.gif" width="600" height="60" border="0" alt="{titles[here]}"><br>
{nav(here)}</p>
<p align="center">&nbsp;</p>

</td></tr><!--msnavigation--></table><!--msnavigation--><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top" width="1%">

<p><a href="index.htm"><img src="_derived/up_cmp_arcs010_vbtn.gif" width="95" height="24" border="0" alt="Up"></a></p>

</td><td valign="top" width="24"></td><!--msnavigation--><td valign="top">
{body}
<!--msnavigation--></td></tr><!--msnavigation--></table></body>

</html>
"""  # noqa: E501
    cells = []
    for name, caption in album:
        image = picture(root, f"images/{name}.jpg", (640, 480), f"fp-{name}")
        resized(root, f"images/{name}_small.jpg", image, 100)
        size = (root / f"images/{name}_small.jpg").stat().st_size
        other = ("images/welcome.jpg",) if name == "lake" else ()
        if other:
            resized(root, "images/welcome.jpg", image, 240, quality=75)
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"images/{name}_small.jpg",
                                 other_sizes=other, gallery="album.htm"))
        spec.file_names += [f"{name}_small.jpg ({size} bytes)", f"{name}_small.jpg", f"{name}.jpg"]
        cells.append(f"""      <p align="center"><a href="images/{name}.jpg"><img border="2" src="images/{name}_small.jpg" xthumbnail-orig-image="images/{name}.jpg" width="100" height="75" alt="{name}_small.jpg ({size} bytes)"></a></p>
      <p align="center">{caption or '&nbsp;'}</p>""")  # noqa: E501
    files = {
        "index.htm": page("index.htm", """<h1><font color="#336633">Welcome to the Olson family web!</font></h1>
<p><img border="0" src="images/welcome.jpg" width="240" height="180" align="left" alt="welcome.jpg (14372 bytes)">
Hi! This is our little corner of the Internet. Have a look at the <a href="album.htm">Photo Album</a> or read
about our <a href="interest.htm">interests</a>. Sign our guestbook!</p>"""),
        "interest.htm": page("interest.htm", """<h2>Our interests</h2>
<p>Fishing, quilting, and the Iowa Hawkeyes. Karen collects salt and pepper shakers.</p>"""),
        "album.htm": page("album.htm", """<p align="left">Pictures from the farm and the lake. Click on a
picture to see it bigger.</p>
<hr>
""" + "\n".join(cells)),
        "new_page_1.htm": page("new_page_1.htm", "\n"),
        "_borders/top.htm": """<html><head><title>Shared Top Border</title>
<meta name="GENERATOR" content="Microsoft FrontPage 4.0"><meta name="Microsoft Border" content="none"></head>
<body><p align="center"><img border="0" src="../images/olsonlogo.jpg" width="320" height="80"><br>
<!--webbot bot="Navigation" S-Type="banner" S-Orientation="horizontal" S-Rendering="graphics" startspan -->\
<!--webbot bot="Navigation" endspan i-checksum="0" --><br>
<!--webbot bot="Navigation" S-Type="siblings" S-Orientation="horizontal" S-Rendering="graphics" B-Include-Home="TRUE" \
B-Include-Up="FALSE" startspan --><!--webbot bot="Navigation" endspan i-checksum="0" --></p>
</body></html>
""",
        "_borders/left.htm": """<html><head><title>Shared Left Border</title>
<meta name="GENERATOR" content="Microsoft FrontPage 4.0"><meta name="Microsoft Border" content="none"></head>
<body><!--webbot bot="Navigation" S-Type="children" S-Orientation="vertical" S-Rendering="graphics" \
B-Include-Home="FALSE" B-Include-Up="TRUE" startspan --><!--webbot bot="Navigation" endspan i-checksum="0" -->
</body></html>
""",
        "_themes/arcs/arcs1011.css": "body { background-color: #FFFFEE }\n",
    }
    write(root, files, "cp1252")
    spec.chrome_text = ["Home Page", "Photo Album", "Interests", "Up", "Click on a picture to see it bigger."]
    spec.file_names.append("welcome.jpg (14372 bytes)")
    return spec


# -- 4. JAlbum 6, classic slide template, an album in a folder under a hand-made home page ------------------

def jalbum(root: Path) -> StyleSpec:
    """album/index.html: thumbs/ with labels under them (file names, long ones cut to "long_right_profi...");
    album/slides/NAME.html: "n/5", date, label, Index/Previous/Next GIFs from res/, the slide-sized image in
    slides/ linking to the original at the album's root, the comment under it (absent for two photos)."""
    spec = StyleSpec("jalbum", root, "JAlbum 6.2", galleries=["album/index.html"],
                     pages=["index.html", "album/index.html"])
    spec.navigation = gifs(root, ["album/res/index.gif", "album/res/previous.gif", "album/res/next.gif",
                                  "album/res/previous_disabled.gif", "album/res/next_disabled.gif",
                                  "album/res/up.gif"])
    shots = [("DSC00412", "Our rental cabin at Geiranger."), ("DSC00415", "Ferry across the fjord, Kari asleep."),
             ("long_right_profile_of_the_house", ""), ("DSC00431", "Stave church at Borgund, built around 1180."),
             ("DSC00440", "")]
    cells = []
    for n, (name, comment) in enumerate(shots, start=1):
        image = picture(root, f"album/{name}.jpg", (800, 600), f"jalbum-{name}")
        resized(root, f"album/slides/{name}.jpg", image, 480)
        resized(root, f"album/thumbs/{name}.jpg", image, 120)
        spec.photos.append(Photo(f"album/{name}.jpg", comment, f"album/thumbs/{name}.jpg",
                                 f"album/slides/{name}.html", other_sizes=(f"album/slides/{name}.jpg",),
                                 gallery="album/index.html"))
        spec.pages.append(f"album/slides/{name}.html")
        label = name if len(name) <= 16 else name[:16] + "..."
        spec.file_names += sorted({name, label, f"{name}.jpg"})
        cells.append(f'<td class="thumbnail-cell" align="center" valign="bottom"><a href="slides/{name}.html">'
                     f'<img src="thumbs/{name}.jpg" width="120" height="90" border=0 alt="{name}"></a><br>'
                     f'<span class="thumbname">{label}</span></td>')
        previous = (f'<a href="{shots[n - 2][0]}.html"><img src="../res/previous.gif" alt="Previous page" '
                    'border=0></a>' if n > 1 else '<img src="../res/previous_disabled.gif" alt="At first page">')
        following = (f'<a href="{shots[n][0]}.html"><img src="../res/next.gif" alt="Next page" border=0></a>'
                     if n < len(shots) else '<img src="../res/next_disabled.gif" alt="At last page">')
        comment_html = f'\t<br>\n\t<div class="name">{comment}</div>\n' if comment else "\t<br>\n"
        write(root, {f"album/slides/{name}.html": f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
<head>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<title>{name}</title>
<link href="../res/styles.css" rel=stylesheet>
</head>

<body id="slide">

<table width="100%">
<tr class="head">
<td class="number" width="10%">{n}/{len(shots)}</td>
<td class="date" width="20%">07/{10 + n}/06 11:{30 + n}</td>
<td class="name">{name}</td>

<td class="navigation" width="20%">

<!-- Index button -->
<a href="../index.html"><img src="../res/index.gif" border=0 alt="Index page"></a>

<!-- Previous button -->
{previous}

<!-- Next button -->
{following}

</td>
</tr>
</table>
<center>
<table><tr valign="TOP"><td>

<!-- Image, maybe with link to original -->
\t<a href="../{name}.jpg">
\t\t<img src="{name}.jpg" width="480" height="360" border=0 alt="Original image">
\t</a>

<!-- Always display comment below image (if exists) -->
{comment_html}
</td>
</tr>
</table>
</center>
<a href="http://jalbum.net" target="_blank"><small>Album generated by JAlbum 6.2</small></a>

</body>
</html>
"""})
    rows = "</tr>\n<tr>\n".join("\n".join(cells[i:i + 3]) for i in range(0, len(cells), 3))
    write(root, {
        "album/index.html": f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<title>Norway 2006</title>
<link href="res/styles.css" rel=stylesheet>
</head>
<body id="index">
<!-- Include header.inc from the source image directory if present -->
<table width="100%"><tr><td class="title">Norway 2006</td>
<td class="navigation" align="right"><!-- Up button --><a href="../index.html"><img src="res/up.gif" border=0
 alt="Up one level"></a></td></tr></table>
<table cellspacing="8">
<tr>
{rows}
</tr>
</table>
<a href="http://jalbum.net" target="_blank"><small>Album generated by JAlbum 6.2</small></a>
</body>
</html>
""",
        "album/res/styles.css": "body { background: #222; color: #eee }\n",
        "index.html": """<html><head><title>The Hansen family</title></head>
<body bgcolor="white"><h1>The Hansen family</h1>
<p>Welcome! Our photo albums:</p>
<ul><li><a href="album/index.html">Our trip to Norway, summer 2006</a></li></ul>
<p>Last changed August 2006.</p></body></html>
""",
    })
    spec.chrome_text = ["Norway 2006", "Album generated by JAlbum 6.2", "Original image"]
    return spec


# -- 5. Picasa 2 "Export as HTML Page", a two-page template ---------------------------------------------------

def picasa(root: Path) -> StyleSpec:
    """Picasa writes the large copies to images/ and the thumbnails to thumbnails/, then its template's
    index.tpl (the thumbnail page, each thumbnail titled with the caption or, without one, the file name)
    and one target page per image (the photo, its caption, Previous | Index | Next)."""
    spec = StyleSpec("picasa", root, "Picasa 2", galleries=["index.html"], pages=["index.html"])
    shots = [("Dscn0012", "Grandma opening the quilt from Aunt Ruth"), ("Dscn0015", "Cookies before they burned"),
             ("Dscn0021", ""), ("Dscn0030", "Sledding on Christmas afternoon, Eagle Point Park")]
    spec.chrome_images = gifs(root, ["assets/picasa_logo.gif"], (88, 31))
    thumbs = []
    for n, (name, caption) in enumerate(shots):
        image = picture(root, f"images/{name}.jpg", (640, 480), f"picasa-{name}")
        resized(root, f"thumbnails/{name}.jpg", image, 144)
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"thumbnails/{name}.jpg", f"{name}.html",
                                 gallery="index.html"))
        spec.pages.append(f"{name}.html")
        spec.file_names += [name, f"{name}.jpg"]
        label = caption or f"{name}.jpg"
        thumbs.append(f'<div class="thumbnail"><a href="{name}.html"><img src="thumbnails/{name}.jpg" '
                      f'border="0" alt="{label}" title="{label}"></a></div>')
        previous, following = shots[n - 1][0], shots[(n + 1) % len(shots)][0]
        write(root, {f"{name}.html": f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Christmas 2005 - {name}.jpg</title>
<link rel="stylesheet" href="assets/styles.css" type="text/css">
</head>
<body bgcolor="#000000" text="#CCCCCC">
<div id="navigation"><a href="{previous}.html">Previous</a> | <a href="index.html">Index</a> | <a href="{following}.html">Next</a></div>
<div id="image"><img src="images/{name}.jpg" width="640" height="480" border="0" alt="{name}.jpg"></div>
<div id="caption">{caption}</div>
<div id="footer"><a href="http://picasa.google.com"><img src="assets/picasa_logo.gif" width="88" height="31" border="0" alt="Picasa"></a></div>
</body>
</html>
"""})  # noqa: E501
    write(root, {"index.html": """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Christmas 2005</title>
<link rel="stylesheet" href="assets/styles.css" type="text/css">
</head>
<body bgcolor="#000000" text="#CCCCCC">
<div id="header"><h1>Christmas 2005</h1><p class="albumcaption">At Grandma's house in Dubuque</p></div>
<div id="thumbnails">
""" + "\n".join(thumbs) + """
</div>
<div id="footer"><a href="http://picasa.google.com"><img src="assets/picasa_logo.gif" width="88" height="31" border="0" alt="Picasa"></a></div>
</body>
</html>
""", "assets/styles.css": "body { font-family: Verdana }\n"})  # noqa: E501
    spec.chrome_text = ["Christmas 2005", "Previous | Index | Next", "Picasa"]
    return spec


# -- 6. iPhoto "Export > Web Page" -------------------------------------------------------------------------

def iphoto(root: Path) -> StyleSpec:
    """index.html: a table of thumbnails from Thumbnails/ with each photo's title under it (iPhoto's title is
    the file name until someone changes it); Pages/ImageN.html: the title, the photo from Images/, the comment,
    and Previous | Index | Next."""
    spec = StyleSpec("iphoto", root, "iPhoto 5.0.4", galleries=["index.html"], pages=["index.html"])
    shots = [("IMG_2231", "Covered bridge at Woodstock", "The Taftsville bridge, rebuilt in 1836."),
             ("IMG_2240", "IMG_2240", ""),
             ("IMG_2245", "Sugar house", "Maple sugaring at the Baird farm; we bought two gallons."),
             ("IMG_2252", "IMG_2252", "")]
    cells = []
    for n, (name, title, comment) in enumerate(shots):
        image = picture(root, f"Images/{name}.jpg", (640, 480), f"iphoto-{name}")
        resized(root, f"Thumbnails/{name}.jpg", image, 120)
        spec.photos.append(Photo(f"Images/{name}.jpg", comment, f"Thumbnails/{name}.jpg", f"Pages/Image{n}.html",
                                 gallery="index.html"))
        spec.pages.append(f"Pages/Image{n}.html")
        spec.file_names += [name, f"{name}.jpg"]
        cells.append(f'<td align="center" valign="bottom"><a href="Pages/Image{n}.html"><img '
                     f'src="Thumbnails/{name}.jpg" width="120" height="90" border="0" alt="{title}"></a><br>'
                     f'<font size="2" face="Lucida Grande, Verdana">{title}</font></td>')
        nav = " | ".join(part for part in (
            f'<a href="Image{n - 1}.html">Previous</a>' if n > 0 else "",
            '<a href="../index.html">Index</a>',
            f'<a href="Image{n + 1}.html">Next</a>' if n < len(shots) - 1 else "") if part)
        write(root, {f"Pages/Image{n}.html": f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="Generator" content="iPhoto 5.0.4">
<title>{title}</title>
</head>
<body bgcolor="#FFFFFF">
<center>
<table border="0" cellpadding="0" cellspacing="2" width="200"><tr><td align="center" nowrap><font face="Lucida Grande, Verdana" size="2">{nav}</font></td></tr></table>
<p><font face="Lucida Grande, Verdana" size="4"><b>{title}</b></font></p>
<img src="../Images/{name}.jpg" width="640" height="480" border="0" alt="{title}">
<p><font face="Lucida Grande, Verdana" size="2">{comment}</font></p>
</center>
</body>
</html>
"""})  # noqa: E501
    write(root, {"index.html": """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="Generator" content="iPhoto 5.0.4">
<title>Vermont, October 2005</title>
</head>
<body bgcolor="#FFFFFF">
<center>
<p><font face="Lucida Grande, Verdana" size="5"><b>Vermont, October 2005</b></font></p>
<table border="0" cellpadding="10" cellspacing="0">
<tr>
""" + "\n".join(cells) + """
</tr>
</table>
</center>
</body>
</html>
"""})
    spec.chrome_text = ["Vermont, October 2005", "Previous | Index | Next", "Previous | Index", "Index | Next"]
    return spec


# -- 7. Lightroom 2 "Lightroom HTML Gallery" --------------------------------------------------------------

def lightroom(root: Path) -> StyleSpec:
    """index.html: the site title, the collection title and description, thumbnails from
    content/bin/images/thumb/ linking to content/NAME_large.html, the contact line; each large page repeats
    the titles and shows Previous / Index / Next, the image from content/bin/images/large/, its title (the
    file name for one photo: "DSC_0044.jpg") and its caption."""
    site_title, collection = "Anna & Erik, June 14 2008", "Ceremony and reception"
    generator = "Adobe Photoshop Lightroom"
    spec = StyleSpec("lightroom", root, generator, galleries=["index.html"], pages=["index.html"])
    shots = [("DSC_0041", "Walking in", "Anna and her father at the church door."),
             ("DSC_0042", "The rings", "The rings, made by Erik's grandfather."),
             ("DSC_0044", "DSC_0044.jpg", ""),
             ("DSC_0050", "First dance", "First dance at the Grange hall; the band played until two.")]
    head = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="{generator}" />
<title>{site_title}</title>
<link rel="stylesheet" type="text/css" media="screen" title="Custom Settings" href="{{root}}resources/css/master.css" />
<script type="text/javascript" src="{{root}}resources/js/live_update.js"></script>
</head>
<body>
<div id="wrapper_{{kind}}">
  <div id="sitetitle"><h1 onclick="clickTarget( this, 'metadata.siteTitle.value' );" id="metadata.siteTitle.value" class="textColor">{site_title}</h1></div>
  <div id="collectionHeader"><h1 onclick="clickTarget( this, 'metadata.groupTitle.value' );" id="metadata.groupTitle.value" class="textColor">{collection}</h1>
  <p onclick="clickTarget( this, 'metadata.groupDescription.value' );" id="metadata.groupDescription.value" class="textColor">Photographs by Lars Nyberg</p></div>
"""  # noqa: E501
    foot = """  <div id="contact"><a href="mailto:lars@example.se"><p class="textColor" id="metadata.contactInfo.value">Lars Nyberg</p></a></div>
  <div class="clear"></div>
</div>
</body>
</html>
"""  # noqa: E501
    cells = []
    for n, (name, title, caption) in enumerate(shots):
        image = picture(root, f"content/bin/images/large/{name}.jpg", (600, 450), f"lr-{name}")
        resized(root, f"content/bin/images/thumb/{name}.jpg", image, 120)
        spec.photos.append(Photo(f"content/bin/images/large/{name}.jpg", caption,
                                 f"content/bin/images/thumb/{name}.jpg", f"content/{name}_large.html",
                                 gallery="index.html"))
        spec.pages.append(f"content/{name}_large.html")
        spec.file_names += [name, f"{name}.jpg"]
        cells.append(f'    <div class="thumbnail"><div class="itemNumber">{n + 1}</div><a href="content/'
                     f'{name}_large.html"><img src="content/bin/images/thumb/{name}.jpg" id="ID{n + 1}" '
                     f'class="thumb" alt="" /></a></div>')
        previous, following = shots[n - 1][0], shots[(n + 1) % len(shots)][0]
        write(root, {f"content/{name}_large.html": head.format(root="../", kind="large") + f"""  <div id="stage2">
    <div id="previewFull" class="borderTopLeft borderBottomRight">
      <div id="detailTitle" class="detailText">{title}</div>
      <div class="detailNav"><ul>
        <li class="previous"><a class="paginationLinks detailText" href="{previous}_large.html">Previous</a></li>
        <li class="index"><a href="../index.html" class="detailLinks detailText">Index</a></li>
        <li class="next"><a class="paginationLinks detailText" href="{following}_large.html">Next</a></li>
      </ul></div>
      <a href="../index.html"><img src="bin/images/large/{name}.jpg" id="previewImage" class="previewFullImage preview" alt="" /></a>
      <div id="detailCaption" class="detailText">{caption}</div>
    </div>
  </div>
""" + foot})  # noqa: E501
    write(root, {"index.html": head.format(root="", kind="thumb") + """  <div id="stage">
  <div id="index">
""" + "\n".join(cells) + """
  </div>
  <div class="pagination"><ul><li>1</li></ul></div>
  </div>
""" + foot, "resources/css/master.css": "body { margin: 0 }\n",
                 "resources/js/live_update.js": "function clickTarget(obj, target) {}\n"})
    spec.chrome_text = [site_title, collection, "Photographs by Lars Nyberg", "Lars Nyberg"]
    return spec


# -- 8. Dreamweaver MX "Create Web Photo Album" (made by Fireworks): no captions at all ----------------------

def dreamweaver_album(root: Path) -> StyleSpec:
    """A hand-made home page (index.htm) links to photos/reunion/index.htm, Dreamweaver's album: its title
    and subheading, a table of thumbnails with their file names; pages/NAME.htm: Back | Home | Next, the photo
    from images/, its file name. Not one caption: nothing to warn about photo by photo."""
    album = "photos/reunion"
    spec = StyleSpec("dreamweaver_album", root, "Dreamweaver MX 2004 Web Photo Album",
                     galleries=[f"{album}/index.htm"], pages=["index.htm", f"{album}/index.htm"])
    names = [f"DSCN{n:04d}" for n in (101, 102, 104, 107, 108, 112, 115)]
    cells = []
    for n, name in enumerate(names):
        image = picture(root, f"{album}/images/{name}.jpg", (512, 384), f"dw-{name}")
        resized(root, f"{album}/thumbnails/{name}.jpg", image, 100)
        spec.photos.append(Photo(f"{album}/images/{name}.jpg", "", f"{album}/thumbnails/{name}.jpg",
                                 f"{album}/pages/{name}.htm", gallery=f"{album}/index.htm"))
        spec.pages.append(f"{album}/pages/{name}.htm")
        spec.file_names += [name, f"{name}.jpg"]
        cells.append(f'<td align="center"><a href="pages/{name}.htm"><img src="thumbnails/{name}.jpg" '
                     f'width="100" height="75" border="0" alt="{name}.jpg"></a><br><font size="2">{name}.jpg'
                     '</font></td>')
        back = f'<a href="{names[n - 1]}.htm">Back</a> | ' if n > 0 else ""
        following = f' | <a href="{names[n + 1]}.htm">Next</a>' if n < len(names) - 1 else ""
        write(root, {f"{album}/pages/{name}.htm": f"""<html>
<head>
<title>Family Reunion 2002</title>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
</head>
<body bgcolor="#FFFFFF">
<div align="center">
<p>{back}<a href="../index.htm">Home</a>{following}</p>
<p><img src="../images/{name}.jpg" width="512" height="384"></p>
<p><font size="2">{name}.jpg</font></p>
</div>
</body>
</html>
"""})
    rows = "</tr>\n<tr>\n".join("\n".join(cells[i:i + 4]) for i in range(0, len(cells), 4))
    write(root, {
        f"{album}/index.htm": f"""<html>
<head>
<title>Family Reunion 2002</title>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
</head>
<body bgcolor="#FFFFFF">
<table width="100%" border="0" cellpadding="5">
<tr><td bgcolor="#CCCCCC"><font size="+2"><b>Family Reunion 2002</b></font><br>Cedar Rapids, Iowa</td></tr>
</table>
<p>Click on a picture to see it bigger.</p>
<table border="0" cellpadding="5" cellspacing="2">
<tr>
{rows}
</tr>
</table>
</body>
</html>
""",
        "index.htm": """<html><head><title>The Novak family</title>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>
<body bgcolor="#FFFFFF"><h1>The Novak family</h1>
<p>Pictures from the <a href="photos/reunion/index.htm">2002 family reunion</a> are up!</p>
</body></html>
""",
    })
    spec.chrome_text = ["Family Reunion 2002", "Cedar Rapids, Iowa", "Click on a picture to see it bigger.",
                        "Back | Home | Next", "Home | Next", "Back | Home"]
    return spec


# -- 9. A hand-made table site: a page per photo, cross-links to the other photo's page ----------------------

def handmade_table(root: Path) -> StyleSpec:
    """index.htm (home), war.htm (a table of thumbnails, each linking to the photo's own page), photos/NAME.htm
    (the gallery's title again, Previous/Home/Next 30 px GIFs, the photo, its caption). A caption says "See
    GI setting explosives here" and "here" leads to the other photo's PAGE. One photo page links its picture
    to a bigger scan; another page shows a re-saved copy (same pixels, other bytes) that about.htm also shows
    under another name; photos/old_setting.htm is an earlier page of a photo, linked from nowhere."""
    title = "China 1944: Grandpa's photographs"
    spec = StyleSpec("handmade_table", root, "", galleries=["war.htm"],
                     pages=["index.htm", "war.htm", "about.htm", "photos/old_setting.htm"],
                     page_of={"photos/old_setting.htm": "scans/setting_full.jpg"})
    spec.navigation = gifs(root, ["nav/prev.gif", "nav/home.gif", "nav/next.gif"])
    spec.chrome_images = [gif(root, "images/banner.gif", (468, 60), (120, 20, 20)),
                          gif(root, "images/spacer.gif", (1, 1), (255, 255, 255))]
    shots = [("setting", "Setting explosives on a bridge in 1944 during the retreat from the Japanese in Guangxi "
              "province. The results can be seen here.", "result"),
             ("result", "Result of explosives set on the bridge by Americans in 1944. See GI setting explosives "
              "here.", "setting"),
             ("boy", "A young boy sits among discarded furniture at the Liuzhou station.", None),
             ("mother", "A refugee mother washes her baby next to the train, fall 1944.", None)]
    names = [name for name, _, _ in shots]
    images: dict[str, Image.Image] = {}
    for name, _, _ in shots:
        size = (1200, 900) if name == "setting" else (600, 450)
        images[name] = picture(root, f"scans/{name}_full.jpg" if name == "setting" else f"photos/{name}.jpg",
                               size, f"handmade-{name}", quality=92)
        if name == "setting":
            resized(root, "photos/setting.jpg", images[name], 600)
        resized(root, f"thumbs/{name}.jpg", images[name], 120)
    save(images["boy"], root / "photos/boy_web.jpg", 55)  # re-saved: the same 600x450 pixels, other bytes
    save(images["boy"], root / "images/boy_copy.jpg", 60)
    bigs = {name: ("scans/setting_full.jpg" if name == "setting" else f"photos/{name}.jpg") for name in names}
    cells = []
    for n, (name, caption, other) in enumerate(shots):
        other_sizes = {"setting": ("photos/setting.jpg",), "boy": ("photos/boy_web.jpg", "images/boy_copy.jpg")}
        spec.photos.append(Photo(bigs[name], caption, f"thumbs/{name}.jpg", f"photos/{name}.htm",
                                 bigs[other] if other else None, other_sizes.get(name, ()), "war.htm"))
        spec.pages.append(f"photos/{name}.htm")
        linked = caption.replace(" here.", f' <a href="{other}.htm">here</a>.') if other else caption
        shown = {"setting": '<a href="../scans/setting_full.jpg"><img src="setting.jpg" width=600 height=450 '
                            'border=0 alt="setting.jpg"></a><br><font size=1>(click for the full scan)</font>',
                 "boy": '<img src="boy_web.jpg" width=600 height=450 alt="boy_web.jpg">'}.get(
                     name, f'<img src="{name}.jpg" width=600 height=450 alt="{name}.jpg">')
        previous, following = names[n - 1], names[(n + 1) % len(names)]
        write(root, {f"photos/{name}.htm": f"""<HTML><HEAD><TITLE>{title}</TITLE></HEAD>
<BODY BGCOLOR="#FFFFF0">
<CENTER><IMG SRC="../images/banner.gif" WIDTH=468 HEIGHT=60 ALT="{title}"><BR>
<FONT FACE="Arial" SIZE=4><B>{title}</B></FONT>
<TABLE BORDER=0><TR>
<TD><A HREF="{previous}.htm"><IMG SRC="../nav/prev.gif" WIDTH=30 HEIGHT=30 BORDER=0 ALT="Previous"></A></TD>
<TD><A HREF="../war.htm"><IMG SRC="../nav/home.gif" WIDTH=30 HEIGHT=30 BORDER=0 ALT="Back to the gallery"></A></TD>
<TD><A HREF="{following}.htm"><IMG SRC="../nav/next.gif" WIDTH=30 HEIGHT=30 BORDER=0 ALT="Next"></A></TD>
</TR></TABLE>
{shown}
<P><FONT FACE="Arial" SIZE=2>{linked}</FONT></P>
</CENTER>
</BODY></HTML>
""".encode("cp1252")})  # noqa: E501
        # The boy's thumbnail leads straight to the big file (hand-made sites were not consistent); "(more)" to
        # its page, which shows a re-saved copy.
        target = "photos/boy.jpg" if name == "boy" else f"photos/{name}.htm"
        more = ' <A HREF="photos/boy.htm">(more)</A>' if name == "boy" else ""
        cells.append(f'<TD ALIGN=center VALIGN=top><A HREF="{target}"><IMG SRC="thumbs/{name}.jpg" '
                     f'WIDTH=120 HEIGHT=90 BORDER=0></A><BR><FONT SIZE=1>{caption.split(" in ")[0][:40]}</FONT>'
                     f'{more}<TD><IMG SRC="images/spacer.gif" WIDTH=10 HEIGHT=1>')
    write(root, {
        "war.htm": f"""<HTML><HEAD><TITLE>{title}</TITLE></HEAD>
<BODY BGCOLOR="#FFFFF0">
<CENTER><IMG SRC="images/banner.gif" WIDTH=468 HEIGHT=60 ALT="{title}"><BR>
<FONT FACE="Arial" SIZE=4><B>{title}</B></FONT></CENTER>
<P>My grandfather served with the army engineers in southern China. These are the photographs he brought home.
<P><I>Click on a picture to see it bigger.</I>
<TABLE BORDER=0 CELLPADDING=4>
<TR>{"".join(cells[:2])}
<TR>{"".join(cells[2:])}
</TABLE>
<P><A HREF="index.htm">Home</A> | <A HREF="about.htm">About</A>
</BODY></HTML>
""",
        "index.htm": f"""<HTML><HEAD><TITLE>{title}</TITLE></HEAD>
<BODY BGCOLOR="#FFFFF0">
<CENTER><IMG SRC="images/banner.gif" WIDTH=468 HEIGHT=60 ALT="{title}"></CENTER>
<H1>Welcome</H1>
<P>This site keeps the photographs my grandfather took in 1944. Start with <A HREF="war.htm">the war years</A>.
<P><A HREF="about.htm">About this site</A>
</BODY></HTML>
""",
        "about.htm": f"""<HTML><HEAD><TITLE>{title}</TITLE></HEAD>
<BODY BGCOLOR="#FFFFF0">
<CENTER><IMG SRC="images/banner.gif" WIDTH=468 HEIGHT=60 ALT="{title}"></CENTER>
<H2>About this site</H2>
<P><IMG SRC="images/boy_copy.jpg" WIDTH=600 HEIGHT=450 ALIGN=right>Made by Tom Parker in 2001 with Notepad.
Write to me at tom@example.com.
<P><A HREF="index.htm">Home</A>
</BODY></HTML>
""",
        "photos/old_setting.htm": f"""<HTML><HEAD><TITLE>{title}</TITLE></HEAD>
<BODY><CENTER><IMG SRC="setting.jpg" WIDTH=600 HEIGHT=450><P>Setting explosives (old page)</P></CENTER></BODY></HTML>
""",
    }, "cp1252")
    spec.chrome_text = [title, "Click on a picture to see it bigger.", "(click for the full scan)",
                        "Home | About"]
    spec.file_names = ["setting.jpg", "boy_web.jpg", "result.jpg", "mother.jpg", "boy_copy.jpg"]
    return spec


# -- 10. A meta-refresh slideshow ------------------------------------------------------------------------------

def meta_refresh_slideshow(root: Path) -> StyleSpec:
    """index.htm only forwards (meta refresh, 0 s) to slideshow/index.html, a page of thumbnails and "Start
    the slide show"; slideshow/slideNN.html each show one photo and its caption, "Slide n of 5" and "Stop the
    slide show", and forward themselves after 6 s to the next slide, the last one back to the start."""
    spec = StyleSpec("meta_refresh_slideshow", root, "", galleries=["slideshow/index.html"],
                     pages=["index.htm", "slideshow/index.html"])
    captions = ["New Year's Eve on the Mississippi riverfront.", "Easter egg hunt at St. Luke's.",
                "Katie's first day of school, September 1999.", "The Fourth of July parade on Main Street.",
                "Thanksgiving: twenty-two people at one table."]
    thumbs = []
    for n, caption in enumerate(captions, start=1):
        image = picture(root, f"slideshow/pics/{n:02d}.jpg", (500, 375), f"slides-{n}")
        resized(root, f"slideshow/pics/t_{n:02d}.jpg", image, 100)
        page = f"slideshow/slide{n:02d}.html"
        spec.photos.append(Photo(f"slideshow/pics/{n:02d}.jpg", caption, f"slideshow/pics/t_{n:02d}.jpg", page,
                                 gallery="slideshow/index.html"))
        spec.pages.append(page)
        following = f"slide{n + 1:02d}.html" if n < len(captions) else "slide01.html"
        write(root, {page: f"""<html>
<head>
<title>Our Year 1999</title>
<meta http-equiv="refresh" content="6;URL={following}">
</head>
<body bgcolor="black" text="white">
<center>
<img src="pics/{n:02d}.jpg" width="500" height="375">
<p><font face="Arial" size="3">{caption}</font></p>
<p><font face="Arial" size="1">Slide {n} of {len(captions)}</font></p>
<p><font face="Arial" size="2"><a href="index.html">Stop the slide show</a></font></p>
</center>
</body>
</html>
"""})
        thumbs.append(f'<a href="slide{n:02d}.html"><img src="pics/t_{n:02d}.jpg" width="100" height="75" '
                      'border="0" hspace="5"></a>')
    write(root, {
        "slideshow/index.html": """<html>
<head><title>Our Year 1999</title></head>
<body bgcolor="black" text="white">
<center>
<h1><font face="Arial">Our Year 1999</font></h1>
<p><font face="Arial" size="2">Click on a picture to see it bigger, or
<a href="slide01.html">start the slide show</a>.</font></p>
<p>""" + "\n".join(thumbs) + """</p>
</center>
</body>
</html>
""",
        "index.htm": """<html><head><title>Our Year 1999</title>
<meta http-equiv="refresh" content="0; url=slideshow/index.html"></head>
<body><a href="slideshow/index.html">Click here if you are not taken to our pictures.</a></body></html>
""",
    })
    spec.chrome_text = ["Our Year 1999", "Stop the slide show", "Click here if you are not taken to our pictures."]
    spec.chrome_text += [f"Slide {n} of {len(captions)}" for n in range(1, len(captions) + 1)]
    return spec


# -- 11. FrontPage 2002/2003 Photo Gallery web component: horizontal and slide show layouts --------------------

def frontpage_photo_gallery(root: Path) -> StyleSpec:
    """A FrontPage 2002 web: index.htm (home) links to garden.htm and trip.htm. Each holds a Photo Gallery
    component between `<!--webbot bot="PhotoAlbum" U-Include="photogallery/photoNNNNNNNN/real.htm" ... startspan
    -->` and its endspan comment; the component's folder keeps the pictures, their thumbnails and its own three
    files (real.htm: the gallery as inserted; real_p.htm: its preview; real_x.htm: the wizard's settings).
    garden.htm, the horizontal layout: each thumbnail (thumbnail_NAME.jpg) links to its picture (real_NAME.jpg),
    the caption in bold under it and the description under that. trip.htm, the slide show layout: a strip of
    thumbnails (NAME_thumb.jpg) whose links are `javascript:fp_ShowImg(...)` and whose `lowsrc` names the big
    picture; one big picture shown (fpGalleryMainImg_ID); every caption in hidden divs (fpGalleryCaptions_ID,
    fpGalleryDescriptions_ID) that sldshow.js copies into the caption cell; scroll arrows left and right."""
    generator = "Microsoft FrontPage 5.0"
    spec = StyleSpec("frontpage_photo_gallery", root, generator, galleries=["garden.htm", "trip.htm"],
                     pages=["index.htm", "garden.htm", "trip.htm"])
    garden, trip = "photogallery/photo00000001", "photogallery/photo00000002"
    spec.frames = {f"{folder}/{name}": gallery for folder, gallery in ((garden, "garden.htm"), (trip, "trip.htm"))
                   for name in ("real.htm", "real_p.htm", "real_x.htm")}
    spec.pages += list(spec.frames)
    spec.navigation = gifs(root, [f"{trip}/left_arrow.gif", f"{trip}/left_arrow_disabled.gif",
                                  f"{trip}/right_arrow.gif", f"{trip}/right_arrow_disabled.gif"], (14, 28))

    def head(title: str) -> str:
        return (f'<html>\n\n<head>\n<meta http-equiv="Content-Language" content="en-us">\n<meta name="GENERATOR" '
                f'content="{generator}">\n<meta name="ProgId" content="FrontPage.Editor.Document">\n'
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
                f'<title>{title}</title>\n</head>\n\n<body>\n\n')

    # The horizontal layout: caption (bold) and description under each thumbnail, three to a row.
    flowers = [("roses", "Grandma's roses by the porch", "She planted them the year Dad was born."),
               ("beans", "Pole beans, August 2002", ""), ("shed", "", ""),
               ("scarecrow", "The scarecrow Ben made", "")]
    cells = []
    for name, caption, description in flowers:
        image = picture(root, f"{garden}/real_{name}.jpg", (640, 480), f"fpg-{name}")
        resized(root, f"{garden}/thumbnail_{name}.jpg", image, 100)
        spec.photos.append(Photo(f"{garden}/real_{name}.jpg", " ".join(filter(None, (caption, description))),
                                 f"{garden}/thumbnail_{name}.jpg", gallery="garden.htm"))
        spec.file_names += [f"real_{name}.jpg", f"thumbnail_{name}.jpg", name]
        cells.append(f"""\t\t<td valign="top" align="center" width="33%">
\t\t<a target="_blank" href="{{folder}}real_{name}.jpg">
\t\t<img border="0" src="{{folder}}thumbnail_{name}.jpg" width="100" height="75" title="{caption}"></a><br>
\t\t<font size="2" face="Arial"><b>{caption}</b></font><br>
\t\t<font size="2" face="Arial">{description}</font></td>""")
    rows = "\n\t</tr>\n\t<tr>\n".join("\n".join(cells[i:i + 3]) for i in range(0, len(cells), 3))
    horizontal = f"""<div align="center">
\t<table border="0" cellpadding="5" cellspacing="0" width="100%">
\t<tr>
{rows}
\t</tr>
\t</table>
</div>
"""

    # The slide show layout: captions and descriptions only in the hidden divs, in the thumbnails' order.
    voyage = [("IMG_2201", "Leaving Seattle on the ferry", ""), ("IMG_2207", "Orcas at Friday Harbor",
                                                                   "Three of them, close to the boat."),
              ("IMG_2214", "Lime Kiln lighthouse", ""), ("IMG_2230", "", "")]
    thumbs, caption_divs, description_divs = [], [], []
    for n, (name, caption, description) in enumerate(voyage):
        image = picture(root, f"{trip}/{name}.jpg", (600, 450), f"fpg-{name}")
        resized(root, f"{trip}/{name}_thumb.jpg", image, 100)
        spec.photos.append(Photo(f"{trip}/{name}.jpg", " ".join(filter(None, (caption, description))),
                                 f"{trip}/{name}_thumb.jpg", gallery="trip.htm"))
        spec.file_names += [name, f"{name}.jpg", f"{name}_thumb.jpg"]
        thumbs.append(f"""\t\t<a target="_self" href="javascript:fp_ShowImg(document['fpphoto_{7590 + n}'],'600','450','4021',{n});"><img hspace="10" vspace="5" border="0" src="{{folder}}{name}_thumb.jpg" id="fpphoto_{7590 + n}" name="fpphoto_{7590 + n}" lowsrc="{{folder}}{name}.jpg" width="100" height="75" title="{caption}" align="absmiddle"></a>""")  # noqa: E501
        caption_divs.append(f"\t\t<div><p>{caption}</p></div>" if caption else "\t\t<div></div>")
        description_divs.append(f"\t\t<div><p>{description}</p></div>" if description else "\t\t<div></div>")
    first, first_caption, first_description = voyage[0]
    slide_show = f"""<div align="center">
<center>
<layer visibility="hide">
\t<div style="display:none;" id="fpGalleryCaptions_4021">
{chr(10).join(caption_divs)}
\t</div>
\t<div style="display:none;" id="fpGalleryDescriptions_4021">
{chr(10).join(description_divs)}
\t</div>
</layer>
<script language="javascript" src="{{folder}}sldshow.js"><!--
--></script>
<table border="0" cellpadding="0" cellspacing="0" width="640">
\t<tr>
\t\t<td width="14"><a href="javascript:fp_ScrollLeft('4021')"><img border="0" id="fpGalleryLeftBtn_4021" src="{{folder}}left_arrow_disabled.gif" lowsrc="{{folder}}left_arrow.gif" width="14" height="28"></a></td>
\t\t<td id="fpGalleryListCell_4021" nowrap>
{chr(10).join(thumbs)}
\t\t</td>
\t\t<td width="14"><a href="javascript:fp_ScrollRight('4021')"><img border="0" id="fpGalleryRightBtn_4021" src="{{folder}}right_arrow.gif" lowsrc="{{folder}}right_arrow_disabled.gif" width="14" height="28"></a></td>
\t</tr>
\t<tr>
\t\t<td colspan="3" align="center"><img id="fpGalleryMainImg_4021" name="fpGalleryMainImg_4021" border="0" src="{{folder}}{first}.jpg" width="600" height="450" title="{first_caption}"></td>
\t</tr>
\t<tr>
\t\t<td colspan="3" id="fpGalleryCaptionCell_4021"><p align="center"><font size="2" face="Arial"><b>{first_caption}</b></font></p></td>
\t</tr>
\t<tr>
\t\t<td colspan="3" id="fpGalleryDescCell_4021"><p align="center"><font size="2" face="Arial">{first_description}</font></p></td>
\t</tr>
</table>
</center>
</div>
"""  # noqa: E501

    def component(folder: str, layout: str, markup: str, checksum: int) -> str:
        return (f'<!--webbot bot="PhotoAlbum" U-Include="{folder}/real.htm" clientside tag="BODY" startspan -->\n'
                f'<picture file-href="{folder}/real_p.htm"></picture>\n<picture file-href="{folder}/real_x.htm">'
                f'</picture>\n{markup.replace("{folder}", folder + "/")}'
                f'<!--webbot bot="PhotoAlbum" i-checksum="{checksum}" endspan -->')

    settings = """<?xml version="1.0" encoding="UTF-8"?>
<PhotoAlbum xmlns="urn:schemas-microsoft-com:office:photoalbum" Layout="{layout}" ThumbWidth="100" Columns="3">
{pictures}
</PhotoAlbum>
"""
    files: dict[str, str] = {}
    for folder, layout, markup, shots in ((garden, "Horizontal", horizontal, flowers),
                                          (trip, "SlideShow", slide_show, voyage)):
        files[f"{folder}/real.htm"] = head("Photo Gallery") + markup.replace("{folder}", "") + "\n</body>\n</html>\n"
        files[f"{folder}/real_p.htm"] = head("Photo Gallery") + markup.replace("{folder}", "") + "\n</body>\n</html>\n"
        files[f"{folder}/real_x.htm"] = settings.format(layout=layout, pictures="\n".join(
            f'<Picture Src="{name}.jpg" Caption="{caption}" Description="{description}"/>'
            for name, caption, description in shots))
    files[f"{trip}/sldshow.js"] = ("function fp_ShowImg(src, sWidth, sHeight, sID, iIndex) {\n\tvar el = document."
                                   'images["fpGalleryMainImg_" + sID];\n\tif (el) { el.src = src.lowsrc; }\n}\n'
                                   "function fp_ScrollLeft(sID) {}\nfunction fp_ScrollRight(sID) {}\n")
    files["garden.htm"] = head("Our Garden") + """<h1><font face="Arial">Our Garden</font></h1>
<p><font face="Arial">The garden at the old house on Maple Street. Click a picture to see it bigger.</font></p>
""" + component(garden, "Horizontal", horizontal, 61723) + """
<p><font face="Arial"><a href="index.htm">Back to our home page</a></font></p>
</body>

</html>
"""
    files["trip.htm"] = head("San Juan Islands") + """<h1><font face="Arial">San Juan Islands, May 2003</font></h1>
<p><font face="Arial">Click a small picture to see it here.</font></p>
""" + component(trip, "SlideShow", slide_show, 22871) + """
<p><font face="Arial"><a href="index.htm">Back to our home page</a></font></p>
</body>

</html>
"""
    files["index.htm"] = head("The Becker family") + """<h1><font face="Arial">The Becker family</font></h1>
<p><font face="Arial">Hello and welcome. See <a href="garden.htm">our garden</a> and the pictures of
<a href="trip.htm">our trip to the San Juan Islands</a>.</font></p>
</body>

</html>
"""
    write(root, files, "cp1252")
    spec.chrome_text = ["Back to our home page", "Click a small picture to see it here.", "Photo Gallery"]
    return spec


# -- 12. iView MediaPro 2 HTML gallery: an index of thumbnails, a page per photo with its annotations -----------

def iview_mediapro(root: Path) -> StyleSpec:
    """iView MediaPro's HTML export (its default theme): index.html, a table of thumbnails (Thumbnails/) with the
    file name under each and the catalog's title over them; Pages/MediaN.html per photo: the title again, a bar of
    text links (<< to the index, < previous, > next) around the file name, the picture (Images/), and a table of
    the catalog's annotations (Caption, Headline, Event, Location, Date Created, Photographer), with a row only for
    the fields that have a value (a place as Location, or as City and Country); the bar again under it.
    <meta name="generator" content="iView MediaPro ...">."""
    generator = "iView MediaPro 2.6.4"
    spec = StyleSpec("iview_mediapro", root, generator, galleries=["index.html"], pages=["index.html"])
    title = "Kelly Family Reunion 1998"
    shots = [("DSC_0012", {"Caption": "Aunt Rose cutting the anniversary cake.", "Headline": "The cake",
                           "Event": "Kelly reunion", "Location": "Galway, Ireland", "Date Created": "1998-06-14"}),
             ("DSC_0015", {"Caption": "All forty-one of us on the church steps.", "Event": "Kelly reunion",
                           "City": "Galway", "Country": "Ireland", "Date Created": "1998-06-14",
                           "Photographer": "Sean Kelly"}),
             ("DSC_0021", {"Event": "Kelly reunion", "Date Created": "1998-06-15"}),
             ("DSC_0030", {"Caption": "Grandpa's old boat at Salthill.", "Location": "Salthill, Galway",
                           "Date Created": "1998-06-16"})]
    names = [name for name, _ in shots]

    def head(page_title: str, css: str) -> str:
        return (f'<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n'
                f'<meta name="generator" content="{generator}">\n<title>{page_title}</title>\n'
                f'<link rel="stylesheet" href="{css}Assets/style.css" type="text/css">\n</head>\n'
                '<body bgcolor="#FFFFFF" text="#000000" link="#0000FF" vlink="#0000FF">\n'
                f'<center><font size="+1">{title}</font></center>\n<br>\n')

    def bar(n: int) -> str:
        return f"""<center>
<table border="1" cellspacing="0" cellpadding="4" width="100%">
<tr>
<td width="20"><center><a href="../index.html">&lt;&lt;</a></center></td>
<td><center><b>{names[n]}.jpg</b></center></td>
<td width="20"><center><a href="Media{(n - 1) % len(names) + 1}.html">&lt;</a></center></td>
<td width="20"><center><a href="Media{(n + 1) % len(names) + 1}.html">&gt;</a></center></td>
</tr>
</table>
</center>
"""
    cells, files = [], {"Assets/style.css": "td.label { font-weight: bold; text-align: right }\n"}
    for n, (name, fields) in enumerate(shots):
        image = picture(root, f"Images/{name}.jpg", (640, 427), f"iview-{name}")
        resized(root, f"Thumbnails/{name}.jpg", image, 128)
        page = f"Pages/Media{n + 1}.html"
        place = ", ".join(fields[label] for label in ("Location", "City", "Country") if label in fields)
        kept = {"title": fields.get("Headline", ""), "date": fields.get("Date Created", ""),
                "creator": fields.get("Photographer", ""), "place": place, "places": "galway" if place else ""}
        spec.photos.append(Photo(f"Images/{name}.jpg", fields.get("Caption", ""), f"Thumbnails/{name}.jpg", page,
                                 gallery="index.html", fields={k: v for k, v in kept.items() if v}))
        spec.pages.append(page)
        spec.file_names += [name, f"{name}.jpg"]
        cells.append(f'<td align="center" valign="bottom"><a href="{page}"><img src="Thumbnails/{name}.jpg" '
                     f'width="128" height="85" border="0" alt="{name}.jpg"></a><br><font size="-2">{name}.jpg'
                     '</font></td>')
        rows = "\n".join(f'<tr><td class="label" valign="top">{label}:</td><td>{value}</td></tr>'
                         for label, value in fields.items())
        files[page] = head(f"{name}.jpg", "../") + bar(n) + f"""<p><center>
<img src="../Images/{name}.jpg" width="640" height="427" alt="{name}.jpg" align="bottom">
</center></p>
<center>
<table border="0" cellspacing="0" cellpadding="3" width="500">
{rows}
</table>
</center>
<br>
""" + bar(n) + "</body>\n</html>\n"
    table = "</tr>\n<tr>\n".join("\n".join(cells[i:i + 4]) for i in range(0, len(cells), 4))
    files["index.html"] = head(title, "") + f"""<center>
<table border="0" cellspacing="8" cellpadding="0">
<tr>
{table}
</tr>
</table>
</center>
<br><center><font size="-2">Made with iView MediaPro</font></center>
</body>
</html>
"""
    write(root, files, "cp1252")
    spec.chrome_text = [title, "Made with iView MediaPro", "<<", "<", ">"]
    spec.chrome_text += [f"<< {name}.jpg < >" for name in names]
    return spec



# -- 13. Apple Aperture 2 "Web Gallery": paged thumbnail tables, a large page per photo ------------------------

def aperture(root: Path) -> StyleSpec:
    """Aperture's web gallery export (a table-layout theme): index.html and index2.html, the gallery's thumbnail
    pages (thumbnails/picture-N.jpg, the version name under each, page numbers and arrows between the two pages);
    large-N.html per photo: the album title again, Previous / Index / Next arrows (resources/, the index arrow
    leading to the thumbnail page that holds the photo), the picture (pictures/picture-N.jpg) and the metadata
    set under it: the version name, the caption, the date the picture was taken. The version name is the camera's
    file name until someone renames the version. A copyright line on every page."""
    generator = "Aperture 2.1.4"
    title, rights = "Kauai, March 2008", "\u00a9 2008 Dana Whitfield"
    spec = StyleSpec("aperture", root, generator, galleries=["index.html"], pages=["index.html", "index2.html"],
                     continued={"index2.html": "index.html"})
    spec.navigation = gifs(root, ["resources/previous.gif", "resources/index.gif", "resources/next.gif",
                                  "resources/previous_disabled.gif", "resources/next_disabled.gif"], (24, 24))
    shots = [("Hanalei pier at dusk", "The pier at Hanalei Bay, the evening we arrived.", "3/14/08 6:42:10 PM"),
             ("IMG_4410", "Rooster on the road to Waimea Canyon; they are everywhere.", "3/15/08 9:03:55 AM"),
             ("IMG_4423", "", "3/15/08 11:20:31 AM"),
             ("Waimea Canyon lookout", "Waimea Canyon from the lookout at mile 10. Mark called it the Grand "
              "Canyon of the Pacific all day.", "3/15/08 11:48:02 AM"),
             ("IMG_4502", "Taro fields in the Hanalei valley.", "3/16/08 8:15:44 AM"),
             ("IMG_4517", "", "3/16/08 4:02:19 PM"),
             ("Na Pali coast", "The Na Pali coast from the boat, Kalalau beach in the middle.", "3/17/08 10:31:07 AM")]
    per_page = 4
    indexes = ["index.html", "index2.html"]

    def head() -> str:
        return (f'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
                '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
                f'<meta name="generator" content="{generator}">\n<title>{title}</title>\n'
                '<link rel="stylesheet" type="text/css" href="resources/gallery.css">\n</head>\n'
                '<body>\n<table class="page" width="100%" border="0" cellspacing="0" cellpadding="0">\n'
                f'<tr><td class="header"><span class="albumTitle">{title}</span></td></tr>\n')

    foot = (f'<tr><td class="footer"><span class="copyright">{rights}</span></td></tr>\n</table>\n</body>\n'
            '</html>\n')

    def arrow(name: str, href: str | None) -> str:
        image = f'<img src="resources/{name}{"" if href else "_disabled"}.gif" width="24" height="24" border="0" ' \
                f'alt="{name}">'
        return f'<a href="{href}">{image}</a>' if href else image

    files = {"resources/gallery.css": "body { font-family: Futura, Baskerville, serif }\n"}
    cells: list[list[str]] = [[] for _ in indexes]
    for n, (name, caption, taken) in enumerate(shots, start=1):
        image = picture(root, f"pictures/picture-{n}.jpg", (720, 480), f"aperture-{n}")
        resized(root, f"thumbnails/picture-{n}.jpg", image, 150)
        index = indexes[(n - 1) // per_page]
        month, day, year = taken.split()[0].split("/")  # the camera's clock, printed month/day/yy
        spec.photos.append(Photo(f"pictures/picture-{n}.jpg", caption, f"thumbnails/picture-{n}.jpg",
                                 f"large-{n}.html", gallery="index.html",
                                 fields={"date": f"20{year}-{int(month):02d}-{int(day):02d}"}))
        spec.pages.append(f"large-{n}.html")
        spec.file_names += [f"picture-{n}", f"picture-{n}.jpg", *([name] if name.startswith("IMG_") else [])]
        cells[(n - 1) // per_page].append(
            f'<td class="thumbCell" align="center" valign="top" width="25%"><a href="large-{n}.html"><img '
            f'class="thumbnail" src="thumbnails/picture-{n}.jpg" width="150" height="100" border="0"></a><br>'
            f'<span class="thumbMetadata">{name}</span></td>')
        previous = f"large-{n - 1}.html" if n > 1 else None
        following = f"large-{n + 1}.html" if n < len(shots) else None
        caption_row = f'<span class="caption">{caption}</span><br>\n' if caption else ""
        files[f"large-{n}.html"] = head() + f"""<tr><td class="navigation" align="center">{arrow("previous", previous)}\
&nbsp;{arrow("index", index)}&nbsp;{arrow("next", following)}</td></tr>
<tr><td class="imageCell" align="center"><img class="image" src="pictures/picture-{n}.jpg" width="720" height="480" \
border="0"></td></tr>
<tr><td class="metadata" align="center"><span class="versionName">{name}</span><br>
{caption_row}<span class="date">{taken}</span></td></tr>
""" + foot
    for page, (here, row) in enumerate(zip(indexes, cells, strict=True)):
        numbers = " ".join(f'<span class="currentPage">{k + 1}</span>' if k == page
                           else f'<a href="{other}">{k + 1}</a>' for k, other in enumerate(indexes))
        previous = indexes[page - 1] if page > 0 else None
        following = indexes[page + 1] if page + 1 < len(indexes) else None
        files[here] = head() + f"""<tr><td class="pagination" align="right">{arrow("previous", previous)}\
&nbsp;{numbers}&nbsp;{arrow("next", following)}</td></tr>
<tr><td align="center"><table class="thumbnails" border="0" cellspacing="12" cellpadding="0">
<tr>
{chr(10).join(row)}
</tr>
</table></td></tr>
""" + foot
    write(root, files)
    spec.chrome_text = [title, rights, "1 2"]
    return spec


# -- 14. Photoshop Web Photo Gallery 7.0, "Vertical Frame": a frameset, no arrows -----------------------------

def photoshop_vertical_frame(root: Path) -> StyleSpec:
    """index.htm is a <frameset> of two frames: ThumbnailFrame.htm (a column of thumbnails, the file name under
    each, each link `target="MainFrame"` to pages/NAME.htm) and MainFrame, which opens on the first photo's page.
    A photo page has the banner (gallery title, photographer, date), the photo, its File Info caption and its file
    name, and no Previous/Next: the thumbnail column is the navigation. Nothing links to the pages but the
    thumbnail frame."""
    title, author, date = "Cape Cod, Labor Day 2002", "Ellen Porter", "9/2/02"
    generator = "Adobe Photoshop(R) 7.0 Web Photo Gallery"
    spec = StyleSpec("photoshop_vertical_frame", root, generator, galleries=["ThumbnailFrame.htm"],
                     pages=["index.htm", "ThumbnailFrame.htm"], frames={"index.htm": "ThumbnailFrame.htm"})
    names = ["Scan-021", "Scan-022", "Scan-023", "Scan-024", "Scan-025"]
    captions = ["Nauset Light from the beach path.", "", "Dad and the boys with the kayak at Pleasant Bay.",
                "Lobster rolls at Arnold's, our last night.", ""]

    def head(page_title: str) -> str:
        return (f'<HTML>\n<HEAD>\n<TITLE>{page_title}</TITLE>\n<META name="generator" content="{generator}">\n'
                '<META http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n</HEAD>\n')

    banner = f"""<TABLE border="0" cellpadding="5" cellspacing="2" width="100%" bgcolor="#333366">
<TR><TD><FONT size="3" face="Helvetica" color="#FFFFFF"><B>{title}</B><BR>{author}<BR>{date}</FONT></TD></TR>
</TABLE>"""
    files, rows = {}, []
    for n, (name, caption) in enumerate(zip(names, captions, strict=True), start=1):
        image = picture(root, f"images/{name}.jpg", (480, 360), f"ps-vframe-{n}")
        resized(root, f"thumbnails/{name}.jpg", image, 100)
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"thumbnails/{name}.jpg", f"pages/{name}.htm",
                                 gallery="ThumbnailFrame.htm"))
        spec.pages.append(f"pages/{name}.htm")
        spec.file_names += [name, f"{name}.jpg"]
        rows.append(f'<TR><TD align="center"><A href="pages/{name}.htm" target="MainFrame"><IMG '
                    f'src="thumbnails/{name}.jpg" height="75" width="100" border="0" alt="{name}"></A><BR>'
                    f'<FONT size="1" face="Helvetica" color="#FFFFFF">{name}.jpg</FONT></TD></TR>')
        caption_row = f'<P><CENTER><FONT size="3" face="Helvetica" color="#FFFFFF">{caption}</FONT></CENTER></P>\n' \
            if caption else ""
        files[f"pages/{name}.htm"] = head(name) + f"""<BODY bgcolor="#000033" text="#FFFFFF">
{banner}
<P><CENTER><IMG src="../images/{name}.jpg" height="360" width="480" border="0" alt="{name}"></CENTER></P>
{caption_row}<P><CENTER><FONT size="2" face="Helvetica" color="#FFFFFF">{name}.jpg</FONT></CENTER></P>
</BODY>
</HTML>
"""
    files["ThumbnailFrame.htm"] = head(title) + """<BODY bgcolor="#000033" text="#FFFFFF">
<TABLE border="0" cellpadding="4" cellspacing="4" width="100%">
""" + "\n".join(rows) + """
</TABLE>
</BODY>
</HTML>
"""
    files["index.htm"] = head(title) + f"""<FRAMESET cols="160,*" border="0" frameborder="0">
<FRAME name="ThumbnailFrame" src="ThumbnailFrame.htm" scrolling="auto" marginwidth="0" marginheight="0">
<FRAME name="MainFrame" src="pages/{names[0]}.htm" scrolling="auto">
<NOFRAMES><BODY>This gallery needs a browser that shows frames.</BODY></NOFRAMES>
</FRAMESET>
</HTML>
"""
    write(root, files, "cp1252")
    spec.chrome_text = [title, author, date, "This gallery needs a browser that shows frames."]
    return spec


# -- 15. Photoshop CS Web Photo Gallery, "Horizontal Slideshow": one page, the big image swapped by a script -----

def photoshop_horizontal_slideshow(root: Path) -> StyleSpec:
    """index.htm alone: the banner, one big image (images/IMG_0301.jpg) with the first photo's caption under it, a
    strip of thumbnails whose links are `javascript:showSlide(N)`, and Previous / Play / Next buttons. The big
    pictures of the other thumbnails are named only in the page's script (slides[N] = new Array("images/...jpg",
    "caption", "IMG_0302.jpg")), which swaps the big image and the caption in the browser. No photo pages."""
    title, author = "Sophie's Christening", "June 2005"
    generator = "Adobe Photoshop(R) CS Web Photo Gallery"
    spec = StyleSpec("photoshop_horizontal_slideshow", root, generator, galleries=["index.htm"],
                     pages=["index.htm"])
    spec.navigation = gifs(root, ["images/previous.gif", "images/play.gif", "images/next.gif"], (36, 19))
    names = ["IMG_0301", "IMG_0302", "IMG_0303", "IMG_0304", "IMG_0305"]
    captions = ["Sophie in Grandma's christening gown.", "Father Murphy at the font, St. Brigid's.", "",
                "The godparents, Claire and Tom.", "Cake in the garden afterwards."]
    rows, thumbs = [], []
    for n, (name, caption) in enumerate(zip(names, captions, strict=True)):
        image = picture(root, f"images/{name}.jpg", (500, 375), f"ps-hslide-{n}")
        resized(root, f"thumbnails/{name}.jpg", image, 75)
        spec.photos.append(Photo(f"images/{name}.jpg", caption, f"thumbnails/{name}.jpg", gallery="index.htm"))
        spec.file_names += [name, f"{name}.jpg"]
        rows.append(f'\tslides[{n}] = new Array("images/{name}.jpg", "{caption}", "{name}.jpg");')
        thumbs.append(f'<td><a href="javascript:showSlide({n});"><img src="thumbnails/{name}.jpg" width="75" '
                      f'height="56" border="0" alt="{name}"></a></td>')
    script = """<script language="javascript">
<!--
\tvar slides = new Array();
""" + "\n".join(rows) + """
\tvar current = 0;
\tfunction showSlide(n) {
\t\tcurrent = n;
\t\tdocument.images["slideImage"].src = slides[n][0];
\t\tdocument.getElementById("slideCaption").innerHTML = slides[n][1];
\t\tdocument.getElementById("slideName").innerHTML = slides[n][2];
\t}
\tfunction nextSlide() { showSlide((current + 1) % slides.length); }
\tfunction previousSlide() { showSlide((current + slides.length - 1) % slides.length); }
//-->
</script>"""
    buttons = "".join(f'<a href="javascript:{call}();"><img src="images/{gif_name}.gif" width="36" height="19" '
                      f'border="0" alt="{alt}"></a> ' for call, gif_name, alt in (
                          ("previousSlide", "previous", "Previous"), ("togglePlay", "play", "Play"),
                          ("nextSlide", "next", "Next")))
    write(root, {"index.htm": f"""<html>
<head>
<title>{title}</title>
<meta name="generator" content="{generator}">
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<link href="images/galleryStyle.css" rel="stylesheet" type="text/css">
{script}
</head>
<body bgcolor="#FFFFFF" marginheight="0" marginwidth="0" leftmargin="0" topmargin="0">
<div class="banner"><div class="title">{title}</div><div class="info">{author}</div></div>
<table align="center" border="0" cellpadding="6" cellspacing="0">
<tr><td align="center">{buttons}</td></tr>
<tr><td align="center"><img name="slideImage" id="slideImage" src="images/{names[0]}.jpg" width="500" height="375"
 border="0" alt=""></td></tr>
<tr><td align="center"><div class="caption" id="slideCaption">{captions[0]}</div>
<div class="fileName" id="slideName">{names[0]}.jpg</div></td></tr>
</table>
<div id="thumbnails" align="center"><table border="0" cellpadding="4" cellspacing="0"><tr>
{chr(10).join(thumbs)}
</tr></table></div>
</body>
</html>
""", "images/galleryStyle.css": ".banner { background: #CCCCCC }\n"})
    spec.chrome_text = [title, author]
    return spec

STYLES = [photoshop_table, photoshop_frames, frontpage_shared_borders, jalbum, picasa, iphoto, lightroom,
          dreamweaver_album, handmade_table, meta_refresh_slideshow, frontpage_photo_gallery, iview_mediapro,
          aperture, photoshop_vertical_frame, photoshop_horizontal_slideshow]


# -- 16. Apple iWeb 3: pages laid out in absolute layers, framed photos and drawn text saved as PNGs ------------

def _drawn_text(root: Path, rel: str, size: tuple[int, int], text: str, fill: tuple[int, int, int, int] | None,
                ink: tuple[int, int, int, int] = (20, 20, 20, 255)) -> str:
    """A text box or shape iWeb saved as a picture: words (or nothing) on a filled box or on nothing."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if fill:
        draw.rectangle((2, 2, size[0] - 3, size[1] - 3), fill=fill, outline=(40, 80, 40, 255))
    for n, line in enumerate(text.splitlines()):
        draw.text((8, 6 + 14 * n), line, fill=ink)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    image.save(root / rel)
    return rel


def _framed(root: Path, rel: str, size: tuple[int, int], seed: str) -> Image.Image:
    """A photo iWeb framed and saved as a PNG: the picture inside a white mat, opaque (an alpha channel, all 255)."""
    width, height = size
    inner = picture(root, rel + ".tmp.jpg", (width - 16, height - 16), seed)
    (root / (rel + ".tmp.jpg")).unlink()
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    image.paste(inner, (8, 8))
    image.save(root / rel)
    return image


def iweb(root: Path) -> StyleSpec:
    """iWeb 3 (2009-2011): every page NAME.html has a folder NAME_files/ beside it. A page is absolutely positioned
    layers: the theme's 700x700 backdrop (Darkroom_spotlight.jpg, copied into every NAME_files/) in the nav layer,
    a header text box, then the body layer: photos in a framed look are saved as shapeimage_N.png (opaque PNGs),
    plain photos as their JPEG, each caption a text box (a div 'shape-with-text') placed under it; a styled title
    is drawn as a PNG (text on nothing), the frame's edges are stroke_N.png pieces the page's script places, and a
    family-tree page is a chart of name boxes (PNGs of a name in a tinted box) linking to the people's pages.
    index.html is the Welcome page. The Photos album (Photos.html) has no <img> of its photos: its script lays out
    Photos_files/Media/NAME/thumb.jpg, and their captions are only in the album's feed (Photos_files/rss.xml), one
    <item> per photo with its <title> and <enclosure>; the big pictures were never published beside the page."""
    generator = "iWeb 3.0.4"
    spec = StyleSpec("iweb", root, generator, galleries=["index.html", "Harriet.html", "Photos.html"],
                     pages=["index.html", "Harriet.html", "Family_Tree.html", "Photos.html"])

    def page(name: str, folder: str, title: str, body: str, head: str = "") -> str:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
  <head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
    <meta name="Generator" content="{generator}" />
    <title>{title}</title>
    <link rel="stylesheet" type="text/css" media="screen,print" href="{folder}_files/{folder}.css" />
    <script type="text/javascript" src="Scripts/iWebSite.js"></script>
    <script type="text/javascript" src="{folder}_files/{folder}.js"></script>{head}
  </head>
  <body style="background: rgb(255, 255, 255) url({folder}_files/PhotoGray_browser_bg.jpg) repeat scroll top left; \
margin: 0pt; " onload="onPageLoad();">
    <div style="text-align: center; "><div style="margin-left: auto; margin-right: auto; position: relative; \
width: 700px; " id="body_content">
      <div style="float: left; position: relative; width: 700px; z-index: 0; " id="nav_layer">
        <div style="height: 700px; width: 700px; left: 0px; position: absolute; top: -80px; z-index: 1; " \
class="tinyText style_SkipStroke"><img src="{folder}_files/Darkroom_spotlight.jpg" alt="" style="border: none; \
height: 700px; width: 700px; " /></div>
        <div id="widget0" class="com-apple-iweb-widget-navbar"><ul class="navbar">
          <li><a href="index.html">Welcome</a></li><li><a href="Harriet.html">Harriet Moran</a></li>
          <li><a href="Family_Tree.html">Family Tree</a></li><li><a href="Photos.html">Photos</a></li></ul></div>
      </div>
      <div style="margin-left: 0px; position: relative; width: 700px; z-index: 5; " id="body_layer">
{body}
      </div>
    </div></div>
  </body>
</html>
"""

    def framed_block(src: str, size: tuple[int, int], top: int, alt: str = "") -> str:
        width, height = size
        return (f'        <div style="height: {height}px; width: {width}px; left: 30px; position: absolute; '
                f'top: {top}px; z-index: 1; " class="tinyText stroke_0 shadow_0"><div style="position: relative; '
                f'width: {width}px; "><img src="{src}" alt="{alt}" style="height: {height}px; left: 0px; '
                f'position: absolute; top: 0px; width: {width}px; " /></div></div>\n')

    def text_box(top: int, text: str, style: str = "Caption") -> str:
        return (f'        <div id="id{top}" style="height: 40px; left: 30px; position: absolute; top: {top}px; '
                f'width: 300px; z-index: 1; " class="style_SkipStroke_2 shape-with-text"><div class="text-content '
                f'graphic_textbox_layout_style_default_External_300_40" style="padding: 0px; "><div '
                f'class="graphic_textbox_layout_style_default"><p style="padding-bottom: 0pt; padding-top: 0pt; " '
                f'class="{style}">{text}</p></div></div></div>\n')

    files: dict[str, str | bytes] = {}
    backdrop = picture(root, "index_files/Darkroom_spotlight.jpg", (700, 700), "iweb-backdrop")
    for folder in ("Welcome", "Harriet", "Family_Tree", "Photos"):
        save(backdrop, root / f"{folder}_files/Darkroom_spotlight.jpg", 90)
        spec.chrome_images.append(f"{folder}_files/Darkroom_spotlight.jpg")
        files[f"{folder}_files/{folder}.css"] = ".Caption { font-family: 'Gill Sans'; }\n"
        strokes = [f"{folder}_files/stroke_{n}.png" for n in range(4)]  # a frame's edges, placed by script
        for n, stroke in enumerate(strokes):
            Image.new("RGBA", (4, 4 + 100 * (n % 2)), (255, 255, 255, 255)).save(root / stroke)
        files[f"{folder}_files/{folder}.js"] = "// Created by iWeb 3.0.4\nfunction applyEffects() { " + ", ".join(
            f"{{url:'{stroke}'}}" for stroke in strokes) + " }\n"
    (root / "index_files/Darkroom_spotlight.jpg").unlink()
    spec.chrome_images.append(_drawn_text(root, "Welcome_files/shapeimage_3.png", (255, 41),
                                          "Marg's Family History", None, (240, 240, 240, 255)))

    # the welcome page: two framed photos, each with its caption box under it
    welcome = [("Welcome_files/shapeimage_1.png", (300, 220), "Grandma Rose at the Lithgow house, 1916."),
               ("Welcome_files/shapeimage_2.png", (220, 290), "Our mother on her wedding day.")]
    body = text_box(0, "Welcome to the stories of the Stait and Benson families.", "Body")
    for n, (rel, size, caption) in enumerate(welcome):
        _framed(root, rel, size, f"iweb-welcome-{n}")
        body += framed_block(rel, size, 60 + 340 * n) + text_box(60 + 340 * n + size[1] + 8, caption)
        spec.photos.append(Photo(rel, caption, gallery="index.html"))
        spec.file_names += [Path(rel).stem, Path(rel).name]
    title_box = framed_block("Welcome_files/shapeimage_3.png", (255, 41), 700, "Marg's Family History")
    files["index.html"] = page("index.html", "Welcome", "Marg\u2019s Word", body + title_box)

    # a person's page: a drawn title, a framed portrait, a plain JPEG with its caption, the story
    spec.chrome_images.append(_drawn_text(root, "Harriet_files/shapeimage_1.png", (255, 41), "Harriet Moran", None,
                                          (240, 240, 240, 255)))
    _framed(root, "Harriet_files/shapeimage_2.png", (286, 327), "iweb-harriet-portrait")
    picture(root, "Harriet_files/lawrance.jpg", (262, 168), "iweb-harriet-lawrance")
    story = ("Harriet Moran was 17 when she left Ireland with her family. The ship was made to carry 100 sailors "
             "and on this trip it carried 248 immigrants. She was said to be a cheerful and unselfish helper.")
    spec.photos += [Photo("Harriet_files/shapeimage_2.png", "Harriet Moran in about 1870.", gallery="Harriet.html"),
                    Photo("Harriet_files/lawrance.jpg", "The Lawrance farm at Gowran, 2005.",
                          gallery="Harriet.html")]
    spec.file_names += ["shapeimage_2", "shapeimage_2.png", "lawrance", "lawrance.jpg"]
    files["Harriet.html"] = page("Harriet.html", "Harriet", "Harriet Moran", (
        framed_block("Harriet_files/shapeimage_1.png", (255, 41), 0, "Harriet Moran")
        + framed_block("Harriet_files/shapeimage_2.png", (286, 327), 60)
        + text_box(395, "Harriet Moran in about 1870.")
        + text_box(450, story, "Body")
        + '        <div style="height: 168px; width: 262px; left: 380px; position: absolute; top: 520px; z-index: 1; '
          '" class="tinyText style_SkipStroke_6 stroke_2"><img src="Harriet_files/lawrance.jpg" alt="" '
          'style="border: none; height: 168px; width: 262px; " /></div>\n'
        + text_box(700, "The Lawrance farm at Gowran, 2005.")))

    # the family tree: name boxes drawn as PNGs, each a link to a person's page, and an empty one
    boxes = [("Harriet.html", "Harriet Moran\n(1822-1899)"), ("index.html", "Rose Brimble\n(1890-1975)"), (None, "")]
    chart = ""
    for n, (href, name) in enumerate(boxes, start=1):
        rel = _drawn_text(root, f"Family_Tree_files/shapeimage_{n}.png", (120, 36), name, (150, 220, 150, 255))
        spec.chrome_images.append(rel)
        block = framed_block(rel, (120, 36), 40 * n, name.split("\n")[0])
        chart += f'        <a href="{href}">{block.strip()}</a>\n' if href else block
    files["Family_Tree.html"] = page("Family_Tree.html", "Family_Tree", "Family Tree",
                                     text_box(0, "The Stait line, as far as we know it.", "Body") + chart)

    # the Photos album: thumbnails laid out by script, captions in the feed only
    shots = [("Pop on Vicker's Gun", "John Stait on Vicker's Gun, Ambush Knoll 1943"),
             ("Mum & Dad", "John and Valerie Stait\nOn Leave Sydney 1942"),
             ("IMG_0060", "John Stait and Bill Stickland, Reunion Lismore 1986"),
             ("IMG_0073", "John, Val with Roy and Isabel Little, Merriwagga 1980s")]
    base = "http://members.example.net/~marg/Margs_Family_History/"
    entries = []
    for n, (name, caption) in enumerate(shots):
        rel = f"Photos_files/Media/{name}/thumb.jpg"
        picture(root, rel, (164, 136), f"iweb-album-{n}")
        spec.photos.append(Photo(rel, " ".join(caption.split()), gallery="Photos.html"))
        spec.file_names += [name, "thumb", "thumb.jpg"]
        quoted = name.replace(" ", "%20").replace("'", "%27").replace("&", "%26")
        entries.append(f"""    <item>
      <title>{caption.replace("&", "&amp;")}</title>
      <link>{base}Photos.html#{n}</link>
      <guid isPermaLink="false">0000{n}-iweb</guid>
      <enclosure url="{base}Photos_files/Media/{quoted}/{quoted}.jpg" length="{100000 + n}" type="image/jpeg"/>
      <iphoto:thumbnail>{base}Photos_files/Media/{quoted}/thumb.jpg</iphoto:thumbnail>
    </item>""")
    album_title = "Photos of John Stait\u2019s war experience"
    files["Photos_files/rss.xml"] = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:iphoto="urn:iphoto:property" xmlns:iweb="http://www.apple.com/iweb" version="2.0">
  <channel>
    <title>{album_title}</title>
    <link>{base}Photos.html</link>
    <description>The men of the 2/3rd Independent Company fought in the most difficult conditions.</description>
{chr(10).join(entries)}
  </channel>
</rss>
"""
    files["Photos.html"] = page("Photos.html", "Photos", album_title, (
        text_box(0, album_title, "Header")
        + text_box(50, "The men of the 2/3rd Independent Company fought in the most difficult conditions.", "Body")
        + '        <div class="com-apple-iweb-widget-headercontrols" id="widget1"><span class="subscribe">'
          '<a href="javascript:(void)"><img class="canvas subscribe" alt="subscribe" src="Photos.html" /></a>'
          '</span></div>\n'
        + '        <div id="widget2" class="com-apple-iweb-photocollection" style="height: 600px; width: 640px; '
          '"></div>\n'), head='\n    <link rel="alternate" type="application/rss+xml" title="RSS" '
                              'href="Photos_files/rss.xml" />\n    <script type="text/javascript" '
                              'src="Scripts/iWebMediaGrid.js"></script>')
    write(root, files)
    spec.chrome_text = ["Welcome Harriet Moran Family Tree Photos"]
    return spec


# -- 17. Gramps Narrated Web Site: a genealogy database written as pages, a page per media object --------------

def gramps_narrated_web(root: Path) -> StyleSpec:
    """Gramps 4 Narrated Web Site (2012-2017): every object has a page under a two-level folder of its handle
    (ppl/h/h/HANDLE.html for a person, img/a/b/HANDLE.html for a media object), every page the same header, menu
    and footer ('Generated by Gramps 4.2.5 / Last change was the DATE TIME', the date differing per page).
    thumbnails.html is the media gallery: thumb/a/b/HANDLE.png linked to each media page, no words. A media page
    has the bar Previous / 'N of M' / Next over the picture (images/a/b/HANDLE.jpg), its title in an <h3> under
    it, a table of the Gramps ID and file type, and its references (the people it shows). A person's page has
    their portrait (a thumbnail linking to its media page), their events and notes; individuals.html lists them."""
    generator = "Gramps 4.2.5 http://gramps-project.org/"
    site = "The Wesselowski Family Tree"
    spec = StyleSpec("gramps_narrated_web", root, generator, galleries=["thumbnails.html"],
                     pages=["index.html", "individuals.html", "thumbnails.html"])
    media = [("d8ab989b61e7bab9269f1af53d6", "Helen Byers", "I0009"),
             ("d8eb6dfb2f97d85e36a0a8c1f71", "Forrest Everette VanWert", "I0021"),
             ("d8ed2f2dc9c14796d6b3478644a", "Helen holding son Walter, 2.5 months", "I0009"),
             ("d964c97393c7a30b61564d94941", "1920 census, Kansas, page 14", None),
             ("d8eb734365436267447c4a867cc", "Helen and Harold's grave", None)]
    people = {"I0009": ("d91e5eba5df696a82ee15b7ac20", "Byers, Helen", "Helen Lucille Byers was born in Kansas in "
                        "1905 and married Harold Schmidt in 1926.", "1905-04-02", "1988-11-30", "Byers, Walter",
                        "Kemp, Ida May"),
              "I0021": ("d8e7ec681095f09aa45783dc1dd", "VanWert, Forrest Everette", "Forrest Everette VanWert "
                        "farmed near Ottawa, Kansas, all his life.", "1898-07-19", "1971-02-08",
                        "VanWert, John Wesley", "Huskin, Susan")}

    def folder(handle: str) -> str:
        return f"{handle[-1]}/{handle[-2]}/{handle}"  # Gramps files an object under its handle's last characters

    def head(title: str, up: str, body: str, when: str) -> str:
        return f"""<!DOCTYPE html>
<html xml:lang="en-US" lang="en-US" xmlns="http://www.w3.org/1999/xhtml">
<head lang="en-US">
\t<title>{site} - {title}</title>
\t<meta charset="UTF-8" />
\t<meta name ="generator" content="{generator}" />
\t<link href="{up}css/narrative-screen.css" media="screen" rel="stylesheet" type="text/css" />
</head>
<body>
\t<div id="header">
\t\t<h1 id="SiteTitle">{site}</h1>
\t</div>
\t<div class="wrapper" id="nav" role="navigation">
\t\t<div class="container">
\t\t\t<ul class="menu" id="dropmenu">
\t\t\t\t<li><a href="{up}individuals.html" title="Individuals">Individuals</a></li>
\t\t\t\t<li><a href="{up}thumbnails.html" title="Media">Media</a></li>
\t\t\t</ul>
\t\t</div>
\t</div>
\t<div class="content" id="{title.split()[0]}">
{body}
\t</div>
\t<div class="fullclear"></div>
\t<div id="footer">
\t\t<p id="createdate">
\t\tGenerated by <a href="http://gramps-project.org/">Gramps</a> 4.2.5<br />Last change was the {when}
\t\t</p>
\t\t<p id="copyright">
\t\t&copy; 2017 Ruth Schmidt
\t\t</p>
\t</div>
</body>
</html>
"""

    up = "../../../"
    files: dict[str, str | bytes] = {"css/narrative-screen.css": "body { font-family: sans-serif }\n"}
    thumbs = []
    for n, (handle, title, person) in enumerate(media):
        big, thumb, own = (f"images/{folder(handle)}.jpg", f"thumb/{folder(handle)}.png",
                           f"img/{folder(handle)}.html")
        image = picture(root, big, (600, 450) if n % 2 == 0 else (450, 600), f"gramps-{n}")
        small = image.copy()
        small.thumbnail((100, 100))
        (root / thumb).parent.mkdir(parents=True, exist_ok=True)
        small.save(root / thumb)
        spec.photos.append(Photo(big, "", thumb, own, gallery="thumbnails.html", fields={"title": title}))
        spec.pages.append(own)
        spec.file_names += [handle, f"{handle}.jpg", f"{handle}.png"]
        thumbs.append(f'\t\t<div class="thumbnail">\n\t\t\t<a href="{own}"><img alt="" src="{thumb}" /></a>\n'
                      '\t\t</div>')
        previous, following = media[n - 1][0], media[(n + 1) % len(media)][0]
        references = (f'\t\t<div class="subsection" id="references">\n\t\t\t<h4>References</h4>\n\t\t\t<ol class='
                      f'"Col1" role="Volume-n-Page"type="1">\n\t\t\t\t<li><a href="{up}ppl/{folder(people[person][0])}'
                      f'.html">{people[person][1]} <span class="grampsid"> [{person}]</span></a></li>\n\t\t\t</ol>\n'
                      '\t\t</div>\n') if person else ""
        files[own] = head("Media", up, f"""\t\t<div id="GalleryNav" role="navigation">
\t\t\t<a href="{up}img/{folder(previous)}.html" id="Previous" title="Previous">Previous</a>
\t\t\t<span id="GalleryPages"><strong>{n + 1}</strong> of <strong>{len(media)}</strong></span>
\t\t\t<a href="{up}img/{folder(following)}.html" id="Next" title="Next">Next</a>
\t\t</div>
\t\t<div id="summaryarea">
\t\t\t<div id="GalleryDisplay" style="width: 600px; height: 450px">
\t\t\t\t<a href="{up}{big}"><img alt="{title}" src="{up}{big}" /></a>
\t\t\t</div>
\t\t\t<h3>{title}</h3>
\t\t\t<table class="infolist gallery">
\t\t\t\t<tbody>
\t\t\t\t\t<tr><td class="ColumnAttribute">Gramps&nbsp;ID</td><td class="ColumnValue">O00{15 + n}</td></tr>
\t\t\t\t\t<tr><td class="ColumnAttribute">File Type</td><td class="ColumnValue">image/jpeg</td></tr>
\t\t\t\t</tbody>
\t\t\t</table>
\t\t</div>
{references}""", f"2017-03-{7 + n:02d} 23:{10 + n}:25")
    files["thumbnails.html"] = head("Thumbnails", "", "\t\t<h3>Thumbnails</h3>\n\t\t<p id=\"description\">This "
                                    "page contains an index of all the media objects in the database.</p>\n"
                                    + "\n".join(thumbs), "2017-03-16 18:31:20")
    rows = []
    for person, (handle, name, note, born, died, father, mother) in people.items():
        own = f"ppl/{folder(handle)}.html"
        portrait = next(m for m in media if m[2] == person)
        spec.pages.append(own)
        rows.append(f'\t\t\t<tr><td class="ColumnSurname"><a href="{own}">{name}</a></td></tr>')
        files[own] = head("Individuals", up, f"""\t\t<div id="summaryarea">
\t\t\t<div class="snapshot">
\t\t\t\t<div class="thumbnail">
\t\t\t\t\t<a href="{up}img/{folder(portrait[0])}.html"><img alt="{portrait[1]}" \
src="{up}thumb/{folder(portrait[0])}.png" /></a>
\t\t\t\t</div>
\t\t\t</div>
\t\t\t<h3>{name}<sup><small> <a href="#sref1a">1a</a></small></sup></h3>
\t\t\t<table class="infolist"><tr><td class="ColumnAttribute">Gramps ID</td><td class="ColumnValue">{person}</td>\
</tr></table>
\t\t</div>
\t\t<div class="subsection" id="events"><h4>Events</h4><table class="infolist eventlist"><thead><tr>\
<th class="ColumnEvent">Event</th><th class="ColumnDate">Date</th><th class="ColumnPlace">Place</th>\
<th class="ColumnDescription">Description</th></tr></thead><tbody>
\t\t\t<tr><td class="ColumnEvent">Birth</td><td class="ColumnDate">{born}</td><td class="ColumnPlace">\
Ottawa, Franklin County, Kansas, USA</td><td class="ColumnDescription">Birth of {name}</td></tr>
\t\t\t<tr><td class="ColumnEvent">Residence</td><td class="ColumnDate">1920</td><td class="ColumnPlace">\
Pottawatomie Township, Franklin County, Kansas, USA</td><td class="ColumnDescription">Living with parents and \
four brothers on the home farm</td></tr>
\t\t\t<tr><td class="ColumnEvent">Death</td><td class="ColumnDate">{died}</td><td class="ColumnPlace">Wichita, \
Sedgwick County, Kansas, USA</td><td class="ColumnDescription">Death of {name}</td></tr></tbody></table></div>
\t\t<div class="subsection" id="parents"><h4>Parents</h4><table class="infolist"><tr><td class="ColumnAttribute">\
Father</td><td class="ColumnValue">{father}</td></tr><tr><td class="ColumnAttribute">Mother</td>\
<td class="ColumnValue">{mother}</td></tr></table></div>
\t\t<div class="subsection narrative"><h4>Narrative</h4><p>{note}</p></div>
\t\t<div class="subsection" id="sourcerefs"><h4>Source References</h4><ol><li id="sref1a">1920 census, Kansas\
</li></ol></div>""", f"2017-03-12 10:0{len(rows)}:55")
    files["individuals.html"] = head("Individuals", "", "\t\t<h3>Individuals</h3>\n\t\t<table class=\"infolist "
                                     "primobjlist IndividualList\">\n" + "\n".join(rows) + "\n\t\t</table>",
                                     "2017-03-16 18:31:21")
    files["index.html"] = head("Home", "", f"\t\t<h3>{site}</h3>\n\t\t<p>The descendants of Carl Wesselowski and "
                               "Anna Van Wert, as far as we have found them.</p>", "2017-03-16 18:31:19")
    write(root, files)
    spec.chrome_text = [site, "Individuals Media", "Generated by Gramps 4.2.5",
                        "This page contains an index of all the media objects in the database."]
    return spec


STYLES += [iweb, gramps_narrated_web]
