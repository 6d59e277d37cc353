"""Local preview: build, serve `_site/` on 127.0.0.1, rebuild when the archive changes (watchfiles)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from albumen.pipeline import build
from albumen.problems import AlbumenError
from albumen.reporter import CliReporter

IGNORED_PARTS = {"_site", "_site.building", "_site.old", ".albumen", ".git"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve_archive(root: Path, reporter: CliReporter, port: int = 8000, watch: bool = True) -> None:
    _rebuild(root, reporter)
    site = root / "_site"
    site.mkdir(exist_ok=True)
    # The handler resolves `_site` per request, so a swapped-in new build is served at once.
    handler = functools.partial(_QuietHandler, directory=str(site))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise AlbumenError(f"can't serve on 127.0.0.1:{port} ({exc.strerror}); try --port 8001") from exc
    reporter.console.print(f"serving http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        if watch:
            _watch(root, reporter)
        else:
            thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _watch(root: Path, reporter: CliReporter) -> None:
    from watchfiles import watch

    def relevant(_change: object, path: str) -> bool:
        return not (set(Path(path).relative_to(root).parts) & IGNORED_PARTS)

    for changes in watch(root, watch_filter=relevant):
        reporter.info(f"{len(changes)} change(s); rebuilding")
        _rebuild(root, reporter)


def _rebuild(root: Path, reporter: CliReporter) -> None:
    try:
        result = build(root, reporter)
    except AlbumenError as exc:
        reporter.console.print(f"error: {exc}", style="red")
        return
    except Exception as exc:  # noqa: BLE001 - a preview server outlives one bad rebuild
        reporter.console.print(f"internal error: {type(exc).__name__}: {exc}; still serving the previous site",
                               style="red")
        return
    for problem in result.problems.sorted():
        reporter.problem(problem)
    if result.up_to_date:
        reporter.info("nothing changed")
    elif result.published:
        reporter.info(f"built {result.pages} pages ({result.problems.summary()})")
    else:
        reporter.info(f"not built: {result.problems.summary()}; serving the previous site")
