package io.assetgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A TCP proxy to PostgreSQL that a test can cut (drop every connection, refuse new ones) and restore. */
public final class CuttableProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile int port;
  private volatile NetServer server;
  private volatile boolean frozen;

  public CuttableProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    listen(0);
  }

  public int port() {
    return port;
  }

  /** Drops every open connection and stops listening: the database is unreachable. */
  public void cut() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    for (NetSocket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /** Stops moving bytes but keeps every connection open, like a network that silently drops packets. */
  public void freeze() {
    frozen = true;
    sockets.forEach(NetSocket::pause);
  }

  public void thaw() {
    frozen = false;
    sockets.forEach(NetSocket::resume);
  }

  /** Listens again on the same port: the database is back. */
  public void restore() {
    listen(port);
  }

  private void listen(int onPort) {
    NetServer s = vertx.createNetServer().connectHandler(front -> {
      front.pause();
      sockets.add(front);
      client.connect(targetPort, targetHost).onComplete(ar -> {
        if (ar.failed()) {
          front.close();
          return;
        }
        NetSocket back = ar.result();
        sockets.add(back);
        front.handler(back::write);
        back.handler(front::write);
        front.closeHandler(v -> back.close());
        back.closeHandler(v -> front.close());
        if (frozen) {
          back.pause();
        } else {
          front.resume();
        }
      });
    });
    try {
      server = s.listen(onPort, "127.0.0.1").await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("proxy cannot listen on " + onPort, e);
    }
    port = server.actualPort();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
