"""The terminal surface: plain-text tables and, later, the `secondlook chat` loop."""
