package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.GraphAccount;
import io.channelhub.connector.whatsapp.model.MediaUrl;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.TenantConnector;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Downloads inbound WhatsApp media in Meta's two steps: the media id gives a short-lived url
 * ({@code GET /{version}/{media-id}}), and the url gives the bytes; both need the tenant's bearer token.
 * Media ids from webhooks expire after about 7 days. See
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media/
 */
public final class WhatsAppMediaFetcher implements MediaFetcher {

    private final WhatsAppApiClient api;

    WhatsAppMediaFetcher(WhatsAppApiClient api) {
        this.api = api;
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        if (source == null || !GraphAccount.isGraphId(source.providerRef())) {
            throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null,
                    "not a WhatsApp media id");
        }
        WhatsAppSettings settings = WhatsAppSettings.of(connector, api.config().apiVersion());
        MediaUrl media = api.mediaUrl(settings, source.providerRef());
        HttpResponse<InputStream> download = api.download(settings, media.url());
        String mimeType = media.mimeType() != null ? media.mimeType()
                : source.mimeType() != null ? source.mimeType()
                : download.headers().firstValue("Content-Type").orElse(null);
        long size = media.fileSize() != null ? media.fileSize()
                : download.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new FetchedMedia(download.body(), mimeType, size);
    }
}
