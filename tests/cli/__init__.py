"""The command line: check, build, init and import."""
