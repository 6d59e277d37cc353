"""README.md documents every command and every setting (a test fails when one is added silently)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from albumen.cli import main
from albumen.config import KNOWN_IMAGE_KEYS, KNOWN_KEYS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "albumen") -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append(f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(main)
    assert "albumen build" in commands and "albumen export json" in commands
    for command in commands:
        assert re.search(rf"^{re.escape(command)}\b", README, re.MULTILINE), f"{command} is not in README.md"


def test_every_setting_is_in_the_readme() -> None:
    settings_table = README.split("### Settings", 1)[1].split("\n## ", 1)[0]
    for key in KNOWN_KEYS - {"images"}:
        assert f"`{key}`" in settings_table, f"setting {key} is not in README.md"
    for key in KNOWN_IMAGE_KEYS:
        assert f"`[images] {key}`" in settings_table, f"setting images.{key} is not in README.md"


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
