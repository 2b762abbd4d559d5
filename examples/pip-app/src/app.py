import importlib.metadata

print("pip-app ready with", len(list(importlib.metadata.distributions())), "distributions")
