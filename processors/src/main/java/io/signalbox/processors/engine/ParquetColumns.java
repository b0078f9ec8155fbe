package io.signalbox.processors.engine;

import io.signalbox.processors.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The columns of a Parquet result and where each takes its values from in a {@link RowBatch}: {@code timestamp}
 * (INT64, microseconds since the epoch, UTC), {@code symbol} (a string, when the file has symbols), the bar's fields
 * the header has ({@code open} to {@code volume}, DOUBLE), then the computed cells: DOUBLE, null where undefined,
 * except {@code signal} and {@code position}, which are INT32 when the recipe's rules make them (-1, 0, 1) and
 * DOUBLE when they are uploaded weights.
 */
final class ParquetColumns {

    final MessageType schema;
    final ColumnDescriptor timestamp;
    /** {@code null} for a file that is one series. */
    final ColumnDescriptor symbol;
    /** The bar's fields present, and their offsets within a row's {@link RowBatch#bars}. */
    final ColumnDescriptor[] fields;
    final int[] fieldOffsets;
    /** The computed cells, one per output slot, in the order of {@link RowBatch#cells}. */
    final ColumnDescriptor[] cells;
    final boolean[] integral;

    ParquetColumns(EnginePlan plan) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                LogicalTypeAnnotation.TimeUnit.MICROS)).named("timestamp");
        boolean symbols = plan.columns.symbol() >= 0;
        if (symbols) {
            b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("symbol");
        }
        List<Integer> present = new ArrayList<>();
        for (int f = 0; f < ColumnLayout.FIELD_NAMES.length; f++) {
            if (plan.columns.fields()[f] >= 0) {
                present.add(f);
                b.required(PrimitiveTypeName.DOUBLE).named(ColumnLayout.FIELD_NAMES[f]);
            }
        }
        int cellCount = plan.outputNames.size();
        integral = new boolean[cellCount];
        for (int c = 0; c < cellCount; c++) {
            String name = plan.outputNames.get(c);
            integral[c] = plan.signalSource == SignalSource.RULES
                    && (name.equals(Recipe.SIGNAL_COLUMN) || name.equals(Recipe.BACKTEST_COLUMNS.get(0)));
            b.optional(integral[c] ? PrimitiveTypeName.INT32 : PrimitiveTypeName.DOUBLE).named(name);
        }
        schema = b.named("result");
        List<ColumnDescriptor> all = schema.getColumns();
        int at = 0;
        timestamp = all.get(at++);
        symbol = symbols ? all.get(at++) : null;
        fields = new ColumnDescriptor[present.size()];
        fieldOffsets = new int[present.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = all.get(at++);
            fieldOffsets[i] = present.get(i);
        }
        cells = new ColumnDescriptor[cellCount];
        for (int c = 0; c < cellCount; c++) {
            cells[c] = all.get(at++);
        }
    }
}
