package io.signalbox.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, the build context of the one container image, from anywhere inside it. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /**
     * The nearest directory at or above {@code start} that holds the root {@code pom.xml} next to
     * {@code infra-cdk/}, provided it also holds the {@code Dockerfile}.
     *
     * @throws IllegalStateException when no such directory exists or it has no Dockerfile
     */
    public static Path locate(Path start) {
        Path candidate = start.toAbsolutePath().normalize();
        while (candidate != null) {
            if (Files.isRegularFile(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("infra-cdk"))) {
                Path dockerfile = candidate.resolve("Dockerfile");
                if (!Files.isRegularFile(dockerfile)) {
                    throw new IllegalStateException("repository root " + candidate + " has no Dockerfile at "
                            + dockerfile + "; the container image is built from it");
                }
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("no Signalbox repository root (a directory with pom.xml and infra-cdk/) at or"
                + " above " + start.toAbsolutePath().normalize() + "; run the synthesis from inside the repository"
                + " or set the context value imageDirectory");
    }
}
