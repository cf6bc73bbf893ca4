package aistudioproxy.app;

import aistudioproxy.config.ConfigException;
import aistudioproxy.config.ConfigLoader;

import java.io.PrintStream;
import java.util.Map;

/** Test access to the {@code doctor} command as {@code java -jar … doctor …} runs it, with chosen output streams. */
public final class DoctorAccess {
    private DoctorAccess() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws ConfigException {
        CommandLine cli = CommandLine.parse(args);
        return DoctorCommand.run(cli, ConfigLoader.load(cli.settings(), Map.of(), Map.of()), out, err);
    }
}
