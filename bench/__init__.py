"""Benchmarks: scripts that measure, run with ``python -m bench.<name>``; never timed tests."""
