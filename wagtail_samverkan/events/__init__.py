"""Meetings and events: calendars, events, their dates and iCal feeds."""
