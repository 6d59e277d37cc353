"""What a person should look at after the import: small or unreadable photos, text between photos, and what
was left out (chrome, small and unused images, missing files, pages of nothing but chrome or links)."""

from __future__ import annotations

import posixpath

from albumen.importers.html_model import PageText, Photo, SiteModel, thumbnails
from albumen.importers.html_photos import linked_images_left_out, picture_groups
from albumen.importers.html_roles import SMALL_PHOTO_PIXELS
from albumen.importers.html_text import Line, PhotoMark
from albumen.importers.oldsite import is_image


def look_at_size(m: SiteModel, photo: Photo) -> None:
    use = photo.uses[0]
    unreadable = photo.versions.unreadable
    if unreadable is not None and unreadable != photo.best:
        m.report.look(use.page, use.line, f"{unreadable} can't be read as an image (damaged, or a format "
                      f"albumen can't open); the item uses {photo.best} instead: check the file")
    elif unreadable is not None:
        m.report.look(use.page, use.line, f"{photo.best} can't be read as an image (damaged, or a format "
                      "albumen can't open); the item was made: check or replace the file",
                      kind="images that can't be read (damaged, or a format albumen can't open): check or "
                      "replace each file")
    elif photo.versions.size is not None and max(photo.versions.size) <= SMALL_PHOTO_PIXELS:
        width, height = photo.versions.size
        m.report.look(use.page, use.line, f"only a small version of {photo.best} was found ({width}x{height} "
                      "pixels; a thumbnail with no bigger version): replace the image with a bigger scan "
                      "if you have one", kind="photos found only as a small thumbnail, with no bigger "
                      "version: replace each with a bigger scan if you have one")
    for shown in photo.uses:
        for number, why in m.texts[shown.page].captions.doubts:
            if number == shown.number:
                m.report.look(shown.page, shown.line, why, kind=why)


def look_at_loose_text(m: SiteModel, text: PageText, narrative: list[Line]) -> None:
    marks = [e.number for e in text.events if isinstance(e, PhotoMark)]
    between = [line for line in narrative if marks and marks[0] < line.number < marks[-1]]
    if between:
        m.report.look(text.page.rel, None, f"text between the photos (“{between[0].plain[:50]}”) was put "
                      "in the topic's narrative: move it to a caption if it belongs to a photo")


def report_left_out(m: SiteModel) -> None:
    for key, count in m.chrome.images.items():
        shown = {v.shown or v.best for v in m.versions.values() if v.key == key and (v.shown or v.best)}
        for path in sorted(p for p in shown if p):
            m.report.chrome_images.append((path, count))
    small = {v.shown or v.best for v in m.versions.values() if v.spacer or v.decoration}
    drawn = {path for path in small if path and m.site.drawn(path)}  # said apart: their reason is their own
    m.report.small_images = sorted(path for path in small - drawn if path)
    m.report.drawn_images = sorted(drawn)
    buttons = {v.shown or v.best for v in m.versions.values() if v.navigation}
    m.report.navigation_images = sorted(path for path in buttons if path)
    told = {*small, *buttons, *(path for path, _ in m.report.chrome_images)}
    used = {path for photo in m.photos.values() for path in (photo.best, *thumbnails(photo))} | {
        path for views in m.second_views.values() for path in (views.best, views.shown) if path}
    unused = [rel for rel in m.site.files if is_image(rel) and rel not in used | told]
    renditions = _renditions(m, unused)
    m.report.unused_images = [rel for rel in unused if rel not in renditions]
    for rel, best in renditions.items():
        m.report.look(rel, None, f"the same picture as {best}, which was imported: left out", level="note",
                      kind="smaller copies of photos that were imported (a gallery program's thumb/, medium/ "
                      "renditions): left out")
    m.report.chrome_texts = [*((m.chrome.shown_texts[k], n) for k, n in m.chrome.texts.items()),
                             *m.chrome.dated_texts, *m.chrome.counter_texts]
    for rel, line in m.chrome.template_texts:
        m.report.look(rel, None, f"“{line[:60]}”: template text left in the old site: left out",
                      kind="template text left in the old site (a publishing program's sample words): left out")
    for rel, text in m.texts.items():
        left = linked_images_left_out(m.site, text.page, used) if not text.photos else []
        if left:
            m.report.look(rel, None, f"this page links {len(left)} image files ({left[0]} …) but no photo "
                          "was found on it: check the old page in a browser", kind="pages that link image "
                          "files but show no photo albumen could find: their images were left out")
    _report_missing_buttons(m)
    for (page, number), versions in m.versions.items():
        if versions.missing and not versions.navigation:
            m.report.look(page, m.pages[page].images[number].line,
                          f"'{versions.missing}' is not in the old site's folder",
                          kind="images the old pages show that are not in the old site's folder")
    for rel, role in m.roles.items():
        if role == "lost":
            m.report.look(rel, None, "this photo page's photo is missing (its big image and its thumbnail): "
                          "no page was made of it", kind="photo pages whose photo is missing (big image and "
                          "thumbnail): copy their images into the old site's folder and import again; "
                          "their addresses lead to their gallery")
        elif role == "empty":
            m.report.look(rel, None, "this page has nothing but the site's chrome (navigation, banner): "
                          "no page was made of it", kind="pages with nothing but the site's chrome "
                          "(navigation, banner): no page was made of them; their addresses lead on")
        elif role == "menu":
            m.report.look(rel, None, "this page is only links to the site's own pages (a menu): no page "
                          "was made of it", kind="pages that are only links to the site's own pages (menus): "
                          "no page was made of them; their addresses lead on")


def _report_missing_buttons(m: SiteModel) -> None:
    """Navigation buttons the old pages show that are not in the folder, said once with their files: the same
    five buttons on every page of a genealogy report are not 153 places to look at."""
    missing = {(versions.missing, page) for (page, _), versions in m.versions.items()
               if versions.missing and versions.navigation}
    if missing:
        files = sorted({path for path, _ in missing})
        first = min(page for _, page in missing)
        m.report.look(first, None, f"{len(files)} navigation buttons are missing ({', '.join(files[:6])}"
                      f"{', …' if len(files) > 6 else ''}): the pages are read without them", level="note")


def _renditions(m: SiteModel, unused: list[str]) -> dict[str, str]:
    """Images no page shows that are an imported photo again, no bigger, under its file name (Lightroom's
    images/thumb/ and medium/ beside large/): the same picture (by pixels), not photos to import again."""
    by_name: dict[str, list[str]] = {}
    for photo in m.photos.values():
        by_name.setdefault(posixpath.basename(photo.best).casefold(), []).append(photo.best)
    found = {}
    for rel in unused:
        for best in by_name.get(posixpath.basename(rel).casefold(), []):
            if not _smaller(m, rel, best):
                continue  # a bigger scan of it (images-hi-res-cropped/): offered to `albumen import photos`
            if m.site.digest(rel) == m.site.digest(best) or picture_groups(m.site, [rel, best]):
                found[rel] = best
                break
    return found


def _smaller(m: SiteModel, rel: str, best: str) -> bool:
    size, best_size = m.site.size(rel), m.site.size(best)
    return size is not None and best_size is not None and size[0] * size[1] <= best_size[0] * best_size[1]
