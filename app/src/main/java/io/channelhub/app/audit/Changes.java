package io.channelhub.app.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What an audit entry says changed: values where they may be kept, names only where they may not. */
public final class Changes {
    private final Map<String, Object> detail = new LinkedHashMap<>();

    public static Changes of() {
        return new Changes();
    }

    /** The fields whose value differs, each with its new value (null: removed); {@code before} empty on creation. */
    public Changes values(String field, Map<String, ?> before, Map<String, ?> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (String key : new TreeSet<>(union(before, after))) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changed.put(key, after.get(key));
            }
        }
        if (!changed.isEmpty()) {
            detail.put(field, changed);
        }
        return this;
    }

    /** Secrets by name only: which were added or replaced, and which removed. Never their values. */
    public Changes secretNames(Map<String, String> before, Map<String, String> after) {
        List<String> replaced = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(union(before, after))) {
            if (!after.containsKey(name)) {
                removed.add(name);
            } else if (!Objects.equals(before.get(name), after.get(name))) {
                replaced.add(name);
            }
        }
        if (!replaced.isEmpty()) {
            detail.put("secretsReplaced", replaced);
        }
        if (!removed.isEmpty()) {
            detail.put("secretsRemoved", removed);
        }
        return this;
    }

    public Changes with(String field, Object value) {
        detail.put(field, value);
        return this;
    }

    public Map<String, Object> detail() {
        return detail;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
