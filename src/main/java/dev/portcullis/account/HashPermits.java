package dev.portcullis.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the memory password hashing takes: at most {@code permits} hashes at once (each holds its
 * Argon2 memory), at most {@code maxWaiting} requests waiting for one, none longer than {@code
 * maxWait}. Beyond that the request is turned away with {@link PasswordHashing.Busy} and nothing
 * was checked.
 */
final class HashPermits {

  private final Semaphore permits;
  private final int maxWaiting;
  private final Duration maxWait;
  private final AtomicInteger waiting = new AtomicInteger();

  HashPermits(int permits, int maxWaiting, Duration maxWait) {
    this.permits = new Semaphore(permits, true);
    this.maxWaiting = maxWaiting;
    this.maxWait = maxWait;
  }

  <T> T run(Supplier<T> hash) {
    if (!permits.tryAcquire()) {
      if (waiting.incrementAndGet() > maxWaiting) {
        waiting.decrementAndGet();
        throw new PasswordHashing.Busy();
      }
      try {
        if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new PasswordHashing.Busy();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PasswordHashing.Busy();
      } finally {
        waiting.decrementAndGet();
      }
    }
    try {
      return hash.get();
    } finally {
      permits.release();
    }
  }
}
