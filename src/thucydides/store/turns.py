"""Taking turns at one store file: many readers or one writer, across processes, without errors.

DuckDB lets one process write a file, and no other process may even read it meanwhile; a
process that tries gets an ``IOException`` at once. So that ``serve``, ``ingest``, ``watch``,
``events``, ``summary`` and ``export`` can run side by side, every thucydides process takes turns
through two lock files beside the store (``flock``, released by the kernel when a process dies):

- ``STORE.lock``: held shared by the processes that have the store open for reading, exclusively
  by the one that has it open for writing (it also names the writer, for messages);
- ``STORE.queue``: held, exclusively, by whoever is waiting for ``STORE.lock``. New comers queue
  behind it, so a waiting writer is not starved by a stream of readers. A process that keeps the
  store open between pieces of work (the server's readers, an ingest's writer) watches the queue
  and closes the store as soon as it is free of work when someone is waiting (:class:`Access`).

Opening a DuckDB file costs some 0.1-0.2 s, so a process keeps its connection while nobody else
waits, and hands the file over within about 0.1 s of someone queueing. Processes that do not take
part (a DuckDB shell, an older thucydides) are met with retries and then one line that names them
(:class:`StoreBusy`).
"""

from __future__ import annotations

import fcntl
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

POLL = 0.05  # seconds between tries for a lock
WATCH = 0.1  # seconds between looks at the queue by a process that holds the store
SAY_AFTER = 1.0  # seconds of waiting before the waiting is reported
OUTSIDE_WAIT = 10.0  # seconds of retrying while a program that does not take turns holds the file


class StoreBusy(RuntimeError):
    """The store could not be had in time: the message says who holds it and what to do."""


def _holder_of(message: str) -> str:
    found = re.search(r"Conflicting lock is held in (\S+)(?: \(PID (\d+)\))?", message)
    if not found:
        return "another program"
    program = os.path.basename(found.group(1))
    return f"{program} (PID {found.group(2)})" if found.group(2) else program


