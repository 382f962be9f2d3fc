package io.channelhub.core.model;

import java.util.Set;

/** The documented list of {@code reason.code} values of status events and dead letters. */
public final class ReasonCodes {
    /** The contact opted out on this channel; the hub refused before any provider call. */
    public static final String OPTED_OUT = "opted_out";
    /** Free-form content outside the channel's customer-service window. */
    public static final String OUTSIDE_SERVICE_WINDOW = "outside_service_window";
    /** The tenant's connector for the channel is disabled or not configured. */
    public static final String CONNECTOR_DISABLED = "connector_disabled";
    /** The recipient address is not valid for the channel. */
    public static final String INVALID_ADDRESS = "invalid_address";
    /** The content type cannot be sent on the channel. */
    public static final String UNSUPPORTED_CONTENT = "unsupported_content";
    /** The sender asked for is not the tenant's configured sender. */
    public static final String SENDER_NOT_ALLOWED = "sender_not_allowed";
    /** The provider refused the message for good (invalid recipient, bad template, …). */
    public static final String PROVIDER_REJECTED = "provider_rejected";
    /** The provider was unreachable, timed out or answered 5xx. */
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    /** The provider throttled the hub. */
    public static final String RATE_LIMITED = "rate_limited";
    /** The provider rejected the tenant's credentials; the connector is marked unhealthy. */
    public static final String AUTHENTICATION_FAILED = "authentication_failed";
    /** Retries ran out; the message is in the dead-letter queue. */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** An inbound payload could not be normalized; it is in the dead-letter queue with its raw body. */
    public static final String NORMALIZATION_FAILED = "normalization_failed";
    /**
     * A polled item (a mail) could not be fetched or read at the provider after several polls: it is set
     * aside there, never deleted, and in the dead-letter queue with whatever raw bytes could be read.
     */
    public static final String UNREADABLE_INBOUND = "unreadable_inbound";
    /** The recipient bounced the message (email delivery status notification). */
    public static final String BOUNCED = "bounced";
    /**
     * The contact cannot be reached on the channel (no RCS on the device or the agent not launched on its
     * carrier; Messenger 551: the person blocked the Page or turned messages off): what cross-channel
     * fallback acts on.
     */
    public static final String NOT_REACHABLE_ON_CHANNEL = "not_reachable_on_channel";
    /** The message's time to live ran out before delivery and the provider revoked it. */
    public static final String EXPIRED = "expired";
    /** The platform took the message back before it was delivered (DELETE of the message). */
    public static final String REVOKED = "revoked";
    /** A submission names a message tag its channel does not have. */
    public static final String TAG_NOT_ALLOWED = "tag_not_allowed";
    /** The tenant is being offboarded. */
    public static final String TENANT_OFFBOARDED = "tenant_offboarded";
    /** A submission on hub.outbound that is not a valid outbound message. */
    public static final String INVALID_REQUEST = "invalid_request";
    /**
     * The message contains what its connector may not send (a card number, an IBAN, a national id: the kind is in
     * the reason's detail, never the value); refused before any provider call.
     */
    public static final String RESTRICTED_CONTENT = "restricted_content";
    /**
     * A marketing message to a contact with no recorded opt-in to marketing on its channel (nor one the platform
     * recorded for every channel of the tenant); refused before any provider call.
     */
    public static final String NO_MARKETING_CONSENT = "no_marketing_consent";
    /**
     * The connector's {@code monthlyQuota} is used up and its {@code quotaPolicy} refuses this message (all
     * outbound, or marketing only); refused before any provider call. Inbound is never refused.
     */
    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    /** The hub could not process the message for an unexpected reason. */
    public static final String INTERNAL_ERROR = "internal_error";

    public static final Set<String> ALL = Set.of(OPTED_OUT, OUTSIDE_SERVICE_WINDOW, CONNECTOR_DISABLED,
            INVALID_ADDRESS, UNSUPPORTED_CONTENT, SENDER_NOT_ALLOWED, PROVIDER_REJECTED, PROVIDER_UNAVAILABLE,
            RATE_LIMITED, AUTHENTICATION_FAILED, RETRIES_EXHAUSTED, NORMALIZATION_FAILED, UNREADABLE_INBOUND, BOUNCED,
            TENANT_OFFBOARDED, NOT_REACHABLE_ON_CHANNEL, EXPIRED, REVOKED, TAG_NOT_ALLOWED, INVALID_REQUEST,
            RESTRICTED_CONTENT, NO_MARKETING_CONSENT, QUOTA_EXCEEDED, INTERNAL_ERROR);

    private ReasonCodes() {
    }
}
