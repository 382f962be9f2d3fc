package io.channelhub.app.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelhub.app.HubProperties;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.media.MediaStore;
import io.channelhub.app.persistence.MediaRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.CanonicalMessage;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Inbound media, fetched on its own queue so a slow or failing download is retried without holding up
 * or repeating the message's normalization. Each media item is copied into hub storage (size-limited)
 * and the message's {@code url} then points at the hub's media endpoint, never at the provider. When a
 * download fails for good, the message is still delivered, with the media's {@code url} left empty and
 * the reason in {@code metadata.mediaErrors}: nothing is dropped.
 */
@Component
public class MediaDownloads {
    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloads.class);
    private final ConnectorCatalog catalog;
    private final TenantConnectors connectors;
    private final MediaStore store;
    private final MediaRepository mediaRepository;
    private final HubProperties hub;
    private final Clock clock;

    public MediaDownloads(ConnectorCatalog catalog, TenantConnectors connectors, MediaStore store,
                          MediaRepository mediaRepository, HubProperties hub, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.store = store;
        this.mediaRepository = mediaRepository;
        this.hub = hub;
        this.clock = clock;
    }

    /** What the media queue carries: the message and where to fetch each url-less media item from. */
    record Request(CanonicalMessage message, List<MediaSource> sources) {
    }

    Outgoing request(CanonicalMessage message, List<MediaSource> sources) {
        return new Outgoing.FetchMedia(Messages.json(new Request(message, sources)),
                Messages.routing(message.tenantId(), message.channel(), message.conversationId()));
    }

    /** @param lastAttempt a failed download is then given up (the item marked unavailable), not retried */
    List<Outgoing> fetch(QueuedMessage queued, boolean lastAttempt) {
        Request request = read(queued.text());
        CanonicalMessage m = request.message();
        ResolvedConnector resolved = connectors.resolve(m.tenantId(), m.channel()).orElse(null);
        MediaFetcher fetcher = catalog.find(m.channel()).flatMap(c -> c.mediaFetcher()).orElse(null);
        List<MediaContent> items = mediaItems(m);
        Map<String, Object> errors = new HashMap<>();
        List<MediaContent> stored = new ArrayList<>();
        int next = 0;
        for (MediaContent item : items) {
            if (item.url() != null || next >= request.sources().size()) {
                stored.add(item);
                continue;
            }
            MediaSource source = request.sources().get(next++);
            try {
                if (fetcher == null || resolved == null) {
                    throw new PermanentChannelException("media_unavailable", null, "no connector to fetch media");
                }
                stored.add(download(m, item, source, fetcher, resolved));
            } catch (PermanentChannelException e) {
                errors.put(String.valueOf(next - 1), e.reasonCode() + ": " + redacted(e, resolved));
                stored.add(item);
            } catch (IOException | RuntimeException e) {
                // a library's exception (an HTTP client refusing a header) is retried like a provider's
                if (!lastAttempt) {
                    throw new MediaFetchFailedException("media download failed, will retry: " + redacted(e, resolved));
                }
                errors.put(String.valueOf(next - 1), "retries exhausted: " + redacted(e, resolved));
                stored.add(item);
            }
        }
        return List.of(Messages.inbound(withMedia(m, stored, errors)));
    }

    private MediaContent download(CanonicalMessage m, MediaContent item, MediaSource source, MediaFetcher fetcher,
                                  ResolvedConnector resolved) throws IOException {
        MediaFetcher.FetchedMedia fetched = fetcher.fetch(source, resolved.config());
        long max = hub.media().maxBytes().toBytes();
        if (fetched.sizeBytes() > max) {
            fetched.content().close();
            throw new PermanentChannelException("media_too_large", null, "media of " + fetched.sizeBytes() + " bytes");
        }
        String mime = fetched.mimeType() != null ? fetched.mimeType() : source.mimeType();
        MediaTypes.requireConsistent(item.mediaType(), mime);
        MediaStore.StoredMedia saved;
        try (InputStream in = fetched.content()) {
            saved = store.put(m.tenantId(), in, max);
        } catch (MediaStore.MediaTooLargeException e) {
            throw new PermanentChannelException("media_too_large", null, e.getMessage());
        }
        mediaRepository.insert(new MediaRepository.MediaInfo(saved.id(), m.tenantId(), mime,
                item.filename() != null ? item.filename() : source.filename(), saved.sizeBytes(), saved.sha256()),
                m.id(), clock.instant());
        LOG.debug("Stored media {} for message {}", saved.id(), m.id());
        return item.withStored(hubUrl(m.tenantId(), saved.id()), mime, saved.sizeBytes());
    }

    private String hubUrl(String tenantId, String mediaId) {
        String base = hub.publicBaseUrl().isBlank() ? "" : hub.publicBaseUrl().replaceAll("/+$", "");
        return base + "/api/v1/tenants/" + tenantId + "/media/" + mediaId;
    }

    private static List<MediaContent> mediaItems(CanonicalMessage m) {
        List<MediaContent> items = new ArrayList<>();
        if (m.content() instanceof MediaContent mc) {
            items.add(mc);
        }
        if (m.attachments() != null) {
            items.addAll(m.attachments());
        }
        return items;
    }

    private static CanonicalMessage withMedia(CanonicalMessage m, List<MediaContent> stored,
                                              Map<String, Object> errors) {
        Content content = m.content();
        int offset = 0;
        if (content instanceof MediaContent) {
            content = stored.get(0);
            offset = 1;
        }
        List<MediaContent> attachments = m.attachments() == null ? null : stored.subList(offset, stored.size());
        CanonicalMessage updated = m.withContent(content, attachments);
        if (errors.isEmpty()) {
            return updated;
        }
        Map<String, Object> metadata = new HashMap<>(updated.metadata());
        metadata.put("mediaErrors", errors);
        return new CanonicalMessage(updated.id(), updated.tenantId(), updated.channel(), updated.direction(),
                updated.from(), updated.to(), updated.conversationId(), updated.providerMessageId(),
                updated.timestamp(), updated.content(), updated.replyTo(), metadata, updated.attachments(),
                updated.headers());
    }

    private static Request read(String json) {
        try {
            return HubJson.mapper().readValue(json, Request.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("media request is not JSON", e);
        }
    }

    /** A download worth retrying later; rolls the media queue's transaction back. */
    /** By class and redacted message: exception texts quote what they refused, a token included. */
    private static String redacted(Exception e, ResolvedConnector resolved) {
        String message = resolved == null ? e.getMessage() : resolved.config().secrets().redact(e.getMessage());
        return e instanceof ChannelException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** Without the cause, whose text nobody redacted; the message says what failed. */
    static class MediaFetchFailedException extends RuntimeException {
        MediaFetchFailedException(String message) {
            super(message);
        }
    }
}
