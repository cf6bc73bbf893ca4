package aistudioproxy.helper;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Helper's SAPISID comes from, in this order: {@code HELPER_SAPISID}; else the auth
 * profile (a Playwright storage-state file, {@code {"cookies":[{name,value,domain}...]}}); else
 * the running browser's cookie. Looked up on every request, so a new login is picked up.
 */
public final class SapisidLookup {
    private SapisidLookup() {}

    /** A cookie read from the browser; null when it has none or cannot be asked. */
    @FunctionalInterface
    public interface BrowserCookie {
        String read(String name);
    }

    /** The lookup in its order, as the Helper tier's supplier. */
    public static java.util.function.Supplier<String> inOrder(String configured, Path authProfile, BrowserCookie browser) {
        return () -> {
            if (configured != null && !configured.isEmpty()) return configured;
            String fromProfile = fromStorageState(authProfile);
            return fromProfile != null ? fromProfile : browser.read("SAPISID");
        };
    }

    public static String fromStorageState(Path file) {
        if (file == null || !Files.isRegularFile(file)) return null;
        try {
            JsonValue root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(root instanceof JsonValue.Obj o) || !(o.present("cookies").orElse(null) instanceof JsonValue.Arr cookies)) return null;
            for (JsonValue c : cookies.items()) {
                if (c instanceof JsonValue.Obj cookie && cookie.string("name").orElse("").equals("SAPISID")) {
                    return cookie.string("value").orElse(null);
                }
            }
            return null;
        } catch (IOException | JsonSyntaxException e) {
            return null;
        }
    }
}
