-- channel-hub schema; runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

create table tenants (
    id             varchar(63)  primary key,
    name           varchar(200) not null,
    status         varchar(20)  not null,
    retention_days integer      not null,
    timezone       varchar(64)  not null,
    quiet_hours    varchar(11),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    erase_after    timestamp with time zone
);

-- settings: JSON in clear; secrets: AES-GCM ciphertext (base64) of the JSON map of secrets.
create table connectors (
    tenant_id     varchar(63)   not null references tenants (id) on delete cascade,
    channel       varchar(31)   not null,
    enabled       boolean       not null,
    settings      text          not null,
    secrets       text,
    routing_key   varchar(255),
    health        varchar(20)   not null,
    health_detail varchar(500),
    last_error    varchar(1000),
    last_error_at timestamp with time zone,
    updated_at    timestamp with time zone not null,
    primary key (tenant_id, channel)
);
create index connectors_routing on connectors (channel, routing_key);

create table api_tokens (
    id           varchar(36)  primary key,
    name         varchar(100) not null,
    role         varchar(20)  not null,
    tenant_id    varchar(63),
    token_hash   varchar(64)  not null unique,
    created_at   timestamp with time zone not null
);

create sequence message_seq;

-- one row per message; body is the canonical JSON, erased when the tenant's retention ends.
create table messages (
    id                  varchar(36)  primary key,
    seq                 bigint       not null,
    tenant_id           varchar(63)  not null,
    channel             varchar(31)  not null,
    direction           varchar(10)  not null,
    conversation_id     varchar(36)  not null,
    contact_address     varchar(320) not null,
    provider_message_id varchar(255),
    status              varchar(12)  not null,
    category            varchar(20),
    body                text,
    intake_ref          varchar(255),
    replay_round        integer      not null,
    last_error          varchar(1000),
    enqueued_at         timestamp with time zone,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create unique index messages_provider_id on messages (tenant_id, channel, direction, provider_message_id);
create index messages_conversation on messages (conversation_id, seq);
create index messages_tenant_created on messages (tenant_id, created_at);

create table message_status (
    message_id    varchar(36)  not null,
    replay_round  integer      not null,
    status        varchar(12)  not null,
    reason_code   varchar(40),
    detail        varchar(1000),
    provider_code varchar(40),
    intake_ref    varchar(255),
    occurred_at   timestamp with time zone not null,
    primary key (message_id, replay_round, status)
);

create table idempotency_keys (
    tenant_id  varchar(63)  not null,
    idem_key   varchar(255) not null,
    message_id varchar(36)  not null,
    created_at timestamp with time zone not null,
    primary key (tenant_id, idem_key)
);

create table contacts (
    tenant_id        varchar(63)  not null,
    channel          varchar(31)  not null,
    address          varchar(320) not null,
    consent          varchar(12)  not null,
    consent_at       timestamp with time zone,
    consent_evidence varchar(1000),
    last_inbound_at  timestamp with time zone,
    conversation_id  varchar(36),
    primary key (tenant_id, channel, address)
);

create table usage_counters (
    tenant_id varchar(63) not null,
    channel   varchar(31) not null,
    period    varchar(7)  not null,
    direction varchar(10) not null,
    messages  bigint      not null,
    units     bigint      not null,
    primary key (tenant_id, channel, period, direction)
);

create table media (
    id         varchar(36)  primary key,
    tenant_id  varchar(63)  not null,
    mime_type  varchar(255) not null,
    filename   varchar(255),
    size_bytes bigint       not null,
    sha256     varchar(64)  not null,
    created_at timestamp with time zone not null
);
create index media_tenant on media (tenant_id, created_at);

-- body_encoding: utf8 or base64 (raw provider payloads need not be text).
create table dead_letters (
    id             varchar(36)   primary key,
    tenant_id      varchar(63),
    channel        varchar(31),
    original_queue varchar(100)  not null,
    reason_code    varchar(40)   not null,
    detail         varchar(2000),
    attempts       integer       not null,
    body           text          not null,
    body_encoding  varchar(10)   not null,
    properties     text          not null,
    message_id     varchar(36),
    created_at     timestamp with time zone not null,
    replayed_at    timestamp with time zone
);
create index dead_letters_tenant on dead_letters (tenant_id, channel, created_at);
