"""Cache generations: a cached value is rebuilt once one of its generations moves, never served
after an eviction of the generation's key, and a value of None is cached like any other."""

from django.core.cache import cache

from core.generations import Generation, cached


def test_a_value_is_rebuilt_after_its_generation_moves():
    generation, calls = Generation("test:gen"), []
    build = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cached("test:key", build, generations=[generation], timeout=60) == 1
    assert cached("test:key", build, generations=[generation], timeout=60) == 1
    generation.bump()
    assert cached("test:key", build, generations=[generation], timeout=60) == 2


def test_an_evicted_generation_never_revives_an_old_entry():
    generation, calls = Generation("test:gen"), []
    build = lambda: calls.append(1) or len(calls)  # noqa: E731
    cached("test:key", build, generations=[generation], timeout=60)
    cache.delete(generation.key)  # as the cache does under memory pressure
    assert cached("test:key", build, generations=[generation], timeout=60) == 2


def test_none_is_cached_too():
    generation, calls = Generation("test:gen"), []
    for _ in range(3):
        assert cached("test:none", lambda: calls.append(1), generations=[generation], timeout=60) is None
    assert len(calls) == 1


def test_any_generation_of_several_invalidates():
    first, second, calls = Generation("test:a"), Generation("test:b"), []
    build = lambda: calls.append(1) or len(calls)  # noqa: E731
    cached("test:k", build, generations=[first, second], timeout=60)
    second.bump()
    assert cached("test:k", build, generations=[first, second], timeout=60) == 2
