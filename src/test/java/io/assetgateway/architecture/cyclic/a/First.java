package io.assetgateway.architecture.cyclic.a;

/** A deliberate package cycle (a -> b -> a) that the architecture rule must reject. */
public class First {
  public io.assetgateway.architecture.cyclic.b.Second next;
}
