"""The release bundle: per edition a zip, its manifest, and one ``SHA256SUMS`` in ``build/release/``.

Reproducible byte for byte: the zip's entries are sorted, every entry carries the same
timestamp (``SOURCE_DATE_EPOCH``, else 1980-01-01, the earliest a zip can hold), the same
permissions (0644, "made on Unix") and the same deflate level, and nothing else in a zip
(comments, extra fields, directory entries) depends on the machine. Two release builds of the
same records give the same bytes, so a checksum published once identifies the bundle forever.

The version in the names is ``git describe --tags --always --dirty`` of the repository holding
the records ("v2025.1", "v2025.1-3-gabc1234", "abc1234-dirty"), else ``unversioned``.

With a signing key (config ``signing_key``), ``SHA256SUMS.sig`` is the SSH signature of
``SHA256SUMS`` in the namespace :data:`SIGNING_NAMESPACE`, which anyone checks against the
secretariat's public key in ``release/allowed_signers`` (README, "Verifying a release"). An
Ed25519 or RSA signature is deterministic, so it too is the same for the same records and key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

from . import writer
from .errors import BuildFailed
from .manifest import manifest_json

ZIP_EPOCH = dt.datetime(1980, 1, 1)
SIGNING_NAMESPACE = "kokous-release"
"""What the signature is for (``ssh-keygen -Y ... -n``): a signature this key made for another
purpose (a git commit, a file of another tool) does not verify as a release."""
_SAFE_VERSION = re.compile(r"[^A-Za-z0-9._+-]")


def release_version(records: Path) -> str:
    """``git describe`` of the records' repository, made safe for a file name."""
    try:
        result = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=records,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unversioned"
    described = result.stdout.strip()
    if result.returncode != 0 or not described:
        return "unversioned"
    return _SAFE_VERSION.sub("_", described)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The one timestamp of every entry: ``SOURCE_DATE_EPOCH`` in UTC, never before 1980."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None) if epoch else ZIP_EPOCH
    )
    moment = max(moment, ZIP_EPOCH)
    # The zip format stores seconds in two-second steps; round down so the value is exact.
    return (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second // 2 * 2,
    )


def deterministic_zip(out_root: Path, paths: Sequence[str]) -> bytes:
    """A zip of ``out_root/<path>`` for every path, stored under the same relative path."""
    import io

    stamp = zip_timestamp()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for rel in sorted(paths):
            info = zipfile.ZipInfo(rel, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so external_attr holds the mode below
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, (out_root / rel).read_bytes(), compresslevel=9)
    return buffer.getvalue()


def sign(data: bytes, key: Path) -> bytes:
    """The SSH signature of ``data`` with ``key`` (``ssh-keygen -Y sign``, which reads the data
    on its standard input and writes the signature to its standard output). ``key`` is a
    private key, or a public key whose private half an ssh-agent holds."""
    command = ["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", SIGNING_NAMESPACE]
    try:
        result = subprocess.run(command, input=data, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise BuildFailed(
            "signing_key: ssh-keygen is not installed (OpenSSH 8.1 or later)"
        ) from None
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"signing_key {key}: ssh-keygen did not sign within 2 minutes") from None
    if result.returncode != 0 or not result.stdout:
        said = result.stderr.decode(errors="replace").strip().splitlines()
        raise BuildFailed(
            f"signing_key {key}: ssh-keygen could not sign SHA256SUMS"
            f" ({said[-1] if said else f'exit {result.returncode}'})"
        )
    return result.stdout


def write_release(
    out_root: Path,
    manifest: Path,
    dest: Path,
    version: str | None = None,
    editions: Sequence[str] = ("public", "internal"),
    records: Path = Path("records"),
    signing_key: Path | None = None,
) -> list[Path]:
    """Write ``kokous-<version>-<edition>.zip`` and ``kokous-<version>-<edition>.manifest.json``
    for each edition, and ``SHA256SUMS`` over them, signed in ``SHA256SUMS.sig`` when a
    ``signing_key`` is given; remove older bundles (and a signature no longer made) from
    ``dest``."""
    version = version or release_version(records)
    artifacts = json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]
    files: dict[str, bytes] = {}
    for edition in editions:
        entries = [a for a in artifacts if a["edition"] == edition]
        for a in entries:
            data = (out_root / a["path"]).read_bytes()
            if hashlib.sha256(data).hexdigest() != a["sha256"]:
                raise BuildFailed(f"{a['path']}: differs from the manifest; run snakemake again")
        name = f"kokous-{version}-{edition}"
        files[f"{name}.zip"] = deterministic_zip(out_root, [a["path"] for a in entries])
        # Each edition's own manifest: the public bundle says nothing of the internal edition.
        files[f"{name}.manifest.json"] = manifest_json(entries)
    sums = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    files["SHA256SUMS"] = sums.encode()
    if signing_key is not None:
        files["SHA256SUMS.sig"] = sign(files["SHA256SUMS"], signing_key)
    written = writer.write_files(dest, files)
    for old in dest.iterdir():
        if old.is_file() and old.name not in files:
            old.unlink()
    return written
