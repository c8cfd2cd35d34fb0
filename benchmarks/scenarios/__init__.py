"""Pluggable benchmark scenarios, one per area of the package.

Each module defines ``SCENARIO``, an instance of
:class:`benchmarks.scenarios.base.Scenario`. Their order here is the order in
which they build content: later scenarios use what earlier ones made (the
register's organisations, the agreement page a block links to…).
"""

ORDER = ["baseline", "register", "agreement", "partnerships", "events"]
