-- Lodestone store, schema version 11: a bulk or compare job can be cancelled by its owner (or an administrator).
--
-- A cancelled job keeps what it committed (its chunks are append-only) and ends with status 'cancelled'; it no longer
-- counts against its owner's queued-or-running limit. The same file submitted again (same owner, kind, parameters, key
-- and content: the same job) queues it again, and it resumes after its last committed chunk.
-- The column's check was named by PostgreSQL after the table and column (V1 declared it inline).
alter table bulk_job drop constraint bulk_job_status_check;
alter table bulk_job add constraint bulk_job_status_check
    check (status in ('queued', 'running', 'done', 'failed', 'cancelled'));
