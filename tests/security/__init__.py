"""Input chooses no code and no path."""
