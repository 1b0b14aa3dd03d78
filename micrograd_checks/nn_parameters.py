"""What a learner's `parameters()` got wrong, said for the part that got it wrong (exercises 5.3, 5.4).

`check_parameters(check, owner, method, groups, case)` calls `method()` twice and compares with
`groups`, the owner's own Values in order: [(label, [Values])], e.g. [("neuron 0", [...]), ...]. Each
mistake gets its own diagnosis, naming the owner (MyNeuron, MyLayer, MyMLP): a generator, a list of
lists, the neurons or layers themselves, numbers, copies, duplicates, only one neuron's or layer's
Values, the weights without the biases, the wrong order, a list that changes between calls.
"""

from numbers import Real

from micrograd.engine import Value

from micrograd_checks.core import Hint, number


def _fail(check, owner, problem, case, hint, got=None):
    details = {"case": case, "hint": hint}
    if got is not None:
        details["got"] = got
    return check.fail(f"{owner}.parameters() {problem}", **details)


def _kinds(check, owner, got, case, children):
    """Fail unless `got` is a flat list or tuple of Values."""
    if hasattr(got, "__next__") or type(got).__name__ == "generator":
        raise _fail(
            check,
            owner,
            "returns a generator, not a list",
            case,
            Hint(
                "A generator is used up after one pass: the second loop over it (the next "
                "training step) finds it empty, so nothing would move, and len() fails on it.",
                "Return a list: put the comprehension in square brackets, or wrap it in list(...).",
                key=f"{owner} generator",
            ),
        )
    if not isinstance(got, (list, tuple)):
        raise _fail(check, owner, "should return a list", case, "Return a list of Values.", got)
    if any(isinstance(p, (list, tuple)) for p in got):
        raise _fail(
            check,
            owner,
            "returns a list of lists" + (f", one per {children[:-1]}" if children else ""),
            case,
            Hint(
                "Training loops over one flat list of Values: flatten the lists into one.",
                "One comprehension with two for clauses does it: [p for a in ... for p in a.parameters()].",
                key=f"{owner} nested",
            ),
            got=got[:3],
        )
    bad = next((p for p in got if not isinstance(p, Value)), None)
    if bad is None:
        return
    if hasattr(bad, "parameters"):
        problem = f"returns the {children} themselves, not their parameters"
        hint = (
            f"Ask each of the {children} for its parameters() and collect the Values they return."
        )
    elif isinstance(bad, Real):
        problem = "returns numbers, not the Values that hold them"
        hint = (
            "Return the Value objects themselves (not their .data): training changes them in place."
        )
    else:
        problem = "should hold only Values"
        hint = "Return the Value objects of the weights and biases."
    raise _fail(check, owner, problem, case, hint, got=bad)


def check_parameters(check, owner, method, groups, case, children):
    """The list `method()` returns, checked against `groups`; fails with the mistake it shows."""
    want = [p for _, ps in groups for p in ps]
    got = check.call(method, case=case)
    _kinds(check, owner, got, case, children)
    got = list(got)
    ids, wanted = [id(p) for p in got], {id(p) for p in want}
    if len(set(ids)) < len(ids):
        raise _fail(
            check,
            owner,
            f"lists some Values twice ({len(got)} items, {len(set(ids))} different)",
            case,
            "Training would move a Value listed twice two steps at once: list each one once.",
        )
    if got and not any(i in wanted for i in ids):
        same = sorted(number(p) for p in got) == sorted(number(p) for p in want)
        raise _fail(
            check,
            owner,
            "returns copies, not its own Values" if same else "returns Values that are not its own",
            case,
            "A copy such as Value(p.data) is a new Value: the optimiser would move the copy, and "
            f"the {owner} would never change. Return the Values the {owner} computes with.",
        )
    mine = [i for i in ids if i in wanted]
    present = [label for label, ps in groups if any(id(p) in mine for p in ps)]
    if len(groups) > 1 and len(present) == 1 and len(mine) < len(want):
        raise _fail(
            check,
            owner,
            f"lists only {present[0]}'s parameters",
            case,
            f"Every one of the {children} has parameters, and training must update them all.",
        )
    biases = {id(ps[-1]) for _, ps in groups if ps}
    if set(ids) == wanted - biases:
        many = len(groups) > 1
        raise _fail(
            check,
            owner,
            "leaves out the bias" + "es" * many,
            case,
            "The bias is a parameter too: training must update it, just like the weights"
            + (" (collect all of each neuron's parameters())." if many else "."),
        )
    if len(got) != len(want) or set(ids) != wanted:
        raise _fail(
            check,
            owner,
            f"should list {len(want)} Values, not {len(got)}",
            case,
            Hint(
                f"List every Value of every one of the {children or 'weights and the bias'}, each once.",
                f"{len(want)} in all: each neuron has one weight per input plus a bias.",
                key=f"{owner} count",
            ),
        )
    if ids != [id(p) for p in want]:
        raise _fail(
            check,
            owner,
            "lists the right Values in the wrong order",
            case,
            f"Keep the order: {groups[0][0]}'s first, one after the other, each weights first "
            "and then the bias.",
        )
    again = check.call(method, case=case + ", called a second time")
    if not isinstance(again, (list, tuple)) or [id(p) for p in again] != ids:
        raise _fail(
            check,
            owner,
            "gives a different list the second time it is called",
            case,
            Hint(
                "Calling it changed the object: `params = self.w` does not copy a list, so "
                "appending to params appends to self.w as well.",
                "Build a new list each time: `self.w + [self.b]`.",
                key=f"{owner} changes",
            ),
            got=f"{len(again)} items" if isinstance(again, (list, tuple)) else again,
        )
    check.ok()
    return got
