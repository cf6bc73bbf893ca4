package aistudioproxy.http;

import aistudioproxy.json.JsonValue;

/** What the application reports about itself on /health and /api/info. */
public interface ServiceStatus {
    /** True when requests can be served (browser page ready). /health answers 503 otherwise. */
    boolean ready();

    JsonValue.Obj health();

    JsonValue.Obj info();
}
