-- Lodestone store, schema version 8: indexes for the API's lists read by pages. Every list is newest first by
-- (time, id) and continues after a cursor with (time, id) < (?, ?) (Keyset); an analyst's lists are their own rows.
-- Without these, each page of a list of a million assessments sorted the owner's rows (the time index alone orders
-- everyone's, and not by id within the same time).
create index assessment_page on assessment (at desc, id desc);
create index assessment_owner_page on assessment (owner, at desc, id desc);
create index scenario_run_page on scenario_run (at desc, id desc);
create index scenario_run_owner_page on scenario_run (owner, at desc, id desc);
create index whatif_page on whatif (at desc, id desc);
create index whatif_owner_page on whatif (owner, at desc, id desc);
create index bulk_job_page on bulk_job (kind, created_at desc, id desc);
create index bulk_job_owner_page on bulk_job (kind, owner, created_at desc, id desc);
create index api_token_page on api_token (created_at desc, id desc);
