package io.channelhub.app.flow;

import io.channelhub.routes.port.BatchStep;
import io.channelhub.routes.port.QueueStep;
import io.channelhub.routes.port.Steps;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Hands the routes the application's steps. */
@Component
class HubSteps implements Steps {
    private final BatchStep normalize;
    private final QueueStep matchStatus;
    private final QueueStep fetchMedia;
    private final QueueStep acceptOutbound;
    private final QueueStep dispatch;
    private final QueueStep fallback;
    private final QueueStep deadLetter;

    HubSteps(@Qualifier("normalizeStep") BatchStep normalize, @Qualifier("statusRetryStep") QueueStep matchStatus,
             @Qualifier("mediaFetchStep") QueueStep fetchMedia, @Qualifier("outboundIntakeStep") QueueStep acceptOutbound,
             @Qualifier("dispatchStep") QueueStep dispatch, @Qualifier("fallbackStep") QueueStep fallback,
             @Qualifier("deadLetterStep") QueueStep deadLetter) {
        this.normalize = normalize;
        this.matchStatus = matchStatus;
        this.fetchMedia = fetchMedia;
        this.acceptOutbound = acceptOutbound;
        this.dispatch = dispatch;
        this.fallback = fallback;
        this.deadLetter = deadLetter;
    }

    @Override
    public BatchStep normalize() {
        return normalize;
    }

    @Override
    public QueueStep matchStatus() {
        return matchStatus;
    }

    @Override
    public QueueStep fetchMedia() {
        return fetchMedia;
    }

    @Override
    public QueueStep acceptOutbound() {
        return acceptOutbound;
    }

    @Override
    public QueueStep dispatch() {
        return dispatch;
    }

    @Override
    public QueueStep fallback() {
        return fallback;
    }

    @Override
    public QueueStep deadLetter() {
        return deadLetter;
    }
}
