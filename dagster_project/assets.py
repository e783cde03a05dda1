"""The asset graph, layer by layer: raw/ -> deid/ -> normalized/ -> corpus/ (release/ builds on it).

Each kind of delivery (FHIR, notes, papers) gets the same four partitioned assets, one
dynamic partition per delivered file. Metadata carries counts, versions, hashes and audit
event ids only: no file names, no text, no identifier values.
"""


from collections import Counter
from datetime import datetime, timezone

import dagster as dg

from dagster_project.deliveries import KINDS, PARTITIONS, resolve
from deid.known_vault import KnownIdentifierVault
from dagster_project.resources import (CardiocorpusHome, CorpusStoreResource, DeidEngineResource, NoteColumnsResource,
                                       TerminologyResource)
from dagster_project.steps import DeidentifiedDelivery, StepFailed, deidentify_delivery
from readers.common import file_sha256

#: DuckDB allows one writer: every asset that writes the store runs in this pool (limit 1).
STORE_POOL = "corpus_store_writer"
#: Above this share of a delivery's records in quarantine, stewards get a warning.
QUARANTINE_WARNING_RATE = 0.05
#: Below this share of documents with at least one concept, stewards get a warning.
COVERAGE_WARNING_RATE = 0.5

#: Row keys of the FHIR tables where one resource gives several rows (an observation's components,
#: a document's attachments).
FHIR_TABLE_KEYS = {"observations": ["id", "component"], "documents": ["id", "content_type"]}

NAMES = {  # kind -> (deid asset, normalized asset, corpus asset, what stewards call it)
    "fhir": ("fhir_bundles", "fhir_concepts", "fhir_records", "FHIR R4 bundles and Bulk Data NDJSON"),
    "notes": ("notes", "note_concepts", "notes", "clinical notes (.txt, JSONL, CSV)"),
    "papers": ("papers", "paper_concepts", "papers", "papers and case reports (PubMed, JATS, text)"),
}


def _asset_name(context: dg.AssetExecutionContext) -> str:
    return context.asset_key.to_user_string()


def _raw_asset(kind: str):
    what = NAMES[kind][3]

    @dg.asset(key=["raw", f"{kind}_delivery"], partitions_def=PARTITIONS[kind], group_name="raw",
              owners=["team:data-stewards"], kinds={"file", "duckdb"}, pool=STORE_POOL,
              description=f"One delivered file of {what} from landing/{kind}/, recorded in the corpus store by "
                          "content hash and location (never its content). Partition = content hash.")
    def raw_delivery(context: dg.AssetExecutionContext, home: CardiocorpusHome, store: CorpusStoreResource):
        from audit import SourceDocument

        delivery = resolve(home.root(), kind, context.partition_key)
        sha = file_sha256(delivery.path)
        if sha != delivery.sha256:
            raise dg.Failure(f"{kind} delivery {delivery.key} changed after it was delivered; "
                             "the new content arrives as a new partition")
        received = datetime.fromtimestamp(delivery.path.stat().st_mtime, tz=timezone.utc)
        location = str(delivery.path.relative_to(home.root()))
        with store.open() as corpus:
            events = corpus.record_sources(context.run.run_id, _asset_name(context),
                                           [SourceDocument(sha, kind, location, None, received)])
        return dg.Output({"kind": kind, "partition": delivery.key, "sha256": sha, "size": delivery.size},
                         metadata={"bytes": delivery.size, "content sha256": sha, "audit event ids": events})

    return raw_delivery


