"""Settings."""
X = 1
