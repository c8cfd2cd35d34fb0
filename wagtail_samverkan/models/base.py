"""The earlier path of :mod:`wagtail_samverkan.core.pages`, kept because migrations import it.

The same module object is served under both names.
"""

import sys

from wagtail_samverkan.core import pages as _module

sys.modules[__name__] = _module
