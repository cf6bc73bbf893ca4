package aistudioproxy.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The few DER (ITU-T X.690) encodings an X.509 certificate needs. Each method returns one TLV. */
final class Der {
    private Der() {}

    static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) body.writeBytes(c);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 6);
        out.write(tag);
        if (b.length < 0x80) {
            out.write(b.length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(b.length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(b.length >>> (8 * i));
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... items) {
        return tlv(0x30, items);
    }

    static byte[] set(byte[]... items) {
        return tlv(0x31, items);
    }

    static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    static byte[] bool(boolean v) {
        return tlv(0x01, new byte[] {(byte) (v ? 0xFF : 0)});
    }

    static byte[] octets(byte[] v) {
        return tlv(0x04, v);
    }

    static byte[] bits(byte[] v) {
        byte[] b = new byte[v.length + 1];
        System.arraycopy(v, 0, b, 1, v.length);
        return tlv(0x03, b);
    }

    static byte[] utf8(String s) {
        return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Context-specific constructed tag [n] EXPLICIT. */
    static byte[] explicit(int n, byte[] inner) {
        return tlv(0xA0 | n, inner);
    }

    /** UTCTime for years before 2050, GeneralizedTime after, as RFC 5280 requires. */
    static byte[] time(ZonedDateTime t) {
        ZonedDateTime u = t.withZoneSameInstant(ZoneOffset.UTC);
        boolean utcTime = u.getYear() < 2050;
        // Digits written by hand: a DateTimeFormatter would load java.time.format and the
        // locale data into the lean stream-proxy process for this one string.
        StringBuilder b = new StringBuilder(16);
        digits(b, utcTime ? u.getYear() % 100 : u.getYear(), utcTime ? 2 : 4);
        digits(b, u.getMonthValue(), 2);
        digits(b, u.getDayOfMonth(), 2);
        digits(b, u.getHour(), 2);
        digits(b, u.getMinute(), 2);
        digits(b, u.getSecond(), 2);
        return tlv(utcTime ? 0x17 : 0x18, b.append('Z').toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) b.append('0');
        b.append(s);
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) out.write((int) ((v >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
        }
        return tlv(0x06, out.toByteArray());
    }
}
