-- Lodestone store, schema version 5: what-if comparisons recorded, and a whole file's what-if as a background job.
--
-- Compare jobs are bulk jobs of kind 'compare': the same table, lease, chunks and per-user limit, so they resume
-- after a restart exactly as assessment jobs do. `params` is the comparison asked for (a canonical JSON text
-- written by the server: the regime compared with and how many lines to list) and is part of a job's identity:
-- the same file compared with another regime is another job. A compare job's chunk keeps its figures and its own
-- largest changes (JSON) in `results`; its rejects column is empty.
alter table bulk_job add column kind text not null default 'assess' check (kind in ('assess', 'compare'));
alter table bulk_job add column params text not null default '';
drop index bulk_job_owner_key;
create unique index bulk_job_owner_key on bulk_job (coalesce(owner, -1), kind, params, idem_key, content_sha256);

-- Every what-if made through the server — one shipment (POST /api/compare) or a whole file (compare-file, compare
-- jobs) — with what was asked and what it answered. Append-only like the assessment ledger, but outside its hash
-- chain: a what-if is an analyst's question, not an assessment of record (docs/architecture.md, "What-ifs").
create table whatif (
    id             bigserial   primary key,
    at             timestamptz not null default now(),
    actor          text        not null,
    owner          bigint,
    kind           text        not null check (kind in ('shipment', 'file')),
    regime         text        not null,
    compared_with  text        not null,
    subject        text        not null,
    job_id         bigint      references bulk_job (id),
    total_a        numeric(38, 2),
    total_b        numeric(38, 2),
    difference     numeric(38, 2),
    request        jsonb       not null,
    result         jsonb       not null
);
-- a compare job's what-if is recorded once, even when the job is resumed after it was recorded
create unique index whatif_job on whatif (job_id) where job_id is not null;
create index whatif_owner on whatif (owner, id desc);

create trigger whatif_append_only before update or delete on whatif
    for each row execute function lodestone_append_only();
create trigger whatif_no_truncate before truncate on whatif
    for each statement execute function lodestone_append_only();
