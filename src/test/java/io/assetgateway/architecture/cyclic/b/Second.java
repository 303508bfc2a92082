package io.assetgateway.architecture.cyclic.b;

/** The other half of the deliberate cycle. */
public class Second {
  public io.assetgateway.architecture.cyclic.a.First back;
}
