package app.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * A private key from its PEM block: PKCS#8 ({@code PRIVATE KEY}, RFC 5208/5958), PKCS#1
 * ({@code RSA PRIVATE KEY}, RFC 8017 App. A.1.2) or SEC1 ({@code EC PRIVATE KEY}, RFC 5915).
 * The JDK reads only PKCS#8, so the other two are wrapped into a PKCS#8 envelope first.
 */
final class PrivateKeys {

    static final String PKCS8 = "PRIVATE KEY";
    static final String PKCS1 = "RSA PRIVATE KEY";
    static final String SEC1 = "EC PRIVATE KEY";
    static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
    static final List<String> LABELS = List.of(PKCS8, PKCS1, SEC1, ENCRYPTED_PKCS8);

    static final String RSA_OID = "1.2.840.113549.1.1.1";
    static final String EC_OID = "1.2.840.10045.2.1";
    static final String ED25519_OID = "1.3.101.112";

    /** The AlgorithmIdentifier OID → the JDK's KeyFactory name. */
    private static final Map<String, String> KEY_FACTORIES = Map.of(
            RSA_OID, "RSA",
            EC_OID, "EC",
            ED25519_OID, "Ed25519");

    /** OBJECT IDENTIFIER values (without tag and length) of the two algorithms we wrap. */
    private static final byte[] RSA_OID_VALUE = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID_VALUE = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PrivateKeys() {}

    /** The key in {@code block}; a problem is an {@link IllegalArgumentException} with a short reason. */
    static PrivateKey decode(Pem.Block block) {
        // OpenSSL's legacy encryption marks PKCS#1 and SEC1 blocks with this RFC 1421 header.
        if (block.label().equals(ENCRYPTED_PKCS8) || block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
            throw new IllegalArgumentException(
                    "the key is encrypted; give an unencrypted key (openssl pkey -in KEY -out PLAIN.pem)");
        }
        byte[] pkcs8 = switch (block.label()) {
            case PKCS8 -> block.der();
            case PKCS1 -> wrap(Der.sequence(Der.element(Der.OID, RSA_OID_VALUE), Der.nullValue()), block.der());
            case SEC1 -> wrap(Der.sequence(Der.element(Der.OID, EC_OID_VALUE), sec1Curve(block.der())), block.der());
            default -> throw new IllegalArgumentException("a " + block.label() + " block is not a private key");
        };
        String algorithm = KEY_FACTORIES.get(algorithmOid(pkcs8));
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported key algorithm " + algorithmOid(pkcs8)
                    + " (RSA, EC P-256/P-384 and Ed25519 are supported)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("malformed " + algorithm + " private key (" + e.getMessage() + ")");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING privateKey } (RFC 5208 §5). */
    private static byte[] wrap(byte[] algorithmIdentifier, byte[] innerKey) {
        return Der.sequence(Der.integer(0), algorithmIdentifier, Der.octetString(innerKey));
    }

    /**
     * The named-curve OID from a SEC1 key's {@code [0] parameters} (RFC 5915 §3), as a whole DER
     * element. Without it the curve is unknown: PKCS#8 carries it in the AlgorithmIdentifier.
     */
    private static byte[] sec1Curve(byte[] sec1) {
        try {
            var key = new Der.Reader(sec1).next(Der.SEQUENCE).contents();
            key.next(Der.INTEGER);
            key.next(Der.OCTET_STRING);
            if (!key.hasNext() || key.peekTag() != Der.CONTEXT_0) {
                throw new IllegalArgumentException(
                        "the EC key names no curve (SEC1 without parameters); convert it with openssl pkcs8 -topk8 -nocrypt");
            }
            var parameters = key.next().contents();
            if (!parameters.hasNext() || parameters.peekTag() != Der.OID) {
                throw new IllegalArgumentException("the EC key has explicit curve parameters; only named curves are supported");
            }
            return parameters.next().encoding();
        } catch (IllegalArgumentException e) {
            if (e.getMessage().equals("malformed DER")) {
                throw new IllegalArgumentException("malformed EC private key (SEC1)");
            }
            throw e;
        }
    }

    /** The algorithm OID of a PrivateKeyInfo, dotted. */
    private static String algorithmOid(byte[] pkcs8) {
        try {
            var info = new Der.Reader(pkcs8).next(Der.SEQUENCE).contents();
            info.next(Der.INTEGER);
            var algorithm = info.next(Der.SEQUENCE).contents();
            return Der.oidText(algorithm.next(Der.OID).value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed private key (not PKCS#8)");
        }
    }
}
