package aistudioproxy.tier;

/** The three ways of getting an answer, in the order they are tried. {@link #wire()} is the header value. */
public enum TierName {
    STREAM_PROXY("stream-proxy"), HELPER("helper"), PAGE("page");

    private final String wire;

    TierName(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static TierName fromWire(String s) {
        for (TierName t : values()) if (t.wire.equalsIgnoreCase(s.trim())) return t;
        return null;
    }
}
