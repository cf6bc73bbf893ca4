package aistudioproxy.app;

import aistudioproxy.config.Config;
import aistudioproxy.page.DoctorWalk;
import aistudioproxy.page.PageDoctor;
import aistudioproxy.page.PageSettings;
import aistudioproxy.page.SelectorFileException;
import aistudioproxy.page.SelectorKey;
import aistudioproxy.page.Selectors;
import aistudioproxy.simulator.SimOptions;
import aistudioproxy.simulator.SimUi;
import aistudioproxy.simulator.Simulator;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor [--page FILE.html] [--json]}: prints how the driver sees the AI Studio page (a saved
 * one, or the configured live page, or the simulator's with {@code --simulator}). Exit 0 when
 * every required selector key matched, 1 otherwise (naming them), 2 for bad arguments.
 * {@code doctor --walk [--models …]} goes through a request's steps instead ({@link DoctorWalk})
 * and fails on the keys those steps should have shown.
 */
final class DoctorCommand {
    private DoctorCommand() {}

    static int run(CommandLine cli, Config config, PrintStream out, PrintStream err) {
        Selectors selectors;
        try {
            selectors = Selectors.load(Selectors.userFile(config.dataDir()));
        } catch (SelectorFileException e) {
            err.println("aistudio-proxy doctor: " + e.getMessage());
            return 2;
        }
        try {
            if (cli.walk()) {
                DoctorWalk.Report report = onConfiguredPage(config, selectors, settings -> DoctorWalk.walkLivePage(settings, cli.models()));
                if (cli.json()) out.println(report.toJson().write());
                else printWalk(report, out);
                return verdict(report.missing(), "selector keys the walk should have brought out matched nothing", config, err);
            }
            PageDoctor.Report report;
            if (cli.page() != null) {
                Path file = Path.of(cli.page());
                if (!Files.isRegularFile(file)) {
                    err.println("aistudio-proxy doctor: no such file " + file);
                    return 2;
                }
                report = PageDoctor.inspectSavedPage(settings(config, config.aistudioUrl(), selectors), file);
            } else {
                report = onConfiguredPage(config, selectors, PageDoctor::inspectLivePage);
            }
            if (cli.json()) out.println(report.toJson().write());
            else print(report, selectors, out);
            return verdict(report.missingRequired(), "required selector keys matched nothing", config, err);
        } catch (Exception e) {
            err.println("aistudio-proxy doctor: " + e.getMessage());
            return 1;
        }
    }

    /** What the doctor does with a page's settings. */
    @FunctionalInterface
    private interface Inspection<T> {
        T on(PageSettings settings) throws Exception;
    }

    /** Runs the inspection on the configured page, or on the simulator's (started for it) with {@code --simulator}. */
    private static <T> T onConfiguredPage(Config config, Selectors selectors, Inspection<T> inspection) throws Exception {
        if (!config.simulator()) return inspection.on(settings(config, config.aistudioUrl(), selectors));
        try (Simulator sim = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()))) {
            return inspection.on(settings(config, sim.pageUrl(), selectors));
        }
    }

    /** Exit 0 when nothing is missing; else 1, naming the keys and where to override them. */
    private static int verdict(List<String> missing, String what, Config config, PrintStream err) {
        if (missing.isEmpty()) return 0;
        err.println("aistudio-proxy doctor: " + what + ": " + String.join(", ", missing) + ". Override them in "
                + Selectors.userFile(config.dataDir()) + " (see README, \"AI Studio changed its page\").");
        return 1;
    }

    private static void printWalk(DoctorWalk.Report r, PrintStream out) {
        out.println("Walk: " + String.join(" > ", r.steps()));
        for (DoctorWalk.KeyResult k : r.keys()) {
            String what = k.seen() ? k.matched() + "  (in step: " + k.step() + ")"
                    : k.missing() ? "MISSING: nothing matched" : "not shown in this walk (" + k.key().presence().id() + " key)";
            out.printf("  %-26s %s%n", k.key().id(), what);
        }
        for (String e : r.stepErrors()) out.println("Step failed: " + e);
        out.println("Answer of the walk's run: " + (r.answer() == null ? "(none)" : r.answer().strip()));
        out.println("Missing keys: " + (r.missing().isEmpty() ? "none" : String.join(", ", r.missing())));
    }

    private static PageSettings settings(Config c, URI url, Selectors selectors) {
        return new PageSettings(url, BrowserSetup.choose(c, c.headless()), c.browserWsEndpoint(), c.browserCdpEndpoint(), c.headless(),
                c.simulator() ? null : AuthProfiles.first(c), c.upstreamProxy(), false, c.pageOperationTimeout(),
                c.defaultMaxOutputTokens(), c.defaultTemperature(), c.defaultTopP(), c.defaultStopSequences(), false,
                c.pseudoStreamChunkChars(), c.promptAsFileChars(), selectors, null);
    }

    @SuppressWarnings("unchecked")
    private static void print(PageDoctor.Report r, Selectors selectors, PrintStream out) {
        out.println("Selectors (* = required on every chat page)" + (selectors.overrideFile() == null ? "" : ", with overrides from " + selectors.overrideFile()) + ":");
        for (SelectorKey k : SelectorKey.values()) {
            Map<String, Object> m = (Map<String, Object>) r.selectors().get(k.id());
            Object matched = m == null ? null : m.get("matched");
            out.printf("  %s %-28s %4s  %s%s%n", k.required() ? "*" : " ", k.id(), matched == null ? "-" : m.get("count"),
                    matched == null ? "(nothing matched)" : matched, m != null && m.get("error") != null ? "  ERROR " + m.get("error") : "");
        }
        Map<String, Object> s = r.state();
        out.println("State: " + (Boolean.TRUE.equals(s.get("signedIn")) ? "signed in" : "NOT signed in") + ", " + s.get("phase")
                + ", model " + s.get("model") + ", " + s.get("turns") + " turns");
        out.println("Settings: " + s.get("settings"));
        Map<String, Object> a = r.answer();
        Map<String, Object> ab = (Map<String, Object>) a.get("comparison");
        if (Boolean.TRUE.equals(ab.get("shown"))) out.println("A/B comparison view: " + ((List<?>) ab.get("candidates")).size() + " candidates; the driver takes the first");
        if (Boolean.TRUE.equals(a.get("virtualized")) && a.get("text") == null) out.println("The last answer turn is virtualised (not in the DOM) and did not render when scrolled to.");
        out.println("Answer (read from " + a.get("source") + "):");
        out.println(a.get("text") == null ? "  (none)" : indent(String.valueOf(a.get("text"))));
        out.println("Thinking:");
        out.println(a.get("thinking") == null ? "  (none)" : indent(String.valueOf(a.get("thinking"))));
        if (!((List<?>) a.get("toasts")).isEmpty()) out.println("Toasts: " + a.get("toasts"));
        if (!String.valueOf(a.get("quota")).isEmpty()) out.println("Quota callout: " + a.get("quota"));
        out.println("Missing required keys: " + (r.missingRequired().isEmpty() ? "none" : String.join(", ", r.missingRequired())));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((x, y) -> x + "\n" + y).orElse("  ");
    }
}
