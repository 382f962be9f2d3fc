package io.channelhub.connector.email;

import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.Party;
import io.channelhub.core.spi.OutboundMessage;

/** Builds outbound messages for tests; defaults to a conversational message to Jan. */
final class Outbound {
    private String id = "0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1908";
    private Party from;
    private Party to = new Party("jan.devries@example.nl", null);
    private Content content;
    private Category category = Category.CONVERSATIONAL;
    private String replyTo;
    private EmailHeaders replyHeaders;
    private String unsubscribeUrl;

    static Outbound of(Content content) {
        Outbound o = new Outbound();
        o.content = content;
        return o;
    }

    Outbound id(String value) {
        id = value;
        return this;
    }

    Outbound from(Party value) {
        from = value;
        return this;
    }

    Outbound to(Party value) {
        to = value;
        return this;
    }

    Outbound category(Category value) {
        category = value;
        return this;
    }

    Outbound replyTo(String value) {
        replyTo = value;
        return this;
    }

    Outbound replyHeaders(EmailHeaders value) {
        replyHeaders = value;
        return this;
    }

    Outbound unsubscribeUrl(String value) {
        unsubscribeUrl = value;
        return this;
    }

    OutboundMessage build() {
        return new OutboundMessage(id, TestMailboxes.TENANT, "email", from, to, "conv-1", content, category, replyTo,
                replyHeaders, null, unsubscribeUrl, null);
    }
}
