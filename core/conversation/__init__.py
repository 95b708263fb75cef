"""The conversation every surface shares: commands, dialogs, and the replies they make."""
