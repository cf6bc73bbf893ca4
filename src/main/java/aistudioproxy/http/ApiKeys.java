package aistudioproxy.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured API keys. Keys are kept only as SHA-256 digests and compared with
 * {@link MessageDigest#isEqual} against every key, so the time taken does not depend on how
 * much of a guess matched, nor on which key it matched. Keys are never logged.
 */
public final class ApiKeys {
    private final List<byte[]> digests;

    public ApiKeys(List<String> keys) {
        List<byte[]> d = new ArrayList<>();
        for (String k : keys) if (!k.isBlank()) d.add(sha256(k.strip()));
        this.digests = List.copyOf(d);
    }

    public boolean required() {
        return !digests.isEmpty();
    }

    public int count() {
        return digests.size();
    }

    public boolean accepts(String candidate) {
        if (!required()) return true;
        if (candidate == null) return false;
        byte[] probe = sha256(candidate.strip());
        boolean ok = false;
        for (byte[] d : digests) ok |= MessageDigest.isEqual(d, probe);
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
