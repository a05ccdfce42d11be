"""The catalog's history: what changed and when, from git (read), for the changes page and
feed (changes) and for a pull request's reviewer (review)."""
