"""Running the worker in a bubblewrap sandbox, under limits, until a deadline.

The sandbox (`bwrap`): no network, a read-only view of the system and of the Python packages,
a private writable /tmp (the scratch folder and HOME), fresh /dev and /proc, its own PID
namespace (when the worker ends or is killed, every process it started dies with it) and
`--die-with-parent`. Limits: memory for all its processes together and their /dev/shm and /tmp
files (a cgroup, when the grader may create one, else only per process), the number of processes
(the same cgroup), the size of any file written (RLIMIT_FSIZE), CPU time, and wall-clock time:
the grader kills the sandbox at the deadline. The grader reads only the private channel, and at
most CHANNEL_BYTES of it; the worker's stdout and stderr go nowhere.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

CHANNEL_BYTES = 8 * 2**20
FILE_BYTES = 64 * 2**20
MAX_PROCESSES = 64
CGROUP_ROOTS = ("/sys/fs/cgroup", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids")


def bwrap():
    """The bwrap program if it can make a sandbox here, else None."""
    program = shutil.which("bwrap")
    if not program:
        return None
    probe = [program, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"]
    try:
        ok = subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return program if ok else None


def _cgroup_version():
    if Path("/sys/fs/cgroup/cgroup.controllers").exists():
        return 2
    if Path("/sys/fs/cgroup/memory/cgroup.procs").exists():
        return 1
    return None


class Cgroup:
    """A memory + process-count cgroup for one sandbox (v2, or v1's memory and pids), if allowed."""

    def __init__(self, memory_bytes):
        self.folders = []
        name = f"micrograd-grade-{uuid.uuid4().hex[:12]}"
        version = _cgroup_version()
        try:
            if version == 2:
                folder = Path("/sys/fs/cgroup") / name
                folder.mkdir()
                self.folders.append(folder)
                (folder / "memory.max").write_text(str(memory_bytes))
                (folder / "memory.swap.max").write_text("0")
                (folder / "pids.max").write_text(str(MAX_PROCESSES))
            elif version == 1:
                memory = Path("/sys/fs/cgroup/memory") / name
                pids = Path("/sys/fs/cgroup/pids") / name
                for folder in (memory, pids):
                    folder.mkdir()
                    self.folders.append(folder)
                (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
                (pids / "pids.max").write_text(str(MAX_PROCESSES))
        except OSError:
            self.remove()
        self.active = bool(self.folders)

    def oom_kills(self):
        """How many processes the kernel killed for going over the memory limit."""
        for folder in self.folders:
            for name in ("memory.events", "memory.oom_control"):
                try:
                    lines = (folder / name).read_text().splitlines()
                except OSError:
                    continue
                for line in lines:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        return 0

    def procs_files(self):
        return [str(f / "cgroup.procs") for f in self.folders]

    def kill(self):
        for folder in self.folders:
            try:
                pids = (folder / "cgroup.procs").read_text().split()
            except OSError:
                continue
            for pid in pids:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass

    def remove(self):
        for folder in self.folders:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    self.kill()
                    time.sleep(0.05)
        self.folders = []


def limits_in_use(program):
    """How memory and processes are limited here, in words (for the docs and the table)."""
    if program is None:
        return "no sandbox: memory per process only (RLIMIT_AS), no process limit"
    probe = Cgroup(2**30)
    try:
        if probe.active:
            return f"cgroup v{_cgroup_version()}: memory and processes for the whole sandbox"
        return "no cgroup allowed: memory per process only (RLIMIT_AS), no process-count limit"
    finally:
        probe.remove()


def _system_binds():
    """--ro-bind / --symlink arguments for the system, and nothing of anyone's files."""
    args = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(top), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    return args


def _python_binds():
    """--ro-bind arguments for this Python and its environment, wherever they live.

    They come after the private /tmp is mounted: an environment under /tmp (a CI checkout, say)
    would otherwise be hidden by it."""
    args = []
    for prefix in dict.fromkeys([sys.base_prefix, sys.prefix, str(Path(sys.executable).parent)]):
        if not prefix.startswith(("/usr/", "/bin/", "/lib")) and Path(prefix).is_dir():
            args += ["--ro-bind", prefix, prefix]
    return args


def _command(program, scratch):
    """The bwrap command line: system and packages read-only, a private /tmp, no network."""
    cmd = [program, *_system_binds()]
    for name in ("micrograd", "micrograd_checks"):  # just the packages: not the solutions
        cmd += ["--ro-bind", str(PACKAGE_ROOT / name), f"{INSIDE}/{name}"]
    cmd += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/dev/shm", "--tmpfs", "/run"]
    cmd += ["--tmpfs", "/tmp", *_python_binds()]
    cmd += ["--bind", str(scratch), "/tmp/work", "--chdir", "/tmp/work"]
    cmd += ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    cmd += ["--hostname", "grader", "--clearenv", "--setenv", "HOME", "/tmp/work"]
    cmd += ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "MPLBACKEND", "Agg"]
    cmd += ["--setenv", "PYTHONPATH", INSIDE, "--setenv", "PYTHONDONTWRITEBYTECODE", "1"]
    for name, value in ONE_THREAD.items():  # threads count against the process limit
        cmd += ["--setenv", name, value]
    return [*cmd, "--", sys.executable, "-c", BOOT]


ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
INSIDE = "/opt/micrograd-grader"
BOOT = "from micrograd_checks.grader.worker import main; main()"


# Joins the cgroup, sets the rlimits, then becomes the sandbox (bwrap): every process inherits both.
_LIMITER = """
import os, resource, sys
for procs in sys.argv[4:sys.argv.index("--")]:
    with open(procs, "w") as f:
        f.write(str(os.getpid()))
memory, size, cpu = (int(x) for x in sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
command = sys.argv[sys.argv.index("--") + 1:]
os.execv(command[0], command)
"""


def _wrap(cmd, memory_bytes, cpu_seconds, procs_files):
    """`cmd` started inside the cgroup (`procs_files`) and under the rlimits."""
    limits = [str(memory_bytes), str(FILE_BYTES), str(cpu_seconds)]
    return [sys.executable, "-I", "-S", "-c", _LIMITER, *limits, *procs_files, "--", *cmd]


def run(job, *, timeout, memory_mb, program):
    """Run the worker on `job` (a dict); return (channel bytes, how).

    `how` is "done" (the worker exited by itself), "timeout" (killed at the deadline),
    "overflow" (it sent more than CHANNEL_BYTES) or "memory" (the kernel killed a process of
    the sandbox for going over the memory limit of them all). `program` None runs without a sandbox.
    """
    import json
    import tempfile

    deadline = time.monotonic() + timeout
    memory = int(memory_mb) * 2**20
    cgroup = Cgroup(memory) if program else None
    read_end, write_end = os.pipe()
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    chunks, size = [], [0]
    process = None
    try:
        if program:
            cmd, env = _command(program, scratch), None
        else:
            cmd = [sys.executable, "-c", BOOT]
            env = {**os.environ, **ONE_THREAD, "MPLBACKEND": "Agg", "HOME": str(scratch)}
            env["PYTHONPATH"] = str(PACKAGE_ROOT)
        cmd = _wrap(cmd, memory, int(timeout) + 5, cgroup.procs_files() if cgroup else [])
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(write_end,),
            cwd=scratch,
            env=env,
            start_new_session=True,
        )
        os.close(write_end)
        line = json.dumps({**job, "channel": write_end}).encode() + b"\n"
        write_end = None

        def reader():
            while True:
                data = os.read(read_end, 65536)
                if not data:
                    return
                if size[0] + len(data) > CHANNEL_BYTES:
                    size[0] = -1
                    _kill(process, cgroup)
                    return
                size[0] += len(data)
                chunks.append(data)

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        try:
            process.stdin.write(line)
            process.stdin.close()
        except OSError:
            pass
        how = "done"
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            how = "timeout"
        _kill(process, cgroup)
        thread.join(5)
        if size[0] < 0:
            how = "overflow"
        elif cgroup and cgroup.oom_kills():
            how = "memory"
        return b"".join(chunks), how
    finally:
        if process is not None:
            _kill(process, cgroup)
        if write_end is not None:
            os.close(write_end)
        os.close(read_end)
        if cgroup:
            cgroup.remove()
        shutil.rmtree(scratch, ignore_errors=True)


def _kill(process, cgroup):
    """Kill the sandbox: its process group (bwrap; its PID namespace dies with it) and cgroup."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    if cgroup:
        cgroup.kill()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass
