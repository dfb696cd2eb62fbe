-- Lodestone store, schema version 7: the web application's sessions. Signing a browser in with an API token
-- opens a session: the browser's cookie holds the session's own random secret (lss_…), never the token, and
-- only its SHA-256 is stored here. Signing out ends the session on the server (ended_at), so a copied cookie
-- stops working at once; a session also ends when it expires or when its token is revoked.
create table web_session (
    id            bigserial   primary key,
    session_hash  text        not null unique,
    token_id      bigint      not null references api_token (id),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    ended_at      timestamptz,
    check (expires_at > created_at)
);
create index web_session_token on web_session (token_id);
