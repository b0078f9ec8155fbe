package io.signalbox.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import org.junit.jupiter.api.Test;

class UploadContentTypeTest {

    @Test
    void takesAFileTypeWithParametersAsTheWholeBody() {
        UploadContentType type = UploadContentType.of("Text/CSV; charset=utf-8");

        assertThat(type.form()).isFalse();
        assertThat(type.value()).isEqualTo("Text/CSV; charset=utf-8");
    }

    @Test
    void takesAMultipartForm() {
        assertThat(UploadContentType.of("multipart/form-data; boundary=x").form()).isTrue();
    }

    @Test
    void refusesAMissingTypeWith415ListingTheAcceptedOnes() {
        assertThatThrownBy(() -> UploadContentType.of(null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode());
            assertThat(e.code()).isEqualTo("unsupported_media_type");
            assertThat(e.getMessage()).startsWith("the request has no Content-Type; send text/csv, text/plain,"
                    + " application/octet-stream, application/gzip, application/x-gzip (the file as the whole body)"
                    + " or multipart/form-data");
        });
    }

    @Test
    void refusesWhatIsNotAMediaTypeWith415NamingIt() {
        assertThatThrownBy(() -> UploadContentType.of("csv please")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode());
            assertThat(e.getMessage()).startsWith("Content-Type \"csv please\" is not a media type; send text/csv");
        });
    }

    @Test
    void refusesAnotherMediaTypeWith415() {
        assertThatThrownBy(() -> UploadContentType.of("application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode());
                    assertThat(e.getMessage()).startsWith("Content-Type \"application/x-www-form-urlencoded\" is not accepted");
                });
    }
}
