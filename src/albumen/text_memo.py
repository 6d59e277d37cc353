"""What captions give (their links, embedded images and plain words: markup.MEMO), kept between builds.

Read when a build starts and written when it ends, in `.albumen/text-memo.pickle`, with only the texts that build
used; tied to the source of markup.py, so that another way of reading Markdown reads every text again.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from albumen import markup
from albumen.atomic import atomic_write

MEMO_FILE = "text-memo.pickle"


def _version() -> str:
    return hashlib.sha256(Path(markup.__file__).read_bytes()).hexdigest()


def load(cache_dir: Path) -> None:
    clear_used()  # each build keeps what it uses (a long-running studio builds many times)
    try:
        with (cache_dir / MEMO_FILE).open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - albumen's own file in the archive's own .albumen/
        if data.get("version") == _version():
            for kind, entries in data["memo"].items():
                markup.MEMO[kind].update(entries)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, KeyError, TypeError, ValueError):
        pass


def clear_used() -> None:
    for texts in markup.USED.values():
        texts.clear()


def used_texts() -> dict[str, set[str]]:
    """The texts used so far, by kind (a forked renderer sends back only what it used besides these)."""
    return {kind: set(texts) for kind, texts in markup.USED.items()}


def used(besides: dict[str, set[str]] | None = None) -> dict[str, dict[str, object]]:
    """What this process used, with what it gave, except the texts in `besides` (see used_texts and take)."""
    besides = besides or {}
    return {kind: {text: markup.MEMO[kind][text] for text in markup.USED[kind]
                   if text in markup.MEMO[kind] and text not in besides.get(kind, ())}
            for kind in markup.MEMO}


def take(memo: dict[str, dict[str, object]]) -> None:
    for kind, entries in memo.items():
        markup.MEMO[kind].update(entries)
        markup.USED[kind].update(entries)


def save(cache_dir: Path) -> None:
    """Keep what this process used (a text no longer in the archive goes)."""
    if not cache_dir.is_dir() or cache_dir.is_symlink():
        return
    for kind, texts in markup.MEMO.items():  # in memory too: what no build uses any more goes
        # In place: a copy of what was used (every caption's, three times) was made at the end of the build, its peak.
        for text in [text for text in texts if text not in markup.USED[kind]]:
            del texts[text]
    data = {"version": _version(), "memo": markup.MEMO}
    try:  # pickled into the file, not into bytes first: at the end of the build, its peak (+4.5 MiB at 20,000 items)
        atomic_write(cache_dir / MEMO_FILE, lambda handle: pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a cache: a full disk costs the next build time, nothing else
