"""Platform adapters: each translates its platform's events to the core and renders replies."""
