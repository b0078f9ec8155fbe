package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.tenant.Tenant;

/**
 * Downloads of results: {@code GET} streams the result, whole or one byte range, with its size, entity tag and
 * digest; {@code HEAD} answers the same headers without reading anything. Binds, delegates, maps to HTTP.
 */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ResultController {

    /** RFC 9530: the digest of the whole representation, whichever part of it an answer carries. */
    static final String REPR_DIGEST = "Repr-Digest";

    private final ResultDownloads downloads;
    private final DownloadCompletions completions;

    ResultController(ResultDownloads downloads, DownloadCompletions completions) {
        this.downloads = downloads;
        this.completions = completions;
    }

    @Get(value = "/{id}/result", headRoute = false)
    HttpResponse<?> download(HttpRequest<?> request, Tenant tenant, @PathVariable String id,
            @Nullable @Header(HttpHeaders.RANGE) String range, @Nullable @Header(HttpHeaders.IF_RANGE) String ifRange,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Nullable @Header(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ResultAnswer answer;
        try {
            answer = downloads.get(tenant, id, new ResultDownloads.Conditions(range, ifRange, ifNoneMatch,
                    ifModifiedSince));
        } catch (UnsatisfiableRangeException e) {
            request.setAttribute(UnsatisfiableRangeFilter.REPRESENTATION_LENGTH, e.representationLength());
            throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable", e.getMessage());
        }
        if (answer instanceof ResultAnswer.Body body) {
            ResultHeaders headers = body.headers();
            // Conditional requests were answered above; the file writer's own If-Modified-Since check would answer
            // 304 and leave the object's stream open, so it gets a time no HTTP date can name.
            StreamedFile file = new StreamedFile(body.content(), mediaType(headers.contentType()), Long.MIN_VALUE,
                    body.contentLength()).attach(headers.fileName());
            MutableHttpResponse<StreamedFile> response = body.range() == null ? HttpResponse.ok(file)
                    : HttpResponse.<StreamedFile>status(HttpStatus.PARTIAL_CONTENT).body(file)
                            .header(HttpHeaders.CONTENT_RANGE, body.range().contentRange(headers.length()));
            String token = completions.register(bytes -> downloads.delivered(body, bytes));
            return describe(response, headers).header(DownloadCompletions.TOKEN_HEADER, token);
        }
        return describe(HttpResponse.notModified(), answer.headers());
    }

    @Head("/{id}/result")
    HttpResponse<?> head(Tenant tenant, @PathVariable String id) {
        ResultHeaders headers = downloads.head(tenant, id);
        return describe(HttpResponse.ok(), headers)
                .contentType(mediaType(headers.contentType()))
                .contentLength(headers.length())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + headers.fileName() + "\"");
    }

    private static <T> MutableHttpResponse<T> describe(MutableHttpResponse<T> response, ResultHeaders headers) {
        response.header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        response.getHeaders().lastModified(headers.lastModified().toEpochMilli());
        if (headers.entityTag() != null) {
            response.header(HttpHeaders.ETAG, headers.entityTag()).header(REPR_DIGEST, headers.reprDigest());
        }
        return response;
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.of(contentType);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
