package io.signalbox.processors.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The standard streams a command uses.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 */
record Console(InputStream in, PrintStream out, PrintStream err) {
}
