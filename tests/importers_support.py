"""Old hand-made photo websites, built in tmp_path for the import tests.

Each builder writes a saved site (pages and real images) and returns an OldSiteSpec: what a correct import
must find in it (each photo's caption as a reader sees it, which old file is the big image, which text
is chrome). The layouts are the ones the import must handle without being told: 1998 tables, <br>
paragraphs, per-photo pages, <figure>, definition lists, captions above, a row of captions under a row
of photos, Windows-1252 and Shift-JIS pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from conftest import make_jpeg

BANNER = "Thank you for your patience as we rebuild our website! 2020-2024"
FOOTER = "© 2004 The Miller family. All rights reserved."
NAV_BAR = "Home | The war years | About us"


@dataclass
class Photo:
    """A photo the old site shows: its big file, its thumbnail, and its caption as a reader sees it."""

    big: str  # path in the old site
    caption: str  # the words, whitespace normalised, as a browser shows them
    thumbnail: str | None = None
    page: str | None = None  # its own page, if it has one
    links_to: str | None = None  # the big file of another photo its caption links to


@dataclass
class OldSiteSpec:
    root: Path
    photos: list[Photo] = field(default_factory=list)
    gallery_pages: list[str] = field(default_factory=list)
    free_pages: list[str] = field(default_factory=list)
    chrome_images: list[str] = field(default_factory=list)

    def photo(self, big: str) -> Photo:
        return next(p for p in self.photos if p.big == big)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def photo_files(root: Path, big: str, thumbnail: str | None, size: tuple[int, int] = (480, 360)) -> None:
    """A big JPEG and (if named) its thumbnail: the same picture, made 120 pixels wide from it (drawn again at that
    size, its stripes were denser: for some seeds the two no longer looked alike, as no real thumbnail does)."""
    make_jpeg(root / big, size, seed=big)
    if thumbnail:
        (root / thumbnail).parent.mkdir(parents=True, exist_ok=True)
        with Image.open(root / big) as picture:
            picture.resize((120, 120 * size[1] // size[0]), Image.Resampling.LANCZOS).save(root / thumbnail, quality=85)


def chrome_images(root: Path) -> None:
    """A logo, a banner strip, a web ring seal and a spacer GIF, as every 1998 site had."""
    (root / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 60), (20, 30, 90)).save(root / "images" / "logo.gif")
    Image.new("RGB", (600, 40), (140, 20, 20)).save(root / "images" / "banner.jpg")
    Image.new("P", (1, 1)).save(root / "images" / "spacer.gif", transparency=0)
    Image.new("RGB", (88, 62), (200, 170, 40)).save(root / "images" / "seal.gif")


def top(prefix: str = "") -> str:
    """The chrome at the top of every page: logo, banner, nav bar (upper case, unclosed, 1998 style)."""
    return f"""<CENTER><A HREF="{prefix}index.html"><IMG SRC="{prefix}images/logo.gif" WIDTH=300 HEIGHT=60
ALT="The Miller Family"></A></CENTER>
<IMG SRC="{prefix}images/banner.jpg" WIDTH=600 HEIGHT=40><BR>
<P><FONT COLOR=red><B>{BANNER}</B></FONT>
<TABLE WIDTH="100%"><TR><TD><A HREF="{prefix}index.html">Home</A> | <A HREF="{prefix}war.html">The war years</A>
 | <A HREF="{prefix}about.html">About us</A><TD><IMG SRC="{prefix}images/spacer.gif" WIDTH=1 HEIGHT=1></TABLE>
"""


def bottom(prefix: str = "") -> str:
    return (f'<HR><P ALIGN=center><A HREF="http://www.example.org/webring"><IMG SRC="{prefix}images/seal.gif"></A>'
            f'<BR><FONT SIZE=1>{FOOTER.replace("©", "&copy;")}</FONT></P>')


def page(title: str, body: str, prefix: str = "", head: str = "") -> str:
    return (f"<HTML><HEAD><TITLE>Miller Family Photos - {title}</TITLE>{head}</HEAD>\n<BODY BGCOLOR=#FFFFFF>\n"
            f"{top(prefix)}{body}\n{bottom(prefix)}\n</BODY></HTML>\n")


def home_and_about(root: Path) -> None:
    write(root, {
        "index.html": page("Home", """<H1>The Miller family photographs</H1>
