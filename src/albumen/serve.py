"""`albumen serve`: build, then serve the site on 127.0.0.1 with the studio (studio/), rebuilding on every change.

Three threads: uvicorn serves the pages and forms; one thread builds (studio/live.py), asked by a save in the
studio or by watchfiles when a file changes on disk; the watcher. `--read-only` serves the preview alone.
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import click
import uvicorn

from albumen.problems import AlbumenError
from albumen.reporter import CliReporter
from albumen.studio.live import Rebuilder

IGNORED_PARTS = {"_site", "_site.building", "_site.old", ".albumen", ".git"}


def serve_archive(root: Path, reporter: CliReporter, port: int = 8000, watch: bool = True, *,
                  read_only: bool = False, open_browser: bool = False) -> None:
    from albumen.studio.app import make_app
    from albumen.studio.guard import Guard

    listener = _listen(port)
    rebuilder = Rebuilder(root, reporter)
    rebuilder.build_now()  # the first build before the first page is asked for
    (root / "_site").mkdir(exist_ok=True)
    guard = Guard(port)
    app = make_app(root, guard, rebuilder, read_only=read_only)
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1))
    server.on_exit = app.state.listeners.close
    address = f"http://127.0.0.1:{port}/" + ("" if read_only else f"?key={guard.key}")
    click.echo(address)  # on stdout, alone on its line: the address to open, with the studio's key
    reporter.info(("previewing" if read_only else "studio and preview") + " (Ctrl-C to stop)")
    rebuilder.start()
    stop = threading.Event()
    if watch:
        threading.Thread(target=_watch, args=(root, rebuilder, stop), name="albumen-watch", daemon=True).start()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a person stops the server: uvicorn raises it again once it has stopped
    finally:
        stop.set()
        rebuilder.stop()
        listener.close()


class _Server(uvicorn.Server):
    """uvicorn's server, which also ends the pages' event streams when Ctrl-C asks it to stop."""

    on_exit: Callable[[], None] = staticmethod(lambda: None)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.on_exit()
        super().handle_exit(sig, frame)


def _listen(port: int) -> socket.socket:
    """The listening socket on 127.0.0.1 only, opened first so that a taken port is one clear line."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError as exc:
        listener.close()
        raise AlbumenError(f"can't serve on 127.0.0.1:{port} ({exc.strerror}); try --port {port + 1}") from exc
    listener.listen(128)
    return listener


def _watch(root: Path, rebuilder: Rebuilder, stop: threading.Event) -> None:
    from watchfiles import watch

    def relevant(_change: object, path: str) -> bool:
        return not (set(Path(path).relative_to(root).parts) & IGNORED_PARTS)

    # A short debounce: a save in the studio asks for its build itself; this is for a person's text editor.
    for _changes in watch(root, watch_filter=relevant, stop_event=stop, debounce=300):
        rebuilder.request()
