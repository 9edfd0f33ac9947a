"""Derived figures: money arithmetic, the catalogue, properties of random departments."""
