package io.channelhub.core.spi;

import java.io.InputStream;

/**
 * Downloads inbound media from the provider with the tenant's credentials. The hub copies the stream
 * into its own storage, enforcing its size limit and checking the MIME type, and retries failures
 * independently of the message.
 */
public interface MediaFetcher {

    /** Opens the media; the caller closes the stream. Throws the connector error types on failure. */
    FetchedMedia fetch(MediaSource source, TenantConnector connector);

    /** An open media download. {@code sizeBytes} is -1 when the provider did not say. */
    record FetchedMedia(InputStream content, String mimeType, long sizeBytes) {
    }
}
