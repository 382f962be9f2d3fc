package io.channelhub.app.inbound;

import io.channelhub.app.HubProperties;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Fetches an inbound message's media into hub storage, then publishes the message. */
@Component
class MediaFetchStep implements QueueStep {
    private final MediaDownloads downloads;
    private final HubProperties hub;

    MediaFetchStep(MediaDownloads downloads, HubProperties hub) {
        this.downloads = downloads;
        this.hub = hub;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        return downloads.fetch(queued, hub.retry().maxAttempts());
    }
}
