"""newsingest's common library: settings, message envelope, stage types, database and Celery plumbing."""
