package io.signalbox.processors.cli;

/** A file named on the command line is not there. */
final class MissingFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MissingFileException(String name) {
        super("no such file: " + name);
    }
}
