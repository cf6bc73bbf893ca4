package aistudioproxy.page;

import java.util.ArrayList;
import java.util.List;

/** Cuts a complete answer into pseudo-stream chunks of about {@code size} characters, at word boundaries. */
final class Chunker {
    private Chunker() {}

    static List<String> split(String text, int size) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length()) {
                int cut = end;
                while (cut > start && !Character.isWhitespace(text.charAt(cut - 1))) cut--;
                if (cut > start) end = cut;
                else while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
                if (Character.isHighSurrogate(text.charAt(end - 1)) && end < text.length()) end++;
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }
}
