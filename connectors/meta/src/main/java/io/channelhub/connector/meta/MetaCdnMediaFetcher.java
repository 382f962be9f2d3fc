package io.channelhub.connector.meta;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Downloads an inbound attachment of a Messenger or Instagram webhook from its url
 * ({@code attachments[].payload.url}, a signed Meta CDN url that expires), so the hub stores it and hands the
 * platform its own url instead. The url is signed: no token goes to it.
 */
public final class MetaCdnMediaFetcher implements MediaFetcher {

    private final GraphHttpClient graph;
    private final String channelName;

    /** @param channelName names the channel in errors ("Messenger") */
    public MetaCdnMediaFetcher(GraphHttpClient graph, String channelName) {
        this.graph = graph;
        this.channelName = channelName;
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        if (source == null || source.providerRef() == null || source.providerRef().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "not a " + channelName + " attachment url");
        }
        HttpResponse<InputStream> download = graph.download(source.providerRef(), null);
        String mimeType = source.mimeType() != null ? source.mimeType()
                : download.headers().firstValue("Content-Type").orElse(null);
        return new FetchedMedia(download.body(), mimeType,
                download.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
}
