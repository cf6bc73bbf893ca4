package aistudioproxy.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code key.txt}: one key per line, blank lines and {@code #} comments ignored; missing file is empty. */
public final class KeyFile {
    private KeyFile() {}

    public static List<String> read(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) return List.of();
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String k = line.strip();
            if (!k.isEmpty() && !k.startsWith("#")) keys.add(k);
        }
        return keys;
    }
}
