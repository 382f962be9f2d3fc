package io.channelhub.app.security;

import java.util.regex.Pattern;

/** Token names: they appear in URLs ({@code DELETE /admin/v1/tokens/{name}}) and in log lines. */
final class TokenNames {
    static final String RULE = "letters, digits, '.', '_' or '-', at most 100, starting with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private TokenNames() {
    }

    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }
}
