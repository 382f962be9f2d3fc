package io.channelhub.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the core's small helpers (issue #6): conversation ids, the numbered-text rendering of
 * choices, and the JSON trip of canonical content, for any input the normalizers can hand them.
 */
class CanonicalHelpersPropertiesTest {

    @Property(tries = 1000)
    void aConversationIdIsAStableUuidIgnoringCaseAndSurroundingSpace(@ForAll("tenantIds") String tenant,
                                                                     @ForAll("channels") String channel,
                                                                     @ForAll String contactKey) {
        String id = ConversationIds.derive(tenant, channel, contactKey);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(ConversationIds.derive(tenant, channel, contactKey)).isEqualTo(id);
        assertThat(ConversationIds.derive(tenant, channel, " " + contactKey.toUpperCase(java.util.Locale.ROOT) + "\t"))
                .isEqualTo(ConversationIds.derive(tenant, channel, contactKey.toUpperCase(java.util.Locale.ROOT)));
        // another tenant or channel never shares the conversation
        assertThat(ConversationIds.derive(tenant + "x", channel, contactKey)).isNotEqualTo(id);
        assertThat(ConversationIds.derive(tenant, channel + "x", contactKey)).isNotEqualTo(id);
    }

    @Property(tries = 1000)
    void aChoiceRendersAsItsTextThenOneNumberedLinePerOption(@ForAll("texts") String text,
                                                             @ForAll @Size(max = 12) List<@net.jqwik.api.From(
                                                                     "choices") Choice> choices) {
        TextContent rendered = new ChoiceContent(text, choices).asNumberedText();
        assertThat(rendered.kind()).isEqualTo(ContentType.TEXT);
        String out = rendered.text();
        assertThat(out).startsWith(text == null ? "" : text);
        int from = text == null ? 0 : text.length();
        for (int i = 0; i < choices.size(); i++) {
            String line = "\n" + (i + 1) + ". " + choices.get(i).title();
            assertThat(out.indexOf(line, from)).as("option %s", i + 1).isGreaterThanOrEqualTo(from);
            from = out.indexOf(line, from) + line.length();
        }
        assertThat(from).isEqualTo(out.length());
    }

    @Property(tries = 1000)
    void canonicalContentSurvivesTheJsonTripTheHubMakes(@ForAll("contents") Content content) throws Exception {
        String json = HubJson.mapper().writeValueAsString(content);
        assertThat(HubJson.mapper().readValue(json, Content.class)).isEqualTo(content);
    }

    @Provide
    Arbitrary<String> tenantIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(2).ofMaxLength(63);
    }

    @Provide
    Arbitrary<String> channels() {
        return Arbitraries.of("whatsapp", "sms", "email", "messenger", "instagram", "google");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.of("", "\n", "1. a")).injectNull(0.1);
    }

    @Provide
    Arbitrary<Choice> choices() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(10), Arbitraries.strings().ofMaxLength(30))
                .as(Choice::new);
    }

    @Provide
    Arbitrary<Content> contents() {
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> optional = s.injectNull(0.3);
        return Arbitraries.oneOf(
                Combinators.combine(s, optional, optional).as(TextContent::new),
                Combinators.combine(Arbitraries.of(MediaKind.class), optional, optional, optional, optional,
                        Arbitraries.longs().greaterOrEqual(0).injectNull(0.5)).as(MediaContent::new),
                Combinators.combine(Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180),
                        optional, optional).as(LocationContent::new),
                Combinators.combine(s, optional).as(ChoiceResponseContent::new),
                Combinators.combine(s, s).as(ReactionContent::new),
                Combinators.combine(optional, s.list().ofMaxSize(3), s.list().ofMaxSize(3)).as(ContactCard::new)
                        .list().ofMaxSize(3).map(ContactsContent::new));
    }
}
