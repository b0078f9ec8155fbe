package io.signalbox.processors.signal;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * {@link SignalRules} bound to the positions of their columns in a row of values, evaluated once per bar.
 * Immutable; one instance serves every symbol, whose current and previous values are passed in.
 */
public final class CompiledRules {

    private final Test longWhen;
    private final Test shortWhen;
    private final Test flatWhen;
    private final boolean holdOtherwise;

    /**
     * @param rules the rules
     * @param indexOf the position of a column's value in the rows passed to {@link #signal}
     */
    public CompiledRules(SignalRules rules, ToIntFunction<String> indexOf) {
        this.longWhen = compile(rules.longWhen(), indexOf);
        this.shortWhen = compile(rules.shortWhen(), indexOf);
        this.flatWhen = compile(rules.flatWhen(), indexOf);
        this.holdOtherwise = rules.holdOtherwise();
    }

    /**
     * @param current the bar's values
     * @param previous the previous bar's values of the same symbol (NaN before the first bar)
     * @param previousSignal the previous bar's signal
     * @return the bar's signal: -1, 0 or 1
     */
    public double signal(double[] current, double[] previous, double previousSignal) {
        if (flatWhen != null && flatWhen.test(current, previous)) {
            return 0.0;
        }
        boolean goLong = longWhen != null && longWhen.test(current, previous);
        boolean goShort = shortWhen != null && shortWhen.test(current, previous);
        if (goLong && goShort) {
            return 0.0;
        }
        if (goLong) {
            return 1.0;
        }
        if (goShort) {
            return -1.0;
        }
        return holdOtherwise ? previousSignal : 0.0;
    }

    /**
     * @param holdOtherwise whether a bar without a decision keeps the previous signal
     * @param previousSignal the previous bar's signal
     * @return the signal of a bar that had no uploaded signal
     */
    public static double withoutSignal(boolean holdOtherwise, double previousSignal) {
        return holdOtherwise ? previousSignal : 0.0;
    }

    private interface Test {
        boolean test(double[] current, double[] previous);
    }

    private static Test compile(Condition condition, ToIntFunction<String> indexOf) {
        if (condition == null) {
            return null;
        }
        if (condition instanceof Condition.Crosses crosses) {
            int a = index(crosses.left(), indexOf);
            int b = index(crosses.right(), indexOf);
            double ca = crosses.left().constant();
            double cb = crosses.right().constant();
            if (crosses.above()) {
                return (cur, prev) -> value(prev, a, ca) <= value(prev, b, cb) && value(cur, a, ca) > value(cur, b, cb);
            }
            return (cur, prev) -> value(prev, a, ca) >= value(prev, b, cb) && value(cur, a, ca) < value(cur, b, cb);
        }
        if (condition instanceof Condition.Compare compare) {
            int a = index(compare.left(), indexOf);
            int b = index(compare.right(), indexOf);
            double ca = compare.left().constant();
            double cb = compare.right().constant();
            return switch (compare.comparison()) {
                case GT -> (cur, prev) -> value(cur, a, ca) > value(cur, b, cb);
                case GE -> (cur, prev) -> value(cur, a, ca) >= value(cur, b, cb);
                case LT -> (cur, prev) -> value(cur, a, ca) < value(cur, b, cb);
                case LE -> (cur, prev) -> value(cur, a, ca) <= value(cur, b, cb);
            };
        }
        if (condition instanceof Condition.All all) {
            Test[] parts = compileAll(all.conditions(), indexOf);
            return (cur, prev) -> {
                for (Test part : parts) {
                    if (!part.test(cur, prev)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (condition instanceof Condition.Any any) {
            Test[] parts = compileAll(any.conditions(), indexOf);
            return (cur, prev) -> {
                for (Test part : parts) {
                    if (part.test(cur, prev)) {
                        return true;
                    }
                }
                return false;
            };
        }
        Test inner = compile(((Condition.Not) condition).condition(), indexOf);
        return (cur, prev) -> !inner.test(cur, prev);
    }

    private static Test[] compileAll(List<Condition> conditions, ToIntFunction<String> indexOf) {
        Test[] tests = new Test[conditions.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = compile(conditions.get(i), indexOf);
        }
        return tests;
    }

    private static int index(Condition.Operand operand, ToIntFunction<String> indexOf) {
        return operand.column() == null ? -1 : indexOf.applyAsInt(operand.column());
    }

    private static double value(double[] row, int index, double constant) {
        return index < 0 ? constant : row[index];
    }
}
