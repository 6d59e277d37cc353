"""The studio in a real browser (Debian's Chromium driven by Playwright), used as a person uses it.

Each test starts `albumen serve` on a copy of examples/ichigo (a flow that writes gets a copy of its own), opens
the keyed address it prints (the key moves into a cookie), and finds the controls by their role and visible
label. The files are then read from disk: a save changes only the fields it was asked to change.

Playwright's sync API allows one instance per thread and test_browser.py keeps one busy on the main thread, so
this module drives its own Chromium from a thread of its own (browser_support.ThreadedChromium).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser_support import CHROMIUM, ThreadedChromium, open_recorded_page

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium; `make setup-browser`)",
        allow_module_level=True,
    )

from PIL import Image  # noqa: E402
from playwright.sync_api import Browser, Expect, Page  # noqa: E402

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ichigo"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TOPIC = "ichigo-campaign"
STARTUP_SECONDS = 60.0  # a bound on the first build and start, never an assertion
BUILD_MS = 30_000  # how long a page may wait for a save's or an edit's rebuild (a bound on a busy machine)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
ACTION_MS = 20_000  # a click or an assertion on a machine that other test runs share
# Our own assertions with a longer patience than Playwright's 5 s (its global `expect` is left as it is).
expect = Expect()
expect.set_options(timeout=ACTION_MS)
# Where the screenshots are also copied for a person to look at (set by whoever wants them).
SHOTS_ENV = "ALBUMEN_STUDIO_SHOTS"

# An item whose caption names a date and a place, and that has neither: the review page suggests both.
UNDATED = "station-crowd"
UNDATED_TITLE = "A crowd at the station"
UNDATED_TEXT = f"""---
title: {UNDATED_TITLE}
image: added/station-crowd.jpg
alt: People with bundles wait on a railway platform
---
Refugees waiting at the Liuzhou railway station in the fall of 1944.
"""


# ---------------------------------------------------------------- archives and `albumen serve`


def copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    return dest


def photo(path: Path, seed: int, size: tuple[int, int] = (640, 480)) -> Path:
    """A real JPEG of blocks of random colours (each seed a picture unlike the others)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    block = 40
    for x in range(0, size[0], block):
        for y in range(0, size[1], block):
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            image.paste(colour, (x, y, x + block, y + block))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)
    return path


def add_undated_item(root: Path) -> None:
    photo(root / "images" / "added" / "station-crowd.jpg", seed=7)
    (root / "items" / f"{UNDATED}.md").write_text(UNDATED_TEXT, encoding="utf-8")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Studio:
    root: Path
    base: str  # http://127.0.0.1:PORT/
    keyed: str  # the address `albumen serve` printed, with its key
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def keyed_address(stdout: Path) -> str | None:
    for line in stdout.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("http://127.0.0.1:"):
            return line.strip()
    return None


def start_studio(root: Path, logs: Path) -> Studio:
    port = free_port()
    stdout, log = logs / "serve.out", logs / "serve.log"
    with stdout.open("w") as out, log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "albumen", "serve", "--port", str(port), "-C", str(root)],
            stdout=out, stderr=err, stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + STARTUP_SECONDS
    while (address := keyed_address(stdout)) is None:
        if process.poll() is not None or time.monotonic() > deadline:
            stop_studio(process)
            pytest.fail(f"albumen serve printed no address ({process.returncode}):\n{log.read_text()}")
        time.sleep(0.1)
    assert address.startswith(f"http://127.0.0.1:{port}/?key="), address
    return Studio(root, f"http://127.0.0.1:{port}/", address, process, log)


