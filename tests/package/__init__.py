"""The package as installed and embedded: wheel, public API, documentation."""
