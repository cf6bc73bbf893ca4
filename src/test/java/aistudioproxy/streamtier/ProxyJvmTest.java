package aistudioproxy.streamtier;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy JVM's options follow the running JDK: nothing a given version would reject at startup. */
class ProxyJvmTest {
    @Test
    void jdk21KeepsTheSeparateEcModuleAndGetsNoNewerOptions() {
        List<String> o = ProxyJvm.options(21);
        assertEquals("java.base,jdk.crypto.ec", o.get(o.indexOf("--limit-modules") + 1));
        assertFalse(o.stream().anyMatch(s -> s.startsWith("-XX:TrimNativeHeapInterval")));
        assertFalse(o.contains("-XX:+UseCompactObjectHeaders"));
    }

    @Test
    void newerJdksTrimTheNativeHeapAndJdk25UsesCompactHeaders() {
        List<String> o22 = ProxyJvm.options(22);
        assertEquals("java.base", o22.get(o22.indexOf("--limit-modules") + 1));
        assertTrue(o22.contains("-XX:TrimNativeHeapInterval=1000"));
        assertFalse(o22.contains("-XX:+UseCompactObjectHeaders"));
        assertTrue(ProxyJvm.options(25).contains("-XX:+UseCompactObjectHeaders"));
    }

    @Test
    void heapIsCappedAndOutOfMemoryEndsTheProcessForTheSupervisor() {
        List<String> o = ProxyJvm.options(Runtime.version().feature());
        assertTrue(o.contains("-Xmx24m"));
        assertTrue(o.contains("-XX:+ExitOnOutOfMemoryError"));
        assertTrue(o.contains("-XX:+UseSerialGC"));
    }
}
