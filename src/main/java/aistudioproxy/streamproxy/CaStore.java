package aistudioproxy.streamproxy;

import aistudioproxy.tls.CertificateAuthority;
import aistudioproxy.tls.ServerContexts;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's certificate authority and the per-host certificates it signs, kept under
 * {@code <data dir>/proxy-ca/} as PEM: {@code ca.crt}, {@code ca.key} (mode 0600), and
 * {@code hosts/<host>.pem} (key and certificate, 0600). Created on first start, reused after.
 */
final class CaStore {
    private final Path dir;
    private final CertificateAuthority ca;
    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock issueLock = new java.util.concurrent.locks.ReentrantLock();

    CaStore(Path dataDir) throws IOException, GeneralSecurityException {
        this.dir = dataDir.resolve("proxy-ca");
        Files.createDirectories(dir.resolve("hosts"));
        Path crt = dir.resolve("ca.crt"), key = dir.resolve("ca.key");
        if (Files.isRegularFile(crt) && Files.isRegularFile(key)) {
            X509Certificate cert = readCert(Files.readString(crt));
            ca = new CertificateAuthority(new KeyPair(cert.getPublicKey(), readKey(Files.readString(key))), cert);
        } else {
            ca = CertificateAuthority.create("aistudio-proxy stream proxy CA");
            writePrivate(key, pem("PRIVATE KEY", ca.keys().getPrivate().getEncoded()));
            Files.writeString(crt, pem("CERTIFICATE", ca.certificate().getEncoded()));
        }
    }

    X509Certificate caCertificate() {
        return ca.certificate();
    }

    Path caFile() {
        return dir.resolve("ca.crt");
    }

    /** A server TLS context presenting a certificate for {@code host}, issued once and cached. */
    SSLContext contextFor(String host) throws GeneralSecurityException, IOException {
        SSLContext c = contexts.get(host);
        if (c != null) return c;
        issueLock.lock();
        try {
            c = contexts.get(host);
            if (c != null) return c;
            Path file = dir.resolve("hosts").resolve(host.replaceAll("[^A-Za-z0-9.-]", "_") + ".pem");
            CertificateAuthority.Issued issued;
            if (Files.isRegularFile(file)) {
                String pem = Files.readString(file);
                X509Certificate cert = readCert(pem);
                issued = new CertificateAuthority.Issued(new KeyPair(cert.getPublicKey(), readKey(pem)), cert, ca.certificate());
            } else {
                issued = ca.issue(host);
                writePrivate(file, pem("PRIVATE KEY", issued.keys().getPrivate().getEncoded())
                        + pem("CERTIFICATE", issued.certificate().getEncoded()));
            }
            c = ServerContexts.forIssued(issued);
            contexts.put(host, c);
            return c;
        } finally {
            issueLock.unlock();
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String pem, String type) throws GeneralSecurityException {
        int start = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < 0) throw new GeneralSecurityException("no " + type + " in PEM file");
        return Base64.getMimeDecoder().decode(pem.substring(start + type.length() + 16, end));
    }

    private static X509Certificate readCert(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(block(pem, "CERTIFICATE")));
    }

    private static PrivateKey readKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY")));
    }
}
