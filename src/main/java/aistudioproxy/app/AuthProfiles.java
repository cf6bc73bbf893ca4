package aistudioproxy.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Google login (a Playwright storage-state JSON) is kept: {@code AUTH_PROFILE}, else the
 * first {@code *.json} (by name) in {@code auth_profiles/active/}.
 */
public final class AuthProfiles {
    public static final Path ACTIVE_DIR = Path.of("auth_profiles", "active");

    private AuthProfiles() {}

    /**
     * One login per account: {@code AUTH_PROFILE} alone, else {@code AUTH_PROFILES}, else every
     * {@code *.json} in {@code auth_profiles/active/} (by name); a single null (no login) when there is none.
     */
    public static List<Path> accounts(Path single, List<Path> several) {
        if (single != null) return List.of(single);
        if (!several.isEmpty()) return List.copyOf(several);
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(ACTIVE_DIR)) {
            try (Stream<Path> files = Files.list(ACTIVE_DIR)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
            } catch (IOException e) {
                // no readable folder: no login
            }
        }
        if (out.isEmpty()) out.add(null);
        return out;
    }

    /** An account's name: its login file's name without {@code .json}. */
    public static String accountName(Path profile, int index) {
        if (profile == null) return "account-" + (index + 1);
        String n = profile.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

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
