package io.channelhub.connector.email;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.ByteArrayInputStream;

/**
 * "Fetches" inbound email attachments. They arrived inside the polled message, so the normalizer put
 * each one's bytes in its {@link MediaSource} as a {@code data:} URI; this decodes it. No network call.
 */
public final class EmailMediaFetcher implements MediaFetcher {

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        if (source == null || !EmailDataUri.isDataUri(source.providerRef())) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "email media must be a data: reference made by the email normalizer");
        }
        EmailDataUri.Decoded decoded;
        try {
            decoded = EmailDataUri.decode(source.providerRef());
        } catch (IllegalArgumentException e) {
            throw new PermanentChannelException(ReasonCodes.UNSUPPORTED_CONTENT, null,
                    "email media reference is not valid base64");
        }
        String mimeType = source.mimeType() != null ? source.mimeType() : decoded.mimeType();
        return new FetchedMedia(new ByteArrayInputStream(decoded.bytes()),
                mimeType == null ? "application/octet-stream" : mimeType, decoded.bytes().length);
    }
}
