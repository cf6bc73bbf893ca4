package aistudioproxy.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Presents one issued certificate (and its CA) on the server side of a TLS handshake, whatever
 * the client asks for. Used instead of a KeyStore plus KeyManagerFactory: same result, without
 * loading the PKCS#12 and password-based-encryption machinery into the lean proxy process.
 * Never acts as a client.
 */
final class IssuedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "issued";
    private final CertificateAuthority.Issued issued;

    IssuedKeyManager(CertificateAuthority.Issued issued) {
        this.issued = issued;
    }

    private boolean fits(String keyType) {
        // JSSE asks with the key algorithm ("EC", "RSA") or, for TLS 1.2 suites, names such as "EC_EC".
        String algorithm = issued.keys().getPrivate().getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {issued.certificate(), issued.ca()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? issued.keys().getPrivate() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
