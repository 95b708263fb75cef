"""SecondLook on Discord: app commands, DMs, components (discord.py 2.x)."""
