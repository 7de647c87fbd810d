"""A throwaway PostgreSQL cluster for a benchmark, started as ``.ci/run`` starts CI's: Debian's
binaries run as the ``postgres`` user, trust authentication on loopback, a fresh directory in
/tmp, stopped (``-m immediate``) and removed at the end. ``FAZHI_BENCH_PG_PORT`` picks the port
(else a free one). ``cluster()`` yields None when PostgreSQL is not installed."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def installed() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found and shutil.which("runuser") else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def cluster(database: str = "fazhi") -> Iterator[str | None]:
    """The URL of an empty database on a fresh cluster, or None without PostgreSQL."""
    bin_dir = installed()
    if bin_dir is None:
        yield None
        return
    port = int(os.environ.get("FAZHI_BENCH_PG_PORT") or _free_port())
    pg_dir = tempfile.mkdtemp(prefix="fazhi-bench-pg-")
    shutil.chown(pg_dir, "postgres")

    def as_postgres(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                       capture_output=True, timeout=120)

    try:
        as_postgres(str(bin_dir / "initdb"), "-D", f"{pg_dir}/data", "--username=postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        as_postgres(str(bin_dir / "pg_ctl"), "-D", f"{pg_dir}/data", "-l",
                    f"{pg_dir}/server.log", "-w", "start", "-o",
                    f"-c listen_addresses=127.0.0.1 -p {port} -k {pg_dir} -c max_connections=200")
        as_postgres("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q", "-c",
                    f"CREATE DATABASE {database}")
        yield f"postgres://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(bin_dir / "pg_ctl"), "-D",
                        f"{pg_dir}/data", "-m", "immediate", "stop"], capture_output=True,
                       check=False, timeout=60)
        shutil.rmtree(pg_dir, ignore_errors=True)
