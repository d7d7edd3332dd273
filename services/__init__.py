"""newsingest services: api, normaliser, segmenter, extractor, storer, and the CLI."""
