package io.channelhub.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTagTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final MessageTag HUMAN_AGENT = new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true);

    @Test
    void aTagForAnyTimeAllowsAnySenderWhateverTheLastMessage() {
        MessageTag update = MessageTag.anyTime("ACCOUNT_UPDATE");
        assertThat(update.allows(null, NOW, false)).isTrue();
        assertThat(update.allows(NOW.minus(Duration.ofDays(400)), NOW, false)).isTrue();
    }

    @Test
    void aPersonOnlyTagNeedsAPerson() {
        assertThat(HUMAN_AGENT.allows(NOW.minus(Duration.ofDays(2)), NOW, true)).isTrue();
        assertThat(HUMAN_AGENT.allows(NOW.minus(Duration.ofDays(2)), NOW, false)).isFalse();
    }

    @Test
    void aLimitedTagEndsWithItsTime() {
        assertThat(HUMAN_AGENT.allows(NOW.minus(Duration.ofDays(7)), NOW, true)).as("to the second").isTrue();
        assertThat(HUMAN_AGENT.allows(NOW.minus(Duration.ofDays(7)).minusSeconds(1), NOW, true)).isFalse();
        assertThat(HUMAN_AGENT.allows(null, NOW, true)).as("no message from the contact ever").isFalse();
    }

    @Test
    void aDescriptorFindsItsTagsByName() {
        ChannelDescriptor d = new ChannelDescriptor("tagged", "Tagged", ChannelDescriptor.AddressFormat.OPAQUE,
                java.util.Set.of(), Duration.ofHours(24), null, java.util.List.of(), java.util.List.of(),
                java.util.Set.of(), java.util.List.of(), null, null, java.util.List.of(HUMAN_AGENT));
        assertThat(d.messageTag("HUMAN_AGENT")).contains(HUMAN_AGENT);
        assertThat(d.messageTag("human_agent")).isEmpty();
        assertThat(new ChannelDescriptor("plain", "Plain", ChannelDescriptor.AddressFormat.OPAQUE, java.util.Set.of(),
                null, null, java.util.List.of(), java.util.List.of(), java.util.Set.of(), java.util.List.of(), null)
                .messageTags()).isEmpty();
    }
}
