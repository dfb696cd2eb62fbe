-- Lodestone store, schema version 3: a hash chain over the assessment ledger, and owners.
--
-- Each ledger record carries its position in the chain (seq, 1, 2, 3 … without gaps), the hash of the record
-- before it (prev_hash; 64 zeros for the first) and its own hash: SHA-256 of lodestone_ledger_payload(…), a
-- canonical text of the position, the previous hash and every column. A trigger owned by the schema's owner
-- (security definer) assigns them at insert, under the lock of the one-row table ledger_head, which records
-- the newest position and hash. `lodestone ledger verify` recomputes the chain and names every changed,
-- deleted or inserted record.
--
-- Owners: the id of the API token that made a record (null for records made before version 3, which only
-- administrators see). Idempotency keys of bulk jobs are per owner.

alter table assessment alter column total_duty type numeric(38, 2);
alter table bulk_job alter column total_duty type numeric(38, 2);
alter table bulk_chunk alter column total_duty type numeric(38, 2);

alter table assessment add column owner bigint;
alter table assessment add column seq bigint;
alter table assessment add column prev_hash text;
alter table assessment add column hash text;
create unique index assessment_seq on assessment (seq);

alter table bulk_job add column owner bigint;
alter table bulk_job drop constraint bulk_job_idem_key_content_sha256_key;
create unique index bulk_job_owner_key on bulk_job (coalesce(owner, -1), idem_key, content_sha256);

alter table scenario_run add column owner bigint;

create table ledger_head (
    id    integer primary key check (id = 1),
    seq   bigint  not null,
    hash  text    not null
);

-- The canonical text a record's hash is taken over: a JSON array whose text form PostgreSQL fixes
-- (jsonb), with the time in microseconds since the epoch and the date as YYYY-MM-DD, so that no session
-- setting (time zone, date style) changes it.
create function lodestone_ledger_payload(seq bigint, prev_hash text, id bigint, at timestamptz, actor text, owner bigint,
                                         regime text, regime_version text, entry_date date, hts text, origin text,
                                         status text, total_duty numeric, request jsonb, result jsonb)
    returns text language sql immutable as $$
    select jsonb_build_array(seq, prev_hash, id, (extract(epoch from at) * 1000000)::bigint, actor, owner, regime,
                             regime_version, to_char(entry_date, 'YYYY-MM-DD'), hts, origin, status, total_duty::text,
                             request, result)::text
$$;

create function lodestone_ledger_chain() returns trigger language plpgsql security definer
    set search_path = public, pg_temp as $$
declare
    head record;
begin
    select l.seq, l.hash into head from ledger_head l where l.id = 1 for update;
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.hash := encode(sha256(convert_to(lodestone_ledger_payload(new.seq, new.prev_hash, new.id, new.at, new.actor, new.owner,
        new.regime, new.regime_version, new.entry_date, new.hts, new.origin, new.status, new.total_duty, new.request,
        new.result), 'UTF8')), 'hex');
    update ledger_head set seq = new.seq, hash = new.hash where id = 1;
    return new;
end $$;

-- the records written before this version join the chain in the order they were written
alter table assessment disable trigger assessment_append_only;
do $$
declare
    r record;
    n bigint := 0;
    h text := repeat('0', 64);
begin
    for r in select * from assessment order by id loop
        n := n + 1;
        update assessment set seq = n, prev_hash = h,
            hash = encode(sha256(convert_to(lodestone_ledger_payload(n, h, r.id, r.at, r.actor, r.owner, r.regime, r.regime_version,
                r.entry_date, r.hts, r.origin, r.status, r.total_duty, r.request, r.result), 'UTF8')), 'hex')
            where id = r.id
            returning hash into h;
    end loop;
    insert into ledger_head (id, seq, hash) values (1, n, h);
end $$;
alter table assessment enable trigger assessment_append_only;

create trigger assessment_chain before insert on assessment
    for each row execute function lodestone_ledger_chain();

create trigger ledger_head_no_delete before delete on ledger_head
    for each row execute function lodestone_append_only();
create trigger ledger_head_no_truncate before truncate on ledger_head
    for each statement execute function lodestone_append_only();
