-- Lodestone store, schema version 16: a bulk or compare job's uploaded file is stored in pieces of 1 MiB.
--
-- Until now the file was one bytea value in bulk_input, which PostgreSQL compresses whole. The worker reads it a MiB at a
-- time (so that a large upload fits a small server's heap), and a slice of a compressed value is decompressed from its
-- start: reading piece k decompressed k pieces, and a whole file cost the square of its size. Measured on PostgreSQL 15 with
-- a 256 MiB CSV (the upload limit): its first MiB took 0.05 s, its middle 4 s, its last 7 s — about 15 minutes of
-- decompression to read one file that the engine assesses in seconds. Each piece here is compressed on its own, so reading
-- the file costs its size once and it takes the same room as before.
--
-- Jobs stored before this schema keep their file in bulk_input and are read from it as before. The rules are bulk_input's:
-- rows are written once, never changed or truncated, and deleted only when their job is retired (schema 15).
create table bulk_input_piece (
    job_id   bigint  not null references bulk_job (id),
    piece_no integer not null check (piece_no >= 0),
    data     bytea   not null,
    primary key (job_id, piece_no)
);
create trigger bulk_input_piece_append_only before update or delete on bulk_input_piece
    for each row execute function lodestone_retired_rows_only();
create trigger bulk_input_piece_no_truncate before truncate on bulk_input_piece
    for each statement execute function lodestone_append_only();
