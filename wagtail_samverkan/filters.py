"""The earlier path of :mod:`wagtail_samverkan.partnerships.filters`, kept for the imports the documentation showed before the package was arranged by area.

The same module object is served under both names.
"""

import sys

from wagtail_samverkan.partnerships import filters as _module

sys.modules[__name__] = _module
