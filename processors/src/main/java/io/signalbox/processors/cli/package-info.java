/** The command line: {@link io.signalbox.processors.cli.EngineCli} with its process and bench commands. */
package io.signalbox.processors.cli;
