"""Test and benchmark support: a seeded generator of valid departments, and a fuzzer."""
