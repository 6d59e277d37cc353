"""Send a plan to a file target: uploads (media before pages), then deletions, then the manifest.

The manifest on the target is rewritten every CHECKPOINT_SECONDS while files travel and whenever a deploy
stops on an error or Ctrl-C, with exactly what the target then holds; so the next deploy sends only what is
still missing (a kill -9 loses at most that many seconds of work), and never trusts a half-written file:
a file is entered in the manifest only once its upload has finished.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from albumen.deploy.plan import (
    MANIFEST_NAME,
    ManifestUnreadable,
    Plan,
    SiteFile,
    manifest_bytes,
    parse_manifest,
    plan_deploy,
    stale_folders,
)
from albumen.deploy.target import DeployError, FileTarget
from albumen.reporter import Reporter

CHECKPOINT_SECONDS = 30.0


@dataclass
class Outcome:
    """What a deploy did (or, with --dry-run, would do)."""

    plan: Plan
    sent: int = 0
    sent_bytes: int = 0
    deleted: int = 0
    # Files that changed or vanished in _site/ while the deploy ran (a build finished meanwhile).
    changed_meanwhile: list[str] = field(default_factory=list)


def sync(site: Path, files: dict[str, SiteFile], target: FileTarget, reporter: Reporter, *,
         dry_run: bool = False) -> Outcome:
    """Make `target` hold exactly `files` (read from `site`), sending only what its manifest lacks."""
    with _explained(target):
        with target:
            held = _held(target, reporter)
            outcome = Outcome(plan_deploy(files, held))
            if dry_run or outcome.plan.nothing_to_do:
                return outcome
            _send(site, files, target, held, outcome, reporter)
            return outcome


def _held(target: FileTarget, reporter: Reporter) -> dict[str, str]:
    try:
        return parse_manifest(target.read(MANIFEST_NAME))
    except ManifestUnreadable as exc:
        reporter.info(f"{target.label}/{MANIFEST_NAME} can't be read ({exc}): every file is sent again")
        return {}


def _send(site: Path, files: dict[str, SiteFile], target: FileTarget, held: dict[str, str], outcome: Outcome,
          reporter: Reporter) -> None:
    plan = outcome.plan
    holding = dict(held)  # what the target holds, file by file, as the deploy goes
    checkpoint = _Checkpoint(target, holding)
    try:
        with reporter.progress("upload", "files") if plan.uploads else nullcontext(_no_progress) as advance:
            for done, file in enumerate(plan.uploads, 1):
                _upload(site, file, target, holding, outcome)
                advance(done, len(plan.uploads))
                checkpoint.maybe()
        if plan.deletes:
            with reporter.progress("delete", "files") as advance:
                for done, path in enumerate(plan.deletes, 1):
                    target.delete(path)
                    holding.pop(path, None)
                    outcome.deleted += 1
                    advance(done, len(plan.deletes))
        target.remove_folders(stale_folders(list(plan.deletes), files))
    except BaseException:
        checkpoint.save_quietly()
        raise
    target.put(MANIFEST_NAME, manifest_bytes(holding))


def _upload(site: Path, file: SiteFile, target: FileTarget, holding: dict[str, str], outcome: Outcome) -> None:
    """Send one file as it is now; the manifest records the hash of the very bytes sent."""
    try:
        data = (site / file.path).read_bytes()
    except FileNotFoundError:
        outcome.changed_meanwhile.append(file.path)
        return
    sha = hashlib.sha256(data).hexdigest()
    if sha != file.sha256:
        outcome.changed_meanwhile.append(file.path)
    target.put(file.path, data)
    holding[file.path] = sha
    outcome.sent += 1
    outcome.sent_bytes += len(data)


class _Checkpoint:
    """Writes the manifest of what the target holds now and then, and when a deploy stops."""

    def __init__(self, target: FileTarget, holding: dict[str, str], clock: Callable[[], float] = time.monotonic):
        self.target, self.holding, self.clock = target, holding, clock
        self.last = clock()

    def maybe(self) -> None:
        if self.clock() - self.last >= CHECKPOINT_SECONDS:
            self.target.put(MANIFEST_NAME, manifest_bytes(self.holding))
            self.last = self.clock()

    def save_quietly(self) -> None:
        """On the way out of a failed deploy: keep what was done if the target still listens."""
        try:
            self.target.put(MANIFEST_NAME, manifest_bytes(self.holding))
        except Exception:  # the connection that failed the deploy may be gone; the next run resends more
            pass


def _no_progress(done: int, total: int) -> None:
    pass


@contextmanager
def _explained(target: FileTarget) -> Iterator[None]:
    """A failure of the network or the server -> one DeployError line naming the target; our bugs pass."""
    try:
        yield
    except DeployError:
        raise
    except Exception as exc:
        message = target.explain(exc)
        if message is None:
            raise
        raise DeployError(f"{target.label}: {message}") from None
