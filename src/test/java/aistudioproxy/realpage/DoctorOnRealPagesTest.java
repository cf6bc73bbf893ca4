package aistudioproxy.realpage;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code doctor --page FILE --json} prints what a person reads on a real saved page: an A/B page
 * and a single answer with thinking, if the pages have them (the two shapes of its report). Every
 * page's reading itself is checked by {@link RealPageReadTest} (one browser for all); this checks
 * the doctor's own path around it (a browser launched per page, the JSON it prints).
 */
class DoctorOnRealPagesTest {
    @TestFactory
    Stream<DynamicTest> doctorPrintsTheGroundTruth() throws Exception {
        java.util.Set<String> kinds = new java.util.HashSet<>();
        return RealPages.load().entries().stream()
                .filter(e -> e.comparison() || e.thinking() != null)
                .filter(e -> kinds.add(e.comparison() ? "A/B" : "single"))
                .map(e -> DynamicTest.dynamicTest(e.html().getFileName().toString(), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int code = aistudioproxy.app.DoctorAccess.run(new String[] {"doctor", "--page", e.html().toString(), "--json"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            JsonValue.Obj report = (JsonValue.Obj) Json.parse(out.toString(StandardCharsets.UTF_8));
            JsonValue.Obj state = (JsonValue.Obj) report.get("state").orElseThrow();
            JsonValue.Obj answer = (JsonValue.Obj) report.get("answer").orElseThrow();
            String name = e.html().getFileName().toString();
            assertEquals(e.state(), state.string("phase").orElse(null), name);
            String want = e.comparison() ? e.candidates().getFirst() : e.answer();
            assertEquals(RealPages.norm(want), RealPages.norm(answer.string("text").orElse(null)), name + ": answer");
            assertEquals(RealPages.norm(e.thinking()), RealPages.norm(answer.string("thinking").orElse(null)), name + ": thinking");
            JsonValue.Obj prompt = (JsonValue.Obj) ((JsonValue.Obj) report.get("selectors").orElseThrow()).get("prompt_input").orElseThrow();
            assertEquals(JsonValue.Num.of(1), prompt.get("count").orElseThrow(), name + ": prompt_input count");
        }));
    }
}
