"""Values as data across the sandbox boundary: JSON for structure, `.npy` for arrays.

Used on both sides: the trusted caller encodes the inputs and decodes the
student's return values; the sandboxed harness decodes the inputs and encodes
the return values. Nothing here ever pickles, and decoding treats its input as
hostile (size caps, depth caps, a whitelist of array dtypes).

Imports only the standard library and NumPy, because the zygote loads this
file as a top-level module outside the `grader` package.

Tree format (JSON):
    null / true / false / int / float (NaN and inf allowed) / str   -> themselves
    [ ... ]                  -> list
    {"$t": [ ... ]}          -> tuple
    {"$nd": [k, "<f8", [2, 3]]}  -> k-th blob as an ndarray of that dtype and shape
    {"$np": [k, "<f4", []]}      -> k-th blob, 0-d, returned as a NumPy scalar
Blobs are the arrays' raw C-order bytes, concatenated; the frame records their
lengths. This carries what an `.npy` header carries (dtype, shape) in the JSON
instead, which decodes without `.npy`'s Python-literal header parse: a tenth of
the cost, and nothing in it can name a Python object.
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

# Array dtypes that may cross: bool, signed/unsigned ints, floats, complex.
# Object, structured, string and datetime arrays are refused.
ALLOWED_KINDS = frozenset("biufc")
# dtype descriptors as NumPy writes them for those kinds, e.g. "<f8", "|b1", ">i4".
_DESCR = re.compile(r"[<>|=][biufc](1|2|4|8|16)")
_DTYPES: dict[str, np.dtype[Any]] = {}  # descriptors already checked
_SCALARS = frozenset({type(None), bool, int, float, str})
MAX_DEPTH = 32
MAX_NODES = 100_000
# What one decode may spend unless the caller passes a tighter `Budget`: the JSON
# part of a frame in bytes, and in "tokens" (separators + 2 per container, counted
# on the raw bytes before parsing: an upper bound on the number of JSON values).
MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_JSON_TOKENS = 12 * MAX_NODES  # an array reference is ~11 tokens

_HEADER = struct.Struct("<4sIQ")  # magic, JSON length, total blob length
# Frames are decoded from bytes or from views into a larger buffer (no copies).
Buffer = bytes | bytearray | memoryview
MAGIC = b"MLQ1"


class CodecError(ValueError):
    """A value could not be encoded, or bytes could not be decoded safely."""


def _type_name(value: Any) -> str:
    return type(value).__name__


class _Encoder:
    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.nodes = 0

    def _blob(self, array: np.ndarray) -> list[Any]:
        if array.dtype.kind not in ALLOWED_KINDS:
            raise CodecError(f"an array of dtype {array.dtype} cannot be graded")
        # `np.asarray` drops ndarray subclasses (np.matrix, masked arrays);
        # tobytes() writes C order whatever the layout.
        plain = np.asarray(array)
        self.blobs.append(plain.tobytes())
        return [len(self.blobs) - 1, plain.dtype.str, list(plain.shape)]

    def tree(self, value: Any, depth: int = 0) -> Any:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise CodecError("the value is nested too deeply or has too many parts")
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, np.ndarray):
            return {"$nd": self._blob(value)}
        if isinstance(value, np.generic):
            return {"$np": self._blob(np.asarray(value))}
        if type(value) is int:
            return value
        if type(value) is float:
            return value
        if isinstance(value, tuple):
            return {"$t": [self.tree(item, depth + 1) for item in value]}
        if isinstance(value, list):
            return [self.tree(item, depth + 1) for item in value]
        raise CodecError(
            f"a value of type {_type_name(value)} cannot be graded; "
            "use NumPy arrays, numbers, strings, booleans, None, or tuples/lists of these"
        )


def encode(document: dict[str, Any], values: dict[str, Any]) -> bytes:
    """One frame: `document` (plain JSON) plus `values` (trees with arrays).

    The result decodes with `decode` to `(document, values)`.
    """
    encoder = _Encoder()
    trees = {key: encoder.tree(value) for key, value in values.items()}
    body = json.dumps(
        {"doc": document, "values": trees, "blobs": [len(b) for b in encoder.blobs]},
        allow_nan=True,
        separators=(",", ":"),
    ).encode()
    blob = b"".join(encoder.blobs)
    return _HEADER.pack(MAGIC, len(body), len(blob)) + body + blob


def frame_length(head: Buffer) -> int:
    """Total length of the frame that starts with these `_HEADER.size` bytes."""
    magic: bytes
    body_len: int
    blob_len: int
    magic, body_len, blob_len = _HEADER.unpack(head)
    if magic != MAGIC:
        raise CodecError("not a frame")
    return _HEADER.size + body_len + blob_len


HEADER_SIZE = _HEADER.size


@dataclass
class Budget:
    """What decoding may still spend; one budget can be shared by many frames.

    Checked before `json.loads` runs, on the raw bytes (`bytes.count` is a few
    milliseconds for megabytes), so that a hostile frame cannot make the parser
    build millions of objects: JSON bytes, tokens (commas and colons + 2 per
    `[`/`{`, a bound on the number of values it can hold), then value-tree
    nodes and arrays while the tree is decoded.
    """

    json_bytes: int = MAX_JSON_BYTES
    tokens: int = MAX_JSON_TOKENS
    nodes: int = MAX_NODES
    arrays: int = MAX_NODES

    def admit_json(self, body: Buffer) -> bytes:
        """Charge the JSON part of a frame; returns it as bytes, copied only once admitted."""
        if len(body) > self.json_bytes:
            raise BudgetExceeded("too much JSON")
        self.json_bytes -= len(body)
        body = bytes(body)
        # Each value is followed by "," or ":" or closes its container: values <=
        # separators + 2 per container (its own value and its last item).
        tokens = body.count(b",") + body.count(b":") + 2 * (body.count(b"[") + body.count(b"{"))
        if tokens > self.tokens:
            raise BudgetExceeded("too many JSON values")
        self.tokens -= tokens
        return body


class BudgetExceeded(CodecError):
    """Well-formed perhaps, but more than the decoder may spend on it."""


class _Decoder:
    def __init__(self, blobs: list[Buffer], budget: Budget) -> None:
        self.blobs = blobs
        self.budget = budget
        self.nodes = 0

    def _array(self, reference: Any) -> np.ndarray:
        if not isinstance(reference, list) or len(reference) != 3:
            raise CodecError("bad array reference")
        index, descr, shape = reference
        if type(index) is not int or not 0 <= index < len(self.blobs):
            raise CodecError("bad array reference")
        self.budget.arrays -= 1
        if self.budget.arrays < 0:
            raise BudgetExceeded("too many arrays")
        dtype = _DTYPES.get(descr) if type(descr) is str else None
        if dtype is None:
            if not isinstance(descr, str) or not _DESCR.fullmatch(descr):
                raise CodecError("refused array dtype")
            dtype = np.dtype(descr)
            if dtype.kind not in ALLOWED_KINDS:
                raise CodecError("refused array dtype")
            if len(_DTYPES) < 64:
                _DTYPES[descr] = dtype
        if (
            not isinstance(shape, list)
            or len(shape) > MAX_DEPTH
            or not all(type(n) is int and n >= 0 for n in shape)
        ):
            raise CodecError("bad array shape")
        data = self.blobs[index]
        if math.prod(shape) * dtype.itemsize != len(data):
            raise CodecError("array data does not match its shape")
        # A copy: writable, and owned by nobody else.
        return np.frombuffer(data, dtype=dtype).reshape(shape).copy()

    def tree(self, node: Any, depth: int = 0) -> Any:
        self.nodes += 1
        self.budget.nodes -= 1
        if self.budget.nodes < 0:
            raise BudgetExceeded("too many values")
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise CodecError("value nested too deeply or too large")
        kind = type(node)  # json.loads makes exactly these types, no subclasses
        if kind in _SCALARS:
            return node
        if kind is list:
            return [self.tree(item, depth + 1) for item in node]
        if kind is dict and len(node) == 1:
            ((tag, payload),) = node.items()
            if tag == "$t" and isinstance(payload, list):
                return tuple(self.tree(item, depth + 1) for item in payload)
            if tag == "$nd":
                return self._array(payload)
            if tag == "$np":
                array = self._array(payload)
                if array.ndim != 0:
                    raise CodecError("scalar reference to a non-scalar array")
                return array[()]
        raise CodecError("unknown node in value tree")


def decode(frame: Buffer, budget: Budget | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Inverse of `encode`; raises CodecError (and only that) on anything malformed,
    BudgetExceeded (a CodecError) when decoding it would spend more than `budget`
    (default: a fresh `Budget()` for this frame alone)."""
    try:
        return _decode(frame, Budget() if budget is None else budget)
    except CodecError:
        raise
    except Exception as error:  # e.g. a shape NumPy refuses: still just bad data
        raise CodecError(f"malformed frame: {type(error).__name__}: {error}") from None


