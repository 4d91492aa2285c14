"""Arrays on the sandbox's wire: every plain-number dtype, shape and byte order comes back
equal and writable; a blob a hostile worker forged (another dtype, a shape its bytes do not
fill, a header that never ends, the .npy format) is a WireError, never an array."""

from __future__ import annotations

import numpy as np
import pytest

from grader.sandbox import wire
from grader.sandbox.wire import MAX_ARRAY_BYTES, WireError, array_from_bytes, array_to_bytes, decode, encode

RNG = np.random.default_rng(0)
ARRAYS = [RNG.standard_normal((3, 4)).astype(np.float32), np.array(5.0), np.zeros((0, 3)),
          np.arange(10, dtype=np.int64)[::2], np.array([True, False]), np.uint8([3, 200]), np.float16([1.5]),
          (RNG.standard_normal((2, 3)) + 1j).astype(np.complex64), np.array([1.0, 2.0], dtype=">f8"),
          np.asfortranarray(RNG.standard_normal((3, 5))), np.ones((1,) * 10, dtype=np.int16)]


@pytest.mark.parametrize("array", ARRAYS, ids=[f"{a.dtype.str}{a.shape}" for a in ARRAYS])
def test_an_array_comes_back_equal_and_writable(array):
    back = array_from_bytes(array_to_bytes(array))
    assert back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array)
    assert back.flags.writeable and back.flags.c_contiguous


FORGED = {
    "empty": b"",
    "too few bytes": b"<f8;3;abc",
    "too many bytes": b"<f8;2,2;" + b"\0" * 33,
    "negative side": b"<f8;-1;",
    "object dtype": b"|O;1;" + b"x" * 8,
    "void dtype": b"|V8;1;" + b"\0" * 8,
    "datetime dtype": b"<M8;1;" + b"\0" * 8,
    "no shape end": b"|u1;" + b"\0" * 3,
    "huge count": b"<f8;99999999999999999999;",
    "not a number": b"<f8;1,a;",
    "too many dimensions": b"<f8;" + b"1," * 70 + b"1;" + b"\0" * 8,
    "npy format": array_to_bytes(np.zeros(1)).replace(b"<f8;1;", b"\x93NUMPY"),
    "over the size limit": b"|u1;" + str(MAX_ARRAY_BYTES + 1).encode() + b";",
    "no values, a huge side": b"<f8;0," + str(2**63).encode() + b";",
    "no values, huge sides": b"<f8;0;" .replace(b"0;", b"0," + b",".join([str(2**62).encode()] * 63) + b";"),
}


@pytest.mark.parametrize("blob", FORGED.values(), ids=FORGED.keys())
def test_a_forged_blob_is_refused(blob):
    with pytest.raises(WireError):
        array_from_bytes(blob)


def test_a_blob_named_twice_in_one_message_is_refused():
    """A forged reply naming one big blob 100,000 times would otherwise be 100,000 copies."""
    blobs: list[bytes] = []
    tree = encode([np.zeros(4)], blobs)
    forged = {"t": "list", "items": tree["items"] * 3}
    with pytest.raises(WireError):
        decode(forged, list(blobs))
    assert np.array_equal(decode(tree, list(blobs))[0], np.zeros(4)), "each blob once: decoded"


def test_a_tensor_too_large_to_send_says_so(monkeypatch):
    import torch

    monkeypatch.setattr(wire, "MAX_ARRAY_BYTES", 1000)
    tree = encode(torch.zeros(500, dtype=torch.float64), [])
    assert tree["t"] == "opaque" and "too large" in tree["type"]
