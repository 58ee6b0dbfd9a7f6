"""The extract stage distributed for real: a Dask scheduler and two `dask worker` processes started with
the `dask` command on 127.0.0.1, a build through `--executor dask --scheduler ADDRESS`, and the same bytes as
the local build. The workers are separate processes that import the project themselves (no fork)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import RAW, REPO, free_port, tree_digest


def test_a_build_on_a_scheduler_with_two_worker_processes_gives_the_same_bytes(built, tmp_path):
    from dask.distributed import Client

    dask = Path(sys.executable).with_name("dask")
    assert dask.is_file(), "the dask command comes with dask[distributed] in requirements.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO / "build")}
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [(tmp_path / f"{name}.log").open("w") for name in ("scheduler", "worker-1", "worker-2")]
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=logs[0], stderr=subprocess.STDOUT, env=env, start_new_session=True)]
    try:
        for log in logs[1:]:
            procs.append(subprocess.Popen([str(dask), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                           "--nthreads", "1", "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT,
                                          env=env, start_new_session=True))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 2 and all(w["host"] == "127.0.0.1" for w in workers.values())
        out = tmp_path / "out"
        res = subprocess.run([sys.executable, "-m", "hkcoop", "build", "--raw", str(RAW), "--out", str(out),
                              "--no-cache", "--executor", "dask", "--scheduler", address],
                             capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, res.stdout + res.stderr
        assert tree_digest(out) == tree_digest(built)
    finally:
        for proc in reversed(procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in procs:
            proc.wait(timeout=30)
        for log in logs:
            log.close()
