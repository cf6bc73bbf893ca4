package aistudioproxy.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A login (Playwright storage state) on disk. Written whole beside the file and then moved into
 * place, so a reader (the browser, {@code LoginWatch}, a crash midway) never sees half of one.
 */
final class LoginFile {
    private LoginFile() {}

    /** Replaces {@code file} with {@code state} in one move. */
    static void write(Path file, byte[] state) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, state);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's bytes; null when there is none (or it cannot be read, which Playwright would fail on too). */
    static byte[] read(Path file) {
        if (file == null || !Files.isRegularFile(file)) return null;
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
