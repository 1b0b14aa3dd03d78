"""Watch the learner's code while it runs: does it call the package's own code, recurse, or never end?

A check that asks for the learner's own implementation must not accept micrograd's (`Scalar =
Value`, a method that calls `Value.exp`, a sort that calls `topological_order`), and an exercise
that asks for no recursion must not accept a recursive function with `sys.setrecursionlimit`
raised. `Watch` sees both with `sys.setprofile` (which the learner's code cannot escape by raising
a limit): `check.call(fn, ..., watch=Watch(...))` runs `fn` under it and fails with the reason.
`own_code.calls_into` is a `Watch` that only records which of the package's functions ran.

A watcher keeps the profiler it found running (an outer `Watch`, the grader's) seeing every
call, and puts it back when it is done, so watchers nest without hiding calls from each other.

A loop that calls nothing (`while node is not None:` that never moves on) makes no profiler
events, so no step budget can stop it: `TimeLimit` stops it by the clock instead (see there).
"""

import os
import signal
import sys
import threading
import time

import micrograd

from micrograd_checks.tracing import learner_line

_PACKAGE = os.path.dirname(os.path.abspath(micrograd.__file__)) + os.sep
_CHECKS = os.path.dirname(os.path.abspath(__file__)) + os.sep


class Recursed(RecursionError):
    """Raised in the learner's code at its first recursive call (the check says why)."""


class Endless(BaseException):
    """Raised in the learner's code once it has used up its step budget or its time: an endless
    loop? Not an Exception, so neither the learner's `except Exception:` nor a check's own
    can swallow it; `check.call` and `checker` turn it into the report `failure()` makes."""

    def __init__(self, limit):
        super().__init__(f"the check's limit of {limit} ran out")
        self.limit = limit

    def failure(self, check, case=None):
        where = learner_line(self)
        if not where:  # stopped in the check's own code, walking what the learner's code built
            return check.fail(
                f"the check was still working on your code's result after {self.limit}",
                case=case,
                hint="Does what your code built loop back on itself (a node among its own "
                "children, a list that contains itself)? The check could not get to the end of it.",
            )
        return check.fail(
            f"your code was still running after {self.limit}: probably a loop that never ends "
            f"({where})",
            case=case,
            hint=ENDLESS_HINT,
        )


ENDLESS_HINT = (
    "Is there a loop that never ends? Check that each pass of a `while` loop takes something off "
    "what it loops over (e.g. pops a node from the queue) or moves on to the next item."
)

# Calls and returns (of Python and built-in functions) the learner's code may make in one call
# under watch: far more than any answer needs (a 20,000-node graph takes about 200,000), so a
# loop that never ends gets a verdict after a few seconds instead of hanging the notebook.
STEPS = 5_000_000

# Seconds a whole check may run (`TimeLimit`, armed by `wrapper.checker` around every check).
# The slowest check on the reference solutions takes about 1 s on a busy 2-core machine; the
# slowest correct answer we know, an iterative sort that keeps visited nodes in a list (so it
# is quadratic on exercise 4.2's 20,000-node chain), takes 36 s there. 120 s leaves a slow
# machine room for that, and still ends a loop that calls nothing well inside the grader's
# per-notebook deadline (300 s by default).
SECONDS = 120
# After the first stop, how soon to stop the learner's code again if it swallowed `Endless`
# with a bare `except:` and looped on.
_AGAIN = 1.0


