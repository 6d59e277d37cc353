"""The studio speaks the archive's language: its labels, hints, headings and review messages, read from the
archive's albumen.toml when each page is made (a changed `language` shows without a restart). The studio runs
in Starlette's TestClient on an archive in tmp_path; the catalogs' completeness is test_i18n.py's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from starlette.testclient import TestClient

from albumen import i18n
from albumen.reporter import BufferReporter
from albumen.studio import preview
from albumen.studio.app import make_app
from albumen.studio.guard import Guard
from albumen.studio.live import Rebuilder
from conftest import BASE_IMAGES, DEFAULT_TOML, base_files, item_md

PORT = 8765  # never bound: TestClient calls the app in process, the Host header names this port


def toml(language: str) -> str:
    return f'language = "{language}"\n' + DEFAULT_TOML


@pytest.fixture
def hebrew_archive(make_archive: Callable[..., Path]) -> Path:
    files = {**base_files(), "albumen.toml": toml("he"),
             "items/undated.md": item_md("Grandmother at the window.", title="Window", image="first.jpg",
                                         places=["china"], alt="A woman at a window")}
    return make_archive(files, BASE_IMAGES)


@pytest.fixture
def client(hebrew_archive: Path) -> Iterator[TestClient]:
    guard = Guard(PORT)
    app = make_app(hebrew_archive, guard, Rebuilder(hebrew_archive, BufferReporter()))
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}") as test_client:
        opened = test_client.get(f"/_studio/site?key={guard.key}")  # the key moves into the studio's cookie
        assert opened.status_code == 200
        yield test_client


def page(client: TestClient, path: str) -> HTMLParser:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    return HTMLParser(response.text)


def label(html: HTMLParser, field: str) -> str:
    node = html.css_first(f'label[for="f-{field}"]')
    assert node is not None, field
    return node.text(strip=True)


def test_a_hebrew_archive_s_photo_form_speaks_hebrew(client: TestClient) -> None:
    html = page(client, "/_studio/items/first")
    root = html.css_first("html")
    assert root is not None and root.attributes.get("dir") == "rtl" and root.attributes.get("lang") == "he"
    assert [label(html, f) for f in ("title", "body", "date", "places", "alt")] == \
        ["כותרת", "כיתוב", "תאריך", "מקומות", "טקסט חלופי"]
    heading = html.css_first("h1")
    assert heading is not None and heading.text(strip=True) == "עריכת תמונה: First photo"
    hint = html.css_first("#h-title")
    assert hint is not None and hint.text(strip=True) == "השאירו ריק כדי להשתמש במשפט הראשון של הכיתוב."
    assert "Leave empty" not in (html.html or "")


def test_a_changed_language_shows_on_the_next_page_without_a_restart(client: TestClient,
                                                                     hebrew_archive: Path) -> None:
    assert label(page(client, "/_studio/site"), "title") == "כותרת האתר"
    (hebrew_archive / "albumen.toml").write_text(toml("de"), encoding="utf-8")
    html = page(client, "/_studio/site")
    assert (label(html, "title"), label(html, "base_url")) == ("Titel der Website", "Basis-URL")
    (hebrew_archive / "albumen.toml").write_text(toml("en"), encoding="utf-8")
    assert label(page(client, "/_studio/places/liuzhou"), "lat") == "Latitude"


def test_the_review_page_tells_a_person_what_to_do_in_their_language(client: TestClient,
                                                                      hebrew_archive: Path) -> None:
    entries = [li.text(strip=True) for li in page(client, "/_studio/review").css("#photos-heading ~ ul li")]
    assert "Window: אין תאריך: קבעו את התאריך (די בשנה; אפשר לכתוב גם „בערך” ו„אולי”)." in entries
    assert "Second photo: אין טקסט חלופי: תארו מה רואים בתמונה, בשביל מי שאינו יכול לראות אותה." in entries
    (hebrew_archive / "albumen.toml").write_text(toml("en"), encoding="utf-8")
    entries = [li.text(strip=True) for li in page(client, "/_studio/review").css("#photos-heading ~ ul li")]
    # People's words, pointing to the form (the title links to it), not the command line's "add `date:`"
    assert "Window: No date: set its date (a year is enough; “about” and “perhaps” can be written too)." in entries
    assert not any("`" in entry for entry in entries)


def test_a_missing_photo_and_the_date_helper_speak_the_archive_s_language(client: TestClient) -> None:
    missing = client.get("/_studio/items/nobody")
    assert missing.status_code == 404
    assert "אין בארכיון הזה תמונה „nobody”." in missing.text
    assert client.get("/_studio/api/date", params={"text": "1944-23"}).json() == {"valid": True, "words": "סתיו 1944"}


def test_the_toolbar_on_the_preview_s_pages_is_in_the_language_spoken() -> None:
    page_html = b"<!doctype html><html><body><p>x</p></body></html>"
    with i18n.speaking(i18n.language("he")):
        hebrew = preview._with_toolbar(page_html, "/items/first/", True).decode()
    assert ">עריכת התמונה</a>" in hebrew and 'aria-label="סטודיו"' in hebrew
    english = preview._with_toolbar(page_html, "/items/first/", True).decode()
    assert ">Edit this photo</a>" in english and 'aria-label="Studio"' in english


def test_a_lazy_message_is_translated_when_shown() -> None:
    message = i18n.lazy_gettext("Edit photo: %(title)s", title="<Bridge>")
    assert str(message) == "Edit photo: <Bridge>"  # outside a page: English, the source
    with i18n.speaking(i18n.language("ja")):
        assert str(message) == "写真を編集：<Bridge>"
    with i18n.speaking(i18n.language("fr")):
        assert f"{message}" == "Modifier la photo : <Bridge>"
