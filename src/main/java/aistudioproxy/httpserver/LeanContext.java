package aistudioproxy.httpserver;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A path prefix and its handler (and filters) on a {@link LeanHttpServer}. Authenticators are not supported. */
final class LeanContext extends HttpContext {
    private final String path;
    private final LeanHttpServer server;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private volatile HttpHandler handler;

    LeanContext(String path, HttpHandler handler, LeanHttpServer server) {
        this.path = path;
        this.handler = handler;
        this.server = server;
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
        if (this.handler != null) throw new IllegalArgumentException("handler already set");
        this.handler = handler;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator auth) {
        throw new UnsupportedOperationException("authenticators are not supported by this server; check credentials in the handler");
    }

    @Override
    public Authenticator getAuthenticator() {
        return null;
    }
}
