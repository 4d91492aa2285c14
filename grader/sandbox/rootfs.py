"""The root filesystem a sandboxed worker sees: only what running Python needs.

Built by the zygote inside its own mount namespace, before any worker exists:

    plan = rootfs.plan(hide=["torch", "scipy"], mask=[grader_dir, reference_dir, tests_dir])
    root, errors = rootfs.enter(plan, proc=True)

The new root is an empty tmpfs holding, read-only and nosuid: /usr and the loader's top-level
links, the Python installation and every entry of `sys.path` that is not a source checkout,
and a few files of /etc the loader reads. It gets its own /dev (null, zero, full, random,
urandom, and the GPU's nodes when there are any), /dev/shm, /tmp and /proc. Directories of
`mask` (the grader, the reference, the tests) and of the `hide` packages (libraries a numpy
assignment bans) that fall inside a bound tree are covered by empty read-only tmpfs. The old
root is detached, so nothing else of the host (home directories, the class folder, the
project's `.git`, sockets under /run or /tmp) can be reached by any path.
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
import platform
import sys
import tempfile
from dataclasses import dataclass, field

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 0x1000, 0x4000, 0x40000
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
MNT_DETACH = 2
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "ppc64le": 203, "s390x": 217}

libc = ctypes.CDLL(None, use_errno=True)

#: files of /etc that the dynamic loader and Python's standard library read
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group")
DEVICES = ("null", "zero", "full", "random", "urandom")
#: the writable filesystems: everything writable is noexec (no native code of the student's own)
SCRATCH_FLAGS = MS_NOSUID | MS_NODEV | MS_NOEXEC
TMP_OPTIONS = "size=512m,mode=711"  # workers cannot list or add to /tmp itself
SHM_OPTIONS = "size=64m,mode=1777"
#: one worker's directory: bounded in bytes and in files, so it cannot starve the others
WORKDIR_OPTIONS = "size=256m,nr_inodes=65536,mode=700"
TOP_LEVEL = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")


def check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    check(libc.mount(source.encode() if source else None, target.encode(),
                     fstype.encode() if fstype else None, ctypes.c_ulong(flags),
                     data.encode() if data else None), f"mount {target}")


def make_mounts_private() -> None:
    """Nothing mounted from here on propagates back to the host."""
    mount("none", "/", None, MS_REC | MS_PRIVATE)


@dataclass
class Plan:
    """What the new root holds: bound trees and files, links, covered directories."""

    binds: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    covers: list[str] = field(default_factory=list)
    #: every masked or hidden directory, for the fallback that covers them in the old root
    covers_in_place: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    sys_tree: bool = False


def _is_source_checkout(path: str) -> bool:
    """A project folder on sys.path (an editable install's root): never exposed whole."""
    if os.path.basename(path) in ("site-packages", "dist-packages"):
        return False
    return any(os.path.exists(os.path.join(path, marker)) for marker in (".git", "pyproject.toml", "setup.py"))


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def _package_dirs(name: str) -> list[str]:
    """Where an installed top-level package lives (without importing it), with its `.libs`."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    found = list(spec.submodule_search_locations or [])
    if not found and spec.origin and os.path.isfile(spec.origin):
        found = [spec.origin]
    for location in list(found):
        libs = os.path.join(os.path.dirname(location), f"{name}.libs")
        if os.path.isdir(libs):
            found.append(libs)
    return [os.path.realpath(p) for p in found]


#: where package directories live inside an installation tree (a venv's base Python, /usr)
SITE_PATTERNS = ("lib*/python3*/site-packages", "lib*/python3*/dist-packages", "lib/python3/dist-packages",
                 "local/lib*/python3*/site-packages", "local/lib*/python3*/dist-packages")


def _unused_site_dirs(trees: list[str], used: set[str]) -> set[str]:
    """Package directories inside the bound trees that this Python does not import from (the
    base installation's site-packages under a venv, the system's dist-packages): covered, so a
    worker cannot put them on its own sys.path and import a banned library from there."""
    found = set()
    for tree in trees:
        for pattern in SITE_PATTERNS:
            for path in glob.glob(os.path.join(tree, pattern)):
                real = os.path.realpath(path)
                if real not in used and os.path.isdir(real):
                    found.add(real)
    return found


def _copies_in_sites(name: str, sites: set[str]) -> set[str]:
    """Every directory of package `name` (and its `.libs`) in the used package directories,
    whichever one an import would pick."""
    return {os.path.realpath(os.path.join(site, entry)) for site in sites for entry in (name, f"{name}.libs")
            if os.path.isdir(os.path.join(site, entry))}


def plan(hide: list[str], mask: list[str]) -> Plan:
    """What to bind, decided while the host's filesystem is still in view."""
    result = Plan()
    for name in TOP_LEVEL:
        path = f"/{name}"
        if os.path.islink(path):
            result.links[path] = os.readlink(path)
        elif os.path.isdir(path):
            result.binds.append(path)
    candidates = ["/usr", sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  os.path.dirname(os.path.realpath(sys.executable))]
    candidates += [p for p in sys.path if p and not _is_source_checkout(p)]
    candidates += [f"/etc/{name}" for name in ETC_FILES]
    for path in sorted({os.path.realpath(p) for p in candidates if p and os.path.exists(p)}, key=len):
        if not _inside(path, result.binds):
            result.binds.append(path)
    used = {os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)}
    hidden_set = {os.path.realpath(p) for p in mask} | _unused_site_dirs(result.binds, used)
    for name in hide:
        hidden_set |= set(_package_dirs(name)) | _copies_in_sites(name, used)
    hidden = sorted(hidden_set)
    result.covers_in_place = [p for p in hidden if os.path.isdir(p)]
    for path in hidden:
        if _inside(path, result.binds) and path not in result.binds and os.path.isdir(path):
            result.covers.append(path)
    result.devices = [f"/dev/{name}" for name in DEVICES if os.path.exists(f"/dev/{name}")]
    gpu = sorted(glob.glob("/dev/nvidia*")) + sorted(glob.glob("/dev/nvidia-caps/*")) + sorted(glob.glob("/dev/dri/*"))
    result.devices += [d for d in gpu if not os.path.isdir(d)]
    result.sys_tree = bool(gpu) and os.path.isdir("/sys")
    return result


