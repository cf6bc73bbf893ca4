package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;

/**
 * One event on the {@code /_events} channel (SPEC §5), the same type on both sides of it: the
 * proxy publishes them, the main server's stream-proxy tier reads them ({@link ProxyEventCodec}
 * is the one encoding). {@code gen} numbers the GenerateContent requests: {@link Start} opens one
 * when the page's request arrives, {@link Done} or {@link Error} closes it; {@link Quota} comes
 * from the page's jserror reports and carries the newest generation at the time of the report
 * (0 before any); {@link Lost} never crosses the channel: the reader makes it when the channel
 * itself breaks.
 */
public sealed interface ProxyEvent {
    long seq();

    long gen();

    /** The wire name of the event's kind (a constant per type: no pattern switch in the lean proxy process). */
    String kind();

    /** {@code browser}: the label of the browser whose request it is ("" when the proxy requires no credential). */
    record Start(long seq, long gen, String browser) implements ProxyEvent {
        public String kind() {
            return "start";
        }
    }

    record Text(long seq, long gen, String text) implements ProxyEvent {
        public String kind() {
            return "text";
        }
    }

    record Reasoning(long seq, long gen, String text) implements ProxyEvent {
        public String kind() {
            return "reasoning";
        }
    }

    /** A function call of the wire; {@code args} its decoded arguments object. */
    record ToolCall(long seq, long gen, String name, JsonValue.Obj args) implements ProxyEvent {
        public String kind() {
            return "tool_call";
        }
    }

    record Done(long seq, long gen) implements ProxyEvent {
        public String kind() {
            return "done";
        }
    }

    /** {@code status}: the HTTP status when the response had a failing one, else 0. */
    record Error(long seq, long gen, int status, String message) implements ProxyEvent {
        public String kind() {
            return "error";
        }
    }

    record Quota(long seq, long gen, String message) implements ProxyEvent {
        public String kind() {
            return "quota";
        }
    }

    record Lost(String why) implements ProxyEvent {
        public long seq() {
            return 0;
        }

        public long gen() {
            return 0;
        }

        public String kind() {
            return "lost";
        }
    }
}
