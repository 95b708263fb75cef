"""SecondLook's composition root: settings, wiring, entry points and the CLI."""
