package io.assetgateway.http;

import java.util.List;

/** One page of rows and the total number of rows matching. */
public record Page<T>(List<T> rows, long total) {}
