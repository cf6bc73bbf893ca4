package aistudioproxy.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the Google login (a Playwright storage-state JSON) is kept: {@code AUTH_PROFILE}, else the
 * first {@code *.json} (by name) in {@code auth_profiles/active/}.
 */
public final class AuthProfiles {
    public static final Path ACTIVE_DIR = Path.of("auth_profiles", "active");

    private AuthProfiles() {}

    public static Path resolve(Path configured) {
        if (configured != null) return configured;
        if (!Files.isDirectory(ACTIVE_DIR)) return null;
        try (Stream<Path> files = Files.list(ACTIVE_DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
