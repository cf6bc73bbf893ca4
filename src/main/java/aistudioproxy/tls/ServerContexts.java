package aistudioproxy.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** Builds server-side {@link SSLContext}s from issued certificates. */
public final class ServerContexts {
    private ServerContexts() {}

    /**
     * A server context presenting {@code issued}. It never asks for client certificates, so it
     * gets a trust manager that trusts none instead of the JDK default, which would read the CA
     * trust store and load its key-store classes into the lean proxy process for nothing.
     */
    public static SSLContext forIssued(CertificateAuthority.Issued issued) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new IssuedKeyManager(issued)}, new TrustManager[] {NO_CLIENTS}, null);
        return ctx;
    }

    /** A self-signed server context for {@code host}: a throwaway CA issues its certificate. */
    public static SSLContext selfSigned(String host) throws GeneralSecurityException {
        return forIssued(CertificateAuthority.create("aistudio-proxy simulator CA").issue(host));
    }

    private static final X509TrustManager NO_CLIENTS = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server context verifies no servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
