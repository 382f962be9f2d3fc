-- Cross-channel fallback (CONTRACT §7). One row per outbound message that has further attempts: what is tried
-- next and on what, and what became of it. The next attempt is made by whoever sets attempt_id first, so a
-- chain moves on once per message however many checks (a failure, the deadline, a redelivery) arrive.
create table message_fallbacks (
    message_id  varchar(36)  primary key,
    tenant_id   varchar(63)  not null,
    -- the attempts still to come, in order, each the submission it sends and what leads to it (JSON)
    chain       text         not null,
    -- the first attempt's not_delivered_within deadline, if it has one
    deadline    timestamp with time zone,
    -- pending | attempted | cancelled (delivered, or taken back by the platform) | ended (nothing applies)
    state       varchar(12)  not null,
    attempt_id  varchar(36),
    updated_at  timestamp with time zone not null
);
create index message_fallbacks_tenant on message_fallbacks (tenant_id);

-- A history entry names the fallback attempt it led to, or the message an attempt falls back from.
alter table message_status add column fallback_attempt varchar(36);
alter table message_status add column fallback_of varchar(36);

-- A tenant's default fallback chain per channel, for submissions that bring none (ops settings).
create table tenant_fallbacks (
    tenant_id   varchar(63)  not null references tenants (id) on delete cascade,
    channel     varchar(31)  not null,
    chain       text         not null,
    updated_at  timestamp with time zone not null,
    primary key (tenant_id, channel)
);
