"""From "Save" in the studio to the page showing the change: timed against a real `albumen serve`.

    python bench/studio_bench.py [ARCHIVE] [--saves N] [--item ID]

ARCHIVE (default: the bundled example) is copied into a temporary folder; the copy is served with the studio and
one item's caption is saved N times (default 5) through the item form, as a browser posts it. Each save returns
once its build is published; the time is from sending the form to having read the item page with the new text.
Beside it, in the same run: `albumen build` of the same copy after the same kind of edit, as a separate process
(what a person without the studio would run), and the same with nothing changed.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ichigo"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Client:
    def __init__(self, port: int, key: str) -> None:
        self.port, self.key = port, key
        self.headers = {"Host": f"127.0.0.1:{port}", "Cookie": f"albumen_studio_{port}={key}"}

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(self.headers)
        if body is not None:
            headers.update({"Origin": f"http://127.0.0.1:{self.port}",
                            "Content-Type": "application/x-www-form-urlencoded"})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, text

    def form(self, path: str) -> dict[str, str]:
        _, html = self.request("GET", path)
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)" value="([^"]*)"', html))
        fields.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html, re.S))
        return {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"') for k, v in fields.items()}


def start(root: Path) -> tuple[subprocess.Popen[str], Client]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "albumen", "serve", "-q", "--no-watch", "--port", str(port),
                                "-C", str(root)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("http://127.0.0.1:"):
            key = urllib.parse.parse_qs(urllib.parse.urlsplit(line.strip()).query)["key"][0]
            return process, Client(port, key)
    raise SystemExit("albumen serve did not start")


def time_saves(client: Client, item: str, saves: int) -> list[float]:
    times = []
    for number in range(saves):
        fields = client.form(f"/_studio/items/{item}")
        marker = f"Edited in the studio, take {number}."
        fields["body"] = f"{fields['body'].split(' Edited in the studio')[0]} {marker}"
        started = time.perf_counter()
        status, _ = client.request("POST", f"/_studio/items/{item}", urllib.parse.urlencode(fields).encode())
        _, page = client.request("GET", f"/items/{item}/")
        times.append(time.perf_counter() - started)
        if status != 303 or marker not in page:
            raise SystemExit(f"save {number} did not show on the page (status {status})")
    return times


def time_cli_build(root: Path, item: str, edit: bool) -> float:
    if edit:
        path = root / "items" / f"{item}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited with a text editor.\n", encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "albumen", "build", "-q", "-C", str(root)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"albumen build failed ({done.returncode}): {done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--item", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "archive"
        shutil.copytree(args.archive, root, ignore=shutil.ignore_patterns("_site", ".albumen"))
        item = args.item or sorted(p.stem for p in (root / "items").glob("*.md"))[0]
        items = len(list((root / "items").glob("*.md")))
        process, client = start(root)
        try:
            saves = time_saves(client, item, args.saves)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        edited = time_cli_build(root, item, edit=True)
        unchanged = time_cli_build(root, item, edit=False)
    print(f"archive: {args.archive} ({items} items), item edited: {item}")
    print("| job | seconds |")
    print("|---|---|")
    print(f"| studio: Save -> page shows the change (median of {len(saves)}) | {statistics.median(saves):.2f} |")
    print(f"| studio: slowest save | {max(saves):.2f} |")
    print(f"| albumen build (new process) after one caption edit | {edited:.2f} |")
    print(f"| albumen build (new process), nothing changed | {unchanged:.2f} |")


if __name__ == "__main__":
    main()
