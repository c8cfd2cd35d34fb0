"""Idea-based public partnerships (IOP): the register page, IOP pages and open data."""
