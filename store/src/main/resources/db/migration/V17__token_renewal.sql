-- Lodestone store, schema version 17: a token's secret can be renewed, the token kept.
--
-- Jobs, runs, what-ifs and ledger records belong to the token that made them (their owner column is the token's id). Making a
-- new token and revoking the old one, to change a secret that may have leaked, cut its user off from everything they had
-- made. Renewing replaces the secret's hash in place: the id, name, role and everything the token owns stay, the old secret
-- stops working at once, and when and by whom it was renewed is kept.
alter table api_token add column renewed_at timestamptz;
alter table api_token add column renewed_by text;

-- A revoked token stays revoked (schema 10), and so cannot be given a new secret; a new secret always says when and by whom
-- (the server's role may update these columns only: Store.APP_UPDATES).
create function lodestone_token_renewal_rules() returns trigger language plpgsql as $$
begin
    if new.token_hash is distinct from old.token_hash then
        if old.revoked_at is not null then
            raise exception 'a revoked token cannot be renewed: token % was revoked at %', old.id, old.revoked_at;
        end if;
        if new.renewed_at is null or new.renewed_at is not distinct from old.renewed_at or new.renewed_by is null then
            raise exception 'a renewed secret records when and by whom: token %', old.id;
        end if;
    elsif new.renewed_at is distinct from old.renewed_at or new.renewed_by is distinct from old.renewed_by then
        raise exception 'a renewal is recorded only with a new secret: token %', old.id;
    end if;
    return new;
end $$;
create trigger api_token_renewal_rules before update on api_token
    for each row execute function lodestone_token_renewal_rules();
