-- 0001: documents, their per-stage progress, and the stored results.

CREATE TABLE documents (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256           bytea NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    filename         text,
    content_type     text,
    size_bytes       integer NOT NULL CHECK (size_bytes > 0),
    raw              bytea NOT NULL,
    publication      text,
    pub_date         date,
    page             integer CHECK (page > 0),
    issue            text,
    encoding         text,
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN
                         ('queued', 'normalising', 'segmenting', 'extracting', 'storing', 'stored', 'failed')),
    failed_stage     text CHECK (failed_stage IN ('normalise', 'segment', 'extract', 'store')),
    error            text,
    run              integer NOT NULL DEFAULT 1 CHECK (run > 0),
    trace_id         text NOT NULL,
    pipeline_version text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    stored_at        timestamptz,
    CONSTRAINT failed_has_reason CHECK (status <> 'failed' OR (error IS NOT NULL AND failed_stage IS NOT NULL))
);
CREATE INDEX documents_status_id ON documents (status, id);
CREATE INDEX documents_stored_at ON documents (stored_at, id) WHERE stored_at IS NOT NULL;

CREATE TABLE document_stages (
    document_id  bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    stage        text NOT NULL CHECK (stage IN ('normalise', 'segment', 'extract', 'store')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    started_at   timestamptz,
    finished_at  timestamptz,
    duration_ms  double precision CHECK (duration_ms >= 0),
    error        text,
    PRIMARY KEY (document_id, stage)
);

CREATE TABLE articles (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id      bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position         integer NOT NULL CHECK (position >= 0),
    title            text NOT NULL,
    kicker           text,
    subtitle         text,
    authors          text[] NOT NULL DEFAULT '{}',
    source           text,
    dateline         text,
    continued_on     integer CHECK (continued_on > 0),
    continued_from   integer CHECK (continued_from > 0),
    body             text NOT NULL,
    summary          text NOT NULL DEFAULT '',
    publication      text,
    pub_date         date,
    pipeline_version text NOT NULL,
    search_text      text NOT NULL,
    search           tsvector NOT NULL,
    UNIQUE (document_id, position)
);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_pub_date ON articles (pub_date);

CREATE TABLE captions (
    article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position >= 0),
    text         text NOT NULL,
    photographer text,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE entity_mentions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type         text NOT NULL CHECK (type IN
                     ('PERSON', 'ORG', 'LOC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY')),
    text         text NOT NULL CHECK (text <> ''),
    value        jsonb,
    role         text,
    start_offset integer NOT NULL CHECK (start_offset >= 0),
    end_offset   integer NOT NULL,
    CHECK (end_offset > start_offset)
);
CREATE INDEX entity_mentions_article ON entity_mentions (article_id);
CREATE INDEX entity_mentions_type_text ON entity_mentions (type, text);

CREATE TABLE article_keywords (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    rank       integer NOT NULL CHECK (rank >= 0),
    keyword    text NOT NULL,
    PRIMARY KEY (article_id, rank)
);
CREATE INDEX article_keywords_keyword ON article_keywords (keyword);
