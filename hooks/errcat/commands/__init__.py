"""The `errcat` command (cli) and what its subcommands write: new sites (scaffold), from a
site's configuration (siteconfig)."""
