package io.assetgateway.config;

/**
 * Rate-limit settings: on/off, rate per second with burst for each kind of key, and how many keys each limit tracks
 * at most (its memory bound).
 */
public record RateLimits(boolean enabled, int clientPerSecond, int clientBurst, int apiKeyPerSecond, int apiKeyBurst,
    int addressPerSecond, int addressBurst, int maxKeys) {}
