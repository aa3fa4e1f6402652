"""A cheap look-ahead in front of a regular expression, so that the engine skips hopeless positions.

Most date patterns begin with optional words ("by", "until", "the"). Python's regex engine cannot
skip ahead over such a pattern: it tries the whole pattern at every character of the text. This
module works out, from the parsed pattern, which first two characters a match can begin with and
puts a look-ahead for them in front, e.g. ``(?=[BJbu])(?=B[ey]|J[au]|b[ey]|un)``. The look-ahead
only admits what a match can begin with, so the guarded pattern finds exactly the same matches,
several times faster. When the prefixes cannot be worked out (a pattern that may begin with any
character, case-insensitive parts, back-references), the pattern is compiled as it is.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

Prefix = tuple[str, ...]  # one character-class piece ("a", "\\d") per character
Prefixes = set[tuple[Prefix, bool]]  # (prefix, the part matched completely and what follows counts)

_MAX_RANGE = 256  # a wider range such as [^\n] or [\u0000-\uffff] constrains nothing useful
_MAX_PREFIXES = 4000


def compile_guarded(pattern: str, depth: int = 2) -> re.Pattern[str]:
    """Compile ``pattern`` behind a look-ahead for the first ``depth`` characters of its matches.

    Args:
        pattern: a regular expression without flags.
        depth: how many leading characters the look-ahead checks (1 or 2 is enough).

    Returns:
        The compiled pattern; its matches are exactly those of ``re.compile(pattern)``.
    """
    guard = _guard(pattern, depth)
    return re.compile(guard + pattern if guard else pattern)


def _guard(pattern: str, depth: int) -> str | None:
    """The look-ahead for ``pattern``, or None when it cannot be worked out."""
    try:
        parser: Any = importlib.import_module("re._parser")
        consts: Any = importlib.import_module("re._constants")
        parsed = parser.parse(pattern)
    except (ImportError, re.error):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    prefixes = _sequence(list(parsed), depth, consts)
    if prefixes is None or any(not prefix for prefix, _ in prefixes):
        return None
    firsts = sorted({prefix[0] for prefix, _ in prefixes})
    seconds: dict[str, set[str] | None] = {}
    for prefix, _ in prefixes:
        known = seconds.setdefault(prefix[0], set())
        if len(prefix) == 1 or known is None:
            seconds[prefix[0]] = None  # the match may end, or go on with anything, after one character
        else:
            known.add(prefix[1])
    guard = f"(?=[{''.join(firsts)}])"
    if all(rest is None for rest in seconds.values()):
        return guard
    singles = "".join(first for first, rest in seconds.items() if rest is None)
    pairs = [f"{first}[{''.join(sorted(rest))}]" for first, rest in seconds.items() if rest is not None]
    return guard + "(?=" + "|".join(([f"[{singles}]"] if singles else []) + pairs) + ")"


def _class_pieces(items: list[tuple[Any, Any]], c: Any) -> set[str] | None:
    """The pieces of a parsed character class (``[a-c]`` gives a, b, c); None for negated or odd classes."""
    categories = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
    pieces: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            pieces.add(re.escape(chr(av)))
        elif op is c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            pieces.update(re.escape(chr(x)) for x in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av in categories:
            pieces.add(categories[av])
        else:
            return None
    return pieces


def _sequence(items: list[tuple[Any, Any]], room: int, c: Any) -> Prefixes | None:
    """Prefixes (up to ``room`` characters) of a sequence of parsed items; None when too many."""
    current: Prefixes = {((), True)}
    for op, av in items:
        following: Prefixes = set()
        for prefix, goes_on in current:
            if not goes_on or len(prefix) >= room:
                following.add((prefix, False))
                continue
            tails = _item(op, av, room - len(prefix), c)
            if tails is None:
                return None
            following.update((prefix + tail, tail_goes_on) for tail, tail_goes_on in tails)
        if len(following) > _MAX_PREFIXES:
            return None
        current = following
        if not any(goes_on and len(prefix) < room for prefix, goes_on in current):
            break
    return current


def _item(op: Any, av: Any, room: int, c: Any) -> Prefixes | None:
    """Prefixes of one parsed item; ``((), False)`` stands for "anything from here on"."""
    if op is c.LITERAL:
        return {((re.escape(chr(av)),), True)}
    if op is c.IN:
        pieces = _class_pieces(av, c)
        return {((), False)} if pieces is None else {((piece,), True) for piece in pieces}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: constrains nothing, consumes nothing
        return {((), True)}
    if op is c.SUBPATTERN:
        return {((), False)} if av[1] & re.IGNORECASE else _sequence(list(av[3]), room, c)
    if op is c.BRANCH:
        out: Prefixes = set()
        for alternative in av[1]:
            found = _sequence(list(alternative), room, c)
            if found is None:
                return None
            out |= found
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        if high == 0:
            return {((), True)}
        once = _sequence(list(sub), room, c)
        if once is None:
            return None
        if any(not prefix for prefix, _ in once):
            out = {(prefix, False) for prefix, _ in once}  # the part may match nothing: leave it open
        else:
            # one repetition, then the others (one fewer, at least one character each time)
            again = (op, (max(low - 1, 0), high if high >= c.MAXREPEAT else high - 1, sub))
            found = _sequence([*sub, again], room, c)
            if found is None:
                return None
            out = found
        return out | {((), True)} if low == 0 else out
    return {((), False)}
