package io.channelhub.app.inbound;

import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.QueuedMessage;
import io.channelhub.routes.port.RetryPolicy;
import java.util.List;
import org.springframework.stereotype.Component;

/** Fetches an inbound message's media into hub storage, then publishes the message. */
@Component
class MediaFetchStep implements QueueStep {
    private final MediaDownloads downloads;
    private final RetryPolicy retry;

    MediaFetchStep(MediaDownloads downloads, RetryPolicy retry) {
        this.downloads = downloads;
        this.retry = retry;
    }

    @Override
    public List<Outgoing> process(QueuedMessage queued) {
        return downloads.fetch(queued, retry.spent(queued.deliveryCount()));
    }
}
