"""Things joined into groups, where joining is transitive (a ~ b and b ~ c: one group): a union-find.

The pictures that look alike (fingerprint.py), an old site's files of one picture, the pages of one paged gallery,
the photo pages of one slide show: each says which two belong together, and wants the groups.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Grouping(Generic[T]):
    """The items, each alone at first; join(first, second) puts second's group into first's."""

    def __init__(self, items: Iterable[T]) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def root(self, item: T) -> T:
        """The item that stands for the item's group: the root of the first group joined into the others."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # halve the path: later look-ups are shorter
            item = parent[item]
        return item

    def join(self, first: T, second: T) -> None:
        """One group of the two items' groups, first's root its root."""
        self._parent[self.root(second)] = self.root(first)

    def groups(self) -> list[list[T]]:
        """Every group, single items too, ordered by its first item; each in the order the items were given."""
        found: dict[T, list[T]] = {}
        for item in self._parent:
            found.setdefault(self.root(item), []).append(item)
        return list(found.values())
