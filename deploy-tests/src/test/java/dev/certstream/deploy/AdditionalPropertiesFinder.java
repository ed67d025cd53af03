package dev.certstream.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a fabric8 object graph and reports every non-empty {@code getAdditionalProperties()}: fabric8
 * keeps fields it does not know there, so each one is a typo or a field of another API version.
 */
final class AdditionalPropertiesFinder {

    private final List<String> found = new ArrayList<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private AdditionalPropertiesFinder() {
    }

    /** One "path: unknown fields [...]" line per object that kept fields it has no property for. */
    static List<String> find(Object root, String rootPath) {
        AdditionalPropertiesFinder finder = new AdditionalPropertiesFinder();
        finder.walk(root, rootPath);
        return finder.found;
    }

    private void walk(Object node, String path) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                walk(value, path + "." + property(getter));
            }
        }
    }

    private static boolean isGetter(Method method) {
        String name = method.getName();
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                && method.getReturnType() != void.class && !name.equals("getClass")
                && (name.startsWith("get") || name.startsWith("is"));
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // Computed getters (Quantity's numerical amount of a bad value, for one) may throw; the
            // field they compute from is still walked through its own getter.
            return null;
        }
    }

    private static String property(Method getter) {
        String name = getter.getName();
        String bare = name.startsWith("is") ? name.substring(2) : name.substring(3);
        return bare.isEmpty() ? name : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}
