"""One stack run: a staged project in one environment, built, started, checked and torn down.

Every check reads what to expect from the dockwright configuration or from compose's own
effective model (`docker compose config --format json`), and what is true from the running
containers, so the same checks serve the presets and random configurations.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bundle import Environment, Project, write_test_override
from engine import Engine, log

UP_TIMEOUT_S = 420
STOP_LIMIT_S = 10.0


@dataclass
class Check:
    name: str
    ok: bool | None  # None: not applicable / not executable here (with the reason in detail)
    detail: str = ""


@dataclass
class Result:
    label: str
    environment: str
    built_s: float | None = None
    healthy_s: float | None = None
    checks: list[Check] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for c in self.checks if c.ok is True)

    @property
    def failed(self) -> int:
        return sum(1 for c in self.checks if c.ok is False) + (1 if self.error else 0)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.passed > 0


class Compose:
    """`docker compose` for one project in one environment, run where the compose files are."""

    def __init__(self, compose_bin: str, engine: Engine, project: Project, env: Environment):
        self.bin = compose_bin
        self.engine = engine
        self.project = project
        self.env = env

    def run(self, *args: str, check: bool = True, timeout: float = 900,
            input: str | None = None, quiet: bool = True) -> subprocess.CompletedProcess:
        cmd = [self.bin, *self.env.compose_args(), *args]
        result = subprocess.run(cmd, cwd=self.project.compose_dir, env=self.engine.env, text=True,
                                input=input, timeout=timeout, capture_output=True)
        if check and result.returncode != 0:
            tail = (result.stdout + result.stderr).strip().splitlines()[-25:]
            raise RuntimeError(f"docker compose {' '.join(args[:3])} failed ({result.returncode}):\n"
                               + "\n".join(tail))
        if not quiet:
            print(result.stdout, end="")
        return result

    def model(self) -> dict:
        return json.loads(self.run("config", "--format", "json").stdout)

    def exec(self, service: str, *argv: str, input: str | None = None, check: bool = True) -> str:
        return self.run("exec", "-T", service, *argv, input=input, check=check, timeout=120).stdout

    def container(self, service: str) -> str:
        return self.run("ps", "-a", "-q", service).stdout.strip().splitlines()[0]


def run_stack(label: str, compose_bin: str, engine: Engine, project: Project, env: Environment,
              buildable: set[str]) -> Result:
    result = Result(label=label, environment=env.name)
    compose = Compose(compose_bin, engine, project, env)
    write_test_override(project, [])
    try:
        model = compose.model()
        services = model.get("services", {})
        built = sorted(name for name, svc in services.items() if "build" in svc)
        write_test_override(project, built)
        model = compose.model()
        services = model["services"]
        runnable = [name for name, svc in services.items()
                    if "build" in svc or svc.get("image") in buildable]
        result.checks.append(_services_in_environment(project.config, env, services))
        config_only = sorted(set(services) - set(runnable))
        for name in config_only:
            result.checks.append(Check(f"config-only:{name}", True,
                                       f"{services[name].get('image')} cannot be pulled here; its "
                                       "wiring passed `docker compose config`"))
        _up(compose, result, built, runnable)
        if result.error:
            return result
        app = _app_service(services, project)
        checks = Checks(compose, engine, project, env, model, app, result)
        checks.all()
    except Exception as exc:  # a failed run is reported, the next one still runs
        result.error = str(exc)
    finally:
        _down(compose, result)
    return result


def _services_in_environment(config: dict, env: Environment, services: dict) -> Check:
    """The environment starts exactly the services the configuration puts there: the app, the
    enabled databases, and the admin UIs in dev only (a profile that starts the wrong set, or
    an override that leaks a dev service into production, fails here)."""
    dev = env.name == "dev"
    wanted = set()
    if config.get("app", {}).get("enabled", True):
        wanted.add("<app>")
    for name, key in (("postgres", "postgres"), ("redis", "redis")):
        if config.get(key, {}).get("enabled"):
            wanted.add(name)
    for name, key in (("pgadmin", "pgadmin"), ("redis-commander", "redis_commander")):
        if dev and config.get(key, {}).get("enabled"):
            wanted.add(name)
    extras = {e["name"] for e in config.get("extra_services", []) if e.get("enabled", True)}
    # A list, not a set: two app services in one environment (web-dev and web-prod) is wrong too.
    have = sorted("<app>" if "build" in svc else name for name, svc in services.items() if name not in extras)
    ok = have == sorted(wanted)
    return Check("services-in-environment", ok, f"{have}" + ("" if ok else f", wanted {sorted(wanted)}"))


def _up(compose: Compose, result: Result, built: list[str], runnable: list[str]) -> None:
    started = time.monotonic()
    if built:
        try:
            compose.run("build", *built, timeout=1500)
        except Exception as exc:
            result.error = f"build failed: {exc}"
            return
    result.built_s = round(time.monotonic() - started, 1)
    started = time.monotonic()
    up = compose.run("up", "-d", "--wait", "--wait-timeout", str(UP_TIMEOUT_S), *runnable,
                     check=False, timeout=UP_TIMEOUT_S + 60)
    result.healthy_s = round(time.monotonic() - started, 1)
    states = _states(compose)
    bad = {name: state for name, state in states.items() if state not in ("healthy", "running (no healthcheck)")}
    detail = ", ".join(f"{n}: {s}" for n, s in sorted(states.items()))
    result.checks.append(Check("all-services-healthy", up.returncode == 0 and not bad, detail))
    if up.returncode != 0 or bad:
        logs = compose.run("logs", "--no-color", "--tail", "40", check=False).stdout
        result.error = f"services not healthy ({detail})\n{logs[-4000:]}"


def _states(compose: Compose) -> dict[str, str]:
    out = compose.run("ps", "-a", "--format", "json", check=False).stdout.strip()
    rows = json.loads(out) if out.startswith("[") else [json.loads(l) for l in out.splitlines() if l]
    states = {}
    for row in rows:
        health = row.get("Health") or ""
        state = row.get("State", "")
        states[row["Service"]] = health if health else (
            "running (no healthcheck)" if state == "running" else f"{state} ({row.get('Status', '')})")
    return states


def _app_service(services: dict, project: Project) -> str:
    for name, svc in services.items():
        if "build" in svc:
            return name
    raise RuntimeError("no built (app) service in this environment")


def _down(compose: Compose, result: Result) -> None:
    try:
        name = compose.model().get("name")
    except Exception:  # files compose cannot read: nothing can have started from them
        return
    try:
        compose.run("down", "-v", "--remove-orphans", "--timeout", "20", check=False, timeout=180)
    except Exception as exc:
        result.checks.append(Check("down-leaves-nothing", False, f"down failed: {exc}"))
        return
    if not name:
        return
    label = f"label=com.docker.compose.project={name}"
    left = []
    for kind in ("container", "volume", "network"):
        args = [kind, "ls", "-q", "--filter", label] if kind != "container" else \
            ["ps", "-a", "-q", "--filter", label]
        out = compose.engine.docker(*args, capture=True, check=False).stdout.split()
        if out:
            left.append(f"{len(out)} {kind}(s)")
    result.checks.append(Check("down-leaves-nothing", not left, ", ".join(left) or "no container, volume or network left"))


# ---- the checks ---------------------------------------------------------------------------


class Checks:
    def __init__(self, compose: Compose, engine: Engine, project: Project, env: Environment,
                 model: dict, app: str, result: Result):
        self.compose = compose
        self.engine = engine
        self.project = project
        self.env = env
        self.model = model
        self.services = model["services"]
        self.app = app
        self.result = result
        self.config = project.config

    def add(self, name: str, ok: bool | None, detail: str = "") -> None:
        self.result.checks.append(Check(name, ok, detail))

    def guarded(self, name: str, fn) -> None:
        try:
            fn()
        except Exception as exc:
            self.add(name, False, f"{type(exc).__name__}: {exc}"[:600])

    def all(self) -> None:
        self.guarded("app-health-path", self.health_path)
        self.guarded("app-ready", self.ready_path)
        self.guarded("app-user", self.user)
        self.guarded("app-init-pid1", self.init_pid1)
        if self.config.get("postgres", {}).get("enabled") and "postgres" in self.services:
            self.guarded("postgres-init-db", self.init_db)
        if self.config.get("redis", {}).get("enabled") and "redis" in self.services:
            self.guarded("redis-config", self.redis_config)
        self.guarded("limits-and-logging", self.limits_and_logging)
        if self._is_dev_build():
            self.guarded("dev-hot-reload", self.hot_reload)
            self.guarded("dev-node-modules-visible", self.node_modules_visible)
        backup = self.config.get("postgres", {}).get("backup", {})
        if backup.get("enabled") and self.config.get("postgres", {}).get("enabled") and self._backup_env():
            self.guarded("backup-rotate-restore", self.backup_restore)
        if self._entrypoint_waits():
            self.guarded("entrypoint-waits-for-database", self.entrypoint_waits)
        self.guarded("app-stops-within-10s", self.stop_time)

    # -- helpers

    def _published(self, service: str, container_port: int) -> int:
        out = self.compose.run("port", service, str(container_port)).stdout.strip()
        return int(out.rsplit(":", 1)[1])

    def _get(self, port: int, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(errors="replace")

    def _app_port(self) -> int:
        return int(self.config.get("app", {}).get("container_port", 3000))

    def _is_dev_build(self) -> bool:
        build = self.services[self.app].get("build", {})
        return build.get("target") != "runner"

    def _backup_env(self) -> bool:
        """The backup script names the compose files (or profile) it targets: run it there."""
        script = self.project.root / "scripts/backup-database.sh"
        if not script.exists():
            return False
        command = re.search(r"^docker compose (.*?)exec ", script.read_text(), re.M)
        if not command:
            return False
        words = command.group(1).split()
        files = [w for i, w in enumerate(words) if i and words[i - 1] == "-f"]
        profile = next((w for i, w in enumerate(words) if i and words[i - 1] == "--profile"), None)
        return [Path(f).name for f in files] == self.env.files and profile == self.env.profile \
            if files else profile == self.env.profile

    def _pg(self, sql: str, db: str | None = None) -> str:
        env = self.services["postgres"].get("environment", {})
        user = env.get("POSTGRES_USER", "postgres")
        return self.compose.exec("postgres", "psql", "-v", "ON_ERROR_STOP=1", "-U", user, "-d",
                                 db or env.get("POSTGRES_DB", user), "-tAc", sql).strip()

    # -- checks

    def health_path(self) -> None:
        path = self.config.get("app", {}).get("health_path", "/api/health")
        port = self._published(self.app, self._app_port())
        status, body = self._get(port, path)
        self.add("app-health-path", status == 200, f"GET 127.0.0.1:{port}{path} -> {status} {body[:120]}")

    def ready_path(self) -> None:
        configured = self.config.get("app", {}).get("ready_path")
        if self.project.fixture == "node-server" and not configured:
            self.add("app-ready", None, "the node-server sample has no readiness route")
            return
        path = configured or "/api/ready"
        port = self._published(self.app, self._app_port())
        status, body = self._get(port, path, timeout=20)
        ok = status == 200
        if ok and self.project.fixture != "node-server":
            probes = json.loads(body).get("checks", {})
            wanted = [s for s in ("postgres", "redis")
                      if self.config.get(s, {}).get("enabled") and s in self.services]
            ok = all(s in probes and "error" not in probes[s] for s in wanted)
        self.add("app-ready", ok, f"GET {path} -> {status} {body[:200]}")

    def user(self) -> None:
        uid = self.compose.exec(self.app, "id", "-u").strip()
        if self._is_dev_build():
            # The dev image says it runs as root so bind-mounted files stay writable.
            self.add("app-user", uid == "0", f"dev container runs as uid {uid} (the dev image documents root)")
            return
        wanted = str(self.config.get("app", {}).get("user", {}).get("uid", 1001))
        self.add("app-user", uid == wanted, f"uid {uid}, configured {wanted}")

    def init_pid1(self) -> None:
        cmdline = self.compose.exec(self.app, "cat", "/proc/1/cmdline").split("\0")
        init = self.config.get("app", {}).get("init", "dumb_init")
        if self._is_dev_build():
            self.add("app-init-pid1", None, f"dev: PID 1 is {' '.join(cmdline).strip()} (no init configured for dev)")
            return
        expected = {"dumb_init": "dumb-init", "tini": "tini", "none": None}.get(init)
        first = Path(cmdline[0]).name if cmdline else ""
        ok = first == expected if expected else first not in ("dumb-init", "tini")
        self.add("app-init-pid1", ok, f"PID 1: {' '.join(cmdline).strip()}; configured init {init}")

    def init_db(self) -> None:
        pg = self.config["postgres"]
        wanted = set(pg.get("extensions", []))
        have = set(self._pg("SELECT extname FROM pg_extension").split())
        tz = self._pg("SHOW timezone")
        wanted_tz = pg.get("timezone") or "UTC"
        ok = wanted <= have and tz == wanted_tz
        self.add("postgres-init-db", ok, f"extensions {sorted(have)} (wanted {sorted(wanted)}); "
                 f"timezone {tz} (wanted {wanted_tz}); server is the PostgreSQL 15 stand-in")

    def redis_config(self) -> None:
        rd = self.config["redis"]

        def get(key: str) -> str:
            out = self.compose.exec("redis", "redis-cli", "CONFIG", "GET", key).split()
            return out[1] if len(out) > 1 else ""

        facts = {"maxmemory": get("maxmemory"), "maxmemory-policy": get("maxmemory-policy"),
                 "appendonly": get("appendonly")}
        wanted = {"appendonly": "yes" if rd.get("aof") else "no"}
        if rd.get("maxmemory"):
            wanted["maxmemory"] = str(_bytes(rd["maxmemory"]))
            wanted["maxmemory-policy"] = rd.get("eviction_policy", "noeviction")
        ok = all(facts[k] == v for k, v in wanted.items())
        self.add("redis-config", ok, f"{facts} (wanted {wanted}); server is the Redis 7.0 stand-in")

    def limits_and_logging(self) -> None:
        compared = []
        problems = []
        for name, svc in self.services.items():
            try:
                cid = self.compose.container(name)
            except (IndexError, RuntimeError):
                continue
            host = self.engine.inspect(cid)["HostConfig"]
            res = svc.get("deploy", {}).get("resources", {})
            limits, reservations = res.get("limits", {}), res.get("reservations", {})
            for label, want, have in (
                ("cpus", limits.get("cpus") and round(float(limits["cpus"]) * 1e9), host.get("NanoCpus")),
                ("memory", limits.get("memory") and int(limits["memory"]), host.get("Memory")),
                ("memory reservation", reservations.get("memory") and int(reservations["memory"]),
                 host.get("MemoryReservation")),
            ):
                if want:
                    compared.append(f"{name} {label}")
                    if want != have:
                        problems.append(f"{name} {label}: {have}, wanted {want}")
            logging = svc.get("logging")
            if logging:
                compared.append(f"{name} logging")
                cfg = host.get("LogConfig", {})
                if cfg.get("Type") != logging.get("driver", cfg.get("Type")) or \
                        any(cfg.get("Config", {}).get(k) != str(v) for k, v in logging.get("options", {}).items()):
                    problems.append(f"{name} logging: {cfg}, wanted {logging}")
        if not compared:
            self.add("limits-and-logging", None, "no resource limits or log options configured")
            return
        self.add("limits-and-logging", not problems, "; ".join(problems) or "applied: " + ", ".join(compared))

    def hot_reload(self) -> None:
        app = self.config.get("app", {})
        rel = "apps/web/src/app/api/health/route.js" if self.project.fixture == "turborepo" else \
            "src/server.js" if self.project.fixture == "node-server" else "src/app/api/health/route.js"
        source = self.project.root / rel
        text = source.read_text()
        marker = f"edited-{int(time.time())}"
        source.write_text(text.replace('"original"', f'"{marker}"'))
        port = self._published(self.app, self._app_port())
        path = app.get("health_path", "/api/health")
        deadline = time.monotonic() + 90
        body = ""
        while time.monotonic() < deadline:
            try:
                _, body = self._get(port, path, timeout=20)
            except Exception as exc:  # the dev server may restart while recompiling
                body = str(exc)
            if marker in body:
                break
            time.sleep(1)
        source.write_text(text)
        self.add("dev-hot-reload", marker in body, f"edited {rel} on the host; {path} answered {body[:120]}")

    def node_modules_visible(self) -> None:
        app_dir = "apps/web/" if self.project.fixture == "turborepo" else ""
        dep = "" if self.project.fixture == "node-server" else "next/package.json"
        target = f"{app_dir}node_modules/{dep}" if dep else "node_modules"
        out = self.compose.exec(self.app, "sh", "-c", f"test -e {target} && echo present || echo missing")
        self.add("dev-node-modules-visible", out.strip() == "present",
                 f"{target} inside the container: {out.strip()}")

    def backup_restore(self) -> None:
        self._pg("CREATE TABLE IF NOT EXISTS backup_probe (id serial PRIMARY KEY, note text NOT NULL)")
        self._pg("INSERT INTO backup_probe (note) SELECT 'row ' || g FROM generate_series(1, 25) g")
        rows = self._pg("SELECT count(*) FROM backup_probe")
        backups = self.project.root / "backups-probe"
        env = dict(self.engine.env, BACKUP_KEEP="2", BACKUP_DIR=str(backups))
        for i in range(3):
            if i:
                time.sleep(1.1)  # file names carry the second
            run = subprocess.run(["scripts/backup-database.sh"], cwd=self.project.root, env=env,
                                 capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                raise RuntimeError(f"scripts/backup-database.sh exited {run.returncode}: "
                                   f"{(run.stdout + run.stderr).strip()[-400:]}")
        files = sorted(backups.glob("*.sql.gz"))
        newest = files[-1]
        dump = gzip.decompress(newest.read_bytes()).decode()
        self._pg("DROP DATABASE IF EXISTS restore_probe", db="postgres")
        self._pg("CREATE DATABASE restore_probe", db="postgres")
        self.compose.exec("postgres", "psql", "-v", "ON_ERROR_STOP=1", "-q", "-U",
                          self.services["postgres"]["environment"].get("POSTGRES_USER", "postgres"),
                          "-d", "restore_probe", input=dump)
        restored = self._pg("SELECT count(*) FROM backup_probe", db="restore_probe")
        ok = len(files) == 2 and restored == rows
        self.add("backup-rotate-restore", ok, f"3 backups with BACKUP_KEEP=2 left {len(files)} gzip files; "
                 f"{rows} rows restored as {restored} in a fresh database")

    def _entrypoint_waits(self) -> bool:
        entrypoint = self.project.root / "scripts/docker-entrypoint.sh"
        return (not self._is_dev_build() and "postgres" in self.services and entrypoint.exists()
                and "wait_for_database" in entrypoint.read_text())

    def entrypoint_waits(self) -> None:
        """The app started while PostgreSQL is down must wait (not serve, not die), then serve
        once the database is back: what the entrypoint promises on platforms without depends_on."""
        self.compose.run("stop", self.app, "postgres", timeout=120)
        self.compose.run("up", "-d", "--no-deps", self.app, timeout=120)
        port = self._published(self.app, self._app_port())
        path = self.config.get("app", {}).get("health_path", "/api/health")
        time.sleep(6)
        state = self.engine.inspect(self.compose.container(self.app))["State"]
        try:
            early, _ = self._get(port, path, timeout=3)
        except Exception:
            early = None
        waiting = state.get("Running") and early != 200
        self.compose.run("start", "postgres", timeout=120)
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and status != 200:
            try:
                status, _ = self._get(port, path, timeout=5)
            except Exception:
                status = None
            time.sleep(1)
        self.add("entrypoint-waits-for-database", bool(waiting) and status == 200,
                 f"database down: app running={state.get('Running')}, {path} -> {early}; "
                 f"database back: {path} -> {status}")

    def stop_time(self) -> None:
        started = time.monotonic()
        self.compose.run("stop", self.app, timeout=120)
        took = time.monotonic() - started
        info = self.engine.inspect(self.compose.container(self.app))["State"]
        self.add("app-stops-within-10s", took < STOP_LIMIT_S,
                 f"docker compose stop took {took:.1f} s; exit code {info.get('ExitCode')}")


def _bytes(size: str) -> int:
    """Redis's units: 1k = 1000 bytes, 1kb = 1024 bytes (likewise m/mb, g/gb)."""
    match = re.fullmatch(r"(\d+)\s*([kmg]?)(b?)", str(size).strip().lower())
    if not match:
        raise ValueError(f"cannot read size {size}")
    power = {"": 0, "k": 1, "m": 2, "g": 3}[match.group(2)]
    return int(match.group(1)) * (1024 if match.group(3) else 1000) ** power
