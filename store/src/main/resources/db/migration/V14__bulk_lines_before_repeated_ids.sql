-- Lodestone store, schema version 14: how many of a bulk job's first lines were assessed before Lodestone looked for
-- repeated line ids.
--
-- Schema 12 began counting repeated ids (bulk_job.duplicate_ids) and gave every job already there 0: a job assessed
-- before it — or resumed across the upgrade after chunks committed before it — said "no line repeats an earlier line's id"
-- of lines no one had looked at (found upgrading a data directory of schema 6: a file with 25 repeated ids said 0).
-- An assessing job's chunk committed before schema 12 is the one without totals (V12: null; every later one has them,
-- a compare job's never); those are its first chunks, so their lines are the job's first lines.
alter table bulk_job add column duplicate_unchecked_lines bigint not null default 0;
update bulk_job j set duplicate_unchecked_lines = c.lines
    from (select job_id, sum(records) as lines from bulk_chunk where totals is null group by job_id) c
    where c.job_id = j.id and j.kind = 'assess';
