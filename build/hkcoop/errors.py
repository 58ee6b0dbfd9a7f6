"""Errors that stop a build. Each names the file and the problem, so the CLI can print one line."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """A build cannot go on. `path` is the offending file (or None when the problem is global)."""

    def __init__(self, path: object | None, problem: str):
        self.path = None if path is None else str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class InputError(BuildError):
    """Bad input: unreadable article, broken manifest."""


class OutputError(BuildError):
    """The package cannot be written where it was asked to be (read-only, full disk, another build there)."""


class ValidationFailed(BuildError):
    """The built package failed validation; nothing was published."""


class InternalError(BuildError):
    """A bug met outside any one article (resolution across articles, export): one line, no traceback."""


@dataclass(frozen=True)
class ArticleFailure:
    """An article whose extraction raised: where, in which stage, and the error in one line."""

    doc_id: str
    file: str
    ordinal: int | None  # None: the document could not be split into articles at all
    stage: str
    error: str

    @property
    def key(self) -> tuple[str, int | None]:
        return self.doc_id, self.ordinal

    def line(self) -> str:
        where = f"article {self.ordinal}" if self.ordinal is not None else "the whole file"
        return f"{self.file}: {where}: extraction failed in stage {self.stage!r} ({self.error}); built without it"


class ExtractionFailed(Exception):
    def __init__(self, failure: ArticleFailure):
        self.failure = failure
        super().__init__(failure.line())


def describe_exception(exc: BaseException) -> str:
    """'KeyError: 'x' at hkcoop/extract/people.py:120': the error and the innermost frame of the project's code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "hkcoop" in f.filename]
    where = ""
    if frames:
        f = frames[-1]
        where = f" at {Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno}"
    message = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{type(exc).__name__}: {message}{where}" if message else f"{type(exc).__name__}{where}"
