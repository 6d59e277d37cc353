"""The old-site reader: a saved copy of a hand-made photo website -> draft topics, items and pages.

The steps, in order:
1. read every page (decoded, parsed) and find each <img>'s largest version (html_photos.py);
2. find each photo's caption, first knowing nothing of chrome (html_captions.py), so that
3. what repeats across pages, and is not a caption, is known as chrome (html_chrome.py);
4. find the captions again with chrome left out, now final;
5. the same photo on several pages becomes one item; a page that shows one photo, reached from a
   thumbnail, is that photo's own page; a page with photos is a topic; a page without is a free page;
6. links between the old pages are rewritten to the new records (item:, topic:), and every old path is
   kept as a redirect, so old links keep working.
Nothing here writes a file: the result is a Draft for the archive writer and a report.

Each step is a module; they share one SiteModel (html_model.py), each filling in its part:
html_collect.py (steps 1-4), html_roles.py, html_presentations.py, html_galleries.py and html_titles.py,
html_photo_text.py (a photo's own words), html_addresses.py (step 6), html_drafts.py (the records) and
html_report.py (what to look at).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from albumen.archive_reader import load_places
from albumen.importers.drafts import Draft
from albumen.importers.html_addresses import assign_ids, map_the_other_pages, without_clashing_redirects
from albumen.importers.html_collect import collect
from albumen.importers.html_drafts import draft_records
from albumen.importers.html_galleries import join_galleries
from albumen.importers.html_model import SiteModel
from albumen.importers.html_presentations import join_presentations, lead_main_pages_to_presentations
from albumen.importers.html_report import report_left_out
from albumen.importers.html_roles import assign_roles, give_loose_photos_a_topic
from albumen.importers.oldsite import OldSite
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.report import ImportReport
from albumen.problems import Problems
from albumen.reporter import Reporter


@dataclass
class HtmlImport:
    """What the reader found: the records to write and the report so far."""

    draft: Draft
    report: ImportReport


def read_html_site(old_root: Path, archive_root: Path, *, encoding: str | None = None,
                   reporter: Reporter | None = None, label: str | None = None) -> HtmlImport:
    """Read the saved old site in `old_root` into a Draft for the archive at `archive_root`."""
    m = SiteModel(OldSite(old_root, skip=archive_root.resolve()), encoding, reporter or Reporter(),
                  ImportReport(label or str(old_root)))
    m.places = LazyPlaceLookup(load_places(archive_root, Problems()))  # its problems are `check`'s to say
    collect(m)
    assign_roles(m)
    join_presentations(m)
    give_loose_photos_a_topic(m)
    join_galleries(m)
    assign_ids(m)
    lead_main_pages_to_presentations(m)
    map_the_other_pages(m)
    draft = draft_records(m)
    report_left_out(m)
    return HtmlImport(without_clashing_redirects(draft, m.report), m.report)