class FileTurns:
    """The two lock files of one store (see the module's docstring)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock_path = path + ".lock"
        self.queue_path = path + ".queue"

    def _open(self, name: str) -> IO[str]:
        return open(name, "a+", encoding="utf-8")  # noqa: SIM115 - held open as the lock

    def writer(self) -> str:
        """Who holds (or last held) the store for writing, as it introduced itself."""
        try:
            with open(self.lock_path, encoding="utf-8") as fh:
                return fh.read().strip() or "another thucydides process"
        except OSError:
            return "another thucydides process"

    def _take(self, fh: IO[str], mode: int, deadline: float | None, say: Callable[[], None]) -> None:
        started = time.monotonic()
        said = False
        while True:
            try:
                fcntl.flock(fh.fileno(), mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            now = time.monotonic()
            if not said and now - started >= SAY_AFTER:
                said = True
                say()
            if deadline is not None and now >= deadline:
                raise StoreBusy(self.busy_message(mode == fcntl.LOCK_EX))
            time.sleep(POLL)

    def holder(self, writing: bool) -> str:
        """Who keeps the store from a process that wants it (for writing, or for reading)."""
        if writing:
            return "being read by another process (thucydides serve, events, summary or export)"
        return f"being written by {self.writer()}"

    def busy_message(self, writing: bool) -> str:
        """One line: who keeps the store, and what to do."""
        return f"the store {self.path} is {self.holder(writing)}; try again when it is done"

    def acquire(
        self, exclusive: bool, timeout: float | None = None, say: Callable[[str], None] | None = None
    ) -> IO[str] | None:
        """Take a turn: wait in the queue, then hold ``STORE.lock`` shared or exclusively.

        Args:
            exclusive: for writing.
            timeout: give up after this many seconds (None: wait as long as it takes).
            say: told once, after a second of waiting, who is being waited for.

        Returns:
            The held lock file (pass it to :meth:`release`), or None when the lock files cannot
            be made (a read-only folder): then DuckDB's own lock is all there is.

        Raises:
            StoreBusy: ``timeout`` passed.
        """
        try:
            queue, lock = self._open(self.queue_path), self._open(self.lock_path)
        except OSError:
            return None
        deadline = None if timeout is None else time.monotonic() + timeout

        def report() -> None:
            if say is not None:
                say(f"waiting for {self.path}: it is {self.holder(exclusive)}")

        try:
            self._take(queue, fcntl.LOCK_EX, deadline, report)
            try:
                self._take(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline, report)
            finally:
                fcntl.flock(queue.fileno(), fcntl.LOCK_UN)
                queue.close()
        except BaseException:
            lock.close()
            raise
        if exclusive:
            lock.seek(0)
            lock.truncate()
            lock.write(f"{_program()} (PID {os.getpid()})\n")
            lock.flush()
        return lock

    @staticmethod
    def release(lock: IO[str] | None) -> None:
        """Give the turn back."""
        if lock is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
            lock.close()

    def wanted(self) -> bool:
        """Whether another process (or thread) is waiting for a turn."""
        try:
            with self._open(self.queue_path) as probe:
                try:
                    fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(probe.fileno(), fcntl.LOCK_UN)
                return False
        except OSError:
            return False


def _program() -> str:
    """How this process introduces itself: ``thucydides ingest`` for the command line, else its program."""
    path = sys.argv[0] if sys.argv and sys.argv[0] else "python"
    if os.path.basename(path) == "thucydides" or path.endswith(os.path.join("thucydides", "cli.py")):
        return " ".join(["thucydides", *sys.argv[1:2]])
    return os.path.basename(path)


def connect(path: str, read_only: bool, timeout: float | None = None) -> Any:
    """Connect to a DuckDB file, retrying while a process outside the turns holds it.

    Raises:
        StoreBusy: it stayed locked for ``timeout`` seconds (default :data:`OUTSIDE_WAIT`; the
            message names the holder).
    """
    import duckdb

    deadline = time.monotonic() + (OUTSIDE_WAIT if timeout is None else timeout)
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"the store {path} is held by {_holder_of(str(exc))}, which does not take turns; "
                    "close it (or wait for it to finish) and try again"
                ) from None
            time.sleep(0.2)


class Access:
    """One process's access to a store: a connection opened on demand, kept while nobody else waits.

    Threads share it: each piece of work runs inside :meth:`use`, on a cursor of its own.
    With ``watch``, a thread looks at the queue every :data:`WATCH` seconds and, when another
    process waits, lets new work wait, lets running work finish, closes the connection and gives
    the turn back; the next piece of work queues for a new turn.

    Args:
        path: the store file.
        write: open for writing (one writer at a time) rather than reading.
        opened: called with each new connection (to create tables, set threads).
        watch: hand the store over when others wait (else it is held until :meth:`close`).
        timeout: how long to wait for a turn (None: as long as it takes).
        say: where waiting is reported (one line).
    """

    def __init__(
        self,
        path: str,
        write: bool,
        opened: Callable[[Any], None] | None = None,
        watch: bool = True,
        timeout: float | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.path, self.write, self.timeout, self.say = path, write, timeout, say
        self.turns = FileTurns(path)
        self._opened = opened
        self._con: Any = None
        self._lock: IO[str] | None = None
        self._active = 0
        self._yielding = False
        self._closed = False
        self._cond = threading.Condition()
        self.handovers = 0  # how many times the store was handed over to another process
        self._watcher: threading.Thread | None = None
        if watch:
            self._watcher = threading.Thread(target=self._watch, name="thucydides-store-turns", daemon=True)
            self._watcher.start()

    def _open(self) -> None:
        self._lock = self.turns.acquire(self.write, self.timeout, self.say)
        try:
            self._con = connect(self.path, read_only=not self.write)
            if self._opened is not None:
                self._opened(self._con)
        except BaseException:
            if self._con is not None:
                self._con.close()
                self._con = None
            self.turns.release(self._lock)
            self._lock = None
            raise

    def _shut(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        self.turns.release(self._lock)
        self._lock = None

    def begin(self) -> Any:
        """Start a piece of work: a cursor of the connection, with transactions of its own.

        Threads that work at once (a writer thread's transaction, another thread's reads) so never
        share a DuckDB connection.
        """
        with self._cond:
            while self._yielding:
                self._cond.wait()
            if self._closed:
                raise RuntimeError(f"the store {self.path} is closed")
            if self._con is None:
                self._open()
            self._active += 1
            try:
                return self._con.cursor()
            except BaseException:
                self._active -= 1
                raise

    def end(self, con: Any) -> None:
        """End a piece of work started with :meth:`begin`."""
        con.close()
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    @contextmanager
    def use(self) -> Iterator[Any]:
        """A piece of work: ``with access.use() as con: ...``."""
        con = self.begin()
        try:
            yield con
        finally:
            self.end(con)

    def hand_over(self) -> bool:
        """Close the store now if someone waits and no work runs; whether it was handed over."""
        with self._cond:
            if self._con is None or self._active or not self.turns.wanted():
                return False
            self._shut()
            self.handovers += 1
            return True

    def _watch(self) -> None:
        seen = 0
        while not self._closed:
            time.sleep(WATCH)
            if self._con is None:
                seen = 0
                continue
            seen = seen + 1 if self.turns.wanted() else 0
            if seen < (1 if self.write else 2):  # a reader passes the queue in a moment; a writer waits
                continue
            seen = 0
            with self._cond:
                if self._con is None or self._closed:
                    continue
                self._yielding = True
                try:
                    while self._active:
                        self._cond.wait()
                    self._shut()
                    self.handovers += 1
                finally:
                    self._yielding = False
                    self._cond.notify_all()

    def close(self) -> None:
        """Close the connection and give the turn back for good."""
        with self._cond:
            self._closed = True
            while self._active:
                self._cond.wait()
            self._shut()
            self._cond.notify_all()
