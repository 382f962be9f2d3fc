-- A provider account (WhatsApp phone_number_id, later a page or Instagram account id) belongs to one tenant:
-- the platform-wide webhook URL routes by it, and two owners would see each other's messages. NULL routing
-- keys (channels without one) stay allowed any number of times on both H2 and PostgreSQL.
drop index connectors_routing;
create unique index connectors_routing on connectors (channel, routing_key);
