-- Compliance views: the query book (docs/compliance-queries.md) and `cardiocorpus audit query NAME`.
-- Each view is named compliance_<name>.

-- De-identified documents per source kind, policy and run.
CREATE VIEW compliance_documents_per_source AS
SELECT s.kind AS source_kind, d.policy_version, d.policy_sha256, d.run_id,
       count(*) AS documents, count(DISTINCT d.source_sha256) AS sources
FROM deidentified_documents d
JOIN source_documents s ON s.content_sha256 = d.source_sha256
GROUP BY ALL
ORDER BY source_kind, policy_version, run_id;

-- PHI detections by entity type per ISO week, from the de-identification events' counts.
CREATE VIEW compliance_phi_detections_by_week AS
SELECT date_trunc('week', e.recorded_at)::DATE AS week, u.entry.key AS entity_type,
       sum(u.entry.value) AS detections, count(DISTINCT e.event_id) AS events
FROM audit_events e,
     unnest(map_entries(json_transform(e.details -> 'detections', '"MAP(VARCHAR, BIGINT)"'))) AS u(entry)
WHERE e.action = 'deidentify'
GROUP BY ALL
ORDER BY week, entity_type;

-- Every released document back to its de-identified version and raw source, with hashes.
CREATE VIEW compliance_release_lineage AS
SELECT m.name AS release_name, m.version AS release_version, r.manifest_sha256,
       m.doc_id, m.text_sha256, d.policy_sha256, d.run_id AS deid_run_id,
       s.content_sha256 AS source_sha256, s.kind AS source_kind, s.location AS source_location,
       s.received_at
FROM release_members m
JOIN releases r USING (name, version)
LEFT JOIN deidentified_documents d ON d.doc_id = m.doc_id AND d.text_sha256 = m.text_sha256
LEFT JOIN source_documents s ON s.content_sha256 = d.source_sha256
ORDER BY release_name, release_version, doc_id;

-- Who pulled which release, when and where to.
CREATE VIEW compliance_release_pulls AS
SELECT a.name AS release_name, a.version AS release_version, a.pulled_by, a.pulled_at,
       a.destination, a.event_id
FROM access_log a
ORDER BY a.pulled_at, a.event_id;

-- Quarantined inputs by stage and reason.
CREATE VIEW compliance_quarantine_by_stage AS
SELECT stage, reason, count(*) AS items, count(DISTINCT input_sha256) AS distinct_inputs
FROM quarantine
GROUP BY ALL
ORDER BY stage, items DESC, reason;

-- De-identified documents with no de-identification event vouching for them. Must be empty.
CREATE VIEW compliance_documents_without_deid_event AS
SELECT d.doc_id, d.text_sha256, d.event_id
FROM deidentified_documents d
LEFT JOIN audit_events e
       ON e.event_id = d.event_id AND e.action = 'deidentify' AND e.run_id = d.run_id
WHERE e.event_id IS NULL
ORDER BY d.doc_id;

-- Releases and whether a passing certification exists for them.
CREATE VIEW compliance_release_certifications AS
SELECT r.name AS release_name, r.version AS release_version, r.manifest_sha256,
       count(c.checks_sha256) AS certifications,
       coalesce(bool_or(c.passed), false) AS certified,
       list(DISTINCT c.certified_by) FILTER (WHERE c.certified_by IS NOT NULL) AS certified_by
FROM releases r
LEFT JOIN certifications c USING (name, version)
GROUP BY ALL
ORDER BY release_name, release_version;
