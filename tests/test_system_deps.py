"""scripts/ensure_system_deps.sh finds exactly the missing system programs, installs exactly those with
apt-get when it can, and otherwise stops with a message that says how to install each one.

Each test runs the script on a fake machine: a PATH holding only the programs the test provides
(`id`, `cat`, and as needed `dot`, `npm`, `apt-get`, `sudo` that record their calls), and a
CHROMIUM path that does or does not hold an executable.
"""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "ensure_system_deps.sh"
RECORDER = '#!/bin/sh\necho "{name} $*" >> "{log}"\n'


class Machine:
    def __init__(self, tmp_path, uid=1000):
        self.tmp = tmp_path
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.chromium = tmp_path / "chromium"
        self.program("id", f"#!/bin/sh\necho {uid}\n")
        (self.bin / "cat").symlink_to("/bin/cat")

    def program(self, name, text=None):
        path = self.bin / name
        path.write_text(text or RECORDER.format(name=name, log=self.log))
        path.chmod(0o755)

    def install_chromium(self, executable=True):
        self.chromium.write_text("#!/bin/sh\n")
        self.chromium.chmod(0o755 if executable else 0o644)

    def run(self, *args):
        env = {"PATH": str(self.bin), "HOME": str(self.tmp), "CHROMIUM": str(self.chromium)}
        return subprocess.run(
            ["/bin/bash", str(SCRIPT), *args], env=env, capture_output=True, text=True
        )

    def calls(self):
        return self.log.read_text().splitlines() if self.log.exists() else []


def missing_line(result):
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: missing system package(s): "), result.stderr
    return first.split(": ", 2)[2].split()


def test_missing_graphviz_stops_with_install_instructions(tmp_path):
    result = Machine(tmp_path).run()
    assert result.returncode == 1
    assert missing_line(result) == ["graphviz"]
    for how in (
        "apt-get install graphviz",
        "brew install graphviz",
        "conda install",
        "winget install",
    ):
        assert how in result.stderr, f"no {how!r} instructions in:\n{result.stderr}"
    assert "hromium" not in result.stderr  # no browser asked for, none mentioned


def test_a_missing_browser_is_detected_and_named(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    result = machine.run("--browser")
    assert result.returncode == 1
    assert missing_line(result) == ["chromium"]
    assert f"Chromium at {machine.chromium}" in result.stderr
    assert "graphviz" not in result.stderr


def test_a_browser_file_that_cannot_run_counts_as_missing(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    machine.install_chromium(executable=False)
    assert missing_line(machine.run("--browser")) == ["chromium"]


def test_everything_present_means_nothing_to_do(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    machine.program("npm")
    machine.install_chromium()
    result = machine.run("--browser", "--node")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert machine.calls() == []


def test_the_browser_is_only_checked_when_asked_for(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    assert machine.run().returncode == 0


def test_a_missing_npm_is_detected_and_named(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    result = machine.run("--node")
    assert result.returncode == 1
    assert missing_line(result) == ["nodejs", "npm"]
    assert "apt-get install nodejs npm" in result.stderr


def test_root_installs_exactly_the_missing_packages_with_apt_get(tmp_path):
    machine = Machine(tmp_path, uid=0)
    machine.program("apt-get")
    result = machine.run("--browser", "--node")
    assert result.returncode == 0, result.stderr
    assert machine.calls() == [
        "apt-get update -qq",
        "apt-get install -y -qq graphviz chromium nodejs npm",
    ]


def test_root_with_graphviz_installs_only_the_browser(tmp_path):
    machine = Machine(tmp_path, uid=0)
    machine.program("apt-get")
    machine.program("dot")
    assert machine.run("--browser").returncode == 0
    assert machine.calls()[-1] == "apt-get install -y -qq chromium"


def test_a_user_with_passwordless_sudo_installs_through_sudo(tmp_path):
    machine = Machine(tmp_path)
    machine.program("apt-get")
    machine.program(
        "sudo", f'#!/bin/sh\necho "sudo $*" >> "{machine.log}"\n[ "$1" = -n ] && shift\nexec "$@"\n'
    )
    machine.program("true", "#!/bin/sh\nexit 0\n")
    assert machine.run().returncode == 0
    assert "sudo -n apt-get install -y -qq graphviz" in machine.calls()
    assert "apt-get install -y -qq graphviz" in machine.calls()


def test_without_root_or_sudo_nothing_is_installed(tmp_path):
    machine = Machine(tmp_path)
    machine.program("apt-get")
    assert machine.run().returncode == 1
    assert machine.calls() == []


def test_an_unknown_argument_is_refused(tmp_path):
    result = Machine(tmp_path).run("--browsr")
    assert result.returncode == 2 and "--browsr" in result.stderr


def test_this_machine_has_what_the_tests_need():
    """`make test` runs the script before pytest, so here it has nothing left to do."""
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT), "--browser"], env=os.environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_the_graders_sandbox_is_asked_for_by_name(tmp_path):
    machine = Machine(tmp_path)
    machine.program("dot")
    result = machine.run("--grader")
    assert result.returncode == 1
    assert missing_line(result) == ["bubblewrap"]
    assert "apt-get install bubblewrap" in result.stderr and "--no-sandbox" in result.stderr
    machine.program("bwrap")
    assert machine.run("--grader").returncode == 0
