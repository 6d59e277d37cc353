"""Problems keeps the order problems were found in and drops repeats, in linear time (a set beside the list)."""

from __future__ import annotations

from albumen.problems import Problem, Problems


def test_repeats_are_dropped_and_the_order_is_kept() -> None:
    problems = Problems()
    problems.error("items/b.md", 3, "no image")
    problems.warning("items/a.md", None, "no title")
    problems.error("items/b.md", 3, "no image")  # the same mistake twice on one line is one problem
    problems.image_error("images/c.jpg", "truncated")
    problems.add(Problem("images/c.jpg", None, "error", "truncated"))  # blocks_build is not part of its identity
    problems.extend([Problem("items/a.md", None, "warning", "no title"), Problem("items/z.md", 1, "note", "hint")])

    assert [str(p) for p in problems] == [
        "items/b.md:3: error: no image",
        "items/a.md: warning: no title",
        "images/c.jpg: error: truncated",
        "items/z.md:1: note: hint",
    ]
    assert problems.blocking == [Problem("items/b.md", 3, "error", "no image")]


def test_problems_given_at_construction_count_as_seen() -> None:
    problems = Problems([Problem("items/a.md", 2, "error", "bad date")])
    problems.error("items/a.md", 2, "bad date")
    assert len(problems) == 1


def test_ten_thousand_problems_are_collected_once_each() -> None:
    """20,000 adds of 10,000 distinct problems (quadratic before: ~50 s for twice this; now milliseconds)."""
    problems = Problems()
    for n in range(10_000):
        problems.error(f"items/x{n}.md", 3, "no image")
        problems.error(f"items/x{n}.md", 3, "no image")
    assert len(problems) == 10_000
    assert [p.path for p in problems][:2] == ["items/x0.md", "items/x1.md"]
