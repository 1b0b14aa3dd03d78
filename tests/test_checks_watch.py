"""The checks refuse micrograd's own code where the learner's is asked for, refuse recursion where
the exercise forbids it (whatever the recursion limit), stop a loop that never ends (even one
that calls nothing), and draw fresh hidden inputs on every run."""

import contextlib
import os
import signal
import sys
import threading
import time

import pytest

import micrograd_checks as checks
from micrograd.engine import Value, topological_order
from micrograd_checks import own_code
from micrograd_checks import watch as watch_module
from micrograd_checks.core import SEED_ENV, Check
from micrograd_checks.watch import Watch

CHAPTER_3 = [
    checks.check_scalar_sub,
    checks.check_scalar_div,
    checks.check_scalar_exp_log,
    checks.check_reflected,
]


@pytest.mark.parametrize("check", CHAPTER_3, ids=lambda c: c.__name__)
def test_chapter_3_refuses_micrograds_value_and_its_subclasses(check):
    class Scalar(Value):
        pass

    for cls, says in [(Value, "is micrograd's Value"), (Scalar, "is built on micrograd's Value")]:
        with pytest.raises(checks.CheckFailed, match=says) as caught:
            check(cls)
        assert "your own Scalar" in str(caught.value)
    with pytest.raises(checks.CheckFailed, match="is micrograd's Value"):
        checks.check_pow_and_tanh(Value, lambda x: x.tanh())


def _recursive(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for child in node._children:
                visit(child)
            order.append(node)

    visit(root)
    return order


def test_a_raised_recursion_limit_does_not_pass_the_iterative_exercise():
    limit = sys.getrecursionlimit()

    def cheat(root):
        sys.setrecursionlimit(10**6)
        return _recursive(root)

    try:
        with pytest.raises(checks.CheckFailed, match=r"your code recurses: visit\(\) calls itself"):
            checks.check_topo_sort_iterative(cheat)
    finally:
        sys.setrecursionlimit(limit)
    checks.check_topo_sort(_recursive)  # recursion is what 4.1 asks for


def test_recursion_in_a_thread_of_its_own_does_not_pass_the_iterative_exercise():
    import threading

    def in_a_thread(root):  # a big stack and a high limit: the "deep recursion" recipe online
        out, limit = [], sys.getrecursionlimit()

        def run():
            sys.setrecursionlimit(10**6)
            try:
                out.append(_recursive(root))
            finally:
                sys.setrecursionlimit(limit)

        size = threading.stack_size(256 * 1024 * 1024)
        try:
            worker = threading.Thread(target=run)
            worker.start()
            worker.join()
        finally:
            threading.stack_size(size)
        return out[0]

    hook = threading.excepthook
    threading.excepthook = lambda args: None  # the thread's own traceback is not this test's
    try:
        with pytest.raises(checks.CheckFailed, match=r"your code recurses: visit\(\) calls itself"):
            checks.check_topo_sort_iterative(in_a_thread)
    finally:
        threading.excepthook = hook


def test_backward_of_exercise_4_3_must_work_10_000_deep_without_recursion():
    def backward(root):
        order = _recursive(root)
        for node in order:
            if node._children:
                node.grad = 0.0
        root.grad = 1.0
        for node in reversed(order):
            for child, local in zip(node._children, node._local_grads):
                child.grad += local * node.grad

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10**6)
    try:
        with pytest.raises(checks.CheckFailed, match="10,000 operations deep"):
            checks.check_backward(backward)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize(
    ("check", "answer", "says"),
    [
        (checks.check_topo_sort, topological_order, "topological_order"),
        (checks.check_topo_sort_iterative, lambda r: topological_order(r), "topological_order"),
        (checks.check_backward, lambda r: r.backward(), "Value.backward"),
        (checks.check_kahn_order, lambda r: topological_order(r)[::-1], "topological_order"),
    ],
)
def test_chapter_4_refuses_micrograds_own_walks(check, answer, says):
    with pytest.raises(checks.CheckFailed, match=f"calls micrograd's own {says}"):
        check(answer)


