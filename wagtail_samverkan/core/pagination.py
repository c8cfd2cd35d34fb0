"""Pagination without counting the paginated list itself."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountingPaginator(Paginator):
    """A paginator told how many items there are: ``counted`` is the number
    (e.g. from the cache), or an equivalent but cheaper queryset to count.
    """

    def __init__(self, object_list, per_page, *, counted, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        if isinstance(self.counted, int):
            return self.counted
        return self.counted.count()
