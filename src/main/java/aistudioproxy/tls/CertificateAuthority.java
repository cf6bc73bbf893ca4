package aistudioproxy.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Issues X.509 certificates with the JDK alone (no BouncyCastle): a self-signed CA, and per-host
 * leaf certificates signed by it. Keys are EC P-256, which the JDK generates in about a
 * millisecond, so a certificate per intercepted host costs little.
 */
public final class CertificateAuthority {
    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys;
    private final X509Certificate caCert;

    public CertificateAuthority(KeyPair caKeys, X509Certificate caCert) {
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    /** A new CA named {@code commonName}, valid ten years. */
    public static CertificateAuthority create(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] name = name(commonName);
        List<byte[]> ext = List.of(
                extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                extension("2.5.29.15", true, Der.bits(new byte[] {(byte) 0x06})));
        X509Certificate cert = sign(keys.getPrivate(), name, name, keys, now.minusDays(1), now.plusYears(10), ext);
        return new CertificateAuthority(keys, cert);
    }

    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public X509Certificate certificate() {
        return caCert;
    }

    public KeyPair keys() {
        return caKeys;
    }

    /** A server certificate for {@code host} (a DNS name or an IP literal), valid one year. */
    public Issued issue(String host) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] san = isIpLiteral(host)
                ? Der.tlv(0x87, ipBytes(host))
                : Der.tlv(0x82, host.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        List<byte[]> ext = new ArrayList<>();
        ext.add(extension("2.5.29.19", true, Der.sequence()));
        ext.add(extension("2.5.29.15", true, Der.bits(new byte[] {(byte) 0x80})));
        ext.add(extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))));
        ext.add(extension("2.5.29.17", false, Der.sequence(san)));
        byte[] issuer = caCert.getSubjectX500Principal().getEncoded();
        X509Certificate cert = sign(caKeys.getPrivate(), issuer, name(host), keys, now.minusDays(1), now.plusYears(1), ext);
        return new Issued(keys, cert, caCert);
    }

    /** A leaf certificate with its key and the chain up to the CA. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate ca) {}

    private static X509Certificate sign(PrivateKey signer, byte[] issuer, byte[] subject, KeyPair subjectKeys,
                                        ZonedDateTime from, ZonedDateTime to, List<byte[]> extensions) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(64, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.time(from), Der.time(to)),
                subject,
                subjectKeys.getPublic().getEncoded(),
                Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(signer);
        s.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm, Der.bits(s.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value)) : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    /** True for an IPv4 dotted quad or anything with a colon (IPv6); such hosts get an IP SAN and no SNI. */
    public static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    private static byte[] ipBytes(String host) throws GeneralSecurityException {
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new GeneralSecurityException("not an IP literal: " + host, e);
        }
    }
}
