"""Importers: bring photos and what is known about them in from elsewhere (an old website, ...).

Each importer reads its source into draft records (`drafts.py`) and hands them to the one archive
writer (`writer.py`), which writes archive files, never the site. `commands.py` is the `albumen import`
command group.
"""
