"""Our own cache helpers, written by hand."""

CACHE = {}
