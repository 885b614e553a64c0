"""Parse feeds in child processes (mairie_site.isolation), with a deadline and a memory cap per
document: `NEWSFEEDS_PARSE_TIMEOUT` seconds and `NEWSFEEDS_PARSE_MEMORY_MB`. The importer's
process stores pages while they parse."""

from mairie_site.isolation import MB, ChildDied, ChildNotStarted, ChildOutOfMemory, ChildTimeout, run_isolated

from .. import conf
from .parse import FeedError


class ParseTimeout(FeedError):
    pass


def parse_isolated(body, *, url="", content_type="", now=None):
    """`parse_feed` in a child process; raise ParseTimeout past the deadline, FeedError if the child dies."""
    timeout = float(conf.get("NEWSFEEDS_PARSE_TIMEOUT"))
    try:
        return run_isolated(
            "newsfeeds.importer.parse.parse_feed", timeout=timeout,
            memory_bytes=int(conf.get("NEWSFEEDS_PARSE_MEMORY_MB")) * MB,
            body=body, url=url, content_type=content_type, now=now,
        )
    except FeedError:
        raise
    except ChildTimeout as error:
        raise ParseTimeout(f"Analyse interrompue : le document n'a pas été lu en {timeout:g} s.") from error
    except ChildOutOfMemory as error:
        raise FeedError("Analyse interrompue : le document demande trop de mémoire.") from error
    except ChildNotStarted as error:
        raise FeedError("Analyse impossible : le processus d'analyse n'a pas démarré.") from error
    except ChildDied as error:
        raise FeedError("Analyse interrompue : le processus d'analyse s'est arrêté (mémoire épuisée ?).") from error
    except Exception as error:  # what the parser raised besides FeedError
        raise FeedError(f"Document illisible : {error.__class__.__name__}: {error}") from error
