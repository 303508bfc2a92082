package io.assetgateway.asset;

import io.assetgateway.web.NotAppliedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent Add Asset requests into multi-row statements (natural batching): a request that
 * finds a free slot goes out at once, alone; requests that arrive while the slots are busy wait and leave
 * together as the next batch. So an idle server answers at single-request latency, and a loaded one
 * amortises the round trip and the commit over many rows. One writer per verticle (event-loop confined).
 *
 * <p>Overload is bounded: at most {@code maxQueued} requests wait (a full queue refuses at once), none waits longer
 * than {@code maxQueueWaitMillis}, a request already answered (timed out, or its client gone) is never sent, and the
 * one-by-one retry of a failed batch stops after {@code retryBudgetMillis}. Every refusal is a
 * {@link NotAppliedException}: the request never reached the database.
 */
public final class AssetWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AssetWriter.class);
  private static final NotAppliedException QUEUE_FULL = new NotAppliedException(
      "Too many Add Asset requests are waiting for the database; the request was not applied, and retrying later is safe");
  private static final NotAppliedException WAITED_TOO_LONG = new NotAppliedException(
      "The database is too slow to take this Add Asset request in time; the request was not applied, and retrying"
          + " later is safe");
  private static final NotAppliedException ANSWERED = new NotAppliedException("already answered; not sent");

  /** The bounds of one writer. */
  public record Limits(int maxBatch, int maxInFlight, int maxQueued, long maxQueueWaitMillis, long retryBudgetMillis) {}

  private final Vertx vertx;
  private final Function<List<AddRequest>, Future<List<AssetStorage.AddOutcome>>> addBatch;
  private final Limits limits;
  private final long maxQueueWaitNanos;
  private final long retryBudgetNanos;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean expiryArmed;

  /** {@code addBatch} runs one statement for a batch ({@link AssetStorage#addBatch} in production). */
  public AssetWriter(Vertx vertx, Function<List<AddRequest>, Future<List<AssetStorage.AddOutcome>>> addBatch,
      Limits limits) {
    this.vertx = vertx;
    this.addBatch = addBatch;
    this.limits = limits;
    this.maxQueueWaitNanos = TimeUnit.MILLISECONDS.toNanos(limits.maxQueueWaitMillis());
    this.retryBudgetNanos = TimeUnit.MILLISECONDS.toNanos(limits.retryBudgetMillis());
  }

  /**
   * Queues the request; the future holds this request's own outcome, or a {@link NotAppliedException} when it was
   * refused. {@code answered} says whether its caller has already been answered; such a request is dropped unsent.
   */
  public Future<AssetStorage.AddOutcome> add(AddRequest request, BooleanSupplier answered) {
    if (queue.size() >= limits.maxQueued()) {
      dropAnswered();
      if (queue.size() >= limits.maxQueued()) {
        return Future.failedFuture(QUEUE_FULL);
      }
    }
    Promise<AssetStorage.AddOutcome> promise = Promise.promise();
    queue.add(new Pending(request, answered, System.nanoTime(), promise));
    drain();
    if (!queue.isEmpty() && !expiryArmed) {
      armExpiry();
    }
    return promise.future();
  }

  /** How many requests wait for a free slot now. */
  public int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < limits.maxInFlight() && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), limits.maxBatch()));
      long now = System.nanoTime();
      while (batch.size() < limits.maxBatch() && !queue.isEmpty()) {
        Pending p = queue.poll();
        if (p.answered().getAsBoolean()) {
          p.promise().tryFail(ANSWERED);
        } else if (now - p.queuedAt() >= maxQueueWaitNanos) {
          p.promise().tryFail(WAITED_TOO_LONG);
        } else {
          batch.add(p);
        }
      }
      if (batch.isEmpty()) {
        continue;
      }
      inFlight++;
      Runnable release = new Runnable() {
        private boolean released;

        @Override
        public void run() {
          if (!released) {
            released = true;
            inFlight--;
            drain();
          }
        }
      };
      run(batch, release).onComplete(ar -> release.run());
    }
  }

  /** One timer per writer, armed only while requests wait: refuses the ones that waited too long. */
  private void armExpiry() {
    long delay = queue.peek().queuedAt() + maxQueueWaitNanos - System.nanoTime();
    expiryArmed = true;
    vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delay) + 1), id -> {
      expiryArmed = false;
      long now = System.nanoTime();
      // the queue is in arrival order: the ones that waited too long are at its head
      while (!queue.isEmpty() && (now - queue.peek().queuedAt() >= maxQueueWaitNanos
          || queue.peek().answered().getAsBoolean())) {
        Pending p = queue.poll();
        p.promise().tryFail(p.answered().getAsBoolean() ? ANSWERED : WAITED_TOO_LONG);
      }
      if (!queue.isEmpty()) {
        armExpiry();
      }
    });
  }

  /** Timeouts answer the oldest requests first, so the answered ones gather at the head: O(dropped), not O(queue). */
  private void dropAnswered() {
    while (!queue.isEmpty() && queue.peek().answered().getAsBoolean()) {
      queue.poll().promise().tryFail(ANSWERED);
    }
  }

  /**
   * Runs one batch. {@code release} frees its slot: on success that happens before the batch's requests are answered,
   * so the next batch (the requests that queued meanwhile) is already on its way to the database while this event
   * loop writes the answers; otherwise the database would sit idle for the time it takes to answer a whole batch.
   */
  private Future<Void> run(List<Pending> batch, Runnable release) {
    return addBatch.apply(batch.stream().map(Pending::request).toList()).transform(ar -> {
      if (ar.succeeded()) {
        release.run();
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).promise().tryComplete(ar.result().get(i));
        }
        return Future.succeededFuture();
      }
      if (batch.size() > 1 && oneRowMayBeAtFault(ar.cause())) {
        // The statement failed as a whole (a deadlock, or one row the database refused): no row of it was
        // written. Retry each request on its own, in arrival order (so the earlier of two duplicates still
        // wins), so that one bad row cannot fail its neighbours; within a budget, as the queue waits meanwhile.
        LOG.warn("batch of {} failed ({}); retrying its requests one by one", batch.size(), ar.cause().getMessage());
        return retryOneByOne(batch, System.nanoTime() + retryBudgetNanos);
      }
      batch.forEach(p -> p.promise().tryFail(ar.cause()));
      return Future.succeededFuture();
    });
  }

  private Future<Void> retryOneByOne(List<Pending> batch, long deadline) {
    Future<Void> chain = Future.succeededFuture();
    for (Pending p : batch) {
      chain = chain.compose(v -> {
        if (p.answered().getAsBoolean()) {
          p.promise().tryFail(ANSWERED);
          return Future.succeededFuture();
        }
        if (System.nanoTime() - deadline >= 0) {
          p.promise().tryFail(WAITED_TOO_LONG);
          return Future.succeededFuture();
        }
        return run(List.of(p), () -> {});
      });
    }
    return chain;
  }

  /**
   * Failures that roll the statement back because of what some row carries (integrity 23, data 22, deadlock or
   * serialization 40): worth retrying row by row. A timeout, a lost connection or an overloaded database is not.
   */
  private static boolean oneRowMayBeAtFault(Throwable failure) {
    if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
      return false;
    }
    String state = pg.getSqlState();
    return state.startsWith("23") || state.startsWith("22") || state.startsWith("40");
  }

  private record Pending(AddRequest request, BooleanSupplier answered, long queuedAt,
      Promise<AssetStorage.AddOutcome> promise) {}
}