def _locked_flags(path: str) -> int:
    """Mount flags a read-only remount must keep (a user namespace may not clear them)."""
    try:
        flags = os.statvfs(path).f_flag
    except OSError:
        return 0
    kept = 0
    for st_flag, ms_flag in ((os.ST_NOEXEC, MS_NOEXEC), (os.ST_NOATIME, MS_NOATIME),
                             (os.ST_NODIRATIME, MS_NODIRATIME), (getattr(os, "ST_RELATIME", 4096), MS_RELATIME)):
        if flags & st_flag:
            kept |= ms_flag
    return kept


def _bind(source: str, target: str, errors: list[str], read_only: bool = True) -> None:
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        with open(target, "a"):
            pass
    try:
        mount(source, target, None, MS_BIND | MS_REC)
    except OSError as error:
        errors.append(str(error))
        return
    if read_only:
        try:
            mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV
                  | _locked_flags(source))
        except OSError as error:
            errors.append(f"read-only {source}: {error}")


def _pivot_root(new_root: str, put_old: str) -> None:
    number = SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(0, f"pivot_root: unknown system call number on {platform.machine()}")
    check(libc.syscall(number, new_root.encode(), put_old.encode()), "pivot_root")


def enter(layout: Plan, proc: bool) -> tuple[str, list[str]]:
    """Build the new root and move into it; (its path as the host sees it, errors).

    On any failure before the switch the old root stays, with `covers` mounted over it
    instead, so the grader and the reference stay hidden as far as that goes."""
    errors: list[str] = []
    stage = tempfile.mkdtemp(prefix=".grader-root-", dir="/tmp")
    try:
        mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=755")
        # /tmp first, so that Python installed under /tmp (a course cloned there, its venv
        # with it) is bound inside it rather than hidden by it. Workers get their own
        # directory inside; they cannot list or add to /tmp itself
        os.makedirs(stage + "/tmp", mode=0o755)
        mount("tmpfs", stage + "/tmp", "tmpfs", SCRATCH_FLAGS, TMP_OPTIONS)
        for source in layout.binds:
            _bind(source, stage + source, errors)
        for link, target in layout.links.items():
            os.symlink(target, stage + link)
        for path in layout.covers:
            try:
                mount("tmpfs", stage + path, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=16k,mode=555")
            except OSError as error:
                errors.append(str(error))
        os.makedirs(stage + "/dev", mode=0o755)
        mount("tmpfs", stage + "/dev", "tmpfs", MS_NOSUID, "size=64k,mode=755")
        for device in layout.devices:
            _bind(device, stage + device, errors, read_only=False)
        os.makedirs(stage + "/dev/shm")
        mount("tmpfs", stage + "/dev/shm", "tmpfs", SCRATCH_FLAGS, SHM_OPTIONS)
        if layout.sys_tree:
            _bind("/sys", stage + "/sys", errors)
        for name in ("proc", ".old"):
            os.makedirs(f"{stage}/{name}", mode=0o755, exist_ok=True)
        # before the switch: in a user namespace the kernel lets a new /proc be mounted only
        # while a fully visible one is still in view
        _mount_proc(stage + "/proc", proc, errors)
        _pivot_root(stage, stage + "/.old")
    except OSError as error:
        errors.append(f"new root: {error}")
        _cover_in_place(layout, errors)
        return "", errors
    os.chdir("/")
    check(libc.umount2(b"/.old", MNT_DETACH), "umount the old root")
    os.rmdir("/.old")
    try:  # the new root itself: nothing to add there (a worker may be its owner, uid 0 of a user namespace)
        mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    except OSError as error:
        errors.append(f"read-only root: {error}")
    return stage, errors


def _mount_proc(target: str, own_pid_namespace: bool, errors: list[str]) -> None:
    """A /proc of the sandbox's own PID namespace; without one, a /proc that shows each user
    only their own processes. Where neither can be mounted (a user namespace inside a container
    whose /proc is partly covered), there is no /proc at all."""
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    options = [None] if own_pid_namespace else ["hidepid=invisible", "hidepid=2"]
    for data in options:
        try:
            mount("proc", target, "proc", flags, data)
            return
        except OSError as error:
            errors.append(f"/proc ({data or 'own'}): {error}")


def _cover_in_place(layout: Plan, errors: list[str]) -> None:
    """Fallback when the root cannot be switched: hide the covered directories where they are."""
    for path in layout.covers_in_place:
        try:
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=16k,mode=555")
        except OSError as error:
            errors.append(str(error))
    if _inside("/tmp", layout.binds) or any(_inside(b, ["/tmp"]) for b in layout.binds):
        return  # Python itself lives under /tmp: a fresh /tmp would hide it
    try:
        mount("tmpfs", "/tmp", "tmpfs", SCRATCH_FLAGS, TMP_OPTIONS)
    except OSError as error:
        errors.append(str(error))
