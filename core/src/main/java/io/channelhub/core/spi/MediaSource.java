package io.channelhub.core.spi;

/**
 * Where a connector can fetch an inbound media item from: a provider media id or URL, with the MIME
 * type and file name the payload announced.
 */
public record MediaSource(String providerRef, String mimeType, String filename) {
}
