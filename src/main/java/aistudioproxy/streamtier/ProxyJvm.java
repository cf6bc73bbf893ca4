package aistudioproxy.streamtier;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the supervisor starts the stream proxy with. The proxy is a small, mostly idle
 * process (SPEC §11: idle RSS ≤ 48 MB); of its resident memory about 20 MB is the JVM's own
 * code and files, and most of the rest is class metadata for the ~2,600 JDK classes that TLS
 * on both sides needs. Each option below trims one part, measured with
 * {@code -XX:NativeMemoryTracking=summary} and /proc/PID/smaps (README, Performance).
 */
final class ProxyJvm {
    private ProxyJvm() {}

    /** Options for a JVM of {@code feature} version (21, 22, …); the child runs the parent's own java. */
    static List<String> options(int feature) {
        List<String> o = new ArrayList<>(List.of(
                // A heap of 3 to 6 MB is all it uses; the cap keeps a hostile stream from growing it.
                // When the proxy goes quiet it runs one full collection (IdleCollector); these make
                // that collection give all but 30% headroom back at once instead of in damped steps.
                "-Xms4m", "-Xmx24m", "-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10", "-XX:-ShrinkHeapInSteps",
                // Small stacks: one platform thread per browser connection.
                "-Xss256k",
                // C1 only, one compiler thread, and only truly hot methods compiled (the TLS record
                // and relay loops), so the code cache and the compiler's arenas stay small.
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:CompileThresholdScaling=20",
                "-XX:ReservedCodeCacheSize=8m",
                "-XX:MaxMetaspaceSize=48m", "-XX:MaxDirectMemorySize=16m",
                // The interned-string table's default 65,536 buckets are half a megabyte for a few thousand strings.
                "-XX:StringTableSize=4096",
                // No class-data sharing: measured, the JDK's archive costs ~5 MB more resident memory
                // than loading the classes, and one dumped for the proxy alone breaks even. No perf-data file.
                "-Xshare:off", "-XX:-UsePerfData",
                // The proxy's code needs java.base alone: a one-module boot layer is smaller and
                // keeps the security providers of other modules from being loaded.
                "--limit-modules", feature < 22 ? "java.base,jdk.crypto.ec" : "java.base",
                // A clean restart by the supervisor beats limping on after running out of memory.
                "-XX:+ExitOnOutOfMemoryError"));
        // Give freed native memory back to the OS every second (product option since JDK 22).
        if (feature >= 22) o.add("-XX:TrimNativeHeapInterval=1000");
        // 8-byte object headers (product option since JDK 25).
        if (feature >= 25) o.add("-XX:+UseCompactObjectHeaders");
        return List.copyOf(o);
    }
}
