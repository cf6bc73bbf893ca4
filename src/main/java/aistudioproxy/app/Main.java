package aistudioproxy.app;

import aistudioproxy.config.Config;
import aistudioproxy.config.ConfigException;
import aistudioproxy.config.ConfigLoader;
import aistudioproxy.config.DotEnv;
import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.LoginFlow;
import aistudioproxy.simulator.SimOptions;
import aistudioproxy.simulator.SimUi;
import aistudioproxy.simulator.Simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Entry point: parse, configure, run until interrupted (Ctrl-C / SIGTERM close everything). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("stream-proxy")) return aistudioproxy.streamproxy.StreamProxyMain.run(args);
        CommandLine cli;
        Config config;
        try {
            cli = CommandLine.parse(args);
            if (cli.help()) {
                System.out.print(CommandLine.usage());
                return 0;
            }
            if (cli.version()) {
                System.out.println("aistudio-proxy " + Version.current());
                return 0;
            }
            config = ConfigLoader.load(cli.settings(), System.getenv(), DotEnv.read(Path.of(".env")));
        } catch (ConfigException e) {
            System.err.println("aistudio-proxy: " + e.getMessage());
            return 2;
        }
        Logging.configure(config.logLevel());
        try {
            if (cli.command().equals("doctor")) return DoctorCommand.run(cli, config, System.out, System.err);
            if (cli.command().equals("browser")) return browserCommand(config);
            if (cli.login()) return login(config, cli.profile());
            AutoCloseable running = cli.command().equals("simulator") ? startSimulator(config) : Application.start(config);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    running.close();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
                stop.countDown();
            }, "shutdown"));
            stop.await();
            return 0;
        } catch (Exception e) {
            System.err.println("aistudio-proxy: failed to start: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code browser}: makes sure the browser the server would launch is there (searching, then
     * downloading Playwright's), prints which, and exits 0; exits 3 with the fix when there is
     * none. {@code run.sh} runs it before starting the server.
     */
    private static int browserCommand(Config config) {
        BrowserChoice choice = BrowserSetup.choose(config, config.headless());
        if (choice instanceof BrowserChoice.Missing m) {
            System.err.println("aistudio-proxy: " + m.fix());
            return 3;
        }
        System.out.println("browser: " + choice.describe());
        return 0;
    }

    /**
     * {@code --login [--profile NAME]}: a browser at AI Studio (the simulator's page with
     * {@code --simulator}) until the user is signed in, then the login saved as {@code NAME.json}
     * (else {@code profile-<time>.json}) in {@code AUTH_PROFILES_DIR}.
     */
    private static int login(Config config, String profile) throws Exception {
        Path file;
        try {
            file = profile != null ? AuthProfiles.named(config, profile)
                    : config.authProfilesDir().resolve("profile-" + java.time.Instant.now().toString().replace(':', '-') + ".json");
        } catch (IllegalArgumentException e) {
            System.err.println("aistudio-proxy: " + e.getMessage());
            return 2;
        }
        try (Simulator sim = config.simulator() ? Simulator.start(SimOptions.defaults()) : null) {
            java.net.URI url = sim != null ? sim.pageUrl() : config.aistudioUrl();
            return LoginFlow.run(url, BrowserSetup.choose(config, config.headless()), file, config.headless(), sim != null) ? 0 : 1;
        }
    }

    private static Simulator startSimulator(Config config) throws java.io.IOException {
        Simulator s = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()));
        System.out.println("Simulator page: " + s.pageUrl());
        System.out.println("Helper endpoint: " + s.helperUrl());
        return s;
    }
}
