package io.signalbox.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

    @TempDir
    Path workspace;

    @Test
    void findsTheRootFromInsideTheInfrastructureModule() throws IOException {
        Path root = repository(true);
        Path nested = Files.createDirectories(root.resolve("infra-cdk/src/main"));
        assertThat(RepositoryRoot.locate(nested)).isEqualTo(root);
    }

    @Test
    void findsTheRootOfThisRepository() {
        assertThat(RepositoryRoot.locate(Path.of("")).resolve("infra-cdk/pom.xml")).isRegularFile();
    }

    @Test
    void rejectsARootWithoutDockerfile() throws IOException {
        Path root = repository(false);
        assertThatThrownBy(() -> RepositoryRoot.locate(root.resolve("infra-cdk")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no Dockerfile at " + root.resolve("Dockerfile"));
    }

    @Test
    void rejectsADirectoryOutsideAnyRepository() throws IOException {
        Path elsewhere = Files.createDirectories(workspace.resolve("elsewhere"));
        assertThatThrownBy(() -> RepositoryRoot.locate(elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Signalbox repository root")
                .hasMessageContaining(elsewhere.toString());
    }

    private Path repository(boolean withDockerfile) throws IOException {
        Path root = Files.createDirectories(workspace.resolve("repo"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("infra-cdk"));
        if (withDockerfile) {
            Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        }
        return root;
    }
}