<P>Photographs my grandfather took in China during the war, with the captions he wrote on the back.
<P>Choose <A HREF="war.html">the war years</A> to begin."""),
        "about.html": page("About", """<H2>About us</H2>
<P>We are the Millers of Ohio. Write to us at <A HREF="mailto:family@example.org">family@example.org</A>.
<P>Our thanks to the <A HREF="http://www.example.org/museum">county museum</A>."""),
    })


# -- the layouts ---------------------------------------------------------------------------------------------

def table_site(root: Path) -> OldSiteSpec:
    """1998: a table of thumbnails linking to big images, captions in <FONT><B> under a <BR>, unclosed
    cells, a spacer cell, %20 and spaces in names, a caption linking to another photo, Windows-1252."""
    chrome_images(root)
    home_and_about(root)
    photos = [
        Photo("photos/big/bridge setting.jpg", "Setting explosives on bridge in 1944 during retreat from Japanese "
              "in Guangxi province. The results can be seen here.", "photos/thumbs/bridge setting.jpg",
              links_to="photos/big/bridge_result.jpg"),
        Photo("photos/big/bridge_result.jpg", "Result of explosives set on bridge by Americans in 1944. See GI "
              "setting explosives here.", "photos/thumbs/bridge_result.jpg",
              links_to="photos/big/bridge setting.jpg"),
        Photo("photos/big/Refugees.JPG", "Refugees rest by the train at Liuzhou — “the last train”, "
              "said Grandpa; café au lait and rice.", "photos/thumbs/refugees_t.jpg"),
    ]
    for photo in photos:
        photo_files(root, photo.big, photo.thumbnail)
    gallery = """<H2>The war years</H2>
<P>Grandpa\u2019s photographs from Guangxi province, 1944. More on
<A HREF="http://en.wikipedia.org/wiki/Operation_Ichi-Go">Operation Ichi-Go</A>.
<TABLE BORDER=0 CELLPADDING=4>
<TR><TD ALIGN=center VALIGN=top><A HREF="photos/big/bridge%20setting.jpg"><IMG SRC="photos/thumbs/bridge%20setting.jpg"
 WIDTH=120 HEIGHT=90 BORDER=0></A><BR><FONT FACE="Arial" SIZE=2><B>Setting explosives on bridge</FONT></B> in 1944
 during retreat from Japanese in Guangxi province. The results can be seen
 <A HREF="photos/thumbs/bridge_result.jpg">here</A>.
<TD><IMG SRC="images/spacer.gif" WIDTH=10 HEIGHT=1>
<TD ALIGN=center VALIGN=top><A HREF="photos/big/bridge_result.jpg"><IMG SRC="photos/thumbs/bridge_result.jpg"
 BORDER=0></A><BR><FONT SIZE=2>Result of explosives set on bridge by Americans in 1944. See GI setting explosives
 <A HREF="photos/big/bridge setting.jpg">here</A>.</FONT>
<TR><TD ALIGN=center><A HREF="photos/big/refugees.jpg"><IMG SRC="photos/thumbs/refugees_t.jpg"></A><BR>
<FONT SIZE=2>Refugees rest by the train at Liuzhou \u2014 \u201cthe last train\u201d, said Grandpa; caf\u00e9 au lait
 and rice.</FONT>
</TABLE>"""
    write(root, {"war.html": page("The war years", gallery).encode("cp1252")})
    return OldSiteSpec(root, photos, ["war.html"], ["about.html"], ["images/logo.gif", "images/banner.jpg"])


def paragraph_site(root: Path) -> OldSiteSpec:
    """<p> with <br> captions, thumbnails leading to a page per photo, whose middle-sized photo leads to the
    big image (once by an absolute address of the site as it was served: http://www.miller-family.com/~miller/,
    once from the root: /~miller/...); the photo pages repeat the caption and add a title; real emphasis."""
    chrome_images(root)
    home_and_about(root)
    photos = [
        Photo("big/mother.jpg", "In the midst of calamity, a refugee mother tenderly washes her baby next to "
              "the train at the Liuzhou railway station in the fall of 1944.", "thumbs/mother.jpg", "mother.html"),
        Photo("big/boy.jpg", "A young boy sits among discarded furniture during their flight; compare the "
              "mother at the station.", "thumbs/boy.jpg", "boy.html", links_to="big/mother.jpg"),
    ]
    for photo in photos:
        photo_files(root, photo.big, photo.thumbnail)
        make_jpeg(root / photo.big.replace("big/", "medium/"), (240, 180), seed=photo.big)
    served = {"big/mother.jpg": "http://www.miller-family.com/~miller/big/mother.jpg",
              "big/boy.jpg": "/~miller/big/boy.jpg"}
    files = {"war.html": page("The war years", """<h2>Liuzhou, 1944</h2>
