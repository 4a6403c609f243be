package dev.trustcenter.subprocessors;

import java.util.Optional;

/**
 * Keeps the raw pages fetched from vendors as evidence of what they published on a given day.
 * Adapters: Cloud Storage ({@code storage.CloudStoragePageArchive}) and a local folder ({@code
 * filestore.FilePageArchive}); both pass {@code PageArchiveContract}.
 *
 * <p>Contract: objects are named by {@link ArchivedPage#namesFor}; an object is never overwritten.
 * Archiving the same bytes for the same vendor again on the same UTC day stores nothing new and
 * answers the existing names (so Scheduler retries and concurrent runs are harmless), and it needs
 * no permission to list or read the bucket: the name itself is the idempotency key.
 */
public interface PageArchive {

  /**
   * Stores {@code page}'s bytes and a JSON metadata sidecar (vendor, URLs, status, content type,
   * fetch time, size, SHA-256) unless they are already stored.
   *
   * @throws ArchiveException the archive could not be written; nothing else is affected
   */
  ArchivedPage archive(String vendor, FetchedPage page);

  /** The bytes of an archived object (page or sidecar), if it exists. */
  Optional<byte[]> read(String name);

  /** The archive could not be written or read. */
  final class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
