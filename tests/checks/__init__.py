"""Checks and bad inputs: located Chinese messages."""
