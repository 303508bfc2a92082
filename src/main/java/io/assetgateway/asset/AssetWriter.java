package io.assetgateway.asset;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent Add Asset requests into multi-row statements (natural batching): a request that
 * finds a free slot goes out at once, alone; requests that arrive while the slots are busy wait and leave
 * together as the next batch. So an idle server answers at single-request latency, and a loaded one
 * amortises the round trip and the commit over many rows. One writer per verticle (event-loop confined).
 */
public final class AssetWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AssetWriter.class);

  private final Function<List<AddRequest>, Future<List<AssetStorage.AddOutcome>>> addBatch;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  /** {@code addBatch} runs one statement for a batch ({@link AssetStorage#addBatch} in production). */
  public AssetWriter(Function<List<AddRequest>, Future<List<AssetStorage.AddOutcome>>> addBatch, int maxBatch,
      int maxInFlight) {
    this.addBatch = addBatch;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Queues the request; the future holds this request's own outcome. */
  public Future<AssetStorage.AddOutcome> add(AddRequest request) {
    Promise<AssetStorage.AddOutcome> promise = Promise.promise();
    queue.add(new Pending(request, promise));
    drain();
    return promise.future();
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        batch.add(queue.poll());
      }
      inFlight++;
      run(batch).onComplete(ar -> {
        inFlight--;
        drain();
      });
    }
  }

  private Future<Void> run(List<Pending> batch) {
    return addBatch.apply(batch.stream().map(Pending::request).toList()).transform(ar -> {
      if (ar.succeeded()) {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).promise().complete(ar.result().get(i));
        }
        return Future.succeededFuture();
      }
      if (batch.size() > 1 && ar.cause() instanceof PgException) {
        // The statement failed as a whole (a deadlock, or one row the database refused): no row of it was
        // written. Retry each request on its own, in arrival order (so the earlier of two duplicates still
        // wins), so that one bad row cannot fail its neighbours.
        LOG.warn("batch of {} failed ({}); retrying its requests one by one", batch.size(), ar.cause().getMessage());
        Future<Void> chain = Future.succeededFuture();
        for (Pending p : batch) {
          chain = chain.compose(v -> run(List.of(p)));
        }
        return chain;
      }
      batch.forEach(p -> p.promise().fail(ar.cause()));
      return Future.succeededFuture();
    });
  }

  private record Pending(AddRequest request, Promise<AssetStorage.AddOutcome> promise) {}
}
