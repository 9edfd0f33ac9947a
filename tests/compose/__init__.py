"""Composition: the Document tree and the template sets."""
