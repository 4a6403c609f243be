package dev.trustcenter.filestore;

import dev.trustcenter.evidence.Ed25519;
import dev.trustcenter.evidence.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * The local run's checkpoint signer: an Ed25519 key in {@code <dataDir>/evidence-log.key}, created
 * on first use (owner-only permissions where the file system has them) and kept across restarts, so
 * checkpoints of one data directory always verify with the same key. The file holds the PKCS#8
 * private key and the X.509 public key as PEM.
 */
public final class FileNoteSigner implements NoteSigner {
  static final String FILE = "evidence-log.key";
  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  private final String name;
  private final PrivateKey privateKey;
  private final byte[] publicKey;

  private FileNoteSigner(String name, PrivateKey privateKey, byte[] publicKey) {
    this.name = name;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * The key in {@code dataDir}, created if there is none.
   *
   * @throws UncheckedIOException if the file cannot be read or written
   * @throws IllegalStateException if the file exists but holds no Ed25519 key pair
   */
  public static FileNoteSigner open(Path dataDir, String name) {
    Objects.requireNonNull(name, "name");
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(dataDir, file);
      }
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      byte[] pkcs8 = block(pem, PRIVATE, file);
      byte[] spki = block(pem, PUBLIC, file);
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      FileNoteSigner signer = new FileNoteSigner(name, key, Ed25519.rawPublicKey(spki));
      byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
      if (!Ed25519.verify(signer.publicKey, probe, signer.sign(probe))) {
        throw new IllegalStateException(
            file + " holds a private and a public key that do not belong together");
      }
      return signer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the evidence log key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(file + " holds no usable Ed25519 key: " + e.getMessage(), e);
    }
  }

  private static void create(Path dataDir, Path file) throws IOException, GeneralSecurityException {
    Files.createDirectories(dataDir);
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pem =
        pem(PRIVATE, pair.getPrivate().getEncoded()) + pem(PUBLIC, pair.getPublic().getEncoded());
    Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      // Never replace a key another process created meanwhile: checkpoints already signed would
      // stop verifying.
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // another process won the race; its key is used
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] block(String pem, String type, Path file) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("no " + type + " block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }
}
