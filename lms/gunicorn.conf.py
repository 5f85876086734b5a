"""gunicorn's settings for production and for `make bench`: `gunicorn -c lms/gunicorn.conf.py lms.wsgi`.

Each value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_KEEPALIVE, GUNICORN_TIMEOUT)."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads, because a request spends part of its time waiting on PostgreSQL and Redis, and Argon2
# releases the GIL while it hashes. Two processes per core keep both cores busy under a login storm
# without letting one slow request hold up the rest of a process.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# gunicorn closes an idle keep-alive connection after `keepalive` seconds (2 by default). A client that
# sends its next request at that moment gets "connection reset by peer": at 100 users clicking every
# second or two, that happened in `make bench` (issue 12). Longer than a reader's pause between two
# pages; behind a proxy, keep it above the proxy's own upstream keep-alive.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")

# Import the application once, warm it (lms/warmup.py) and fork the workers from it: each starts warm.
preload_app = True


def when_ready(server):
    from lms.warmup import warm_up

    try:
        server.log.info("warmed up: %d templates compiled", warm_up())
    except Exception:  # a warm-up is an optimisation: serve cold rather than not at all
        server.log.exception("warm-up failed; the workers start cold")
    # The application's own objects (some 320,000 after the warm-up) live as long as the process. Frozen,
    # the garbage collector no longer walks them in each worker: a full collection there took 270 ms, all
    # threads of the worker standing still, and walking them would also copy the pages the fork shares.
    gc.freeze()
