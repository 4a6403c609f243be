package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.storage.CloudStorageSiteBucket;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessPublishTriggerTest {
  @TempDir Path dataDir;

  @Test
  void
      aBurstOfRequests_publishesInTheBackground_fewerTimesThanAsked_andTheLastRequestIsAlwaysPublished()
          throws Exception {
    try (DocumentStore store = FileDocumentStore.open(dataDir)) {
      AtomicInteger puts = new AtomicInteger();
      CountDownLatch firstStarted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      SiteBucket inner =
          new CloudStorageSiteBucket(LocalStorageHelper.getOptions().getService(), "site");
      SiteBucket slow =
          new SiteBucket() {
            @Override
            public java.util.Map<String, String> list() {
              firstStarted.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return inner.list();
            }

            @Override
            public void put(SiteFile file) {
              puts.incrementAndGet();
              inner.put(file);
            }

            @Override
            public void delete(String path) {
              inner.delete(path);
            }
          };
      SitePublisher publisher =
          new SitePublisher(
              store,
              new SnapshotWriter(365),
              new SiteRenderer(),
              slow,
              null,
              "none",
              () -> URI.create("https://t.example"),
              Clock.systemUTC());
      AtomicInteger runs = new AtomicInteger();
      InProcessPublishTrigger trigger =
          new InProcessPublishTrigger(
              () -> {
                runs.incrementAndGet();
                return publisher;
              });
      trigger.requestPublish("first");
      assertTrue(
          firstStarted.await(20, TimeUnit.SECONDS), "the first publish started in the background");
      for (int i = 0; i < 20; i++) {
        trigger.requestPublish("burst " + i);
      }
      release.countDown();
      assertTrue(trigger.awaitIdle(60));
      trigger.close();
      assertTrue(
          runs.get() == 2,
          "one publish for the first request, one for the whole burst: " + runs.get());
      assertTrue(puts.get() > 0);
    }
  }
}
