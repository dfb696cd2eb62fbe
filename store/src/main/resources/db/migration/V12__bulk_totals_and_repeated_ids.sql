-- Lodestone store, schema version 12: a bulk job's duty totals by origin, HS heading and measure, and its repeated line ids
-- (docs/bulk-format.md, "Totals" and "Repeated line ids").
--
-- Each chunk keeps its own totals (JSON, exact decimal strings), committed with its results in the same transaction, so a
-- resumed job's totals are those of the chunks it committed, each counted once; the job's are their sum. A chunk committed
-- before this version has none (null): its job's totals are then reported as not available rather than short.
alter table bulk_chunk add column totals text;
alter table bulk_chunk add column duplicate_ids integer not null default 0;
alter table bulk_job add column duplicate_ids bigint not null default 0;
-- the first line whose id could no longer be remembered (0: every id was checked)
alter table bulk_job add column duplicate_check_stopped_at bigint not null default 0;
