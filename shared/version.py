"""The pipeline version stamped on every message and every stored result.

Bump it whenever a change to a stage's rules or dictionaries changes what gets stored, so that
stored rows say which pipeline produced them and `reprocess` can find the stale ones.
"""

PIPELINE_VERSION = "0.1.0"
ENVELOPE_VERSION = 1