def _deid_asset(kind: str):
    name, _, _, what = NAMES[kind]
    key = dg.AssetKey(["deid", name])
    checks = [
        dg.AssetCheckSpec("residual_phi_zero", asset=key, blocking=True,
                          description="The second pass finds none of the patients' known identifiers in the output."),
        dg.AssetCheckSpec("quarantine_rate", asset=key,
                          description=f"Warns when over {QUARANTINE_WARNING_RATE:.0%} of the delivery is quarantined."),
    ]
    if kind == "fhir":
        checks.append(dg.AssetCheckSpec("fhir_valid_after_deid", asset=key, blocking=True,
                                        description="Every de-identified resource written validates as FHIR R4B."))

    @dg.asset(key=key, ins={"raw": dg.AssetIn(["raw", f"{kind}_delivery"])}, partitions_def=PARTITIONS[kind],
              group_name="deid", owners=["team:data-stewards"], kinds={"presidio", "spacy"}, check_specs=checks,
              description=f"De-identified {what}: HIPAA Safe Harbor identifiers and clinicians' names replaced "
                          "by consistent per-patient surrogates, dates shifted by the patient's offset.")
    def deidentified(context: dg.AssetExecutionContext, raw: dict, home: CardiocorpusHome, engine: DeidEngineResource,
                     note_columns: NoteColumnsResource):
        from readers.deidentify import Quarantined

        delivery = resolve(home.root(), kind, context.partition_key)
        text_engine = engine.engine()
        try:
            result = deidentify_delivery(delivery, text_engine, engine.key(), home.root() / "deid" / kind,
                                         KnownIdentifierVault(home.root() / "vault" / "known", engine.key()),
                                         note_columns.columns())
        except StepFailed as failure:  # the whole delivery is refused; it is quarantined, not lost
            result = DeidentifiedDelivery(kind, delivery.key, raw["sha256"], resources_in=1,
                                          quarantined=[Quarantined(delivery.key, raw["sha256"], "deid", str(failure))],
                                          policy_version=text_engine.policy.version,
                                          policy_sha256=text_engine.policy.sha256,
                                          engine_versions=text_engine.versions)
        quarantine_rate = len(result.quarantined) / max(result.resources_in, 1)
        metadata = {"documents": len(result.documents), "quarantined": len(result.quarantined),
                    "detections by entity type": dict(sorted(result.detections.items())),
                    "policy version": result.policy_version, "policy sha256": result.policy_sha256}
        if kind == "fhir":
            metadata |= {"resources in": result.resources_in, "bundles written": len(result.outputs),
                         "rules version": result.rules_version or "", "table rows": {
                             t: frame.height for t, frame in sorted(result.tables.items())}}
        yield dg.Output(result, metadata=metadata)
        yield dg.AssetCheckResult(check_name="residual_phi_zero", passed=result.residual_leaks == 0,
                                  metadata={"residual identifiers": result.residual_leaks})
        yield dg.AssetCheckResult(check_name="quarantine_rate", passed=quarantine_rate <= QUARANTINE_WARNING_RATE,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"rate": round(quarantine_rate, 4),
                                            "by stage": dict(Counter(q.stage for q in result.quarantined))})
        if kind == "fhir":
            from fhir_adapters import invalid_resources_in_file

            invalid = sum(invalid_resources_in_file(path) for path in result.outputs)
            yield dg.AssetCheckResult(check_name="fhir_valid_after_deid", passed=invalid == 0,
                                      metadata={"files": len(result.outputs), "invalid resources": invalid})

    return deidentified


