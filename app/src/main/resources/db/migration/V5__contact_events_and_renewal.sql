-- Contact events (a message unsent, a consent change, a standby thread), one row per provider event: a provider's
-- redelivery finds the row and publishes nothing; the hub's own redelivery after a rollback finds its intake_ref.
-- Erased with the contact and by retention, like messages.
create table contact_events (
    tenant_id         varchar(63)  not null,
    channel           varchar(31)  not null,
    provider_event_id varchar(255) not null,
    type              varchar(40)  not null,
    contact_address   varchar(320) not null,
    body              text         not null,
    intake_ref        varchar(255) not null,
    created_at        timestamp with time zone not null,
    primary key (tenant_id, channel, provider_event_id)
);
create index contact_events_contact on contact_events (tenant_id, contact_address);
create index contact_events_created on contact_events (tenant_id, created_at);

-- When the hub last renewed a connector's expiring credential (Instagram user tokens), or null: then the save
-- by ops (updated_at) is the credential's start.
alter table connectors add column credentials_renewed_at timestamp with time zone;
-- When the renewed credential expires, as the provider said at the renewal; null before the first one.
alter table connectors add column credentials_expire_at timestamp with time zone;

-- Consent to marketing messages, apart from the consent to any message (a Messenger notification-messages opt-in
-- or its STOP_NOTIFICATIONS): stopping notifications must not stop the replies the contact asks for.
alter table contacts add column marketing_consent varchar(12);
alter table contacts add column marketing_consent_at timestamp with time zone;
alter table contacts add column marketing_consent_evidence varchar(1000);
