package io.channelhub.connector.messenger;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Downloads an inbound attachment from the url in its webhook ({@code attachments[].payload.url}, a signed
 * Meta CDN url that expires), so the hub stores it and hands the platform its own url instead.
 */
public final class MessengerMediaFetcher implements MediaFetcher {

    private final MessengerApiClient api;

    MessengerMediaFetcher(MessengerApiClient api) {
        this.api = api;
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        if (source == null || source.providerRef() == null || source.providerRef().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "not a Messenger attachment url");
        }
        HttpResponse<InputStream> download = api.download(source.providerRef());
        String mimeType = source.mimeType() != null ? source.mimeType()
                : download.headers().firstValue("Content-Type").orElse(null);
        return new FetchedMedia(download.body(), mimeType,
                download.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
}
