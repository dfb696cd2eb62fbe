-- Lodestone store, schema version 13: indexes for the bulk worker's claim of the next job (BulkJobs.claimNext).
--
-- Users take turns (schema 12's code, 2026-12-06): of each owner's oldest job waiting, the one whose owner has had the
-- fewest jobs run since it was queued goes first. Without these indexes that query read the whole job history for every
-- waiting job, and jobs are never deleted (append-only): with 200,000 past jobs and 100 waiting it took 1.7 s of the
-- database a claim, and every idle poll scanned the history for a waiting job. With them: ~2 ms of work (measured,
-- docs/benchmarks.md, "Server").
--
-- bulk_job_waiting: the few jobs queued or running, by owner and age (the waiting jobs, each owner's oldest).
-- bulk_job_owner_finished: an owner's jobs by when they ended (those run since a job was queued).
create index bulk_job_waiting on bulk_job (coalesce(owner, -1), id) where status in ('queued', 'running');
create index bulk_job_owner_finished on bulk_job (coalesce(owner, -1), finished_at);
