"""The catalog: read catalog.yaml (load), check it (schema, validate, published), and model it.

Everything here is plain Python on plain data: no engine, no rendering.
"""
