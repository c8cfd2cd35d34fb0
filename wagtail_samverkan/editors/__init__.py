"""What editors work with: the admin home's cockpit, its reports, reminders and roles."""
