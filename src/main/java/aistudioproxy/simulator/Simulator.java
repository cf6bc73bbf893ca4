package aistudioproxy.simulator;

import aistudioproxy.tls.ServerContexts;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for AI Studio (SPEC §10): the chat page on one HTTPS origin and its RPCs on
 * another, as on the real site, both on loopback with a self-signed certificate. Start with
 * {@link #start}; {@link #close()} stops both servers.
 */
public final class Simulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Simulator.class.getName());
    private static final String HOST = "127.0.0.1";

    private final HttpsServer page;
    private final HttpsServer rpc;
    private final RpcRoutes rpcRoutes;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SimState state = new SimState();

    private Simulator(SimOptions options) throws IOException, GeneralSecurityException {
        SSLContext tls = ServerContexts.selfSigned(HOST);
        page = HttpsServer.create(new InetSocketAddress(HOST, options.pagePort()), 256);
        rpc = HttpsServer.create(new InetSocketAddress(HOST, 0), 256);
        for (HttpsServer s : List.of(page, rpc)) {
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            s.setExecutor(executor);
        }
        state.quotas(options.quotas());
        state.knownLogins(options.logins());
        rpcRoutes = new RpcRoutes(state, options, origin(page));
        rpc.createContext("/", rpcRoutes::handle);
        page.createContext("/", new PageRoutes(state, new HelperRoute(state), origin(rpc), options)::handle);
    }

    public static Simulator start(SimOptions options) throws IOException {
        try {
            Simulator s = new Simulator(options);
            s.page.start();
            s.rpc.start();
            LOG.log(Level.INFO, "simulator_started page={0} rpc={1}", s.pageUrl(), origin(s.rpc));
            return s;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the simulator's TLS certificate", e);
        }
    }

    private static String origin(HttpsServer s) {
        return "https://" + HOST + ":" + s.getAddress().getPort();
    }

    /** The chat page, the simulator's counterpart of {@code AISTUDIO_URL}. */
    public URI pageUrl() {
        return URI.create(origin(page) + "/prompts/new_chat");
    }

    public URI rpcOrigin() {
        return URI.create(origin(rpc));
    }

    /** The Helper endpoint (SPEC §6) for tier-2 tests. */
    public URI helperUrl() {
        return URI.create(origin(page) + "/helper/getStreamResponse");
    }

    /** host:port of both origins, for the stream proxy's intercept list. */
    public List<String> hosts() {
        return List.of(HOST + ":" + page.getAddress().getPort(), HOST + ":" + rpc.getAddress().getPort());
    }

    public SimState state() {
        return state;
    }

    @Override
    public void close() {
        rpcRoutes.close();
        page.stop(0);
        rpc.stop(0);
        executor.shutdownNow();
    }
}
