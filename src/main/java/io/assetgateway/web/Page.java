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
   * Runs a list statement whose last two parameters are LIMIT and OFFSET and which answers at least one row: each
   * carries the {@code total} of matching rows (read in the same statement, so from the same snapshot as the page),
   * and its first column is the row's id, NULL on the one row that carries only the total of an empty page.
   */
  public static <T> Future<Page<T>> fetch(SqlClient db, String listSql, PageRequest page, Function<Row, T> mapper,
      Object... filters) {
    Tuple args = Tuple.from(filters).addInteger(page.size()).addInteger(page.offset());
    return db.preparedQuery(listSql).execute(args).map(rows -> {
      if (rows.size() == 0) {
        throw new IllegalStateException("a list statement answers at least the row carrying its total");
      }
      List<T> items = new ArrayList<>(rows.size());
      long total = 0;
      for (Row row : rows) {
        if (row.getValue(0) != null) {
          items.add(mapper.apply(row));
        }
        total = row.getLong("total");
      }
      return new Page<>(items, total);
    });
  }
}
