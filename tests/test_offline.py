"""The build needs no network: the NER model is inside its wheel (hkcoop.extract.ner), nothing is fetched at run
time. The build runs in a network namespace of its own (`unshare -n`: no interface but a loopback that is
down), with a cold cache, and gives the same bytes as the build with the network."""

import os
import shutil
import subprocess
import sys

from conftest import RAW, REPO, tree_digest

PROBE = ("import socket\n"
         "try:\n"
         "    socket.create_connection(('1.1.1.1', 443), timeout=3)\n"
         "except OSError as exc:\n"
         "    print('unreachable', exc.errno)\n"
         "else:\n"
         "    print('reachable')\n")


def offline(*args, **kw):
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) runs the build in a network namespace of its own"
    return subprocess.run([unshare, "--net", *args], capture_output=True, text=True, **kw)


def test_the_namespace_has_no_network():
    probe = offline(sys.executable, "-c", PROBE)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("unreachable")


def test_a_build_with_the_network_unreachable_gives_the_same_bytes(built, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "build")}
    out = tmp_path / "offline"
    res = offline(sys.executable, "-m", "hkcoop", "build", "--raw", str(RAW), "--out", str(out), "--no-cache",
                  env=env)
    assert res.returncode == 0, res.stdout + res.stderr
    assert tree_digest(out) == tree_digest(built)
