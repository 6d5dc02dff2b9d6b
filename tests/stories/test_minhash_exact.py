"""The array MinHash gives exactly the values of its definition in Python integers, so band
keys stored by an earlier version still match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.stories.minhash import _MAX_HASH, _MERSENNE_PRIME, _hash32, _permutations, signature


def _by_definition(items: set[str], permutations: int) -> tuple[int, ...]:
    hashes = [_hash32(item) for item in items]
    if not hashes:
        return (_MAX_HASH,) * permutations
    return tuple(
        min(((a * h + b) % _MERSENNE_PRIME) & _MAX_HASH for h in hashes)
        for a, b in _permutations(permutations)
    )


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(max_size=12), max_size=60), st.sampled_from([16, 128, 256]))
def test_signature_equals_its_definition(items: set[str], permutations: int) -> None:
    assert signature(items, permutations) == _by_definition(items, permutations)


def test_a_known_signature_is_stable() -> None:
    # Stored band keys depend on these values: a change here orphans every persisted key.
    assert signature({"earthquake strikes", "strikes mexico"}, 4) == (
        338310484,
        87052677,
        53534759,
        831985911,
    )
    assert signature(set(), 4) == (_MAX_HASH,) * 4
