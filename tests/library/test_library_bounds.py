"""Crafted catalogue files cost bounded memory and linear work: a file without record
terminators is not held, nor searched again, as it grows."""

import tracemalloc

import pytest

from library.marc.iso2709 import MAX_RECORD_BYTES, iter_raw_records
from tests.library.library_files import as_stream, iso, unimarc


class Filler:
    """A stream of `size` bytes of `byte`, produced as it is read (the test holds none of it)."""

    def __init__(self, size, byte=b"a", then=b""):
        self.left = size
        self.byte = byte
        self.then = then

    def read(self, size=-1):
        if self.left <= 0:
            then, self.then = self.then, b""
            return then
        count = min(size, self.left)
        self.left -= count
        return self.byte * count


def peak_bytes_while_reading(stream):
    tracemalloc.start()
    try:
        records = [(ordinal, offset, len(chunk)) for ordinal, offset, chunk in iter_raw_records(stream)]
        return records, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("size", [5_000_000, 40_000_000])
@pytest.mark.parametrize("byte", [b"a", b"\x1e", b"\n"])
def test_a_file_without_record_terminators_is_read_in_bounded_memory(size, byte):
    records, peak = peak_bytes_while_reading(Filler(size, byte))
    assert peak < 4 * MAX_RECORD_BYTES + 4 * 65536  # the same for 5 MB and 40 MB
    if byte == b"\n":
        assert records == []  # blank lines between records are no record
    else:
        assert records == [(1, 0, MAX_RECORD_BYTES)]  # one record, cut at the longest a leader allows


def test_records_after_an_overlong_run_are_read_at_their_offsets():
    good = iso(unimarc(record_id="OK1"))
    garbage = b"x" * (3 * MAX_RECORD_BYTES) + b"\x1d"
    data = good + garbage + good
    records = list(iter_raw_records(as_stream(data), block_size=4096))
    assert [(ordinal, offset) for ordinal, offset, _chunk in records] == [
        (1, 0), (2, len(good)), (3, len(good) + len(garbage))
    ]
    assert records[0][2] == records[2][2] == good
    assert len(records[1][2]) == MAX_RECORD_BYTES


def test_an_overlong_tail_after_good_records_is_one_rejected_record_and_blank_runs_are_none():
    good = iso(unimarc(record_id="OK1"))
    data = good + b"\n" * (2 * MAX_RECORD_BYTES) + good + b"y" * (2 * MAX_RECORD_BYTES)
    records = list(iter_raw_records(as_stream(data), block_size=4096))
    assert [(ordinal, offset, len(chunk)) for ordinal, offset, chunk in records] == [
        (1, 0, len(good)), (2, len(good) + 2 * MAX_RECORD_BYTES, len(good)),
        (3, 2 * len(good) + 2 * MAX_RECORD_BYTES, MAX_RECORD_BYTES),
    ]


@pytest.mark.parametrize("block_size", [1, 7, 4096, 1 << 16])
def test_records_split_across_blocks_are_read_whole(block_size):
    records = [unimarc(record_id=f"R{n}") for n in range(5)]
    data = b"\r\n".join(iso(r) for r in records)
    chunks = [chunk for _ordinal, _offset, chunk in iter_raw_records(as_stream(data), block_size=block_size)]
    assert chunks == [iso(r) for r in records]
