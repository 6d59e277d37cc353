"""albumen.grouping.Grouping: joined things end in one group, whatever the order they were joined in."""

from __future__ import annotations

from albumen.grouping import Grouping


def test_joins_are_transitive_and_groups_keep_the_given_order() -> None:
    grouping = Grouping(["a", "b", "c", "d", "e"])
    grouping.join("d", "b")
    grouping.join("b", "a")
    assert grouping.groups() == [["a", "b", "d"], ["c"], ["e"]]


def test_the_first_groups_root_stays_the_root() -> None:
    grouping = Grouping(range(6))
    grouping.join(4, 5)
    grouping.join(2, 5)
    grouping.join(0, 3)
    assert [grouping.root(n) for n in range(6)] == [0, 1, 2, 0, 2, 2]
    assert 5 in grouping and 6 not in grouping


def test_a_long_chain_is_one_group() -> None:
    grouping = Grouping(range(10_000))
    for n in range(1, 10_000):
        grouping.join(n, n - 1)
    assert len(grouping.groups()) == 1 and grouping.root(0) == 9_999
