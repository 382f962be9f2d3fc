-- The ops console's searches, newest first by the global order: all messages, a tenant's, a contact's.
-- Plain indexes, the same on H2 and PostgreSQL. (Dead letters keep dead_letters_tenant; they are few.)
create index messages_seq on messages (seq);
create index messages_tenant_seq on messages (tenant_id, seq);
create index messages_contact_seq on messages (contact_address, seq);
