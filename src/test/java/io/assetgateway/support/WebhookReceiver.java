package io.assetgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local webhook receiver on 127.0.0.1 (a plain JDK HTTP server, independent of Vert.x): records every request as it
 * arrives, answers 200 unless told otherwise per path (scripted statuses, or stall until released), and can go down
 * and come back up on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as received: path, headers (case-insensitive names), raw body bytes. */
  public record Delivery(String path, Map<String, String> headers, byte[] body, Instant receivedAt) {
    public String header(String name) {
      return headers.get(name);
    }

    public JsonObject json() {
      return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    public String eventId() {
      return json().getString("event_id");
    }
  }

  private final int port;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private volatile CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  private WebhookReceiver(int port) {
    this.port = port;
  }

  /** A receiver listening on a free port. */
  public static WebhookReceiver start() {
    try (ServerSocket s = new ServerSocket(0)) {
      WebhookReceiver receiver = new WebhookReceiver(s.getLocalPort());
      s.close();
      receiver.up();
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Listens again (on the same port); nothing when already listening. */
  public synchronized void up() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new IllegalStateException("receiver cannot listen on " + port, e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** The next requests to this path get these statuses, in order (then 200 again). */
  public void answer(String path, Integer... statuses) {
    scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(statuses));
  }

  /** Requests to this path are answered only after this many milliseconds (a slow endpoint). */
  public void delay(String path, long millis) {
    delays.put(path, millis);
  }

  /** Forgets the statuses still scripted for this path: 200 from now on. */
  public void clearScript(String path) {
    scripted.remove(path);
  }

  /** Requests to this path are held open, unanswered, until {@link #releaseAll()}. */
  public void stall(String path) {
    stalled.add(path);
  }

  /** Answers every held request and stops holding new ones. */
  public void releaseAll() {
    stalled.clear();
    CountDownLatch old = release;
    release = new CountDownLatch(1);
    old.countDown();
  }

  /** Requests to this path received and not yet answered. */
  public int open(String path) {
    return open.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  public List<Delivery> deliveries(String path) {
    return received.stream().filter(d -> d.path().equals(path)).toList();
  }

  /** Waits until at least {@code count} requests to this path match, and returns the matching ones. */
  public List<Delivery> await(String path, int count, Duration timeout) {
    return await(path, d -> true, count, timeout);
  }

  public List<Delivery> await(String path, Predicate<Delivery> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Delivery> matching = deliveries(path).stream().filter(filter).toList();
      if (matching.size() >= count || System.nanoTime() > deadline) {
        if (matching.size() < count) {
          throw new AssertionError("expected " + count + " deliveries to " + path + " within " + timeout + ", got "
              + matching.size());
        }
        return matching;
      }
      sleep(50);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    AtomicInteger openHere = open.computeIfAbsent(path, p -> new AtomicInteger());
    openHere.incrementAndGet();
    received.add(new Delivery(path, headers, body, Instant.now()));
    try {
      if (stalled.contains(path)) {
        release.await(120, TimeUnit.SECONDS);
      }
      Long delay = delays.get(path);
      if (delay != null) {
        Thread.sleep(delay);
      }
      Deque<Integer> statuses = scripted.get(path);
      Integer status = statuses == null ? null : statuses.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException gone) {
      // the sender went away (timed out, or was killed) while the request was held
    } finally {
      openHere.decrementAndGet();
      exchange.close();
    }
  }

  @Override
  public void close() {
    releaseAll();
    down();
    threads.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
