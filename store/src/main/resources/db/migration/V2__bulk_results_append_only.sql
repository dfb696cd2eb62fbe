-- Lodestone store, schema version 2: a bulk job's uploaded file and its committed results are, like the
-- assessment ledger, written once and never changed. (The job row itself keeps its progress up to date.)
create trigger bulk_input_append_only before update or delete on bulk_input
    for each row execute function lodestone_append_only();
create trigger bulk_input_no_truncate before truncate on bulk_input
    for each statement execute function lodestone_append_only();
create trigger bulk_chunk_append_only before update or delete on bulk_chunk
    for each row execute function lodestone_append_only();
create trigger bulk_chunk_no_truncate before truncate on bulk_chunk
    for each statement execute function lodestone_append_only();
