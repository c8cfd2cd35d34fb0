"""The editors' area: what the people keeping the content alive work with."""
