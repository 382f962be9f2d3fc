-- The usage notices sent (usage_warning at 80 %, usage_limit_reached at 100 % of a connector's monthlyQuota):
-- one row per tenant, channel, month and kind, so each is published once per period by whichever instance
-- counts the crossing message first.
create table usage_notices (
    tenant_id varchar(63) not null,
    channel   varchar(31) not null,
    period    varchar(7)  not null,
    kind      varchar(24) not null,
    sent_at   timestamp with time zone not null,
    primary key (tenant_id, channel, period, kind)
);
