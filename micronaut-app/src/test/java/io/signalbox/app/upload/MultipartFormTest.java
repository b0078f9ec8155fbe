package io.signalbox.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private static final String BOUNDARY = "b0undary";

    @Test
    void readsRecipeSignalsAndFileInThatOrder() throws IOException {
        MultipartForm form = form(part("recipe", "{}") + part("signals", "s") + part("file", "a,b\n1,2\n") + end());

        assertThat(form.next().text(100)).isEqualTo("{}");
        assertThat(form.next().content().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("s");
        MultipartForm.Part file = form.next();
        assertThat(file.name()).isEqualTo("file");
        assertThat(file.fileName()).isEqualTo("file.csv");
        assertThat(file.content().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("a,b\n1,2\n");
        assertThat(form.next()).isNull();
    }

    @Test
    void theFileEndsInA400NamingAPartThatFollowsIt() {
        MultipartForm form = form(part("file", "a,b\n") + part("recipe", "{}") + end());

        MultipartForm.Part file = form.next();

        assertThatThrownBy(() -> file.content().readAllBytes()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.getMessage()).startsWith("the part \"recipe\" came after the part \"file\"; the parts must come"
                    + " in the order recipe, signals, file");
        });
    }

    @Test
    void theFileEndsInA400WhenTheFormHasNoClosingBoundary() {
        MultipartForm form = form("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\""
                + "\r\n\r\na,b\n1,2\n");

        MultipartForm.Part file = form.next();

        assertThatThrownBy(() -> file.content().readAllBytes()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.getMessage()).isEqualTo("the multipart form ended in or after the part \"file\" without its"
                    + " closing boundary");
        });
    }

    @Test
    void refusesAPartOutOfOrderNamingIt() {
        MultipartForm form = form(part("signals", "s") + part("recipe", "{}") + part("file", "a") + end());
        form.next();

        assertThatThrownBy(form::next).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.getMessage()).startsWith("the part \"recipe\" came after the part \"signals\"");
        });
    }

    @Test
    void refusesAnUnknownPartNamingIt() {
        MultipartForm form = form(part("data", "a") + end());

        assertThatThrownBy(form::next).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.getMessage()).startsWith("the form has an unknown part \"data\"");
        });
    }

    @Test
    void refusesABodyThatIsNoMultipartForm() {
        assertThatThrownBy(() -> new MultipartForm(new ByteArrayInputStream(new byte[0]), "multipart/form-data"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    assertThat(e.getMessage()).startsWith("the body is not a valid multipart form");
                });
    }

    private static MultipartForm form(String body) {
        return new MultipartForm(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "multipart/form-data; boundary=" + BOUNDARY);
    }

    private static String part(String name, String content) {
        String fileName = name.equals("recipe") ? "" : "; filename=\"" + name + ".csv\"";
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" + fileName + "\r\n\r\n"
                + content + "\r\n";
    }

    private static String end() {
        return "--" + BOUNDARY + "--\r\n";
    }
}
