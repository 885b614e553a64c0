"""Run a costly parse (a feed, an uploaded document) in a child process, with a deadline and a
memory cap per call.

A pure-Python parser fed a pathological file (an entity-free but costly feed, a PDF whose pages
share one huge content stream) could hold a thread, and the interpreter lock with it, for
minutes. Each call runs in a child process (spawned: it shares no thread, lock or database
connection with its parent) that answers within `timeout` seconds or is killed, and whose address
space may grow by at most `memory_bytes`. Children are kept between calls, per function, one per
concurrent caller at most; a child imports its function before it says it is ready. The function
runs without Django's apps loaded: it parses bytes, it reads and writes no model and translates
no message.
"""

import multiprocessing
import os
import resource
import threading

from django.utils.module_loading import import_string

MB = 1024 * 1024
STARTUP_TIMEOUT = 60
_context = multiprocessing.get_context("spawn")
_idle = []
_lock = threading.Lock()


class ChildFailure(Exception):
    """The child could not answer: not started, stopped, or over one of its bounds."""


class ChildTimeout(ChildFailure):
    def __init__(self, timeout):
        super().__init__(f"no answer within {timeout:g} s")
        self.timeout = timeout


class ChildOutOfMemory(ChildFailure):
    """The call needed more than the child's memory cap (MemoryError in the child)."""


class ChildDied(ChildFailure):
    """The child stopped while it worked (killed by the system, usually out of memory)."""


class ChildNotStarted(ChildFailure):
    pass


class ChildError(Exception):
    """An exception of the child's that could not be sent back as it was."""


def _address_space():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(connection, memory_bytes, function_path):
    """The child's loop: run each call received, send back its result or its exception."""
    # Imported before the memory cap and before "ready": the deadline is the calls' own.
    function = import_string(function_path)
    if memory_bytes:
        limit = _address_space() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    connection.send("ready")
    while True:
        try:
            kwargs = connection.recv()
        except EOFError:
            return
        try:
            answer = ("ok", function(**kwargs))
        except MemoryError:
            answer = ("memory", None)
        except Exception as error:  # sent back to the caller, who knows what its parser raises
            answer = ("raised", error)
        try:
            connection.send(answer)
        except MemoryError:
            connection.send(("memory", None))
        except Exception as error:  # an exception (or a result) that does not pickle
            connection.send(("raised", ChildError(f"{answer[1].__class__.__name__}: {error}")))


class _Worker:
    def __init__(self, memory_bytes, function_path):
        self.key = (memory_bytes, function_path)
        self.connection, child = _context.Pipe()
        self.process = _context.Process(target=_serve, args=(child, memory_bytes, function_path), daemon=True)
        self.process.start()
        child.close()
        # The deadline is the call's own: the child's start (imports) is waited for first.
        try:
            ready = self.connection.poll(STARTUP_TIMEOUT) and self.connection.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise ChildNotStarted("the child process did not start")

    def stop(self):
        self.process.kill()
        self.process.join()
        self.connection.close()


def _take_worker(memory_bytes, function_path):
    """An idle child serving this function under this cap, else a new one; the others stay idle."""
    key = (memory_bytes, function_path)
    with _lock:
        for worker in list(_idle):
            if worker.key == key:
                _idle.remove(worker)
                if worker.process.is_alive():
                    return worker
                worker.stop()
    return _Worker(memory_bytes, function_path)


def run_isolated(function_path, *, timeout, memory_bytes, **kwargs):
    """`function_path(**kwargs)` in a child process: its result, or the exception it raised.

    Raises ChildTimeout past the deadline, ChildOutOfMemory past the memory cap, ChildDied if the
    child stopped; the child is then replaced by a fresh one at the next call."""
    worker = _take_worker(memory_bytes, function_path)
    try:
        worker.connection.send(kwargs)
        if not worker.connection.poll(timeout):
            raise ChildTimeout(timeout)
        kind, value = worker.connection.recv()
    except ChildTimeout:
        worker.stop()
        raise
    except (EOFError, OSError) as error:
        worker.stop()
        raise ChildDied("the child process stopped") from error
    with _lock:
        _idle.append(worker)
    if kind == "memory":
        raise ChildOutOfMemory("the call needed more memory than its cap")
    if kind == "raised":
        raise value
    return value
