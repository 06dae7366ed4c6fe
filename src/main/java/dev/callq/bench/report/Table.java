package dev.callq.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A plain table the HTML and Markdown writers both render.
 *
 * @param mustBeZero  per row: any cell other than "0" in it means events went missing or astray
 * @param highlighted per row: the whole row is suspect (an untrustworthy cell, a missed objective)
 */
record Table(List<String> header, List<List<String>> rows, List<Boolean> mustBeZero, List<Boolean> highlighted) {

    /** Builds a table with a label column and one column per item: clients side by side. */
    static final class SideBySide<T> {
        private final List<T> items;
        private final List<String> header = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final List<Boolean> mustBeZero = new ArrayList<>();

        SideBySide(String corner, List<T> items, Function<T, String> columnName) {
            this.items = items;
            header.add(corner);
            items.forEach(item -> header.add(columnName.apply(item)));
        }

        SideBySide<T> row(String label, Function<T, String> cell) {
            return add(label, cell, false);
        }

        SideBySide<T> zeroRow(String label, Function<T, String> cell) {
            return add(label, cell, true);
        }

        private SideBySide<T> add(String label, Function<T, String> cell, boolean zero) {
            List<String> row = new ArrayList<>();
            row.add(label);
            items.forEach(item -> row.add(cell.apply(item)));
            rows.add(row);
            mustBeZero.add(zero);
            return this;
        }

        Table build() {
            return new Table(List.copyOf(header), List.copyOf(rows), List.copyOf(mustBeZero), noneOf(rows));
        }
    }

    static Table of(List<String> header, List<List<String>> rows) {
        return new Table(header, rows, noneOf(rows), noneOf(rows));
    }

    static Table highlighting(List<String> header, List<List<String>> rows, List<Boolean> highlighted) {
        return new Table(header, rows, noneOf(rows), highlighted);
    }

    private static List<Boolean> noneOf(List<List<String>> rows) {
        return rows.stream().map(r -> false).toList();
    }
}
