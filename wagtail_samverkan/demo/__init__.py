"""Demo content: fictional but realistic data for a Borås-like municipality."""
