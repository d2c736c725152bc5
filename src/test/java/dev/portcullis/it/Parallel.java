package dev.portcullis.it;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * Runs one task many times at once inside the server, all released together, and collects the
 * results.
 */
final class Parallel {

  private Parallel() {}

  static <T> List<T> run(ManagedExecutorService executor, int times, Callable<T> task)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      futures.add(
          executor.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }
}
