package aistudioproxy.apis;

/** The smallest bytes the page takes as a PNG: its signature and an empty chunk header. */
final class Images {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0};

    private Images() {}
}
