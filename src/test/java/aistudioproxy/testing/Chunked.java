package aistudioproxy.testing;

/** Splits a raw HTTP/1.1 response into head and de-chunked body, for byte-level assertions. */
public record Chunked(String head, String body) {
    public static Chunked parse(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        String head = raw.substring(0, split);
        String rest = raw.substring(split + 4);
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) return new Chunked(head, rest);
        StringBuilder body = new StringBuilder();
        int pos = 0;
        while (pos < rest.length()) {
            int eol = rest.indexOf("\r\n", pos);
            if (eol < 0) break;
            int size = Integer.parseInt(rest.substring(pos, eol).trim(), 16);
            if (size == 0) break;
            // sizes count bytes; the bodies here are ASCII/UTF-8 so work in bytes
            byte[] bytes = rest.substring(eol + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String chunk = new String(bytes, 0, size, java.nio.charset.StandardCharsets.UTF_8);
            body.append(chunk);
            pos = eol + 2 + chunk.length() + 2;
        }
        return new Chunked(head, body.toString());
    }
}
