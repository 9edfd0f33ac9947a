"""The published formats: each example against its published seed."""
