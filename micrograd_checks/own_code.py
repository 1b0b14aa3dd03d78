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
    refuse_copies(check, classes, what)


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


# ----- code copied from micrograd (pasted, or exec'd from its files): refused by fingerprint


def _fingerprint(code):
    """What a function's code does, without where it was written: its instructions with their
    constants (nested code objects by their own fingerprint), names and local-variable slots
    (so renamed locals, moved lines, a new file name or a dropped docstring keep the print)."""
    import dis

    steps = []
    for ins in dis.get_instructions(code):
        if ins.opcode in dis.hasconst:
            value = ins.argval
            steps.append(
                (ins.opname, _fingerprint(value) if hasattr(value, "co_code") else repr(value))
            )
        elif ins.opcode in dis.haslocal or ins.opcode in dis.hasfree:
            steps.append((ins.opname, ins.arg))
        elif ins.opcode in dis.hasjrel or ins.opcode in dis.hasjabs:
            steps.append((ins.opname, ins.argval - ins.offset))
        else:
            steps.append((ins.opname, repr(ins.argval)))
    return tuple(steps)


def _distinctive(code):
    """Code a learner writing their own could not type by chance: it names one of the package's
    private helpers, or holds a text constant or keyword names (error messages, op labels,
    `local_grads=`). One-liners such as `return self + other` are everyone's code."""
    if any(n.startswith("_") and not n.startswith("__") for n in code.co_names):
        return True
    consts = [c for c in code.co_consts[1:] if not hasattr(c, "co_code")]
    if any(isinstance(c, str) or (isinstance(c, tuple) and c) for c in consts):
        return True
    return any(_distinctive(c) for c in code.co_consts if hasattr(c, "co_code"))


def _functions_of(obj):
    """The plain functions inside a function, method, property or class (its own attributes)."""
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, property):
        return [f for f in (obj.fget, obj.fset, obj.fdel) if f is not None]
    if hasattr(obj, "__func__"):
        obj = obj.__func__
    if isinstance(obj, type):
        found = []
        for value in vars(obj).values():
            found += [f for f in _functions_of(value) if hasattr(f, "__code__")]
        return found
    return [obj] if hasattr(obj, "__code__") else []


_PACKAGE_PRINTS = {}


def _package_prints():
    """{fingerprint: "Value.__add__"} of every distinctive function in micrograd's modules."""
    if not _PACKAGE_PRINTS:
        import importlib
        import pkgutil

        import micrograd

        for info in pkgutil.iter_modules(micrograd.__path__, "micrograd."):
            try:
                module = importlib.import_module(info.name)
            except Exception:  # e.g. viz without matplotlib: its code cannot be copied here either
                continue
            for obj in vars(module).values():
                if getattr(obj, "__module__", None) != module.__name__:
                    continue
                owner = f"{obj.__name__}." if isinstance(obj, type) else ""
                for f in _functions_of(obj):
                    if _distinctive(f.__code__):
                        _PACKAGE_PRINTS.setdefault(_fingerprint(f.__code__), f"{owner}{f.__name__}")
    return _PACKAGE_PRINTS


def _reached(cls, limit=400):
    """The functions of `cls` (and its bases), with the functions they name as globals or hold
    in closures, transitively: (function, the learner's method it was reached from)."""
    import builtins

    seen, todo = set(), []
    for klass in cls.__mro__[:-1]:
        for name, value in vars(klass).items():
            todo += [(f, name) for f in _functions_of(value)]
    while todo and len(seen) < limit:
        f, method = todo.pop(0)
        if id(f) in seen:
            continue
        seen.add(id(f))
        yield f, method
        scope = getattr(f, "__globals__", {})
        found = [scope[n] for n in f.__code__.co_names if n in scope and n not in vars(builtins)]
        found += [c.cell_contents for c in f.__closure__ or () if _filled(c)]
        for value in found:
            if isinstance(value, dict):
                found_in = [v for v in value.values() if not isinstance(v, dict)]
            else:
                found_in = [value]
            for item in found_in:
                if isinstance(item, type) and item is not cls and item.__module__ != "builtins":
                    todo += [(g, method) for g in _functions_of(item)]
                elif not isinstance(item, type):
                    todo += [(g, method) for g in _functions_of(item)]


def _filled(cell):
    try:
        _ = cell.cell_contents
    except ValueError:
        return False
    return True


def copied_from_package(cls):
    """(the learner's method, micrograd's function) for the first function of `cls` that is
    micrograd's own code, copied or exec'd; None if there is none."""
    prints = _package_prints()
    for f, method in _reached(cls):
        if (getattr(f, "__module__", None) or "").startswith("micrograd"):
            continue  # the package itself, imported: identity and delegation say so
        found = prints.get(_fingerprint(f.__code__))
        if found is not None:
            return method, found
    return None


def _from_package(f):
    return (getattr(f, "__module__", None) or "").split(".")[0] == "micrograd"


def borrowed_from_package(cls):
    """(method name, micrograd's function) for the first method of the learner's `cls` that is
    micrograd's own function, assigned to it (`zero_grad = micrograd.nn.Module.zero_grad`)."""
    for klass in cls.__mro__[:-1]:
        if _from_package(klass):
            continue  # micrograd's class itself: refuse_classes says so
        for name, value in vars(klass).items():
            if isinstance(value, type):
                continue  # a class kept as an attribute: using it is delegation
            for f in _functions_of(value):
                if _from_package(f):
                    return name, f"{f.__module__}.{getattr(f, '__qualname__', f.__name__)}"
    return None


def refuse_copies(check, classes, what="your own"):
    """Fail if one of the learner's classes runs micrograd's code pasted, exec'd or borrowed."""
    for cls in classes:
        if not isinstance(cls, type):
            continue
        borrowed = borrowed_from_package(cls)
        if borrowed is not None:
            method, theirs = borrowed
            raise check.fail(
                f"your {cls.__name__}'s {method} is micrograd's own {theirs}",
                hint=f"This exercise asks for {what} code, so the check cannot test the package's "
                f"method: write {method} yourself.",
            )
        found = copied_from_package(cls)
        if found is None:
            continue
        method, theirs = found
        raise check.fail(
            f"your {cls.__name__}'s {method} is micrograd's own code (copied or exec'd): "
            f"micrograd's {theirs}",
            hint=f"This exercise asks for {what} code, so the check cannot test a copy of the "
            "package's: write it yourself.",
        )