def test_hidden_inputs_are_fresh_each_run_and_repeat_under_a_seed(monkeypatch):
    monkeypatch.delenv(SEED_ENV, raising=False)
    draws = {tuple(Check("1.1", "x").uniform(0, 1, 12) for _ in range(3)) for _ in range(5)}
    assert len(draws) == 5
    monkeypatch.setenv(SEED_ENV, "42")
    same = {tuple(Check("1.1", "x").uniform(0, 1, 12) for _ in range(3)) for _ in range(5)}
    assert len(same) == 1
    assert os.environ[SEED_ENV] == "42"


def test_two_runs_ask_for_slopes_at_different_points(monkeypatch):
    """So answers copied from one run's report (or hard-coded per point) do not pass the next."""

    def points(seed):
        monkeypatch.setenv(SEED_ENV, seed)
        asked = []

        def derivative(f, x, h=1e-6):
            asked.append(x)
            return (f(x + h) - f(x)) / h

        checks.check_derivative(derivative)
        return asked

    assert set(points("first")) != set(points("second"))


# --- watchers nest: each keeps the profiler it found seeing every call ---------------------------


def _exp():
    return Value(0.5).exp()


def _foreign():
    """A profiler like the grader's: notes micrograd's Value.exp whenever it runs."""
    seen = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_name == "exp":
            seen.append("exp")

    return profile, seen


@pytest.mark.parametrize("order", ["calls_into around Watch", "Watch around calls_into"])
def test_nested_watchers_both_see_the_call(order):
    """Fails if a watcher drops the profiler it found (the old Watch did: calls_into saw nothing)."""
    before = sys.getprofile()
    watch, seen = Watch("all"), own_code.calls_into(own_code.ENGINE)
    outer, inner = (seen, watch) if order.startswith("calls_into") else (watch, seen)
    with outer, inner:
        _exp()
    assert ("engine", "Value.exp") in seen.called
    assert watch.package_call is not None
    assert sys.getprofile() is before


def test_a_watch_keeps_the_graders_profiler_seeing_calls_and_puts_it_back():
    profile, seen = _foreign()
    sys.setprofile(profile)
    try:
        check = Check("4.2", "x")
        with pytest.raises(checks.CheckFailed, match="calls micrograd's own"):
            check.call(_exp, watch=Watch("all"))
        assert seen == ["exp"]  # the grader still saw it
        with pytest.raises(checks.CheckFailed, match="recurses"):
            check.call(_recursive, _chain(30), watch=Watch(recursion=False))
        assert sys.getprofile() is profile  # even after the profiler raised Recursed
    finally:
        sys.setprofile(None)


def test_exercise_1_4s_estimator_watch_keeps_the_graders_profiler_seeing_calls():
    """Fails if 1.4's watch for estimators replaces the profiler it found instead of passing on."""
    profile, seen = _foreign()

    def f_partials_exact(a, b, c):
        _exp()  # a call the grader's profiler must still see
        return [b - c, a - c, -a - b]  # wrong: the check fails after the call

    sys.setprofile(profile)
    try:
        with pytest.raises(checks.CheckFailed):
            checks.check_exact_partials(f_partials_exact)
        assert "exp" in seen
        assert sys.getprofile() is profile
    finally:
        sys.setprofile(None)


def _chain(n):
    node = Value(1.0)
    for _ in range(n):
        node = node * 1.0
    return node


# --- a wall-clock limit: a loop that calls nothing ends with a report, not a hang --------------


class _Hung(BaseException):
    """The test's own deadline: a check that does not stop by itself fails the test instead of
    hanging it (this is also the outer timer each check must leave running)."""


@pytest.fixture
def deadline():
    def alarm(signum, frame):
        raise _Hung

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        yield alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def one_second(monkeypatch):
    monkeypatch.setattr(watch_module, "SECONDS", 1)


