"""Find uses of banned functions in a student's source, before it runs.

This is a teaching aid, not a security boundary (the sandbox is that): it
catches the honest shortcut (`np.linalg.inv(A)` in an exercise about the 2x2
formula) and the usual spellings of it, on the AST, on the trusted side.

Banned entries (exercise.yaml `banned:`):
- a dotted name as written, `np.linalg.inv` or `numpy.linalg.inv`; `np` is read as
  `numpy`. A module name (`scipy.linalg`) bans everything under it.
- `"@"`: the matrix-multiplication operator.
- `.name` (leading dot): the method/attribute `name` on any object, e.g. `.dot`
  for `a.dot(b)`.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from typing import Any

_ALIASES = {"np": "numpy"}


@dataclass(frozen=True)
class BannedUse:
    entry: str  # the banned entry as written in exercise.yaml
    written: str  # how the student wrote it
    line: int


def canonical(name: str) -> str:
    head, _, rest = name.partition(".")
    head = _ALIASES.get(head, head)
    return f"{head}.{rest}" if rest else head


def _dotted(node: ast.AST) -> str | None:
    """`np.linalg.inv` for the Attribute chain; None for anything else (calls, subscripts)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class _Finder:
    """Two passes over `ast.walk` (iterative, unlike ast.NodeVisitor: a hostile `a+a+...+a`
    of 600 terms parses fine but would overflow the recursion limit of a recursive visitor).
    Pass 1 reads every import, pass 2 checks every name, so order in the source does not matter.
    """

    def __init__(self, banned: tuple[str, ...]) -> None:
        self.dotted = {canonical(b): b for b in banned if b != "@" and not b.startswith(".")}
        self.methods = {b[1:]: b for b in banned if b.startswith(".") and len(b) > 1}
        self.matmul = "@" in banned
        # local name -> the full dotted name it stands for, from the student's imports
        self.names: dict[str, str] = {"np": "numpy", "numpy": "numpy"}
        self.found: list[BannedUse] = []
        self.skip: set[int] = set()  # ids of nodes inside an already reported chain

    def _banned_entry(self, full: str) -> str | None:
        for banned, entry in self.dotted.items():
            if full == banned or full.startswith(banned + "."):
                return entry
        return None

    def _resolve(self, written: str) -> str:
        head, _, rest = written.partition(".")
        base = self.names.get(head, head)
        return f"{base}.{rest}" if rest else base

    def _flag(self, entry: str, written: str, node: ast.AST) -> None:
        self.found.append(BannedUse(entry, written, getattr(node, "lineno", 0)))

    def run(self, tree: ast.AST) -> None:
        nodes = list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                self._import(node)
            elif isinstance(node, ast.ImportFrom):
                self._import_from(node)
        for node in nodes:
            if id(node) in self.skip:
                continue
            if isinstance(node, ast.Attribute):
                self._attribute(node)
            elif isinstance(node, ast.Name):
                self._name(node)
            elif isinstance(node, ast.Call):
                self._call(node)
            elif (
                self.matmul
                and isinstance(node, ast.BinOp | ast.AugAssign)
                and isinstance(node.op, ast.MatMult)
            ):
                self._flag("@", "@" if isinstance(node, ast.BinOp) else "@=", node)

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.names[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                self.names[top] = top
            entry = self._banned_entry(alias.name)
            if entry:
                self._flag(entry, alias.name, node)

    def _import_from(self, node: ast.ImportFrom) -> None:
        module = canonical(node.module or "")
        for alias in node.names:
            if alias.name == "*":
                # `from numpy import *` makes every banned numpy.x reachable as `x`.
                for banned in self.dotted:
                    prefix, _, leaf = banned.rpartition(".")
                    if prefix == module and leaf:
                        self.names[leaf] = banned
                continue
            full = f"{module}.{alias.name}"
            self.names[alias.asname or alias.name] = full
            entry = self._banned_entry(full)
            if entry:
                self._flag(entry, f"from {node.module} import {alias.name}", node)

    def _check_chain(self, node: ast.expr) -> bool:
        written = _dotted(node)
        if written is None:
            return False
        entry = self._banned_entry(self._resolve(written))
        if not entry:
            return False
        self._flag(entry, written, node)
        inner: ast.AST = node
        while isinstance(inner, ast.Attribute):  # one report per chain, not one per prefix
            inner = inner.value
            self.skip.add(id(inner))
        return True

    def _attribute(self, node: ast.Attribute) -> None:
        if not self._check_chain(node) and node.attr in self.methods:
            self._flag(self.methods[node.attr], f".{node.attr}", node)

    def _name(self, node: ast.Name) -> None:
        if node.id in self.names and self.names[node.id] != node.id:
            self._check_chain(node)

    def _call(self, node: ast.Call) -> None:
        # getattr(np.linalg, "inv") and getattr(a, "dot"): the string spelling.
        func = node.func
        if (
            isinstance(func, ast.Name)
            and func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            attr = node.args[1].value
            if attr in self.methods:
                self._flag(self.methods[attr], f'getattr(..., "{attr}")', node)
            target = _dotted(node.args[0])
            if target is not None:
                entry = self._banned_entry(f"{self._resolve(target)}.{attr}")
                if entry:
                    self._flag(entry, f'getattr({target}, "{attr}")', node)


def find_banned(tree: ast.AST, banned: tuple[str, ...]) -> list[BannedUse]:
    """Every use of a banned name in the parsed student source, in source order."""
    if not banned:
        return []
    finder = _Finder(banned)
    finder.run(tree)
    return sorted(finder.found, key=lambda use: use.line)


def could_use_banned(source: str, banned: tuple[str, ...]) -> bool:
    """Cheap text pre-filter: can `source` contain any banned entry at all?

    Every spelling the AST check recognises contains the entry's last name as a whole word
    (`inv` for `np.linalg.inv`, `dot` in `a.dot(b)` or `getattr(a, "dot")`, `scipy` for
    `scipy`) or `@` literally, so when none occurs the AST walk can be skipped: a function
    named `dot_product` does not count. Grading speed matters: this saves ~1 ms a submission.
    """
    if not source.isascii():
        return True  # identifiers are NFKC-normalised: a full-width "ｉｎｖ" parses as `inv`
    if "@" in banned and "@" in source:
        return True
    pattern = _leaf_pattern(banned)
    return pattern is not None and pattern.search(source) is not None


@functools.lru_cache(maxsize=256)
def _leaf_pattern(banned: tuple[str, ...]) -> re.Pattern[str] | None:
    leaves = sorted({entry.rpartition(".")[2] for entry in banned if entry != "@"} - {""})
    if not leaves:
        return None
    # ASCII only (checked above): \b is the edge of an identifier.
    return re.compile(r"\b(?:" + "|".join(map(re.escape, leaves)) + r")\b")


# How the jail may say a banned thing was reached: a dotted name, or `import a.b`.
_RUNTIME_VIA = re.compile(r"(import )?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,8}")


def runtime_use(event: dict[str, Any], banned: tuple[str, ...]) -> BannedUse | None:
    """The jail's report that the student's code reached a banned entry while it ran
    (`{"kind": "banned", "entry", "via", "line"}`), checked against the exercise's list:
    only an entry of that list and a plain name are ever shown; None if it is not one."""
    entry = event.get("entry")
    if not isinstance(entry, str) or entry not in banned:
        return None
    via = event.get("via")
    if not isinstance(via, str) or len(via) > 200 or not _RUNTIME_VIA.fullmatch(via):
        via = entry
    line = event.get("line")
    return BannedUse(entry, via, line if type(line) is int and 0 < line < 10**6 else 0)


def banned_message(uses: list[BannedUse], reason: str = "") -> str:
    """ "`np.linalg.inv` is not allowed here (line 4): compute the inverse from the formula".

    A use found while the code ran may have no line (0): then none is named."""
    first = uses[0]
    where = f" (line {first.line})" if first.line else ""
    message = f"`{first.written}` is not allowed here{where}"
    if first.written != first.entry:
        message = f"`{first.written}` (that is `{first.entry}`) is not allowed here{where}"
    if reason:
        message += f": {reason}"
    others = sorted({f"`{u.written}` (line {u.line})" for u in uses[1:] if u != first})
    if others:
        message += ". Also not allowed: " + ", ".join(others)
    return message
