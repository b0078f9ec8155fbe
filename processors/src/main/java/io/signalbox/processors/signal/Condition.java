package io.signalbox.processors.signal;

import java.util.List;

/**
 * A condition of a signal rule over the values of the current bar (and, for crossovers, the bar before it) of one
 * symbol. Operands name a column (an input field such as {@code close} or a computed one such as {@code rsi_14}) or
 * are numbers. A comparison with an undefined (empty) value is false.
 */
public sealed interface Condition {

    /**
     * @return the column names the condition reads
     */
    List<String> columns();

    /**
     * {@code left} crosses above {@code right}: it was at or below on the previous bar and is above now; or the
     * mirror image for crosses below.
     *
     * @param left the crossing operand
     * @param right the operand crossed
     * @param above true for crosses above, false for crosses below
     */
    record Crosses(Operand left, Operand right, boolean above) implements Condition {
        @Override
        public List<String> columns() {
            return Operand.columns(List.of(left, right));
        }
    }

    /**
     * {@code left op right}.
     *
     * @param left the left operand
     * @param comparison the comparison
     * @param right the right operand
     */
    record Compare(Operand left, Comparison comparison, Operand right) implements Condition {
        @Override
        public List<String> columns() {
            return Operand.columns(List.of(left, right));
        }
    }

    /**
     * All of the conditions hold.
     *
     * @param conditions at least one condition
     */
    record All(List<Condition> conditions) implements Condition {
        @Override
        public List<String> columns() {
            return conditions.stream().flatMap(c -> c.columns().stream()).toList();
        }
    }

    /**
     * At least one of the conditions holds.
     *
     * @param conditions at least one condition
     */
    record Any(List<Condition> conditions) implements Condition {
        @Override
        public List<String> columns() {
            return conditions.stream().flatMap(c -> c.columns().stream()).toList();
        }
    }

    /**
     * The condition does not hold.
     *
     * @param condition the negated condition
     */
    record Not(Condition condition) implements Condition {
        @Override
        public List<String> columns() {
            return condition.columns();
        }
    }

    /** A comparison operator. */
    enum Comparison {
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GE,
        /** Less than. */
        LT,
        /** Less than or equal. */
        LE
    }

    /**
     * A column reference or a constant.
     *
     * @param column the column's name, or {@code null} for a constant
     * @param constant the constant, used when {@code column} is {@code null}
     */
    record Operand(String column, double constant) {

        /**
         * @param column a column name
         * @return an operand reading that column
         */
        public static Operand column(String column) {
            return new Operand(column, Double.NaN);
        }

        /**
         * @param value a number
         * @return a constant operand
         */
        public static Operand constant(double value) {
            return new Operand(null, value);
        }

        static List<String> columns(List<Operand> operands) {
            return operands.stream().filter(o -> o.column() != null).map(Operand::column).toList();
        }
    }
}
