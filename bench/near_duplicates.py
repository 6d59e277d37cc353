"""Time the near-duplicate grouping (fingerprint.near_duplicate_groups) on synthetic fingerprints.

    python bench/near_duplicates.py [--count 10000]

Random 64-bit hashes of one shape and colour (the worst case: only the bits tell them apart), plus 20 planted
pairs at each distance 0-16 bits; prints the time of the banded grouping, the share of planted pairs found at each
distance, and the time of comparing every pair, for scale.
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

from albumen.fingerprint import NEAR_DUPLICATE_BITS, Fingerprint, near_duplicate_groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    count = parser.parse_args().count
    rng = random.Random(5)
    prints: list[Fingerprint | None] = [Fingerprint(rng.getrandbits(64), 1.5, (128, 128, 128)) for _ in range(count)]
    planted = []
    for distance in range(NEAR_DUPLICATE_BITS + 1):
        for _ in range(20):
            first = rng.randrange(count)
            bits = prints[first].bits  # type: ignore[union-attr]
            for bit in rng.sample(range(64), distance):
                bits ^= 1 << bit
            prints.append(Fingerprint(bits, 1.5, (128, 128, 128)))
            planted.append((first, len(prints) - 1, distance))
    started = time.perf_counter()
    groups = near_duplicate_groups(prints)
    banded = time.perf_counter() - started
    group_of = {index: group for group in groups for index in group}
    found: dict[int, list[bool]] = {}
    for first, second, distance in planted:
        found.setdefault(distance, []).append(first in group_of and group_of[first] == group_of.get(second))
    print(f"{len(prints)} fingerprints: grouped in {banded:.2f} s, {len(groups)} groups")
    print("planted pairs found, by distance in bits: " + ", ".join(
        f"{distance}: {sum(hits) / len(hits):.0%}" for distance, hits in sorted(found.items())))
    bits = [p.bits for p in prints if p is not None]
    started = time.perf_counter()
    close = sum(1 for a, b in combinations(bits, 2) if (a ^ b).bit_count() <= NEAR_DUPLICATE_BITS)
    print(f"every pair compared: {time.perf_counter() - started:.2f} s ({close} pairs within "
          f"{NEAR_DUPLICATE_BITS} bits)")


if __name__ == "__main__":
    main()
