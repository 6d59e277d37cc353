"""`albumen serve`: builds, serves on 127.0.0.1, and rebuilds when an archive file changes (watchfiles).

The studio answers only to the key in the address it prints: the tests open that address first with a cookie jar
(the key moves into a cookie), as a browser does, then fetch the pages.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from conftest import EXAMPLE, parse_html, squash
from test_robustness import archive_hashes

DEADLINE = 30.0  # seconds to wait for the server, and then for a rebuild; a bound, never an assertion


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A browser of sorts: it keeps the studio's cookie once the keyed address has been opened (`open_keyed`).
BROWSER = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def fetch(url: str) -> tuple[int, str]:
    try:
        with BROWSER.open(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def keyed_address(log: Path) -> str:
    """The address `albumen serve` printed on its own line, with the studio's key ('' until it is printed)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((line.strip() for line in lines if line.startswith("http://127.0.0.1:")), "")


def open_keyed(address: str) -> bool:
    """Open the printed address: the key goes into the cookie jar and the answer is the home page."""
    status, html = fetch(address) if address else (0, "")
    return status == 200 and "<h1" in html


def poll(what: str, check: Callable[[], bool], process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"albumen serve exited ({process.returncode}):\n{log.read_text()}"
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{what} within {DEADLINE:.0f} s; server output:\n{log.read_text()}")


@pytest.fixture
def server(example_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "albumen", "serve", "--port", str(port), "-C", str(example_copy)],
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        poll("the server printed no keyed address", lambda: keyed_address(log).startswith(base + "?key="),
             process, log)
        poll("the server did not answer its keyed address", lambda: open_keyed(keyed_address(log)), process, log)
        yield base, example_copy, process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def title_of(html: str) -> str:
    return squash(parse_html(html).find("h1").text())


def test_without_the_key_nothing_is_served(server):
    base, _, _, _ = server
    anonymous = urllib.request.build_opener()  # no cookie: a page elsewhere, another program
    with pytest.raises(urllib.error.HTTPError) as refused:
        anonymous.open(base + "topics/ichigo-campaign/", timeout=5)
    assert refused.value.code == 403


def test_serves_the_built_site(server):
    base, _, _, log = server
    status, html = fetch(base + "topics/ichigo-campaign/")
    assert status == 200
    page = parse_html(html)
    assert squash(page.find("h1").text()) == "Ichigo Campaign"
    assert len(page.find("ul", cls="gallery").find_all("li", cls="card")) == 10
    status, _ = fetch(base + "assets/style.css")
    assert status == 200
    assert fetch(base + "items/no-such-item/")[0] == 404
    assert "Traceback" not in log.read_text()


def test_rebuilds_when_an_item_changes(server):
    base, root, process, log = server
    url = base + "items/bridge-result/"
    assert title_of(fetch(url)[1]) == "A bridge after demolition, Guangxi"
    item = root / "items" / "bridge-result.md"
    text = item.read_text(encoding="utf-8")
    new_title = "The bridge at Guangxi, after the explosion"
    item.write_text(re.sub(r"(?m)^title: .*$", f'title: "{new_title}"', text, count=1), encoding="utf-8")
    poll("the item page did not show the new title", lambda: title_of(fetch(url)[1]) == new_title, process, log)
    # The rest of the site is still whole after the rebuild.
    status, html = fetch(base + "topics/ichigo-campaign/")
    assert status == 200 and new_title in html
    assert "Traceback" not in log.read_text()


def local_addresses() -> set[str]:
    """This machine's IPv4 addresses that are not loopback (as far as can be told without a network)."""
    found: set[str] = set()
    try:
        found.update(str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except socket.gaierror:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
            found.add(udp.getsockname()[0])
        except OSError:
            pass
    return {a for a in found if not a.startswith("127.") and a != "0.0.0.0"}


def test_listens_on_loopback_only(server):
    base, _, _, _ = server
    port = int(base.rsplit(":", 1)[1].strip("/"))
    others = sorted(local_addresses())
    if not others:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    for address in others:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0, f"answers on {address}:{port}"


def test_serving_and_its_build_change_nothing_a_person_owns(server):
    _, root, _, _ = server
    assert (root / "_site" / "index.html").is_file()
    assert archive_hashes(root) == archive_hashes(EXAMPLE)