<p>These were taken at the <i>Liuzhou</i> railway station.</p>
<p><a href="mother.html"><img src="thumbs/mother.jpg" alt="thumbnail"></a><br>
In the midst of calamity, a refugee mother tenderly washes her baby next to the train at the
Liuzhou railway station in the fall of 1944.</p>
<p><a href="boy.html"><img src="thumbs/boy.jpg" alt="thumbnail"></a><br>
A young boy sits among <em>discarded</em> furniture during their flight; compare
<a href="mother.html">the mother at the station</a>.</p>""")}
    for photo in photos:
        assert photo.page
        files[photo.page] = page("Photo", f"""<h3>{photo.big.split('/')[1][:-4].title()}</h3>
<p><a href="{served[photo.big]}"><img src="{photo.big.replace("big/", "medium/")}" alt="A photograph"></a></p>
<p>{photo.caption.replace("compare the mother", 'compare <a href="mother.html">the mother</a>')}</p>
<p><a href="war.html">Back to the gallery</a></p>""")
    write(root, files)
    return OldSiteSpec(root, photos, ["war.html"], ["about.html"], ["images/logo.gif"])


def mixed_site(root: Path) -> OldSiteSpec:
    """Figures with figcaption, a definition list, captions above images, a row of captions under a row
    of photos, photos in one <center> between <hr>s, blog posts (a heading over each photo), and a
    Shift-JIS page: a gallery page each, the same chrome on each."""
    chrome_images(root)
    home_and_about(root)
    photos = [
        Photo("img/fig1.jpg", "A figure with its caption.", "img/fig1-small.jpg"),
        Photo("img/fig2.jpg", "A second figure: the station at dawn.", "img/fig2-small.jpg"),
        Photo("dl/one.jpg", "Definition list caption one."),
        Photo("dl/two.jpg", "Definition list caption two, longer than the first."),
        Photo("above/a.jpg", "Caption above the first photo."),
        Photo("above/b.jpg", "Caption above the second photo."),
        Photo("rows/r1.jpg", "First of the row."),
        Photo("rows/r2.jpg", "Second of the row."),
        Photo("rows/r3.jpg", "Third of the row, alone below."),
        Photo("jp/kyoto.jpg", "京都の駅で待つ人々。一九四四年の秋。"),
        Photo("center/ship.jpg", "The ship at anchor, Ulithi 1944"),
        Photo("center/chow.jpg", "Chow line, Christmas 1944. We had turkey."),
        Photo("posts/attic.jpg", "We found this photo in the attic. It shows grandpa in 1941.",
              "posts/attic-small.jpg"),
        Photo("posts/lake.jpg", "Grandma at the lake, 1952.", "posts/lake-small.jpg"),
    ]
    for photo in photos:
        photo_files(root, photo.big, photo.thumbnail)
    files: dict[str, str | bytes] = {
        "figures.html": page("Figures", """<h2>Figures</h2><p>Two figures.</p>
<figure><a href="img/fig1.jpg"><img src="img/fig1-small.jpg" alt="fig 1"></a><figcaption>A figure with its
 caption.</figcaption></figure>
<figure><a href="img/fig2.jpg"><img src="img/fig2-small.jpg"></a>
<figcaption>A second figure: the station at dawn.</figcaption></figure>"""),
        "dl.html": page("Definition list", """<h2>A list</h2>
<dl><dt><img src="dl/one.jpg"></dt><dd>Definition list caption one.</dd>
<dt><img src="dl/two.jpg"></dt><dd>Definition list caption <b>two</b>, longer than the first.</dd></dl>"""),
        "above.html": page("Above", """<h2>Captions above</h2>
