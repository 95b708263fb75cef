"""SecondLook's platform-neutral core: models, the decision framework and storage.

Nothing in this package may import a chat platform library (slack_bolt, slack_sdk,
discord); ``tests/test_architecture.py`` enforces it.
"""
