"""Slack: the core on slack-bolt's AsyncApp, over HTTP or Socket Mode."""
