"""The data format between the grader and a sandboxed worker: JSON plus `.npy` bytes.

Nothing is ever unpickled. A message is one frame on a stream socket:

    8-byte length | 4-byte header length | JSON header | blob 0 | blob 1 | ...

The header is a JSON object; values inside it are encoded as *trees*: JSON scalars stand for
themselves, everything else is a dict with a tag `t`. Arrays travel as blobs, written with
`numpy.lib.format` and read back with `allow_pickle=False`.

The worker side reduces what student code returns to plain data (`encode`): exact builtin
types (list, tuple and dict subclasses as plain ones, read through the base type's own
methods), plain ndarrays (subclasses are viewed as ndarray and copied), numpy scalars, exact
torch tensors. Anything else becomes an `Opaque` placeholder naming its type, so no method of a
student's object ever runs in the grader.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import time
import types
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAX_FRAME_BYTES = 512 * 1024 * 1024
#: the JSON header of a worker's reply: arrays travel as blobs, so a header is small; parsing
#: JSON can take 20 times its size in memory (`[[],[],...]`), so the grader reads no bigger one
MAX_REPLY_HEADER_BYTES = 4 * 1024 * 1024
MAX_STRING = 20_000
MAX_ARRAY_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 32
ALLOWED_DTYPE_KINDS = "biufc"
#: a message up to this size is sent in one write (copied once); bigger ones blob by blob
COALESCE_BYTES = 1 << 20


class WireError(Exception):
    """The peer sent something that is not a well-formed message, or went away."""


@dataclass(frozen=True)
class Opaque:
    """Stands for a value the wire does not carry (a student's own object, a lambda...)."""

    type_name: str


@dataclass
class TensorValue:
    """A torch tensor as plain data: its values on the CPU plus where and what it was."""

    array: np.ndarray
    dtype: str
    device: str
    requires_grad: bool = False
    has_grad_fn: bool = False


@dataclass(frozen=True)
class Fixture:
    """A named callable the worker provides itself (see `fixtures`), e.g. a scalar function."""

    name: str


@dataclass(frozen=True)
class SlotRef:
    """A value kept in the worker from an earlier call, e.g. a student's backprop cache."""

    slot: int
    path: tuple = field(default_factory=tuple)


# ---------------------------------------------------------------- arrays <-> bytes

def loaded_torch() -> Any:
    """The real torch module if this process has imported it, else None. A numpy worker's
    `sys.modules["torch"]` may be the stand-in for a banned library (a ModuleType subclass)."""
    torch = sys.modules.get("torch")
    return torch if type(torch) is types.ModuleType else None


#: every dtype an array may travel as, by its `dtype.str` (both byte orders): plain numbers only
_DTYPES = {order.str.encode("ascii"): order
           for kind in {np.dtype(t) for t in np.sctypeDict.values() if np.dtype(t).kind in ALLOWED_DTYPE_KINDS}
           for order in (kind.newbyteorder("<"), kind.newbyteorder(">"))}
#: an array's blob: `<dtype.str>;<comma-separated shape>;` then its bytes in C order (a header
#: read without parsing Python literals: the .npy format's costs ~30 us an array, a call carries
#: several, and grading makes thousands of calls)
_MAX_HEADER = 16 + 64 * 21


def array_to_bytes(array: np.ndarray) -> bytes:
    header = f"{array.dtype.str};{','.join(map(str, array.shape))};".encode("ascii")
    return header + np.ascontiguousarray(array).tobytes()


def array_from_bytes(data: bytes) -> np.ndarray:
    """The array a blob holds, a new writable one; WireError for anything but a well-formed blob
    of plain numbers of at most MAX_ARRAY_BYTES."""
    try:
        dtype_text, shape_text, _ = bytes(data[:_MAX_HEADER]).split(b";", 2)
        dtype = _DTYPES.get(dtype_text)
        shape = tuple(int(side) for side in shape_text.split(b",")) if shape_text else ()
    except (ValueError, TypeError):
        raise WireError("malformed array") from None
    if dtype is None:
        raise WireError(f"array of dtype {dtype_text[:20]!r} is not accepted")
    if len(shape) > 64 or any(not 0 <= side <= MAX_ARRAY_BYTES for side in shape):
        raise WireError("malformed array shape")
    count = 1
    for side in shape:
        count *= side
    if count * dtype.itemsize > MAX_ARRAY_BYTES:
        raise WireError(f"array larger than {MAX_ARRAY_BYTES} bytes")
    offset = len(dtype_text) + len(shape_text) + 2
    if count * dtype.itemsize != len(data) - offset:
        raise WireError("array bytes do not match its shape")
    try:
        return np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(shape).copy()
    except (ValueError, MemoryError):
        raise WireError("malformed array shape") from None


def plain_array(value: np.ndarray) -> np.ndarray | None:
    """A plain, owned ndarray copy of an ndarray (or subclass), or None if its dtype is odd.

    `np.ndarray.view` is called unbound so a subclass's overrides never run.
    """
    base = np.ndarray.view(value, np.ndarray)
    if base.size * base.dtype.itemsize > MAX_ARRAY_BYTES:
        return None
    if base.dtype.kind not in ALLOWED_DTYPE_KINDS or base.dtype.fields is not None:
        return None
    return np.array(base, copy=True, order="C")


# ---------------------------------------------------------------- trees

_NUMPY_SCALAR_TYPES = frozenset(
    t for t in set(np.sctypeDict.values()) if np.dtype(t).kind in ALLOWED_DTYPE_KINDS
)


#: what prints as nothing or as blank space besides Unicode's spaces: fillers, blank braille,
#: zero-width characters
_INVISIBLE = "\u115f\u1160\u3164\uffa0\u2800\u180e\u200b-\u200f\u2060\ufeff"
_PADDING = re.compile(f"[\\s{_INVISIBLE}]{{8,}}|[^\\S\\n {_INVISIBLE}]{{3,}}|[{_INVISIBLE}]{{3,}}")


def squeeze_padding(text: str) -> str:
    """`text` with runs of blank-looking characters (8 or more of any kind, 3 or more other than
    plain spaces) made one space: padding would push forged text, such as a fake report line,
    to where a reader expects a line of its own."""
    return _PADDING.sub(" ", text)


def _type_name(value: Any) -> str:
    # type.__getattribute__ is called explicitly so a metaclass cannot intercept the lookup.
    kind = type(value)
    module = type.__getattribute__(kind, "__module__")
    name = type.__getattribute__(kind, "__qualname__")
    text = name if module in ("builtins", None, "") else f"{module}.{name}"
    return str(text)[:200]


def encode(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Reduce `value` to a JSON tree, appending array bytes to `blobs`."""
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "deeply nested value"}
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value[:MAX_STRING] if kind is str else value
    if kind is int:
        return {"t": "int", "v": str(value)} if abs(value) > 2**53 else value
    if kind is float:
        return {"t": "float", "v": float.__repr__(value)}
    if issubclass(kind, (list, tuple)):  # subclasses (namedtuple) arrive as plain ones
        base = list if issubclass(kind, list) else tuple
        items = [encode(item, blobs, depth + 1) for item in base.__iter__(value)]
        return {"t": base.__name__, "items": items}
    if issubclass(kind, dict):  # OrderedDict, defaultdict: their items, never their overrides
        items = {}
        for key, item in dict.items(value):
            if type(key) is not str:
                return {"t": "opaque", "type": "dict with non-string keys"}
            items[key] = encode(item, blobs, depth + 1)
        return {"t": "dict", "items": items}
    if issubclass(kind, np.ndarray):
        array = plain_array(value)
        if array is None:
            view = np.ndarray.view(value, np.ndarray)
            return {"t": "opaque", "type": f"numpy array of dtype {view.dtype} and shape {view.shape} "
                                           "(too large, or not plain numbers)"}
        blobs.append(array_to_bytes(array))
        tree = {"t": "ndarray", "blob": len(blobs) - 1}
        if kind is not np.ndarray:
            tree["subclass"] = _type_name(value)
        return tree
    if kind in _NUMPY_SCALAR_TYPES:
        blobs.append(array_to_bytes(np.array(value)))
        return {"t": "npscalar", "blob": len(blobs) - 1}
    if isinstance(value, Fixture):
        return {"t": "fixture", "name": value.name}
    if isinstance(value, SlotRef):
        return {"t": "slot", "slot": value.slot, "path": list(value.path)}
    if isinstance(value, TensorValue):
        blobs.append(array_to_bytes(value.array))
        return {"t": "tensor", "blob": len(blobs) - 1, "dtype": value.dtype, "device": value.device,
                "requires_grad": value.requires_grad}
    torch = loaded_torch()
    if torch is not None and issubclass(kind, torch.Tensor):
        return _encode_tensor(torch, value, blobs)
    return {"t": "opaque", "type": _type_name(value)}


def _encode_tensor(torch: Any, value: Any, blobs: list[bytes]) -> Any:
    if type(value) not in (torch.Tensor, torch.nn.Parameter):
        return {"t": "opaque", "type": f"torch.Tensor subclass {_type_name(value)}"}
    plain = torch.Tensor.detach(value)
    device = str(plain.device)
    dtype = str(plain.dtype)
    if plain.dtype in (torch.bfloat16, torch.float16):
        plain = plain.float()
    if plain.device.type == "meta":  # no data: only shape, dtype and device travel (zeros)
        if plain.numel() > 1_000_000:
            return {"t": "opaque", "type": f"meta tensor of shape {tuple(plain.shape)}"}
        plain = torch.zeros(plain.shape, dtype=plain.dtype)
    if plain.numel() * plain.element_size() > MAX_ARRAY_BYTES:
        return {"t": "opaque", "type": f"tensor of dtype {dtype} and shape {tuple(plain.shape)} (too large)"}
    try:
        array = plain.cpu().resolve_conj().resolve_neg().numpy().copy()
    except (TypeError, RuntimeError) as error:
        return {"t": "opaque", "type": f"tensor that cannot be read ({error})"[:200]}
    blobs.append(array_to_bytes(array))
    return {"t": "tensor", "blob": len(blobs) - 1, "dtype": dtype, "device": device,
            "requires_grad": bool(value.requires_grad), "grad_fn": value.grad_fn is not None}


def decode(tree: Any, blobs: list[bytes], resolve: Any = None, depth: int = 0) -> Any:
    """Rebuild plain values from a tree. `resolve` maps worker-side tags (fixture, slot,
    tensor) to live objects; without it, tensors decode to `TensorValue`."""
    if depth > MAX_DEPTH + 2:
        raise WireError("value nested too deeply")
    if tree is None or isinstance(tree, (bool, int, str)):
        return tree
    if isinstance(tree, float):
        return tree
    if isinstance(tree, list):
        raise WireError("bare list in tree")
    if not isinstance(tree, dict):
        raise WireError(f"unexpected {type(tree).__name__} in tree")
    tag = tree.get("t")
    if tag == "int":
        return int(tree["v"])
    if tag == "float":
        return float(tree["v"])
    if tag in ("list", "tuple"):
        items = [decode(item, blobs, resolve, depth + 1) for item in tree["items"]]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        return {str(k): decode(v, blobs, resolve, depth + 1) for k, v in tree["items"].items()}
    if tag in ("ndarray", "npscalar", "tensor"):
        array = array_from_bytes(_blob(blobs, tree))
        if tag == "npscalar":
            return array[()]
        if tag == "tensor":
            if resolve is not None:
                return resolve(tree, array)
            return TensorValue(array, str(tree["dtype"]), str(tree["device"]),
                               bool(tree.get("requires_grad")), bool(tree.get("grad_fn")))
        return array
    if tag == "opaque":
        return Opaque(str(tree.get("type", "?"))[:200])
    if tag in ("fixture", "slot") and resolve is not None:
        return resolve(tree, None)
    raise WireError(f"unknown tag {tag!r}")


#: what a blob is replaced by once decoded: a well-formed message names each blob once (the
#: encoder appends one per array), and a forged one naming a big blob 100,000 times would
#: otherwise be decoded into 100,000 copies
_TAKEN = b""


def _blob(blobs: list[bytes], tree: dict) -> bytes:
    index = tree.get("blob")
    if not isinstance(index, int) or not 0 <= index < len(blobs):
        raise WireError("bad blob index")
    blob = blobs[index]
    if blob is _TAKEN:
        raise WireError("a blob named twice")
    if isinstance(blobs, list):
        blobs[index] = _TAKEN
    return blob


# ---------------------------------------------------------------- frames

def send_message(sock: socket.socket, header: dict, blobs: list[bytes] = ()) -> None:
    header = dict(header, blob_sizes=[len(b) for b in blobs])
    head = json.dumps(header, allow_nan=False).encode()
    size = 4 + len(head) + sum(len(b) for b in blobs)
    prefix = struct.pack(">Q", size) + struct.pack(">I", len(head)) + head
    if size <= COALESCE_BYTES:  # one write, one wake-up of the reader (most messages are small)
        sock.sendall(b"".join([prefix, *blobs]))
        return
    sock.sendall(prefix)
    for blob in blobs:
        sock.sendall(blob)


def _recv_exact(sock: socket.socket, count: int, deadline: float | None = None) -> bytes:
    chunks = []
    while count:
        if deadline is not None:  # one limit for the whole message, however it trickles in
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("the message did not arrive in time")
            sock.settimeout(left)
        chunk = sock.recv(min(count, 1 << 20))
        if not chunk:
            raise WireError("connection closed")
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def recv_message(sock: socket.socket, max_bytes: int = MAX_FRAME_BYTES,
                 deadline: float | None = None, max_header_bytes: int | None = None) -> tuple[dict, list[bytes]]:
    """One message: its header dict and its blobs. Raises WireError on anything malformed, and
    socket.timeout when the whole message has not arrived by `deadline` (time.monotonic())."""
    (size,) = struct.unpack(">Q", _recv_exact(sock, 8, deadline))
    if size > max_bytes or size < 4:
        raise WireError(f"message of {size} bytes refused")
    payload = _recv_exact(sock, size, deadline)
    (head_size,) = struct.unpack(">I", payload[:4])
    if head_size > size - 4:
        raise WireError("bad header size")
    if max_header_bytes is not None and head_size > max_header_bytes:
        raise WireError(f"header of {head_size} bytes refused")
    try:
        header = json.loads(payload[4:4 + head_size])
    except (ValueError, RecursionError) as error:  # RecursionError: a header nested past any use
        raise WireError(f"header is not JSON: {type(error).__name__}") from None
    if not isinstance(header, dict):
        raise WireError("header is not an object")
    sizes = header.get("blob_sizes", [])
    if not isinstance(sizes, list) or not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise WireError("bad blob sizes")
    if 4 + head_size + sum(sizes) != size:
        raise WireError("blob sizes do not add up")
    blobs, offset = [], 4 + head_size
    for blob_size in sizes:
        blobs.append(payload[offset:offset + blob_size])
        offset += blob_size
    return header, blobs

