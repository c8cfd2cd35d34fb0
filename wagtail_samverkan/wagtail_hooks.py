from wagtail.snippets.models import register_snippet

from .viewsets import SamverkanViewSetGroup

register_snippet(SamverkanViewSetGroup)
