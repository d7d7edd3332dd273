"""newsingest api."""
