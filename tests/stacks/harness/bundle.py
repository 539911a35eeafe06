"""From a dockwright configuration to a project folder ready for `docker compose up`: the variant
that can be built here, the bundle rendered by the real CLI, laid over a sample application, and
the few test-only adjustments this environment forces (listed once, in ADJUSTMENTS).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

APPS = Path(__file__).resolve().parent.parent / "apps"
TEST_OVERRIDE = "dockwright-stack-test.yml"

# Every change the harness makes to what dockwright generated, and why. Printed in the report.
ADJUSTMENTS = [
    "Dockerfile*: the '# syntax=docker/dockerfile:1' line is dropped (BuildKit would pull that "
    "frontend image from Docker Hub; the built-in frontend reads the same instructions)",
    f"{TEST_OVERRIDE}: one more compose file, after the bundle's, setting build.network: host "
    "on every built service (the isolated test daemon has no default bridge for RUN steps)",
    "environment, not the bundle: the node stand-in trusts this machine's CA bundle through "
    "NODE_EXTRA_CA_CERTS (npm and corepack reach the registry through a TLS proxy here)",
    "environment, not the bundle: the node stand-in sets COREPACK_INTEGRITY_KEYS=0 (the registry "
    "mirror here strips npm's package signatures, which corepack checks before installing pnpm)",
]

# Configuration changes that make a preset buildable here. These are choices a user can make in
# dockwright (not edits of its output); the report names what they leave unexecuted.
VARIANT_NOTES = {
    "base": "app.base alpine -> slim: no Alpine mirror is reachable, so the Alpine lines "
            "(apk add, addgroup/adduser -S, libc6-compat) are linted only",
    "postgres": "postgres.version *-alpine -> its Debian tag; the stand-in runs PostgreSQL 15",
    "redis": "redis.version *-alpine -> its Debian tag; the stand-in runs Redis 7.0",
    "prisma": "app.prisma off: Prisma's CLI downloads its engines from Prisma's own host at "
              "install, generate and migrate time, which cannot be reached; the Dockerfile's "
              "'COPY prisma', 'prisma generate', the runner's Prisma COPY lines and the "
              "entrypoint's 'prisma migrate deploy' stay linted only",
}


def cli(dockwright: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run([str(dockwright), *args], check=True, capture_output=True, text=True,
                          input=input).stdout


def buildable_variant(config: dict) -> tuple[dict, list[str]]:
    """The closest configuration that can be built and run on this machine, and what changed."""
    config = copy.deepcopy(config)
    notes = []
    app = config.setdefault("app", {})
    if app.get("base", "alpine") != "slim":
        app["base"] = "slim"
        notes.append(VARIANT_NOTES["base"])
    for service in ("postgres", "redis"):
        section = config.get(service, {})
        version = str(section.get("version", ""))
        if section.get("enabled") and "alpine" in version:
            section["version"] = re.sub(r"-?alpine[0-9.]*", "", version) or "latest"
            notes.append(VARIANT_NOTES[service])
    prisma = app.get("prisma", {})
    if prisma.get("enabled"):
        prisma["enabled"] = False
        notes.append(VARIANT_NOTES["prisma"])
    return config, notes


@dataclass
class Environment:
    """One way to start the stack: a list of compose files and maybe a profile."""

    name: str
    files: list[str]
    profile: str | None = None

    def compose_args(self) -> list[str]:
        args = []
        for f in self.files + [TEST_OVERRIDE]:
            args += ["-f", f]
        if self.profile:
            args += ["--profile", self.profile]
        return args


@dataclass
class Project:
    """A sample application with a rendered bundle laid over it."""

    root: Path
    config: dict
    compose_dir: Path
    environments: list[Environment] = field(default_factory=list)
    fixture: str = ""


def fixture_for(config: dict) -> str:
    app = config.get("app", {})
    if app.get("framework") == "node_server":
        return "node-server"
    if app.get("monorepo", {}).get("enabled"):
        return "turborepo"
    return "nextjs"


def stage(dockwright: Path, config: dict, root: Path) -> Project:
    """Copies the sample app to `root`, renders the bundle over it, applies ADJUSTMENTS."""
    shutil.rmtree(root, ignore_errors=True)
    fixture = fixture_for(config)
    shutil.copytree(APPS / fixture, root)
    manager = config.get("app", {}).get("package_manager", "npm")
    lockfiles = {"npm": "package-lock.json", "pnpm": "pnpm-lock.yaml"}
    if manager not in lockfiles:
        raise RuntimeError(f"no sample lockfile for package manager {manager}")
    for name in lockfiles.values():
        if name != lockfiles[manager] and (root / name).exists():
            (root / name).unlink()
    config_file = root.parent / (root.name + ".dockwright.json")
    config_file.write_text(json.dumps(config, indent=2))
    cli(dockwright, "render", "--config", str(config_file), "--out", str(root))

    for dockerfile in root.rglob("Dockerfile*"):
        if "node_modules" in dockerfile.parts:
            continue
        lines = dockerfile.read_text().splitlines(keepends=True)
        dockerfile.write_text("".join(l for l in lines if not l.startswith("# syntax=")))

    layout = config.get("project", {}).get("layout", "root")
    compose_dir = root / "docker" if layout == "docker_dir" else root
    project = Project(root=root, config=config, compose_dir=compose_dir, fixture=fixture)
    project.environments = environments(config, compose_dir)
    return project


def environments(config: dict, compose_dir: Path) -> list[Environment]:
    project = config.get("project", {})
    base = "compose.yaml" if project.get("compose_naming") == "compose_yaml" else "docker-compose.yml"
    if not (compose_dir / base).exists():
        raise RuntimeError(f"no {base} in {compose_dir}")
    envs = project.get("environments", [])
    if not envs:
        return [Environment("base", [base])]
    if project.get("strategy") == "profiles":
        return [Environment(env, [base], profile=env) for env in envs]
    stem, ext = base.rsplit(".", 1)
    return [Environment(env, [base, f"{stem}.{env}.{ext}"]) for env in envs]


def write_test_override(project: Project, services_with_build: list[str]) -> None:
    lines = ["# Test-only (scripts/run-stacks): BuildKit RUN steps use the host network.", "services:"]
    for name in services_with_build:
        lines += [f"  {name}:", "    build:", "      network: host"]
    if not services_with_build:
        lines = ["services: {}"]
    (project.compose_dir / TEST_OVERRIDE).write_text("\n".join(lines) + "\n")
