package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.telegram.model.BotApiRequest;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ContactCard;
import io.channelhub.core.model.ContactsContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.ReactionContent;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an outbound message as Bot API calls, in the order they must be made. Most content is one call;
 * text over 4,096 characters is several {@code sendMessage} calls (Telegram has no longer message), a caption
 * over 1,024 follows its media as text, and each contact card is a {@code sendContact} of its own.
 * https://core.telegram.org/bots/api#available-methods
 */
final class TelegramMessageRenderer {
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;

    private TelegramMessageRenderer() {
    }

    static List<BotApiRequest> render(OutboundMessage message) {
        long chatId = chatId(message);
        Content content = message.content();
        List<BotApiRequest> calls = new ArrayList<>();
        if (content instanceof TextContent text) {
            texts(calls, chatId, text.text(), null);
        } else if (content instanceof io.channelhub.core.model.ChoiceContent choice) {
            TelegramChoiceRenderer.render(calls, chatId, choice);
        } else if (content instanceof MediaContent media) {
            media(calls, chatId, media);
        } else if (content instanceof LocationContent location) {
            calls.add(location(chatId, location));
        } else if (content instanceof ContactsContent contacts) {
            contacts(calls, chatId, contacts);
        } else if (content instanceof ReactionContent reaction) {
            calls.add(reaction(chatId, reaction));
        } else {
            throw TelegramErrorClassifier.unsupported("telegram cannot send "
                    + (content == null ? "empty" : content.kind().wireName()) + " content");
        }
        replyTo(message, calls);
        return calls;
    }

    /** The chat id: Telegram's addresses are integers (negative for groups, which the hub does not write to). */
    static long chatId(OutboundMessage message) {
        String address = message.to() == null ? null : message.to().address();
        try {
            return Long.parseLong(address == null ? "" : address.strip());
        } catch (NumberFormatException e) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    "a telegram address is a numeric chat id");
        }
    }

    static void texts(List<BotApiRequest> calls, long chatId, String text, ObjectNode lastMarkup) {
        if (text == null || text.isBlank()) {
            throw TelegramErrorClassifier.unsupported("telegram text message without text");
        }
        List<String> parts = TelegramTextSplitter.split(text, MAX_TEXT);
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode body = body(chatId).put("text", parts.get(i));
            if (i == parts.size() - 1 && lastMarkup != null) {
                body.set("reply_markup", lastMarkup);
            }
            calls.add(new BotApiRequest("sendMessage", body));
        }
    }

    private static void media(List<BotApiRequest> calls, long chatId, MediaContent media) {
        String url = media.url() == null ? "" : media.url().strip();
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw TelegramErrorClassifier.unsupported("telegram media needs a public http(s) url to fetch");
        }
        MediaKind kind = media.mediaType() != null ? media.mediaType() : MediaKind.ofMimeType(media.mimeType());
        String[] method = switch (kind) {
            case IMAGE -> new String[] {"sendPhoto", "photo"};
            case VIDEO -> new String[] {"sendVideo", "video"};
            // Telegram plays OGG/Opus as a voice note; other audio goes to the music player
            case AUDIO -> isVoice(media.mimeType()) ? new String[] {"sendVoice", "voice"}
                    : new String[] {"sendAudio", "audio"};
            case STICKER -> new String[] {"sendSticker", "sticker"};
            case DOCUMENT -> new String[] {"sendDocument", "document"};
        };
        ObjectNode body = body(chatId).put(method[1], url);
        String caption = media.caption() == null || media.caption().isBlank() ? null : media.caption();
        boolean captionFits = caption != null && caption.length() <= MAX_CAPTION && kind != MediaKind.STICKER;
        if (captionFits) {
            body.put("caption", caption);
        }
        calls.add(new BotApiRequest(method[0], body));
        if (caption != null && !captionFits) {
            texts(calls, chatId, caption, null);
        }
    }

    private static boolean isVoice(String mimeType) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        return mime.startsWith("audio/ogg") || mime.startsWith("audio/opus");
    }

    /** A named place with an address is a venue; Telegram's venue needs both. */
    private static BotApiRequest location(long chatId, LocationContent location) {
        ObjectNode body = body(chatId).put("latitude", location.latitude()).put("longitude", location.longitude());
        boolean named = location.name() != null && !location.name().isBlank();
        boolean addressed = location.address() != null && !location.address().isBlank();
        if (named && addressed) {
            body.put("title", location.name()).put("address", location.address());
            return new BotApiRequest("sendVenue", body);
        }
        return new BotApiRequest("sendLocation", body);
    }

    /** sendContact needs a phone number and a first name; a card without a phone goes as text. */
    private static void contacts(List<BotApiRequest> calls, long chatId, ContactsContent contacts) {
        if (contacts.contacts().isEmpty()) {
            throw TelegramErrorClassifier.unsupported("telegram contacts message without contacts");
        }
        for (ContactCard card : contacts.contacts()) {
            String name = card.name() == null || card.name().isBlank() ? null : card.name().strip();
            if (card.phones().isEmpty()) {
                List<String> lines = new ArrayList<>();
                if (name != null) {
                    lines.add(name);
                }
                lines.addAll(card.emails());
                texts(calls, chatId, String.join("\n", lines), null);
                continue;
            }
            ObjectNode body = body(chatId).put("phone_number", card.phones().get(0))
                    .put("first_name", name == null ? card.phones().get(0) : name);
            String vcard = card.phones().size() > 1 || !card.emails().isEmpty()
                    ? TelegramVcard.of(name, card.phones(), card.emails()) : null;
            if (vcard != null) {
                body.put("vcard", vcard);
            }
            calls.add(new BotApiRequest("sendContact", body));
        }
    }

    /** An empty emoji takes the bot's reaction back (an empty reaction list). */
    private static BotApiRequest reaction(long chatId, ReactionContent reaction) {
        long messageId = TelegramIds.messageIdOf(reaction.messageId()).orElseThrow(() ->
                TelegramErrorClassifier.invalidRequest("a telegram reaction needs the id of the message reacted to"));
        ObjectNode body = body(chatId).put("message_id", messageId);
        var list = body.putArray("reaction");
        if (reaction.emoji() != null && !reaction.emoji().isEmpty()) {
            String emoji = TelegramReactions.allowed(reaction.emoji()).orElseThrow(() ->
                    TelegramErrorClassifier.invalidRequest("telegram bots can react only with the emoji Telegram "
                            + "lists for ReactionTypeEmoji"));
            list.addObject().put("type", "emoji").put("emoji", emoji);
        }
        return new BotApiRequest("setMessageReaction", body);
    }

    /**
     * The first call answers the message replied to; allow_sending_without_reply keeps a reply to a message the
     * person deleted from failing.
     */
    private static void replyTo(OutboundMessage message, List<BotApiRequest> calls) {
        if (message.replyTo() == null || calls.isEmpty() || message.content() instanceof ReactionContent) {
            return;
        }
        TelegramIds.messageIdOf(message.replyTo()).ifPresent(id -> calls.get(0).body().putObject("reply_parameters")
                .put("message_id", id).put("allow_sending_without_reply", true));
    }

    static ObjectNode body(long chatId) {
        return HubJson.mapper().createObjectNode().put("chat_id", chatId);
    }
}
