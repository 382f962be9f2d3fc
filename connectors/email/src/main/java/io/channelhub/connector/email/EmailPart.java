package io.channelhub.connector.email;

/**
 * One leaf of a received message's MIME tree, decoded: its base type (lower case), declared charset, whether
 * the sender meant it as a file (attachment disposition or a file name), that file name, and its content
 * with the transfer encoding undone. Forwarded messages ({@code message/rfc822}) are leaves too.
 */
record EmailPart(String mimeType, String charset, boolean attachment, String filename, byte[] bytes) {

    boolean isText() {
        return !attachment && mimeType.equals("text/plain");
    }

    boolean isHtml() {
        return !attachment && mimeType.equals("text/html");
    }

    String text() {
        return EmailCharsets.decode(bytes, charset);
    }
}
