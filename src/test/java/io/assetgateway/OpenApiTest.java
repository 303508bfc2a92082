package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.web.JsonBodyValidator;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /openapi.json")
class OpenApiTest {

  static void assertConforms(String schemaFile, JsonObject body) {
    Validator validator = Validator.create(JsonSchema.of(JsonBodyValidator.loadSchema(schemaFile)),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://asset-gateway.local/")
            .setOutputFormat(OutputFormat.Basic));
    OutputUnit result = validator.validate(body);
    assertTrue(result.getValid(), () -> schemaFile + " rejects " + body.encode() + ": " + result.toJson().encode());
  }

  @Test
  @DisplayName("is a valid OpenAPI 3.1 document of exactly the routes the router serves")
  void validAndComplete() throws Exception {
    GatewayServer server = TestGateway.shared();
    Api.Reply reply = new Api(server.port()).send("GET", "/openapi.json", Map.of());
    assertEquals(200, reply.status());
    JsonObject doc = reply.json();
    assertEquals("3.1.0", doc.getString("openapi"));
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract.from(vertx, doc.copy()).await(30, TimeUnit.SECONDS); // fails on an invalid document; it edits its input
    } finally {
      vertx.close();
    }
    Set<String> documented = new HashSet<>();
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames()
        .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    assertEquals(server.servedRoutes(), documented, "served routes and documented routes are the same set");
  }

  @Test
  @DisplayName("real responses validate against the schemas the document uses")
  void responsesConform() throws Exception {
    Api api = new Api(TestGateway.shared().port());
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    Api.Reply token = api.token(client.apiKey(), client.apiSecret());
    assertConforms("token", token.json());
    String bearer = token.json().getString("token");
    Api.Reply wallet = api.postJson(bearer, "/api/v1/wallets", new JsonObject().put("wallet_name", "w"));
    assertConforms("wallet", wallet.json());
    String walletId = wallet.json().getString("wallet_id");
    for (int i = 0; i < 100 && !"ACTIVE".equals(api.get(bearer, "/api/v1/wallets/" + walletId).json().getString("status")); i++) {
      Thread.sleep(50);
    }
    Api.Reply account = api.postJson(bearer, "/api/v1/accounts",
        new JsonObject().put("wallet_id", walletId).put("chain", "tron"));
    assertConforms("account", account.json());
    Api.Reply asset = api.addAsset(bearer, new JsonObject().put("account_id", account.json().getString("account_id"))
        .put("symbol", "TRX"));
    assertConforms("asset", asset.json());
    assertConforms("asset", api.get(bearer, "/api/v1/assets/" + asset.json().getString("asset_id")).json());
    JsonObject page = api.get(bearer, "/api/v1/assets").json();
    page.getJsonArray("data").forEach(item -> assertConforms("asset", (JsonObject) item));
    assertConforms("error", api.addAsset(bearer, new JsonObject().put("symbol", "ETH")).json());
    assertConforms("error", api.send("GET", "/nope", Map.of()).json());
    assertConforms("health", api.send("GET", "/health", Map.of()).json());
    String bitcoin = fx.account(client.clientId(), "bitcoin", ChainFamily.BITCOIN);
    assertConforms("asset", api.addAsset(bearer, new JsonObject().put("account_id", bitcoin).put("symbol", "BTC")).json());
    assertConforms("asset", api.addAsset(bearer, new JsonObject().put("account_id", account.json().getString("account_id"))
        .put("symbol", "USDT")).json()); // a TRC20 token, with a contract address
  }
}
