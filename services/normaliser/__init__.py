"""newsingest normaliser."""
