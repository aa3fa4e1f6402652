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


def _parsed(pattern: str) -> tuple[Any, Any] | None:
    """The pattern as Python's regex parser reads it, with its constants; None when it cannot be read
    or is case-insensitive as a whole."""
    try:
        parser: Any = importlib.import_module("re._parser")
        consts: Any = importlib.import_module("re._constants")
        parsed = parser.parse(pattern)
    except (ImportError, re.error):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return parsed, consts


def _guard(pattern: str, depth: int) -> str | None:
    """The look-ahead for ``pattern``, or None when it cannot be worked out."""
    found = _parsed(pattern)
    if found is None:
        return None
    parsed, consts = found
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


Strings = frozenset[str]
_MAX_STRINGS = 256  # a longer list of alternatives costs more to look for than it saves


def required_strings(pattern: str) -> Strings | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be worked out.

    A text that holds none of them has no match, so the pattern need not be run over it (a plain substring
    search is many times faster than the regex engine). Look-arounds count as empty (what they see lies
    outside the match), and patterns with case-insensitive parts or back-references give None.

    Args:
        pattern: a regular expression without flags.
    """
    found = _parsed(pattern)
    if found is None:
        return None
    parsed, consts = found
    try:
        _, required = _strings_of_sequence(list(parsed), consts)
    except _Unknown:
        return None
    return required


class _Unknown(Exception):
    """A construct whose strings are not worked out (case-insensitive part, back-reference...)."""


def _best(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective of two requirements: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _as_required(exact: Strings | None) -> Strings | None:
    """An exact set of strings as a requirement (none when the part may match nothing)."""
    if exact is None or "" in exact or len(exact) > _MAX_STRINGS:
        return None
    return exact


def _strings_of_sequence(items: list[tuple[Any, Any]], c: Any) -> tuple[Strings | None, Strings | None]:
    """(every string the sequence can match, when few; strings one of which each match contains)."""
    best: Strings | None = None
    run: Strings | None = frozenset({""})  # the exact strings of the current run of exact items
    whole: Strings | None = frozenset({""})
    for op, av in items:
        exact, required = _strings_of_item(op, av, c)
        if exact is not None and run is not None:
            small = len(run) * len(exact) <= _MAX_STRINGS
            product = frozenset(a + b for a in run for b in exact) if small else None
            if product is None:
                best = _best(best, _as_required(run))
                run = exact
            else:
                run = product
        elif exact is not None:
            run = exact
        else:
            best = _best(best, _as_required(run))
            run = None
        if whole is not None:
            whole = (
                frozenset(a + b for a in whole for b in exact)
                if exact is not None and len(whole) * len(exact) <= _MAX_STRINGS
                else None
            )
        best = _best(best, required)
    best = _best(best, _as_required(run))
    return whole, best


def _strings_of_item(op: Any, av: Any, c: Any) -> tuple[Strings | None, Strings | None]:
    """(exact strings, required strings) of one parsed item."""
    if op is c.LITERAL:
        return frozenset({chr(av)}), frozenset({chr(av)})
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav))
            elif iop is c.RANGE and iav[1] - iav[0] < 16:
                chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
            else:
                return None, None
        return frozenset(chars), frozenset(chars)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width
        return frozenset({""}), None
    if op is c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            raise _Unknown
        return _strings_of_sequence(list(av[3]), c)
    if op is c.BRANCH:
        exacts: set[str] | None = set()
        requireds: set[str] | None = set()
        for alternative in av[1]:
            exact, required = _strings_of_sequence(list(alternative), c)
            exacts = exacts | exact if exacts is not None and exact is not None else None
            required = _best(required, _as_required(exact))
            requireds = requireds | required if requireds is not None and required is not None else None
        if exacts is not None and len(exacts) > _MAX_STRINGS:
            exacts = None
        if requireds is not None and len(requireds) > _MAX_STRINGS:
            requireds = None
        return (
            frozenset(exacts) if exacts is not None else None,
            frozenset(requireds) if requireds is not None else None,
        )
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        exact, required = _strings_of_sequence(list(sub), c)
        required = _best(required, _as_required(exact)) if low >= 1 else None
        if exact is None or high > 2:
            return None, required
        forms: set[str] = set()
        for count in range(low, high + 1):
            product: Strings = frozenset({""})
            for _ in range(count):
                product = frozenset(a + b for a in product for b in exact)
            forms |= product
        return (frozenset(forms) if len(forms) <= _MAX_STRINGS else None), required
    if op in (c.GROUPREF, c.GROUPREF_EXISTS):
        raise _Unknown
    return None, None
