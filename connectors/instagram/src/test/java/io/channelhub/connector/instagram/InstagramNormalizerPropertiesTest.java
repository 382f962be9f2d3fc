package io.channelhub.connector.instagram;

import io.channelhub.connector.meta.MetaJsonArbitraries;
import io.channelhub.connector.meta.MetaNormalizerPropertiesContract;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.util.List;

/**
 * The Meta family's properties on the Instagram normalizer, in the Instagram webhook's vocabulary: random bytes,
 * random JSON, and the fixtures cut, flipped or with nodes of the wrong type give well-formed canonical events or
 * {@code MalformedPayloadException}, never anything else.
 */
class InstagramNormalizerPropertiesTest extends MetaNormalizerPropertiesContract {
    private static final List<String> KEYS = List.of("object", "entry", "id", "time", "messaging", "standby",
            "sender", "recipient", "timestamp", "message", "mid", "text", "attachments", "type", "payload", "url",
            "title", "quick_reply", "reply_to", "story", "is_echo", "is_deleted", "is_unsupported", "metadata",
            "read", "reaction", "emoji", "action", "postback", "referral", "ref", "source", "ad_id",
            "pass_thread_control", "new_owner_app_id", "unknown");
    private static final List<String> TYPES = List.of("instagram", "image", "video", "audio", "file",
            "story_mention", "share", "ig_reel", "reel", "ig_post", "template", "react", "unreact", "love",
            "channel-hub:x", InstagramFixtures.ACCOUNT_ID, InstagramFixtures.IGSID);
    private static final MetaJsonArbitraries JSON = new MetaJsonArbitraries(KEYS, TYPES);

    private final InstagramInboundNormalizer normalizer = new InstagramInboundNormalizer();

    @Override
    protected InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    protected InboundPayload payload(byte[] body) {
        return InstagramFixtures.payload(body);
    }

    @Override
    protected List<String> fixtureNames() {
        return InstagramConnectorContractTest.INBOUND_FIXTURES;
    }

    @Override
    protected byte[] fixture(String name) {
        return InstagramFixtures.bytes("inbound/" + name);
    }

    @Override
    protected MetaJsonArbitraries vocabulary() {
        return JSON;
    }
}