def stop_studio(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    """A studio on a fresh copy of the example that the test may change (with one undated item)."""
    root = copy_example(tmp_path / "ichigo")
    add_undated_item(root)
    served = start_studio(root, tmp_path)
    yield served
    stop_studio(served.process)
    assert "Traceback" not in served.output(), served.output()


@pytest.fixture(scope="module")
def shared_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """One studio for the tests that only look (axe, screenshots)."""
    folder = tmp_path_factory.mktemp("studio-shared")
    root = copy_example(folder / "ichigo")
    add_undated_item(root)
    served = start_studio(root, folder)
    yield served
    stop_studio(served.process)


# ---------------------------------------------------------------- the browser, in its own thread


@dataclass
class Problems:
    """What went wrong while the pages were open: console errors, script errors, failed and outside requests.

    A page that navigates away aborts what it was still loading (its live-reload stream, a fetch, an image):
    net::ERR_ABORTED is not a failure. `expected` lists the HTTP statuses a test provokes on purpose (409 for a
    conflict).
    """

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_none(self, expected: tuple[int, ...] = ()) -> None:
        assert not self.blocked, f"the studio asked the network for: {self.blocked}"
        statuses = tuple(f"status of {s}" for s in expected)
        console = [c for c in self.console if not any(s in c for s in statuses)]
        assert not console, f"console errors: {console}"
        failed = [f for f in self.failed if not f.endswith("net::ERR_ABORTED")
                  and not any(f.endswith(f"HTTP {s}") for s in expected)]
        assert not failed, f"failed requests: {failed}"


@pytest.fixture(scope="module")
def chromium() -> Iterator[ThreadedChromium]:
    browser = ThreadedChromium("studio-chromium")
    yield browser
    browser.close()


Flow = Callable[[Page, Problems], None]


def open_studio(browser: Browser, served: Studio, problems: Problems, **options: Any) -> Page:
    """A page in a fresh context that has opened the printed address: it holds the key's cookie, at the home page."""
    page = open_recorded_page(browser, problems, **options)
    page.context.set_default_timeout(ACTION_MS)
    page.context.set_default_navigation_timeout(BUILD_MS)
    page.goto(served.keyed)
    expect(page).to_have_url(served.base)  # the key left the address for a cookie
    return page


def run(chromium: ThreadedChromium, served: Studio, flow: Flow, **options: Any) -> None:
    """flow(page, problems) in the browser's thread, on a page of the studio; its context is closed afterwards
    whatever happened (an open page keeps a live-reload stream open on the server)."""
    chromium.run(_run_flow, served, flow, options)


def _run_flow(browser: Browser, served: Studio, flow: Flow, options: dict[str, Any]) -> None:
    problems = Problems()
    page = open_studio(browser, served, problems, **options)
    try:
        flow(page, problems)
    finally:
        page.context.close()


# ---------------------------------------------------------------- reading the files


def split_document(data: bytes) -> tuple[bytes, bytes]:
    """(front matter with its fences, body) of a Markdown file's bytes."""
    match = re.match(rb"(---\r?\n.*?\r?\n---\r?\n)(.*)", data, re.S)
    assert match is not None, data[:200]
    return match.group(1), match.group(2)


def front_matter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(split_document(path.read_bytes())[0].strip(b"-\n").decode("utf-8")) or {}


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    """The lines that differ, pairwise (the files have the same number of lines)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new), (before, after)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def without_field(data: bytes, key: str) -> tuple[bytes, list[bytes]]:
    """The file without one front matter field (its line and the indented or listed lines under it), and that
    field's lines."""
    kept: list[bytes] = []
    field_lines: list[bytes] = []
    inside = False
    for line in data.splitlines(keepends=True):
        if line.startswith(key.encode() + b":"):
            inside = True
        elif inside and not line.startswith((b" ", b"\t", b"- ")):
            inside = False
        (field_lines if inside else kept).append(line)
    return b"".join(kept), field_lines


def gallery_ids(page: Page) -> list[str]:
    hrefs = page.locator("ul.gallery li.card a[href*='items/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys(m.group(1) for h in hrefs if (m := re.search(r"items/([^/]+)/", h))))


def title_of(item_id: str) -> str:
    return str(front_matter(EXAMPLE / "items" / f"{item_id}.md")["title"])


# ---------------------------------------------------------------- 1. a caption


def test_edit_a_caption_and_see_it_on_the_page(chromium: ThreadedChromium, studio: Studio) -> None:
    item = "bridge-result"
    caption = "The bridge at Guangxi after the demolition, autumn 1944. See [the charges set](item:bridge-setting)."
    shown = "The bridge at Guangxi after the demolition, autumn 1944. See the charges set."

    def flow(page: Page, problems: Problems) -> None:
        page.goto(studio.base + f"items/{item}/")
        page.get_by_role("link", name="Edit this photo").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Edit photo: {title_of(item)}")
        page.get_by_label("Caption").fill(caption)
        page.get_by_role("button", name="Preview the caption").click()
        expect(page.locator(".studio-preview")).to_have_text(shown)
        expect(page.locator(".studio-preview").get_by_role("link", name="the charges set")).to_have_attribute(
            "href", "/items/bridge-setting/")
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(studio.base + f"items/{item}/", timeout=BUILD_MS)
        caption_shown = page.locator("figcaption.caption")
        expect(caption_shown).to_have_text(shown)
        caption_shown.get_by_role("link", name="the charges set").click()
        expect(page).to_have_url(studio.base + "items/bridge-setting/")
        problems.assert_none()

    run(chromium, studio, flow)
    original = (EXAMPLE / "items" / f"{item}.md").read_bytes()
    written = (studio.root / "items" / f"{item}.md").read_bytes()
    head, body = split_document(written)
    assert head == split_document(original)[0]  # the front matter, byte for byte
    assert body.decode("utf-8").strip() == caption
    assert list((studio.root / ".albumen" / "backups").rglob(f"{item}.md"))[0].read_bytes() == original


# ---------------------------------------------------------------- 2. a date in words


def test_fix_a_date_with_the_words_helper(chromium: ThreadedChromium, studio: Studio) -> None:
    item = "bridge-result"

    def flow(page: Page, problems: Problems) -> None:
        page.goto(studio.base + f"items/{item}/")
        page.get_by_role("link", name="Edit this photo").click()
        date = page.get_by_label("Date", exact=True)
        expect(page.get_by_text("Reads as: 1944")).to_be_visible()
        date.fill("fall 1944")
        use = page.get_by_role("button", name="Use 1944-23")
        expect(use).to_be_visible()
        use.click()
        expect(date).to_have_value("1944-23")
        expect(page.get_by_text("Reads as: autumn 1944")).to_be_visible()
        expect(use).to_be_hidden()
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(studio.base + f"items/{item}/", timeout=BUILD_MS)
        expect(page.locator("time[data-edtf='1944-23']")).to_have_text("autumn 1944")
        problems.assert_none()

    run(chromium, studio, flow)
    original = (EXAMPLE / "items" / f"{item}.md").read_bytes()
    written = (studio.root / "items" / f"{item}.md").read_bytes()
    assert without_field(written, "date")[0] == without_field(original, "date")[0]
    assert yaml.safe_load(b"".join(without_field(written, "date")[1])) == {"date": "1944-23"}


# ---------------------------------------------------------------- 3. suggestions


def test_accept_one_suggestion_and_reject_another(chromium: ThreadedChromium, studio: Studio) -> None:
    item_file = studio.root / "items" / f"{UNDATED}.md"

    def flow(page: Page, problems: Problems) -> None:
        page.get_by_role("link", name="Review").click()
        expect(page.get_by_role("heading", name="Suggested dates and places (2)")).to_be_visible()
        page.get_by_role("button", name=f"Accept date autumn 1944 for {UNDATED_TITLE}").click()
        expect(page.get_by_role("heading", name="Suggested dates and places (1)")).to_be_visible(timeout=BUILD_MS)
        expect(page.get_by_role("button", name=f"Accept date autumn 1944 for {UNDATED_TITLE}")).to_have_count(0)
        page.get_by_role("button", name=f"Reject place Liuzhou for {UNDATED_TITLE}").click()
        expect(page.get_by_role("heading", name="Suggested dates and places (0)")).to_be_visible(timeout=BUILD_MS)
        page.goto(studio.base + f"items/{UNDATED}/")
        expect(page.locator("time[data-edtf='1944-23']")).to_have_text("autumn 1944")
        problems.assert_none()

    run(chromium, studio, flow)
    meta = front_matter(item_file)
    assert meta["date"] == "1944-23"
    assert "places" not in meta
    assert split_document(item_file.read_bytes())[1] == split_document(UNDATED_TEXT.encode())[1]
    rejected = yaml.safe_load((studio.root / "enrich-rejected.yaml").read_text(encoding="utf-8"))
    assert [{k: e[k] for k in ("item", "field", "value")} for e in rejected] == [
        {"item": UNDATED, "field": "places", "value": "liuzhou"}]


# ---------------------------------------------------------------- 4. a topic's order


def test_reorder_a_topic_by_drag_and_by_keyboard(chromium: ThreadedChromium, studio: Studio) -> None:
    topic_file = studio.root / "topics" / f"{TOPIC}.md"
    before = front_matter(topic_file)["items"]
    # Drag the first photo below the third; then move the last one up twice with the keyboard.
    expected = [before[1], before[2], before[0], *before[3:-3], before[-1], before[-3], before[-2]]

    def flow(page: Page, problems: Problems) -> None:
        page.goto(studio.base + f"topics/{TOPIC}/")
        page.get_by_role("link", name="Edit this topic").click()
        page.wait_for_load_state()  # studio.js (deferred) listens for the drag and the buttons from now on
        order = page.get_by_role("group", name="Order of the photos").get_by_role("listitem")
        expect(order).to_have_count(len(before))
        source = order.filter(has_text=title_of(before[0]))
        target = order.filter(has_text=title_of(before[2]))
        box = target.bounding_box()
        assert box is not None
        ids = "items => items.map(li => li.getAttribute('data-id'))"
        for _ in range(3):  # a drag on a loaded machine can end before Chromium starts it: then nothing moved
            source.drag_to(target, target_position={"x": box["width"] / 2, "y": box["height"] - 3}, steps=5)
            if order.evaluate_all(ids) != before:
                break
        expect(order.first).to_contain_text(title_of(before[1]))
        expect(order.nth(2)).to_contain_text(title_of(before[0]))
        up = page.get_by_role("button", name=f"Move up: {title_of(before[-1])}")
        up.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Space")  # the button keeps the focus: a person presses again
        expect(order.nth(len(before) - 3)).to_contain_text(title_of(before[-1]))
        shown = order.evaluate_all("items => items.map(li => li.getAttribute('data-id'))")
        assert shown == expected
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(studio.base + f"topics/{TOPIC}/", timeout=BUILD_MS)
        assert gallery_ids(page) == expected
        problems.assert_none()

    run(chromium, studio, flow)
    assert front_matter(topic_file)["items"] == expected
    original = (EXAMPLE / "topics" / f"{TOPIC}.md").read_bytes()
    assert without_field(topic_file.read_bytes(), "items")[0] == without_field(original, "items")[0]


# ---------------------------------------------------------------- 5. uploads


def test_add_two_photos_by_upload(chromium: ThreadedChromium, studio: Studio, tmp_path: Path) -> None:
    files = [photo(tmp_path / "uploads" / "Harbour at dawn.jpg", seed=1),
             photo(tmp_path / "uploads" / "market_day.JPG", seed=2, size=(480, 640))]
    items_before = {p.name for p in (studio.root / "items").glob("*.md")}

    def flow(page: Page, problems: Problems) -> None:
        page.get_by_role("link", name="Add photos").click()
        page.get_by_label("Photos to add").set_input_files([str(f) for f in files])
        page.get_by_role("button", name="Add the photos").click()
        expect(page).to_have_url(studio.base + "_studio/review", timeout=BUILD_MS)
        looked = page.get_by_role("region", name=re.compile("Photos to look at")).get_by_role("listitem")
        expect(looked.filter(has_text="new: added in the studio")).to_have_count(2)
        problems.assert_none()

    run(chromium, studio, flow)
    new_items = sorted({p.name for p in (studio.root / "items").glob("*.md")} - items_before)
    assert len(new_items) == 2
    added = sorted((studio.root / "images" / "added").glob("*.jpg"))
    uploaded = {f.read_bytes() for f in files}
    assert {p.read_bytes() for p in added if p.name != "station-crowd.jpg"} == uploaded
    images = {front_matter(studio.root / "items" / name)["image"] for name in new_items}
    assert images == {f"added/{p.name}" for p in added if p.name != "station-crowd.jpg"}
    assert all(re.fullmatch(r"[a-z0-9_-]+\.jpg", p.name) for p in added)  # names made safe


# ---------------------------------------------------------------- 6. a conflict


def test_a_file_changed_on_disk_is_a_conflict_not_overwritten(chromium: ThreadedChromium, studio: Studio) -> None:
    item = "boy-furniture"
    path = studio.root / "items" / f"{item}.md"
    disk_title = "Changed in a text editor meanwhile"

    def flow(page: Page, problems: Problems) -> None:
        page.goto(studio.base + f"_studio/items/{item}")
        page.get_by_label("Caption").fill("My caption, typed in the studio.")
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^title: .*$", f"title: {disk_title}", text, count=1), encoding="utf-8")
        page.get_by_role("button", name="Save").click()
        notice = page.get_by_role("alert").filter(has_text="This file was changed somewhere else")
        expect(notice).to_be_visible(timeout=BUILD_MS)
        expect(notice).to_contain_text(disk_title)
        expect(page.get_by_label("Caption")).to_have_value("My caption, typed in the studio.")  # not lost
        problems.assert_none(expected=(409,))

    run(chromium, studio, flow)
    original = (EXAMPLE / "items" / f"{item}.md").read_bytes()
    written = path.read_bytes()
    assert [new for _, new in changed_lines(original, written)] == [f"title: {disk_title}\n".encode()]
    assert not (studio.root / ".albumen" / "backups").exists()


# ---------------------------------------------------------------- 7. a broken edit


def test_a_broken_edit_shows_its_error_and_the_fix_clears_it(chromium: ThreadedChromium, studio: Studio) -> None:
    item = "bridge-setting"
    path = studio.root / "items" / f"{item}.md"
    original = path.read_text(encoding="utf-8")
    new_title = "GI setting explosives on the bridge"
    retitled = re.sub(r"(?m)^title: .*$", f"title: {new_title}", original, count=1)

    def flow(page: Page, problems: Problems) -> None:
        page.goto(studio.base + f"items/{item}/")
        old_title = page.get_by_role("heading", level=1).inner_text()
        path.write_text(retitled.replace(f"topics: [{TOPIC}]", "topics: [no-such-topic]"), encoding="utf-8")
        banner = page.get_by_role("alert")
        expect(banner).to_contain_text(f"items/{item}.md:", timeout=BUILD_MS)
        expect(banner).to_contain_text("unknown topic 'no-such-topic'")
        expect(banner.get_by_role("link", name="Fix it")).to_have_attribute("href", f"/_studio/items/{item}")
        expect(page.get_by_role("heading", level=1)).to_have_text(old_title)  # the last good page, under it
        page.evaluate("window.albumenTestMark = 1")
        path.write_text(retitled, encoding="utf-8")
        expect(page.get_by_role("heading", level=1)).to_have_text(new_title, timeout=BUILD_MS)
        expect(page.get_by_role("alert")).to_have_count(0)
        assert page.evaluate("window.albumenTestMark") is None  # reloaded, not patched
        problems.assert_none()

    assert f"topics: [{TOPIC}]" in original
    run(chromium, studio, flow)


# ---------------------------------------------------------------- 8. live reload


def test_an_open_page_reloads_after_a_save_in_another_tab(chromium: ThreadedChromium, studio: Studio) -> None:
    item = "liuzhou-station-wait"
    new_title = "Waiting for the train at Liuzhou"

    def flow(watching: Page, problems: Problems) -> None:
        watching.goto(studio.base + f"items/{item}/")
        expect(watching.get_by_role("heading", level=1)).to_have_text(title_of(item))
        watching.evaluate("window.albumenTestMark = 1")
        editing = watching.context.new_page()
        editing.goto(studio.base + f"_studio/items/{item}")
        editing.get_by_label("Title").fill(new_title)
        editing.get_by_role("button", name="Save").click()
        expect(editing).to_have_url(studio.base + f"items/{item}/", timeout=BUILD_MS)
        expect(watching.get_by_role("heading", level=1)).to_have_text(new_title, timeout=BUILD_MS)
        assert watching.evaluate("window.albumenTestMark") is None
        problems.assert_none()

    run(chromium, studio, flow)
    assert front_matter(studio.root / "items" / f"{item}.md")["title"] == new_title


# ---------------------------------------------------------------- stopping with a page open


def test_ctrl_c_with_a_page_open_prints_no_traceback(chromium: ThreadedChromium, tmp_path: Path) -> None:
    served = start_studio(copy_example(tmp_path / "ichigo"), tmp_path)

    def flow(page: Page, problems: Problems) -> None:
        page.goto(served.base + "items/bridge-result/")
        page.wait_for_load_state("networkidle")  # the live-reload stream is open
        stop_studio(served.process)

    try:
        run(chromium, served, flow)
    finally:
        stop_studio(served.process)
    assert served.process.returncode == 0, served.output()
    assert "Traceback" not in served.output(), served.output()


# ---------------------------------------------------------------- 9. accessibility


STUDIO_PAGES = [f"_studio/items/{UNDATED}", "_studio/items/bridge-result", f"_studio/topics/{TOPIC}",
                "_studio/review", "_studio/add", "_studio/site", "_studio/places", "_studio/places/liuzhou"]


@pytest.mark.parametrize("path", STUDIO_PAGES, ids=lambda p: p.removeprefix("_studio/"))
def test_no_serious_accessibility_violations(chromium: ThreadedChromium, shared_studio: Studio, path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core comes from npm: run `make setup` (npm ci)")

    def flow(page: Page, problems: Problems) -> None:
        page.goto(shared_studio.base + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
        assert violations == [], violations
        problems.assert_none()

    run(chromium, shared_studio, flow)


# ---------------------------------------------------------------- 10. screenshots


SHOT_PAGES = {"item-form": f"_studio/items/{UNDATED}", "review": "_studio/review",
              "topic-form": f"_studio/topics/{TOPIC}"}


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_fit_the_width(chromium: ThreadedChromium, shared_studio: Studio, tmp_path: Path,
                                    width: str) -> None:
    options = DESKTOP if width == "desktop" else PHONE
    pixels = options["viewport"]["width"]  # type: ignore[index]
    shots: list[Path] = []

    def flow(page: Page, problems: Problems) -> None:
        for name, path in SHOT_PAGES.items():
            page.goto(shared_studio.base + path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= pixels, f"{path} is {overflow} px wide at {pixels} px"
            shot = tmp_path / f"studio-{name}-{pixels}.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
        problems.assert_none()

    run(chromium, shared_studio, flow, **options)
    for shot in shots:
        with Image.open(shot) as image:
            assert image.width == pixels
    if os.environ.get(SHOTS_ENV):
        folder = Path(os.environ[SHOTS_ENV])
        folder.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy2(shot, folder / shot.name)
