package io.channelhub.routes.port;

/**
 * Polls the mailboxes of channels the hub fetches from. Called on every tick of the polling route; it
 * decides which tenants are due and must return at once (polls run on their own threads).
 */
public interface InboundPolling {
    void tick();
}
