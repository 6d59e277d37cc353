"""What writes the files of a built site, as the modules that make them see it (stages.outputs.Out is the one
implementation): each file by its path in the site, written only when its bytes change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol


class SiteWriter(Protocol):
    def data(self, rel: str, data: bytes, digest: str | None = None) -> bool:
        """The file `rel` holds `data` (a page's `digest` is remembered for the next build)."""

    def text(self, rel: str, text: str, digest: str | None = None) -> bool:
        """The file `rel` holds `text` as UTF-8."""

    def link(self, rel: str, source: Path) -> bool:
        """The file `rel` is a hard link to a cached file (a copy where links can't be made)."""

    def copy(self, rel: str, source: Path) -> bool:
        """The file `rel` is a copy of `source` (never a link: the site's file must not reach the original)."""

    def stream(self, rel: str, parts: Iterable[str], digest: str | None = None) -> bool:
        """The file `rel` holds the parts joined, as UTF-8, written a part at a time (a file the size of the site)."""

    def has(self, rel: str) -> bool:
        """Whether this build has made `rel` already."""

    def keep_page(self, rel: str, digest: str) -> bool:
        """Take the published file `rel` as it is when it was made from the same `digest`."""

    def keep_tree(self, key: str, digest: str, prefixes: Sequence[str]) -> bool:
        """Keep every file under `prefixes` as the staging folder holds it, when `key` was made from `digest`."""
