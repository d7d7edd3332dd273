-- 0003: search ranks the most recent matches; this index hands them over newest first.
CREATE INDEX articles_recent ON articles (pub_date DESC NULLS LAST, id DESC);
