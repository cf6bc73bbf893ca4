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
        if (cli.walk()) return walk(cli, config, selectors, out, err);
        try {
            PageDoctor.Report report;
            if (cli.page() != null) {
                Path file = Path.of(cli.page());
                if (!Files.isRegularFile(file)) {
                    err.println("aistudio-proxy doctor: no such file " + file);
                    return 2;
                }
                report = PageDoctor.inspectSavedPage(settings(config, config.aistudioUrl(), selectors), file);
            } else if (config.simulator()) {
                try (Simulator sim = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()))) {
                    report = PageDoctor.inspectLivePage(settings(config, sim.pageUrl(), selectors));
                }
            } else {
                report = PageDoctor.inspectLivePage(settings(config, config.aistudioUrl(), selectors));
            }
            if (cli.json()) out.println(report.toJson().write());
            else print(report, selectors, out);
            if (!report.missingRequired().isEmpty()) {
                err.println("aistudio-proxy doctor: required selector keys matched nothing: " + String.join(", ", report.missingRequired())
                        + ". Override them in " + Selectors.userFile(config.dataDir()) + " (see README, \"AI Studio changed its page\").");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            err.println("aistudio-proxy doctor: " + e.getMessage());
            return 1;
        }
    }

    /** {@code doctor --walk}: every step of a request on the live page (or the simulator's), key by key. */
    private static int walk(CommandLine cli, Config config, Selectors selectors, PrintStream out, PrintStream err) {
        try {
            DoctorWalk.Report report;
            if (config.simulator()) {
                try (Simulator sim = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()))) {
                    report = DoctorWalk.walkLivePage(settings(config, sim.pageUrl(), selectors), cli.models());
                }
            } else {
                report = DoctorWalk.walkLivePage(settings(config, config.aistudioUrl(), selectors), cli.models());
            }
            if (cli.json()) out.println(report.toJson().write());
            else printWalk(report, out);
            if (!report.missing().isEmpty()) {
                err.println("aistudio-proxy doctor: selector keys the walk should have brought out matched nothing: " + String.join(", ", report.missing())
                        + ". Override them in " + Selectors.userFile(config.dataDir()) + " (see README, \"AI Studio changed its page\").");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            err.println("aistudio-proxy doctor: " + e.getMessage());
            return 1;
        }
    }

    private static void printWalk(DoctorWalk.Report r, PrintStream out) {
        out.println("Walk: " + String.join(" > ", r.steps()));
        for (DoctorWalk.KeyResult k : r.keys()) {
            String what = k.seen() ? k.matched() + "  (in step: " + k.step() + ")"
                    : k.missing() ? "MISSING: nothing matched" : "not shown in this walk (" + k.key().presence().name().toLowerCase(java.util.Locale.ROOT) + " key)";
            out.printf("  %-26s %s%n", k.key().id(), what);
        }
        for (String e : r.stepErrors()) out.println("Step failed: " + e);
        out.println("Answer of the walk's run: " + (r.answer() == null ? "(none)" : r.answer().strip()));
        out.println("Missing keys: " + (r.missing().isEmpty() ? "none" : String.join(", ", r.missing())));
    }

    private static PageSettings settings(Config c, URI url, Selectors selectors) {
        return new PageSettings(url, c.browserExecutablePath(), c.browserWsEndpoint(), c.browserCdpEndpoint(), c.headless(),
                c.simulator() ? null : AuthProfiles.resolve(c.authProfile()), c.upstreamProxy(), false, c.pageOperationTimeout(),
                c.defaultMaxOutputTokens(), c.defaultTemperature(), c.defaultTopP(), c.defaultStopSequences(), false,
                c.pseudoStreamChunkChars(), selectors, null);
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