def _decode(frame: Buffer, budget: Budget) -> tuple[dict[str, Any], dict[str, Any]]:
    if len(frame) < HEADER_SIZE:
        raise CodecError("truncated frame")
    total = frame_length(frame[:HEADER_SIZE])
    if total != len(frame):
        raise CodecError("frame length mismatch")
    _magic, body_len, _blob_len = _HEADER.unpack(frame[:HEADER_SIZE])
    # Before parsing: the parser's cost is bounded by what the budget admits.
    body = budget.admit_json(frame[HEADER_SIZE : HEADER_SIZE + body_len])
    try:
        parsed = json.loads(body.decode())
    except (ValueError, RecursionError) as error:
        raise CodecError(f"bad JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise CodecError("frame body is not an object")
    document, trees, lengths = parsed.get("doc"), parsed.get("values"), parsed.get("blobs")
    if not isinstance(document, dict) or not isinstance(trees, dict):
        raise CodecError("frame body lacks doc/values")
    if not isinstance(lengths, list) or not all(type(n) is int and n >= 0 for n in lengths):
        raise CodecError("bad blob table")
    blobs: list[Buffer] = []
    offset = HEADER_SIZE + body_len
    for length in lengths:
        blobs.append(frame[offset : offset + length])
        offset += length
    if offset != len(frame):
        raise CodecError("blob table does not match frame length")
    decoder = _Decoder(blobs, budget)
    try:
        values = {str(key): decoder.tree(node) for key, node in trees.items()}
    except RecursionError:
        raise CodecError("value nested too deeply") from None
    return document, values
