"""`albumen deploy TARGET`: send the built _site/ where it is served, changes only."""

from __future__ import annotations

from pathlib import Path

import click

from albumen.cli_support import archive_option, archive_root, friendly_errors, plural, quiet_option
from albumen.deploy.plan import site_files
from albumen.deploy.sync import Outcome, sync
from albumen.deploy.target import (
    SCHEMES,
    DeployError,
    FileTarget,
    describe_targets,
    is_git_target,
    parse_remote,
    scheme_of,
)
from albumen.problems import UsageError
from albumen.reporter import CliReporter, Reporter


@click.command("deploy")
@click.argument("target")
@archive_option
@click.option("--dry-run", is_flag=True, help="List what would be uploaded and deleted; change nothing.")
@quiet_option
@friendly_errors(interrupted="interrupted; run the same albumen deploy again to finish (what was sent is kept)")
def deploy_command(target: str, archive_dir: Path | None, dry_run: bool, quiet: bool) -> None:
    """Publish the built _site/ to TARGET: a folder, sftp://, ftp://, s3:// or a git branch (changes only)."""
    root = archive_root(archive_dir)
    reporter = CliReporter(quiet)
    outcome, label = deploy(root, target, reporter, dry_run=dry_run)
    if dry_run:
        _print_plan(outcome)
    reporter.info(summary(outcome, label, dry_run))
    if outcome.changed_meanwhile:
        reporter.info(f"{plural(len(outcome.changed_meanwhile), 'file')} of _site/ changed while they were sent "
                      "(a build finished meanwhile): run albumen deploy again")


def deploy(root: Path, spec: str, reporter: Reporter, *, dry_run: bool = False) -> tuple[Outcome, str]:
    """Make the target named by `spec` hold the archive's _site/; (what was done, the target's name)."""
    site = root / "_site"
    if not site.is_dir() or not any(site.iterdir()):
        raise DeployError(f"{site} is missing or empty: run `albumen build -C {root}` first (deploy sends the "
                          "site as it was last built)")
    with reporter.progress("read", "files") as advance:
        files = site_files(site, advance)
    if is_git_target(spec):
        from albumen.deploy.git import GitTarget, parse_git_target

        git = GitTarget(parse_git_target(spec), root / ".albumen")
        return git.deploy(site, files, reporter, dry_run=dry_run), git.label
    target = file_target(spec, site)
    return sync(site, files, target, reporter, dry_run=dry_run), target.label


def file_target(spec: str, site: Path) -> FileTarget:
    scheme = scheme_of(spec)
    if scheme is None:
        from albumen.deploy.folder import FolderTarget

        return FolderTarget(Path(spec), site)
    if scheme in ("http", "https", "ssh", "git", "file"):
        raise UsageError(f"{spec}: a git repository needs its branch after a #, e.g. {spec}#gh-pages "
                         "(and a folder is given as a plain path)")
    if scheme not in SCHEMES:
        raise UsageError(f"{spec.split('://')[0]}://... is not a target albumen can send to; give {describe_targets()}")
    remote = parse_remote(spec)
    if scheme == "sftp":
        from albumen.deploy.sftp import SftpTarget

        return SftpTarget(remote)
    if scheme in ("ftp", "ftps"):
        from albumen.deploy.ftp import FtpTarget

        return FtpTarget(remote)
    from albumen.deploy.s3 import S3Target

    return S3Target(remote)


def _print_plan(outcome: Outcome) -> None:
    for file in outcome.plan.uploads:
        click.echo(f"upload {file.path}")
    for path in outcome.plan.deletes:
        click.echo(f"delete {path}")


def summary(outcome: Outcome, label: str, dry_run: bool) -> str:
    plan = outcome.plan
    if plan.nothing_to_do:
        return f"nothing to send: {label} already holds this site ({plural(plan.unchanged, 'file')})"
    if dry_run:
        return (f"would upload {plural(len(plan.uploads), 'file')} ({_size(plan.upload_bytes)}) and delete "
                f"{plural(len(plan.deletes), 'file')} on {label}; {plan.unchanged} unchanged (nothing was sent)")
    return (f"sent {plural(outcome.sent, 'file')} ({_size(outcome.sent_bytes)}) and deleted "
            f"{plural(outcome.deleted, 'file')} on {label}; {plan.unchanged} unchanged")


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} bytes"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if count < scale * 1000 or unit == "GB":
            return f"{count / scale:.1f} {unit}"
    raise AssertionError("unreachable")
