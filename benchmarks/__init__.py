"""The performance benchmark of wagtail_samverkan (not part of the installed package).

Run it with ``make bench`` or ``python -m benchmarks.run``; see docs/performance.md.
"""
