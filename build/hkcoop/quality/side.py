"""A slow step run in a process of its own while this process goes on (validation's frictionless check)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterator


class Beside:
    """What `beside` yields: `result()` is fn(*args), from the other process or, if it could not run there,
    computed here."""

    def __init__(self, fn: Callable, args: tuple, future):
        self._fn, self._args, self._future = fn, args, future

    def result(self):
        if self._future is not None:
            try:
                return self._future.result()
            except BrokenProcessPool:  # the process died or could not start: the step runs here
                pass
        return self._fn(*self._args)


@contextmanager
def beside(fn: Callable, *args) -> Iterator[Beside]:
    """fn(*args) in a forked process while the body of the `with` runs here; fn's result must pickle.
    Where no process can be made (no fork, a daemonic process), fn runs here when its result is asked."""
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(fn, *args)
    except (ValueError, OSError, AssertionError, RuntimeError):  # AssertionError: a daemon has no children
        pool, future = None, None
    try:
        yield Beside(fn, args, future)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
