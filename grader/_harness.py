"""Runs inside the jail: compile the student's code, call the function, stream results.

The harness shares its process with the student's code, so nothing it writes
is trusted by the caller as a verdict: a frame on the result fd says only
"the function returned this value" (which the student's code could have
returned anyway), and the trusted side compares it with its own reference.
Facts the student must not be able to fake (timeouts, how the process died,
whether the jail was built) come from the kernel (pidfd, wait status, CPU
clock) and from the setup pipe, on which "set up" was written before the
student's code existed; the code can only write "finished" early there,
which ends the caller's wait with whatever frames exist.

Imports only the standard library, NumPy and `_codec` (loaded by the zygote).
"""

from __future__ import annotations

import builtins
import contextlib
import io
import linecache
import os
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

# Loaded by the zygote, which runs as a script, as the top-level module `_codec`
# (a sibling of this file); the checker knows it by its package name.
if TYPE_CHECKING:
    from grader import _codec
else:
    import _codec

STUDENT_FILE = "solution.py"
MAX_TEXT = 4000

_write = os.write
_exit = os._exit


class _Channel:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, document: dict[str, Any], values: dict[str, Any] | None = None) -> None:
        self.write(_codec.encode(document, values or {}))

    def write(self, frame: bytes) -> None:
        data = memoryview(frame)
        while data:
            written = _write(self.fd, data)
            data = data[written:]


def _builtin_name(error: BaseException) -> str:
    """The nearest built-in exception class: a student's `class ShapeError(ValueError)`
    reports as ValueError (isinstance semantics), a home-made `ValueError(Exception)`
    reports as Exception."""
    for klass in type(error).__mro__:
        if (
            getattr(klass, "__module__", None) == "builtins"
            and getattr(builtins, klass.__name__, None) is klass
        ):
            name: str = klass.__name__  # annotated: the `is` test above narrows klass to Any
            return name
    return "BaseException"


def _safe_str(error: BaseException) -> str:
    try:
        text = str(error)
    except BaseException:
        text = "<the exception's message could not be printed>"
    return text[:MAX_TEXT]


def _student_traceback(error: BaseException) -> str:
    """Only the frames in the student's file: the harness and NumPy internals are noise.

    Formatted by hand: `traceback.format_list` re-parses every source line to
    place carets (an `ast.parse` per frame) and `extract_tb` reads every other
    frame's file, which together cost more than a whole call of most exercises.
    """
    try:
        lines = ["Traceback (most recent call last):\n"]
        for frame, lineno in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename != STUDENT_FILE:
                continue
            lines.append(f'  File "{STUDENT_FILE}", line {lineno}, in {frame.f_code.co_name}\n')
            source = linecache.getline(STUDENT_FILE, lineno).strip()
            if source:
                lines.append(f"    {source}\n")
        lines.append(f"{type(error).__name__}: {_safe_str(error)}\n")
        return "".join(lines)[-MAX_TEXT:]
    except BaseException:
        return f"{type(error).__name__}\n"


def _calls(blob: bytes) -> list[bytes]:
    frames = []
    offset = 0
    while offset < len(blob):
        end = offset + _codec.frame_length(blob[offset : offset + _codec.HEADER_SIZE])
        frames.append(blob[offset:end])
        offset = end
    return frames


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        # A closed or replaced stream is the student's problem, not the harness's.
        with contextlib.suppress(BaseException):
            stream.flush()


def _finisher(channel_fd: int, finish_fd: int | None) -> Callable[[], NoReturn]:
    close, write = os.close, os.write

    def finish() -> NoReturn:
        """End the run: output flushed, pipes closed (the caller sees EOF now, not after
        the process's teardown), then "D" to the zygote, which may report at once."""
        _flush()
        for fd in (1, 2, channel_fd):
            with contextlib.suppress(OSError):
                close(fd)
        if finish_fd is not None:
            with contextlib.suppress(OSError):
                write(finish_fd, b"D")
        _exit(0)

    return finish


def run(request: bytes, channel_fd: int, finish_fd: int | None = None) -> None:
    """Grade-side-effect-free execution of one request; never returns (exits the process)."""
    channel = _Channel(channel_fd)
    finish = _finisher(channel_fd, finish_fd)
    frames = _calls(request)
    header, _ = _codec.decode(frames[0])
    code: str = header["code"]
    function: str = header["function"]
    # One decode for all calls; every call's arrays are distinct copies.
    _, decoded = _codec.decode(frames[1])
    calls: list[Any] = decoded["calls"]
    del request, frames

    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace"
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace", write_through=True
    )
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.argv = [STUDENT_FILE]

    try:
        compiled = compile(code, STUDENT_FILE, "exec", dont_inherit=True)
    except SyntaxError as error:
        text = (error.text or "").rstrip("\n")
        message = f"{type(error).__name__} on line {error.lineno}: {error.msg}"
        if text.strip():
            caret = " " * max((error.offset or 1) - 1, 0) + "^"
            message += f"\n    {text}\n    {caret}"
        channel.send({"kind": "syntax_error", "message": message[:MAX_TEXT]})
        finish()
    except (ValueError, MemoryError, RecursionError) as error:
        # e.g. "source code string cannot contain null bytes", or a nesting bomb
        channel.send(
            {"kind": "syntax_error", "message": f"{type(error).__name__}: {_safe_str(error)}"}
        )
        finish()

    linecache.cache[STUDENT_FILE] = (len(code), None, code.splitlines(True), STUDENT_FILE)
    namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
    try:
        exec(compiled, namespace)  # noqa: S102 - this is the sandbox
    except BaseException as error:
        _flush()
        if isinstance(error, MemoryError):
            channel.send({"kind": "memory"})
            finish()
        channel.send(
            {
                "kind": "load_error",
                "error_type": type(error).__name__,
                "message": _safe_str(error),
                "traceback": _student_traceback(error),
            }
        )
        finish()
    target = namespace.get(function)
    if not callable(target):
        _flush()
        found = "is not a function" if function in namespace else "is not defined"
        channel.send({"kind": "missing_function", "message": f"`{function}` {found} in your code"})
        finish()

    for index, (positional, named) in enumerate(calls):
        args = tuple(positional)
        kwargs = {str(key): value for key, value in named}
        calls[index] = None  # the harness keeps no reference to a call's inputs
        try:
            value = target(*args, **kwargs)
        except MemoryError as error:
            _flush()
            channel.send(
                {
                    "kind": "outcome",
                    "i": index,
                    "returned": False,
                    "error_type": "MemoryError",
                    "error_message": _safe_str(error),
                    "traceback": _student_traceback(error),
                }
            )
            channel.send({"kind": "memory"})
            finish()
        except BaseException as error:
            _flush()
            channel.send(
                {
                    "kind": "outcome",
                    "i": index,
                    "returned": False,
                    "error_type": _builtin_name(error),
                    "error_message": _safe_str(error),
                    "traceback": _student_traceback(error),
                }
            )
            continue
        _flush()
        try:
            frame = _codec.encode(
                {"kind": "outcome", "i": index, "returned": True}, {"value": value}
            )
        except BaseException as error:
            channel.send(
                {
                    "kind": "outcome",
                    "i": index,
                    "returned": False,
                    "error_type": "BadReturnValue",
                    "error_message": "your function returned something that cannot be graded: "
                    + _safe_str(error),
                    "traceback": None,
                }
            )
        else:
            channel.write(frame)
    _flush()
    channel.send({"kind": "done"})
    finish()
