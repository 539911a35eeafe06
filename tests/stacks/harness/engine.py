"""The harness's own Docker engine: installed from Debian when missing, started isolated from the
host's networking with its data under target/, stopped by PID at the end (also on failure).

See ../shared/docker-engine.md for why each dockerd flag is there.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

# Debian's client (20.10): it builds with BuildKit without the buildx plugin, which a newer
# client on PATH would demand.
DOCKER_CLIENT = "/usr/bin/docker"


def log(message: str) -> None:
    print(f"[run-stacks] {message}", flush=True)


def ensure_packages() -> None:
    """apt-get installs docker.io (dockerd, containerd, runc, the 20.10 client) and debootstrap."""
    missing = [pkg for pkg, binary in (("docker.io", "dockerd"), ("debootstrap", "debootstrap"))
               if shutil.which(binary) is None or (pkg == "docker.io" and not Path(DOCKER_CLIENT).exists())]
    if not missing:
        return
    log(f"installing Debian packages: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env=env)


class Engine:
    """A dockerd of our own, reachable only through its socket under `root`."""

    def __init__(self, root: Path, compose_bin: str):
        self.root = root
        # Generated scripts call `docker compose`: the compose binary becomes a CLI plugin in a
        # DOCKER_CONFIG of our own, leaving the user's ~/.docker alone.
        self.docker_config = root / "cli-config"
        plugins = self.docker_config / "cli-plugins"
        plugins.mkdir(parents=True, exist_ok=True)
        link = plugins / "docker-compose"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(compose_bin)
        self.socket = root / "docker.sock"
        self.pidfile = root / "dockerd.pid"
        self.logfile = root / "dockerd.log"
        self.process: subprocess.Popen | None = None

    @property
    def env(self) -> dict:
        return dict(os.environ, DOCKER_HOST=f"unix://{self.socket}", DOCKER_BUILDKIT="1",
                    DOCKER_CONFIG=str(self.docker_config),
                    COMPOSE_MENU="false", COMPOSE_STATUS_STDOUT="1")

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._stop_leftover()
        log(f"starting dockerd (data in {self.root}/data)")
        with open(self.logfile, "ab") as out:
            self.process = subprocess.Popen(
                ["dockerd",
                 "--data-root", str(self.root / "data"),
                 "--exec-root", str(self.root / "exec"),
                 "-H", f"unix://{self.socket}",
                 "--pidfile", str(self.pidfile),
                 # No host iptables, NAT or default bridge: compose's own networks still work.
                 "--iptables=false", "--ip-masq=false", "--ip-forward=false", "--bridge=none",
                 "--storage-driver=overlay2"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dockerd exited with {self.process.returncode}; see {self.logfile}")
            if self.docker("version", "--format", "{{.Server.Version}}", check=False,
                           capture=True).returncode == 0:
                return
            time.sleep(0.5)
        raise RuntimeError(f"dockerd did not answer within 60 s; see {self.logfile}")

    def _stop_leftover(self) -> None:
        """A dockerd left by a killed run would hold the data root: stop it by its PID."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return
        if b"dockerd" in cmdline and str(self.root).encode() in cmdline:
            log(f"stopping a dockerd left by an earlier run (PID {pid})")
            _terminate(pid, 30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        log(f"stopping dockerd (PID {self.process.pid})")
        _terminate(self.process.pid, 30)
        self.process = None

    def docker(self, *args: str, check: bool = True, capture: bool = False,
               input: str | None = None, timeout: float | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([DOCKER_CLIENT, *args], env=self.env, check=check, text=True,
                              input=input, timeout=timeout,
                              stdout=subprocess.PIPE if capture else None,
                              stderr=subprocess.PIPE if capture else None)

    def image_exists(self, tag: str) -> bool:
        return self.docker("image", "inspect", tag, check=False, capture=True).returncode == 0

    def inspect(self, container: str) -> dict:
        out = self.docker("inspect", container, capture=True).stdout
        return json.loads(out)[0]


def _terminate(pid: int, grace: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
