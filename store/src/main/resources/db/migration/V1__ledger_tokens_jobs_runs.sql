-- Lodestone store, schema version 1.

-- API tokens: only a SHA-256 of each token is kept; the token itself is shown once, when it is made.
create table api_token (
    id          bigserial primary key,
    name        text        not null,
    role        text        not null check (role in ('analyst', 'admin')),
    token_hash  text        not null unique,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    revoked_at  timestamptz
);

-- The assessment ledger: every assessment made through the server, append-only.
create table assessment (
    id              bigserial primary key,
    at              timestamptz not null default now(),
    actor           text        not null,
    regime          text        not null,
    regime_version  text        not null,
    entry_date      date        not null,
    hts             text        not null,
    origin          text        not null,
    status          text        not null,
    total_duty      numeric(20, 2),
    request         jsonb       not null,
    result          jsonb       not null
);
create index assessment_at on assessment (at desc);

create function lodestone_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the % table is an append-only ledger: % is not allowed', tg_table_name, tg_op;
end $$;
create trigger assessment_append_only before update or delete on assessment
    for each row execute function lodestone_append_only();
create trigger assessment_no_truncate before truncate on assessment
    for each statement execute function lodestone_append_only();

-- Bulk jobs: the uploaded file, progress and counts. A job is identified by (idem_key, content_sha256):
-- the same file submitted again with the same key is the same job, never assessed twice.
create table bulk_job (
    id              bigserial primary key,
    idem_key        text        not null,
    content_sha256  text        not null,
    file_name       text        not null,
    input_format    text        not null check (input_format in ('csv', 'jsonl')),
    regime          text        not null,
    regime_version  text        not null,
    status          text        not null check (status in ('queued', 'running', 'done', 'failed')),
    submitted_by    text        not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    finished_at     timestamptz,
    size_bytes      bigint      not null,
    chunk_size      integer     not null,
    chunks_done     integer     not null default 0,
    lines_done      bigint      not null default 0,
    assessed        bigint      not null default 0,
    prohibited      bigint      not null default 0,
    rejected        bigint      not null default 0,
    total_duty      numeric(20, 2) not null default 0,
    error           text,
    lease_owner     text,
    lease_until     timestamptz,
    unique (idem_key, content_sha256)
);

create table bulk_input (
    job_id  bigint primary key references bulk_job (id),
    data    bytea  not null
);

-- One row per committed chunk of a job; the primary key makes a chunk's results unique.
create table bulk_chunk (
    job_id        bigint  not null references bulk_job (id),
    chunk_no      integer not null,
    first_record  bigint  not null,
    records       integer not null,
    assessed      integer not null,
    prohibited    integer not null,
    rejected      integer not null,
    total_duty    numeric(20, 2) not null,
    results       text    not null,
    rejects       text    not null,
    primary key (job_id, chunk_no)
);

-- Scenario runs and their results.
create table scenario_run (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    scenario    text        not null,
    mineral     text,
    parameters  jsonb       not null,
    status      text        not null check (status in ('solved', 'failed')),
    result      jsonb,
    error       text,
    millis      double precision
);
create index scenario_run_at on scenario_run (at desc);
