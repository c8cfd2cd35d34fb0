"""The register: organisations, municipal bodies and focus areas every area refers to."""
