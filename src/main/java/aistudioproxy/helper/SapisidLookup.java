package aistudioproxy.helper;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the SAPISID cookie in a Playwright storage-state file ({@code {"cookies":[{name,value,domain}...]}}). */
public final class SapisidLookup {
    private SapisidLookup() {}

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
