"""Parse feeds in child processes, with a deadline and a memory cap per document.

feedparser is pure Python: a pathological document (no entity, only a costly structure) could
hold a thread, and the interpreter lock with it, for minutes. Each document is parsed in a
child process (spawned: it shares no thread, lock or database connection with the importer)
that answers within `NEWSFEEDS_PARSE_TIMEOUT` seconds or is killed, and whose address space
may grow by at most `NEWSFEEDS_PARSE_MEMORY_MB`. Children are kept between documents (and
between runs of one process), one per fetch thread at most; the importer's process stores
pages while they parse.
"""

import multiprocessing
import os
import resource
import threading

from .. import conf
from .parse import FeedError, parse_feed

MB = 1024 * 1024
STARTUP_TIMEOUT = 60
_context = multiprocessing.get_context("spawn")
_idle = []
_lock = threading.Lock()


class ParseTimeout(FeedError):
    pass


def _address_space():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(connection, memory_bytes):
    """The child's loop: parse each document received, send back the feed or the FeedError."""
    if memory_bytes:
        limit = _address_space() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    connection.send("ready")
    while True:
        try:
            arguments = connection.recv()
        except EOFError:
            return
        try:
            result = parse_feed(**arguments)
        except FeedError as error:
            result = error
        except MemoryError:
            result = FeedError("Analyse interrompue : le document demande trop de mémoire.")
        except Exception as error:
            result = FeedError(f"Document illisible : {error.__class__.__name__}: {error}")
        connection.send(result)


class _Worker:
    def __init__(self, memory_bytes):
        self.memory_bytes = memory_bytes
        self.connection, child = _context.Pipe()
        self.process = _context.Process(target=_serve, args=(child, memory_bytes), daemon=True)
        self.process.start()
        child.close()
        # The deadline is the parse's own: the child's start (imports) is waited for first.
        try:
            ready = self.connection.poll(STARTUP_TIMEOUT) and self.connection.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise FeedError("Analyse impossible : le processus d'analyse n'a pas démarré.")

    def stop(self):
        self.process.kill()
        self.process.join()
        self.connection.close()


def _take_worker(memory_bytes):
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.memory_bytes == memory_bytes and worker.process.is_alive():
                return worker
            worker.stop()
    return _Worker(memory_bytes)


def parse_isolated(body, *, url="", content_type="", now=None):
    """`parse_feed` in a child process; raise ParseTimeout past the deadline, FeedError if the child dies."""
    timeout = float(conf.get("NEWSFEEDS_PARSE_TIMEOUT"))
    worker = _take_worker(int(conf.get("NEWSFEEDS_PARSE_MEMORY_MB")) * MB)
    try:
        worker.connection.send({"body": body, "url": url, "content_type": content_type, "now": now})
        if not worker.connection.poll(timeout):
            raise ParseTimeout(f"Analyse interrompue : le document n'a pas été lu en {timeout:g} s.")
        result = worker.connection.recv()
    except ParseTimeout:
        worker.stop()
        raise
    except (EOFError, OSError) as error:
        worker.stop()
        raise FeedError("Analyse interrompue : le processus d'analyse s'est arrêté (mémoire épuisée ?).") from error
    with _lock:
        _idle.append(worker)
    if isinstance(result, Exception):
        raise result
    return result
