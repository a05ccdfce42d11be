"""The engines errcat serves, one folder each: the only code that imports an engine.

Each adapter hands an engine what the core (catalog, history, render) made, and nothing
else: a third engine is one more folder beside these.
"""