def _normalized_asset(kind: str):
    name, normalized, _, what = NAMES[kind]
    key = dg.AssetKey(["normalized", normalized])

    @dg.asset(key=key, ins={"deidentified": dg.AssetIn(["deid", name])}, partitions_def=PARTITIONS[kind],
              group_name="normalized", owners=["team:data-stewards"], kinds={"scispacy", "snomed"},
              check_specs=[dg.AssetCheckSpec("terminology_coverage", asset=key, description=(
                  f"Warns when fewer than {COVERAGE_WARNING_RATE:.0%} of the documents (or FHIR codings) "
                  "map to a known concept."))],
              description=f"Concepts in the de-identified {what}: SNOMED CT / UMLS mentions with negation, "
                          "history and family context" + ("; every coding validated and annotated." if kind == "fhir" else "."))
    def normalized_concepts(context: dg.AssetExecutionContext, deidentified: DeidentifiedDelivery,
                            terminology: TerminologyResource):
        extractor = terminology.extractor()
        mentions: list[dict] = []
        with_concepts = 0
        for document, found in zip(deidentified.documents, extractor.extract_many(d.text for d in deidentified.documents)):
            with_concepts += bool(found)
            mentions += [m.to_json() | {"doc_id": document.doc_id} for m in found]
        coverage = with_concepts / len(deidentified.documents) if deidentified.documents else 1.0
        codings = {}
        if kind == "fhir" and deidentified.tables:
            from terminology import annotate_table_codings

            annotated = annotate_table_codings(deidentified.tables, terminology.store())
            codings = {"coding_annotations": annotated}
            coverage = annotated["known"].mean() if annotated.height else coverage
        yield dg.Output({"mentions": mentions, "codings": codings, "versions": terminology.store().versions},
                        metadata={"mentions": len(mentions), "documents with concepts": with_concepts,
                                  "negated mentions": sum(1 for m in mentions if m.get("negated")),
                                  "by system": dict(Counter(m.get("system") or "none" for m in mentions)),
                                  "distinct codings annotated": sum(f.height for f in codings.values())})
        yield dg.AssetCheckResult(check_name="terminology_coverage", passed=coverage >= COVERAGE_WARNING_RATE,
                                  severity=dg.AssetCheckSeverity.WARN, metadata={"coverage": round(coverage, 4)})

    return normalized_concepts


def _corpus_asset(kind: str):
    name, normalized, corpus_name, what = NAMES[kind]
    key = dg.AssetKey(["corpus", corpus_name])

    @dg.asset(key=key, ins={"deidentified": dg.AssetIn(["deid", name]),
                            "concepts": dg.AssetIn(["normalized", normalized])},
              partitions_def=PARTITIONS[kind], group_name="corpus", owners=["team:compliance"],
              kinds={"duckdb"}, pool=STORE_POOL,
              check_specs=[
                  dg.AssetCheckSpec("every_document_has_deid_event", asset=key, blocking=True,
                                    description="No de-identified document in the store lacks its audit event."),
                  dg.AssetCheckSpec("audit_chain_intact", asset=key, blocking=True,
                                    description="The audit log's hash chain and the rows it vouches for verify."),
              ],
              description=f"The de-identified {what} in the DuckDB corpus store, with their concept mentions, "
                          "clinical tables and quarantine, each write vouched for by an audit event.")
    def corpus_records(context: dg.AssetExecutionContext, deidentified: DeidentifiedDelivery, concepts: dict,
                       store: CorpusStoreResource):
        from audit import DeidentifiedDocument, QuarantineItem

        asset = _asset_name(context)
        events: dict[str, list[int]] = {}
        with store.open() as corpus:
            documents = [DeidentifiedDocument(d.doc_id, d.source_sha256, d.patient_key, d.kind, d.text, d.metadata)
                         for d in deidentified.documents]
            events["deidentify"] = corpus.record_deidentified(
                context.run.run_id, asset, documents, deidentified.policy_version, deidentified.policy_sha256,
                deidentified.engine_versions, deidentified.detections)
            if deidentified.tables:
                events["tables"] = corpus.record_tables(context.run.run_id, asset, deidentified.tables,
                                                        deidentified.source_sha256, keys=FHIR_TABLE_KEYS)
            if concepts["codings"]:
                events["codings"] = corpus.record_tables(context.run.run_id, asset, concepts["codings"],
                                                         deidentified.source_sha256,
                                                         keys={"coding_annotations": ["source_table", "system_uri", "code"]})
            events["mentions"] = corpus.record_mentions(context.run.run_id, asset, concepts["mentions"], concepts["versions"])
            events["quarantine"] = corpus.record_quarantine(
                context.run.run_id, asset, [QuarantineItem(q.location, q.sha256, q.stage, q.reason)
                                        for q in deidentified.quarantined])
            missing = corpus.query("SELECT count(*) FROM compliance_documents_without_deid_event")[0][0]
            report = corpus.verify()
        yield dg.Output(None, metadata={"documents": len(documents), "mentions": len(concepts["mentions"]),
                                        "quarantined": len(deidentified.quarantined),
                                        "audit event ids": {k: v for k, v in events.items() if v}})
        yield dg.AssetCheckResult(check_name="every_document_has_deid_event", passed=missing == 0,
                                  metadata={"documents without event": missing})
        yield dg.AssetCheckResult(check_name="audit_chain_intact", passed=report.ok,
                                  metadata={"events checked": report.events_checked,
                                            "first broken event": report.first_broken.event_id if report.first_broken else -1})

    return corpus_records


