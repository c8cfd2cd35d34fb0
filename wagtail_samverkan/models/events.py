"""The earlier path of :mod:`wagtail_samverkan.events.models`, kept because migrations import it.

The same module object is served under both names.
"""

import sys

from wagtail_samverkan.events import models as _module

sys.modules[__name__] = _module