<div class="gallery"><p>Caption above the first photo.</p><p><img src="above/a.jpg"></p>
<p>Caption above the second photo.</p><p><img src="above/b.jpg"></p></div>"""),
        "rows.html": page("Rows", """<h2>Rows</h2><p>A row of photos, then a row of captions.</p>
<table><tr><td><img src="rows/r1.jpg"></td><td><img src="rows/r2.jpg"></td></tr>
<tr><td>First of the row.</td><td>Second of the row.</td></tr>
<tr><td colspan=2><img src="rows/r3.jpg"></td></tr><tr><td colspan=2>Third of the row, alone below.</td></tr>
</table>"""),
        "center.html": page("Center", """<center><h2>The USS Example</h2></center>
<center><img src="center/ship.jpg" width=300><br><i>The ship at anchor, Ulithi 1944</i><br><br>
<hr width=50%><img src="center/chow.jpg" width=300><br><i>Chow line, Christmas 1944.</i> We had turkey.</center>"""),
        "posts.html": page("Posts", """<div class="post"><h3>In the attic</h3><div class="post-body">
<a href="posts/attic.jpg"><img src="posts/attic-small.jpg"></a><br>We found this photo in the attic.
It shows grandpa in 1941.</div></div>
<div class="post"><h3>At the lake</h3><div class="post-body"><a href="posts/lake.jpg"><img src="posts/lake-small.jpg">
</a><p>Grandma at the lake, 1952.</p></div></div>"""),
        "japan.html": page("Japan", """<h2>京都</h2><p>父の写真です。</p>
<p><img src="jp/kyoto.jpg"><br>京都の駅で待つ人々。一九四四年の秋。</p>""",
                          head='<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS">'
                          ).encode("shift_jis"),
    }
    write(root, files)
    return OldSiteSpec(root, photos, ["figures.html", "dl.html", "above.html", "rows.html", "center.html",
                                      "posts.html", "japan.html"],
                       ["about.html"], ["images/logo.gif"])


def trouble_site(root: Path) -> OldSiteSpec:
    """What needs a person's look: a thumbnail with no bigger version, a caption between two photos, a big
    image that can't be read, missing files, and links that lead outside the folder (with a real file
    there, and a symlink inside the folder pointing at it), which must never be followed."""
    chrome_images(root)
    home_and_about(root)
    secret = root.parent / "secret.jpg"
    make_jpeg(secret, (400, 300), seed="secret")
    (root / "linked").mkdir(parents=True, exist_ok=True)
    (root / "linked" / "secret.jpg").symlink_to(secret)
    make_jpeg(root / "small" / "only.jpg", (100, 75), seed="only")
    photo_files(root, "gallery/first.jpg", None)
    photo_files(root, "gallery/second.jpg", None)
    make_jpeg(root / "broken" / "thumb.jpg", (120, 90), seed="broken")
    (root / "broken" / "big.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    write(root, {
        "trouble.html": page("Trouble", """<h2>Trouble</h2><p>A page with problems.</p>
<table><tr><td><img src="small/only.jpg"><br>A small photo, and all we have.</td>
<td><a href="broken/big.jpg"><img src="broken/thumb.jpg"></a><br>The big one is damaged.</td></tr></table>
<p><img src="../secret.jpg"><br>Outside, by dots.</p>
<p><a href="../../../../etc/passwd">passwords</a> <a href="file:///etc/passwd">file</a>
<a href="C:\\Windows\\win.ini">windows</a> <img src="/etc/passwd"> <img src="linked/secret.jpg"></p>
<p><a href="missing/big.jpg"><img src="missing/thumb.jpg"></a></p>"""),
        "between.html": page("Between", """<h2>Between</h2>
