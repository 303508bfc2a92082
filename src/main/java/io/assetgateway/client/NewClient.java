package io.assetgateway.client;

/** A client just created, with the API key and the secret that is shown only this once. */
public record NewClient(Client client, String apiKey, String apiSecret) {}
