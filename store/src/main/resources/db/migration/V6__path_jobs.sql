-- Lodestone store, schema version 6: path jobs (Monte Carlo, target seeking, sensitivity submitted through the
-- API). A row is written when a job is submitted and updated as it starts and ends; a finished job's result is
-- the scenario run it stored (run_id), so a restart keeps it and GET /api/path-jobs/{id} still answers. A job
-- left queued or running by a stopped server is reported as interrupted.
-- (Version 5 is another change's migration; versions need not be contiguous.)
create table path_job (
    id        bigserial   primary key,
    at        timestamptz not null default now(),
    kind      text        not null check (kind in ('montecarlo', 'seek', 'sensitivity')),
    scenario  text        not null,
    owner     bigint,
    status    text        not null check (status in ('queued', 'running', 'done', 'failed')),
    error     text,
    run_id    bigint      references scenario_run (id),
    ended_at  timestamptz,
    check ((status in ('done', 'failed')) = (ended_at is not null))
);
