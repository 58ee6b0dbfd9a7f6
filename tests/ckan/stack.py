"""A real CKAN for the publishing integration test, on 127.0.0.1, started and stopped by the test.

- PostgreSQL: Debian's server (`make ckan-services` installs postgresql when absent), a throwaway cluster
  in a temporary folder, trust authentication on 127.0.0.1 only;
- Redis: Debian's redis-server, without persistence;
- Solr: tests/ckan/solr_standin.py, a minimal in-memory stand-in (no Solr server can be installed from
  the registries these machines reach; see that file for what it serves);
- CKAN 2.12.0 from PyPI in .ckan-venv (tests/ckan/requirements.txt), configured with `ckan generate config`
  and `ckan config-tool`, its database made with `ckan db init`, a sysadmin and an API token made with
  its own commands, served with `ckan run`;
- the DataStore plugin on a database of its own, with its write user and its read-only user, permissions
  set by `ckan datastore set-permissions`, and `datastore_search_sql` enabled.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import free_port  # noqa: E402 - run by pytest, with tests/ on the path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CKAN_VENV = REPO / ".ckan-venv"
ORGANIZATION = "hk-mainland-cooperation"


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("no PostgreSQL server (Debian's postgresql): `make ckan-services` installs it")
    return Path(found[-1]).parent


class CkanStack:
    def __init__(self, root: Path):
        self.root = root
        self.procs: list[subprocess.Popen] = []
        self.pgdata: Path | None = None
        self.ckan_bin = CKAN_VENV / "bin" / "ckan"
        self.url = ""
        self.token = ""
        self.log = root / "ckan.log"

    # -- helpers --
    def _as_postgres(self, *cmd: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)

    def _ckan(self, *args: str, config: bool = True) -> str:
        cmd = [str(self.ckan_bin), *(["-c", str(self.ini)] if config else []), *args]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if res.returncode:
            raise RuntimeError(f"ckan {' '.join(args[:2])} failed:\n{res.stderr[-3000:]}")
        return res.stdout

    def _spawn(self, cmd: list[str], log: Path) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    @staticmethod
    def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: int = 120) -> None:
        for _ in range(seconds * 2):
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[0]} exited:\n{log.read_text('utf-8', 'replace')[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=5).read()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{url} did not answer within {seconds} s")

    # -- the stack --
    def start(self) -> "CkanStack":
        assert self.ckan_bin.is_file(), f"{self.ckan_bin}: made by `make test` (target .ckan-venv)"
        pg_port, redis_port, solr_port, ckan_port = (free_port() for _ in range(4))
        # PostgreSQL refuses to run as root; its folder must be the postgres user's
        self.pgdata = Path(tempfile.mkdtemp(prefix="hkcoop-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.pgdata, "postgres")
        bin_ = pg_bin()
        subprocess.run(self._as_postgres(str(bin_ / "initdb"), "-D", str(self.pgdata / "data"), "-U", "ckan",
                                         "--auth=trust", "-E", "UTF8"), check=True, capture_output=True)
        subprocess.run(self._as_postgres(str(bin_ / "pg_ctl"), "-D", str(self.pgdata / "data"), "-w", "-l",
                                         str(self.pgdata / "server.log"), "-o",
                                         f"-p {pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1", "start"),
                       check=True, capture_output=True)
        for db in ("ckan", "datastore"):  # the catalogue's database and the DataStore's
            subprocess.run(self._as_postgres(str(bin_ / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U",
                                             "ckan", db), check=True, capture_output=True)
        self.psql = [str(bin_ / "psql"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "ckan", "-v", "ON_ERROR_STOP=1",
                     "-q", "-d"]
        # the DataStore's own users: one that writes its tables, one that may only read them
        subprocess.run(self._as_postgres(*self.psql, "postgres", "-c", "CREATE ROLE datastore_write LOGIN;"
                                         " CREATE ROLE datastore_ro NOSUPERUSER NOCREATEDB NOCREATEROLE LOGIN;"),
                       check=True, capture_output=True)
        redis = self._spawn(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], self.root / "redis.log")
        schema = subprocess.run([str(CKAN_VENV / "bin" / "python"), "-c",
                                 "import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "
                                 "'config', 'solr', 'schema.xml'))"], capture_output=True, text=True,
                                check=True).stdout.strip()
        solr = self._spawn([str(CKAN_VENV / "bin" / "python"), str(HERE / "solr_standin.py"), str(solr_port),
                            schema], self.root / "solr.log")
        self._wait(f"http://127.0.0.1:{solr_port}/solr/ckan/select?q=*:*&wt=json", solr, self.root / "solr.log")
        self.ini = self.root / "ckan.ini"
        self.url = f"http://127.0.0.1:{ckan_port}"
        (self.root / "storage").mkdir(exist_ok=True)
        self._ckan("generate", "config", str(self.ini), config=False)
        self._ckan("config-tool", str(self.ini), f"sqlalchemy.url=postgresql://ckan@127.0.0.1:{pg_port}/ckan",
                   f"ckan.site_url={self.url}", f"solr_url=http://127.0.0.1:{solr_port}/solr/ckan",
                   f"ckan.redis.url=redis://127.0.0.1:{redis_port}/0", f"ckan.storage_path={self.root / 'storage'}",
                   f"ckan.datastore.write_url=postgresql://datastore_write@127.0.0.1:{pg_port}/datastore",
                   f"ckan.datastore.read_url=postgresql://datastore_ro@127.0.0.1:{pg_port}/datastore",
                   "ckan.datastore.sqlsearch.enabled=true",
                   "ckan.plugins=activity datastore", config=False)  # with -c, CKAN would connect to the default database
        for _ in range(20):  # redis-server binds in a moment
            if redis.poll() is None and _listening(redis_port):
                break
            time.sleep(0.25)
        self._ckan("db", "init")
        self._ckan("db", "upgrade", "-p", "activity")
        # the DataStore's permissions, as its documentation sets them: the SQL CKAN prints, run as a superuser
        permissions = self._ckan("datastore", "set-permissions")
        subprocess.run(self._as_postgres(*self.psql, "postgres"), input=permissions, text=True, check=True,
                       capture_output=True)
        self._ckan("user", "add", "publisher", "email=publisher@example.org", "password=publisher-password-1")
        self._ckan("sysadmin", "add", "publisher")
        self.token = self._ckan("user", "token", "add", "publisher", "hkcoop-test").strip().splitlines()[-1].strip()
        ckan = self._spawn([str(self.ckan_bin), "-c", str(self.ini), "run", "-H", "127.0.0.1", "-p", str(ckan_port),
                            "--disable-reloader", "--threaded"], self.log)
        self._wait(self.url + "/api/3/action/status_show", ckan, self.log)
        self.action("organization_create", name=ORGANIZATION, title="hk-mainland-cooperation maintainers")
        return self

    def action(self, _action: str, _token: str | None = None, **data):
        """An Action API call with plain urllib (not the code under test)."""
        req = urllib.request.Request(f"{self.url}/api/3/action/{_action}", data=json.dumps(data).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": _token if _token is not None else self.token})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read())["result"]
        except urllib.error.HTTPError as exc:
            body = json.loads(exc.read() or b"{}")
            raise LookupError(body.get("error", {}).get("__type", str(exc.code))) from None

    def stop(self) -> None:
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, 15)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
        if self.pgdata is not None:
            subprocess.run(self._as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.pgdata / "data"), "-m", "fast",
                                             "-w", "stop"), capture_output=True)
            shutil.rmtree(self.pgdata, ignore_errors=True)


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
