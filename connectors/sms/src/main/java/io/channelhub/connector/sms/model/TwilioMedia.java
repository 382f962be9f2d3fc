package io.channelhub.connector.sms.model;

/**
 * One MMS media item of an inbound message: {@code MediaUrlN} (on api.twilio.com, fetched with the
 * account's credentials when the console's "HTTP basic auth for media" is on) and
 * {@code MediaContentTypeN}.
 */
public record TwilioMedia(String url, String contentType) {
}
