"""Validation's frictionless check runs beside the others, in a process of its own (hkcoop.quality.side)."""

import os

from hkcoop.quality import side


def test_the_step_runs_in_another_process_and_its_result_comes_back():
    with side.beside(os.getpid) as other:
        here = os.getpid()
    assert other.result() != here
    with side.beside(divmod, 17, 5) as other:
        pass
    assert other.result() == (3, 2)


def test_where_no_process_can_be_made_the_step_runs_here(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(side, "ProcessPoolExecutor", refuse)
    with side.beside(os.getpid) as other:
        pass
    assert other.result() == os.getpid()
