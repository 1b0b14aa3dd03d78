"""Grade submitted exercise notebooks: `python -m micrograd_checks.grade --help`.

The grader lives in `micrograd_checks.grader` (see its modules, and book/teaching.md for
teachers); this module keeps the command's name.
"""

import sys

from micrograd_checks.grader.batch import NEVER_RUN, Grader
from micrograd_checks.grader.cli import main, table
from micrograd_checks.grader.notebook import CHECK_CALL, EXERCISE_HEADING
from micrograd_checks.grader.verdict import STATUSES, status_of_error

__all__ = ["CHECK_CALL", "EXERCISE_HEADING", "NEVER_RUN", "STATUSES", "Grader"]
__all__ += ["main", "status_of_error", "table"]

if __name__ == "__main__":
    sys.exit(main())
