package aistudioproxy.config;

/** A configuration value is invalid; the message names the key and says what is expected. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(Setting key, String value, String expected) {
        return new ConfigException("Invalid " + key.name() + "=" + value + ": expected " + expected + ".");
    }
}
