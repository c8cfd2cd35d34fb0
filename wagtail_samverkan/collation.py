"""The earlier path of :mod:`wagtail_samverkan.core.collation`, kept because migrations and the documentation import it.

The same module object is served under both names.
"""

import sys

from wagtail_samverkan.core import collation as _module

sys.modules[__name__] = _module
