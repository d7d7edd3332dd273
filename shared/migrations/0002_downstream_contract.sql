-- 0002: the contract for downstream services: catch-up order, stable views, a read-only role,
-- and the indexes the query API and the documented example queries use.

-- Commit-ordered sequence number of stored documents: the storer takes it under a transaction-level
-- advisory lock right before commit, so a consumer reading "stored_seq > last seen" never skips a
-- document that commits late.
CREATE SEQUENCE documents_stored_seq;
ALTER TABLE documents ADD COLUMN stored_seq bigint UNIQUE;
UPDATE documents SET stored_seq = nextval('documents_stored_seq') WHERE stored_at IS NOT NULL;

CREATE INDEX articles_publication_date ON articles (publication, pub_date);
CREATE INDEX articles_authors ON articles USING gin (authors);
CREATE INDEX entity_mentions_text ON entity_mentions (text, type);
CREATE INDEX entity_mentions_role ON entity_mentions (role) WHERE role IS NOT NULL;

CREATE VIEW v_documents AS
SELECT id AS document_id, filename, encode(sha256, 'hex') AS sha256, size_bytes, publication,
       pub_date, page, issue, encoding, status, failed_stage, error, run, pipeline_version,
       created_at, stored_at, stored_seq
FROM documents;

CREATE VIEW v_articles AS
SELECT a.id AS article_id, a.document_id, a.position, a.title, a.kicker, a.subtitle, a.authors,
       a.source, a.dateline, a.continued_on, a.continued_from, a.body, a.summary,
       a.publication, a.pub_date, d.page, d.issue, a.pipeline_version, d.stored_at, d.stored_seq,
       a.search
FROM articles a JOIN documents d ON d.id = a.document_id;

CREATE VIEW v_mentions AS
SELECT m.id AS mention_id, m.article_id, a.document_id, m.type, m.text, m.value, m.role,
       m.start_offset, m.end_offset, a.pub_date, a.publication
FROM entity_mentions m JOIN articles a ON a.id = m.article_id;

CREATE VIEW v_keywords AS
SELECT k.article_id, k.rank, k.keyword FROM article_keywords k;

CREATE VIEW v_captions AS
SELECT c.article_id, c.position, c.text, c.photographer FROM captions c;

-- Read-only role for downstream services: the views, nothing else. Roles are cluster-wide, so it
-- may exist already (another database on the same server).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsingest_reader') THEN
        CREATE ROLE newsingest_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO newsingest_reader;
GRANT SELECT ON v_documents, v_articles, v_mentions, v_keywords, v_captions TO newsingest_reader;
