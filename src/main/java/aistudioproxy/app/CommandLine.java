package aistudioproxy.app;

import aistudioproxy.config.ConfigException;
import aistudioproxy.config.Setting;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed arguments: a command ({@code serve} by default, or {@code simulator}), flags, and
 * settings given as {@code --kebab-name value} or {@code --kebab-name=value}.
 */
record CommandLine(String command, boolean help, boolean version, boolean login, String profile, String page, boolean json, boolean walk,
                   List<String> models, Map<Setting, String> settings) {

    CommandLine {
        models = List.copyOf(models);
    }

    static CommandLine parse(String[] args) throws ConfigException {
        String command = "serve";
        boolean help = false, version = false, login = false, json = false, walk = false;
        String page = null, profile = null;
        List<String> models = List.of();
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--login" -> {
                    login = true;
                    settings.put(Setting.HEADLESS, "false");
                }
                case "--simulator" -> settings.put(Setting.SIMULATOR, "true");
                case "--headed" -> settings.put(Setting.HEADLESS, "false");
                case "--json" -> json = true;
                case "--walk" -> walk = true;
                case "--models" -> {
                    if (i + 1 >= args.length) throw new ConfigException("Option --models needs a comma-separated list of model ids.");
                    models = Arrays.stream(args[++i].split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
                }
                case "--profile" -> {
                    if (i + 1 >= args.length) throw new ConfigException("Option --profile needs a name.");
                    profile = args[++i];
                }
                case "--page" -> {
                    if (i + 1 >= args.length) throw new ConfigException("Option --page needs a file.");
                    page = args[++i];
                }
                case "serve", "simulator", "doctor", "browser" -> {
                    // "browser serve …" / "browser doctor …": the browser that command would launch (run.sh asks so)
                    if (i == 1 && command.equals("browser")) continue;
                    if (i != 0) throw new ConfigException("The command '" + a + "' must come first.");
                    command = a;
                }
                default -> {
                    if (!a.startsWith("--")) throw new ConfigException("Unexpected argument '" + a + "'. See --help.");
                    int eq = a.indexOf('=');
                    String name = eq > 0 ? a.substring(0, eq) : a;
                    Setting s = Setting.fromOption(name);
                    if (s == null) throw new ConfigException("Unknown option " + name + ". See --help.");
                    String value;
                    if (eq > 0) value = a.substring(eq + 1);
                    else if (i + 1 < args.length) value = args[++i];
                    else throw new ConfigException("Option " + name + " needs a value.");
                    settings.put(s, value);
                }
            }
        }
        if ((page != null || json || walk || !models.isEmpty()) && !command.equals("doctor") && !command.equals("browser")) {
            throw new ConfigException("--page, --json, --walk and --models belong to the doctor command.");
        }
        if (walk && page != null) throw new ConfigException("--walk drives a live page; it cannot walk a saved one (--page).");
        if (!models.isEmpty() && !walk) throw new ConfigException("--models says which models the walk shows; it needs --walk.");
        if (profile != null && !login) throw new ConfigException("--profile names the login --login saves; it needs --login.");
        return new CommandLine(command, help, version, login, profile, page, json, walk, models, settings);
    }

    static String usage() {
        StringBuilder b = new StringBuilder("""
                aistudio-proxy: an OpenAI-compatible API for Google AI Studio, through a real browser.

                Usage: java -jar aistudio-proxy.jar [serve|simulator|doctor|browser|stream-proxy] [options]
                  serve         run the API server (default)
                  browser       make sure the browser to launch is there (BROWSER_SOURCE: a
                                system Chromium, Chrome or Edge, else Playwright's Chromium,
                                downloaded once), print which; exit 3 with the fix if none
                  simulator     run only the built-in AI Studio simulator and print its URL
                  doctor        show how the driver sees the AI Studio page: which selector of each
                                key matched, the page state, the last answer and thinking;
                                doctor [--page FILE.html] [--json] [--simulator]
                                (--page: a saved page, e.g. DATA_DIR/snapshots/*.html, read offline;
                                exit 1 when a required key matched nothing)
                                doctor --walk [--models ID,ID] [--json] [--simulator]
                                goes through every step of a request on the page (one short run)
                                and reports which key matched in which step; --models: whose
                                thinking controls to show; exit 1 when a key the walk should
                                bring out matched nothing
                  stream-proxy  run only the stream proxy (tier 1), standalone:
                                stream-proxy [--port N] [--intercept HOSTS] [--upstream-proxy URL] [--data-dir DIR]

                Flags:
                  --simulator   serve against the built-in simulator (no Google account needed)
                  --headed      show the browser window
                  --login       open a browser window at AI Studio, wait for you to sign in,
                                save the login under auth_profiles/active/, then exit
                  --profile NAME  with --login: save it as NAME.json (one account per file)
                  --help        this text
                  --version     print the version

                Settings (command line > environment > .env > default):
                """);
        for (Setting s : Setting.values()) {
            b.append(String.format("  %-34s %s%n", s.option() + " VALUE", s.description()));
            b.append(String.format("  %-34s env %s, default: %s%n", "", s.name(), s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue()));
        }
        return b.toString();
    }
}