def _looks_at_the_top(root):  # 4.2 with the pop forgotten: calls nothing, so no step budget
    order, stack = [], [root]
    while stack:
        node = stack[-1]
        if node is None:
            break
    return order


def _slope(f, x, h=1e-6):  # 1.1 (checked without a watch) looping on
    while True:
        try:
            x += h
        except Exception:  # noqa: BLE001 - a learner's catch-all must not swallow the stop
            pass


@pytest.mark.parametrize(
    ("check", "answer", "where"),
    [
        (checks.check_topo_sort_iterative, _looks_at_the_top, "in _looks_at_the_top()"),
        (checks.check_derivative, _slope, "in _slope()"),
    ],
)
def test_a_loop_that_calls_nothing_ends_with_a_report(deadline, one_second, check, answer, where):
    """Fails (with _Hung, not a hang) if no timer stops a loop without calls, and if the report
    does not say what probably happened and where."""
    start = time.monotonic()
    with pytest.raises(checks.CheckFailed) as failed:
        check(answer)
    message = str(failed.value)
    assert "your code was still running after 1 s: probably a loop that never ends" in message
    assert where in message and "loop that never ends?" in message
    assert time.monotonic() - start < 10
    # the test's own deadline is armed again, with what was left of it
    assert signal.getsignal(signal.SIGALRM) is deadline
    assert 15 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30


@pytest.mark.parametrize("answer", [_looks_at_the_top, topological_order, _recursive])
def test_no_handler_or_timer_is_left_armed_after_a_check(one_second, answer):
    """Fails if a check leaves its SIGALRM handler installed or its timer running, whether the
    check stopped the code, refused it or passed it."""
    previous = signal.getsignal(signal.SIGALRM)
    with contextlib.suppress(checks.CheckFailed):
        checks.check_topo_sort_iterative(answer)
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(1.2)  # nothing goes off later either


def test_an_outer_deadline_that_falls_first_gets_its_own_signal(deadline, monkeypatch):
    """A harness's shorter deadline (the mutation tool's) must still fire during a check; fails
    if the check's own timer replaced it."""
    monkeypatch.setattr(watch_module, "SECONDS", 20)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    start = time.monotonic()
    with pytest.raises(_Hung):
        checks.check_topo_sort_iterative(_looks_at_the_top)
    assert time.monotonic() - start < 5
    assert signal.getsignal(signal.SIGALRM) is deadline


def test_no_timer_outside_the_main_thread_or_in_the_browser(monkeypatch):
    """Only CPython's main thread gets signals (and Pyodide has none): there the limit does
    nothing, and the check still runs. Fails if the limit's signal.signal raises there (it may
    only be called from the main thread) or if it arms a timer in the browser."""
    results = []
    thread = threading.Thread(
        target=lambda: results.append(checks.check_topo_sort_iterative(_recursive_free))
    )
    thread.start()
    thread.join(60)
    assert results == [None]
    monkeypatch.setattr(sys, "platform", "emscripten")
    with watch_module.TimeLimit(0.05) as limit:
        time.sleep(0.2)
    assert not limit.armed and not limit.fired


def _recursive_free(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack += [(child, False) for child in node._children]
    return order


def test_a_stop_in_the_checks_own_code_does_not_blame_a_line_of_the_learners():
    """A check walking what the learner's code built (a node among its own children) may be
    the one that never ends: the report says so instead of pointing at no line of the learner's.
    Fails if it said "your code was still running ()"."""
    inside = os.path.join(os.path.dirname(watch_module.__file__), "walk.py")  # as if a check's
    source = (
        "def walk(check):\n"
        "    try:\n"
        "        raise Endless('1 s')\n"
        "    except Endless as error:\n"
        "        return str(error.failure(check))\n"
    )
    scope = {"Endless": watch_module.Endless}
    exec(compile(source, inside, "exec"), scope)
    report = scope["walk"](Check("8.5", "backward()"))
    assert "the check was still working on your code's result after 1 s" in report
    assert "loop back on itself" in report
