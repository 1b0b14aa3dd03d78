"""Part 8.1's checks beyond the basics (see capstone.check_own_value): a new Value keeps its number
exactly and owns its collections, and its repr returns text showing data and grad."""

import re

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks.core import Hint

_NUMBER = r"(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)"


def check_leaf(check, Value):
    """Value(x) keeps x with its fraction; two new Values do not share a mutable collection."""
    x = check.uniform(-9, 9, 3)
    if float(x).is_integer():
        x += 0.125
    case = f"Value({x:g}).data"
    got = check.call(lambda: Value(x).data, case=case)
    if isinstance(got, (int, float)) and got == int(x) and got != x:
        raise check.fail(
            "a new Value keeps only the whole part of its number",
            case=case,
            expected=x,
            got=got,
            hint=Hint(
                "int() drops everything after the decimal point.",
                "Keep the number as a float: self.data = float(data).",
                key="whole part",
            ),
        )
    check.close(got, x, case, what="data", hint="Keep the number you are given in `self.data`.")
    one, two = check.call(Value, 1.0, case="Value(1.0)"), check.call(Value, 2.0, case="Value(2.0)")
    for name, value in adapter.attributes(one).items():
        if isinstance(value, (list, dict, set)) and adapter.attributes(two).get(name) is value:
            raise check.fail(
                f"Value(1.0) and Value(2.0) share one `{name}` {type(value).__name__}",
                case="Value(1.0) and Value(2.0)",
                hint=Hint(
                    f"Python makes a default argument such as `[]` once, when the function is "
                    f"defined, so every new Value gets that same {type(value).__name__}: change "
                    "one and all of them change.",
                    "Make the default an empty tuple `()`, or copy it: self._children = tuple(children).",
                    key="shared default",
                ),
            )
    check.ok()


def _labelled(text, label):
    found = re.search(label + r"\s*[=:]\s*" + _NUMBER, text)
    return float(found.group(1)) if found else None


def _own_repr(check, v, case):
    """What the class's __repr__ returns, refusing anything but a str."""
    method = type(v).__repr__
    if method is object.__repr__:
        shown = type(v).__str__(v) if type(v).__str__ is not object.__str__ else None
        if shown is not None and "-1.5" in str(shown):
            raise check.fail(
                "your class has __str__, and no __repr__",
                case=case,
                got=repr(v),
                hint=Hint(
                    "print() uses __str__, but the notebook shows a Value that ends a cell, and "
                    "a list of Values, with __repr__.",
                    "Name the method __repr__ (print() uses it too when there is no __str__).",
                    key="str not repr",
                ),
            )
    text = check.call(method, v, case=case)
    if not isinstance(text, str):
        printed = text is None
        raise check.fail(
            "__repr__ printed its text and returned None"
            if printed
            else f"__repr__ returned a {type(text).__name__}, not a str",
            case=case,
            got=text,
            hint=Hint(
                "__repr__ must return the text, and Python shows it where it is needed."
                if printed
                else "Python needs the text itself from __repr__: a str, not the number.",
                'Return it: return f"Value(data={self.data})".',
                key="repr returns text",
            ),
        )
    return text


def check_repr(check, Value):
    """repr shows the data (and, if it shows a grad, the grad) at their labels."""
    case = "repr(Value(-1.5))"
    text = _own_repr(check, check.call(Value, -1.5, case=case), case)
    if "-1.5" not in text and re.search(r"-[12]\b(?!\.)", text):
        raise check.fail(
            "repr() rounds the data to a whole number",
            case=case,
            got=text,
            hint=Hint(
                "-1.5 shows as a whole number: the format drops the digits after the point.",
                'Show a few significant digits: f"{self.data:.4g}".',
                key="repr rounds",
            ),
        )
    if "-1.5" not in text or " at 0x" in text:
        hint = "Write `__repr__` so that printing a Value shows its data, e.g. `Value(data=-1.5)`."
        raise check.fail("repr() does not show the data", case=case, got=text, hint=hint)
    check.ok()
    case = "repr of Value(-1.5) with grad 0.25"
    shown = check.call(Value, -1.5, case=case)
    shown.grad = 0.25
    text = _own_repr(check, shown, case)
    data, grad = _labelled(text, "data"), _labelled(text, "grad")
    if data is not None and grad is not None and (data, grad) == (0.25, -1.5):
        raise check.fail(
            "repr() shows the grad at `data` and the data at `grad`",
            case=case,
            got=text,
            hint="Check which attribute goes after which label in your f-string.",
        )
    if "grad" in text.lower() and "0.25" not in text:
        raise check.fail(
            "repr() shows a grad, but not the Value's grad",
            case=case,
            got=text,
            hint="Show `self.grad` where your repr says grad (or leave the grad out).",
        )
    check.ok()