class Watch:
    """Run the learner's code watching for calls into micrograd (`forbidden`: "all" or a set of
    function names) and, with `recursion=False`, for any of its functions calling itself.

    `record` (names of micrograd's modules, e.g. "engine") makes it note, in `called`, every
    function of those modules reached, as (module, qualified name), in call order. `steps=None`
    gives no step budget."""

    def __init__(
        self, forbidden=(), why="", recursion=True, recursion_hint="", steps=STEPS, record=()
    ):
        self.forbidden, self.why = forbidden, why
        self.recursion, self.recursion_hint = recursion, recursion_hint
        self.package_call = self.recursed = None
        self.budget = self.steps = steps
        self.endless = False
        self.files = {_module_file(m): m for m in record}
        self.called = []

    def _forbidden(self, code):
        return self.forbidden == "all" or code.co_name in self.forbidden

    def _profile(self, frame, event, arg):
        # keep an outer profiler (another watch, the grader's) seeing every call
        if self._outer is not None:
            self._outer(frame, event, arg)
        if self.steps is not None:
            self.steps -= 1
            if self.steps < 0:
                self.endless = True
                raise Endless(f"{self.budget:,} steps")
        if event != "call":
            return
        code = frame.f_code
        module = self.files.get(code.co_filename)
        if module is not None:
            self.called.append((module, getattr(code, "co_qualname", code.co_name)))
        if code.co_filename.startswith(_PACKAGE):
            name = getattr(code, "co_qualname", code.co_name)
            if self.package_call is None and self._forbidden(code):
                self.package_call = name
            return
        if self.recursion or code.co_filename.startswith(_CHECKS):
            return
        outer = frame.f_back
        while outer is not None and outer is not self._base:
            if outer.f_code is code:
                self.recursed = code.co_name
                raise Recursed(f"{code.co_name}() calls itself")
            outer = outer.f_back

    def __enter__(self):
        self._base = sys._getframe(1)
        self._outer = sys.getprofile()
        self._outer_threads = threading.getprofile()
        sys.setprofile(self._profile)
        threading.setprofile(self._profile)  # a thread the code starts is watched too
        return self

    def __exit__(self, *exc):
        sys.setprofile(self._outer)
        threading.setprofile(self._outer_threads)
        return False

    def verdict(self, check, case):
        """Raise the failure for what was seen (nothing if all was well)."""
        if self.endless:
            raise check.fail(
                f"your code was still running after {STEPS:,} steps",
                case=case,
                hint=ENDLESS_HINT,
            )
        if self.recursed:
            raise check.fail(
                f"your code recurses: {self.recursed}() calls itself",
                case=case,
                hint=self.recursion_hint
                or "This exercise asks for no recursion: keep your own stack (a list) of what is "
                "still to do instead of calling a function from itself.",
            )
        if self.package_call:
            raise check.fail(
                f"your code calls micrograd's own {self.package_call}()",
                case=case,
                hint=self.why
                or "This exercise asks for your own implementation, not the package's: write it "
                "without calling micrograd.",
            )


def _module_file(name):
    """The file of micrograd's module `name` ("engine"), as code objects name it."""
    import importlib

    return importlib.import_module(f"micrograd.{name}").__file__


def _can_alarm():
    # Only CPython's main thread gets signals. In the browser (Pyodide, sys.platform
    # "emscripten") there is no working timer signal; the page runner has its own stop button.
    return (
        hasattr(signal, "setitimer")
        and sys.platform != "emscripten"
        and threading.current_thread() is threading.main_thread()
    )


class TimeLimit:
    """`with TimeLimit(seconds):` raises `Endless` in whatever is running once `seconds` have
    passed, even a loop that calls nothing (a SIGALRM timer). Afterwards the previous SIGALRM
    handler and timer are back (a test harness's deadline keeps running meanwhile, and if it
    falls first, its own handler gets the signal). Does nothing outside CPython's main thread."""

    def __init__(self, seconds=None):
        self.seconds = SECONDS if seconds is None else seconds
        self.armed = self.fired = False

    def __enter__(self):
        if not _can_alarm():
            return self
        previous = signal.getsignal(signal.SIGALRM)
        if previous is None:  # a handler installed from C: it could not be put back
            return self
        self._previous = previous
        self._start = time.monotonic()
        self._outer = signal.setitimer(signal.ITIMER_REAL, 0)  # (delay, interval); 0: none
        try:
            signal.signal(signal.SIGALRM, self._alarm)
        except (ValueError, OSError):
            self._restart_outer()
            return self
        self.armed = True
        self._arm(self.seconds)
        return self

    def __exit__(self, *exc):
        if self.armed:
            self._restore()
        return False

    def _elapsed(self):
        return time.monotonic() - self._start

    def _arm(self, seconds):
        delay = self._outer[0]
        due = seconds if not delay else min(seconds, delay - self._elapsed())
        signal.setitimer(signal.ITIMER_REAL, max(due, 1e-4))

    def _restart_outer(self):
        delay, interval = self._outer
        if delay:
            signal.setitimer(signal.ITIMER_REAL, max(delay - self._elapsed(), 1e-6), interval)

    def _restore(self):
        self.armed = False  # first: an alarm arriving from here on does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        self._restart_outer()

    def _alarm(self, signum, frame):
        if not self.armed:
            return
        elapsed, delay = self._elapsed(), self._outer[0]
        if delay and elapsed >= delay - 1e-3:
            self._restore()  # the outer deadline is due first: its handler gets the signal now
            return
        if elapsed < self.seconds - 1e-3:
            self._arm(self.seconds - elapsed)  # early (clocks differ): wait for the rest
            return
        self._arm(_AGAIN)  # again, if the learner's code swallows this one and loops on
        if self.fired and frame is not None and frame.f_code.co_filename.startswith(_CHECKS):
            return  # the check is already reporting (or cleaning up): do not interrupt it
        self.fired = True
        raise Endless(f"{self.seconds:g} s")
