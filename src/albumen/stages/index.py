"""index: the Pagefind search index over the rendered pages (the `pagefind` binary from PyPI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from albumen.problems import AlbumenError


def index_site(site_dir: Path) -> None:
    """Write `pagefind/` into the site. Only elements marked data-pagefind-body are indexed."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AlbumenError(f"the search indexer (pagefind) could not run: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
        raise AlbumenError(f"the search indexer (pagefind) failed: {detail[0]}; reinstall albumen "
                           "with `pip install albumen` to repair it")
