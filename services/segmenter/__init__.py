"""newsingest segmenter."""
