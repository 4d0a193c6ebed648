package app.tls;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private key and its certificate chain (leaf first), checked to belong together and to be of
 * a kind we serve: RSA of 2048 bits or more, EC on P-256 or P-384, or Ed25519.
 *
 * @param privateKey the leaf certificate's private key
 * @param chain      the leaf certificate, then the intermediates
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    static final int MIN_RSA_BITS = 2048;

    /**
     * P-256 and P-384 only: the curves browsers and the CA/Browser Forum baseline requirements
     * (§6.1.5) accept; P-521 is allowed there but Chrome dropped it from TLS.
     */
    private static final Map<String, String> CURVES = Map.of(
            "secp256r1", "P-256",
            "1.2.840.10045.3.1.7", "P-256",
            "secp384r1", "P-384",
            "1.3.132.0.34", "P-384");

    /** Throws {@link IllegalArgumentException} with a short reason when the key and chain cannot be served. */
    public KeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        String kind = kind(chain.getFirst().getPublicKey());
        String keyKind = kind(privateKey);
        if (!kind.equals(keyKind)) {
            throw new IllegalArgumentException("the key (" + keyKind + ") does not match the certificate (" + kind + ")");
        }
        if (!signs(privateKey, chain.getFirst().getPublicKey())) {
            throw new IllegalArgumentException("the key does not match the certificate (a different " + kind + " key)");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The lines of the start-up log: subject, names, issuer, validity, serial, key. */
    public List<String> description() {
        X509Certificate leaf = leaf();
        return List.of(
                "certificate " + leaf.getSubjectX500Principal().getName(),
                "  names " + String.join(", ", subjectAlternativeNames(leaf)),
                "  issuer " + leaf.getIssuerX500Principal().getName(),
                "  valid " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant(),
                "  serial " + serial(leaf) + ", key " + kind(leaf.getPublicKey()) + ", chain of " + chain.size());
    }

    /**
     * What deserves a WARN at {@code now}: an expired or not yet valid leaf (still served: the
     * operator may be about to replace it), or a chain out of order (RFC 8446 §4.4.2: each
     * certificate SHOULD certify the one before it).
     */
    public List<String> warnings(Instant now) {
        List<String> warnings = new ArrayList<>();
        X509Certificate leaf = leaf();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            warnings.add("the certificate " + leaf.getSubjectX500Principal().getName() + " expired on "
                    + leaf.getNotAfter().toInstant() + "; clients will refuse it");
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            warnings.add("the certificate " + leaf.getSubjectX500Principal().getName() + " is not valid before "
                    + leaf.getNotBefore().toInstant() + "; clients will refuse it");
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                warnings.add("certificate " + (i + 1) + " in the chain did not issue certificate " + i
                        + "; the chain should be leaf first, then each issuer");
                break;
            }
        }
        return warnings;
    }

    /** The leaf's serial number in hex, as browsers show it. */
    public static String serial(X509Certificate certificate) {
        return HexFormat.ofDelimiter(":").formatHex(certificate.getSerialNumber().toByteArray());
    }

    /** "RSA 2048", "EC P-256", "Ed25519"; anything else is refused here. */
    static String kind(Key key) {
        return switch (key) {
            case RSAKey rsa when key.getAlgorithm().equals("RSA") -> {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("an RSA key of " + bits + " bits is too weak; " + MIN_RSA_BITS
                            + " or more are needed");
                }
                yield "RSA " + bits;
            }
            case ECKey ec -> "EC " + curve(ec);
            case EdECKey ed when ed.getParams().getName().equals("Ed25519") -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm()
                    + " (RSA, EC P-256/P-384 and Ed25519 are supported)");
        };
    }

    private static String curve(ECKey key) {
        String oid;
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            // The JDK names the curve ("secp256r1"); other providers may give the OID.
            oid = parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("an EC key on an unnamed curve; P-256 or P-384 are supported");
        }
        String name = CURVES.get(oid);
        if (name == null) {
            throw new IllegalArgumentException("an EC key on curve " + oid + "; P-256 or P-384 are supported");
        }
        return name;
    }

    /**
     * Whether the private key signs what the certificate's public key verifies: the one check that
     * works alike for RSA, EC and EdDSA (an EC or EdDSA public key cannot be derived through the API).
     */
    private static boolean signs(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        byte[] message = "http-server key check".getBytes(StandardCharsets.US_ASCII);
        try {
            var signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable subjectAltName)");
        }
        if (names == null) {
            return List.of("(no subjectAltName)");
        }
        // GeneralName tags (RFC 5280 §4.2.1.6): 2 dNSName, 7 iPAddress; others are rare on servers.
        return names.stream()
                .map(name -> switch ((Integer) name.get(0)) {
                    case 2 -> "DNS:" + name.get(1);
                    case 7 -> "IP:" + name.get(1);
                    default -> "other:" + name.get(1);
                })
                .toList();
    }
}
