package aistudioproxy.app;

import aistudioproxy.config.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Google logins (Playwright storage-state JSON files) are kept, one per account:
 * {@code AUTH_PROFILE} alone, else {@code AUTH_PROFILES}, else every {@code *.json} (by name) in
 * {@code AUTH_PROFILES_DIR} ({@code auth_profiles/active/}), where {@code --login} saves them.
 */
public final class AuthProfiles {
    private AuthProfiles() {}

    /** One login per account; a single null (no login) when there is none. */
    public static List<Path> accounts(Config config) {
        if (config.authProfile() != null) return List.of(config.authProfile());
        if (!config.authProfiles().isEmpty()) return List.copyOf(config.authProfiles());
        List<Path> out = new ArrayList<>();
        Path dir = config.authProfilesDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
            } catch (IOException e) {
                // no readable folder: no login
            }
        }
        if (out.isEmpty()) out.add(null);
        return out;
    }

    /** The first account's login, or null. */
    public static Path first(Config config) {
        return accounts(config).getFirst();
    }

    /** An account's name: its login file's name without {@code .json}. */
    public static String accountName(Path profile, int index) {
        if (profile == null) return "account-" + (index + 1);
        String n = profile.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** Where {@code --login --profile NAME} saves: {@code NAME.json} in the profiles folder; NAME is letters, digits, . _ - only. */
    public static Path named(Config config, String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("A profile name is 1-64 letters, digits, '.', '_' or '-' (not starting with '.'), got '" + name + "'.");
        }
        return config.authProfilesDir().resolve(name + ".json");
    }
}
