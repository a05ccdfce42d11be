"""A small catalog with deprecated and removed codes, shared by the tests that build it."""

STATUS_CATALOG = """\
categories:
  - id: general
    title: General status
    codes:
      - code: 0
        message: SUCCESS
        description: API request success.
      - code: 3
        message: OLD_TOKEN_FORMAT
        description: The token uses the old format.
        status: deprecated
        note: Send the new format; see [code 0](#0).
      - code: 4
        message: LEGACY_FAILURE
        description: A failure the API no longer reports.
        status: removed
        note: Replaced by `-1`.
      - code: -1
        message: FAILURE
        description: API request fail.
      - code: 5
        message: BUSY
        description: The server is busy.
        note: Retry after a minute; see [code 0](#0).
"""
