"""Batches: counties, provinces and their summaries."""
