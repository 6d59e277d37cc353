"""README.md documents every command and every setting (a test fails when one is added silently)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from albumen.cli import main
from albumen.config import KNOWN_CHECK_KEYS, KNOWN_IMAGE_KEYS, KNOWN_KEYS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


# Options every command that has them shares, documented once below the list of commands.
COMMON_OPTIONS = {"-C": "`-C DIR` is the archive folder", "-q": "`-q` hides progress"}


def _commands(group: click.Group, ctx: click.Context | None = None,
              prefix: str = "albumen") -> dict[str, click.Command]:
    """Every command by its full name, through list_commands/get_command as the CLI finds them: `import` and
    `enrich` are loaded only when asked for, so `group.commands` alone does not hold them."""
    ctx = ctx or click.Context(group, info_name=prefix)
    found: dict[str, click.Command] = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"{prefix} {name} is listed but does not load"
        if isinstance(command, click.Group):
            found |= _commands(command, click.Context(command, parent=ctx, info_name=name), f"{prefix} {name}")
        else:
            found[f"{prefix} {name}"] = command
    return found


def _readme_entry(command: str) -> str:
    """The command's lines in README's list of commands: its synopsis and the indented lines below it."""
    block = README.split("## Commands", 1)[1].split("```", 2)[1]
    match = re.search(rf"^{re.escape(command)}\b.*(?:\n[ \t]+.*)*", block, re.MULTILINE)
    assert match, f"{command} is not in README.md's list of commands"
    return match.group()


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(main)
    assert {"albumen build", "albumen export json", "albumen import html", "albumen enrich"} <= set(commands)
    for command in commands:
        assert re.search(rf"^{re.escape(command)}\b", README, re.MULTILINE), f"{command} is not in README.md"


def test_every_option_of_every_command_is_in_the_readme() -> None:
    for name, command in _commands(main).items():
        entry = _readme_entry(name)
        for option in command.params:
            if not isinstance(option, click.Option) or option.hidden:
                continue
            names = option.opts + option.secondary_opts
            if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", entry) for n in names):
                continue
            common = [COMMON_OPTIONS[n] for n in names if n in COMMON_OPTIONS]
            assert common and common[0] in README, f"{name} {'/'.join(names)} is not in README.md"


def test_every_setting_is_in_the_readme() -> None:
    settings_table = README.split("### Settings", 1)[1].split("\n## ", 1)[0]
    for key in KNOWN_KEYS - {"images", "check"}:
        assert f"`{key}`" in settings_table, f"setting {key} is not in README.md"
    for key in KNOWN_IMAGE_KEYS:
        assert f"`[images] {key}`" in settings_table, f"setting images.{key} is not in README.md"
    for key in KNOWN_CHECK_KEYS:
        assert f"`[check] {key}`" in settings_table, f"setting check.{key} is not in README.md"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one() -> None:
    assert "make demo" in README and "make test" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_test_the_guarantees_name_exists() -> None:
    guarantees = README.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    tests = Path(__file__).parent
    named = 0
    for row in re.findall(r"^\|.*\|$", guarantees, re.MULTILINE):
        current = None
        for ref in re.findall(r"`([\w.]*(?:::\w+)?)`", row):
            if not (ref.startswith(("test_", "::")) and (ref.endswith(".py") or "::" in ref)):
                continue
            file, _, name = ref.partition("::")
            current = file or current
            assert current and (tests / current).is_file(), ref
            if name:
                assert re.search(rf"^def {name}\(", (tests / current).read_text(encoding="utf-8"), re.MULTILINE), ref
            named += 1
    assert named >= 20
