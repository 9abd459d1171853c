"""The write path: files are read into paragraphs (readers, parser, segmenter) and the ingest
pipeline embeds and swaps them into the store. Built from settings by `ingest.factory`."""
