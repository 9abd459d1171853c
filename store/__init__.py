"""The store: catalog, lexical index (SQLite, FTS5), vectors (Chroma), read queries, search and
audience filters, and the embedders that define the vector space.

`store.index.DocumentIndex` is the door: ingest/ writes through it, assistant/ reads through
it, and no module outside this package touches SQLite or Chroma. Nothing is imported here, so
that listing documents does not load the embedding models.
"""
