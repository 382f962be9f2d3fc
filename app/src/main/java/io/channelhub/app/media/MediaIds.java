package io.channelhub.app.media;

import java.util.regex.Pattern;

/** The ids a media store accepts: UUIDs the hub made, under a tenant id of the hub's own form. */
final class MediaIds {
    private static final Pattern SAFE_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern SAFE_TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private MediaIds() {
    }

    static boolean safeId(String id) {
        return SAFE_ID.matcher(id).matches();
    }

    /** The tenant id, refused before it names a path or key when it is not of the hub's form. */
    static String checkedTenant(String tenantId) {
        if (!SAFE_TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("invalid tenant id");
        }
        return tenantId;
    }
}
