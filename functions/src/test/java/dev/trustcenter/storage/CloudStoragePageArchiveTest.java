package dev.trustcenter.storage;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.subprocessors.PageArchive;
import dev.trustcenter.subprocessors.PageArchiveContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The archive contract against Google's in-memory Cloud Storage fake. {@code customOptions(false)}:
 * the fake of {@code getOptions()} throws on any request option, including the {@code
 * ifGenerationMatch=0} precondition the adapter sends (which the fake then ignores; its existence
 * check is what the contract exercises here). It is also a fresh fake per test, where {@code
 * getOptions()} shares one across the JVM.
 */
class CloudStoragePageArchiveTest extends PageArchiveContract {
  private PageArchive archive;

  @BeforeEach
  void freshBucket() {
    Storage storage = LocalStorageHelper.customOptions(false).getService();
    archive = new CloudStoragePageArchive(storage, "trust-archive-test");
  }

  @Override
  protected PageArchive archive() {
    return archive;
  }
}
