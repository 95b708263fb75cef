"""The second-look visit itself (domain.md §6): what to ask, what to watch, when to go."""
