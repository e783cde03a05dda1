-- cardiocorpus corpus store, schema version 1 (documented in docs/schema.md).
-- Every table a stage writes carries event_id: the audit event that vouches for the row.
-- `cardiocorpus audit verify` recomputes, per event, the digest of the rows carrying its id.
-- Times are UTC, stored as TIMESTAMP (no zone). JSON columns hold canonical JSON text.

-- The hash-chained, append-only audit log. Written only by audit.log.AuditLog.
CREATE TABLE audit_events (
    event_id      BIGINT PRIMARY KEY,   -- 1, 2, 3 ... without gaps
    recorded_at   TIMESTAMP NOT NULL,
    actor         VARCHAR NOT NULL,
    action        VARCHAR NOT NULL,     -- ingest, deidentify, normalize, extract_mentions, quarantine,
                                        -- release, certify, pull, snapshot
    run_id        VARCHAR,
    asset         VARCHAR,
    subject_ids   VARCHAR NOT NULL,     -- JSON array of pseudonymous patient keys
    input_sha256  VARCHAR,
    output_sha256 VARCHAR,
    policy_sha256 VARCHAR,
    rows_sha256   VARCHAR,              -- digest of the rows this event wrote (NULL: it wrote none)
    details       VARCHAR NOT NULL,     -- JSON: counts by type, never values
    prev_hash     VARCHAR NOT NULL,     -- event_hash of the previous event (64 zeros for the first)
    event_hash    VARCHAR NOT NULL      -- sha256 over the canonical serialization (audit/chain.py)
);

-- Raw inputs as delivered: their hash and where they were, never their content.
CREATE TABLE source_documents (
    content_sha256 VARCHAR PRIMARY KEY,
    kind           VARCHAR NOT NULL,    -- fhir_bundle, fhir_ndjson, note, paper ...
    location       VARCHAR NOT NULL,    -- landing-relative path or URI
    patient_key    VARCHAR,             -- pseudonymous (HMAC), NULL for papers
    received_at    TIMESTAMP,
    event_id       BIGINT NOT NULL
);

-- De-identified text, one row per content version of a document.
CREATE TABLE deidentified_documents (
    doc_id          VARCHAR NOT NULL,   -- pseudonymous document id
    text_sha256     VARCHAR NOT NULL,   -- sha256 of text (UTF-8); checked by verify
    source_sha256   VARCHAR NOT NULL,   -- source_documents.content_sha256
    patient_key     VARCHAR,
    kind            VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    metadata        VARCHAR NOT NULL,   -- JSON, no PHI
    policy_version  VARCHAR NOT NULL,
    policy_sha256   VARCHAR NOT NULL,
    engine_versions VARCHAR NOT NULL,   -- JSON {component: version}, models included
    run_id          VARCHAR NOT NULL,
    event_id        BIGINT NOT NULL,
    PRIMARY KEY (doc_id, text_sha256)
);

-- Concepts found in de-identified text (terminology/).
CREATE TABLE concept_mentions (
    mention_id           VARCHAR PRIMARY KEY,  -- sha256 of doc_id, offsets, system, code
    doc_id               VARCHAR NOT NULL,
    start                INTEGER NOT NULL,
    "end"                INTEGER NOT NULL,
    text                 VARCHAR NOT NULL,     -- the mention as it reads in the de-identified text
    system               VARCHAR,
    code                 VARCHAR,
    display              VARCHAR,
    cui                  VARCHAR,
    score                DOUBLE,
    negated              BOOLEAN,
    historical           BOOLEAN,
    family               BOOLEAN,
    hypothetical         BOOLEAN,
    uncertain            BOOLEAN,
    terminology_versions VARCHAR NOT NULL,     -- JSON {system: version}
    run_id               VARCHAR NOT NULL,
    event_id             BIGINT NOT NULL
);

-- Inputs a stage refused: where, which content, why. Never the offending value.
CREATE TABLE quarantine (
    quarantine_id VARCHAR PRIMARY KEY,  -- sha256 of location, input hash, stage, reason
    location      VARCHAR NOT NULL,
    input_sha256  VARCHAR NOT NULL,
    stage         VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    asset         VARCHAR,
    event_id      BIGINT NOT NULL
);

-- Structured tables registered from polars frames (fhir_adapters/): one row per table.
CREATE TABLE clinical_tables (
    table_name  VARCHAR PRIMARY KEY,    -- stored as clinical_<name>
    key_columns VARCHAR NOT NULL,       -- JSON array
    columns     VARCHAR NOT NULL        -- JSON array of [name, DuckDB type]
);

CREATE TABLE releases (
    name            VARCHAR NOT NULL,
    version         VARCHAR NOT NULL,
    manifest        VARCHAR NOT NULL,   -- JSON
    manifest_sha256 VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    event_id        BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE release_members (
    name        VARCHAR NOT NULL,
    version     VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,       -- the exact de-identified version released
    event_id    BIGINT NOT NULL,
    PRIMARY KEY (name, version, doc_id)
);

CREATE TABLE certifications (
    name          VARCHAR NOT NULL,
    version       VARCHAR NOT NULL,
    certified_by  VARCHAR NOT NULL,
    checks        VARCHAR NOT NULL,     -- JSON {check: result}
    checks_sha256 VARCHAR NOT NULL,
    passed        BOOLEAN NOT NULL,     -- every check true / "pass"
    event_id      BIGINT NOT NULL,
    PRIMARY KEY (name, version, checks_sha256)
);

-- Who pulled which release, when, to where. Every pull is a new row (no deduplication).
CREATE TABLE access_log (
    pull_id     VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    version     VARCHAR NOT NULL,
    pulled_by   VARCHAR NOT NULL,
    destination VARCHAR NOT NULL,
    pulled_at   TIMESTAMP NOT NULL,
    event_id    BIGINT NOT NULL
);
