"""A seccomp-BPF deny list for the sandboxed child, written by hand.

libseccomp's API passes argument comparisons as variadic structs by value,
which ctypes handles badly; the filter we need is small enough to assemble
directly. It is a deny list (default allow) because the child is an ordinary
CPython + NumPy process whose syscall set varies with the student's code; the
other layers (namespaces, no capabilities, rlimits, a bare mount view) carry
the weight, and this one removes the kernel surface a sandboxed NumPy function
never needs: exec, ptrace, mounts, new namespaces, sockets, keyrings, bpf,
io_uring, modules.

The "nofork" variant, used when the jail has no cgroup of its own (see
grader/_cgroup.py), also refuses creating processes (fork, vfork, clone
without CLONE_THREAD: threads share the address space, so RLIMIT_AS counts
them), memfd_create and SysV shared memory: memory outside the process's
address space. The per-process limits are then the whole jail's limits.

Imports only the standard library (loaded as a top-level module by the zygote).
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06

_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000

# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET
_CLONE_NAMESPACE_FLAGS = 0x7E020000

# x86_64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl).
_DENIED_X86_64 = {
    "socket": 41,
    "execve": 59,
    "ptrace": 101,
    "syslog": 103,
    "uselib": 134,
    "personality": 135,
    "modify_ldt": 154,
    "pivot_root": 155,
    "adjtimex": 159,
    "chroot": 161,
    "acct": 163,
    "settimeofday": 164,
    "mount": 165,
    "umount2": 166,
    "swapon": 167,
    "swapoff": 168,
    "reboot": 169,
    "sethostname": 170,
    "setdomainname": 171,
    "iopl": 172,
    "ioperm": 173,
    "init_module": 175,
    "delete_module": 176,
    "quotactl": 179,
    "lookup_dcookie": 212,
    "clock_settime": 227,
    "kexec_load": 246,
    "add_key": 248,
    "request_key": 249,
    "keyctl": 250,
    "unshare": 272,
    "perf_event_open": 298,
    "name_to_handle_at": 303,
    "open_by_handle_at": 304,
    "clock_adjtime": 305,
    "setns": 308,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
    "kcmp": 312,
    "finit_module": 313,
    "kexec_file_load": 320,
    "bpf": 321,
    "execveat": 322,
    "userfaultfd": 323,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "pidfd_getfd": 438,
    "mount_setattr": 442,
    "memfd_secret": 447,
}
_CLONE_X86_64 = 56
_CLONE3_X86_64 = 435
_CLONE_THREAD = 0x00010000
# Refused as well when the jail has no cgroup (process creation and memory that
# RLIMIT_AS does not see); clone without CLONE_THREAD is refused below.
_NOFORK_X86_64 = {
    "shmget": 29,
    "fork": 57,
    "vfork": 58,
    "memfd_create": 319,
}


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def build_filter_x86_64(*, nofork: bool = False) -> bytes:
    """The BPF program as raw `struct sock_filter` bytes (`nofork`: see the module doc)."""
    eperm = _RET_ERRNO | errno.EPERM
    prog = [
        _insn(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _insn(_JEQ_K, 1, 0, _AUDIT_ARCH_X86_64),
        _insn(_RET_K, 0, 0, _RET_KILL_PROCESS),
        _insn(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        # The x32 ABI reuses the same entry points with a high bit set; a deny
        # list keyed on x86_64 numbers would miss them, so x32 is killed.
        _insn(_JGE_K, 0, 1, _X32_SYSCALL_BIT),
        _insn(_RET_K, 0, 0, _RET_KILL_PROCESS),
    ]
    denied = {**_DENIED_X86_64, **(_NOFORK_X86_64 if nofork else {})}
    for number in sorted(denied.values()):
        prog += [_insn(_JEQ_K, 0, 1, number), _insn(_RET_K, 0, 0, eperm)]
    # clone3 takes its flags through a pointer that BPF cannot read: say it
    # does not exist, and libc falls back to clone(), whose flags we can see.
    prog += [
        _insn(_JEQ_K, 0, 1, _CLONE3_X86_64),
        _insn(_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS),
    ]
    if not nofork:
        prog += [
            _insn(_JEQ_K, 0, 3, _CLONE_X86_64),
            _insn(_LD_W_ABS, 0, 0, 16),  # low 32 bits of args[0] (flags)
            _insn(_JSET_K, 0, 1, _CLONE_NAMESPACE_FLAGS),
            _insn(_RET_K, 0, 0, eperm),
            _insn(_RET_K, 0, 0, _RET_ALLOW),
        ]
    else:
        prog += [
            _insn(_JEQ_K, 0, 5, _CLONE_X86_64),
            _insn(_LD_W_ABS, 0, 0, 16),  # low 32 bits of args[0] (flags)
            _insn(_JSET_K, 2, 0, _CLONE_NAMESPACE_FLAGS),  # -> EPERM
            _insn(_JSET_K, 0, 1, _CLONE_THREAD),  # a thread: allow; a process: EPERM
            _insn(_RET_K, 0, 0, _RET_ALLOW),
            _insn(_RET_K, 0, 0, eperm),
            _insn(_RET_K, 0, 0, _RET_ALLOW),
        ]
    return b"".join(prog)


def supported() -> bool:
    return platform.machine() == "x86_64"


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


_Prepared = tuple[ctypes.CDLL, list[ctypes.Array[ctypes.c_char]], dict[bool, _SockFprog]]
_prepared: _Prepared | None = None


def prepare() -> None:
    """Assemble both filters once (in the zygote), so each child only makes two prctl calls."""
    global _prepared
    libc = ctypes.CDLL(None, use_errno=True)
    buffers = []
    programs = {}
    for nofork in (False, True):
        program = build_filter_x86_64(nofork=nofork)
        buffer = ctypes.create_string_buffer(program, len(program))
        buffers.append(buffer)
        programs[nofork] = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    _prepared = (libc, buffers, programs)


def install(*, nofork: bool = True) -> None:
    """Set no_new_privs and load the filter into this process (inherited by its children).

    `nofork=False` only for a jail that the caller knows is inside its own cgroup.
    Raises OSError if the kernel refuses; the caller then refuses to run the code.
    """
    if _prepared is None:
        prepare()
    assert _prepared is not None
    libc, _buffers, programs = _prepared
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    fprog = programs[nofork]
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
