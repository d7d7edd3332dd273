"""newsingest extractor."""
