"""Publish a municipality's cooperation with civil society on a Wagtail site."""

__version__ = "0.1.0.dev0"
