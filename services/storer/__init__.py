"""newsingest storer."""
