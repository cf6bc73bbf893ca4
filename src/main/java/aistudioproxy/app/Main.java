package aistudioproxy.app;

import aistudioproxy.config.Config;
import aistudioproxy.config.ConfigException;
import aistudioproxy.config.ConfigLoader;
import aistudioproxy.config.DotEnv;
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
            if (cli.login()) return LoginFlow.run(config.aistudioUrl(), config.browserExecutablePath(), AuthProfiles.ACTIVE_DIR) ? 0 : 1;
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

    private static Simulator startSimulator(Config config) throws java.io.IOException {
        Simulator s = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()));
        System.out.println("Simulator page: " + s.pageUrl());
        System.out.println("Helper endpoint: " + s.helperUrl());
        return s;
    }
}
