package aistudioproxy.app;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed-in account's login file follows the cookies the site refreshes (the simulator rotates
 * Google's {@code __Secure-1PSIDTS} on every page load, as Google does while a page stays open):
 * written back every {@code LOGIN_SAVE_INTERVAL_SECONDS}, whole, and never over a file someone
 * else changed meanwhile (a newer login), neither while running nor on close.
 */
class LoginSaveTest {
    private static final Pattern ROTATED = Pattern.compile("\"name\"\\s*:\\s*\"__Secure-1PSIDTS\"\\s*,\\s*\"value\"\\s*:\\s*\"(sidts-\\d+)\"");

    static String login(String sapisid) {
        return "{\"cookies\":[{\"name\":\"SAPISID\",\"value\":\"" + sapisid + "\",\"domain\":\"127.0.0.1\",\"path\":\"/\","
                + "\"expires\":-1,\"httpOnly\":false,\"secure\":true,\"sameSite\":\"None\"}],\"origins\":[]}";
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static Path loginFile(String name) throws java.io.IOException {
        Path dir = Path.of("target", "login-save-" + name + "-" + System.nanoTime());
        Files.createDirectories(dir);
        Path file = dir.resolve("work.json");
        Files.writeString(file, login("login-work"));
        return file;
    }

    static SimStack stack(Path file, String saveEverySeconds) throws Exception {
        return new SimStack(Map.of(Setting.AUTH_PROFILES, file.toString(), Setting.SIMULATOR_LOGINS, "login-work",
                Setting.LOGIN_SAVE_INTERVAL_SECONDS, saveEverySeconds, Setting.DATA_DIR, file.resolveSibling("data").toString()));
    }

    @Test
    void refreshedCookiesAreWrittenBackButNeverOverANewerLogin() throws Exception {
        Path dir = Path.of("target", "login-save-" + System.nanoTime());
        Files.createDirectories(dir);
        Path file = dir.resolve("work.json");
        Files.writeString(file, login("login-work"));
        String newer = login("login-newer");
        try (SimStack stack = new SimStack(Map.of(Setting.AUTH_PROFILES, file.toString(), Setting.SIMULATOR_LOGINS, "login-work",
                Setting.LOGIN_SAVE_INTERVAL_SECONDS, "1", Setting.DATA_DIR, dir.resolve("data").toString()))) {
            var page = stack.app.pages().getFirst();
            assertTrue(page.ready(), "signed in with the file's login");
            Await.until(() -> ROTATED.matcher(read(file)).find(), "the refreshed cookie in the login file");
            String saved = read(file);
            assertTrue(saved.contains("\"login-work\""), "the login itself kept: " + saved);
            assertTrue(page.saveLogin(), "written back again (the file is still this browser's)");
            try (var files = Files.list(dir)) {
                assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".partial")).count(), "no partial file left");
            }

            // A new login lands in the file while the page still runs on the old one.
            Files.writeString(file, newer);
            assertFalse(page.saveLogin(), "a file changed since it was read or written here is left alone");
            assertEquals(newer, read(file));
        }
        assertEquals(newer, read(file), "neither the periodic write-back nor closing the browser wrote over the newer login");
    }
}
