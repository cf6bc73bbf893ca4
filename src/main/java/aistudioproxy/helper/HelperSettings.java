package aistudioproxy.helper;

import java.net.URI;
import java.time.Duration;

/**
 * Where the Helper is and how long to wait for it: to connect, for the response to start
 * (first byte), and between two events of the stream (idle; comments count as activity).
 */
public record HelperSettings(URI endpoint, Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout) {}
