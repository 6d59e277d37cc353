"""Gallery cards, made once per photograph and page depth, and captions' HTML, made once per text and depth."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from albumen.records import Item
from albumen.site import Site

# The variables of a page at a URL (stages.page_context.page_context), which the card macro renders with.
CardContext = Callable[[Site, str, "Cards"], dict[str, Any]]
# Cards kept (and as many captions): a card is ~1.5 KB with its key (30 MiB for 20,000 at 20,000 items, tracemalloc),
# held while every gallery is rendered; 50,000 were ~75 MiB of a 100,000-item build's peak. This many keep every card
# of an archive up to 20,000 photographs; a bigger one renders the others' cards again for each gallery.
CARDS_KEPT = 20_000


class Cards:
    """The cards of galleries, each photograph's made once for all the pages at one depth ('places/x/',
    'subjects/y/' and 'topics/z/page-2.html' link alike): a photograph is in the galleries of its places,
    subjects, decade and creator, and a card is most of a gallery's rendering time.

    Cards with captions (a topic's) are made each time: a photograph is in few topics; but their captions'
    HTML is kept for the photograph's own page, at the same depth. At most `limit` cards and as many captions
    are kept, so that memory stays bounded however big the archive.
    """

    def __init__(self, env: Environment, site: Site, context: CardContext, limit: int = CARDS_KEPT) -> None:
        self.env, self.site, self.context, self.limit = env, site, context, limit
        self.made: dict[tuple[str, int], str] = {}
        self.macros: dict[int, Any] = {}
        self.captions: dict[tuple[str, int], Markup] = {}

    def clear(self) -> None:
        """Let go of every card, caption and macro once the pages are rendered. Now, not at the next full collection:
        a macro's module holds this object, a cycle (seen held to the end of the build: 35 MiB at 20,000 items)."""
        self.made, self.macros, self.captions = {}, {}, {}

    def markdown(self, here: str, text: str, render: Callable[[str], Markup]) -> Markup:
        """Markdown's HTML for `text` on a page at `here`'s depth (its links are relative), made once."""
        key = (text, here.count("/"))
        html = self.captions.get(key)
        if html is None:
            html = render(text)
            if len(self.captions) < self.limit:
                self.captions[key] = html
        return html

    def __call__(self, here: str, items: Iterable[Item], show_caption: bool = True) -> Markup:
        depth = here.count("/")
        card = self.macros.get(depth)
        if card is None:
            module = self.env.get_template("macros.html").make_module(self.context(self.site, here, self))
            card = self.macros[depth] = getattr(module, "card")  # noqa: B009 (a macro: mypy can't see it)
        parts = []
        for item in items:
            key = (item.id, depth)
            html = None if show_caption else self.made.get(key)
            if html is None:
                html = str(card(item, show_caption))
                if not show_caption and len(self.made) < self.limit:
                    self.made[key] = html
            parts.append(html)
        return Markup("".join(parts))
