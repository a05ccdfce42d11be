"""errcat as an MkDocs plugin (MkDocs 1.6, ProperDocs): the entry point `errcat` of `mkdocs.plugins`."""
