"""What editors need to act on: the admin home's cockpit and its reports."""
