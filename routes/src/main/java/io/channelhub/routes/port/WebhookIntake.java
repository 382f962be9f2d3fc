package io.channelhub.routes.port;

import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;

/**
 * Decides on the request thread what to do with a provider webhook: find the tenant's connector,
 * answer a handshake, check the signature. Throws {@link WebhookRejectedException} for bad input.
 */
public interface WebhookIntake {

    Decision decide(String channel, String tenantId, WebhookRequest request);

    /**
     * @param enqueue what to queue durably before answering (empty to answer at once)
     * @param reply   the answer to give once {@code enqueue} is queued
     */
    record Decision(java.util.List<Outgoing> enqueue, WebhookReply reply) {
        public Decision {
            enqueue = java.util.List.copyOf(enqueue);
        }

        public static Decision answer(WebhookReply reply) {
            return new Decision(java.util.List.of(), reply);
        }
    }
}
