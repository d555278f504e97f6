"""Analytics derives everything from the other apps; it has no tables of its own."""
