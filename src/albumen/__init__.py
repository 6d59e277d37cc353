"""albumen: a folder of historical photographs becomes a durable, searchable website."""

__version__ = "0.1.0"


def run() -> None:
    """The `albumen` command. A Ctrl-C while Python is still loading albumen ends it quietly too."""
    import sys

    try:
        from albumen.cli import main
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    main()
