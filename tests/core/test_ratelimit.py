"""One rate limit for every endpoint that must not be hammered: a sliding window per bucket and key."""

from core.ratelimit import over_limit

WINDOW = 3600
START = 1000 * WINDOW


def test_the_limit_is_passed_only_after_limit_requests():
    answers = [over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + 10) for _ in range(4)]
    assert answers == [False, False, False, True]


def test_buckets_and_keys_are_counted_apart():
    for _ in range(3):
        over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + 10)
    assert over_limit("reset-ip", "10.0.0.2", 3, WINDOW, now=START + 10) is False
    assert over_limit("reset-email", "10.0.0.1", 3, WINDOW, now=START + 10) is False


def test_the_previous_window_still_counts_across_the_boundary():
    for _ in range(3):
        over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + WINDOW - 1)
    assert over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + WINDOW + 1) is True


def test_the_previous_window_fades_out_with_time():
    for _ in range(3):
        over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + WINDOW - 1)
    # Nearly a whole window later, the old requests weigh almost nothing.
    assert over_limit("reset-ip", "10.0.0.1", 3, WINDOW, now=START + 2 * WINDOW - 10) is False
