package aistudioproxy.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves every {@link Setting} with precedence command line &gt; environment &gt; {@code .env}
 * &gt; default, and validates it. The first invalid value stops loading with a message naming
 * the key.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static Config load(Map<Setting, String> cli, Map<String, String> env, Map<String, String> dotEnv) throws ConfigException {
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = cli.get(s);
            if (v == null) v = env.get(s.name());
            if (v == null) v = dotEnv.get(s.name());
            if (v == null) v = s.defaultValue();
            raw.put(s, v.strip());
        }
        Values v = new Values(raw);
        return new Config(
                v.string(Setting.HOST),
                v.port(Setting.PORT, true),
                v.port(Setting.STREAM_PORT, true),
                v.list(Setting.STREAM_INTERCEPT_HOSTS),
                v.ports(Setting.STREAM_TUNNEL_PORTS),
                (int) v.range(Setting.STREAM_MAX_CONNECTIONS, 8, 100_000),
                v.millis(Setting.STREAM_FIRST_EVENT_TIMEOUT_MS),
                v.millis(Setting.STREAM_STALL_TIMEOUT_MS),
                v.uri(Setting.UNIFIED_PROXY_CONFIG, "http"),
                helperEndpoint(v, raw),
                v.string(Setting.HELPER_SAPISID),
                v.millis(Setting.HELPER_CONNECT_TIMEOUT_MS),
                v.millis(Setting.HELPER_FIRST_BYTE_TIMEOUT_MS),
                v.millis(Setting.HELPER_IDLE_TIMEOUT_MS),
                v.string(Setting.BROWSER_EXECUTABLE_PATH),
                v.choice(Setting.BROWSER_SOURCE, "auto", "system", "playwright"),
                v.string(Setting.BROWSER_WS_ENDPOINT),
                v.string(Setting.BROWSER_CDP_ENDPOINT),
                v.bool(Setting.HEADLESS),
                v.path(Setting.AUTH_PROFILE),
                v.uri(Setting.AISTUDIO_URL, "http", "https"),
                v.list(Setting.API_KEYS),
                v.path(Setting.KEY_FILE),
                (int) v.range(Setting.QUEUE_MAX, 1, 1_000_000),
                v.millis(Setting.QUEUE_TIMEOUT_MS),
                v.millis(Setting.FIRST_TOKEN_TIMEOUT_MS),
                v.millis(Setting.GENERATION_TIMEOUT_MS),
                v.millis(Setting.PAGE_OPERATION_TIMEOUT_MS),
                v.millis(Setting.KEEPALIVE_INTERVAL_MS),
                v.bool(Setting.SMART_DELAY),
                v.range(Setting.MAX_BODY_BYTES, 1024, Integer.MAX_VALUE - 8),
                (int) v.range(Setting.MAX_MESSAGES, 1, 10_000_000),
                v.range(Setting.MAX_PROMPT_CHARS, 1, Integer.MAX_VALUE),
                (int) v.range(Setting.MAX_IMAGES, 0, 10_000),
                v.millis(Setting.WRITE_STALL_TIMEOUT_MS),
                (int) v.range(Setting.MAX_CONNECTIONS, 1, 10_000_000),
                v.range(Setting.MAX_IMAGE_BYTES, 1024, Integer.MAX_VALUE - 8),
                v.bool(Setting.IMAGE_FETCH_ALLOW_PRIVATE),
                v.bool(Setting.CLEAR_CHAT_AFTER_REQUEST),
                v.choice(Setting.FUNCTION_CALLING_MODE, "auto", "native", "emulated"),
                (int) v.range(Setting.PSEUDO_STREAM_CHUNK_CHARS, 1, 1_000_000),
                (int) v.range(Setting.PROMPT_AS_FILE_CHARS, 1000, Integer.MAX_VALUE),
                v.decimal(Setting.DEFAULT_TEMPERATURE, 0, 2),
                v.decimal(Setting.DEFAULT_TOP_P, 0, 1),
                (int) v.range(Setting.DEFAULT_MAX_OUTPUT_TOKENS, 1, 1_000_000),
                v.list(Setting.DEFAULT_STOP_SEQUENCES),
                v.aliases(Setting.MODEL_ALIASES),
                v.path(Setting.EXCLUDED_MODELS_FILE),
                v.bool(Setting.SIMULATOR),
                v.port(Setting.SIMULATOR_PORT, true),
                v.choice(Setting.SIMULATOR_UI, "current", "legacy"),
                (int) v.range(Setting.SIMULATOR_AB_EVERY, 0, 1_000_000),
                v.list(Setting.AUTH_PROFILES).stream().map(java.nio.file.Path::of).toList(),
                v.path(Setting.AUTH_PROFILES_DIR),
                v.choice(Setting.ACCOUNT_ISOLATION, "browser", "context"),
                Duration.ofSeconds(v.range(Setting.QUOTA_COOLDOWN_SECONDS, 1, Duration.ofDays(7).toSeconds())),
                Duration.ofSeconds(v.range(Setting.LOGIN_SAVE_INTERVAL_SECONDS, 0, Duration.ofDays(1).toSeconds())),
                (int) v.range(Setting.SIMULATOR_ACCOUNTS, 1, 8),
                v.counts(Setting.SIMULATOR_QUOTAS),
                v.list(Setting.SIMULATOR_LOGINS),
                v.logLevel(Setting.LOG_LEVEL),
                v.path(Setting.DATA_DIR));
    }

    private static URI helperEndpoint(Values v, Map<Setting, String> raw) throws ConfigException {
        if (!raw.get(Setting.GUI_DEFAULT_HELPER_ENDPOINT).equals("simulator")) return v.uri(Setting.GUI_DEFAULT_HELPER_ENDPOINT, "http", "https");
        if (!v.bool(Setting.SIMULATOR)) {
            throw ConfigException.invalid(Setting.GUI_DEFAULT_HELPER_ENDPOINT, "simulator", "a Helper URL ('simulator' only works with --simulator)");
        }
        return Config.SIMULATOR_HELPER;
    }

    /** Typed reads of the resolved raw values. */
    private record Values(Map<Setting, String> raw) {
        String string(Setting s) {
            return raw.get(s);
        }

        boolean bool(Setting s) throws ConfigException {
            return switch (raw.get(s).toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw ConfigException.invalid(s, raw.get(s), "true or false");
            };
        }

        long range(Setting s, long min, long max) throws ConfigException {
            try {
                long n = Long.parseLong(raw.get(s));
                if (n < min || n > max) throw ConfigException.invalid(s, raw.get(s), "an integer from " + min + " to " + max);
                return n;
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(s, raw.get(s), "an integer from " + min + " to " + max);
            }
        }

        int port(Setting s, boolean zeroAllowed) throws ConfigException {
            return (int) range(s, zeroAllowed ? 0 : 1, 65535);
        }

        Duration millis(Setting s) throws ConfigException {
            return Duration.ofMillis(range(s, 1, Duration.ofDays(7).toMillis()));
        }

        double decimal(Setting s, double min, double max) throws ConfigException {
            try {
                double d = Double.parseDouble(raw.get(s));
                if (!(d >= min && d <= max)) throw ConfigException.invalid(s, raw.get(s), "a number from " + min + " to " + max);
                return d;
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(s, raw.get(s), "a number from " + min + " to " + max);
            }
        }

        List<Integer> counts(Setting s) throws ConfigException {
            List<Integer> out = new ArrayList<>();
            for (String part : list(s)) {
                try {
                    out.add(Integer.parseInt(part));
                    if (out.getLast() >= 0) continue;
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw ConfigException.invalid(s, raw.get(s), "comma-separated whole numbers (0 or more)");
            }
            return out;
        }

        List<Integer> ports(Setting s) throws ConfigException {
            List<Integer> out = new ArrayList<>();
            for (String part : list(s)) {
                try {
                    int n = Integer.parseInt(part);
                    if (n >= 1 && n <= 65535) {
                        out.add(n);
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw ConfigException.invalid(s, raw.get(s), "ports from 1 to 65535, comma-separated");
            }
            return out;
        }

        List<String> list(Setting s) {
            List<String> out = new ArrayList<>();
            for (String part : raw.get(s).split(",")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }

        aistudioproxy.models.ModelAliases aliases(Setting s) throws ConfigException {
            try {
                return aistudioproxy.models.ModelAliases.parse(raw.get(s));
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(s, raw.get(s), "comma-separated glob=model rules (" + e.getMessage() + ")");
            }
        }

        Path path(Setting s) {
            return raw.get(s).isEmpty() ? null : Path.of(raw.get(s));
        }

        /** An absolute URI of one of the schemes, or null when empty. */
        URI uri(Setting s, String... schemes) throws ConfigException {
            String value = raw.get(s);
            if (value.isEmpty()) return null;
            String expected = "an absolute " + String.join(" or ", schemes) + " URL";
            try {
                URI u = new URI(value);
                if (u.getScheme() == null || u.getHost() == null
                        || !Arrays.asList(schemes).contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                    throw ConfigException.invalid(s, redact(value), expected);
                }
                return u;
            } catch (URISyntaxException e) {
                throw ConfigException.invalid(s, redact(value), expected);
            }
        }

        /** One of {@code allowed} (lower-cased). */
        String choice(Setting s, String... allowed) throws ConfigException {
            String v = raw.get(s).toLowerCase(Locale.ROOT);
            if (!List.of(allowed).contains(v)) throw ConfigException.invalid(s, raw.get(s), String.join(" or ", allowed));
            return v;
        }

        String logLevel(Setting s) throws ConfigException {
            String v = raw.get(s).toUpperCase(Locale.ROOT);
            if (!List.of("ERROR", "WARNING", "WARN", "INFO", "DEBUG", "TRACE").contains(v)) {
                throw ConfigException.invalid(s, raw.get(s), "ERROR, WARNING, INFO, DEBUG or TRACE");
            }
            return v.equals("WARN") ? "WARNING" : v;
        }

        /** Hides a password in user:pass@ URLs. */
        private static String redact(String url) {
            return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
        }
    }
}
