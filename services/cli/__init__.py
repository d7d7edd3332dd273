"""newsingest cli."""
