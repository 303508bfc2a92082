package io.assetgateway.config;

/** Rate-limit settings: on/off, and rate per second with burst for each kind of key. */
public record RateLimits(boolean enabled, int clientPerSecond, int clientBurst, int apiKeyPerSecond, int apiKeyBurst,
    int addressPerSecond, int addressBurst) {}