def source_assets() -> list:
    return [factory(kind) for kind in KINDS for factory in (_raw_asset, _deid_asset, _normalized_asset, _corpus_asset)]


@dg.asset(key=["corpus", "audit_log"], group_name="corpus", owners=["team:compliance"], kinds={"duckdb", "parquet"},
          deps=[dg.AssetKey(["corpus", NAMES[k][2]]) for k in KINDS], pool=STORE_POOL,
          automation_condition=dg.AutomationCondition.eager(),
          check_specs=[dg.AssetCheckSpec("audit_chain_intact", asset=dg.AssetKey(["corpus", "audit_log"]), blocking=True,
                                         description="The whole audit log verifies, end to end.")],
          description="The verified audit log and a Parquet snapshot of every store table (with sha256) for auditors.")
def audit_log(context: dg.AssetExecutionContext, store: CorpusStoreResource):
    with store.open() as corpus:
        report = corpus.verify()
        snapshot = corpus.snapshot() if report.ok else None
        counts = dict(corpus.query("SELECT action, count(*) FROM audit_events GROUP BY action ORDER BY action"))
    yield dg.Output(None, metadata={"events checked": report.events_checked, "events by action": counts,
                                    "snapshot": snapshot.name if snapshot else "not written: chain broken"})
    yield dg.AssetCheckResult(check_name="audit_chain_intact", passed=report.ok,
                              metadata={"events checked": report.events_checked,
                                        "problem": report.first_broken.problem if report.first_broken else ""})


#: The release builder's gates, each a blocking asset check; certification re-runs them.
RELEASE_GATES = ("files_intact", "residual_phi", "patient_overlap", "format_valid", "audit_chain")
_RELEASE_KEY = dg.AssetKey(["release", "finetune_dataset"])


@dg.asset(key=_RELEASE_KEY, group_name="release", owners=["team:ml-training"], kinds={"openai", "parquet"},
          deps=[dg.AssetKey(["corpus", "audit_log"])], pool=STORE_POOL,
          check_specs=[dg.AssetCheckSpec(gate, asset=_RELEASE_KEY, blocking=True) for gate in RELEASE_GATES]
                      + [dg.AssetCheckSpec("near_duplicates", asset=_RELEASE_KEY,
                                           description="How many near-duplicate examples were removed.")],
          description="The cardiology fine-tuning dataset (OpenAI chat JSONL + Parquet, data card, manifest), "
                      "split by patient. Training teams can pull it once a steward certifies it "
                      "(`cardiocorpus datasets certify`).")
def finetune_dataset(context: dg.AssetExecutionContext, home: CardiocorpusHome, store: CorpusStoreResource,
                     engine: DeidEngineResource):
    from releases import build_release

    with store.open() as corpus:
        build = build_release(corpus, key=engine.key(), root=home.root() / "releases", run_id=context.run.run_id)
    yield dg.Output(None, metadata={"name": build.name, "version": build.version,
                                    "examples": dict(sorted(build.counts.items())),
                                    "reused existing release": build.reused,
                                    "release audit event ids": list(build.release_event_ids),
                                    "certify with": f"cardiocorpus datasets certify {build.name} {build.version} --by NAME"})
    for gate in (*RELEASE_GATES, "near_duplicates"):
        outcome = build.checks.get(gate)
        yield dg.AssetCheckResult(
            check_name=gate, passed=bool(outcome and outcome.passed),
            severity=dg.AssetCheckSeverity.ERROR if gate in RELEASE_GATES else dg.AssetCheckSeverity.WARN,
            metadata=outcome.details if outcome else {"not evaluated": True})
