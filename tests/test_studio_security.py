"""Who can write through the studio: only the studio's own pages, with the key, at 127.0.0.1.

A real `albumen serve` on 127.0.0.1 and raw HTTP requests that set any Host, Origin or cookie a hostile page, a
DNS-rebinding site or another program could send. Each refused request must leave every archive file as it was.
"""

from __future__ import annotations

import http.client
import io
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from conftest import EXAMPLE
from test_robustness import archive_hashes

DEADLINE = 60.0


@dataclass
class Studio:
    root: Path
    port: int
    key: str
    process: subprocess.Popen[str]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def cookie(self) -> str:
        return f"albumen_studio_{self.port}={self.key}"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True)
            for name, value in {"Host": self.host, **(headers or {})}.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def own_page_headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie, "Origin": f"http://{self.host}", "Sec-Fetch-Site": "same-origin"}

    def form_of(self, path: str) -> dict[str, str]:
        status, _, body = self.request("GET", path, headers={"Cookie": self.cookie})
        assert status == 200, body[:300]
        html = body.decode()
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)" value="([^"]*)"', html))
        fields.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html, re.S))
        return {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"') for k, v in fields.items()}


def _start(root: Path, *extra: str) -> Studio:
    with socket_port() as port:
        pass
    process = subprocess.Popen([sys.executable, "-m", "albumen", "serve", "--port", str(port), "--no-watch", "-q",
                                "-C", str(root), *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, stdin=subprocess.DEVNULL)
    assert process.stdout is not None
    deadline = time.monotonic() + DEADLINE
    address = ""
    while time.monotonic() < deadline and not address:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            pytest.fail(f"albumen serve exited ({process.returncode})")
        if line.startswith("http://127.0.0.1:"):
            address = line.strip()
    key = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query).get("key", [""])[0]
    studio = Studio(root, port, key, process)
    while time.monotonic() < deadline:
        try:
            studio.request("GET", "/", headers={"Cookie": studio.cookie})
            return studio
        except ConnectionError:
            time.sleep(0.2)
    pytest.fail("albumen serve did not answer")


class socket_port:
    """A free port on 127.0.0.1 (closed again before the server binds it)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return int(self.sock.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def _stop(studio: Studio) -> None:
    if studio.process.poll() is None:
        studio.process.send_signal(signal.SIGINT)
        try:
            studio.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            studio.process.kill()
            studio.process.wait(timeout=10)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    root = tmp_path_factory.mktemp("studio") / "archive"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site", ".albumen"))
    running = _start(root)
    try:
        yield running
    finally:
        _stop(running)


ITEM_FORM = "/_studio/items/bridge-result"


def _edit_body(studio: Studio, title: str) -> bytes:
    fields = studio.form_of(ITEM_FORM)
    fields["title"] = title
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_the_studio_saves_a_change_from_its_own_page(studio):
    """The control: with the key, the Host and the studio's Origin, a save is written and shown."""
    status, headers, _ = studio.request("POST", ITEM_FORM, _edit_body(studio, "The bridge <b>after</b>"),
                                        {**studio.own_page_headers(), **FORM})
    assert status == 303 and headers["location"] == "/items/bridge-result/"
    text = (studio.root / "items" / "bridge-result.md").read_text(encoding="utf-8")
    assert 'title: "The bridge <b>after</b>"' in text
    status, _, page = studio.request("GET", "/items/bridge-result/", headers={"Cookie": studio.cookie})
    assert b"The bridge &lt;b&gt;after&lt;/b&gt;" in page and b"<b>after</b>" not in page  # shown escaped
    status, _, form = studio.request("GET", ITEM_FORM, headers={"Cookie": studio.cookie})
    assert b'value="The bridge &lt;b&gt;after&lt;/b&gt;"' in form


@pytest.mark.parametrize("case", ["other origin", "cross-site fetch", "no origin at all", "no key", "wrong key",
                                  "wrong form key", "rebinding host", "as GET"])
def test_a_change_from_anywhere_else_is_refused_and_changes_nothing(studio, case):
    before = archive_hashes(studio.root)
    body = _edit_body(studio, f"Hacked by {case}")
    headers = {**studio.own_page_headers(), **FORM}
    method, path = "POST", ITEM_FORM
    if case == "other origin":
        headers["Origin"] = "http://evil.example"
        headers.pop("Sec-Fetch-Site")
    elif case == "cross-site fetch":
        headers["Sec-Fetch-Site"] = "cross-site"
    elif case == "no origin at all":
        headers.pop("Origin")
        headers.pop("Sec-Fetch-Site")
    elif case == "no key":
        headers.pop("Cookie")
    elif case == "wrong key":
        headers["Cookie"] = f"albumen_studio_{studio.port}={'x' * len(studio.key)}"
    elif case == "wrong form key":
        body = body.replace(f"key={urllib.parse.quote(studio.key)}".encode(), b"key=guess")
    elif case == "rebinding host":
        headers["Host"] = f"evil.example:{studio.port}"
        headers["Origin"] = f"http://evil.example:{studio.port}"
    elif case == "as GET":
        method, path, body = "GET", f"{ITEM_FORM}?{body.decode()}", None
    status, _, answer = studio.request(method, path, body, headers)
    if case == "as GET":
        assert status in (200, 303)  # the form is shown (or the key moved to a cookie); nothing is written
    else:
        assert status in (403, 421), (status, answer[:200])
    assert archive_hashes(studio.root) == before


def test_pages_need_the_key_and_the_key_moves_into_a_strict_cookie(studio):
    status, _, _ = studio.request("GET", "/")
    assert status == 403
    status, headers, _ = studio.request("GET", f"/topics/?key={studio.key}")
    assert status == 303 and headers["location"] == "/topics/"
    cookie = headers["set-cookie"]
    assert cookie.startswith(studio.cookie) and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, _, _ = studio.request("GET", "/", headers={"Host": f"localhost.evil.example:{studio.port}",
                                                       "Cookie": studio.cookie})
    assert status == 421


def _upload(studio: Studio, name: str, data: bytes) -> tuple[int, bytes]:
    boundary = "----albumen-test"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\n{studio.key}\r\n'.encode(),
             f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="{name}"\r\n'
             f"Content-Type: image/jpeg\r\n\r\n".encode() + data + b"\r\n",
             f"--{boundary}--\r\n".encode()]
    status, _, body = studio.request("POST", "/_studio/add", b"".join(parts), {
        **studio.own_page_headers(), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    return status, body


@pytest.mark.parametrize("name,data", [
    ("holiday.jpg", b"<!doctype html><script>alert(1)</script>"),
    ("drawing.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/>'
                    b"<script>alert(1)</script></svg>"),
    ("half.jpg", None),
    ("../../items/evil.jpg", b"<p>not a photo</p>"),
])
def test_an_upload_that_is_not_a_photo_is_refused(studio, name, data):
    if data is None:  # a real JPEG cut in half: its header is fine, its pixels are not there
        buffer = io.BytesIO()
        Image.new("RGB", (400, 300), (120, 80, 40)).save(buffer, "JPEG")
        data = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    before = archive_hashes(studio.root)
    status, body = _upload(studio, name, data)
    assert status == 422 and b"not a photo" in body
    assert archive_hashes(studio.root) == before
    assert not (studio.root / "images" / "added").exists()


def test_an_upload_is_named_safely_inside_images(studio):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 200)).save(buffer, "PNG")  # a PNG whose name says JPEG
    status, _ = _upload(studio, "../../../Évian: beach?.jpg", buffer.getvalue())
    assert status == 303
    added = sorted(p.relative_to(studio.root).as_posix() for p in (studio.root / "images").rglob("*")
                   if p.is_file() and "added" in p.parts)
    assert added == ["images/added/évian-beach.png"]  # letters kept, no path, no colon or question mark
    assert not any(p.name.startswith("..") for p in studio.root.rglob("*"))


def test_read_only_serves_the_preview_and_accepts_no_change(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site", ".albumen"))
    preview = _start(root, "--read-only")
    try:
        assert preview.key == ""
        status, _, page = preview.request("GET", "/items/bridge-result/")
        assert status == 200 and b"Edit this photo" not in page
        status, _, _ = preview.request("GET", ITEM_FORM)
        assert status == 404
        before = archive_hashes(root)
        status, _, _ = preview.request("POST", ITEM_FORM, b"title=x", {**FORM, "Origin": f"http://{preview.host}"})
        assert status == 405
        assert archive_hashes(root) == before
    finally:
        _stop(preview)
