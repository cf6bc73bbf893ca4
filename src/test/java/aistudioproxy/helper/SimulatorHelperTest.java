package aistudioproxy.helper;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GUI_DEFAULT_HELPER_ENDPOINT=simulator: the simulator plays the Helper, the SAPISID comes from the browser. */
class SimulatorHelperTest {
    @Test
    void simulatorPlaysTheHelper() throws Exception {
        try (SimStack stack = new SimStack(Map.of(Setting.GUI_DEFAULT_HELPER_ENDPOINT, "simulator"))) {
            var r = Http.post(stack.chat(), Http.toolsBody(Http.userTurn("What time is it? get_time {\"tz\":\"UTC\"}"), false, ""));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("helper", r.headers().firstValue("X-Response-Tier").orElseThrow());
            assertTrue(r.body().contains("\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\\\"UTC\\\"}\"}"), r.body());
            assertTrue(r.body().contains("\"finish_reason\":\"tool_calls\""), r.body());
        }
    }
}
