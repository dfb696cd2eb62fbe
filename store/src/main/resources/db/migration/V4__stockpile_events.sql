-- Lodestone store, schema version 4: stockpile ledgers (Project Vault and others). A stockpile is its
-- events alone, append-only like the assessment ledger; holdings, cost basis, funding left and members'
-- entitlements are derived from them on every read (exposure module), never stored beside them.
-- (Version 3 is another change's migration; versions need not be contiguous.)
create table stockpile_event (
    id          bigserial   primary key,
    stockpile   text        not null,
    seq         integer     not null check (seq >= 1),
    at          timestamptz not null default now(),
    actor       text        not null,
    event_date  date        not null,
    type        text        not null,
    payload     jsonb       not null,
    -- the position of an event in its ledger: two appends made on the same reading cannot both succeed
    unique (stockpile, seq)
);

create trigger stockpile_event_append_only before update or delete on stockpile_event
    for each row execute function lodestone_append_only();
create trigger stockpile_event_no_truncate before truncate on stockpile_event
    for each statement execute function lodestone_append_only();
