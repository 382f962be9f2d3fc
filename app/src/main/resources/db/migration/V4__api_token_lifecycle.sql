-- API tokens can be rotated, revoked and given an expiry (issue 22).
-- source: where a token came from. The start-up sync owns only 'config' rows (it updates and deletes them);
-- 'api' and 'generated' rows change only through the admin API.
alter table api_tokens add column source varchar(20) default 'config' not null;
update api_tokens set source = 'generated' where name in ('generated-ops', 'generated-platform');
alter table api_tokens alter column source drop default;
alter table api_tokens add column expires_at timestamp with time zone;
alter table api_tokens add column last_used_at timestamp with time zone;

-- One row per name: instances starting together converge on it (the loser of an insert race re-reads), and
-- the first-start pair is generated exactly once.
create unique index api_tokens_name on api_tokens (name);

-- Values revoked through the API. A configured value found here is not stored again by the start-up sync:
-- a leaked token stays revoked until the configuration gives its name a new value.
create table revoked_api_tokens (
    token_hash   varchar(64)  primary key,
    name         varchar(100) not null,
    revoked_at   timestamp with time zone not null
);
