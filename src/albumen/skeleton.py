"""`albumen new DIR`: an archive skeleton with one example of each kind of file, ready to build."""

from __future__ import annotations

import datetime
from pathlib import Path

from albumen.problems import AlbumenError

FILES = {
    "albumen.toml": '''\
# Site settings. Every setting is optional.
title = "My photograph archive"
description = "Photographs and what we know about them."
base_url = ""            # e.g. "https://example.org/photos/" once the site has a home
language = "en"
notice = ""              # a banner shown on every page
rights = "Photographs © their owners."

[images]
widths = [400, 800, 1600]   # pixel widths made of every photo (never larger than the original)
quality = 85
''',
    "items/example-photo.md": '''\
---
title: An example photograph
image: example.jpg          # a path inside images/
date: "1944-23"             # EDTF: 1944-23 is autumn 1944; 1944? uncertain; 1944~ approximate
places: [example-town]      # ids from places.yaml
subjects: [examples]
topics: [first-topic]
creator: Unknown
rights: ""
alt: A brown gradient standing in for a real photograph
added: {today}              # the day it joined the archive: the feed lists the latest additions
---
The caption, in Markdown, exactly as you want it kept. Link to another photo with
[its id](item:example-photo), or to a topic with [its id](topic:first-topic).
''',
    "topics/first-topic.md": '''\
---
title: A first topic
date: "1944"
links:
  - {title: "A page about it", url: "https://en.wikipedia.org/wiki/Photograph"}
# items: [example-photo]    # an ordered list; without it, the items naming this topic, by date
---
The story of this topic, in Markdown. It is shown above its photographs.
''',
    "places.yaml": '''\
# Places: an id, a name, other names, coordinates (decimal degrees) and a parent place.
- id: example-country
  name: Example Country
  lat: 35.0
  lon: 103.0
- id: example-town
  name: Example Town
  other_names: [Exampleton]
  lat: 24.33
  lon: 109.43
  parent: example-country
''',
    "pages/about.md": '''\
---
title: About
---
Who keeps this archive, where the photographs come from, and how to get in touch.
''',
}


def create_archive(directory: Path) -> None:
    """Write the skeleton; refuse to touch a folder that already has files in it."""
    if directory.exists() and any(directory.iterdir()):
        raise AlbumenError(f"{directory} already has files in it; choose a new folder name")
    for name, text in FILES.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{today}", datetime.date.today().isoformat()), encoding="utf-8")
    _example_image(directory / "images" / "example.jpg")
    from albumen.importers.skeleton_files import remember_skeleton

    remember_skeleton(directory, [*FILES, "images/example.jpg"])


def _example_image(path: Path) -> None:
    import pyvips

    path.parent.mkdir(parents=True, exist_ok=True)
    ramp = pyvips.Image.grey(900, 600)
    image = (ramp * 110 + 70).bandjoin([ramp * 90 + 55, ramp * 70 + 40]).cast("uchar")
    image.copy(interpretation="srgb").jpegsave(str(path), Q=85, keep="none")
