-- Lodestone store, schema version 10: a revoked token stays revoked, an ended web session stays ended.
--
-- The server's role may set api_token.revoked_at (revoking) and web_session.ended_at (signing out): a column grant, and
-- a grant cannot say "only from null to a time". The role could set them back to null and so bring a revoked token or an
-- ended session back to life. These triggers, owned by the schema's owner, refuse any change to either once it is set.

create function lodestone_token_revocation_final() returns trigger language plpgsql as $$
begin
    if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
        raise exception 'a revoked token stays revoked: token % was revoked at %', old.id, old.revoked_at;
    end if;
    return new;
end $$;
create trigger api_token_revocation_final before update on api_token
    for each row execute function lodestone_token_revocation_final();

create function lodestone_session_end_final() returns trigger language plpgsql as $$
begin
    if old.ended_at is not null and new.ended_at is distinct from old.ended_at then
        raise exception 'an ended session stays ended: session % ended at %', old.id, old.ended_at;
    end if;
    return new;
end $$;
create trigger web_session_end_final before update on web_session
    for each row execute function lodestone_session_end_final();
