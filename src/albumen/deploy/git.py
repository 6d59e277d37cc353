"""A git branch target (GitHub Pages, Codeberg Pages, any git server): the site becomes the branch's whole tree.

git+file:///path/repo.git#branch, git+ssh://..., git@github.com:you/site.git#gh-pages or
https://codeberg.org/you/pages.git#main. git itself does the work (its credential helpers and SSH keys, no
password of ours): the branch is fetched into a bare cache in .albumen/deploy/, _site/ is staged there with
an index of its own (so a second deploy rereads only what changed), and a commit whose parent is the
branch's tip is pushed. The branch's tree is the manifest here; git sends only objects the server lacks.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from albumen.deploy.plan import Plan, SiteFile
from albumen.deploy.sync import Outcome
from albumen.deploy.target import DeployError
from albumen.problems import UsageError
from albumen.reporter import Reporter

# GitHub Pages runs Jekyll on a branch without it, which drops files and folders starting with "_".
NO_JEKYLL = ".nojekyll"
TIP_REF = "refs/albumen/tip"


@dataclass(frozen=True)
class GitRemote:
    url: str
    branch: str

    @property
    def label(self) -> str:
        return f"{self.url}#{self.branch}"


def parse_git_target(spec: str) -> GitRemote:
    """git+URL#branch (or an scp-like / https / ssh URL with #branch) -> GitRemote."""
    url, _, branch = spec.removeprefix("git+").rpartition("#")
    if not url or not branch:
        raise UsageError(f"{spec}: name the branch after a #, e.g. {spec.split('#')[0]}#gh-pages")
    if not re.fullmatch(r"[\w][\w./-]*", branch) or ".." in branch or branch.endswith((".lock", "/", ".")):
        raise UsageError(f"{spec}: {branch!r} is not a branch name git accepts")
    if "://" in url and urlsplit(url).password is not None:
        host = urlsplit(url).hostname or ""
        raise UsageError(f"{host}: a password or token in the address would be kept in your shell's history; "
                         "leave it out and let git's credential helper (or an SSH key) log in")
    return GitRemote(url, branch)