<div><p><img src="gallery/first.jpg"></p><p>Which photo is this the caption of?</p>
<p><img src="gallery/second.jpg"></p></div>"""),
    })
    return OldSiteSpec(root, [Photo("small/only.jpg", "A small photo, and all we have."),
                              Photo("broken/thumb.jpg", "The big one is damaged.")],
                       ["trouble.html", "between.html"], ["about.html"], ["images/logo.gif"])


def generated_site(root: Path) -> OldSiteSpec:
    """What gallery programs and 2000s scripts made: a Photoshop-style web photo gallery (thumbnails ->
    pages/N.htm with arrow buttons and the file name as a "caption"), javascript: pop-up links, photos
    right in the body between <br>s, and a slide show whose photos lead to the next photo's page."""
    chrome_images(root)
    home_and_about(root)
    (root / "arrows").mkdir(parents=True, exist_ok=True)
    for name in ("previous", "next", "home"):
        Image.new("RGB", (30, 30), (90, 90, 90)).save(root / "arrows" / f"{name}.gif")
    photos, files, cells = [], {}, []
    for n in (1, 2, 3):
        big, thumb, own = (f"gallery/images/IMG_000{n}.jpg", f"gallery/thumbnails/IMG_000{n}.jpg",
                           f"gallery/pages/{n}.htm")
        photos.append(Photo(big, f"Grandma at the lake, summer 195{n}.", thumb, own))
        cells.append(f'<TD><A HREF="pages/{n}.htm"><IMG SRC="thumbnails/IMG_000{n}.jpg"></A><BR>IMG_000{n}.jpg</TD>')
        files[own] = f"""<HTML><HEAD><TITLE>IMG_000{n}</TITLE></HEAD><BODY><TABLE><TR><TD>
<A HREF="{n - 1 or 3}.htm"><IMG SRC="../../arrows/previous.gif"></A>
<A HREF="../index.htm"><IMG SRC="../../arrows/home.gif"></A>
<A HREF="{n % 3 + 1}.htm"><IMG SRC="../../arrows/next.gif"></A></TD></TR></TABLE>
<P><IMG SRC="../images/IMG_000{n}.jpg"></P><P>Grandma at the lake, summer 195{n}.</P>
<P>IMG_000{n}.jpg</P></BODY></HTML>"""
    files["gallery/index.htm"] = ("<HTML><HEAD><TITLE>Summer at the lake</TITLE></HEAD><BODY>"
                                  f"<H1>Summer at the lake</H1><TABLE><TR>{''.join(cells)}</TR></TABLE></BODY></HTML>")
    for n in (1, 2):
        photos.append(Photo(f"popup/big{n}.jpg", f"Pop-up caption {n}, beside the photo.", f"popup/small{n}.jpg"))
    for n in (1, 2, 3):
        photos.append(Photo(f"inline/{n}.jpg", f"Inline caption {n}." + (" A second line." if n == 2 else "")))
    for n in (1, 2, 3):
        photos.append(Photo(f"slides/big{n}.jpg", f"Slide caption {n}.", f"slides/th{n}.jpg", f"slide{n}.html"))
        files[f"slide{n}.html"] = page(f"Slide {n}", f"""<h3>Slide {n}</h3><p><a href="slide{n % 3 + 1}.html">
<img src="slides/big{n}.jpg"></a></p><p>Slide caption {n}.</p><p><a href="slide{n % 3 + 1}.html">Next</a></p>""")
    for photo in photos:
        photo_files(root, photo.big, photo.thumbnail)
    files["popups.html"] = page("Pop-ups", """<h2>Pop-ups</h2><table>
<tr><td><a href="javascript:openWin('popup/big1.jpg', 500, 400)"><img src="popup/small1.jpg"></a></td>
<td>Pop-up caption 1, beside the photo.</td></tr>
<tr><td><a href="#" onclick="window.open('popup/big2.jpg'); return false"><img src="popup/small2.jpg"></a></td>
<td>Pop-up caption 2, beside the photo.</td></tr></table>""")
    files["inline.html"] = page("Inline", """<font size=3>Some words first about these pictures.<br><br>
<img src="inline/1.jpg"><br>Inline caption 1.<br><br><img src="inline/2.jpg"><br>Inline caption 2.<br>A second line.
<br><br><img src="inline/3.jpg"><br>Inline caption 3.<br><br></font>""")
    files["slides.html"] = page("Slides", "<h2>Slides</h2><table><tr>" + "".join(
        f'<td><a href="slide{n}.html"><img src="slides/th{n}.jpg"></a></td>' for n in (1, 2, 3)) + "</tr></table>")
    write(root, files)
    return OldSiteSpec(root, photos, ["gallery/index.htm", "popups.html", "inline.html", "slides.html"],
                       ["about.html"], ["images/logo.gif", "arrows/next.gif"])
