"""A seccomp filter for workers: the kernel refuses what no exercise needs and what would take a
worker out of its limits or its Python.

Refused with EPERM: starting another program (execve, execveat: a fresh interpreter would
have none of the worker's guards), memory outside the address-space limit (memfd_create,
SysV shared memory, semaphores and message queues, which also outlive a process), new
namespaces (unshare, setns, clone with CLONE_NEWUSER or other namespace flags: a user
namespace lets a tmpfs of any size be mounted), and kernel interfaces far from numerics
(io_uring, bpf, userfaultfd, ptrace, process_vm_*, keyrings, perf events, mount calls,
personality), x32 system calls, and executable memory that is not a mapped file (mprotect with
PROT_EXEC, anonymous mmap with PROT_EXEC): no machine code of the student's own can run.
clone3 answers ENOSYS, so the C library falls back to clone, whose flags can be inspected.

Installed by the worker itself after `no_new_privs`, once its own setup is done; it holds for
every process the worker starts. Where an NVIDIA GPU is present, executable memory stays allowed:
its driver generates host code at run time (as it needs W^X exceptions under PaX), so on a GPU
machine the other rules and the in-process guards are what stand in the way of native code. Only x86_64 and aarch64 have syscall tables here; elsewhere
`install` returns False and the rest of the sandbox stands alone.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_W_ABS = 0x20
BPF_JEQ_K = 0x15
BPF_JSET_K = 0x45
BPF_RET_K = 0x06
#: seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8 i (low 32 bits first on little-endian)
OFFSET_NR, OFFSET_ARCH, OFFSET_ARG0, OFFSET_ARG2, OFFSET_ARG4 = 0, 4, 16, 32, 48
X32_SYSCALL_BIT = 0x40000000
PROT_EXEC = 0x4

CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000

#: (audit arch, {name: number}) per machine
TABLES = {
    "x86_64": (0xC000003E, {
        "execve": 59, "execveat": 322, "memfd_create": 319, "shmget": 29, "semget": 64, "msgget": 68,
        "unshare": 272, "setns": 308, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "bpf": 321, "userfaultfd": 323, "ptrace": 101,
        "process_vm_readv": 310, "process_vm_writev": 311, "add_key": 248, "request_key": 249,
        "keyctl": 250, "perf_event_open": 298, "mount": 165, "umount2": 166, "pivot_root": 155,
        "chroot": 161, "open_by_handle_at": 304, "fsopen": 430, "fsmount": 432, "move_mount": 429,
        "open_tree": 428, "clone": 56, "clone3": 435, "memfd_secret": 447, "mq_open": 240, "fspick": 433,
        "mount_setattr": 442, "personality": 135, "mmap": 9, "mprotect": 10, "pkey_mprotect": 329}),
    "aarch64": (0xC00000B7, {
        "execve": 221, "execveat": 281, "memfd_create": 279, "shmget": 194, "semget": 190, "msgget": 186,
        "unshare": 97, "setns": 268, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "bpf": 280, "userfaultfd": 282, "ptrace": 117,
        "process_vm_readv": 270, "process_vm_writev": 271, "add_key": 217, "request_key": 218,
        "keyctl": 219, "perf_event_open": 241, "mount": 40, "umount2": 39, "pivot_root": 41,
        "chroot": 51, "open_by_handle_at": 265, "fsopen": 430, "fsmount": 432, "move_mount": 429,
        "open_tree": 428, "clone": 220, "clone3": 435, "memfd_secret": 447, "mq_open": 180, "fspick": 433,
        "mount_setattr": 442, "personality": 92, "mmap": 222, "mprotect": 226, "pkey_mprotect": 288}),
}
REFUSED = ("execve", "execveat", "memfd_create", "shmget", "semget", "msgget", "unshare", "setns",
           "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "userfaultfd", "ptrace",
           "process_vm_readv", "process_vm_writev", "add_key", "request_key", "keyctl", "perf_event_open",
           "mount", "umount2", "pivot_root", "chroot", "open_by_handle_at", "fsopen", "fsmount",
           "move_mount", "open_tree", "memfd_secret", "mq_open", "fspick", "mount_setattr", "personality")


def _instruction(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def program(machine: str, executable_memory: bool = False) -> bytes | None:
    """The filter for `machine` as raw BPF, or None when there is no table for it.
    `executable_memory` lifts the rules on PROT_EXEC (a GPU driver writes code at run time)."""
    if machine not in TABLES:
        return None
    arch, numbers = TABLES[machine]
    allow = _instruction(BPF_RET_K, SECCOMP_RET_ALLOW)
    refuse = _instruction(BPF_RET_K, SECCOMP_RET_ERRNO | errno.EPERM)
    body = [_instruction(BPF_LD_W_ABS, OFFSET_ARCH),
            _instruction(BPF_JEQ_K, arch, jt=1),  # another architecture's calling convention
            refuse,
            _instruction(BPF_LD_W_ABS, OFFSET_NR),
            _instruction(BPF_JSET_K, X32_SYSCALL_BIT, jf=1),  # x32: the same arch, numbers | bit 30
            refuse]
    for name in REFUSED:
        body += [_instruction(BPF_JEQ_K, numbers[name], jf=1), refuse]
    body += [_instruction(BPF_JEQ_K, numbers["clone3"], jf=1),
             _instruction(BPF_RET_K, SECCOMP_RET_ERRNO | errno.ENOSYS)]
    # clone: no namespace flags
    body += [_instruction(BPF_JEQ_K, numbers["clone"], jf=3),
             _instruction(BPF_LD_W_ABS, OFFSET_ARG0),
             _instruction(BPF_JSET_K, CLONE_NAMESPACES, jf=1),
             refuse,
             _instruction(BPF_LD_W_ABS, OFFSET_NR)]
    if executable_memory:
        return b"".join(body + [allow])
    # mprotect / pkey_mprotect: never make memory executable (no code of the student's own)
    for name in ("mprotect", "pkey_mprotect"):
        body += [_instruction(BPF_JEQ_K, numbers[name], jf=3),
                 _instruction(BPF_LD_W_ABS, OFFSET_ARG2),
                 _instruction(BPF_JSET_K, PROT_EXEC, jf=1),
                 refuse,
                 _instruction(BPF_LD_W_ABS, OFFSET_NR)]
    # mmap: executable memory only from a file (the loader mapping a library), never anonymous
    body += [_instruction(BPF_JEQ_K, numbers["mmap"], jf=5),
             _instruction(BPF_LD_W_ABS, OFFSET_ARG2),
             _instruction(BPF_JSET_K, PROT_EXEC, jf=3),
             _instruction(BPF_LD_W_ABS, OFFSET_ARG4),
             _instruction(BPF_JEQ_K, 0xFFFFFFFF, jf=1),
             refuse,
             allow]
    return b"".join(body)


def install(executable_memory: bool = False) -> bool:
    """Load the filter into this process (no_new_privs must be set); True if it holds."""
    code = program(platform.machine(), executable_memory)
    if code is None:
        return False
    count = len(code) // 8
    filters = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(count, ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
