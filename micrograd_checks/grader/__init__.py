"""The teachers' grader, `python -m micrograd_checks.grade` (see book/teaching.md).

- notebook: reading untrusted submissions; the released exercise list and check cells
- worker: runs one submission's cells in the sandbox, then the released checks (the probes)
- sandbox: bubblewrap, cgroup and rlimits, the deadline, the private channel
- verdict: the channel's messages to rows, comparing transcripts with the reference run's
- batch: one notebook, the reference runs, a batch's shared state
- cli: the command line (jobs, shards, merge, JSON Lines, CSV)
"""
