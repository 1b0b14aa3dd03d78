"""Refusing the package's code where an exercise asks for the learner's own.

Three ways to hand in micrograd's code instead of your own: the package's class itself
(`Value = micrograd.Value`), a subclass of it, or your own code that calls into it while it runs
(delegation: a sigmoid that returns `v.sigmoid()`, a Neuron that wraps `micrograd.nn.Neuron`).
`refuse_classes` catches the first two; `calls_into` runs the learner's code under a recording
`watch.Watch` that notes every function of the package's modules it reaches, for the third.
"""

from micrograd_checks.watch import Watch

ENGINE, NN, OPTIM, LOSSES = "engine", "nn", "optim", "losses"


def _package_classes(modules):
    import micrograd.engine
    import micrograd.nn
    import micrograd.optim

    found = []
    for module in (micrograd.engine, micrograd.nn, micrograd.optim):
        if module.__name__.rsplit(".", 1)[-1] not in modules:
            continue
        found += [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type) and obj.__module__ == module.__name__
        ]
    return found


def package_base(cls, modules=(ENGINE, NN)):
    """The micrograd class that `cls` is or inherits from, or None."""
    if not isinstance(cls, type):
        return None
    for base in cls.__mro__:
        if base in _package_classes(modules):
            return base
    return None


def refuse_classes(check, classes, modules=(ENGINE, NN), what="your own"):
    """Fail if one of the learner's classes is (or subclasses) one of micrograd's."""
    for cls in classes:
        base = package_base(cls, modules)
        if base is None:
            continue
        same = base is cls
        problem = (
            f"`{cls.__name__}` is micrograd's own {base.__name__}"
            if same
            else f"`{cls.__name__}` inherits from micrograd's {base.__name__}"
        )
        raise check.fail(
            problem,
            hint=f"This exercise asks for {what} code, so the check cannot test the package's: "
            f"write the class yourself{'' if same else ', without inheriting from micrograd'}.",
        )


class calls_into(Watch):
    """`with calls_into(ENGINE, NN) as seen: ...`: `seen.called` lists (module, function) of the
    package's functions reached while the block ran (Python functions only, in call order).

    A `Watch` that only records: no step budget, no recursion rule, nothing refused while the
    block runs (`refuse_delegation` decides afterwards). Nested in or around another watch (or
    the grader's profiler), both see every call."""

    def __init__(self, *modules):
        super().__init__(steps=None, record=modules)

    def names(self, module=None):
        return [name for m, name in self.called if module is None or m == module]


def refuse_delegation(check, seen, forbidden, case, what):
    """Fail if the learner's code reached one of `forbidden` ((module, function) or module names)."""
    for module, name in seen.called:
        if module in forbidden or (module, name) in forbidden:
            where = f"micrograd.{module}" + ("" if name.startswith("<") else f" ({name})")
            raise check.fail(
                f"your code calls {where} to do the work",
                case=case,
                hint=f"This exercise asks for {what}: the check tests your code, so it cannot "
                "accept the package doing the work. Compute it yourself.",
            )
