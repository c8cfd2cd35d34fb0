"""StreamField blocks a host site can put on any of its own pages.

``SAMVERKAN_BLOCKS`` lists every block of the package, ready to be added to
a host page's StreamField: ``StreamField([...your blocks] + SAMVERKAN_BLOCKS)``.
"""

SAMVERKAN_BLOCKS = []
