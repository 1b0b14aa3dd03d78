"""Watch the learner's code while it runs: does it call the package's own code, or recurse?

A check that asks for the learner's own implementation must not accept micrograd's (`Scalar =
Value`, a method that calls `Value.exp`, a sort that calls `topological_order`), and an exercise
that asks for no recursion must not accept a recursive function with `sys.setrecursionlimit`
raised. `Watch` sees both with `sys.setprofile` (which the learner's code cannot escape by raising
a limit): `check.call(fn, ..., watch=Watch(...))` runs `fn` under it and fails with the reason.
"""

import os
import sys
import threading

import micrograd

_PACKAGE = os.path.dirname(os.path.abspath(micrograd.__file__)) + os.sep
_CHECKS = os.path.dirname(os.path.abspath(__file__)) + os.sep


class Recursed(RecursionError):
    """Raised in the learner's code at its first recursive call (the check says why)."""


class Endless(RuntimeError):
    """Raised in the learner's code once it has used up its step budget (an endless loop?)."""


# Calls and returns (of Python and built-in functions) the learner's code may make in one call
# under watch: far more than any answer needs (a 20,000-node graph takes about 200,000), so a
# loop that never ends gets a verdict after a few seconds instead of hanging the notebook.
STEPS = 5_000_000


class Watch:
    """Run the learner's code watching for calls into micrograd (`forbidden`: "all" or a set of
    function names) and, with `recursion=False`, for any of its functions calling itself."""

    def __init__(self, forbidden=(), why="", recursion=True, recursion_hint="", steps=STEPS):
        self.forbidden, self.why = forbidden, why
        self.recursion, self.recursion_hint = recursion, recursion_hint
        self.package_call = self.recursed = None
        self.steps, self.endless = steps, False

    def _forbidden(self, code):
        if not code.co_filename.startswith(_PACKAGE):
            return False
        return self.forbidden == "all" or code.co_name in self.forbidden

    def _profile(self, frame, event, arg):
        self.steps -= 1
        if self.steps < 0:
            self.endless = True
            raise Endless("the step budget of the check ran out")
        if event != "call":
            return
        code = frame.f_code
        if self.package_call is None and self._forbidden(code):
            self.package_call = code.co_qualname if hasattr(code, "co_qualname") else code.co_name
        if self.recursion or code.co_filename.startswith((_PACKAGE, _CHECKS)):
            return
        outer = frame.f_back
        while outer is not None and outer is not self._base:
            if outer.f_code is code:
                self.recursed = code.co_name
                raise Recursed(f"{code.co_name}() calls itself")
            outer = outer.f_back

    def __enter__(self):
        self._base = sys._getframe(1)
        self._previous = sys.getprofile()
        self._previous_threads = threading.getprofile()
        sys.setprofile(self._profile)
        threading.setprofile(self._profile)  # a thread the code starts is watched too
        return self

    def __exit__(self, *exc):
        sys.setprofile(self._previous)
        threading.setprofile(self._previous_threads)
        return False

    def verdict(self, check, case):
        """Raise the failure for what was seen (nothing if all was well)."""
        if self.endless:
            raise check.fail(
                f"your code was still running after {STEPS:,} steps",
                case=case,
                hint="Is there a loop that never ends? Check that each pass of a `while` loop "
                "takes something off what it loops over (e.g. pops a node from the queue).",
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
