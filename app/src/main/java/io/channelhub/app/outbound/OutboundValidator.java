package io.channelhub.app.outbound;

import io.channelhub.app.consent.ConsentConfirmations;
import io.channelhub.core.model.CardContent;
import io.channelhub.core.model.CarouselContent;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Checks a submission against the channel's descriptor before it is accepted: address format (or the
 * channel's provider-scoped user ids), content the channel can carry (after the hub's own degradations),
 * and sane sizes. Channel-specific policy that depends on the contact (consent, windows, whether a
 * scoped user id belongs to a known contact) is the gate's, at send time.
 */
final class OutboundValidator {
    /** The channel whose numbers must be mobile: a landline takes no SMS. */
    private static final String SMS = "sms";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]{1,64}@[^@\\s<>]{1,255}\\.[^@\\s<>.]{2,63}");
    private static final Pattern OPAQUE = Pattern.compile("[^\\s]{1,255}");
    static final int MAX_TEXT = 16_384;
    /** The longest a message may wait to matter (RBM's limit, CONTRACT §7). */
    static final Duration MAX_EXPIRY = Duration.ofDays(15);

    private OutboundValidator() {
    }

    /** The submission checked, with its phone number (if the channel's addresses are numbers) in E.164. */
    static OutboundSubmission validate(OutboundSubmission submitted, ChannelDescriptor channel, Instant now) {
        OutboundSubmission s = submitted;
        if (s.to() == null || s.to().address() == null) {
            throw invalid(ReasonCodes.INVALID_ADDRESS, "'to' is required");
        }
        String to = s.to().address();
        if (channel.addressFormat() == ChannelDescriptor.AddressFormat.E164 && !channel.isScopedUserId(to)) {
            s = s.withTo(new Party(phoneNumber(to, channel), s.to().name()));
        } else if (!channel.isScopedUserId(to) && !(channel.addressFormat() == ChannelDescriptor.AddressFormat.EMAIL
                ? EMAIL : OPAQUE).matcher(to).matches()) {
            throw invalid(ReasonCodes.INVALID_ADDRESS, "'to' is not a valid " + channel.id() + " address ("
                    + channel.addressFormat() + (channel.scopedUserIds() == null ? "" : " or a provider-scoped user id")
                    + ")");
        }
        if (s.metadata().containsKey(ConsentConfirmations.METADATA_KEY)) {
            throw invalid(ReasonCodes.INVALID_REQUEST, "metadata key '" + ConsentConfirmations.METADATA_KEY
                    + "' is the hub's own");
        }
        Content content = s.content();
        if (content == null) {
            throw invalid(ReasonCodes.INVALID_REQUEST, "'content' is required");
        }
        if (!ContentDegradation.canCarry(content, channel)) {
            throw invalid(ReasonCodes.UNSUPPORTED_CONTENT, "channel " + channel.id() + " cannot send "
                    + content.kind().wireName() + " content");
        }
        validateContent(content);
        if (s.expireAt() != null && (!s.expireAt().isAfter(now) || s.expireAt().isAfter(now.plus(MAX_EXPIRY)))) {
            throw invalid(ReasonCodes.INVALID_REQUEST, "'expireAt' must be in the future and at most "
                    + MAX_EXPIRY.toDays() + " days ahead");
        }
        if (s.tag() != null && channel.messageTag(s.tag()).isEmpty()) {
            throw invalid(ReasonCodes.TAG_NOT_ALLOWED, "channel " + channel.id() + " has no message tag '" + s.tag()
                    + "'" + (channel.messageTags().isEmpty() ? "" : "; its tags: "
                    + channel.messageTags().stream().map(t -> t.name()).toList()));
        }
        return s;
    }

    /** The number in E.164; one libphonenumber finds invalid, or a landline for SMS, is refused. */
    private static String phoneNumber(String to, ChannelDescriptor channel) {
        PhoneNumbers.Parsed number = PhoneNumbers.parse(to).orElseThrow(() -> invalid(ReasonCodes.INVALID_ADDRESS,
                "'to' is not a valid address: a phone number in international format, + and the country code, such as "
                        + "+31612345678" + (channel.scopedUserIds() == null ? "" : ", or a provider-scoped user id")));
        if (SMS.equals(channel.id()) && number.landline()) {
            throw invalid(ReasonCodes.INVALID_ADDRESS, "'to' is a landline, which cannot receive SMS");
        }
        return number.e164();
    }

    private static void validateContent(Content content) {
        String problem = null;
        if (content instanceof TextContent t) {
            problem = t.text() == null || t.text().isBlank() ? "text content needs 'text'"
                    : t.text().length() > MAX_TEXT ? "text longer than " + MAX_TEXT + " characters" : null;
        } else if (content instanceof MediaContent m) {
            problem = RichContentRules.media(m, "content");
        } else if (content instanceof ChoiceContent c) {
            problem = c.choices().isEmpty() || c.text() == null ? "choice content needs 'text' and 'choices'"
                    : RichContentRules.choices(c.choices(), "content.choices");
        } else if (content instanceof CardContent c) {
            problem = RichContentRules.card(c, "content");
        } else if (content instanceof CarouselContent c) {
            problem = RichContentRules.carousel(c);
        } else if (content instanceof TemplateContent t) {
            problem = t.name() == null || t.name().isBlank() ? "template content needs 'name'" : null;
        }
        if (problem != null) {
            throw invalid(ReasonCodes.INVALID_REQUEST, problem);
        }
        if (content.kind() == ContentType.UNSUPPORTED || content.kind() == ContentType.CHOICE_RESPONSE) {
            throw invalid(ReasonCodes.UNSUPPORTED_CONTENT, content.kind().wireName() + " content is inbound only");
        }
    }

    private static SubmissionRejected invalid(String reasonCode, String detail) {
        return new SubmissionRejected(400, reasonCode, detail);
    }
}
