package io.channelhub.core.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call a connector would make to its provider, in outline: what it calls and the body it would send,
 * without credentials (a token, a signature or a password never appears here).
 *
 * @param call what is called: an HTTP method and path relative to the provider's API, or a protocol step
 *             such as {@code SMTP DATA}
 * @param body the request body as the provider documents it, or a summary where the wire form is not JSON
 *             (a form, a MIME message)
 */
public record ProviderCall(String call, JsonNode body) {
}
