package aistudioproxy.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/** Builds server-side {@link SSLContext}s from issued certificates. */
public final class ServerContexts {
    private static final char[] PASSWORD = "in-memory".toCharArray();

    private ServerContexts() {}

    public static SSLContext forIssued(CertificateAuthority.Issued issued) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", issued.keys().getPrivate(), PASSWORD, new Certificate[] {issued.certificate(), issued.ca()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build an in-memory key store", e);
        }
    }

    /** A self-signed server context for {@code host}: a throwaway CA issues its certificate. */
    public static SSLContext selfSigned(String host) throws GeneralSecurityException {
        return forIssued(CertificateAuthority.create("aistudio-proxy simulator CA").issue(host));
    }
}
