package io.assetgateway.wallet;

/** A wallet's key material: GENERATING until its sealed seed is stored, then ACTIVE. */
public enum KeyStatus {
  GENERATING, ACTIVE, FAILED
}
