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

Run-time bans (an exercise's `banned:` list, sent in the request header): before the
student's code runs, every banned function reachable from a loaded module (under every
alias NumPy binds it to), banned methods in the type dicts of NumPy's arrays and scalars
and of the numeric built-ins, and the modules behind banned imports are replaced by
checks. A call *from the student's code* (any frame that is not a library file) reports
the violation on the result fd at once (so catching the exception gains nothing) and
raises `BannedCallError`; library code (NumPy's own `x.dot(x)` in `norm`) passes through to
the original. Like the static check, this is a teaching aid: the sandbox is the boundary.

Imports only the standard library, NumPy and `_codec` (loaded by the zygote).
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import gc
import importlib
import io
import linecache
import os
import sys
import traceback
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, cast

import numpy
import numpy.fft
import numpy.linalg
import numpy.random

# Loaded by the zygote, which runs as a script, as the top-level module `_codec`
# (a sibling of this file); the checker knows it by its package name.
if TYPE_CHECKING:
    from importlib.abc import Loader

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


def _class_name(error: BaseException) -> str:
    """The raised class's own name (`LinAlgError` where `error_type` says ValueError), for
    cases that accept only the built-in class itself (`Case.raises_exactly`)."""
    try:
        name = type(error).__name__
    except BaseException:
        return ""
    return name[:200] if isinstance(name, str) else ""


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


# --------------------------------------------------------------------------- run-time bans


class BannedCallError(RuntimeError):
    """The student's code reached a banned function, method or module (already reported)."""


def _library_dirs() -> tuple[str, ...]:
    """Where trusted library code lives: the standard library, site-packages, this folder.

    A frame whose file is under one of these is library code calling on its own behalf
    (NumPy's `norm` calling `x.dot(x)`); anything else (`solution.py`, `<string>` from an
    `exec`, a module the student wrote to /tmp) acts for the student.
    """
    dirs = {
        os.path.dirname(os.__file__),  # noqa: PTH120
        os.path.dirname(os.path.dirname(numpy.__file__)),  # noqa: PTH120
        os.path.dirname(os.path.abspath(__file__)),  # noqa: PTH120, PTH100
    }
    dirs.update(entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages")))
    return (*sorted(d.rstrip("/") + "/" for d in dirs if d), "<frozen ")


_LIBRARY = _library_dirs()
_IMPORT_MACHINERY = ("<frozen importlib", os.path.dirname(importlib.__file__) + "/")  # noqa: PTH120
# The harness calls the student's function through this, so that a banned function handed
# over as the function itself (`dot_product = vars(np)["d" + "ot"]`) is called from a frame
# that is not library code. Its file name is not STUDENT_FILE: tracebacks skip it.
_trampoline: dict[str, Any] = {}
exec(  # noqa: S102 - a fixed one-line helper
    compile("def call(f, a, k):\n    return f(*a, **k)\n", "<solution>", "exec"), _trampoline
)
_call_student: Callable[[Callable[..., Any], tuple[Any, ...], dict[str, Any]], Any] = _trampoline[
    "call"
]

# id(object) -> (namespace, attribute, namespace, attribute, ...) for every callable and module
# bound in a loaded module's namespace: built in the zygote (see the end of this file), so
# that a jail finds every alias of a banned function without touching, and so copying, the
# pages of every module's objects (a flat tuple: one object to touch per function).
_INDEX: dict[int, tuple[Any, ...]] = {}
_INDEXED: set[str] = set()


def _index_module(name: str, module: Any) -> None:
    if name in _INDEXED:
        return
    _INDEXED.add(name)
    namespace = getattr(module, "__dict__", None)
    if not isinstance(namespace, dict):
        return
    for key, value in list(namespace.items()):
        if isinstance(key, str) and (callable(value) or isinstance(value, types.ModuleType)):
            _INDEX[id(value)] = (*_INDEX.get(id(value), ()), namespace, sys.intern(key))


def _index_modules() -> None:
    """Index the loaded modules (in the zygote, once: a jail only reads the index)."""
    for name, module in list(sys.modules.items()):
        _index_module(name, module)


_METHOD_KINDS = (types.MethodDescriptorType, types.WrapperDescriptorType, types.FunctionType)


def _method_types() -> dict[str, tuple[type, ...]]:
    """Where a `.name` entry's method is replaced: method name -> the types among arrays,
    NumPy scalars and the numeric built-ins that define it themselves."""
    kinds: list[type] = [numpy.ndarray, numpy.generic, float, int, complex, bytes, bytearray]
    kinds += sorted(set(numpy.sctypeDict.values()) - set(kinds), key=lambda kind: kind.__name__)
    found: dict[str, tuple[type, ...]] = {}
    for kind in kinds:
        for name, value in kind.__dict__.items():
            if isinstance(value, _METHOD_KINDS):
                found[name] = (*found.get(name, ()), kind)
    return found


_METHOD_TYPES = _method_types()


class _Bans:
    """The run's banned entries, put in place by `install` before the student's code runs."""

    def __init__(self, entries: list[str], reason: str, channel: _Channel) -> None:
        self.entries = entries
        self.reason = reason
        self.channel = channel
        self.reported = False
        # id(original) -> (original, replacement): for modules loaded later
        self.replaced: dict[int, tuple[Any, Any]] = {}
        self.blocked: list[tuple[str, str]] = []  # (module name, entry): no student imports
        self.pending: list[tuple[str, str]] = []  # (dotted name, entry) in modules not loaded

    # ------------------------------------------------------------------ reporting

    def violation(self, entry: str, via: str) -> NoReturn:
        """Report the first violation on the result fd now, then raise in the student's code."""
        line = 0
        frame: types.FrameType | None = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == STUDENT_FILE:
                line = frame.f_lineno or 0
                break
            frame = frame.f_back
        if not self.reported:
            self.reported = True
            with contextlib.suppress(BaseException):
                self.channel.send({"kind": "banned", "entry": entry, "via": via, "line": line})
        name = f"`{via}`" if via == entry else f"`{via}` (that is `{entry}`)"
        text = f"{name} is not allowed here" + (f" (line {line})" if line else "")
        raise BannedCallError(text + (f": {self.reason}" if self.reason else ""))

    def replacement(self, original: Callable[..., Any], entry: str, via: str) -> Any:
        violation = self.violation

        def banned(*args: Any, **kwargs: Any) -> Any:
            if not sys._getframe(1).f_code.co_filename.startswith(_LIBRARY):
                violation(entry, via)
            return original(*args, **kwargs)

        for attribute in ("__name__", "__qualname__", "__module__"):  # interned: no copy-on-write
            with contextlib.suppress(AttributeError, TypeError):
                setattr(banned, attribute, getattr(original, attribute))
        return banned

    # ------------------------------------------------------------------ putting them in place

    def install(self) -> None:
        for entry in self.entries:
            # An entry that cannot be put in place here is left to the AST check: a
            # teaching aid must not crash the run of an honest submission.
            with contextlib.suppress(Exception):
                self.install_entry(entry)
        if self.blocked or self.pending:
            sys.meta_path.insert(0, _BanFinder(self))

    def install_entry(self, entry: str) -> None:
        if entry == "@":
            for name in ("matmul", "__matmul__", "imatmul", "__imatmul__"):
                self.ban_name(f"operator.{name}", entry)
            for name in ("__matmul__", "__rmatmul__", "__imatmul__"):
                self.ban_method(name, entry)
        elif entry.startswith("."):
            self.ban_method(entry[1:], entry)
        elif entry:
            head, _, rest = entry.partition(".")
            dotted = f"numpy.{rest}" if head == "np" and rest else entry
            self.ban_name("numpy" if dotted == "np" else dotted, entry)

    def ban_method(self, name: str, entry: str) -> None:
        for kind in _METHOD_TYPES.get(name, ()):
            original = kind.__dict__.get(name)
            if isinstance(original, _METHOD_KINDS):
                self.patch_type(kind, name, original, entry)

    def patch_type(self, kind: type, name: str, original: Any, entry: str) -> None:
        replacement = self.replacement(original, entry, f"{kind.__name__}.{name}")
        if kind.__flags__ & (1 << 9):  # a heap type (a Python class): setattr updates slots
            setattr(kind, name, replacement)
            return
        # A static C type (ndarray, float) refuses setattr: write its dict behind the
        # read-only proxy. Its C slots stay (so `a @ b` itself is unaffected); method
        # lookups (`a.dot`, `np.ndarray.dot`, `a.__matmul__`) find the replacement.
        gc.get_referents(kind.__dict__)[0][name] = replacement
        # Lookups are cached per type version (the interpreter's method cache, specialised
        # bytecode): a new version makes them see the replacement. (sys._clear_type_cache
        # does it for every type at once: ~0.4 ms.)
        ctypes.pythonapi.PyType_Modified(ctypes.py_object(kind))

    def ban_name(self, dotted: str, entry: str) -> None:
        found = _lookup(dotted)
        if found is None:  # its module is not loaded: block the import, patch it on load
            self.blocked.append((dotted, entry))
            self.pending.append((dotted, entry))
            return
        parent, original = found
        if any(pair[1] is original for pair in self.replaced.values()):
            return  # already replaced for an earlier entry (`"@"` and `operator.matmul`)
        if isinstance(original, types.ModuleType):
            self.blocked.append((dotted, entry))
            if not dotted.startswith("numpy"):  # preloaded (statistics): an import must miss
                for name in [n for n in sys.modules if n == dotted or n.startswith(dotted + ".")]:
                    del sys.modules[name]
        elif isinstance(parent, type):
            if isinstance(original, _METHOD_KINDS):
                self.patch_type(parent, dotted.rpartition(".")[2], original, entry)
        elif isinstance(original, type):
            if original.__flags__ & (1 << 9):  # np.finfo: construction goes through __new__
                new = original.__new__
                check = self.replacement(new, entry, _public(dotted))
                original.__new__ = staticmethod(check)  # type: ignore[method-assign]
        elif callable(original):
            self.replace_everywhere(original, entry, _public(dotted))

    def replace_everywhere(self, original: Any, entry: str, via: str) -> None:
        """Every module attribute bound to `original` (or to the C function NumPy's
        dispatcher wraps) now holds one replacement: `np.dot`, `np._core.dot`,
        `np._core.multiarray.dot`, `vars(np)["dot"]` all reach it."""
        if id(original) in self.replaced:
            return
        replacement = self.replacement(original, entry, via)
        targets = [original]
        inner = getattr(original, "_implementation", None)  # NumPy's array-function dispatch
        if callable(inner):
            targets.append(inner)
        for target in targets:
            self.replaced[id(target)] = (target, replacement)
            aliases = _INDEX.get(id(target), ())
            for at in range(0, len(aliases), 2):
                namespace, key = aliases[at], aliases[at + 1]
                if namespace.get(key) is target:  # still bound there (ids can be reused)
                    namespace[key] = replacement

    def loaded(self, module: types.ModuleType) -> None:
        """A module finished loading after the bans were put in place: bind the replacements
        there too, and ban entries that have just become reachable (`scipy.linalg.lstsq`)."""
        name = getattr(module, "__name__", "")
        namespace = getattr(module, "__dict__", {})
        for key, value in list(namespace.items()):
            pair = self.replaced.get(id(value))
            if pair is not None and pair[0] is value:
                namespace[key] = pair[1]
        if isinstance(name, str):
            _index_module(name, module)
        for dotted, entry in list(self.pending):
            found = _lookup(dotted)
            if found is not None:
                self.pending.remove((dotted, entry))
                if not isinstance(found[1], types.ModuleType) and callable(found[1]):
                    self.replace_everywhere(found[1], entry, _public(dotted))


def _public(dotted: str) -> str:
    return "np." + dotted[6:] if dotted.startswith("numpy.") else dotted


def _lookup(dotted: str) -> tuple[Any, Any] | None:
    """(parent, object) for a dotted name, from what is loaded: no imports, no lazy
    `__getattr__`; None when some part is not there (yet)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        current: Any = sys.modules.get(".".join(parts[:end]))
        if current is not None:
            break
    else:
        end, current = 1, vars(builtins).get(parts[0])  # `float.hex`
        if not isinstance(current, type):
            return None
    parent = None
    for part in parts[end:]:
        namespace = getattr(current, "__dict__", None)
        if namespace is None or part not in namespace:
            return None
        parent, current = current, namespace[part]
    return parent, current


def _import_by_student() -> bool:
    """Who asked for this import: the first frame outside the import machinery and outside
    a lazy module `__getattr__` (`from scipy import linalg` imports in scipy's)."""
    frame: types.FrameType | None = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        if not code.co_filename.startswith(_IMPORT_MACHINERY) and code.co_name != "__getattr__":
            return not code.co_filename.startswith(_LIBRARY)
        frame = frame.f_back
    return False


class _BanFinder:
    """First on `sys.meta_path` while bans are in place: refuses a student's import of a
    banned module and has modules of packages with pending entries patched on load."""

    def __init__(self, bans: _Bans) -> None:
        self.bans = bans

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        for module, entry in self.bans.blocked:
            if (name == module or name.startswith(module + ".")) and _import_by_student():
                self.bans.violation(entry, f"import {name}")
        tops = {dotted.partition(".")[0] for dotted, _ in self.bans.pending}
        if name.partition(".")[0] not in tops:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = cast("Loader", _PatchingLoader(spec.loader, self.bans))
                return spec
        return None


class _PatchingLoader:
    def __init__(self, loader: Any, bans: _Bans) -> None:
        self.loader = loader
        self.bans = bans

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        self.loader.exec_module(module)
        self.bans.loaded(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


def run(request: bytes, channel_fd: int, finish_fd: int | None = None) -> None:
    """Grade-side-effect-free execution of one request; never returns (exits the process)."""
    channel = _Channel(channel_fd)
    finish = _finisher(channel_fd, finish_fd)
    frames = _calls(request)
    header, _ = _codec.decode(frames[0])
    code: str = header["code"]
    function: str = header["function"]
    banned = [str(entry) for entry in header.get("banned", ())]
    banned_reason = str(header.get("banned_reason", ""))
    # One decode for all calls; every call's arrays are distinct copies.
    _, decoded = _codec.decode(frames[1])
    calls: list[Any] = decoded["calls"]
    del request, frames, header  # the header dict holds the code: keep no reference

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
    if banned:
        _Bans(banned, banned_reason, channel).install()
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
            value = _call_student(target, args, kwargs)
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
                    "error_class": _class_name(error),
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


if __name__ == "_harness":  # loaded by the zygote: index its modules once, for every jail
    _index_modules()
