"""Errors that stop a build. Each names the file and the problem, so the CLI can print one line."""

from __future__ import annotations


class BuildError(Exception):
    """A build cannot go on. `path` is the offending file (or None when the problem is global)."""

    def __init__(self, path: object | None, problem: str):
        self.path = None if path is None else str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class InputError(BuildError):
    """Bad input: unreadable article, broken manifest."""


class ValidationFailed(BuildError):
    """The built package failed validation; nothing was published."""
