-- Lodestone store, schema version 15: an administrator may retire a finished job's working data.
--
-- The project's owners decided (2026-12-06): the assessment ledger and its hash chain, what-ifs, scenario runs and
-- stockpile events stay append-only for ever; a finished bulk or compare job's working data — its uploaded file
-- (bulk_input) and its results, rejects and figures chunk by chunk (bulk_chunk), about 250 MB a million lines — may be
-- removed by an administrator (BulkJobs.retire). The job's row stays: its counts, total and, for a bulk job, its totals
-- summed from its chunks (retired_totals, the JSON a chunk keeps, so GET …/totals answers the same after retirement).
--
-- The triggers of schema 2 refused every DELETE; they now allow one only of a retired job's rows. TRUNCATE and UPDATE stay
-- refused, and so does deleting a live job's rows, to the owner too. A job is retired only once it has ended (done,
-- failed, cancelled), and a retired job's row is final: retired_at is never unset, nor anything else changed.
alter table bulk_job add column retired_at timestamptz;
alter table bulk_job add column retired_totals text;

-- a retired job no longer holds its identity: the same file uploaded again (same key) is a new job, assessed again
drop index bulk_job_owner_key;
create unique index bulk_job_owner_key on bulk_job (coalesce(owner, -1), kind, params, idem_key, content_sha256)
    where retired_at is null;
-- the age policy's search: finished jobs not yet retired, by when they ended
create index bulk_job_retirable on bulk_job (finished_at) where retired_at is null;

create function lodestone_job_retirement() returns trigger language plpgsql as $$
begin
    if old.retired_at is not null then
        raise exception 'job % was retired at %: a retired job''s record is final', old.id, old.retired_at;
    end if;
    if new.retired_at is not null and new.status not in ('done', 'failed', 'cancelled') then
        raise exception 'job % is %: only a finished job (done, failed or cancelled) can be retired', old.id, new.status;
    end if;
    return new;
end $$;
create trigger bulk_job_retirement before update on bulk_job
    for each row execute function lodestone_job_retirement();

create function lodestone_retired_rows_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and exists (select 1 from bulk_job j where j.id = old.job_id and j.retired_at is not null) then
        return old;
    end if;
    if tg_op = 'DELETE' then
        raise exception 'the % table is an append-only ledger: DELETE is not allowed of a job that is not retired (job %)',
            tg_table_name, old.job_id;
    end if;
    raise exception 'the % table is an append-only ledger: % is not allowed', tg_table_name, tg_op;
end $$;
drop trigger bulk_input_append_only on bulk_input;
create trigger bulk_input_append_only before update or delete on bulk_input
    for each row execute function lodestone_retired_rows_only();
drop trigger bulk_chunk_append_only on bulk_chunk;
create trigger bulk_chunk_append_only before update or delete on bulk_chunk
    for each row execute function lodestone_retired_rows_only();
-- bulk_input_no_truncate and bulk_chunk_no_truncate (schema 2) stay: TRUNCATE is refused whatever the jobs