class GitTarget:
    def __init__(self, remote: GitRemote, cache_root: Path) -> None:
        self.remote = remote
        self.label = remote.label
        digest = hashlib.sha256(remote.label.encode()).hexdigest()[:16]
        self.cache = cache_root / "deploy" / f"git-{digest}.git"

    def deploy(self, site: Path, files: dict[str, SiteFile], reporter: Reporter, *, dry_run: bool) -> Outcome:
        """Commit `site` as the branch's tree and push it; with dry_run, only say what would change."""
        with reporter.progress("git", "") as advance:
            advance(0, 3)
            self._prepare_cache()
            tip = self._remote_tip()
            advance(1, 3)
            tree = self._stage(site)
            old_tree = self._git("rev-parse", f"{tip}^{{tree}}") if tip else None
            plan = self._plan(files, old_tree, tree)
            outcome = Outcome(plan)
            if dry_run or tree == old_tree:
                return outcome
            commit = self._commit(tree, tip, plan)
            advance(2, 3)
            self._git("push", "--quiet", self.remote.url, f"{commit}:refs/heads/{self.remote.branch}",
                      action="push to")
            self._git("update-ref", TIP_REF, commit)
            advance(3, 3)
        outcome.sent = len(plan.uploads)
        outcome.sent_bytes = plan.upload_bytes
        outcome.deleted = len(plan.deletes)
        return outcome

    def _prepare_cache(self) -> None:
        if not (self.cache / "HEAD").is_file():
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            self._run(["git", "init", "--quiet", "--bare", str(self.cache)], "set up")

    def _remote_tip(self) -> str | None:
        """The branch's commit on the server (fetched into the cache), None for a branch not made yet."""
        listing = self._git("ls-remote", "--heads", self.remote.url, f"refs/heads/{self.remote.branch}",
                            action="read")
        if not listing:
            return None
        tip = listing.split()[0]
        if self._git_ok("cat-file", "-e", f"{tip}^{{commit}}"):
            return tip
        self._git("fetch", "--quiet", "--no-tags", self.remote.url,
                  f"+refs/heads/{self.remote.branch}:{TIP_REF}", action="fetch from")
        return tip

    def _stage(self, site: Path) -> str:
        """The tree of `site` (with .nojekyll), written into the cache; the index makes a rerun quick."""
        self._git("--work-tree", str(site), "add", "--all", "--force", ".")
        if not (site / NO_JEKYLL).exists():
            empty = self._git("hash-object", "-w", "--stdin")
            self._git("update-index", "--add", "--cacheinfo", f"100644,{empty},{NO_JEKYLL}")
        return self._git("write-tree")

    def _plan(self, files: dict[str, SiteFile], old_tree: str | None, tree: str) -> Plan:
        if old_tree is None:
            changed = [("A", path) for path in self._git("ls-tree", "-r", "--name-only", "-z", tree).split("\0")
                       if path]
        else:
            fields = self._git("diff-tree", "-r", "--no-renames", "--name-status", "-z", old_tree, tree).split("\0")
            changed = list(zip(fields[0::2], fields[1::2], strict=False))
        changed = [(status, path) for status, path in changed if path != NO_JEKYLL or path in files]  # ours
        uploads = tuple(files.get(path) or SiteFile(path, "", 0) for status, path in changed if status != "D")
        deletes = tuple(path for status, path in changed if status == "D")
        return Plan(uploads, deletes, len(files) - len(uploads))

    def _commit(self, tree: str, parent: str | None, plan: Plan) -> str:
        message = (f"albumen deploy: {len(plan.uploads)} files added or changed, {len(plan.deletes)} removed")
        return self._git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)

    # -- running git ------------------------------------------------------------------------------------------

    def _git(self, *args: str, action: str = "") -> str:
        return self._run(["git", *_SAFE_CONFIG, "--git-dir", str(self.cache), *args], action)

    def _git_ok(self, *args: str) -> bool:
        command = ["git", *_SAFE_CONFIG, "--git-dir", str(self.cache), *args]
        return subprocess.run(command, capture_output=True, env=self._env(), stdin=subprocess.DEVNULL).returncode == 0

    def _run(self, command: list[str], action: str) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=self._env(),
                                  input="" if "--stdin" in command else None,
                                  stdin=None if "--stdin" in command else subprocess.DEVNULL)
        except FileNotFoundError:
            raise DeployError(f"{self.label}: git is not installed; install it (https://git-scm.com, or "
                              "`sudo apt install git`), then deploy again") from None
        if done.returncode != 0:
            raise DeployError(f"{self.label}: {git_problem(done.stderr, action or 'use', self.remote.url)}")
        return done.stdout.strip()

    def _env(self) -> dict[str, str]:
        env = dict(os.environ, GIT_INDEX_FILE=str(self.cache / "albumen-index"), LC_ALL="C")
        if not sys.stdin.isatty():
            env["GIT_TERMINAL_PROMPT"] = "0"  # no prompt nobody will answer: a clear error instead
        # A commit needs a name; a person's own git identity is kept where they have one.
        for variable, value in (("GIT_AUTHOR_NAME", "albumen"), ("GIT_AUTHOR_EMAIL", "albumen@localhost")):
            if variable not in env and not _configured(variable):
                env[variable] = env[variable.replace("AUTHOR", "COMMITTER")] = value
        return env


# The site's bytes go in as they are, whatever the person's git config says (line endings, file modes).
_SAFE_CONFIG = ("-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.fileMode=false")


@functools.cache
def _configured(variable: str) -> bool:
    key = "user.name" if variable.endswith("NAME") else "user.email"
    try:
        return bool(subprocess.run(["git", "config", "--get", key], capture_output=True, text=True,
                                   stdin=subprocess.DEVNULL).stdout.strip())
    except FileNotFoundError:
        return False


_GIT_PROBLEMS = (
    (("could not resolve host", "name or service not known"),
     "no such host: check the address, and your network"),
    (("permission denied (publickey", "authentication failed", "could not read username", "terminal prompts disabled",
      "invalid username or password", "returned error: 403"),
     "the server refused the login: load your SSH key into the agent (ssh-add), or set up git's credential "
     "helper with a token that may push"),
    (("does not appear to be a git repository", "repository not found", "not found"),
     "there is no repository at that address (or you may not see it): check the address"),
    (("fetch first", "non-fast-forward", "stale info", "cannot lock ref"),
     "the branch changed on the server while albumen was sending (someone else pushed): deploy again"),
    (("connection refused", "connection timed out", "could not connect", "network is unreachable"),
     "can't reach the server: check the address and your network, then deploy again"),
)


def git_problem(stderr: str, action: str, url: str) -> str:
    """git's complaint -> what went wrong and what to do, in one line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    said = next((line for line in lines if line.lower().startswith(("fatal:", "error:", "remote:", " !", "!"))),
                lines[-1] if lines else "no message")
    lowered = stderr.lower()
    for needles, advice in _GIT_PROBLEMS:
        if any(needle in lowered for needle in needles):
            return f"git could not {action} it ({_shorten(said)}): {advice}"
    return f"git could not {action} it ({_shorten(said)}); fix that, then deploy again"


def _shorten(text: str) -> str:
    text = re.sub(r"^(fatal|error|remote):\s*", "", text, flags=re.IGNORECASE)
    return text if len(text) <= 160 else text[:157] + "..."
