package aistudioproxy.testing;

import aistudioproxy.app.Application;
import aistudioproxy.config.Config;
import aistudioproxy.config.ConfigLoader;
import aistudioproxy.config.Setting;

import java.util.EnumMap;
import java.util.Map;

/** The whole product in simulator mode: real Chromium, simulator, queue, API on port 0. */
public final class SimStack implements AutoCloseable {
    public final Application app;

    public SimStack(Map<Setting, String> overrides) throws Exception {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.SIMULATOR, "true");
        s.put(Setting.PORT, "0");
        s.put(Setting.STREAM_PORT, "0");
        s.put(Setting.KEY_FILE, "target/no-such-key-file");
        s.put(Setting.EXCLUDED_MODELS_FILE, "target/no-such-exclusions");
        s.put(Setting.SMART_DELAY, "false");
        s.put(Setting.PAGE_OPERATION_TIMEOUT_MS, "15000");
        s.put(Setting.SIMULATOR_AB_EVERY, "0");
        // The browser suite runs against either layout: mvn verify -Dsimulator.ui=legacy
        s.put(Setting.SIMULATOR_UI, System.getProperty("simulator.ui", "current"));
        s.putAll(overrides);
        Config config = ConfigLoader.load(s, Map.of(), Map.of());
        app = Application.start(config);
        long end = System.nanoTime() + 90_000_000_000L;
        while (!app.settled()) {
            if (System.nanoTime() > end) {
                app.close();
                throw new IllegalStateException("page never became ready: " + app.page().notReadyReason());
            }
            Thread.sleep(50);
        }
    }

    public SimStack() throws Exception {
        this(Map.of());
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public String chat() {
        return base() + "/v1/chat/completions";
    }

    @Override
    public void close() {
        app.close();
    }
}
