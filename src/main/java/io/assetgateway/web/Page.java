package io.assetgateway.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One page of rows and the total number of rows matching. */
public record Page<T>(List<T> rows, long total) {

  /**
   * Runs a list query whose rows carry {@code count(*) OVER () AS total} and whose last two parameters are
   * LIMIT and OFFSET. Past the last page the window sees no rows, so the total then comes from
   * {@code countSql}, which takes the same parameters without those two.
   */
  public static <T> Future<Page<T>> fetch(SqlClient db, String listSql, String countSql, PageRequest page,
      Function<Row, T> mapper, Object... filters) {
    Tuple listArgs = Tuple.from(filters).addInteger(page.size()).addInteger(page.offset());
    return db.preparedQuery(listSql).execute(listArgs).compose(rows -> {
      List<T> items = new ArrayList<>(rows.size());
      long total = -1;
      for (Row row : rows) {
        items.add(mapper.apply(row));
        total = row.getLong("total");
      }
      if (total >= 0) {
        return Future.succeededFuture(new Page<>(items, total));
      }
      return db.preparedQuery(countSql).execute(Tuple.from(filters))
          .map(count -> new Page<>(items, count.iterator().next().getLong(0)));
    });
  }
}
